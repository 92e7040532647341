import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inChunks } from '../tallyKit.js';
import type { TalliedPerson, TheoryRaise } from './memberState.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The people's counted columns, and their theory results in the order `theoryOnSql` reads them. */
export async function loadTalliedPeople(trx: Q, personIds: readonly string[]): Promise<{ people: Map<string, TalliedPerson>; raises: Map<string, TheoryRaise[]> }> {
  const people = new Map<string, TalliedPerson>();
  for (const p of await inChunks(personIds, (chunk) =>
    trx
      .selectFrom('person')
      .select(['id', 'sex', 'ethnicity', 'religion', 'birth_date', 'general_education', 'professional_level', 'academic_title', 'political_theory', 'occupation', 'youth_union_on', 'official_on'])
      .where('id', 'in', chunk)
      .execute(),
  ))
    people.set(p.id, p);
  const raiseRows = await inChunks(personIds, (chunk) =>
    trx
      .selectFrom('training_enrolment as te')
      .innerJoin('qualification as tq', 'tq.id', 'te.qualification_id')
      .select(['te.person_id', 'te.id', 'tq.obtained_on', 'te.theory_before'])
      .where('te.theory_changed', '=', 1)
      .where('te.person_id', 'in', chunk)
      .execute(),
  );
  // By day, then by record.
  raiseRows.sort((a, b) => (a.obtained_on < b.obtained_on ? -1 : a.obtained_on > b.obtained_on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const raises = new Map<string, TheoryRaise[]>();
  for (const r of raiseRows) {
    const list = raises.get(r.person_id);
    if (list) list.push({ on: r.obtained_on, before: r.theory_before });
    else raises.set(r.person_id, [{ on: r.obtained_on, before: r.theory_before }]);
  }
  return { people, raises };
}
