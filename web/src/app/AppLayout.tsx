import { ApartmentOutlined, AuditOutlined, BranchesOutlined, DashboardOutlined, EnvironmentOutlined, IdcardOutlined, LogoutOutlined, MenuOutlined, SwapOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Switch } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';
import { useI18n } from './i18n';
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
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.dashboard')}</Link> },
    { key: '/orgs', icon: <ApartmentOutlined />, label: <Link to="/orgs">{t('nav.orgs')}</Link> },
    { key: '/members', icon: <TeamOutlined />, label: <Link to="/members">{t('nav.members')}</Link> },
    { key: '/admissions', icon: <UserAddOutlined />, label: <Link to="/admissions">{t('nav.admissions')}</Link> },
    { key: '/transfers', icon: <SwapOutlined />, label: <Link to="/transfers">{t('nav.transfers')}</Link> },
    { key: '/units', icon: <EnvironmentOutlined />, label: <Link to="/units">{t('nav.units')}</Link> },
    { key: '/posts', icon: <IdcardOutlined />, label: <Link to="/posts">{t('nav.posts')}</Link> },
    ...(me.role === 'quan_tri' || me.role === 'can_bo_to_chuc'
      ? [{ key: '/restructure', icon: <BranchesOutlined />, label: <Link to="/restructure">{t('nav.restructure')}</Link> }]
      : []),
    ...(me.role === 'quan_tri' ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">{t('nav.audit')}</Link> }] : []),
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
