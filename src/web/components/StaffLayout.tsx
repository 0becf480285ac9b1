import {
  CheckSquareOutlined,
  SwapOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CommentOutlined,
  SmileOutlined,
  DashboardOutlined,
  DownOutlined,
  FormOutlined,
  LikeOutlined,
  MoneyCollectOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SettingOutlined,
  UnorderedListOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  ApartmentOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Layout, Menu, Select, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { StaffMe } from '../../shared/schemas.ts';
import type { Permission } from '../../shared/permissions.ts';
import { useAllProjects, useLogout, useMe } from '../api/hooks.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { Brand, BrandMark } from './Brand.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { FullPageSpin } from './guards.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { LiveEventsProvider } from './LiveEvents.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { StaffContext, readStoredProjectId, storeProjectId, type ProjectRef, type StaffContextValue } from './ProjectContext.tsx';
import { useIsMobile } from './useIsMobile.ts';

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: React.ReactNode;
  group: 'main' | 'desk' | 'engage' | 'stats' | 'records' | 'settings';
  /** Who sees the entry: one permission, or a rule over the signed-in user. */
  permission?: Permission | ((me: StaffMe, can: (p: Permission) => boolean) => boolean);
}

const NAV: NavItem[] = [
  { key: 'overview', path: '/', label: 'menu.overview', icon: <HomeOutlined />, group: 'main' },
  { key: 'intake', path: '/tickets/new', label: 'menu.intake', icon: <FormOutlined />, group: 'desk', permission: 'ticket.create' },
  { key: 'tickets', path: '/tickets', label: 'menu.tickets', icon: <UnorderedListOutlined />, group: 'desk', permission: 'ticket.read' },
  { key: 'visits', path: '/return-visits', label: 'menu.visits', icon: <PhoneOutlined />, group: 'desk', permission: 'ticket.visit' },
  { key: 'duty', path: '/duty', label: 'menu.duty', icon: <ScheduleOutlined />, group: 'desk', permission: 'duty.read' },
  { key: 'registers', path: '/registers', label: 'menu.registers', icon: <ProfileOutlined />, group: 'desk', permission: 'ticket.read' },
  {
    key: 'adopted',
    path: '/suggestions/adopted',
    label: 'menu.adopted',
    icon: <LikeOutlined />,
    group: 'desk',
    permission: 'ticket.read',
  },
  {
    key: 'engage-visits',
    path: '/visits',
    label: 'menu.engageVisits',
    icon: <CarryOutOutlined />,
    group: 'engage',
    permission: 'engagement.read',
  },
  { key: 'forums', path: '/forums', label: 'menu.forums', icon: <CommentOutlined />, group: 'engage', permission: 'engagement.read' },
  { key: 'surveys', path: '/surveys', label: 'menu.surveys', icon: <SmileOutlined />, group: 'engage', permission: 'engagement.read' },
  { key: 'obligations', path: '/obligations', label: 'menu.obligations', icon: <CalendarOutlined />, group: 'stats' },
  { key: 'dashboard', path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined />, group: 'stats', permission: 'ticket.read' },
  {
    key: 'monthly',
    path: '/reports/complaints',
    label: 'menu.monthly',
    icon: <BarChartOutlined />,
    group: 'stats',
    // Supervisors, and company leadership (roles over all projects) that read tickets.
    permission: (me, can) => can('ticket.supervise') || (me.allProjects && can('ticket.read')),
  },
  {
    key: 'property',
    path: '/property',
    label: 'menu.property',
    icon: <ApartmentOutlined />,
    group: 'records',
    permission: 'property.read',
  },
  {
    key: 'customers',
    path: '/customers',
    label: 'menu.customers',
    icon: <IdcardOutlined />,
    group: 'records',
    permission: 'customer.read',
  },
  {
    key: 'completeness',
    path: '/archive/completeness',
    label: 'menu.completeness',
    icon: <CheckSquareOutlined />,
    group: 'records',
    permission: 'customer.read',
  },
  {
    key: 'transfer',
    path: '/archive/transfer',
    label: 'menu.transfer',
    icon: <SwapOutlined />,
    group: 'records',
    permission: (_me, can) => can('archive.import') || can('archive.export'),
  },
  { key: 'staff', path: '/staff', label: 'menu.staff', icon: <TeamOutlined />, group: 'records', permission: 'staff.read' },
  { key: 'policies', path: '/policies', label: 'menu.policies', icon: <SettingOutlined />, group: 'settings', permission: 'policy.manage' },
  { key: 'fees', path: '/fees', label: 'menu.fees', icon: <MoneyCollectOutlined />, group: 'settings', permission: 'policy.manage' },
  {
    key: 'calendar',
    path: '/calendar',
    label: 'menu.calendar',
    icon: <CalendarOutlined />,
    group: 'settings',
    permission: 'company.admin',
  },
  { key: 'audit', path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, group: 'settings', permission: 'audit.read' },
];

