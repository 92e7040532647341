import { theoryOn, type TalliedPerson, type TheoryRaise } from '../cellTally/memberState.js';
import { EDUCATION_VALUE_GROUP, EVENT_BANDS, NOT_MINORITY, type EventDim } from '../dimensions.js';

/** Age in whole years on `d`, as `ageAtEvent` computes it in SQL; none without a birth date. */
function ageOn(birth: string | null, d: string): number | null {
  if (birth === null) return null;
  return Number(d.slice(0, 4)) - Number(birth.slice(0, 4)) - (d.slice(5, 10) < birth.slice(5, 10) ? 1 : 0);
}

function bandAt(age: number | null): string {
  if (age === null) return 'khong_ro';
  for (const [b, lo, hi] of EVENT_BANDS) if (age >= lo && (hi === null || age <= hi)) return b;
  return 'khong_ro';
}

/**
 * An event's value in every event breakdown: exactly what the SQL
 * expressions of `reports/dimensions.ts` give on the event's day (the tests compare the two).
 */
export function eventStateOn(p: TalliedPerson, raises: readonly TheoryRaise[], kind: string, d: string): Record<EventDim, string> {
  const values: Record<EventDim, string> = {
    ekind: kind,
    sex: p.sex ?? 'khong_ro',
    eth: p.ethnicity ?? 'khong_ro',
    min: p.ethnicity !== null && NOT_MINORITY.includes(p.ethnicity) ? 'khong' : 'dtts',
    rel: p.religion ?? 'khong',
    eband: bandAt(ageOn(p.birth_date, d)),
    edu: (p.general_education !== null && EDUCATION_VALUE_GROUP.get(p.general_education)) || 'khong_ro',
    prof: p.professional_level ?? 'khong',
    title: p.academic_title ?? 'khong',
    theory: theoryOn(p, raises, d),
    occ: p.occupation ?? 'khong_ro',
    eyouth: p.youth_union_on !== null && p.youth_union_on <= d ? 'co' : 'khong',
  };
  return values;
}
