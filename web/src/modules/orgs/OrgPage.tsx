import { HOST_TYPE_LABELS, ORG_KIND_LABELS, PARTY_POST_LABELS, SEX_LABELS, todayIso } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { byLevelThenName, useOrgDetail, useOrgMembers, type HostUnit, type MemberRow, type OrgDetail, type OrgTree, type OrgVersion } from './api';
import { Lineage } from './Lineage';
import { RestructureActions } from './RestructureActions';
import './orgs.css';
import { AsOfPicker, lastDay, orgHref, useParam } from './shared';

type Labels = Record<string, { vi: string; en: string } | undefined>;
const PAGE_SIZE = 20;
const TABS = ['members', 'children', 'committee', 'hostUnits', 'lineage'] as const;
type Tab = (typeof TABS)[number];

/** Names of organizations the client already knows: this answer, plus any tree already loaded. */
function useKnownNames(detail: OrgDetail | undefined): Map<string, string> {
  const qc = useQueryClient();
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const [, tree] of qc.getQueriesData<OrgTree>({ queryKey: ['orgs', 'tree'] })) for (const n of tree?.nodes ?? []) names.set(n.orgId, n.name);
    if (detail) {
      for (const c of detail.children) names.set(c.orgId, c.name);
      for (const e of detail.events)
        for (const l of e.links) {
          if (l.fromOrgId && l.fromName) names.set(l.fromOrgId, l.fromName);
          if (l.toOrgId && l.toName) names.set(l.toOrgId, l.toName);
        }
      for (const [id, name] of Object.entries(detail.parentNames ?? {})) names.set(id, name);
      const last = detail.versions[detail.versions.length - 1];
      if (last) names.set(detail.orgId, last.name);
    }
    return names;
  }, [qc, detail]);
}

