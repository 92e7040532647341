import {
  AGE_BANDS,
  ETHNICITY_CODES,
  isValidIsoDate,
  MEMBER_EVENT_FILTERS,
  MEMBER_STATUS_FILTERS,
  POLITICAL_THEORY_LEVELS,
  SEXES,
} from '@dangvu/common';
import { qs } from '../../api/client';

/**
 * The member list's filters live in the URL query string, so a dashboard figure can link to
 * its records (/members?sex=nu&asOf=2020-12-31), a list can be bookmarked or sent, and
 * back/forward walk through earlier searches. Unknown or malformed values are dropped rather
 * than sent, so a mistyped link still opens a list instead of an error.
 */
export const THEORY_FILTERS = [...POLITICAL_THEORY_LEVELS, 'khong'] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** On a past date the server can only tell these statuses apart. */
export const STATUSES_AS_OF = ['dang_sinh_hoat', 'du_bi', 'chinh_thuc'] as const;

export interface MemberFilters {
  q?: string;
  org?: string;
  status?: string;
  sex?: string;
  ethnicity?: string;
  ageBand?: string;
  theory?: string;
  admittedYear?: string;
  eventKind?: string;
  eventYear?: string;
  asOf?: string;
  page: number;
  pageSize: number;
}

/** Filter keys in URL order; page and pageSize come last. */
export const FILTER_KEYS = [
  'q',
  'org',
  'status',
  'sex',
  'ethnicity',
  'ageBand',
  'theory',
  'admittedYear',
  'eventKind',
  'eventYear',
  'asOf',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const oneOf =
  (allowed: readonly string[]) =>
  (v: string): boolean =>
    allowed.includes(v);
const YEAR = /^\d{4}$/;
const UUID = /^[0-9a-f-]{36}$/i;

const VALID: Record<FilterKey, (v: string) => boolean> = {
  q: (v) => v.trim().length > 0 && v.length <= 100,
  org: (v) => UUID.test(v),
  status: oneOf(MEMBER_STATUS_FILTERS),
  sex: oneOf(SEXES),
  ethnicity: oneOf(ETHNICITY_CODES),
  ageBand: oneOf(AGE_BANDS),
  theory: oneOf(THEORY_FILTERS),
  admittedYear: (v) => YEAR.test(v),
  eventKind: oneOf(MEMBER_EVENT_FILTERS),
  eventYear: (v) => YEAR.test(v),
  asOf: isValidIsoDate,
};

export function parseFilters(sp: URLSearchParams): MemberFilters {
  const f: MemberFilters = { page: 1, pageSize: DEFAULT_PAGE_SIZE };
  for (const key of FILTER_KEYS) {
    const v = sp.get(key);
    if (v !== null && VALID[key](v)) f[key] = v;
  }
  const page = Number(sp.get('page'));
  if (Number.isInteger(page) && page >= 1 && page <= 100_000) f.page = page;
  const size = Number(sp.get('pageSize'));
  if ((PAGE_SIZES as readonly number[]).includes(size)) f.pageSize = size;
  // A year means nothing without the kind of event; a kind alone means "in any year".
  if (!f.eventKind) delete f.eventYear;
  return f;
}

/** The URL form: defaults left out so links stay short. */
export function filtersToSearch(f: MemberFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = f[key];
    if (v) out[key] = v;
  }
  if (f.page > 1) out.page = String(f.page);
  if (f.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = String(f.pageSize);
  return out;
}

/** A change of any filter but the page goes back to page 1. */
export function withFilter(f: MemberFilters, patch: Partial<Record<FilterKey, string | undefined>>): MemberFilters {
  const next: MemberFilters = { ...f, page: 1 };
  for (const [k, v] of Object.entries(patch) as [FilterKey, string | undefined][]) {
    if (v) next[k] = v;
    else delete next[k];
  }
  if (!next.eventKind) delete next.eventYear;
  if (next.status && next.asOf && next.asOf !== todayLocalIso() && !(STATUSES_AS_OF as readonly string[]).includes(next.status)) delete next.status;
  return next;
}

export function clearFilters(f: MemberFilters): MemberFilters {
  return { page: 1, pageSize: f.pageSize };
}

/** How many filters narrow the list (search text and date excluded). */
export function activeFilterCount(f: MemberFilters): number {
  return FILTER_KEYS.filter((k) => k !== 'q' && k !== 'asOf' && k !== 'eventYear' && f[k]).length;
}

/** Query string for GET /members: the URL filters plus paging. */
export function listQueryString(f: MemberFilters): string {
  return qs({ ...filtersOnly(f), page: f.page, pageSize: f.pageSize });
}

/** Query string for the CSV export: the same filters, all pages. */
export function exportQueryString(f: MemberFilters): string {
  return qs(filtersOnly(f));
}

function filtersOnly(f: MemberFilters): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of FILTER_KEYS) out[key] = key === 'q' ? f.q?.trim() : f[key];
  return out;
}

/** Today on the user's calendar, as the date pickers show it. */
export function todayLocalIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