const GROUPS: { key: NavItem['group']; label?: MessageKey }[] = [
  { key: 'main' },
  { key: 'desk', label: 'menu.group.desk' },
  { key: 'engage', label: 'menu.group.engage' },
  { key: 'stats', label: 'menu.group.stats' },
  { key: 'records', label: 'menu.group.records' },
  { key: 'settings', label: 'menu.group.settings' },
];

/** The entry a path belongs to: the longest menu path it starts with (/tickets/new before /tickets). */
function sectionOf(pathname: string): string {
  let best: NavItem | undefined;
  for (const n of NAV) {
    const match = n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(`${n.path}/`);
    if (match && (!best || n.path.length > best.path.length)) best = n;
  }
  // A ticket's page (/tickets/123) belongs to the list, not to the intake form.
  if (best?.key === 'intake' && pathname !== '/tickets/new') return 'tickets';
  return best?.key ?? 'overview';
}

/** Detail pages belong to one project; switching project from one goes back to its list. */
function listPathFor(pathname: string): string {
  const section = NAV.find((n) => n.key === sectionOf(pathname));
  return section?.path ?? '/';
}

/** Two-character given names on the avatar, as Chinese apps do (陈思雨 → 思雨); longer names their first character. */
function avatarText(name: string): string {
  const n = name.trim();
  if (/^[\u4e00-\u9fff]{2,3}$/.test(n)) return n.slice(-2);
  return n.slice(0, 1).toUpperCase();
}

export default function StaffLayout() {
  const meQuery = useMe();
  const me = meQuery.data;
  if (!me || me.kind !== 'staff') return <FullPageSpin />;
  return <StaffShell me={me} />;
}

