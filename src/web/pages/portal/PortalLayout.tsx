import { LogoutOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { useLogout, useMe } from '../../api/hooks.ts';
import { BrandMark } from '../../components/Brand.tsx';
import { FullPageSpin } from '../../components/guards.tsx';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import { useI18n } from '../../i18n/index.tsx';

/**
 * The resident portal's frame: mobile-first, no staff navigation. Pages under /portal/* render in
 * the body (households now; repairs, bills and notices as they arrive).
 */
export default function PortalLayout() {
  const { t } = useI18n();
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me || me.kind !== 'resident') return <FullPageSpin />;
  const projectNames = me.projects.map((p) => p.name).join('、');

  return (
    <div className="gj-portal">
      <header className="gj-portal-header">
        <Flex align="center" justify="space-between" style={{ maxWidth: 560, margin: '0 auto' }}>
          <Flex align="center" gap={8}>
            <BrandMark size={28} />
            <Typography.Text style={{ color: '#fff', fontWeight: 600 }}>{t('portal.title')}</Typography.Text>
          </Flex>
          <Flex align="center">
            <LanguageSwitcher compact dark />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              style={{ color: 'rgba(255,255,255,0.85)' }}
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login?mode=resident', { replace: true }) })}
              data-testid="portal-logout"
            >
              {t('portal.logout')}
            </Button>
          </Flex>
        </Flex>
        <div style={{ maxWidth: 560, margin: '20px auto 0' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }} data-testid="portal-greeting">
            {t('portal.greeting', { name: me.name })}
          </Typography.Title>
          {projectNames && <Typography.Text style={{ color: 'rgba(255,255,255,0.75)' }}>{projectNames}</Typography.Text>}
        </div>
      </header>
      <main className="gj-portal-body">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
