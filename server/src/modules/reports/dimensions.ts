import { AGE_BANDS, ageBandBirthRange, EDUCATION_GROUPS, educationGroupOf, parseGeneralEducation, todayIso } from '@dangvu/common';
import { sql, type RawBuilder } from 'kysely';
import { gradeOn } from '../stats/tally.js';
import { theoryOnSql } from '../training/training.qualification.js';

/**
 * The breakdowns of the official forms as SQL expressions over `person p` (and the cell's
 * version `v`). A figure counts rows where an expression equals a value and its drill-down
 * lists rows with the same predicate, so a figure and its list can never disagree.
 * Every expression yields a non-null string. The political-theory level is the one held on the
 * date (training keeps history); education, profession and occupation have no dated history yet
 * and read as recorded.
 */
export const MEMBER_DIMS = ['grade', 'sex', 'eth', 'min', 'rel', 'band', 'edu', 'prof', 'title', 'theory', 'occ', 'youth', 'host', 'kind'] as const;
export type MemberDim = (typeof MEMBER_DIMS)[number];
export const EVENT_DIMS = ['ekind', 'sex', 'eth', 'min', 'rel', 'eband', 'edu', 'prof', 'title', 'theory', 'occ', 'eyouth'] as const;
export type EventDim = (typeof EVENT_DIMS)[number];
export type Dim = MemberDim | EventDim;

/** Kinh and citizens of foreign origin are not counted as ethnic minorities. */
export const NOT_MINORITY: readonly string[] = ['01', '55'];

/** Recorded general-education values ("9/12", "7/10") by the group the quality form puts them in. */
export const EDUCATION_VALUE_GROUP: ReadonlyMap<string, string> = new Map(
  ([10, 12] as const).flatMap((system) =>
    Array.from({ length: system }, (_, i) => {
      const s = `${i + 1}/${system}`;
      return [s, educationGroupOf(parseGeneralEducation(s)!.grade, system)] as const;
    }),
  ),
);

function educationCase(): RawBuilder<string> {
  const byGroup = new Map<string, string[]>();
  for (const [s, k] of EDUCATION_VALUE_GROUP) byGroup.set(k, [...(byGroup.get(k) ?? []), s]);
  const whens = EDUCATION_GROUPS.filter((k) => byGroup.has(k)).map((k) => sql`when p.general_education in (${sql.join(byGroup.get(k)!)}) then ${k}`);
  return sql<string>`case ${sql.join(whens, sql` `)} else 'khong_ro' end`;
}

/** Age in whole years on the event's day, in plain string arithmetic both engines share. */
const ageAtEvent = sql`(cast(substr(cast(me.effective_date as text), 1, 4) as integer) - cast(substr(cast(p.birth_date as text), 1, 4) as integer)
  - case when substr(cast(me.effective_date as text), 6, 5) < substr(cast(p.birth_date as text), 6, 5) then 1 else 0 end)`;
/** Age bands on the event's day: [band, lowest age, highest age or none]. */
export const EVENT_BANDS: readonly [string, number, number | null][] = [
  ['le30', 0, 30],
  ['31_40', 31, 40],
  ['41_50', 41, 50],
  ['51_60', 51, 60],
  ['61_70', 61, 70],
  ['gt70', 71, null],
];

/** The SQL for a dimension; `asOf` is the report date for member dimensions; event dimensions read on the event's day. */
export function dimExpr(dim: Dim, asOf: string, onEvent = false): RawBuilder<string> {
  switch (dim) {
    case 'grade':
      return gradeOn(asOf);
    case 'sex':
      return sql<string>`coalesce(p.sex, 'khong_ro')`;
    case 'eth':
      return sql<string>`coalesce(p.ethnicity, 'khong_ro')`;
    case 'min':
      return sql<string>`case when p.ethnicity in (${sql.join([...NOT_MINORITY])}) then 'khong' else 'dtts' end`;
    case 'rel':
      return sql<string>`coalesce(p.religion, 'khong')`;
    case 'band': {
      const whens = AGE_BANDS.map((b) => {
        const r = ageBandBirthRange(b, asOf);
        return sql`when ${r.bornAfter === null ? sql`1=1` : sql`p.birth_date > ${r.bornAfter}`} and ${r.bornOnOrBefore === null ? sql`1=1` : sql`p.birth_date <= ${r.bornOnOrBefore}`} then ${b}`;
      });
      return sql<string>`case ${sql.join(whens, sql` `)} else 'khong_ro' end`;
    }
    case 'eband':
      return sql<string>`case ${sql.join(
        EVENT_BANDS.map(([b, lo, hi]) => (hi === null ? sql`when ${ageAtEvent} >= ${lo} then ${b}` : sql`when ${ageAtEvent} between ${lo} and ${hi} then ${b}`)),
        sql` `,
      )} else 'khong_ro' end`;
    case 'edu':
      return educationCase();
    case 'prof':
      return sql<string>`coalesce(p.professional_level, 'khong')`;
    case 'title':
      return sql<string>`coalesce(p.academic_title, 'khong')`;
    case 'theory':
      // No course result is dated after today, so today the recorded level is the one held.
      if (!onEvent && asOf >= todayIso()) return sql<string>`coalesce(p.political_theory, 'khong')`;
      return theoryOnSql(onEvent ? sql`me.effective_date` : sql`${asOf}`);
    case 'occ':
      return sql<string>`coalesce(p.occupation, 'khong_ro')`;
    case 'youth':
      return sql<string>`case when p.youth_union_on is not null and p.youth_union_on <= ${asOf} then 'co' else 'khong' end`;
    case 'eyouth':
      return sql<string>`case when p.youth_union_on is not null and p.youth_union_on <= me.effective_date then 'co' else 'khong' end`;
    case 'host':
      return sql<string>`v.host_type`;
    case 'kind':
      return sql<string>`v.kind`;
    case 'ekind':
      return sql<string>`me.kind`;
  }
}

export const isMemberDim = (d: string): d is MemberDim => (MEMBER_DIMS as readonly string[]).includes(d);
export const isEventDim = (d: string): d is EventDim => (EVENT_DIMS as readonly string[]).includes(d);
