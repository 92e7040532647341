import {
  ratingTier,
  ruleSetForYear,
  RATING_LEVELS,
  todayIso,
  type RatingDisciplineFact,
  type RatingLevel,
  type RatingRuleSet,
  type RatingSubject,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validOn } from '../../db/sql.js';
import type { RatingRow } from './ratings.tables.js';

type Db = Kysely<Database>;

export interface OrgOn {
  id: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
}

/**
 * The day a year's ratings are placed in the tree: 31/12 of the year, or today while the year
 * runs. Scope and paths of a year's ratings are resolved on this day, so a rating made before a
 * restructuring stays visible to whoever holds that part of the tree now (scope follows mergers).
 */
export function ratingDay(year: number, today = todayIso()): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export async function orgOn(db: Db, orgId: string, day: string): Promise<OrgOn | null> {
  const v = await db
    .selectFrom('organization_version as v')
    .select(['v.org_id', 'v.name', 'v.kind', 'v.path', 'v.parent_id'])
    .where('v.org_id', '=', orgId)
    .where((eb) => validOn(eb, 'v', day))
    .executeTakeFirst();
  return v ? { id: v.org_id, name: v.name, kind: v.kind, path: v.path, parentId: v.parent_id } : null;
}

/** Names of organizations as they are now (or as they last were, for ended ones). */
export async function orgNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('organization_version').select(['org_id', 'name', 'valid_from']).where('org_id', 'in', wanted).orderBy('valid_from').execute();
  return new Map(rows.map((r) => [r.org_id, r.name]));
}

/** The year's rule set with the variations of the provinces above `path` (settings are few: read them all). */
export async function rulesFor(db: Db, year: number, path: string): Promise<RatingRuleSet> {
  const rows = await db.selectFrom('rating_setting').select(['path', 'from_year', 'cap_percent', 'created_at']).orderBy('created_at').orderBy('id').execute();
  // A later row for the same year supersedes an earlier one.
  const byYear = new Map<number, number | null>();
  for (const r of rows) if (path.startsWith(r.path)) byYear.set(r.from_year, r.cap_percent);
  return ruleSetForYear(
    year,
    [...byYear].map(([fromYear, capPercent]) => ({ fromYear, capPercent })),
  );
}

/** The first discipline decision of the person effective in the year, if any. */
export async function disciplineIn(db: Db, personId: string, year: number): Promise<RatingDisciplineFact | null> {
  const d = await db
    .selectFrom('discipline')
    .select(['form', 'decision_no', 'decision_date', 'issuer', 'effective_date'])
    .where('person_id', '=', personId)
    .where('effective_date', '>=', `${year}-01-01`)
    .where('effective_date', '<=', `${year}-12-31`)
    .orderBy('effective_date')
    .executeTakeFirst();
  return d ? { form: d.form, decisionNo: d.decision_no, decisionDate: d.decision_date, issuer: d.issuer, effectiveDate: d.effective_date } : null;
}

/** Disciplines of many people in a year, for the cell table. */
export async function disciplinesIn(db: Db, personIds: readonly string[], year: number): Promise<Map<string, RatingDisciplineFact>> {
  const out = new Map<string, RatingDisciplineFact>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('discipline')
      .select(['person_id', 'form', 'decision_no', 'decision_date', 'issuer', 'effective_date'])
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .where('effective_date', '>=', `${year}-01-01`)
      .where('effective_date', '<=', `${year}-12-31`)
      .orderBy('effective_date')
      .execute();
    for (const d of rows)
      if (!out.has(d.person_id))
        out.set(d.person_id, { form: d.form, decisionNo: d.decision_no, decisionDate: d.decision_date, issuer: d.issuer, effectiveDate: d.effective_date });
  }
  return out;
}

/** The level a rating counts with for the cap: the decision, or the proposal until then. */
export const standingLevel = (r: Pick<RatingRow, 'state' | 'level' | 'proposed_level'>): RatingLevel | null =>
  ((r.state === 'quyet_dinh' ? r.level : r.state === 'de_xuat' ? r.proposed_level : null) as RatingLevel | null) ?? null;

/**
 * Tier-1 and tier-2-or-better counts of a unit and year, without `exceptId`. Decided ratings
 * count with their decision and proposed ones with their proposal, so a committee deciding one
 * by one is checked against the whole unit it has appraised.
 */
export async function unitCounts(db: Db, unitOrgId: string, year: number, subject: RatingSubject, exceptId: string | null) {
  const rows = await db
    .selectFrom('rating')
    .select(['id', 'state', 'level', 'proposed_level'])
    .where('unit_org_id', '=', unitOrgId)
    .where('year', '=', year)
    .where('subject_kind', '=', subject)
    .execute();
  let excellent = 0;
  let base = 0;
  for (const r of rows) {
    if (r.id === exceptId) continue;
    const l = standingLevel(r);
    if (!l || !(RATING_LEVELS as readonly string[]).includes(l)) continue;
    if (ratingTier(l) === 1) excellent++;
    if (ratingTier(l) <= 2) base++;
  }
  return { excellent, base };
}
