import { PlusOutlined } from '@ant-design/icons';
import {
  can,
  DISCIPLINE_FORM_LABELS,
  INSPECTION_ACTIVITIES,
  INSPECTION_ACTIVITY_LABELS,
  INSPECTION_BODY_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_STATE_LABELS,
  INSPECTION_STATES,
  INSPECTION_SUBJECT_LABELS,
  ORG_KIND_LABELS,
  todayIso,
  type OrgKind,
} from '@dangvu/common';
import { Alert, Button, Card, Grid, List, Pagination, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useCaseList, useCounts, useDisciplineList, usePlans, type CaseSummary } from './api';
import { DisciplineForm, DisciplineLine, NewCaseForm, NewPlanForm } from './forms';
import './inspections.css';

const THIS_YEAR = Number(todayIso().slice(0, 4));
const YEARS = Array.from({ length: 12 }, (_, i) => THIS_YEAR - i);
const TABS = ['cases', 'plans', 'discipline', 'counts'] as const;
type TabKey = (typeof TABS)[number];

export default function InspectionsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  useDocumentTitle(t('insp.title'));
  const details = !!me && can(me.role, 'inspection.read');
  const tab: TabKey = details && (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : details ? 'cases' : 'counts';
  const year = Number(sp.get('year')) || undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };
  const yearSelect = (
    <Select
      aria-label={t('insp.year')}
      style={{ minWidth: 120 }}
      value={year ?? 0}
      onChange={(v) => set({ year: v ? String(v) : undefined })}
      options={[{ value: 0, label: t('insp.allYears') }, ...YEARS.map((y) => ({ value: y, label: String(y) }))]}
    />
  );

  return (
    <div className="dv-insp-page">
      <Typography.Title level={1} className="dv-insp-title">
        {t('insp.title')}
      </Typography.Title>
      {!details ? (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('insp.countsOnly')} />
          <CountsView />
        </>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'cases' ? undefined : k, new: undefined })}
          items={[
            { key: 'cases', label: t('insp.tab.cases'), children: <CasesTab year={year} yearSelect={yearSelect} sp={sp} set={set} /> },
            { key: 'plans', label: t('insp.tab.plans'), children: <PlansTab year={year} yearSelect={yearSelect} /> },
            { key: 'discipline', label: t('insp.tab.discipline'), children: <DisciplineTab year={year} yearSelect={yearSelect} /> },
            { key: 'counts', label: t('insp.tab.counts'), children: <CountsView /> },
          ]}
        />
      )}
    </div>
  );
}

function CasesTab({ year, yearSelect, sp, set }: { year: number | undefined; yearSelect: ReactNode; sp: URLSearchParams; set: (p: Record<string, string | undefined>) => void }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const narrow = !Grid.useBreakpoint().md;
  const activity = (INSPECTION_ACTIVITIES as readonly string[]).includes(sp.get('activity') ?? '') ? sp.get('activity')! : undefined;
  const state = (INSPECTION_STATES as readonly string[]).includes(sp.get('state') ?? '') ? sp.get('state')! : undefined;
  const page = Number(sp.get('page')) || 1;
  const list = useCaseList({ year, activity, state, page, pageSize: 20 }, true);
  const mayWrite = !!me && can(me.role, 'inspection.write');
  const creating = sp.get('new') === '1';
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('insp.col.subject'),
      key: 'subject',
      render: (_, r) => (
        <Link to={`/inspections/${r.id}`}>
          <strong>{r.subject.name}</strong>
        </Link>
      ),
    },
    { title: t('insp.col.activity'), key: 'activity', render: (_, r) => label(INSPECTION_ACTIVITY_LABELS[r.activity]) },
    { title: t('insp.col.body'), key: 'body', render: (_, r) => `${label(INSPECTION_BODY_LABELS[r.bodyKind])} · ${r.bodyOrg.name}` },
    { title: t('insp.col.kind'), key: 'kind', render: (_, r) => label(INSPECTION_KIND_LABELS[r.kind]) },
    { title: t('insp.col.state'), key: 'state', render: (_, r) => <Tag>{label(INSPECTION_STATE_LABELS[r.state])}</Tag> },
    { title: t('insp.col.decisionDate'), key: 'date', render: (_, r) => fmtDate(r.decisionDate) },
  ];
  return (
    <>
      {creating && <NewCaseForm onCancel={() => set({ new: undefined })} />}
      <div className="dv-insp-filters">
        {yearSelect}
        <Select
          aria-label={t('insp.filter.activity')}
          allowClear
          placeholder={t('insp.filter.activity')}
          style={{ minWidth: 150 }}
          value={activity}
          onChange={(v) => set({ activity: v })}
          options={INSPECTION_ACTIVITIES.map((a) => ({ value: a, label: label(INSPECTION_ACTIVITY_LABELS[a]) }))}
        />
        <Select
          aria-label={t('insp.filter.state')}
          allowClear
          placeholder={t('insp.filter.state')}
          style={{ minWidth: 180 }}
          value={state}
          onChange={(v) => set({ state: v })}
          options={INSPECTION_STATES.map((s) => ({ value: s, label: label(INSPECTION_STATE_LABELS[s]) }))}
        />
        {mayWrite && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ new: '1' })}>
            {t('insp.new')}
          </Button>
        )}
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : narrow ? (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('insp.empty') }}
          renderItem={(r) => (
            <List.Item>
              <div className="dv-insp-card">
                <Link to={`/inspections/${r.id}`}>
                  <strong>{r.subject.name}</strong>
                </Link>
                <div>
                  {label(INSPECTION_ACTIVITY_LABELS[r.activity])} · {label(INSPECTION_KIND_LABELS[r.kind])} · {fmtDate(r.decisionDate)}
                </div>
                <div>
                  {label(INSPECTION_BODY_LABELS[r.bodyKind])} · {r.bodyOrg.name}
                </div>
                <Tag>{label(INSPECTION_STATE_LABELS[r.state])}</Tag>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('insp.empty') }} />
      )}
      {(list.data?.total ?? 0) > 20 && (
        <Pagination style={{ marginTop: 12 }} current={page} pageSize={20} total={list.data?.total ?? 0} showSizeChanger={false} onChange={(p) => set({ page: String(p) })} simple={narrow} />
      )}
    </>
  );
}

