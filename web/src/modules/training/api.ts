import type { CohortDetailOut, CohortSummaryOut, CourseOut, EnrolmentTally } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export type CohortSummary = CohortSummaryOut;
export type CohortDetail = CohortDetailOut;
export type Enrolment = CohortDetailOut['enrolments'][number];
export type Tally = Omit<EnrolmentTally, 'grades'> & { grades: Record<string, number> };

export interface CohortFilters {
  org?: string;
  year?: number;
  kind?: string;
  state?: string;
  above: boolean;
  page: number;
}

export const trainingKeys = {
  all: ['training'] as const,
  list: (query: string) => ['training', 'list', query] as const,
  detail: (id: string) => ['training', 'detail', id] as const,
  courses: ['training', 'courses'] as const,
};

export const PAGE_SIZE = 20;

export function useCohortList(f: CohortFilters) {
  const query = qs({
    org: f.org,
    from: f.year ? `${f.year}-01-01` : undefined,
    to: f.year ? `${f.year}-12-31` : undefined,
    kind: f.kind,
    state: f.state,
    above: f.above ? '1' : undefined,
    page: f.page,
    pageSize: PAGE_SIZE,
  });
  return useQuery({
    queryKey: trainingKeys.list(query),
    queryFn: () => api<{ total: number; items: CohortSummary[]; totals: Tally & { cohorts: number } }>('GET', `/training/cohorts${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useCohort(id: string | undefined) {
  return useQuery({
    queryKey: trainingKeys.detail(id ?? ''),
    queryFn: () => api<CohortDetail>('GET', `/training/cohorts/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useCourses() {
  return useQuery({ queryKey: trainingKeys.courses, queryFn: () => api<CourseOut[]>('GET', '/training/courses'), staleTime: 60_000 });
}

export interface PersonPick {
  id: string;
  fullName: string;
  birthDate: string;
  orgName: string | null;
}

/** People in scope by name; the awareness class takes non-members, so they are searched too. */
export function usePersonPicks(q: string, nonMembers: boolean) {
  return useQuery({
    queryKey: ['training', 'people', q, nonMembers],
    queryFn: () =>
      api<{ items: PersonPick[] }>('GET', `/members${qs({ q, status: nonMembers ? undefined : 'dang_sinh_hoat', includeNonMembers: nonMembers ? 'true' : undefined, pageSize: 20 })}`),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
