import { ORG_EVENT_KINDS, ORG_EVENT_LABELS, type OrgEventKind, type RestructureEventsOut } from '@dangvu/common';
import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { PageError } from '../../ui/PageState';

type Item = RestructureEventsOut['items'][number];

/** Restructurings already recorded in the user's scope, newest first, each with its lineage. */
export function EventsTab() {
  const { t, label } = useI18n();
  const q = useQuery({ queryKey: ['restructure', 'events'], queryFn: () => api<RestructureEventsOut>('GET', '/restructure/events') });
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const orgLink = (id: string | null, name: string | null, asOf: string) => (id ? <Link to={`/orgs/${id}?asOf=${asOf}`}>{name ?? id}</Link> : null);
  return (
    <Table<Item>
      rowKey="id"
      size="small"
      loading={q.isPending}
      scroll={{ x: true }}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('rs.fx.none') }}
      columns={[
        { key: 'date', title: t('rs.effectiveDate'), render: (_, r) => fmtDate(r.effectiveDate), width: 110 },
        { key: 'kind', title: t('rs.op'), render: (_, r) => ((ORG_EVENT_KINDS as readonly string[]).includes(r.kind) ? label(ORG_EVENT_LABELS[r.kind as OrgEventKind]) : r.kind) },
        {
          key: 'links',
          title: t('rs.fx.orgs'),
          render: (_, r) => (
            <ul className="ov-event-lines">
              {r.links.map((l, i) => (
                <li key={i}>
                  {/* Before the date for what ended, from the date for what came out of it. */}
                  {orgLink(l.fromOrgId, l.fromName, dayBefore(r.effectiveDate))}
                  {l.fromOrgId && l.toOrgId && l.fromOrgId !== l.toOrgId && ' → '}
                  {l.toOrgId !== l.fromOrgId && orgLink(l.toOrgId, l.toName, r.effectiveDate)}
                </li>
              ))}
            </ul>
          ),
        },
        { key: 'decision', title: t('rs.decision'), render: (_, r) => `${r.decisionNo} — ${r.issuer}` },
      ]}
    />
  );
}

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
