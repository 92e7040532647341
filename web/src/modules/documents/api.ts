import type { DocumentDetailOut, DocumentSummaryOut, StudyCoverageOut, StudySessionDetailOut, StudySessionSummaryOut } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export interface DocumentList {
  total: number;
  page: number;
  pageSize: number;
  items: DocumentSummaryOut[];
}
export interface StudyList {
  total: number;
  page: number;
  pageSize: number;
  totals: { sessions: number; memberTimes: number; nonMemberTimes: number };
  items: StudySessionSummaryOut[];
}
export interface PersonPick {
  id: string;
  fullName: string;
  birthDate: string;
  orgName: string | null;
  standing: string | null;
}

export const docKeys = {
  all: ['documents'] as const,
  study: ['study'] as const,
};

export function useDocumentList(f: { q?: string; type?: string; year?: string; page: number; pageSize: number }) {
  const query = qs({ q: f.q, type: f.type, year: f.year, page: f.page, pageSize: f.pageSize });
  return useQuery({ queryKey: ['documents', 'list', query], queryFn: () => api<DocumentList>('GET', `/documents${query}`), placeholderData: keepPreviousData });
}

export function useDocument(id: string | undefined) {
  return useQuery({ queryKey: ['documents', 'detail', id ?? ''], queryFn: () => api<DocumentDetailOut>('GET', `/documents/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function useStudyList(f: { documentId?: string; org?: string; page: number; pageSize: number }) {
  const query = qs({ documentId: f.documentId, org: f.org, page: f.page, pageSize: f.pageSize });
  return useQuery({ queryKey: ['study', 'list', query], queryFn: () => api<StudyList>('GET', `/study/sessions${query}`), placeholderData: keepPreviousData });
}

export function useStudySession(id: string | undefined) {
  return useQuery({ queryKey: ['study', 'detail', id ?? ''], queryFn: () => api<StudySessionDetailOut>('GET', `/study/sessions/${encodeURIComponent(id!)}`), enabled: !!id });
}

export function useCoverage(documentIds: string[], rule: 'any' | 'all') {
  const query = qs({ documents: documentIds.join(','), coverageRule: rule });
  return useQuery({ queryKey: ['study', 'coverage', query], queryFn: () => api<StudyCoverageOut>('GET', `/study/coverage${query}`), enabled: documentIds.length > 0 });
}

/** Members and non-members on file, by name: study sessions record both. */
export function usePeoplePicks(q: string) {
  return useQuery({
    queryKey: ['study', 'people', q],
    queryFn: () => api<{ items: PersonPick[] }>('GET', `/members${qs({ q, includeNonMembers: 'true', pageSize: 20 })}`),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** Base64 of a file picked in the browser, for the attachment API. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
