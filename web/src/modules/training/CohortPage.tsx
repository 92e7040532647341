import { COURSE_KIND_LABELS, nextCohortState, TRAINING_GRADE_LABELS, type CohortState, type CourseKind, type TrainingGrade } from '@dangvu/common';
import { Alert, Button, Card, Descriptions, Grid, List, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useCohort, type CohortDetail, type Enrolment } from './api';
import { EnrolForm, EnrolmentModal, StateForm } from './forms';
import { CohortStateTag, EnrolmentStatusTag, TallyView } from './parts';
import '../transfers/transfers.css';
import './training.css';

export default function CohortPage() {
  const { id } = useParams();
  const q = useCohort(id);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <CohortView c={q.data} reload={() => void q.refetch()} />;
}

function CohortView({ c, reload }: { c: CohortDetail; reload: () => void }) {
  const { t, label } = useI18n();
  useDocumentTitle(c.name);
  const narrow = !Grid.useBreakpoint().md;
  const [acting, setActing] = useState<{ e: Enrolment; mode: 'result' | 'withdraw' } | null>(null);
  const next = nextCohortState(c.state as CohortState);
  const grade = (g: string | null) => (g ? label(TRAINING_GRADE_LABELS[g as TrainingGrade], g) : '');
  const open = (e: Enrolment) => e.status === 'dang_hoc';
  const actions = (e: Enrolment) =>
    open(e) && (
      <Space wrap size={4}>
        {c.state !== 'ke_hoach' && (
          <Button size="small" type="primary" onClick={() => setActing({ e, mode: 'result' })} data-testid={`result-${e.personId}`}>
            {t('training.r.action')}
          </Button>
        )}
        <Button size="small" onClick={() => setActing({ e, mode: 'withdraw' })}>
          {t('training.w.action')}
        </Button>
      </Space>
    );
  const certificate = (e: Enrolment) => [e.certificateNo, fmtDate(e.certificateDate)].filter(Boolean).join(' · ');

  const columns: TableColumnsType<Enrolment> = [
    { title: t('training.e.col.name'), key: 'name', render: (_, e) => <Link to={`/members/${e.personId}`}>{e.fullName}</Link> },
    { title: t('training.e.col.birth'), key: 'birth', render: (_, e) => fmtDate(e.birthDate) },
    { title: t('training.e.col.sentBy'), key: 'sentBy', render: (_, e) => `${e.sentBy.name} · ${fmtDate(e.sentOn)}` },
    { title: t('training.e.col.status'), key: 'status', render: (_, e) => <EnrolmentStatusTag status={e.status} /> },
    { title: t('training.e.col.grade'), key: 'grade', render: (_, e) => grade(e.grade) },
    { title: t('training.e.col.certificate'), key: 'cert', render: (_, e) => certificate(e) },
    { title: '', key: 'actions', render: (_, e) => actions(e) },
  ];

  return (
    <div className="dv-t-page">
      <div className="dv-t-head">
        <Typography.Title level={1} className="dv-t-title">
          {c.name}
        </Typography.Title>
        <CohortStateTag state={c.state} />
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('training.d.course')}>
            {c.course.name === label(COURSE_KIND_LABELS[c.course.kind as CourseKind]) ? c.course.name : `${c.course.name} (${label(COURSE_KIND_LABELS[c.course.kind as CourseKind])})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('training.d.provider')}>{c.course.provider}</Descriptions.Item>
          <Descriptions.Item label={t('training.d.organizer')}>{c.organizer.name}</Descriptions.Item>
          {c.place && <Descriptions.Item label={t('training.d.place')}>{c.place}</Descriptions.Item>}
          <Descriptions.Item label={t('training.d.dates')}>
            {fmtDate(c.startsOn)} – {fmtDate(c.endsOn)}
          </Descriptions.Item>
          {c.openedOn && <Descriptions.Item label={t('training.d.openedOn')}>{fmtDate(c.openedOn)}</Descriptions.Item>}
          {c.closedOn && <Descriptions.Item label={t('training.d.closedOn')}>{fmtDate(c.closedOn)}</Descriptions.Item>}
          {c.plannedSize !== null && <Descriptions.Item label={t('training.f.plannedSize')}>{c.plannedSize}</Descriptions.Item>}
        </Descriptions>
        {c.canManage && next && (
          <div style={{ marginTop: 12 }}>
            <StateForm c={c} next={next as 'dang_hoc' | 'ket_thuc'} onDone={() => undefined} />
          </div>
        )}
      </Card>

      <Card size="small" title={t('training.d.tally')} style={{ marginBottom: 16 }}>
        <TallyView tally={c.tally} />
      </Card>

      {c.canEnrol && (
        <Card title={t('training.e.title')} style={{ marginBottom: 16 }}>
          <EnrolForm c={c} onDone={() => undefined} />
        </Card>
      )}

      <Card title={t('training.e.list', { n: c.enrolments.length })}>
        {c.hiddenEnrolments > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('training.e.hidden', { n: c.hiddenEnrolments })} />}
        {c.state === 'ke_hoach' && c.enrolments.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('training.r.notYet')} />}
        {narrow ? (
          <List<Enrolment>
            dataSource={c.enrolments}
            locale={{ emptyText: t('training.e.empty') }}
            renderItem={(e) => (
              <List.Item key={e.id} className="dv-t-card">
                <div style={{ minWidth: 0, width: '100%' }}>
                  <Link to={`/members/${e.personId}`}>
                    <strong>{e.fullName}</strong>
                  </Link>{' '}
                  <EnrolmentStatusTag status={e.status} /> {grade(e.grade)}
                  <div className="dv-t-muted">
                    {e.sentBy.name} · {fmtDate(e.sentOn)}
                    {certificate(e) ? ` · ${certificate(e)}` : ''}
                  </div>
                  <div style={{ marginTop: 4 }}>{actions(e)}</div>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<Enrolment> rowKey="id" size="middle" columns={columns} dataSource={c.enrolments} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('training.e.empty') }} />
        )}
      </Card>
      {acting && <EnrolmentModal e={acting.e} mode={acting.mode} onClose={() => setActing(null)} />}
      <div style={{ marginTop: 12 }}>
        <Button type="link" onClick={reload}>
          {t('common.reload')}
        </Button>
      </div>
    </div>
  );
}
