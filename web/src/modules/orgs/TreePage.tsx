import { foldVietnamese, ORG_KIND_LABELS } from '@dangvu/common';
import { Alert, Button, Input, Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useDeferredValue, useMemo, useState, type Key } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { byLevelThenName, byName, subtreeTotals, useOrgTree, type TreeNode } from './api';
import { CoverageList, coverageNeedsTree } from './CoverageList';
import './orgs.css';
import { AsOfPicker, More, orgHref, useParam } from './shared';

const PAGE = 100;

/** Index of a tree answer: children by parent, folded names, subtree member totals. */
function useIndex(nodes: readonly TreeNode[] | undefined) {
  return useMemo(() => {
    const list = nodes ?? [];
    const byId = new Map(list.map((n) => [n.orgId, n]));
    const children = new Map<string | null, TreeNode[]>();
    for (const n of list) {
      const p = n.parentId && byId.has(n.parentId) ? n.parentId : null;
      const arr = children.get(p) ?? [];
      arr.push(n);
      children.set(p, arr);
    }
    for (const arr of children.values()) arr.sort(byLevelThenName);
    const folded = new Map(list.map((n) => [n.orgId, foldVietnamese(n.name)]));
    return { list, byId, children, folded, totals: subtreeTotals(list), roots: children.get(null) ?? [] };
  }, [nodes]);
}
type Index = ReturnType<typeof useIndex>;

export default function TreePage() {
  const { t, label } = useI18n();
  const [asOf, setAsOf] = useParam('asOf');
  const [kind, setKind] = useParam('kind');
  const [coverage, setCoverage] = useParam('coverage');
  const [org] = useParam('org');
  const [query, setQuery] = useState('');
  const q = foldVietnamese(useDeferredValue(query));
  const needTree = !coverage || coverageNeedsTree(coverage);
  const tree = useOrgTree(asOf, needTree, org);
  const index = useIndex(tree.data?.nodes);
  const date = asOf ?? tree.data?.asOf;

  const kindName = kind ? label((ORG_KIND_LABELS as Record<string, { vi: string; en: string } | undefined>)[kind], kind) : '';
  const clear = () => {
    setKind(undefined);
    setCoverage(undefined);
  };

  return (
    <div>
      <Typography.Title level={1} className="ov-page-title">
        {t('orgs.title')}
      </Typography.Title>
      <div className="ov-filters" role="search">
        <AsOfPicker id="orgs-asof" value={date} onChange={(v) => setAsOf(v)} />
        {!coverage && (
          <div className="ov-field">
            <label htmlFor="orgs-q">{t('orgs.search')}</label>
            <Input.Search id="orgs-q" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('orgs.searchHint')} allowClear />
          </div>
        )}
      </div>
      {(kind || coverage) && (
        <Alert
          type="info"
          className="ov-filter-note"
          message={
            <Space wrap>
              <span>
                {t('orgs.filteredBy')}: <strong>{kind ? kindName : t(`orgs.cov.${coverage as 'gaps'}`)}</strong>
              </span>
              <Button size="small" onClick={clear}>
                {t('orgs.clearFilter')}
              </Button>
            </Space>
          }
        />
      )}
      {coverage && !needTree ? (
        <CoverageList coverage={coverage} org={org} asOf={date} index={index} />
      ) : tree.isPending ? (
        <PageLoading />
      ) : tree.isError ? (
        <PageError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : coverage ? (
        <CoverageList coverage={coverage} org={org} asOf={date} index={index} />
      ) : kind ? (
        <KindList index={index} kind={kind} kindName={kindName} q={q} asOf={date} />
      ) : (
        <OrgTree index={index} q={q} rawQuery={query} asOf={date} />
      )}
    </div>
  );
}

function NodeTitle({ n, index, asOf, hit }: { n: TreeNode; index: Index; asOf: string | undefined; hit?: boolean }) {
  const { t, label } = useI18n();
  return (
    <span className="ov-node">
      <Link to={orgHref(n.orgId, asOf)} className={hit ? 'ov-hit' : undefined} onClick={(e) => e.stopPropagation()}>
        {n.name}
      </Link>
      <span className="ov-meta">
        {label((ORG_KIND_LABELS as Record<string, { vi: string; en: string } | undefined>)[n.kind], n.kind)} ·{' '}
        {t('orgs.members', { n: fmtNumber(index.totals.get(n.orgId) ?? 0) })}
      </span>
    </span>
  );
}

