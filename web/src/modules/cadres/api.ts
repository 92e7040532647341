import type { CoverageCell, CoverageGroup, CoverageUnit, PostTitle, UnitOnDate } from '@dangvu/common';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export type UnitRow = UnitOnDate;
export interface UnitList {
  asOf: string;
  total: number;
  page: number;
  pageSize: number;
  items: UnitRow[];
}
export interface CoverageAnswer {
  asOf: string;
  total: number;
  counts: { total: number; ownCell: number; sharedCell: number; noCell: number; noMember: number; smallCells: number; smallCellUnits: number };
  items: CoverageUnit[];
  smallCells: CoverageCell[];
}
export interface Term {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  congress: string | null;
  startDate: string;
  plannedEndDate: string;
  endDate: string | null;
  decisionNo: string | null;
  version: number;
  reminder?: 'overdue' | 'due_soon';
}
export interface Post {
  id: string;
  orgId: string;
  orgName: string;
  personId: string;
  fullName: string;
  title: PostTitle;
  category: string;
  term: string | null;
  hostUnitId: string | null;
  hostUnitName: string | null;
  decisionNo: string | null;
  validFrom: string;
  validTo: string | null;
  version: number;
  isMember: boolean;
}
export interface Concurrency {
  asOf: string;
  total: number;
  combos: Record<string, number>;
  people: { personId: string; fullName: string; isMember: boolean; combos: string[]; posts: { id: string; title: PostTitle; orgName: string; hostUnitName: string | null; validFrom: string }[] }[];
}
export interface VillageHeads {
  asOf: string;
  total: number;
  members: number;
  items: Post[];
}
export interface Rotation {
  id: string;
  kind: string;
  effectiveDate: string;
  decisionNo: string;
  issuer: string;
  personId: string;
  fullName: string;
  fromOrgName: string;
  fromTitle: PostTitle | null;
  toOrgName: string;
  toTitle: PostTitle | null;
}
export interface PersonHit {
  id: string;
  fullName: string;
  birthDate: string;
  orgName: string | null;
  standing: string | null;
}

type Params = Record<string, string | number | undefined>;
const get = <T,>(path: string, p: Params) => api<T>('GET', `${path}${qs(p)}`);

export const useUnits = (p: Params) => useQuery({ queryKey: ['cadres', 'units', p], queryFn: () => get<UnitList>('/host-units', p), placeholderData: keepPreviousData });
export const useCoverage = (p: { org?: string; asOf?: string; group: CoverageGroup; status: string }) =>
  useQuery({ queryKey: ['cadres', 'coverage', p], queryFn: () => get<CoverageAnswer>('/coverage', p), placeholderData: keepPreviousData });
export const useTerms = (p: Params) => useQuery({ queryKey: ['cadres', 'terms', p], queryFn: () => get<{ items: Term[] }>('/terms', p) });
export const useReminders = (p: Params) => useQuery({ queryKey: ['cadres', 'reminders', p], queryFn: () => get<{ total: number; months: number; items: Term[] }>('/terms/reminders', p) });
export const usePosts = (p: Params) => useQuery({ queryKey: ['cadres', 'posts', p], queryFn: () => get<{ total: number; items: Post[] }>('/posts', p), placeholderData: keepPreviousData });
export const useConcurrency = (p: Params) => useQuery({ queryKey: ['cadres', 'concurrency', p], queryFn: () => get<Concurrency>('/posts/concurrency', p) });
export const useVillageHeads = (p: Params) => useQuery({ queryKey: ['cadres', 'heads', p], queryFn: () => get<VillageHeads>('/posts/village-heads', p) });
export const useRotations = (p: Params) => useQuery({ queryKey: ['cadres', 'rotations', p], queryFn: () => get<{ total: number; items: Rotation[] }>('/rotations', p) });

/** People to appoint: members and non-members in scope, found by name. */
export const usePeople = (q: string) =>
  useQuery({
    queryKey: ['cadres', 'people', q],
    queryFn: () => get<{ items: PersonHit[] }>('/members', { q, includeNonMembers: 'true', pageSize: 20 }),
    enabled: q.trim().length >= 2,
  });

/** Every cadres list reads again after a change. */
export function useRefreshCadres() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['cadres'] });
}
