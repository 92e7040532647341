import type { TransferBox, TransferDetailOut, TransferSummaryOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export type TransferSummary = TransferSummaryOut;
export type TransferDetail = TransferDetailOut;

export interface TransferList {
  total: number;
  page: number;
  pageSize: number;
  overdueDays: number;
  items: TransferSummary[];
}

export interface TransferFilters {
  box: TransferBox;
  state?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

export const transferKeys = {
  all: ['transfers'] as const,
  list: (query: string) => ['transfers', 'list', query] as const,
  detail: (id: string) => ['transfers', 'detail', id] as const,
};

export function useTransferList(f: TransferFilters) {
  const query = qs({ box: f.box, state: f.state, kind: f.kind, page: f.page, pageSize: f.pageSize });
  return useQuery({
    queryKey: transferKeys.list(query),
    queryFn: () => api<TransferList>('GET', `/transfers${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useTransfer(id: string | undefined) {
  return useQuery({
    queryKey: transferKeys.detail(id ?? ''),
    queryFn: () => api<TransferDetail>('GET', `/transfers/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export interface Destination {
  id: string;
  name: string;
  kind: string;
  parentName: string | null;
}

/** Cells anywhere in the system: the destination is usually outside the user's own scope. */
export function useDestinations(q: string) {
  return useQuery({
    queryKey: ['transfers', 'destinations', q],
    queryFn: () => api<{ items: Destination[] }>('GET', `/transfers/destinations${qs({ q })}`),
    staleTime: 60_000,
  });
}

export interface MemberPick {
  id: string;
  fullName: string;
  birthDate: string;
  orgName: string | null;
}

/** Active members in scope by name, through the members list API. */
export function useMemberPicks(q: string) {
  return useQuery({
    queryKey: ['transfers', 'memberPicks', q],
    queryFn: () => api<{ items: MemberPick[] }>('GET', `/members${qs({ q, status: 'dang_sinh_hoat', pageSize: 20 })}`),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useMemberPick(id: string | null) {
  return useQuery({
    queryKey: ['members', 'detail', id ?? ''],
    queryFn: () => api<MemberPick>('GET', `/members/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export const letterHref = (id: string) => `/api/v1/transfers/${encodeURIComponent(id)}/letter.docx`;
