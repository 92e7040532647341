import { ADMISSION_STAGE_LABELS, ADMISSION_STAGES, can, createTargetIn, TARGET_BOUND_LABELS, TARGET_BOUNDS, todayIso, type TargetOut } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Segmented, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError } from '../../ui/PageState';
import { OrgTreeSelect } from '../members/components/OrgTreeSelect';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useCandidates, useProbations, useTargets, type CandidateSummary, type ProbationRow } from './api';
import { placeError, ProblemView, type Problem } from './forms';
import './admissions.css';

const TABS = ['candidates', 'probation', 'targets'] as const;

/** Candidates by step with what each lacks, probations ending or overdue, targets and achievement. Filters live in the URL. */
export default function AdmissionsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'candidates';
  const org = params.get('org') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  useDocumentTitle(t('adm.title'));
  return (
    <div className="dv-adm-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('adm.title')}
      </Typography.Title>
      <div className="dv-adm-filters">
        <OrgTreeSelect value={org} onChange={(v) => set({ org: v, page: undefined })} placeholder={t('adm.filter.org')} aria-label={t('adm.filter.org')} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k === 'candidates' ? undefined : k })}
        items={[
          { key: 'candidates', label: t('adm.tab.candidates'), children: <Candidates org={org} params={params} set={set} /> },
          { key: 'probation', label: t('adm.tab.probation'), children: <Probations org={org} params={params} set={set} /> },
          { key: 'targets', label: t('adm.tab.targets'), children: <Targets org={org} params={params} set={set} /> },
        ]}
      />
    </div>
  );
}

interface TabProps {
  org: string | undefined;
  params: URLSearchParams;
  set: (patch: Record<string, string | undefined>) => void;
}

function Candidates({ org, params, set }: TabProps) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const stage = params.get('stage') ?? undefined;
  const q = params.get('q') ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useCandidates({ org, stage, q, page });
  const columns: ColumnsType<CandidateSummary> = [
    { key: 'name', title: t('adm.col.name'), render: (_, r) => <Link to={`/admissions/${r.id}`}>{r.fullName}</Link> },
    { key: 'cell', title: t('adm.col.cell'), dataIndex: 'orgName' },
    { key: 'stage', title: t('adm.col.stage'), render: (_, r) => <Tag>{label(ADMISSION_STAGE_LABELS[r.progress.stage])}</Tag> },
    {
      key: 'missing',
      title: t('adm.col.missing'),
      render: (_, r) => {
        const open = [...r.progress.missing];
        return open.length ? (
          <ul className="dv-adm-missing">
            {open.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : (
          <span>{t('adm.nothingMissing')}</span>
        );
      },
    },
    { key: 'helper', title: t('adm.col.helper'), dataIndex: 'helperName' },
  ];
  return (
    <>
      <div className="dv-adm-filters">
        <Select
          allowClear
          value={stage}
          placeholder={t('adm.filter.allStages')}
          aria-label={t('adm.filter.stage')}
          onChange={(v: string | undefined) => set({ stage: v, page: undefined })}
          options={ADMISSION_STAGES.map((s) => ({ value: s, label: label(ADMISSION_STAGE_LABELS[s]) }))}
        />
        <Input.Search allowClear defaultValue={q} placeholder={t('adm.filter.search')} aria-label={t('adm.filter.search')} onSearch={(v) => set({ q: v || undefined, page: undefined })} />
        {me && can(me.role, 'member.write') && (
          <Link to="/admissions/new">
            <Button type="primary">{t('adm.new')}</Button>
          </Link>
        )}
      </div>
      {list.isError && !list.data ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CandidateSummary>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('adm.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: p > 1 ? String(p) : undefined }) }}
        />
      )}
    </>
  );
}

function Probations({ org, params, set }: TabProps) {
  const { t } = useI18n();
  const within = params.get('within') === 'qua_han' ? 'qua_han' : 'sap_het';
  const list = useProbations(within, org);
  const columns: ColumnsType<ProbationRow> = [
    { key: 'name', title: t('adm.col.name'), render: (_, r) => <Link to={r.candidateId ? `/admissions/${r.candidateId}` : `/members/${r.personId}`}>{r.fullName}</Link> },
    { key: 'cell', title: t('adm.col.cell'), dataIndex: 'orgName' },
    { key: 'admitted', title: t('adm.col.admittedOn'), render: (_, r) => fmtDate(r.admittedOn) },
    { key: 'ends', title: t('adm.col.endsOn'), render: (_, r) => fmtDate(r.probationEndsOn) },
    {
      key: 'left',
      title: t('adm.col.daysLeft'),
      render: (_, r) => (r.daysLeft < 0 ? <Tag color="red">{t('adm.prob.overdueDays', { n: -r.daysLeft })}</Tag> : t('adm.prob.days', { n: r.daysLeft })),
    },
    { key: 'helper', title: t('adm.col.helper'), dataIndex: 'helperName' },
  ];
  return (
    <>
      <Segmented
        value={within}
        onChange={(v) => set({ within: v === 'sap_het' ? undefined : String(v) })}
        options={[
          { value: 'sap_het', label: t('adm.prob.ending') },
          { value: 'qua_han', label: t('adm.prob.overdue') },
        ]}
        style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
      />
      <p>{t('adm.prob.help')}</p>
      {list.data?.capped && <Alert type="info" message={t('adm.prob.capped', { n: fmtNumber(list.data.items.length) })} />}
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ProbationRow>
          rowKey="personId"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('adm.empty') }}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        />
      )}
    </>
  );
}

