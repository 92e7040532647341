import { PlusOutlined } from '@ant-design/icons';
import { can, COHORT_STATES, COURSE_KIND_LABELS, COURSE_KINDS, type CourseKind } from '@dangvu/common';
import { Button, Card, Checkbox, Grid, List, Pagination, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { PageError } from '../../ui/PageState';
import { OrgPicker } from '../dashboard/OrgPicker';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { PAGE_SIZE, useCohortList, type CohortFilters, type CohortSummary } from './api';
import { NewCohortForm } from './forms';
import { CohortStateTag, TallyView } from './parts';
import '../transfers/transfers.css';
import './training.css';

function parse(sp: URLSearchParams): CohortFilters {
  const year = Number(sp.get('year'));
  const page = Number(sp.get('page'));
  const pick = (k: string, list: readonly string[]) => (list.includes(sp.get(k) ?? '') ? sp.get(k)! : undefined);
  return {
    org: sp.get('org') || undefined,
    year: Number.isInteger(year) && year > 1990 && year < 2200 ? year : undefined,
    kind: pick('kind', COURSE_KINDS),
    state: pick('state', COHORT_STATES),
    above: sp.get('above') === '1',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export default function TrainingPage() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const f = useMemo(() => parse(sp), [sp]);
  const list = useCohortList(f);
  useDocumentTitle(t('training.title'));
  const mayWrite = !!me && can(me.role, 'training.write');
  const creating = sp.has('new');
  // Phones get one card per class: the table's columns do not fit 360 px.
  const narrow = !Grid.useBreakpoint().md;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };
  const thisYear = new Date().getFullYear();
  const kindOf = (r: CohortSummary) => label(COURSE_KIND_LABELS[r.course.kind as CourseKind]);

  const columns: TableColumnsType<CohortSummary> = [
    { title: t('training.col.name'), key: 'name', render: (_, r) => <Link to={`/training/${r.id}`}>{r.name}</Link> },
    { title: t('training.col.kind'), key: 'kind', render: (_, r) => kindOf(r) },
    { title: t('training.col.organizer'), key: 'org', render: (_, r) => r.organizer.name },
    { title: t('training.col.dates'), key: 'dates', render: (_, r) => `${fmtDate(r.startsOn)} – ${fmtDate(r.endsOn)}` },
    { title: t('training.col.state'), key: 'state', render: (_, r) => <CohortStateTag state={r.state} /> },
    { title: t('training.col.enrolled'), key: 'enrolled', align: 'right', render: (_, r) => r.enrolled },
  ];

  return (
    <div className="dv-t-page">
      <div className="dv-t-head">
        <Typography.Title level={1} className="dv-t-title">
          {t('training.title')}
        </Typography.Title>
        {mayWrite && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ new: '' })} data-testid="new-cohort">
            {t('training.new')}
          </Button>
        )}
      </div>
      {creating && mayWrite && (
        <Card title={t('training.new')} style={{ marginBottom: 16 }}>
          <NewCohortForm onCancel={() => set({ new: undefined })} />
        </Card>
      )}
      <div className="dv-t-filters">
        <div style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 420 }}>
          <OrgPicker id="training-org" value={f.org} valueName={undefined} asOf={undefined} onChange={(org) => set({ org })} />
        </div>
        <Select
          allowClear
          aria-label={t('training.filter.year')}
          placeholder={t('training.filter.year')}
          value={f.year}
          onChange={(y?: number) => set({ year: y ? String(y) : undefined })}
          options={Array.from({ length: 12 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
          style={{ minWidth: 120 }}
        />
        <Select
          allowClear
          aria-label={t('training.filter.kind')}
          placeholder={t('training.filter.kind')}
          value={f.kind}
          onChange={(k?: string) => set({ kind: k })}
          options={COURSE_KINDS.map((k) => ({ value: k, label: label(COURSE_KIND_LABELS[k]) }))}
          style={{ minWidth: 220, maxWidth: '100%' }}
        />
        <Select
          allowClear
          aria-label={t('training.filter.state')}
          placeholder={t('training.filter.state')}
          value={f.state}
          onChange={(s?: string) => set({ state: s })}
          options={COHORT_STATES.map((s) => ({ value: s, label: <CohortStateTag state={s} /> }))}
          style={{ minWidth: 150 }}
        />
        <Checkbox checked={f.above} onChange={(e) => set({ above: e.target.checked ? '1' : undefined })}>
          {t('training.filter.above')}
        </Checkbox>
      </div>
      {list.data && (
        <Card size="small" style={{ marginBottom: 12 }} title={t('training.totals', { year: f.year ?? t('training.allYears') })}>
          <TallyView tally={list.data.totals} cohorts={list.data.totals.cohorts} />
        </Card>
      )}
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : narrow ? (
        <>
          <List<CohortSummary>
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('training.empty') }}
            renderItem={(r) => (
              <List.Item key={r.id} className="dv-t-card">
                <div style={{ minWidth: 0, width: '100%' }}>
                  <Link to={`/training/${r.id}`}>
                    <strong>{r.name}</strong>
                  </Link>
                  <div>
                    <CohortStateTag state={r.state} /> {kindOf(r)}
                  </div>
                  <div className="dv-t-muted">
                    {r.organizer.name} · {fmtDate(r.startsOn)} – {fmtDate(r.endsOn)} · {t('training.col.enrolled')}: {r.enrolled}
                  </div>
                </div>
              </List.Item>
            )}
          />
          {(list.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination simple style={{ marginTop: 12 }} current={f.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(p) => set({ page: String(p) })} />
          )}
        </>
      ) : (
        <Table<CohortSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: true }}
          locale={{ emptyText: t('training.empty') }}
          pagination={{ current: f.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
        />
      )}
    </div>
  );
}