function PlansTab({ year, yearSelect }: { year: number | undefined; yearSelect: ReactNode }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const [adding, setAdding] = useState(false);
  const plans = usePlans(year, true);
  const mayWrite = !!me && can(me.role, 'inspection.write');
  return (
    <>
      {adding && <NewPlanForm onDone={() => setAdding(false)} />}
      <div className="dv-insp-filters">
        {yearSelect}
        {mayWrite && !adding && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('insp.newPlan')}
          </Button>
        )}
      </div>
      {plans.isError ? (
        <PageError error={plans.error} onRetry={() => void plans.refetch()} />
      ) : (
        <List
          loading={plans.isPending}
          dataSource={plans.data?.items ?? []}
          locale={{ emptyText: t('insp.empty') }}
          renderItem={(p) => (
            <List.Item>
              <div className="dv-insp-card">
                <strong>{p.title}</strong>
                <div>
                  {p.year} · {label(INSPECTION_BODY_LABELS[p.bodyKind])} · {p.bodyOrg.name}
                </div>
                <div>
                  {p.decisionNo ?? ''} {fmtDate(p.decisionDate)} · {t('insp.col.cases')}: {fmtNumber(p.cases)}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function DisciplineTab({ year, yearSelect }: { year: number | undefined; yearSelect: ReactNode }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [adding, setAdding] = useState(false);
  const [page, setPage] = useState(1);
  const list = useDisciplineList(year, page, true);
  const mayWrite = !!me && can(me.role, 'inspection.write');
  return (
    <>
      {adding && (
        <Card title={t('insp.newDiscipline')} style={{ marginBottom: 16 }}>
          <DisciplineForm onDone={() => setAdding(false)} />
        </Card>
      )}
      <div className="dv-insp-filters">
        {yearSelect}
        {mayWrite && !adding && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('insp.newDiscipline')}
          </Button>
        )}
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('insp.k.none') }}
          renderItem={(d) => (
            <List.Item>
              <div className="dv-insp-card">
                <Link to={`/members/${d.personId}`}>
                  <strong>{d.fullName}</strong>
                </Link>{' '}
                · {d.org.name}
                <DisciplineLine d={d} />
                {d.caseId && <Link to={`/inspections/${d.caseId}`}>{t('insp.tab.cases')}</Link>}
              </div>
            </List.Item>
          )}
        />
      )}
      {(list.data?.total ?? 0) > 20 && <Pagination style={{ marginTop: 12 }} current={page} pageSize={20} total={list.data?.total ?? 0} showSizeChanger={false} onChange={setPage} simple />}
    </>
  );
}

