import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  BranchesOutlined,
  CalendarOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Switch } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import type { MessageKey } from './messages';
import { LangSwitch } from '../ui/LangSwitch';
import { useSettings } from './settings';
import { PageLoading } from '../ui/PageState';

/** The frame every signed-in screen sits in: a side menu on a desk, a drawer on a phone. */
export function AppLayout() {
  const { me, loading, logout } = useAuth();
  const { t } = useI18n();
  const { largeText, setLargeText } = useSettings();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  if (loading) return <PageLoading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const link = (to: string, icon: ReactNode, key: MessageKey) => ({ key: to, icon, label: <Link to={to}>{t(key)}</Link> });
  const group = (key: MessageKey, children: ReturnType<typeof link>[]) => ({ type: 'group' as const, key, label: t(key), children });
  const canRestructure = me.role === 'quan_tri' || me.role === 'can_bo_to_chuc';
  const items = [
    link('/', <DashboardOutlined />, 'nav.dashboard'),
    link('/orgs', <ApartmentOutlined />, 'nav.orgs'),
    link('/members', <TeamOutlined />, 'nav.members'),
    group('nav.group.members', [link('/admissions', <UserAddOutlined />, 'nav.admissions'), link('/transfers', <SwapOutlined />, 'nav.transfers')]),
    group('nav.group.orgs', [
      link('/units', <EnvironmentOutlined />, 'nav.units'),
      link('/posts', <IdcardOutlined />, 'nav.posts'),
      ...(canRestructure ? [link('/restructure', <BranchesOutlined />, 'nav.restructure')] : []),
    ]),
    group('nav.group.quality', [
      link('/meetings', <CalendarOutlined />, 'nav.meetings'),
      link('/ratings', <StarOutlined />, 'nav.ratings'),
      link('/inspections', <SafetyCertificateOutlined />, 'nav.inspections'),
      link('/awards', <TrophyOutlined />, 'nav.awards'),
    ]),
    group('nav.group.study', [
      link('/training', <ReadOutlined />, 'nav.training'),
      link('/documents', <FileTextOutlined />, 'nav.documents'),
      link('/study', <BookOutlined />, 'nav.study'),
    ]),
    link('/reports', <BarChartOutlined />, 'nav.reports'),
    ...(me.role === 'quan_tri' ? [link('/audit', <AuditOutlined />, 'nav.audit')] : []),
  ];
  const menu = <Menu mode="inline" selectedKeys={[section]} items={items} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 0 }} />;
  const narrow = !screens.md;
  const settings = (
    <>
      <label>
        <Space size={4}>
          <span>{t('settings.largeText')}</span>
          <Switch checked={largeText} onChange={setLargeText} aria-label={t('settings.largeText')} />
        </Space>
      </label>
      <LangSwitch />
    </>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" className="no-print">
          <div style={{ padding: '16px 20px', fontWeight: 700, fontSize: '1.2em', color: '#b71c1c' }}>{t('app.name')}</div>
          <nav aria-label={t('nav.menu')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="no-print" style={{ background: '#fff', padding: '0 12px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #eee', height: 'auto', minHeight: 56, flexWrap: 'wrap' }}>
          {narrow && <Button icon={<MenuOutlined />} aria-label={t('nav.menu')} onClick={() => setDrawer(true)} />}
          {narrow && <span style={{ fontWeight: 700, color: '#b71c1c' }}>{t('app.name')}</span>}
          <div style={{ flex: 1 }} />
          <Space wrap size="small">
            {!narrow && settings}
            {!narrow && <span>{me.displayName}</span>}
            <Button icon={<LogoutOutlined />} onClick={logout}>
              {narrow ? null : t('auth.logout')}
              {narrow && <span className="sr-only">{t('auth.logout')}</span>}
            </Button>
          </Space>
        </Layout.Header>
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={280} title={t('app.name')}>
          <nav aria-label={t('nav.menu')}>{menu}</nav>
          {/* On a phone the settings live here, so the header stays one line. */}
          <div style={{ marginTop: 24, display: 'grid', gap: 12 }}>
            <span>{me.displayName}</span>
            {settings}
          </div>
        </Drawer>
        {/* antd renders Layout.Content as the page's <main> landmark. */}
        <Layout.Content style={{ padding: narrow ? 8 : 20 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
