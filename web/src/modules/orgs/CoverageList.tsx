import { HOST_TYPE_LABELS, isCellKind } from '@dangvu/common';
import { Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDashboard } from '../dashboard/api';
import { byName, subtreeTotals, type TreeNode } from './api';
import { More, orgHref } from './shared';

const PAGE = 100;
const RESIDENTIAL = new Set(['thon_ban', 'to_dan_pho', 'khu_dan_cu']);
const GAP_FILTER: Record<string, 'no_cell' | 'no_member' | null> = { noCell: 'no_cell', noMember: 'no_member', gaps: null };

/** The gap lists come from the dashboard answer; only the other views need the (large) tree. */
export const coverageNeedsTree = (coverage: string): boolean => !(coverage in GAP_FILTER);

const hostLabel = (k: string) => (HOST_TYPE_LABELS as Record<string, { vi: string; en: string } | undefined>)[k];

/**
 * The records behind the dashboard's coverage figures. Units without a cell or without members
 * come from the dashboard's gap list; the other figures list the cells based in villages and
 * residential groups of the tree.
 */
export function CoverageList({
  coverage,
  org,
  asOf,
  index,
}: {
  coverage: string;
  org: string | undefined;
  asOf: string | undefined;
  index: { list: readonly TreeNode[]; byId: Map<string, TreeNode> };
}) {
  return !coverageNeedsTree(coverage) ? (
    <GapList problem={GAP_FILTER[coverage] ?? null} coverage={coverage} org={org} asOf={asOf} />
  ) : (
    <ResidentialCells coverage={coverage} asOf={asOf} index={index} />
  );
}

function GapList({ problem, coverage, org, asOf }: { problem: 'no_cell' | 'no_member' | null; coverage: string; org: string | undefined; asOf: string | undefined }) {
  const { t, label } = useI18n();
  const q = useDashboard(org, asOf);
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(
    () => (q.data?.gaps ?? []).filter((g) => !problem || g.problem === problem).sort((a, b) => a.communeName.localeCompare(b.communeName, 'vi', { numeric: true }) || byName(a, b)),
    [q.data, problem],
  );
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const title = t(`orgs.cov.${coverage as 'noCell' | 'noMember' | 'gaps'}`);
  return (
    <section aria-label={title}>
      <Typography.Title level={2} className="ov-h2">
        {title} ({fmtNumber(rows.length)})
      </Typography.Title>
      {rows.length === 0 ? (
        <Typography.Paragraph>{t('orgs.cov.none')}</Typography.Paragraph>
      ) : (
        <ul className="ov-list">
          {rows.slice(0, shown).map((g) => (
            <li key={`${g.hostUnitId}-${g.problem}`}>
              {g.orgId ? <Link to={orgHref(g.orgId, asOf)}>{g.name}</Link> : <strong>{g.name}</strong>}
              <span className="ov-meta">
                {label(hostLabel(g.kind), g.kind)} · {t('orgs.gap.commune', { name: g.communeName })}
              </span>
              <span className={`ov-tag ov-tag-${g.problem}`}>{t(`orgs.gap.${g.problem}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <More shown={shown} total={rows.length} onMore={() => setShown(shown + PAGE)} />
    </section>
  );
}

function ResidentialCells({ coverage, asOf, index }: { coverage: string; asOf: string | undefined; index: { list: readonly TreeNode[]; byId: Map<string, TreeNode> } }) {
  const { t, label } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const totals = useMemo(() => subtreeTotals(index.list), [index.list]);
  const rows = useMemo(() => index.list.filter((n) => isCellKind(n.kind) && RESIDENTIAL.has(n.hostType)).sort(byName), [index.list]);
  const title = t(`orgs.cov.${coverage as 'all'}` as 'orgs.cov.all');
  return (
    <section aria-label={title}>
      <Typography.Title level={2} className="ov-h2">
        {title} ({fmtNumber(rows.length)})
      </Typography.Title>
      <ul className="ov-list">
        {rows.slice(0, shown).map((n) => {
          const parent = n.parentId ? index.byId.get(n.parentId) : undefined;
          return (
            <li key={n.orgId}>
              <Link to={orgHref(n.orgId, asOf)}>{n.name}</Link>
              <span className="ov-meta">
                {label(hostLabel(n.hostType), n.hostType)}
                {n.hostUnitName ? `: ${n.hostUnitName}` : ''}
                {parent ? ` · ${t('orgs.under', { name: parent.name })}` : ''} · {t('orgs.members', { n: fmtNumber(totals.get(n.orgId) ?? 0) })}
              </span>
            </li>
          );
        })}
      </ul>
      <More shown={shown} total={rows.length} onMore={() => setShown(shown + PAGE)} />
    </section>
  );
}
