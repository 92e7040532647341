import { AGE_BANDS, ageBandBirthRange } from '@dangvu/common';
import { EDUCATION_VALUE_GROUP, NOT_MINORITY } from '../dimensions.js';

/**
 * The member breakdowns of `reports/dimensions.ts`, evaluated for one person on one day in
 * plain code, so a cell's tally can be built from its records. Each function returns exactly
 * what the SQL expression of the same name yields (the equivalence test compares the two
 * over the demo province on many dates).
 */
export const TALLY_DIMS = ['grade', 'sex', 'eth', 'min', 'rel', 'band', 'edu', 'prof', 'title', 'theory', 'occ', 'youth'] as const;
export type TallyDim = (typeof TALLY_DIMS)[number];

export interface TalliedPerson {
  sex: string | null;
  ethnicity: string | null;
  religion: string | null;
  birth_date: string | null;
  general_education: string | null;
  professional_level: string | null;
  academic_title: string | null;
  political_theory: string | null;
  occupation: string | null;
  youth_union_on: string | null;
  official_on: string | null;
}

/** A raised political-theory level: on `on` the person left `before` (the input of `theoryOnSql`). */
export interface TheoryRaise {
  on: string;
  before: string | null;
}

const onOrBefore = (x: string | null, d: string) => x !== null && x <= d;

function bandOn(birth: string | null, d: string): string {
  for (const b of AGE_BANDS) {
    const r = ageBandBirthRange(b, d);
    // As in SQL, a comparison with no birth date is not true.
    const after = r.bornAfter === null || (birth !== null && birth > r.bornAfter);
    const before = r.bornOnOrBefore === null || (birth !== null && birth <= r.bornOnOrBefore);
    if (after && before) return b;
  }
  return 'khong_ro';
}

/** Raises ordered by day (and record order): the first one after `d` tells the level held on `d`. */
export function theoryOn(p: TalliedPerson, raises: readonly TheoryRaise[], d: string): string {
  const later = raises.find((r) => r.on > d);
  return later ? (later.before ?? 'khong') : (p.political_theory ?? 'khong');
}

/** The person's value in every breakdown on day `d`, in TALLY_DIMS order. */
export function stateOn(p: TalliedPerson, raises: readonly TheoryRaise[], d: string): string[] {
  return [
    onOrBefore(p.official_on, d) ? 'chinh_thuc' : 'du_bi',
    p.sex ?? 'khong_ro',
    p.ethnicity ?? 'khong_ro',
    p.ethnicity !== null && NOT_MINORITY.includes(p.ethnicity) ? 'khong' : 'dtts',
    p.religion ?? 'khong',
    bandOn(p.birth_date, d),
    (p.general_education !== null && EDUCATION_VALUE_GROUP.get(p.general_education)) || 'khong_ro',
    p.professional_level ?? 'khong',
    p.academic_title ?? 'khong',
    theoryOn(p, raises, d),
    p.occupation ?? 'khong_ro',
    onOrBefore(p.youth_union_on, d) ? 'co' : 'khong',
  ];
}

const LOWER_BAND_AGES = [31, 41, 51, 61, 71];

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/**
 * Every day on which the person's state can change: the days the dated predicates turn
 * true, and the birthdays on which the age band turns (for 29/02 births, the days around it,
 * since a non-leap year takes the birthday as 28/02).
 */
export function changeDays(p: TalliedPerson, raises: readonly TheoryRaise[]): string[] {
  const days: string[] = [];
  if (p.official_on) days.push(p.official_on);
  if (p.youth_union_on) days.push(p.youth_union_on);
  for (const r of raises) days.push(r.on);
  if (p.birth_date) {
    const y0 = Number(p.birth_date.slice(0, 4));
    const md = p.birth_date.slice(5);
    for (const age of LOWER_BAND_AGES) {
      const y = String(y0 + age).padStart(4, '0');
      if (md !== '02-29' || isLeap(y0 + age)) days.push(`${y}-${md}`);
      else days.push(`${y}-02-28`, `${y}-03-01`);
    }
  }
  return days;
}
