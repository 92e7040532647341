import { can } from '@dangvu/common';
import { Alert, Tabs, Typography } from 'antd';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useParam } from '../orgs/shared';
import { EventsTab } from './EventsTab';
import { OperationForm } from './OperationForm';
import { PlanTab } from './PlanTab';
import './restructure.css';

/** Sắp xếp tổ chức: one operation with a preview, or a whole plan from a spreadsheet. */
export default function RestructurePage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [tab, setTab] = useParam('tab');
  if (me && !can(me.role, 'org.write')) return <Alert type="warning" showIcon role="alert" message={t('common.notFound')} />;
  return (
    <div className="rs-page">
      <Typography.Title level={1} className="rs-title">
        {t('rs.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab === 'plan' || tab === 'events' ? tab : 'single'}
        onChange={(k) => setTab(k === 'single' ? undefined : k, true)}
        items={[
          { key: 'single', label: t('rs.tab.single'), children: <OperationForm /> },
          { key: 'plan', label: t('rs.tab.plan'), children: <PlanTab /> },
          { key: 'events', label: t('rs.tab.events'), children: <EventsTab /> },
        ]}
      />
    </div>
  );
}
