import { qs } from '../../api/client';
import type { CoverageKey, LossKey } from './api';

/**
 * Where each dashboard figure leads: the list of the records it counts, with the same
 * organization, date and dimension as filters (DESIGN.md: numbers link to their records).
 */
export interface Scope {
  org: string | undefined;
  asOf: string;
}

type Params = Record<string, string | number | undefined>;

/** Members of the scope on the date, narrowed by one dimension (sex, status, ethnicity, ageBand, theory). */
export const membersHref = (s: Scope, extra: Params = {}): string => `/members${qs({ asOf: s.asOf, org: s.org, ...extra })}`;

/** Members admitted in a year (whatever became of them since). */
// Admissions and losses are events counted where they happened (as the dashboard counts them),
// not by where the people are today.
export const admittedHref = (s: Scope, year: number): string => `/members${qs({ eventKind: 'ket_nap', eventYear: year, org: s.org })}`;

export const lostTotalHref = (s: Scope, year: number): string => `/members${qs({ eventKind: 'giam', eventYear: year, org: s.org })}`;

/** The status filter that finds the people a loss event left in that standing. */
const LOSS_STATUS: Record<LossKey, string> = {
  tu_tran: 'tu_tran',
  xoa_ten: 'xoa_ten',
  khai_tru: 'khai_tru',
  chuyen_di: 'da_chuyen_di',
  khong_cong_nhan: 'khong_cong_nhan',
};

export const lostHref = (s: Scope, year: number, kind: LossKey): string =>
  `/members${qs({ eventKind: kind, eventYear: year, org: s.org, status: LOSS_STATUS[kind] })}`;

export const orgsByKindHref = (s: Scope, kind: string): string => `/orgs${qs({ kind, asOf: s.asOf, org: s.org })}`;

export const coverageHref = (s: Scope, coverage: CoverageKey | 'all' | 'gaps'): string =>
  `/orgs${qs({ coverage, asOf: s.asOf, org: s.org })}`;
