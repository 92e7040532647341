import type { AwardOut, BadgeDueOut, ContestDetailOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export interface AwardList {
  total: number;
  page: number;
  pageSize: number;
  items: AwardOut[];
}
export interface ContestSummary {
  id: string;
  name: string;
  year: number;
  org: { id: string; name: string };
  decisionNo: string | null;
  rounds: number;
  entrants: number;
  prizes: number;
  version: number;
}

export const awardKeys = {
  all: ['awards'] as const,
  contest: (id: string) => ['awards', 'contest', id] as const,
};

export function useAwardList(f: { kind?: string; year?: string; page: number }) {
  const query = qs({ kind: f.kind, year: f.year, page: f.page, pageSize: 20 });
  return useQuery({ queryKey: ['awards', 'list', query], queryFn: () => api<AwardList>('GET', `/awards${query}`), placeholderData: keepPreviousData });
}

export function useBadgesDue(year: number) {
  return useQuery({ queryKey: ['awards', 'due', year], queryFn: () => api<BadgeDueOut>('GET', `/awards/badges/due${qs({ year })}`) });
}

export function useContests() {
  return useQuery({ queryKey: ['awards', 'contests'], queryFn: () => api<{ total: number; items: ContestSummary[] }>('GET', '/contests?pageSize=50') });
}

export function useContest(id: string) {
  return useQuery({ queryKey: awardKeys.contest(id), queryFn: () => api<ContestDetailOut>('GET', `/contests/${encodeURIComponent(id)}`) });
}
