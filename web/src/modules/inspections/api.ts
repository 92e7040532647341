import type { DisciplineOut, InspectionCaseDetailOut, InspectionCaseSummaryOut, InspectionCountsOut, InspectionPlanOut, MemberDisciplineOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export type CaseSummary = InspectionCaseSummaryOut;
export type CaseDetail = InspectionCaseDetailOut;
export type Discipline = DisciplineOut;

export interface CaseFilters {
  year?: number;
  activity?: string;
  state?: string;
  page: number;
  pageSize: number;
}

export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (query: string) => ['inspections', 'list', query] as const,
  detail: (id: string) => ['inspections', 'detail', id] as const,
};

export function useCaseList(f: CaseFilters, enabled: boolean) {
  const query = qs({ year: f.year, activity: f.activity, state: f.state, page: f.page, pageSize: f.pageSize });
  return useQuery({
    queryKey: inspectionKeys.list(query),
    queryFn: () => api<{ total: number; page: number; pageSize: number; items: CaseSummary[] }>('GET', `/inspections/cases${query}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({ queryKey: inspectionKeys.detail(id ?? ''), queryFn: () => api<CaseDetail>('GET', `/inspections/cases/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function usePlans(year: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['inspections', 'plans', year ?? 0],
    queryFn: () => api<{ items: InspectionPlanOut[] }>('GET', `/inspections/plans${qs({ year })}`),
    enabled,
  });
}

export function useDisciplineList(year: number | undefined, page: number, enabled: boolean) {
  return useQuery({
    queryKey: ['inspections', 'discipline', year ?? 0, page],
    queryFn: () => api<{ total: number; items: Discipline[] }>('GET', `/discipline${qs({ year, page, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCounts(fromYear: number, toYear: number) {
  return useQuery({
    queryKey: ['inspections', 'counts', fromYear, toYear],
    queryFn: () => api<InspectionCountsOut>('GET', `/inspections/counts${qs({ fromYear, toYear })}`),
    placeholderData: keepPreviousData,
  });
}

/** The "kỷ luật" field of a member's profile. */
export function useMemberDiscipline(personId: string | undefined) {
  return useQuery({
    queryKey: ['inspections', 'member', personId ?? ''],
    queryFn: () => api<MemberDisciplineOut>('GET', `/members/${encodeURIComponent(personId!)}/discipline`),
    enabled: !!personId,
  });
}