function Targets({ org, params, set }: TabProps) {
  const { t } = useI18n();
  const { me } = useAuth();
  const [adding, setAdding] = useState(false);
  const year = Number(params.get('year') ?? todayIso().slice(0, 4));
  const list = useTargets(org, year);
  const columns: ColumnsType<TargetOut> = [
    { key: 'org', title: t('adm.tg.org'), dataIndex: 'orgName' },
    { key: 'period', title: t('adm.tg.period'), render: (_, r) => (r.fromYear === r.toYear ? r.fromYear : `${r.fromYear}–${r.toYear}`) },
    { key: 'rule', title: t('adm.tg.rule'), render: (_, r) => r.explanation },
    { key: 'bound', title: t('adm.tg.bound'), render: (_, r) => t(r.bound === 'hon' ? 'adm.tg.boundShort.hon' : 'adm.tg.boundShort.tu') },
    { key: 'admitted', title: t('adm.tg.admitted'), align: 'right', render: (_, r) => <span title={t('adm.tg.countedTo', { date: fmtDate(r.countedTo) })}>{fmtNumber(r.admitted)}</span> },
    { key: 'goal', title: t('adm.tg.goal'), align: 'right', render: (_, r) => (r.goal === null ? '—' : fmtNumber(r.goal, r.goal % 1 ? 2 : 0)) },
    {
      key: 'percent',
      title: t('adm.tg.percent'),
      align: 'right',
      render: (_, r) =>
        r.percent === null ? '—' : (
          // At exactly 100 % a "hơn" target is not met: the tag says so, not only its colour.
          <Tag color={r.met ? 'green' : 'orange'} title={t(r.met ? 'adm.tg.met' : 'adm.tg.notMet')}>{`${fmtNumber(r.percent, 1)}%${r.met ? '' : ` · ${t('adm.tg.notMet')}`}`}</Tag>
        ),
    },
  ];
  const years = Array.from({ length: 10 }, (_, i) => Number(todayIso().slice(0, 4)) + 1 - i);
  return (
    <>
      <div className="dv-adm-filters">
        <Select value={year} aria-label={t('adm.tg.year')} onChange={(v: number) => set({ year: String(v) })} options={years.map((y) => ({ value: y, label: String(y) }))} />
        {me && can(me.role, 'org.write') && <Button onClick={() => setAdding(true)}>{t('adm.tg.add')}</Button>}
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<TargetOut>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: t('adm.tg.none') }}
          pagination={false}
        />
      )}
      <Modal open={adding} footer={null} title={t('adm.tg.add')} onCancel={() => setAdding(false)} destroyOnHidden>
        <TargetForm org={org} onDone={() => setAdding(false)} />
      </Modal>
    </>
  );
}

const TARGET_FIELDS = ['orgId', 'fromYear', 'toYear', 'kind', 'bound', 'value', 'perYear', 'decisionNo'] as const;

function TargetForm({ org, onDone }: { org: string | undefined; onDone: () => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const year = Number(todayIso().slice(0, 4));
  const submit = async (v: Record<string, unknown>) => {
    setProblem(null);
    const parsed = createTargetIn.safeParse(v);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: String(i.path[0]), errors: [i.message] })));
      return;
    }
    setSaving(true);
    try {
      await api('POST', '/admissions/targets', v);
      void qc.invalidateQueries({ queryKey: ['admissions', 'targets'] });
      onDone();
    } catch (e) {
      setProblem(placeError(form, TARGET_FIELDS, e, t));
    } finally {
      setSaving(false);
    }
  };
  const req = (l: string) => [{ required: true, message: `${t('adm.f.required')}: ${l}` }];
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ orgId: org, fromYear: year, toYear: year, kind: 'count', bound: 'tu', perYear: false }}>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form.Item name="orgId" label={t('adm.tg.org')} rules={req(t('adm.tg.org'))}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="fromYear" label={t('adm.tg.fromYear')} rules={req(t('adm.tg.fromYear'))}>
        <InputNumber min={1930} max={2200} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="toYear" label={t('adm.tg.toYear')} rules={req(t('adm.tg.toYear'))}>
        <InputNumber min={1930} max={2200} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="kind" label={t('adm.tg.kind')}>
        <Select
          options={[
            { value: 'count', label: t('adm.tg.count') },
            { value: 'rate', label: t('adm.tg.rate') },
          ]}
        />
      </Form.Item>
      <Form.Item name="bound" label={t('adm.tg.bound')} extra={t('adm.tg.boundHint')}>
        <Select options={TARGET_BOUNDS.map((b) => ({ value: b, label: label(TARGET_BOUND_LABELS[b]) }))} />
      </Form.Item>
      <Form.Item name="value" label={t('adm.tg.value')} rules={req(t('adm.tg.value'))}>
        <InputNumber min={0} decimalSeparator="," style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="perYear" valuePropName="checked">
        <Checkbox>{t('adm.tg.perYear')}</Checkbox>
      </Form.Item>
      <Form.Item name="decisionNo" label={t('adm.tg.decisionNo')}>
        <Input maxLength={60} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
