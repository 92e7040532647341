import type { DuplicateHint, MemberDetailOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { listQueryString, type MemberFilters } from './filters';

/** One row of the member list (common's memberSummaryOut). */
export type MemberSummary = Pick<
  MemberDetailOut,
  | 'id'
  | 'fullName'
  | 'sex'
  | 'birthDate'
  | 'ethnicity'
  | 'cccd'
  | 'cardNo'
  | 'orgId'
  | 'orgName'
  | 'standing'
  | 'activity'
  | 'admittedOn'
  | 'officialOn'
>;
export type MemberDetail = MemberDetailOut;
export type { DuplicateHint };

export interface MemberList {
  total: number;
  /** A search matched more than `total` people. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  asOf: string;
  items: MemberSummary[];
}

export interface MemberEvent {
  id: string;
  kind: string;
  effectiveDate: string;
  decisionNo: string | null;
  decisionDate: string | null;
  issuer: string | null;
  orgId: string | null;
  note: string | null;
  recordedAt: string;
}

export interface MemberEpisode {
  id: string;
  orgId: string;
  orgName: string;
  kind: 'primary' | 'secondary';
  validFrom: string;
  validTo: string | null;
}

export interface MemberQualification {
  id: string;
  kind: string;
  level: string;
  obtainedOn: string;
  note: string | null;
}

export interface MemberHistory {
  events: MemberEvent[];
  episodes: MemberEpisode[];
  qualifications: MemberQualification[];
}

/** The organization tree as the server returns it; only the fields these screens use. */
export interface OrgNode {
  orgId: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  memberCount: number;
}

export const memberKeys = {
  all: ['members'] as const,
  lists: ['members', 'list'] as const,
  list: (query: string) => ['members', 'list', query] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
  // Kept apart from the orgs screens' cache: this one is only read for pick lists.
  orgTree: ['members', 'orgTree'] as const,
};

export function useMemberList(filters: MemberFilters) {
  const query = listQueryString(filters);
  return useQuery({
    queryKey: memberKeys.list(query),
    queryFn: () => api<MemberList>('GET', `/members${query}`),
    // Typing and paging keep the previous page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? ''),
    queryFn: () => api<MemberDetail>('GET', `/members/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useMemberHistory(id: string | undefined) {
  return useQuery({
    queryKey: memberKeys.history(id ?? ''),
    queryFn: () => api<MemberHistory>('GET', `/members/${encodeURIComponent(id!)}/history`),
    enabled: !!id,
  });
}

/** Today's organization tree in the user's scope: the subtree filter and the cell pick list. */
export function useOrgTree() {
  return useQuery({
    queryKey: memberKeys.orgTree,
    queryFn: () => api<{ asOf: string; nodes: OrgNode[] }>('GET', '/orgs/tree'),
    staleTime: 5 * 60_000,
  });
}
