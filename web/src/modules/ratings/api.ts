import type { NonPartyKind, NonPartyLevel, RatingDisciplineFact, RatingLevel, RatingState, RatingSubject } from '@dangvu/common';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export interface RatingOut {
  id: string;
  subjectKind: RatingSubject;
  personId: string | null;
  orgId: string;
  year: number;
  ruleSet: string;
  state: RatingState;
  selfLevel: RatingLevel | null;
  selfScore: number | null;
  proposedLevel: RatingLevel | null;
  proposedScore: number | null;
  excellentConditions: boolean;
  exemptReason: string | null;
  level: RatingLevel | null;
  score: number | null;
  tier: number | null;
  decisionNo: string | null;
  decisionDate: string | null;
  issuer: string | null;
  version: number;
}

export interface CellRow {
  personId: string;
  fullName: string;
  birthDate: string;
  admittedOn: string | null;
  officialOn: string | null;
  suggestedExempt: string | null;
  discipline: RatingDisciplineFact | null;
  rating: RatingOut | null;
}

export interface CellView {
  org: { id: string; name: string };
  year: number;
  ruleSet: { id: string; name: string; scoreBands: [number, number, number] | null; excellentNeedsConditions: boolean; capShare: number | null };
  scale: RatingLevel[];
  cap: { ok: boolean; excellent: number; base: number; allowed: number; message: string | null };
  rows: CellRow[];
}

export interface RowInput {
  personId: string;
  version: number | null;
  selfLevel: RatingLevel | null;
  selfScore: number | null;
  proposedLevel: RatingLevel | null;
  score: number | null;
  excellentConditions: boolean;
  exemptReason: string | null;
  note: string | null;
}

export interface YearSummary {
  year: number;
  ruleSets: string[];
  decided: number;
  levels: Partial<Record<RatingLevel, number>>;
  tiers: Record<'1' | '2' | '3' | '4', number>;
  exempt: Record<string, number>;
  pending: number;
  commendations: number;
}

export interface NonPartyList {
  year: number;
  years: { year: number; counts: Record<NonPartyLevel, number> }[];
  items: { id: string; kind: NonPartyKind; name: string; orgId: string; orgName: string; version: number; ratings: { year: number; level: NonPartyLevel; corrected: boolean }[] }[];
}

export const ratingKeys = {
  all: ['ratings'] as const,
  cell: (orgId: string, year: number) => ['ratings', 'cell', orgId, year] as const,
};

export function useCellRatings(orgId: string, year: number) {
  return useQuery({
    queryKey: ratingKeys.cell(orgId, year),
    queryFn: () => api<CellView>('GET', `/ratings/cell/${encodeURIComponent(orgId)}${qs({ year })}`),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCellRatings(orgId: string, year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; date: string; rows: RowInput[] }) => api<CellView & { saved: number }>('POST', `/ratings/cell/${encodeURIComponent(orgId)}`, body),
    onSuccess: (data) => {
      qc.setQueryData(ratingKeys.cell(orgId, year), data);
      void qc.invalidateQueries({ queryKey: ['ratings', 'summary'] });
    },
  });
}

export function useRatingSummary(subjectKind: RatingSubject) {
  return useQuery({
    queryKey: ['ratings', 'summary', subjectKind],
    queryFn: () => api<{ years: YearSummary[] }>('GET', `/ratings/summary${qs({ subjectKind })}`),
    placeholderData: keepPreviousData,
  });
}

export function useNonParty(year: number) {
  return useQuery({
    queryKey: ['ratings', 'bodies', year],
    queryFn: () => api<NonPartyList>('GET', `/ratings/bodies${qs({ year })}`),
    placeholderData: keepPreviousData,
  });
}
