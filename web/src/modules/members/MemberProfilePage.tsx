import { ArrowLeftOutlined, EditOutlined, PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import { can } from '@dangvu/common';
import { Alert, Button, Descriptions, Grid, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageError, PageLoading } from '../../ui/PageState';
import { useMember, useMemberHistory } from './api';
import { DisciplineList } from './components/DisciplineList';
import { DuplicateList } from './components/DuplicateList';
import { HistoryTimeline } from './components/HistoryTimeline';
import { LinkButton } from './components/LinkButton';
import { StatusChange } from './components/StatusChange';
import { PrintSheet } from './components/PrintSheet';
import { StatusTags } from './components/StatusTags';
import { profileSections } from './profile';
import { useDocumentTitle } from './useDocumentTitle';
import './members.css';
import './print.css';

/** Set by the edit screen after a save, so the profile can confirm it. */
export interface ProfileLocationState {
  saved?: boolean;
}

export default function MemberProfilePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const member = useMember(id);
  const history = useMemberHistory(id);
  const m = member.data;
  useDocumentTitle(m?.fullName);

  // "Đã lưu." once, not again on reload: the flag is moved out of the browser history.
  const [saved, setSaved] = useState(() => !!(location.state as ProfileLocationState | null)?.saved);
  useEffect(() => {
    if ((location.state as ProfileLocationState | null)?.saved) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);

  const sections = useMemo(() => (m ? profileSections(m, history.data, t, lang) : []), [m, history.data, t, lang]);

  if (member.isPending) return <PageLoading />;
  if (member.isError || !m) return <PageError error={member.error} onRetry={() => void member.refetch()} />;

  const mayWrite = !!me && can(me.role, 'member.write');
  // Candidates and other non-members have no ledger to change here.
  const mayRecord = !!me && can(me.role, 'member.event') && m.standing !== null;

  return (
    <article className="dv-m-page dv-m-profile" aria-labelledby="dv-m-profile-name">
      <div className="dv-screen-only">
        <div className="dv-m-head no-print">
          <LinkButton to="/members" icon={<ArrowLeftOutlined />} type="link" style={{ paddingInline: 0 }}>
            {t('members.profile.backToList')}
          </LinkButton>
          <Space wrap>
            {mayWrite && (
              <LinkButton to={`/members/${m.id}/edit`} type="primary" icon={<EditOutlined />}>
                {t('common.edit')}
              </LinkButton>
            )}
            {mayRecord && <StatusChange member={m} onReload={() => member.refetch()} />}
            {mayRecord && m.standing === 'dang_sinh_hoat' && (
              <LinkButton to={`/transfers?new=${encodeURIComponent(m.id)}`} icon={<SwapOutlined />}>
                {t('members.status.transfer')}
              </LinkButton>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('common.print')}
            </Button>
          </Space>
        </div>

        {saved && (
          <Alert
            type="success"
            showIcon
            role="status"
            message={t('common.saved')}
            closable
            onClose={() => setSaved(false)}
            style={{ marginBottom: 16 }}
            className="no-print"
          />
        )}

        <header className="dv-m-profile-header">
          <Typography.Text type="secondary">{t('members.profile.formName')}</Typography.Text>
          <Typography.Title level={1} id="dv-m-profile-name" className="dv-m-title">
            {m.fullName}
          </Typography.Title>
          <Space wrap size={[16, 4]}>
            <span>
              {t('members.f.cardNo')}: <strong>{m.cardNo ?? t('members.notRecorded')}</strong>
            </span>
            <span>
              {t('members.f.status')}: <StatusTags member={m} />
            </span>
            {m.orgName && (
              <span>
                {t('members.f.currentCell')}: <strong>{m.orgName}</strong>
              </span>
            )}
          </Space>
        </header>

        {m.duplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="no-print"
            style={{ margin: '16px 0' }}
            message={t('members.dup.profileTitle')}
            description={
              <>
                <p style={{ margin: '0 0 4px' }}>{t('members.dup.profileHelp')}</p>
                <DuplicateList hints={m.duplicates} />
              </>
            }
          />
        )}

        {sections.map((s) => (
          <section key={s.key} aria-labelledby={`dv-m-sec-${s.key}`} className="dv-m-section">
            <Typography.Title level={2} id={`dv-m-sec-${s.key}`} className="dv-m-h2">
              {s.title}
            </Typography.Title>
            <Descriptions
              bordered
              size="small"
              layout={narrow ? 'vertical' : 'horizontal'}
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
              items={s.items.map((it) => ({
                key: it.key,
                label: it.label,
                children: it.value || <span className="dv-m-empty">{t('members.notRecorded')}</span>,
              }))}
            />
          </section>
        ))}

        <section aria-labelledby="dv-m-sec-history" className="dv-m-section">
          <Typography.Title level={2} id="dv-m-sec-history" className="dv-m-h2">
            {t('members.section.history')}
          </Typography.Title>
          {history.isPending ? (
            <Spin aria-label={t('common.loading')} />
          ) : history.isError ? (
            <PageError error={history.error} onRetry={() => void history.refetch()} />
          ) : (
            <HistoryTimeline history={history.data} />
          )}
        </section>

        <section aria-labelledby="dv-m-sec-discipline" className="dv-m-section">
          <Typography.Title level={2} id="dv-m-sec-discipline" className="dv-m-h2">
            {t('members.section.discipline')}
          </Typography.Title>
          <DisciplineList personId={m.id} />
        </section>
      </div>
      <PrintSheet name={m.fullName} sections={sections} history={history.data} />
    </article>
  );
}
