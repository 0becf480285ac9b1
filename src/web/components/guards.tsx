import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/hooks.ts';
import type { Permission } from '../../shared/permissions.ts';
import { LoadError } from './errors.tsx';
import { Forbidden } from './NotFound.tsx';
import { useStaff } from './ProjectContext.tsx';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

function loginPath(location: { pathname: string; search: string }, resident: boolean): string {
  const next = encodeURIComponent(location.pathname + location.search);
  return `/login?${resident ? 'mode=resident&' : ''}next=${next}`;
}

/** Staff pages: no session → login (keeping the intended path); a resident → the portal. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPath(location, false)} replace />;
  if (me.data.kind !== 'staff') return <Navigate to="/portal" replace />;
  return <>{children}</>;
}

/** Portal pages: no session → resident login; a staff member → the staff home. */
export function RequireResident({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPath(location, true)} replace />;
  if (me.data.kind !== 'resident') return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** Inside the staff layout: pages a role may not open show 403 instead of an empty screen. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useStaff();
  return can(permission) ? <>{children}</> : <Forbidden />;
}
