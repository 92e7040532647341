import { HOST_TYPE_LABELS, ORG_KIND_LABELS, PARTY_POST_LABELS } from '@dangvu/common';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import type { RestructureEffects } from './api';

type Labels = Record<string, { vi: string; en: string } | undefined>;
type OrgChange = RestructureEffects['organizations'][number];
type Side = NonNullable<OrgChange['before']>;
type TreeNode = RestructureEffects['tree']['nodes'][number];

const CHANGE_COLOR = { created: 'green', changed: 'blue', ended: 'red' } as const;

/** What a restructuring changes (or changed): organizations, people, units, posts, and the tree after. */
export function Effects({ effects, applied = false }: { effects: RestructureEffects; applied?: boolean }) {
  const { t, label } = useI18n();
  const e = effects;

  const side = (s: Side | null) =>
    s ? (
      <div className="rs-side">
        <div>{s.name}</div>
        <small>{label((ORG_KIND_LABELS as Labels)[s.kind], s.kind)}</small>
        {s.parentName && <small>{t('rs.fx.under', { name: s.parentName })}</small>}
        <small>{label((HOST_TYPE_LABELS as Labels)[s.hostType], s.hostType)}</small>
      </div>
    ) : (
      '—'
    );

  const orgColumns: ColumnsType<OrgChange> = [
    { key: 'code', title: t('rs.code'), dataIndex: 'code', width: 120 },
    { key: 'change', title: t('rs.fx.changed'), render: (_, r) => <Tag color={CHANGE_COLOR[r.change]}>{t(`rs.fx.${r.change}`)}</Tag>, width: 110 },
    { key: 'before', title: t('rs.fx.before'), render: (_, r) => side(r.before) },
    { key: 'after', title: t('rs.fx.after'), render: (_, r) => side(r.after) },
  ];
  const memberColumns: ColumnsType<RestructureEffects['members']['items'][number]> = [
    {
      key: 'name',
      title: t('rs.fx.person'),
      render: (_, r) => (
        <>
          <Link to={`/members/${r.personId}`}>{r.fullName}</Link>
          {!r.member && <span className="rs-meta">({t('rs.fx.nonMember')})</span>}
        </>
      ),
    },
    { key: 'from', title: t('rs.fx.from'), dataIndex: 'fromName' },
    { key: 'to', title: t('rs.fx.to'), dataIndex: 'toName' },
  ];
  const unitColumns: ColumnsType<RestructureEffects['hostUnits'][number]> = [
    { key: 'name', title: t('rs.fx.unit'), dataIndex: 'name' },
    { key: 'from', title: t('rs.fx.from'), dataIndex: 'fromName' },
    { key: 'to', title: t('rs.fx.to'), render: (_, r) => r.toName ?? t('rs.fx.ended') },
  ];
  const postColumns: ColumnsType<RestructureEffects['posts'][number]> = [
    { key: 'name', title: t('rs.fx.person'), dataIndex: 'fullName' },
    { key: 'title', title: t('rs.fx.post'), render: (_, r) => label((PARTY_POST_LABELS as Labels)[r.title], r.title) },
    { key: 'org', title: t('rs.org'), dataIndex: 'orgName' },
    { key: 'ended', title: t('rs.fx.endedOn'), render: (_, r) => fmtDate(r.endedOn) },
  ];

  return (
    <section aria-labelledby="rs-fx-title" className="rs-effects">
      <Typography.Title level={2} id="rs-fx-title" className="rs-h2">
        {t(applied ? 'rs.fx.resultTitle' : 'rs.fx.title', { date: fmtDate(e.effectiveDate) })}
      </Typography.Title>
      <p className="rs-summary" role="status">
        {t('rs.fx.summary', {
          orgs: fmtNumber(e.organizations.length),
          moved: fmtNumber(e.members.moved),
          rehomed: fmtNumber(e.members.rehomed),
          units: fmtNumber(e.hostUnits.length),
          posts: fmtNumber(e.posts.length),
        })}
      </p>
      {e.transfers.rerouted + e.transfers.refused > 0 && (
        <p className="rs-summary">{t('rs.fx.transfers', { rerouted: fmtNumber(e.transfers.rerouted), refused: fmtNumber(e.transfers.refused) })}</p>
      )}

      <h3 className="rs-h3">{t('rs.fx.orgs')}</h3>
      <Table rowKey="orgId" size="small" columns={orgColumns} dataSource={e.organizations} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('rs.fx.none') }} />

      <h3 className="rs-h3">{t('rs.fx.members')}</h3>
      {e.members.moved > e.members.items.length && <p>{t('rs.fx.membersShown', { shown: fmtNumber(e.members.items.length), total: fmtNumber(e.members.moved) })}</p>}
      <Table
        rowKey="personId"
        size="small"
        columns={memberColumns}
        dataSource={e.members.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: true }}
        locale={{ emptyText: t('rs.fx.none') }}
      />

      {e.hostUnits.length > 0 && (
        <>
          <h3 className="rs-h3">{t('rs.fx.units')}</h3>
          <Table rowKey="id" size="small" columns={unitColumns} dataSource={e.hostUnits} pagination={false} scroll={{ x: true }} />
        </>
      )}
      {e.posts.length > 0 && (
        <>
          <h3 className="rs-h3">{t('rs.fx.posts')}</h3>
          <Table rowKey="id" size="small" columns={postColumns} dataSource={e.posts} pagination={false} scroll={{ x: true }} />
        </>
      )}

      <h3 className="rs-h3">{t('rs.fx.tree', { date: fmtDate(e.tree.asOf) })}</h3>
      {e.tree.truncated && <p>{t('rs.fx.treeTruncated')}</p>}
      <TreeAfter nodes={e.tree.nodes} asOf={e.tree.asOf} />
    </section>
  );
}

/** The affected part of the tree as nested lists (readable on a phone and by a screen reader). */
function TreeAfter({ nodes, asOf }: { nodes: TreeNode[]; asOf: string }) {
  const { t } = useI18n();
  const { roots, children } = useMemo(() => {
    const ids = new Set(nodes.map((n) => n.orgId));
    const children = new Map<string, TreeNode[]>();
    const roots: TreeNode[] = [];
    for (const n of nodes) {
      if (n.parentId && ids.has(n.parentId)) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
      else roots.push(n);
    }
    for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
    return { roots, children };
  }, [nodes]);
  const render = (n: TreeNode) => (
    <li key={n.orgId} className={n.changed ? 'rs-changed' : undefined}>
      <Link className="rs-node-name" to={`/orgs/${n.orgId}?asOf=${asOf}`}>
        {n.name}
      </Link>
      <span className="rs-meta">{t('rs.fx.memberCount', { n: fmtNumber(n.memberCount) })}</span>
      {n.changed && (
        <Tag color="gold" style={{ marginInlineStart: 8 }}>
          {t('rs.fx.changedTag')}
        </Tag>
      )}
      {children.has(n.orgId) && <ul>{children.get(n.orgId)!.map(render)}</ul>}
    </li>
  );
  return <ul className="rs-tree">{roots.map(render)}</ul>;
}
