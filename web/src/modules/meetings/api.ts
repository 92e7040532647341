import type { AttendanceCounts, Label, MeetingClass, MeetingCriterion, MeetingState, YearClass } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

/** The stored counts (see common attendanceCounts) with the rate and whether per-member rows exist. */
export type Counts = AttendanceCounts & { rate: number | null; fromRows: boolean };

export interface MeetingSummary {
  id: string;
  orgId: string;
  orgName: string;
  kind: 'thuong_ky' | 'chuyen_de';
  month: string;
  state: MeetingState;
  title: string;
  plannedOn: string;
  publishedOn: string | null;
  heldOn: string | null;
  scoreTotal: number | null;
  scoreClass: MeetingClass | null;
  counts: Counts | null;
  revision: number;
  version: number;
}

export interface MeetingDetail extends MeetingSummary {
  agenda: string | null;
  location: string | null;
  durationMinutes: number | null;
  chairName: string | null;
  minutes: string | null;
  attendance: { personId: string; fullName: string; birthDate: string; status: string; exempt: boolean; reason: string | null }[];
  guests: { kind: 'khach' | 'cap_tren'; name: string; organization: string | null; post: string | null }[];
  documents: { id: string; kind: 'tep' | 'van_ban'; name: string | null; mimeType: string | null; size: number | null; refNumber: string | null; refTitle: string | null }[];
  steps: { seq: number; action: string; revision: number; note: string | null; username: string | null; recordedAt: string }[];
  roster: { personId: string; fullName: string; birthDate: string; exempt: boolean }[];
  rules: { id: string; name: Label; thresholds: { tot: number; kha: number; trung_binh: number }; criteria: MeetingCriterion[] };
  scores: Record<string, number> | null;
  result: { total: number; cls: MeetingClass; explanation: Label } | null;
  mayEdit: boolean;
}

export interface CellStatus {
  orgId: string;
  orgName: string;
  parentName: string | null;
  status: 'chua_hop' | 'chua_bao_cao' | 'da_bao_cao';
  meetingId: string | null;
  plannedOn: string | null;
  heldOn: string | null;
  missing: string[];
}

export interface StatusOut {
  month: string;
  cells: number;
  notMet: number;
  notReported: number;
  reported: number;
  items: CellStatus[];
}

export interface YearRow {
  orgId: string;
  orgName: string;
  kind: string;
  cls: YearClass;
  judged: number;
  explanation: Label;
}

export interface YearOut {
  year: number;
  rules: { id: string; name: Label; description: Label; minMonths: number };
  byPopulation: Record<'chi_bo_truc_thuoc' | 'chi_bo_co_so', Record<YearClass, number>>;
  higherAttendance: { meetings: number; cells: number };
  items: YearRow[];
}

export const meetingKeys = {
  all: ['meetings'] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
};

export function useMeetingStatus(month: string, include: 'pending' | 'all' = 'pending') {
  return useQuery({
    queryKey: ['meetings', 'status', month, include],
    queryFn: () => api<StatusOut>('GET', `/meetings/status${qs({ month, include })}`),
    placeholderData: keepPreviousData,
  });
}

export function useMeetingList(month: string, page: number) {
  return useQuery({
    queryKey: ['meetings', 'list', month, page],
    queryFn: () => api<{ total: number; items: MeetingSummary[] }>('GET', `/meetings${qs({ month, page, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });
}

export function useMeetingYear(year: number) {
  return useQuery({
    queryKey: ['meetings', 'yearly', year],
    queryFn: () => api<YearOut>('GET', `/meetings/yearly${qs({ year })}`),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: meetingKeys.detail(id ?? ''),
    queryFn: () => api<MeetingDetail>('GET', `/meetings/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export const documentHref = (id: string, docId: string) => `/api/v1/meetings/${encodeURIComponent(id)}/documents/${encodeURIComponent(docId)}`;