function StaffShell({ me }: { me: StaffMe }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const logout = useLogout();

  const allProjects = useAllProjects(me.allProjects);
  const projects: ProjectRef[] = useMemo(
    () => (me.allProjects && allProjects.data ? allProjects.data.map((p) => ({ id: p.id, code: p.code, name: p.name })) : me.projects),
    [me, allProjects.data],
  );

  const [storedId, setStoredId] = useState<number | undefined>(readStoredProjectId);
  const urlId = Number(searchParams.get('projectId')) || undefined;
  const isKnown = useCallback((id: number | undefined) => !!id && projects.some((p) => p.id === id), [projects]);
  const projectId = isKnown(urlId) ? urlId : isKnown(storedId) ? storedId : projects[0]?.id;
  const project = projects.find((p) => p.id === projectId);

  // A project named in the URL (a shared link) becomes the remembered choice.
  useEffect(() => {
    if (projectId && projectId !== storedId) {
      storeProjectId(projectId);
      setStoredId(projectId);
    }
  }, [projectId, storedId]);

  const setProjectId = useCallback(
    (id: number) => {
      storeProjectId(id);
      setStoredId(id);
      const list = listPathFor(location.pathname);
      if (list !== location.pathname) navigate(`${list}?projectId=${id}`);
      else {
        const next = new URLSearchParams(searchParams);
        next.set('projectId', String(id));
        setSearchParams(next, { replace: true });
      }
    },
    [location.pathname, navigate, searchParams, setSearchParams],
  );

  const can = useCallback((p: Permission) => me.permissions.includes(p), [me.permissions]);

  const context = useMemo<StaffContextValue>(
    () => ({ me, projects, project, projectId, setProjectId, can }),
    [me, projects, project, projectId, setProjectId, can],
  );

  const visible = NAV.filter((n) => !n.permission || (typeof n.permission === 'function' ? n.permission(me, can) : can(n.permission)));
  const menuItems: MenuProps['items'] = GROUPS.flatMap((g): NonNullable<MenuProps['items']> => {
    const children = visible
      .filter((n) => n.group === g.key)
      .map((n) => ({ key: n.key, icon: n.icon, label: <span data-testid={`menu-${n.key}`}>{t(n.label)}</span> }));
    if (children.length === 0) return [];
    if (!g.label || collapsed) return children;
    return [{ type: 'group' as const, key: `group-${g.key}`, label: <span className="gj-menu-group">{t(g.label)}</span>, children }];
  });

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    const item = NAV.find((n) => n.key === key);
    if (!item) return;
    setDrawerOpen(false);
    navigate(projectId ? `${item.path}?projectId=${projectId}` : item.path);
  };

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[sectionOf(location.pathname)]}
      items={menuItems}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 0 }}
      data-testid="main-menu"
    />
  );

  const roleNames = me.roles.map((r) => t(`role.${r}`));

  const userMenu: MenuProps = {
    items: [
      {
        key: 'who',
        disabled: true,
        label: (
          <div style={{ padding: '4px 0', cursor: 'default' }}>
            <div style={{ color: token.colorText, fontWeight: 600 }}>{me.name}</div>
            <div style={{ color: token.colorTextSecondary, fontSize: 12 }}>@{me.username}</div>
            <Flex wrap gap={4} style={{ marginTop: 6 }}>
              {roleNames.map((r) => (
                <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                  {r}
                </Tag>
              ))}
            </Flex>
          </div>
        ),
      },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('header.changePassword')}</span> },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-logout">{t('header.logout')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPasswordOpen(true);
      if (key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
    },
  };

  const projectSwitcher = (
    <span data-testid="project-switcher" style={{ display: 'inline-block', minWidth: 0, flex: isMobile ? '1 1 auto' : 'none' }}>
      <Select
        value={projectId}
        onChange={setProjectId}
        placeholder={projects.length ? t('header.selectProject') : t('header.noProject')}
        disabled={projects.length === 0}
        loading={me.allProjects && allProjects.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: isMobile ? '100%' : 260 }}
        popupMatchSelectWidth={isMobile ? true : 320}
        options={projects.map((p) => ({ value: p.id, label: p.name, code: p.code }))}
        optionRender={(o) => (
          <span data-testid={`project-option-${String(o.data.code)}`}>
            {o.label}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {String(o.data.code)}
            </Typography.Text>
          </span>
        )}
        aria-label={t('header.project')}
      />
    </span>
  );

  const siderWidth = 216;
  const waitingForProjects = me.allProjects && allProjects.isPending;

  return (
    <StaffContext.Provider value={context}>
      <LiveEventsProvider enabled={can('ticket.read')}>
        <Layout style={{ minHeight: '100vh' }}>
          {!isMobile && (
            <Sider
              width={siderWidth}
              collapsible
              collapsed={collapsed}
              trigger={null}
              style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
            >
              <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 24 : 20 }}>
                <Brand dark showName={!collapsed} size={30} />
              </div>
              {menu}
            </Sider>
          )}
          {isMobile && (
            <Drawer
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              placement="left"
              size={siderWidth + 24}
              closable={false}
              styles={{ body: { padding: 0, background: '#0b1a33' }, header: { display: 'none' } }}
              data-testid="menu-drawer"
            >
              <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
                <Brand dark size={30} />
              </div>
              {menu}
            </Drawer>
          )}
          <Layout>
            <Header
              style={{
                position: 'sticky',
                top: 0,
                zIndex: 10,
                height: 56,
                lineHeight: '56px',
                paddingInline: isMobile ? 8 : 16,
                background: token.colorBgContainer,
                borderBottom: `1px solid ${token.colorBorderSecondary}`,
                display: 'flex',
                alignItems: 'center',
                gap: isMobile ? 4 : 12,
              }}
            >
              {isMobile ? (
                <>
                  <Button
                    type="text"
                    icon={<MenuOutlined />}
                    onClick={() => setDrawerOpen(true)}
                    aria-label={t('header.menu')}
                    data-testid="menu-toggle"
                  />
                  <BrandMark size={26} />
                </>
              ) : (
                <Button
                  type="text"
                  icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                  onClick={() => setCollapsed((c) => !c)}
                  aria-label={t('header.menu')}
                />
              )}
              {projectSwitcher}
              {!isMobile && <div style={{ flex: 1 }} />}
              {can('ticket.read') && <NotificationBell />}
              <LanguageSwitcher compact={isMobile} />
              <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                <Button type="text" data-testid="user-menu" style={{ height: 40, paddingInline: isMobile ? 4 : 8 }}>
                  <Flex align="center" gap={8}>
                    <Avatar size={28} style={{ background: token.colorPrimary, flex: 'none' }}>
                      {avatarText(me.name)}
                    </Avatar>
                    {!isMobile && (
                      <span style={{ lineHeight: 1.2, textAlign: 'start' }}>
                        <span style={{ display: 'block', fontWeight: 500 }}>{me.name}</span>
                        <span style={{ display: 'block', fontSize: 12, color: token.colorTextSecondary }}>{roleNames.join('、')}</span>
                      </span>
                    )}
                    {!isMobile && <DownOutlined style={{ fontSize: 10, color: token.colorTextTertiary }} />}
                  </Flex>
                </Button>
              </Dropdown>
            </Header>
            <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
              {waitingForProjects ? (
                <FullPageSpin />
              ) : (
                <Suspense fallback={<FullPageSpin />}>
                  <Outlet />
                </Suspense>
              )}
            </Content>
          </Layout>
        </Layout>
      </LiveEventsProvider>
      <ChangePasswordModal
        open={passwordOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPasswordOpen(false)}
      />
    </StaffContext.Provider>
  );
}
