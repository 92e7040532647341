import type { CandidateDetail, CandidateSummary, ProbationRow, TargetOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export type { CandidateDetail, CandidateSummary, ProbationRow, TargetOut };

export const admissionKeys = {
  all: ['admissions'] as const,
  candidates: (q: string) => ['admissions', 'candidates', q] as const,
  candidate: (id: string) => ['admissions', 'candidate', id] as const,
  probations: (within: string, org: string | undefined) => ['admissions', 'probations', within, org ?? ''] as const,
  targets: (org: string | undefined, year: number | undefined) => ['admissions', 'targets', org ?? '', year ?? ''] as const,
  helpers: (cell: string) => ['admissions', 'helpers', cell] as const,
};

export interface CandidateFilters {
  org?: string;
  stage?: string;
  q?: string;
  page: number;
}

export function useCandidates(f: CandidateFilters) {
  const query = qs({ org: f.org, stage: f.stage, q: f.q, page: f.page, pageSize: 20 });
  return useQuery({
    queryKey: admissionKeys.candidates(query),
    queryFn: () => api<{ total: number; page: number; pageSize: number; items: CandidateSummary[] }>('GET', `/admissions/candidates${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useCandidate(id: string | undefined) {
  return useQuery({
    queryKey: admissionKeys.candidate(id ?? ''),
    queryFn: () => api<CandidateDetail>('GET', `/admissions/candidates/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useProbations(within: 'sap_het' | 'qua_han', org: string | undefined) {
  return useQuery({
    queryKey: admissionKeys.probations(within, org),
    queryFn: () => api<{ total: number; capped: boolean; today: string; items: ProbationRow[] }>('GET', `/admissions/probations${qs({ within, org })}`),
  });
}

export function useTargets(org: string | undefined, year: number | undefined) {
  return useQuery({
    queryKey: admissionKeys.targets(org, year),
    queryFn: () => api<{ items: TargetOut[] }>('GET', `/admissions/targets${qs({ org, year })}`),
  });
}

/** Full members of a cell in good standing: the people who may help a candidate. */
export function useHelperChoices(cell: string | undefined) {
  return useQuery({
    queryKey: admissionKeys.helpers(cell ?? ''),
    queryFn: () =>
      api<{ items: { id: string; fullName: string; officialOn: string | null; activity: string | null }[] }>(
        'GET',
        `/members${qs({ org: cell, status: 'chinh_thuc', pageSize: 200 })}`,
      ),
    enabled: !!cell,
    staleTime: 60_000,
  });
}