/** Figures everyone in scope may see: cases and subjects by year, body, level, activity, subject and kind. */
function CountsView() {
  const { t, label } = useI18n();
  const [from, setFrom] = useState(THIS_YEAR - 1);
  const [to, setTo] = useState(THIS_YEAR);
  const counts = useCounts(from, to);
  const narrow = !Grid.useBreakpoint().md;
  const orgKind = (k: string | null) => (k ? label(ORG_KIND_LABELS[k as OrgKind], k) : '');
  const rows = useMemo(() => (counts.data?.rows ?? []).map((r, i) => ({ ...r, key: i })), [counts.data]);
  type Row = (typeof rows)[number];
  const columns: TableColumnsType<Row> = [
    { title: t('insp.year'), dataIndex: 'year', key: 'year' },
    { title: t('insp.col.body'), key: 'body', render: (_, r) => `${label(INSPECTION_BODY_LABELS[r.bodyKind])} · ${orgKind(r.bodyOrgKind)}` },
    { title: t('insp.col.activity'), key: 'activity', render: (_, r) => label(INSPECTION_ACTIVITY_LABELS[r.activity]) },
    { title: t('insp.col.subject'), key: 'subject', render: (_, r) => `${label(INSPECTION_SUBJECT_LABELS[r.subjectType])}${r.subjectOrgKind ? ` · ${orgKind(r.subjectOrgKind)}` : ''}` },
    { title: t('insp.col.kind'), key: 'kind', render: (_, r) => label(INSPECTION_KIND_LABELS[r.kind]) },
    { title: t('insp.col.cases'), key: 'cases', align: 'right', render: (_, r) => fmtNumber(r.cases) },
    { title: t('insp.col.subjects'), key: 'subjects', align: 'right', render: (_, r) => fmtNumber(r.subjects) },
  ];
  const yearPick = (value: number, onChange: (v: number) => void, aria: string) => (
    <Select aria-label={aria} value={value} onChange={onChange} style={{ minWidth: 100 }} options={YEARS.map((y) => ({ value: y, label: String(y) }))} />
  );
  return (
    <Card title={t('insp.c.title')}>
      <div className="dv-insp-filters">
        <span>{t('insp.c.from')}</span>
        {yearPick(from, (v) => setFrom(Math.min(v, to)), t('insp.c.from'))}
        <span>{t('insp.c.to')}</span>
        {yearPick(to, (v) => setTo(Math.max(v, from)), t('insp.c.to'))}
      </div>
      {counts.isError ? (
        <PageError error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <>
          {narrow ? (
            // Seven columns do not fit a phone: one card per row instead.
            <List
              size="small"
              loading={counts.isPending}
              dataSource={rows}
              locale={{ emptyText: t('insp.c.empty') }}
              renderItem={(r) => (
                <List.Item>
                  <div className="dv-insp-card">
                    <strong>
                      {r.year} · {label(INSPECTION_ACTIVITY_LABELS[r.activity])} · {label(INSPECTION_KIND_LABELS[r.kind])}
                    </strong>
                    <div>
                      {t('insp.col.body')}: {label(INSPECTION_BODY_LABELS[r.bodyKind])} · {orgKind(r.bodyOrgKind)}
                    </div>
                    <div>
                      {t('insp.col.subject')}: {label(INSPECTION_SUBJECT_LABELS[r.subjectType])}
                      {r.subjectOrgKind ? ` · ${orgKind(r.subjectOrgKind)}` : ''}
                    </div>
                    <div>
                      {t('insp.col.cases')}: <strong>{fmtNumber(r.cases)}</strong> · {t('insp.col.subjects')}: <strong>{fmtNumber(r.subjects)}</strong>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table rowKey="key" size="small" loading={counts.isPending} columns={columns} dataSource={rows} pagination={false} locale={{ emptyText: t('insp.c.empty') }} />
          )}
          <Typography.Title level={2} className="dv-insp-h2">
            {t('insp.c.distinct')}
          </Typography.Title>
          <List
            size="small"
            dataSource={counts.data?.distinctSubjects ?? []}
            locale={{ emptyText: t('insp.c.empty') }}
            renderItem={(r) => (
              <List.Item>
                {r.year} · {label(INSPECTION_BODY_LABELS[r.bodyKind])} · {label(INSPECTION_SUBJECT_LABELS[r.subjectType])}: <strong>{fmtNumber(r.subjects)}</strong>
              </List.Item>
            )}
          />
          <Typography.Title level={2} className="dv-insp-h2">
            {t('insp.c.discipline')}
          </Typography.Title>
          <List
            size="small"
            dataSource={counts.data?.discipline ?? []}
            locale={{ emptyText: t('insp.c.empty') }}
            renderItem={(r) => (
              <List.Item>
                {r.year} · {label(DISCIPLINE_FORM_LABELS[r.form])}: <strong>{fmtNumber(r.count)}</strong>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