/** The scope as a tree; a search keeps the matching organizations and the branches leading to them. */
function OrgTree({ index, q, rawQuery, asOf }: { index: Index; q: string; rawQuery: string; asOf: string | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [expanded, setExpanded] = useState<Key[] | null>(null);

  const { data, matches, autoKeys } = useMemo(() => {
    let keep: Set<string> | null = null;
    const hits = new Set<string>();
    const auto: string[] = [];
    if (q) {
      keep = new Set();
      for (const n of index.list) {
        if (!(index.folded.get(n.orgId) ?? '').includes(q) && !n.code.toLowerCase().includes(q)) continue;
        hits.add(n.orgId);
        let p: TreeNode | undefined = n;
        while (p && !keep.has(p.orgId)) {
          keep.add(p.orgId);
          if (p !== n) auto.push(p.orgId);
          p = p.parentId ? index.byId.get(p.parentId) : undefined;
        }
      }
    }
    const build = (parent: string | null): DataNode[] =>
      (index.children.get(parent) ?? [])
        .filter((n) => !keep || keep.has(n.orgId))
        .map((n) => {
          const kids = build(n.orgId);
          return { key: n.orgId, title: <NodeTitle n={n} index={index} asOf={asOf} hit={hits.has(n.orgId)} />, children: kids.length ? kids : undefined, isLeaf: !kids.length };
        });
    return { data: build(null), matches: hits.size, autoKeys: auto };
  }, [index, q, asOf]);

  if (index.list.length === 0) return <Typography.Paragraph>{t('orgs.empty')}</Typography.Paragraph>;
  if (q && matches === 0) return <Typography.Paragraph role="status">{t('orgs.noMatch', { q: rawQuery })}</Typography.Paragraph>;

  const defaultKeys = index.roots.map((r) => r.orgId);
  const expandedKeys = q ? autoKeys : (expanded ?? defaultKeys);
  return (
    <>
      <div className="ov-tree-tools">
        <span role="status">{q ? t('orgs.matches', { n: fmtNumber(matches) }) : ''}</span>
        {!q && (
          <Space>
            <Button size="small" onClick={() => setExpanded(index.list.filter((n) => index.children.has(n.orgId) && n.depth < 2).map((n) => n.orgId))}>
              {t('orgs.expandAll')}
            </Button>
            <Button size="small" onClick={() => setExpanded(defaultKeys)}>
              {t('orgs.collapseAll')}
            </Button>
          </Space>
        )}
      </div>
      <Tree
        className="ov-tree"
        aria-label={t('orgs.treeLabel', { date: fmtDate(asOf) })}
        treeData={data}
        blockNode
        virtual={false}
        showLine={{ showLeafIcon: false }}
        expandedKeys={expandedKeys}
        onExpand={(keys) => !q && setExpanded(keys)}
        selectedKeys={[]}
        onSelect={(keys) => keys[0] && navigate(orgHref(String(keys[0]), asOf))}
      />
    </>
  );
}

/** Organizations of one kind, as a flat list (the dashboard's "by kind" figures open here). */
function KindList({ index, kind, kindName, q, asOf }: { index: Index; kind: string; kindName: string; q: string; asOf: string | undefined }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(
    () => index.list.filter((n) => n.kind === kind && (!q || (index.folded.get(n.orgId) ?? '').includes(q))).sort(byName),
    [index, kind, q],
  );
  return (
    <section aria-label={kindName}>
      <Typography.Title level={2} className="ov-h2">
        {t('orgs.kindList', { kind: kindName, n: fmtNumber(rows.length) })}
      </Typography.Title>
      <ul className="ov-list">
        {rows.slice(0, shown).map((n) => {
          const parent = n.parentId ? index.byId.get(n.parentId) : undefined;
          return (
            <li key={n.orgId}>
              <Link to={orgHref(n.orgId, asOf)}>{n.name}</Link>
              <span className="ov-meta">
                {parent ? `${t('orgs.under', { name: parent.name })} · ` : ''}
                {t('orgs.members', { n: fmtNumber(index.totals.get(n.orgId) ?? 0) })}
              </span>
            </li>
          );
        })}
      </ul>
      <More shown={shown} total={rows.length} onMore={() => setShown(shown + PAGE)} />
    </section>
  );
}
