import { COVERAGE_GROUPS, HOST_TYPE_LABELS, HOST_TYPES, HOST_UNIT_FLAG_LABELS, HOST_UNIT_FLAGS, type CoverageGroup, type CoverageUnit } from '@dangvu/common';
import { Button, Checkbox, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { OrgTreeSelect } from '../members/components/OrgTreeSelect';
import { orgHref, useParam } from '../orgs/shared';
import { ActionModal, DateItem, DecisionItems } from './ActionModal';
import { useCoverage, useUnits, type UnitRow } from './api';
import './cadres.css';

type Labels = Record<string, { vi: string; en: string } | undefined>;
const FIGURES = ['all', 'ownCell', 'sharedCell', 'noCell', 'noMember', 'smallCell'] as const;
type Action = { kind: 'create' } | { kind: 'merge' } | { kind: 'change' | 'link' | 'end'; unit: UnitRow } | null;

/** The host-unit register as of a date, with the coverage figures that open their lists. */
export default function UnitsPage() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const canWrite = me?.role === 'quan_tri' || me?.role === 'can_bo_to_chuc';
  const [asOf, setAsOf] = useParam('asOf');
  const [org, setOrg] = useParam('org');
  const [groupParam, setGroup] = useParam('group');
  const [status, setStatus] = useParam('coverage');
  const [kind, setKind] = useParam('kind');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<Action>(null);
  const group = (COVERAGE_GROUPS as readonly string[]).includes(groupParam ?? '') ? (groupParam as CoverageGroup) : 'villages';
  const coverage = useCoverage({ org, asOf, group, status: status ?? 'all' });
  const units = useUnits({ org, asOf, kind, q: q || undefined, page, pageSize: 50 });
  const hostLabel = (k: string) => label((HOST_TYPE_LABELS as Labels)[k], k);
  const counts = coverage.data?.counts;
  const figure = (f: (typeof FIGURES)[number]) => (!counts ? 0 : f === 'all' ? counts.total : f === 'smallCell' ? counts.smallCells : counts[f]);

  return (
    <div>
      <Typography.Title level={1} className="cd-title">
        {t('cadres.units.title')}
      </Typography.Title>
      <div className="cd-filters" role="search">
        <div className="cd-field cd-field-date">
          <label htmlFor="units-asof">{t('common.asOf')}</label>
          <IsoDatePicker id="units-asof" value={asOf ?? coverage.data?.asOf} onChange={(v) => setAsOf(v)} />
        </div>
        <div className="cd-field">
          <label htmlFor="units-org">{t('cadres.f.org')}</label>
          <OrgTreeSelect id="units-org" value={org} onChange={(v) => setOrg(v)} placeholder={t('cadres.allScope')} />
        </div>
        <div className="cd-field">
          <label htmlFor="units-group">{t('cadres.cov.group')}</label>
          <Select
            id="units-group"
            value={group}
            onChange={(v) => setGroup(v)}
            style={{ width: '100%' }}
            options={COVERAGE_GROUPS.map((g) => ({ value: g, label: t(`cadres.cov.group.${g}`) }))}
          />
        </div>
      </div>

      <section aria-label={t('cadres.cov.title')}>
        <Typography.Title level={2} className="cd-h2">
          {t('cadres.cov.title')} — {t(`cadres.cov.group.${group}`)}
        </Typography.Title>
        {coverage.isError ? (
          <PageError error={coverage.error} onRetry={() => void coverage.refetch()} />
        ) : (
          <div className="cd-figures">
            {FIGURES.map((f) => (
              <Button key={f} className={`cd-figure ${(status ?? 'all') === f ? 'cd-on' : ''}`} onClick={() => setStatus(f === 'all' ? undefined : f)} aria-pressed={(status ?? 'all') === f}>
                <strong>{fmtNumber(figure(f))}</strong>
                <span>{t(`cadres.cov.${f}`)}</span>
              </Button>
            ))}
          </div>
        )}
        <div className="cd-panel">
          {coverage.isPending ? (
            <PageLoading />
          ) : coverage.data && status === 'smallCell' ? (
            <Table
              size="small"
              rowKey="orgId"
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={coverage.data.smallCells}
              columns={[
                { title: t('cadres.col.cell'), dataIndex: 'name', render: (v: string, c) => <Link to={orgHref(c.orgId, asOf)}>{v}</Link> },
                { title: t('cadres.col.fullMembers'), dataIndex: 'fullMembers', render: (n: number) => fmtNumber(n) },
                { title: t('cadres.col.members'), dataIndex: 'members', render: (n: number) => fmtNumber(n) },
                { title: t('cadres.col.units'), dataIndex: 'units', render: (u: string[]) => u.join(', ') },
              ]}
            />
          ) : coverage.data ? (
            <Table<CoverageUnit>
              size="small"
              rowKey="hostUnitId"
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={coverage.data.items}
              columns={[
                { title: t('cadres.col.unit'), dataIndex: 'name' },
                { title: t('cadres.col.commune'), dataIndex: 'communeName' },
                { title: t('cadres.col.cell'), dataIndex: 'cellName', render: (v: string | null, u) => (u.orgId ? <Link to={orgHref(u.orgId, asOf)}>{v ?? u.orgId}</Link> : <span className="cd-tag cd-tag-bad">{t('cadres.link.none')}</span>) },
                { title: t('cadres.col.link'), dataIndex: 'status', render: (s: CoverageUnit['status']) => t(`cadres.link.${s}`) },
                { title: t('cadres.col.fullMembers'), dataIndex: 'fullMembers', render: (n: number | undefined, u) => (u.orgId ? `${fmtNumber(n ?? 0)} / ${fmtNumber(u.members)}` : '') },
              ]}
            />
          ) : null}
        </div>
      </section>

      <section aria-label={t('cadres.units.register')}>
        <Typography.Title level={2} className="cd-h2">
          {t('cadres.units.register')}
        </Typography.Title>
        <div className="cd-filters">
          <div className="cd-field">
            <label htmlFor="units-q">{t('common.search')}</label>
            <Input.Search id="units-q" allowClear onSearch={(v) => { setQ(v); setPage(1); }} />
          </div>
          <div className="cd-field">
            <label htmlFor="units-kind">{t('cadres.f.kind')}</label>
            <Select id="units-kind" allowClear value={kind} onChange={(v) => setKind(v)} style={{ width: '100%' }} options={HOST_TYPES.filter((k) => k !== 'xa_phuong').map((k) => ({ value: k, label: hostLabel(k) }))} />
          </div>
        </div>
        {canWrite && (
          <div className="cd-toolbar">
            <Button type="primary" onClick={() => setAction({ kind: 'create' })}>
              {t('cadres.units.create')}
            </Button>
            <Button onClick={() => setAction({ kind: 'merge' })}>{t('cadres.units.merge')}</Button>
          </div>
        )}
        <div className="cd-panel">
          {units.isPending ? (
            <PageLoading />
          ) : units.isError ? (
            <PageError error={units.error} onRetry={() => void units.refetch()} />
          ) : (
            <Table<UnitRow>
              size="small"
              rowKey="id"
              scroll={{ x: 'max-content' }}
              dataSource={units.data.items}
              pagination={{ current: page, pageSize: 50, total: units.data.total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
              columns={[
                { title: t('cadres.col.unit'), dataIndex: 'name', render: (v: string, u) => <><strong>{v}</strong><div className="cd-meta">{hostLabel(u.kind)} · {u.code}</div></> },
                { title: t('cadres.col.commune'), dataIndex: 'orgName' },
                {
                  title: t('cadres.col.flags'),
                  dataIndex: 'flags',
                  render: (f: UnitRow['flags']) => HOST_UNIT_FLAGS.filter((k) => f[k]).map((k) => <span key={k} className="cd-tag">{label(HOST_UNIT_FLAG_LABELS[k])}</span>),
                },
                {
                  title: t('cadres.col.cell'),
                  dataIndex: 'cellName',
                  render: (v: string | null, u) =>
                    u.cellOrgId ? (
                      <>
                        <Link to={orgHref(u.cellOrgId, asOf)}>{v}</Link> <span className={`cd-tag ${u.link === 'own' ? 'cd-tag-ok' : 'cd-tag-warn'}`}>{t(`cadres.link.${u.link}`)}</span>
                      </>
                    ) : (
                      <span className="cd-tag cd-tag-bad">{t('cadres.link.none')}</span>
                    ),
                },
                { title: t('cadres.col.since'), dataIndex: 'validFrom', render: (d: string) => fmtDate(d) },
                ...(canWrite
                  ? [
                      {
                        title: '',
                        key: 'actions',
                        render: (_: unknown, u: UnitRow) => (
                          <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                            <Button size="small" onClick={() => setAction({ kind: 'change', unit: u })}>{t('cadres.units.change')}</Button>
                            <Button size="small" onClick={() => setAction({ kind: 'link', unit: u })}>{t('cadres.units.link')}</Button>
                            <Button size="small" danger onClick={() => setAction({ kind: 'end', unit: u })}>{t('cadres.units.end')}</Button>
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </div>
      </section>
      <UnitForms action={action} onClose={() => setAction(null)} units={units.data?.items ?? []} />
    </div>
  );
}

const flagsOf = (list: string[] | undefined) => Object.fromEntries(HOST_UNIT_FLAGS.map((f) => [f, !!list?.includes(f)]));

function FlagsItem({ name = 'flagList' }: { name?: string }) {
  const { t, label } = useI18n();
  return (
    <Form.Item name={name} label={t('cadres.f.flags')}>
      <Checkbox.Group options={HOST_UNIT_FLAGS.map((f) => ({ value: f, label: label(HOST_UNIT_FLAG_LABELS[f]) }))} />
    </Form.Item>
  );
}

function UnitForms({ action, onClose, units }: { action: Action; onClose: () => void; units: UnitRow[] }) {
  const { t, label } = useI18n();
  const req = [{ required: true, message: t('cadres.required') }];
  const kinds = HOST_TYPES.filter((k) => k !== 'xa_phuong').map((k) => ({ value: k, label: label((HOST_TYPE_LABELS as Labels)[k], k) }));
  type V = Record<string, unknown> & { flagList?: string[] };
  if (!action) return null;
  if (action.kind === 'create')
    return (
      <ActionModal<V>
        open
        title={t('cadres.units.create')}
        onClose={onClose}
        onSubmit={({ flagList, ...v }) => api('POST', '/host-units', { ...v, flags: flagsOf(flagList) })}
      >
        <Form.Item name="name" label={t('cadres.f.name')} rules={req}><Input /></Form.Item>
        <Form.Item name="code" label={t('cadres.f.code')} rules={req}><Input /></Form.Item>
        <Form.Item name="kind" label={t('cadres.f.kind')} rules={req}><Select options={kinds} /></Form.Item>
        <Form.Item name="orgId" label={t('cadres.f.commune')} rules={req}><OrgTreeSelect /></Form.Item>
        <Form.Item name="cellOrgId" label={t('cadres.f.cell')}><OrgTreeSelect cellsOnly /></Form.Item>
        <FlagsItem />
        <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
        <DecisionItems />
      </ActionModal>
    );
  if (action.kind === 'merge')
    return (
      <ActionModal<V> open title={t('cadres.units.merge')} onClose={onClose} onSubmit={(v) => api('POST', '/host-units/merge', v)}>
        <Typography.Paragraph className="cd-meta">{t('cadres.units.mergeHelp')}</Typography.Paragraph>
        <Form.Item name="sourceIds" label={t('cadres.f.sources')} rules={req}>
          <Select mode="multiple" optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.orgName})` }))} />
        </Form.Item>
        <Form.Item name="targetId" label={t('cadres.f.target')} rules={req}>
          <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: `${u.name} (${u.orgName})` }))} />
        </Form.Item>
        <Form.Item name="name" label={t('cadres.f.newName')}><Input /></Form.Item>
        <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
        <DecisionItems required />
      </ActionModal>
    );
  const u = action.unit;
  if (action.kind === 'change')
    return (
      <ActionModal<V>
        open
        title={`${t('cadres.units.change')}: ${u.name}`}
        onClose={onClose}
        initialValues={{ name: u.name, flagList: HOST_UNIT_FLAGS.filter((f) => u.flags[f]) }}
        onSubmit={({ flagList, ...v }) => api('POST', `/host-units/${u.id}/change`, { ...v, version: u.version, flags: flagsOf(flagList) })}
      >
        <Form.Item name="name" label={t('cadres.f.name')} rules={req}><Input /></Form.Item>
        <FlagsItem />
        <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
        <DecisionItems />
      </ActionModal>
    );
  if (action.kind === 'link')
    return (
      <ActionModal<V> open title={`${t('cadres.units.link')}: ${u.name}`} onClose={onClose} initialValues={{ cellOrgId: u.cellOrgId ?? undefined }} onSubmit={(v) => api('POST', `/host-units/${u.id}/link`, { ...v, cellOrgId: v.cellOrgId ?? null, version: u.version })}>
        <Typography.Paragraph className="cd-meta">{t('cadres.units.linkHelp')}</Typography.Paragraph>
        <Form.Item name="cellOrgId" label={t('cadres.f.cell')}><OrgTreeSelect cellsOnly /></Form.Item>
        <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
        <DecisionItems />
      </ActionModal>
    );
  return (
    <ActionModal<V> open title={`${t('cadres.units.end')}: ${u.name}`} onClose={onClose} onSubmit={(v) => api('POST', `/host-units/${u.id}/end`, { ...v, version: u.version })}>
      <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
      <DecisionItems />
    </ActionModal>
  );
}
