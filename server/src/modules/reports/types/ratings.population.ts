import { isGovernmentNonParty, NONPARTY_KINDS, RATING_LEVEL_TIER, RATING_LEVELS, type RatingLevel } from '@dangvu/common';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inSubtrees } from '../../../db/sql.js';
import { ratedRootCounts } from '../ratingTally/ratedRoots.js';
import { ratedRowsOf } from '../ratingTally/ratedCounts.js';
import { ratingTallyCounts } from '../ratingTally/read.js';
import { splitAtRoots } from '../rootTally/read.js';

/**
 * The record sets of the rating reports, one query builder per population and year, used both
 * for the grouped counts and for the drill-down lists, with the same status expressions, so a
 * figure always equals the length of its list.
 *
 * A rating counts as the committee decided it by the report's end date: the last decision step
 * (quyết định công nhận or điều chỉnh) whose decision date is on or before that day. A later
 * correction does not change an earlier report. Places are read on 31/12 of the rating year.
 */

type Q = Kysely<Database>;

/** Who is counted: members, grassroots organizations (TCCSĐ) or cells directly under them. */
export const RATED_POPULATIONS = ['dv', 'tccs', 'cbtt'] as const;
export type RatedPopulation = (typeof RATED_POPULATIONS)[number];
export const POPULATION_KINDS: Record<Exclude<RatedPopulation, 'dv'>, readonly string[]> = {
  tccs: ['dang_bo_co_so', 'chi_bo_co_so'],
  cbtt: ['chi_bo_truc_thuoc'],
};

/**
 * Statuses of a subject in a year: xl = rated by a decision, kxl = exempt (không xếp loại),
 * cqd = assessed but not decided yet, cdg = no record at all; kl = rated and disciplined in the year.
 */
export const RATING_STATUSES = ['tong', 'xl', 'kxl', 'cqd', 'cdg', 'kl'] as const;
export type RatingStatus = (typeof RATING_STATUSES)[number];

export const yearEnd = (y: number) => `${y}-12-31`;
const yearStart = (y: number) => `${y}-01-01`;

const IS_DECISION = sql`s.step in ('quyet_dinh', 'dieu_chinh')`;

/**
 * What a rating stood at on `end`, in one lookup of its steps: "xl:<level>" when a decision is
 * dated on or before `end` (the latest one, so a later correction is ignored), otherwise
 * "kxl:<reason>" when the latest proposal-or-exemption step by then is an exemption, otherwise
 * null (assessed, not decided). `parseCode` reads it back; `ratedWhere` filters on it.
 * A rating with no steps at all (carried over from an earlier register, like the demo's past
 * years) has only its row: decided at its level from its decision date, or exempt.
 */
export const ratingCode = (end: string) =>
  sql<string | null>`coalesce((select case when ${IS_DECISION} then 'xl:' || s.level when s.step = 'khong_xep_loai' then 'kxl:' || coalesce(s.exempt_reason, 'khac') end
    from rating_step s where s.rating_id = r.id
      and ((${IS_DECISION} and coalesce(s.decision_date, s.on_date) <= ${end}) or (s.step in ('de_xuat', 'khong_xep_loai') and s.on_date <= ${end}))
    order by case when ${IS_DECISION} then 0 else 1 end, case when ${IS_DECISION} then coalesce(s.decision_date, s.on_date) else s.on_date end desc, s.seq desc limit 1),
    case when not exists (select 1 from rating_step s where s.rating_id = r.id) then ${rowCode(end)} end)`;

/** The code of a rating known only by its row. */
const rowCode = (end: string) =>
  sql<string | null>`case when r.state = 'khong_xep_loai' then 'kxl:' || coalesce(r.exempt_reason, 'khac')
    when r.level is not null and r.decision_date is not null and r.decision_date <= ${end} then 'xl:' || r.level end`;

/** A column of the decision in force on `end`, for the drill-down lists (the row's own for a rating without steps). */
export const decidedColumn = (col: 'decision_no' | 'decision_date', end: string) =>
  sql<string | null>`coalesce((select ${sql.ref(`s.${col}`)} from rating_step s where s.rating_id = r.id and ${IS_DECISION}
    and coalesce(s.decision_date, s.on_date) <= ${end} order by coalesce(s.decision_date, s.on_date) desc, s.seq desc limit 1),
    case when not exists (select 1 from rating_step s where s.rating_id = r.id) and r.decision_date <= ${end} then ${sql.ref(`r.${col}`)} end)`;

