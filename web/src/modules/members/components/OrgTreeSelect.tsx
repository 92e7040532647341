import { foldVietnamese, isCellKind } from '@dangvu/common';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { useOrgTree, type OrgNode } from '../api';

interface OrgOption {
  value: string;
  title: string;
  /** Folded name, so "chi bo ban" finds "Chi bộ bản". */
  search: string;
  selectable: boolean;
  children?: OrgOption[];
}

/** Nests the flat, scope-limited node list under its parents, siblings in Vietnamese order. */
export function buildOrgOptions(nodes: readonly OrgNode[], cellsOnly: boolean): OrgOption[] {
  const byId = new Map<string, OrgOption>();
  for (const n of nodes)
    byId.set(n.orgId, { value: n.orgId, title: n.name, search: foldVietnamese(n.name), selectable: !cellsOnly || isCellKind(n.kind) });
  const roots: OrgOption[] = [];
  for (const n of nodes) {
    const opt = byId.get(n.orgId)!;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(opt);
    else roots.push(opt); // the top of the user's scope
  }
  const sort = (list: OrgOption[]) => {
    list.sort((a, b) => a.title.localeCompare(b.title, 'vi'));
    for (const o of list) if (o.children) sort(o.children);
  };
  for (const r of roots) if (r.children) sort(r.children);
  return roots;
}

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'onChange'> & {
  /** Only cells (chi bộ) can be picked: a member's place in forms. */
  cellsOnly?: boolean;
  onChange?: (value: string | undefined) => void;
};

/** Picks an organization from the user's scope by typing part of its name or opening the tree. */
export function OrgTreeSelect({ cellsOnly = false, onChange, ...rest }: Props) {
  const { t } = useI18n();
  const tree = useOrgTree();
  const options = useMemo(() => buildOrgOptions(tree.data?.nodes ?? [], cellsOnly), [tree.data, cellsOnly]);
  const rootKeys = useMemo(() => options.map((o) => o.value), [options]);
  return (
    <TreeSelect<string>
      showSearch
      allowClear
      treeData={options}
      treeDefaultExpandedKeys={rootKeys}
      treeNodeFilterProp="title"
      filterTreeNode={(input, node) => (node as unknown as OrgOption).search.includes(foldVietnamese(input))}
      loading={tree.isPending}
      notFoundContent={tree.isError ? t('members.orgs.loadFailed') : t('members.orgs.none')}
      listHeight={360}
      classNames={{ popup: { root: 'dv-m-org-popup' } }}
      style={{ width: '100%' }}
      onChange={(v) => onChange?.(v ?? undefined)}
      {...rest}
    />
  );
}
