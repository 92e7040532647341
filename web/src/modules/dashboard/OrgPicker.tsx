import { foldVietnamese } from '@dangvu/common';
import { Spin, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { byLevelThenName, useOrgTree, type TreeNode } from '../orgs/api';

interface Option {
  value: string;
  title: string;
  folded: string;
  children?: Option[];
}

function toOptions(nodes: readonly TreeNode[]): Option[] {
  const byParent = new Map<string | null, TreeNode[]>();
  const ids = new Set(nodes.map((n) => n.orgId));
  for (const n of nodes) {
    const p = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    const list = byParent.get(p) ?? [];
    list.push(n);
    byParent.set(p, list);
  }
  const build = (parent: string | null): Option[] =>
    (byParent.get(parent) ?? []).sort(byLevelThenName).map((n) => {
      const kids = build(n.orgId);
      return { value: n.orgId, title: n.name, folded: foldVietnamese(n.name), children: kids.length ? kids : undefined };
    });
  return build(null);
}

/**
 * Organization picker for the dashboard. The scope's tree is a large download, so it is fetched
 * only when the user opens the picker; until then the chosen organization shows by name.
 */
export function OrgPicker({
  id,
  value,
  valueName,
  asOf,
  onChange,
  autoOpen = false,
}: {
  id: string;
  value: string | undefined;
  valueName: string | undefined;
  asOf: string | undefined;
  onChange: (org: string | undefined) => void;
  autoOpen?: boolean;
}) {
  const { t } = useI18n();
  const [wanted, setWanted] = useState(autoOpen);
  const tree = useOrgTree(asOf, wanted);
  const options = useMemo(() => (tree.data ? toOptions(tree.data.nodes) : null), [tree.data]);
  const treeData = options ?? (value ? [{ value, title: valueName ?? value, folded: '' }] : []);
  // The tree arrives after the list has opened, so its expansion is controlled here (root open by
  // default); while searching, the select's own "expand every match" applies.
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<(string | number)[] | null>(null);
  const expandedKeys = expanded ?? (options?.[0] ? [options[0].value] : []);
  return (
    <TreeSelect<string>
      id={id}
      style={{ width: '100%' }}
      value={value}
      treeData={treeData}
      placeholder={t('dash.orgPlaceholder')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      filterTreeNode={(input, node) => (node as unknown as Option).folded.includes(foldVietnamese(input))}
      searchValue={search}
      onSearch={setSearch}
      treeExpandedKeys={search ? undefined : expandedKeys}
      onTreeExpand={(keys) => setExpanded(keys as (string | number)[])}
      onOpenChange={(open) => open && setWanted(true)}
      autoFocus={autoOpen}
      defaultOpen={autoOpen}
      notFoundContent={tree.isFetching ? <Spin size="small" /> : undefined}
      onChange={(v) => {
        setSearch('');
        onChange(v || undefined);
      }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)', minWidth: 'min(28em, calc(100vw - 16px))' } } }}
      listHeight={360}
    />
  );
}
