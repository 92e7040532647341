import { theoryAfter, theoryOn, type PoliticalTheoryLevel } from '@dangvu/common';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';

/**
 * What a completed course adds to the person's record, inside the caller's transaction: the
 * dated `qualification` row the members module keeps (same columns as
 * POST /members/:id/qualifications writes), and, when the level is higher than the one held,
 * the person's political-theory column with a new record version, so the profile and today's
 * composition show it. The level held before is returned for the enrolment to remember: that
 * is what answers the level on any earlier date (`theoryOn`).
 */
export async function recordTheoryCompletion(
  trx: Transaction<Database>,
  personId: string,
  q: { level: PoliticalTheoryLevel; obtainedOn: string; note: string },
): Promise<{ qualificationId: string; before: PoliticalTheoryLevel | null; changed: boolean }> {
  const person = await trx.selectFrom('person').select(['political_theory']).where('id', '=', personId).executeTakeFirstOrThrow();
  const before = person.political_theory as PoliticalTheoryLevel | null;
  const qualificationId = uuidv7();
  const at = nowIso();
  await trx
    .insertInto('qualification')
    .values({ id: qualificationId, person_id: personId, kind: 'ly_luan_chinh_tri', level: q.level, obtained_on: q.obtainedOn, note: q.note, recorded_at: at })
    .execute();
  const after = theoryAfter(before, q.level);
  const changed = after !== before;
  if (changed)
    await trx
      .updateTable('person')
      .set((eb) => ({ political_theory: after, version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', personId)
      .execute();
  return { qualificationId, before, changed };
}

/** Raised levels of these people after `date`, oldest first per person: the input of `theoryOn`. */
async function changesAfter(db: Kysely<Database>, personIds: readonly string[], date: string) {
  const out = new Map<string, { on: string; before: PoliticalTheoryLevel | null }[]>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('training_enrolment as e')
      .innerJoin('qualification as q', 'q.id', 'e.qualification_id')
      .select(['e.person_id', 'q.obtained_on', 'e.theory_before'])
      .where('e.theory_changed', '=', 1)
      .where('q.obtained_on', '>', date)
      .where('e.person_id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const list = out.get(r.person_id) ?? [];
      list.push({ on: r.obtained_on, before: r.theory_before as PoliticalTheoryLevel | null });
      out.set(r.person_id, list);
    }
  }
  return out;
}

/**
 * The same rule as `theoryOn` in SQL over `person p`, for reports and the dashboard on a past
 * date: a completion after `on` gives the level held before it; otherwise the recorded level.
 * 'khong' for none.
 */
export function theoryOnSql(on: RawBuilder<unknown>): RawBuilder<string> {
  const later = sql`from training_enrolment te inner join qualification tq on tq.id = te.qualification_id where te.theory_changed = 1 and tq.obtained_on > ${on}`;
  // The few people raised after the date are found once (an uncorrelated set); only they need the lookup.
  return sql<string>`case when p.id in (select te.person_id ${later}) then coalesce((select te.theory_before ${later} and te.person_id = p.id order by tq.obtained_on, te.id limit 1), 'khong') else coalesce(p.political_theory, 'khong') end`;
}

/**
 * Members of the subtrees on `asOf` by the political-theory level they held that day
 * ('khong' for none). A completion dated after `asOf` does not count yet.
 */
export async function theoryLevelsOn(db: Kysely<Database>, prefixes: readonly string[], asOf: string): Promise<{ members: number; byLevel: Record<string, number> }> {
  const people = await db
    .selectFrom('membership_episode as m')
    .innerJoin('organization_version as v', 'v.org_id', 'm.org_id')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.political_theory'])
    .where('m.kind', '=', 'primary')
    .where((eb) => validOn(eb, 'm', asOf))
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes))
    .execute();
  const changes = await changesAfter(
    db,
    people.map((p) => p.id),
    asOf,
  );
  const byLevel: Record<string, number> = {};
  for (const p of people) {
    const level = theoryOn(p.political_theory as PoliticalTheoryLevel | null, changes.get(p.id) ?? [], asOf) ?? 'khong';
    byLevel[level] = (byLevel[level] ?? 0) + 1;
  }
  return { members: people.length, byLevel };
}

/** A person's political-theory level on a date (the member profile as of that date). */
export async function theoryOfPersonOn(db: Kysely<Database>, personId: string, asOf: string): Promise<PoliticalTheoryLevel | null> {
  const p = await db.selectFrom('person').select('political_theory').where('id', '=', personId).executeTakeFirst();
  if (!p) return null;
  return theoryOn(p.political_theory as PoliticalTheoryLevel | null, (await changesAfter(db, [personId], asOf)).get(personId) ?? [], asOf);
}

/**
 * The latest passed awareness-class certificate of a person (lớp bồi dưỡng nhận thức về Đảng),
 * for the admissions file: its number and date.
 */
export async function awarenessCertificate(db: Kysely<Database>, personId: string) {
  const row = await db
    .selectFrom('training_enrolment as e')
    .innerJoin('training_cohort as c', 'c.id', 'e.cohort_id')
    .innerJoin('training_course as k', 'k.id', 'c.course_id')
    .select(['e.id', 'e.certificate_no', 'e.certificate_date', 'e.result_on', 'c.name'])
    .where('e.person_id', '=', personId)
    .where('k.kind', '=', 'nhan_thuc')
    .where('e.result', '=', 'dat')
    .orderBy('e.result_on', 'desc')
    .executeTakeFirst();
  return row ? { enrolmentId: row.id, cohortName: row.name, certificateNo: row.certificate_no, date: row.certificate_date ?? row.result_on! } : null;
}