/** The status, level and exemption reason a code (and whether there is a rating at all) stands for. */
export function parseCode(code: string | null, hasRating: boolean): { st: Exclude<RatingStatus, 'tong' | 'kl'>; lv: string | null; kx: string | null } {
  if (!hasRating) return { st: 'cdg', lv: null, kx: null };
  if (code?.startsWith('xl:')) return { st: 'xl', lv: code.slice(3), kx: null };
  if (code?.startsWith('kxl:')) return { st: 'kxl', lv: null, kx: code.slice(4) };
  return { st: 'cqd', lv: null, kx: null };
}

/** Disciplined with effect in the year (the rule that caps a member's rating at "hoàn thành"). */
export const disciplinedIn = (y: number) =>
  sql<SqlBool>`exists (select 1 from discipline d where d.person_id = p.id and d.effective_date >= ${yearStart(y)} and d.effective_date <= ${yearEnd(y)})`;

/**
 * Members of year `y`: everyone in a cell of the subtree on 31/12, and everyone with a rating of
 * the year who had left by then (died, struck off, moved out), placed in the last cell they had
 * in the year, as that cell stood on their last day there. One row per person.
 */
export function membersOfYear(db: Q, y: number, prefixes: readonly string[]) {
  const d = yearEnd(y);
  return (
    db
      .selectFrom('membership_episode as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
      .leftJoin('rating as r', (j) => j.onRef('r.person_id', '=', 'e.person_id').on('r.year', '=', y).on('r.subject_kind', '=', 'dang_vien'))
      .where('e.kind', '=', 'primary')
      .where('e.valid_from', '<=', d)
      .where((eb) => eb.or([eb('e.valid_to', 'is', null), eb('e.valid_to', '>', yearStart(y))]))
      .where(
        sql<SqlBool>`((e.valid_to is null or e.valid_to > ${d}) or (r.id is not null and not exists (select 1 from membership_episode e2
          where e2.person_id = e.person_id and e2.kind = 'primary' and e2.valid_from <= ${d} and (e2.valid_from > e.valid_from or (e2.valid_from = e.valid_from and e2.id > e.id)))))`,
      )
      // The cell's version on the member's last day in the year: 31/12, or the day before the episode ended.
      .where('v.valid_from', '<=', d)
      .where(sql<SqlBool>`(e.valid_to is null or v.valid_from < e.valid_to)`)
      .where(sql<SqlBool>`(v.valid_to is null or v.valid_to > ${d} or (e.valid_to is not null and v.valid_to >= e.valid_to))`)
      .where(inSubtrees('v.path', prefixes))
  );
}

/**
 * Organizations of some kinds in year `y`: those existing on 31/12, and those rated for the year
 * that ended during it; each with its last version of the year (its kind and place then).
 */
export function orgsOfYear(db: Q, y: number, prefixes: readonly string[], kinds: readonly string[]) {
  const d = yearEnd(y);
  return db
    .selectFrom('organization_version as v')
    // By the subject key (tc:<org>), which the unique index of ratings answers.
    .leftJoin('rating as r', (j) => j.on(sql<SqlBool>`r.subject_key = 'tc:' || v.org_id`).on('r.year', '=', y))
    .where('v.valid_from', '<=', d)
    // The version holding 31/12 is the year's last; only a version that ended within the year
    // (and was rated) needs the lookup that no later one began by 31/12.
    .where(
      sql<SqlBool>`(v.valid_to is null or v.valid_to > ${d} or (v.valid_to > ${yearStart(y)} and r.id is not null
        and not exists (select 1 from organization_version v2 where v2.org_id = v.org_id and v2.valid_from <= ${d} and v2.valid_from > v.valid_from)))`,
    )
    .where('v.kind', 'in', kinds)
    .where(inSubtrees('v.path', prefixes));
}

export function ratedOfYear(db: Q, pop: RatedPopulation, y: number, prefixes: readonly string[]) {
  // Both builders expose `r` (the left-joined rating) and `v` (the place), all the tally reads besides the members' `p`.
  return (pop === 'dv' ? membersOfYear(db, y, prefixes) : orgsOfYear(db, y, prefixes, POPULATION_KINDS[pop])) as ReturnType<typeof membersOfYear>;
}

export const levelsOfTiers = (tiers: readonly number[]) => RATING_LEVELS.filter((l) => tiers.includes(RATING_LEVEL_TIER[l]));

export interface RatedFilter {
  st: RatingStatus;
  lv?: RatingLevel;
  tiers?: number[];
  reason?: string;
}

/** The predicate of one figure, over the same code the grouped counts read (see `parseCode`). */
export function ratedWhere(pop: RatedPopulation, y: number, end: string, f: RatedFilter): Expression<SqlBool> {
  const code = ratingCode(end);
  const parts: Expression<SqlBool>[] = [];
  if (f.st === 'cdg') parts.push(sql<SqlBool>`r.id is null`);
  if (f.st === 'cqd') parts.push(sql<SqlBool>`r.id is not null and ${code} is null`);
  if (f.st === 'kxl') parts.push(sql<SqlBool>`${code} like 'kxl:%'`);
  if (f.st === 'xl' || f.st === 'kl') parts.push(sql<SqlBool>`${code} like 'xl:%'`);
  if (f.st === 'kl') parts.push(pop === 'dv' ? disciplinedIn(y) : sql<SqlBool>`1 = 0`);
  if (f.lv) parts.push(sql<SqlBool>`${code} = ${`xl:${f.lv}`}`);
  if (f.tiers) parts.push(sql<SqlBool>`${code} in (${sql.join(levelsOfTiers(f.tiers).map((l) => `xl:${l}`))})`);
  if (f.reason) parts.push(sql<SqlBool>`${code} = ${`kxl:${f.reason}`}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

export interface RatedTally {
  tong: number;
  xl: number;
  byLevel: Record<string, number>;
  kxl: number;
  byReason: Record<string, number>;
  cqd: number;
  cdg: number;
  kl: number;
}

/**
 * A population's year by the rating's code, whether it exists, and discipline. Whole roots (a
 * province, the country) are read from the roots' tallies (one row per root); below a root,
 * members from the cells' rating tallies, organizations, fewer, from their records.
 */
export async function tallyRated(db: Q, pop: RatedPopulation, y: number, end: string, prefixes: readonly string[]): Promise<RatedTally> {
  const { roots, rest } = splitAtRoots(prefixes);
  if (!roots.length) return ratedTallyOf(await ratedRowsBelowRoots(db, pop, y, end, prefixes));
  const rows = ratedRowsOf(await ratedRootCounts(db, pop, y, end, roots));
  if (rest.length) rows.push(...(await ratedRowsBelowRoots(db, pop, y, end, rest)));
  return ratedTallyOf(rows);
}

async function ratedRowsBelowRoots(db: Q, pop: RatedPopulation, y: number, end: string, prefixes: readonly string[]): Promise<RatedRow[]> {
  return pop === 'dv' ? ratedRowsOf(await ratingTallyCounts(db, y, end, prefixes)) : ratedRecordRows(db, pop, y, end, prefixes);
}

/** One grouped pass over a population's year from its records (the reference the tallies are tested against). */
export async function tallyRatedFromRecords(db: Q, pop: RatedPopulation, y: number, end: string, prefixes: readonly string[]): Promise<RatedTally> {
  return ratedTallyOf(await ratedRecordRows(db, pop, y, end, prefixes));
}

/** A population's year grouped by (code, has a rating, disciplined). */
export interface RatedRow {
  code: string | null;
  has_r: number | string;
  kl: number | string;
  n: number | string;
}

async function ratedRecordRows(db: Q, pop: RatedPopulation, y: number, end: string, prefixes: readonly string[]): Promise<RatedRow[]> {
  const kl = pop === 'dv' ? sql<number>`case when r.id is not null and ${disciplinedIn(y)} then 1 else 0 end` : sql<number>`0`;
  return (await ratedOfYear(db, pop, y, prefixes)
    .select([ratingCode(end).as('code'), sql<number>`case when r.id is null then 0 else 1 end`.as('has_r'), kl.as('kl'), (eb) => eb.fn.countAll<number>().as('n')])
    // Grouped by position: PostgreSQL would not match two copies of a parameterized expression.
    .groupBy([sql.raw('1'), sql.raw('2'), sql.raw('3')])
    .execute()) as unknown as RatedRow[];
}

/** Sums grouped rows of (code, has a rating, disciplined) into the report's counts. */
export function ratedTallyOf(rows: readonly RatedRow[]): RatedTally {
  const t: RatedTally = { tong: 0, xl: 0, byLevel: {}, kxl: 0, byReason: {}, cqd: 0, cdg: 0, kl: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    const c = parseCode(r.code, Number(r.has_r) === 1);
    t.tong += n;
    if (c.st === 'xl') {
      t.xl += n;
      t.byLevel[c.lv!] = (t.byLevel[c.lv!] ?? 0) + n;
      if (Number(r.kl) === 1) t.kl += n;
    } else if (c.st === 'kxl') {
      t.kxl += n;
      t.byReason[c.kx!] = (t.byReason[c.kx!] ?? 0) + n;
    } else if (c.st === 'cqd') t.cqd += n;
    else t.cdg += n;
  }
  return t;
}

// Non-party bodies ----------------------------------------------------------------------------

export const BODY_GROUPS = ['cq', 'mt'] as const;
export type BodyGroup = (typeof BODY_GROUPS)[number];
const GOVERNMENT_KINDS = NONPARTY_KINDS.filter(isGovernmentNonParty);

/** The level of a body's year in force on `end`: its last recorded row decided by then (corrections are later rows). */
export function bodyExprs(y: number, end: string) {
  const level = sql<string | null>`(select nr.level from nonparty_rating nr where nr.body_id = b.id and nr.year = ${y} and nr.decision_date <= ${end} order by nr.seq desc limit 1)`;
  const col = (c: 'decision_no' | 'decision_date' | 'issuer') =>
    sql<string | null>`(select ${sql.ref(`nr.${c}`)} from nonparty_rating nr where nr.body_id = b.id and nr.year = ${y} and nr.decision_date <= ${end} order by nr.seq desc limit 1)`;
  return {
    level,
    group: sql<string>`case when b.kind in (${sql.join(GOVERNMENT_KINDS)}) then 'cq' else 'mt' end`,
    decisionNo: col('decision_no'),
    decisionDate: col('decision_date'),
    issuer: col('issuer'),
  };
}

/**
 * Bodies of year `y`: those whose leading party organization existed on 31/12, and those rated for
 * the year whose leading organization ended during it; placed where that organization stood.
 */
export function bodiesOfYear(db: Q, y: number, end: string, prefixes: readonly string[]) {
  const d = yearEnd(y);
  const x = bodyExprs(y, end);
  return db
    .selectFrom('nonparty_body as b')
    .innerJoin('organization_version as v', 'v.org_id', 'b.org_id')
    .where('v.valid_from', '<=', d)
    .where(sql<SqlBool>`not exists (select 1 from organization_version v2 where v2.org_id = v.org_id and v2.valid_from <= ${d} and v2.valid_from > v.valid_from)`)
    .where(sql<SqlBool>`(v.valid_to is null or v.valid_to > ${d} or ${x.level} is not null)`)
    .where(inSubtrees('v.path', prefixes));
}

export const BODY_STATUSES = ['tong', 'xl', 'chua'] as const;
export type BodyStatus = (typeof BODY_STATUSES)[number];
export interface BodyFilter {
  st: BodyStatus;
  lv?: string[];
  grp?: BodyGroup;
}

export function bodyWhere(y: number, end: string, f: BodyFilter): Expression<SqlBool> {
  const x = bodyExprs(y, end);
  const parts: Expression<SqlBool>[] = [];
  if (f.st === 'xl') parts.push(sql<SqlBool>`${x.level} is not null`);
  if (f.st === 'chua') parts.push(sql<SqlBool>`${x.level} is null`);
  if (f.lv) parts.push(sql<SqlBool>`${x.level} in (${sql.join(f.lv)})`);
  if (f.grp) parts.push(sql<SqlBool>`${x.group} = ${f.grp}`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

export interface BodyTally {
  tong: number;
  chua: number;
  /** Rated bodies by group and level. */
  rated: Record<BodyGroup, Record<string, number>>;
}

export async function tallyBodies(db: Q, y: number, end: string, prefixes: readonly string[]): Promise<BodyTally> {
  const x = bodyExprs(y, end);
  const rows = (await bodiesOfYear(db, y, end, prefixes)
    .select([x.group.as('grp'), x.level.as('lv'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([sql.raw('1'), sql.raw('2')])
    .execute()) as unknown as { grp: BodyGroup; lv: string | null; n: number | string }[];
  const t: BodyTally = { tong: 0, chua: 0, rated: { cq: {}, mt: {} } };
  for (const r of rows) {
    const n = Number(r.n);
    t.tong += n;
    if (r.lv !== null) t.rated[r.grp][r.lv] = (t.rated[r.grp][r.lv] ?? 0) + n;
    else t.chua += n;
  }
  return t;
}