export default function OrgPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const [asOf, setAsOf] = useParam('asOf');
  const [tabParam, setTab] = useParam('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'members';
  const q = useOrgDetail(id, asOf);
  const names = useKnownNames(q.data);

  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const date = asOf ?? todayIso();
  const v: OrgVersion | undefined = d.asOf ?? d.current ?? d.versions[d.versions.length - 1];
  if (!v) return <PageError error={null} />;
  const kindLabel = label((ORG_KIND_LABELS as Labels)[v.kind], v.kind);
  const hostLabel = label((HOST_TYPE_LABELS as Labels)[v.hostType], v.hostType);
  const committee = d.committee ?? [];
  const hostUnits = d.hostUnits ?? [];
  const children = [...d.children].sort(byLevelThenName);

  return (
    <div>
      <Typography.Title level={1} className="ov-page-title">
        {v.name}
      </Typography.Title>
      <div className="ov-filters">
        <AsOfPicker id="org-asof" value={asOf ?? todayIso()} onChange={(x) => setAsOf(x)} />
        {d.current && <RestructureActions orgId={d.orgId} />}
      </div>
      {!d.asOf && <Alert type="warning" showIcon className="ov-filter-note" message={t('orgs.notOnDate', { date: fmtDate(date) })} />}
      <section className="ov-head" aria-label={v.name}>
        <dl className="ov-facts">
          <dt>{t('orgs.code')}</dt>
          <dd>{d.code}</dd>
          <dt>{t('orgs.kind')}</dt>
          <dd>{kindLabel}</dd>
          <dt>{t('orgs.host')}</dt>
          <dd>{v.hostUnitName ? `${hostLabel}: ${v.hostUnitName}` : hostLabel}</dd>
          <dt>{t('orgs.validity')}</dt>
          <dd>{v.validTo ? t('orgs.validFromTo', { from: fmtDate(v.validFrom), to: fmtDate(lastDay(v.validTo)) }) : t('orgs.validFrom', { from: fmtDate(v.validFrom) })}</dd>
          <dt>{t('orgs.parent')}</dt>
          <dd>{v.parentId ? <Link to={orgHref(v.parentId, asOf)}>{names.get(v.parentId) ?? t('orgs.parentLink')}</Link> : t('orgs.noParent')}</dd>
        </dl>
      </section>
      <Tabs
        className="ov-tabs"
        activeKey={tab}
        onChange={(k) => setTab(k === 'members' ? undefined : k, true)}
        items={[
          { key: 'members', label: t('orgs.tab.members', { n: fmtNumber(d.memberCount) }), children: <Members orgId={d.orgId} asOf={asOf} date={date} active={tab === 'members'} /> },
          {
            key: 'children',
            label: t('orgs.tab.children', { n: fmtNumber(children.length) }),
            children:
              children.length === 0 ? (
                <Typography.Paragraph>{t('orgs.noChildren')}</Typography.Paragraph>
              ) : (
                <ul className="ov-list">
                  {children.map((c) => (
                    <li key={c.orgId}>
                      <Link to={orgHref(c.orgId, asOf)}>{c.name}</Link>
                      <span className="ov-meta">
                        {label((ORG_KIND_LABELS as Labels)[c.kind], c.kind)}
                        {c.hostUnitName ? ` · ${c.hostUnitName}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            key: 'committee',
            label: t('orgs.tab.committee'),
            children:
              committee.length === 0 ? (
                <Typography.Paragraph>{t('orgs.noData')}</Typography.Paragraph>
              ) : (
                <div className="ov-table-wrap">
                  <table className="ov-simple">
                    <thead>
                      <tr>
                        <th scope="col">{t('orgs.col.title')}</th>
                        <th scope="col">{t('orgs.col.name')}</th>
                        <th scope="col">{t('orgs.col.since')}</th>
                        <th scope="col">{t('orgs.col.term')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {committee.map((c) => (
                        <tr key={`${c.personId}-${c.title}`}>
                          <td>{label((PARTY_POST_LABELS as Labels)[c.title], c.title)}</td>
                          <td>
                            <Link to={`/members/${c.personId}`}>{c.fullName}</Link>
                          </td>
                          <td>{fmtDate(c.since)}</td>
                          <td>{c.term ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ),
          },
          {
            key: 'hostUnits',
            label: t('orgs.tab.hostUnits'),
            children:
              hostUnits.length === 0 ? <Typography.Paragraph>{t('orgs.noData')}</Typography.Paragraph> : <HostUnits units={hostUnits} />,
          },
          { key: 'lineage', label: t('orgs.tab.lineage'), children: <Lineage detail={d} names={names} /> },
        ]}
      />
    </div>
  );
}

/** Villages, groups and units: those the cell serves, and those of a commune-level organization's area. */
function HostUnits({ units }: { units: HostUnit[] }) {
  const { t, label } = useI18n();
  const groups = (['cell', 'commune'] as const).map((g) => ({ g, list: units.filter((u) => (u.link ?? 'cell') === g) })).filter((x) => x.list.length);
  return (
    <>
      {groups.map(({ g, list }) => (
        <section key={g} aria-label={t(`orgs.hu.${g}`)}>
          {groups.length > 1 && (
            <Typography.Title level={2} className="ov-h2">
              {t(`orgs.hu.${g}`)} ({fmtNumber(list.length)})
            </Typography.Title>
          )}
          <ul className="ov-list">
            {list.map((h) => (
              <li key={h.id}>
                <strong>{h.name}</strong>
                <span className="ov-meta">{label((HOST_TYPE_LABELS as Labels)[h.kind], h.kind)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Members of the organization's subtree on the date, paged on the server. */
function Members({ orgId, asOf, date, active }: { orgId: string; asOf: string | undefined; date: string; active: boolean }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const q = useOrgMembers(orgId, asOf, page, PAGE_SIZE, active);
  if (q.isError && !q.data) {
    // Inline, not the full-page 404 picture: the rest of the organization page is still valid.
    const e = q.error;
    const message = e instanceof ApiError ? (e.status === 0 ? t('common.offline') : e.message) : t('common.error');
    return <Alert type="error" showIcon message={message} action={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>} />;
  }
  const columns: ColumnsType<MemberRow> = [
    { key: 'name', title: t('orgs.col.name'), render: (_, m) => <Link to={`/members/${m.id}`}>{m.fullName}</Link> },
    { key: 'sex', title: t('orgs.col.sex'), render: (_, m) => label((SEX_LABELS as Labels)[m.sex], m.sex), responsive: ['sm'] },
    { key: 'birth', title: t('orgs.col.birth'), render: (_, m) => fmtDate(m.birthDate), responsive: ['sm'] },
    { key: 'cell', title: t('orgs.col.cell'), render: (_, m) => m.orgName ?? '', responsive: ['md'] },
    {
      key: 'grade',
      title: t('orgs.col.grade'),
      render: (_, m) => (m.officialOn && m.officialOn <= date ? t('orgs.grade.chinhThuc') : t('orgs.grade.duBi')),
    },
  ];
  return (
    <>
      <p>
        <Link to={`/members${qs({ org: orgId, asOf })}`}>{t('orgs.openMemberList')}</Link>
      </p>
      <Table<MemberRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('common.records', { n: fmtNumber(n) }),
          size: 'default',
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
