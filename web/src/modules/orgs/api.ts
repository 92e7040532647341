import { ORG_KIND_LABELS } from '@dangvu/common';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

/** One organization version as the server returns it (common's orgVersionOut). */
export interface OrgVersion {
  orgId: string;
  code: string;
  name: string;
  kind: string;
  hostType: string;
  hostUnitName: string | null;
  parentId: string | null;
  path: string;
  depth: number;
  validFrom: string;
  validTo: string | null;
}

export interface TreeNode extends OrgVersion {
  /** Members directly in this organization on the date; subtree totals are summed client-side. */
  memberCount: number;
}

export interface OrgTree {
  asOf: string;
  nodes: TreeNode[];
}

export interface OrgLink {
  fromOrgId: string | null;
  toOrgId: string | null;
  role: string;
  fromName?: string | null;
  toName?: string | null;
}

export interface OrgEvent {
  id: string;
  kind: string;
  effectiveDate: string;
  decisionNo: string;
  decisionDate: string | null;
  issuer: string;
  note: string | null;
  links: OrgLink[];
}

export interface CommitteeMember {
  personId: string;
  fullName: string;
  title: string;
  since: string | null;
  term?: string | null;
}

export interface HostUnit {
  id: string;
  name: string;
  kind: string;
  /** 'cell': a unit this cell serves; 'commune': a unit of this commune-level organization's area. */
  link?: 'cell' | 'commune';
}

export interface OrgDetail {
  orgId: string;
  code: string;
  current: OrgVersion | null;
  asOf: OrgVersion | null;
  versions: OrgVersion[];
  events: OrgEvent[];
  children: OrgVersion[];
  memberCount: number;
  /** Added to the server recently: absent on older servers, hence optional. */
  committee?: CommitteeMember[];
  hostUnits?: HostUnit[];
  parentNames?: Record<string, string>;
}

export interface MemberRow {
  id: string;
  fullName: string;
  sex: string;
  birthDate: string;
  orgName: string | null;
  standing: string | null;
  officialOn: string | null;
}

export interface MemberPage {
  total: number;
  items: MemberRow[];
}

/** The scope's tree on a date. It is large (one row per organization), so it is cached for a while. */
export function useOrgTree(asOf: string | undefined, enabled = true, root?: string) {
  return useQuery({
    queryKey: ['orgs', 'tree', asOf ?? 'today', root ?? 'scope'],
    queryFn: () => api<OrgTree>('GET', `/orgs/tree${qs({ asOf, root })}`),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useOrgDetail(id: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['orgs', 'detail', id, asOf ?? 'today'],
    queryFn: () => api<OrgDetail>('GET', `/orgs/${encodeURIComponent(id)}${qs({ asOf })}`),
  });
}

export function useOrgMembers(org: string, asOf: string | undefined, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: ['orgs', 'members', org, asOf ?? 'today', page, pageSize],
    queryFn: () => api<MemberPage>('GET', `/members${qs({ org, asOf, page, pageSize })}`),
    enabled,
    placeholderData: (prev) => prev,
  });
}

/** Sums each node's direct member count into all of its ancestors. */
export function subtreeTotals(nodes: readonly TreeNode[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const n of nodes) totals.set(n.orgId, n.memberCount);
  const byDepth = [...nodes].sort((a, b) => b.depth - a.depth);
  for (const n of byDepth) {
    if (n.parentId && totals.has(n.parentId)) totals.set(n.parentId, (totals.get(n.parentId) ?? 0) + (totals.get(n.orgId) ?? 0));
  }
  return totals;
}

const levelOf = (kind: string): number => (ORG_KIND_LABELS as Record<string, { level: number } | undefined>)[kind]?.level ?? 9;

/** Siblings in a tree: higher levels first (đảng bộ before chi bộ), then by name. */
export const byLevelThenName = (a: { kind: string; name: string }, b: { kind: string; name: string }): number =>
  levelOf(a.kind) - levelOf(b.kind) || byName(a, b);

/** Vietnamese alphabetical order for names, numbers by value ("Tổ dân phố số 9" before "số 10"). */
export const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, 'vi', { numeric: true });
