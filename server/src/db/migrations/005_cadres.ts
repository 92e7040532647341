import { addMonths } from '@dangvu/common';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from '../../platform/ids.js';
import type { Engine } from '../database.js';

interface Legacy {
  host_unit: { id: string; name: string; org_id: string; flags: string | null; valid_from: string; valid_to: string | null };
  host_unit_version: { id: string; host_unit_id: string; name: string; org_id: string; flags: string | null; valid_from: string; valid_to: string | null; event_id: string | null };
  party_post: { id: string; org_id: string; term: string | null; valid_from: string; valid_to: string | null; term_id: string | null };
  committee_term: Record<string, unknown>;
}

/**
 * Host-unit register history (dated versions and the decisions behind them), committee
 * terms, state and community posts (civic_post) beside the party ones, and rotations. Existing host
 * units get one version each; existing posts are grouped into terms by organization and term label.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  await db.schema.alterTable('host_unit').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('host_unit').addColumn('merged_into_id', 'text').execute();

  await db.schema
    .createTable('host_unit_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_unit_id', 'text', (c) => c.notNull().references('host_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('host_unit_event_unit').on('host_unit_event').columns(['host_unit_id', 'effective_date']).execute();

  // What the register said about a unit over [valid_from, valid_to): name, anchor organization, flags.
  await db.schema
    .createTable('host_unit_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_unit_id', 'text', (c) => c.notNull().references('host_unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('flags', 'text')
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('event_id', 'text')
    .execute();
  await db.schema.createIndex('host_unit_version_unit').on('host_unit_version').columns(['host_unit_id', 'valid_from']).execute();
  await db.schema.createIndex('host_unit_version_org').on('host_unit_version').columns(['org_id', 'valid_from']).execute();

  await db.schema
    .createTable('committee_term')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('congress', 'text')
    .addColumn('start_date', date, (c) => c.notNull())
    .addColumn('planned_end_date', date, (c) => c.notNull())
    .addColumn('end_date', date)
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committee_term_org').on('committee_term').columns(['org_id', 'start_date']).execute();

  await db.schema
    .createTable('rotation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('from_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('to_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('from_post_id', 'text')
    .addColumn('to_post_id', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rotation_date').on('rotation').columns(['effective_date', 'kind']).execute();
  await db.schema.createIndex('rotation_person').on('rotation').column('person_id').execute();

  // Party posts gain their decisions, terms and rotations.
  const post = (col: string, type: 'text' | 'integer' | typeof date, notNullDefault?: string | number) =>
    db.schema
      .alterTable('party_post')
      .addColumn(col, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  await post('host_unit_id', 'text');
  await post('term_id', 'text');
  await post('decision_date', date);
  await post('issuer', 'text');
  await post('end_decision_no', 'text');
  await post('end_reason', 'text');
  await post('rotation_id', 'text');
  await post('note', 'text');
  await post('version', 'integer', 1);
  await db.schema.createIndex('party_post_title').on('party_post').columns(['title', 'valid_from']).execute();
  await db.schema.createIndex('party_post_term').on('party_post').column('term_id').execute();

  // State and community posts (HĐND, UBND, MTTQ, village heads, agency heads), held by members or not.
  // Kept apart from party_post, whose rows are the committee: the same columns, so one code path reads both.
  await db.schema
    .createTable('civic_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addColumn('term_id', 'text')
    .addColumn('host_unit_id', 'text', (c) => c.references('host_unit.id'))
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('end_decision_no', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('rotation_id', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('civic_post_org').on('civic_post').columns(['org_id', 'valid_from']).execute();
  await db.schema.createIndex('civic_post_person').on('civic_post').column('person_id').execute();
  await db.schema.createIndex('civic_post_unit').on('civic_post').column('host_unit_id').execute();
  await db.schema.createIndex('civic_post_title').on('civic_post').columns(['title', 'valid_from']).execute();

  const k = db as unknown as Kysely<Legacy>;
  const units = await k.selectFrom('host_unit').selectAll().orderBy('id').execute();
  for (let i = 0; i < units.length; i += 200) {
    const rows = units.slice(i, i + 200).map((u) => ({ id: uuidv7(), host_unit_id: u.id, name: u.name, org_id: u.org_id, flags: u.flags, valid_from: u.valid_from, valid_to: u.valid_to, event_id: null }));
    if (rows.length) await k.insertInto('host_unit_version').values(rows).execute();
  }
  const groups = await k
    .selectFrom('party_post')
    .select(['org_id', 'term', sql<string>`min(valid_from)`.as('start'), sql<number>`sum(case when valid_to is null then 1 else 0 end)`.as('open'), sql<string>`max(valid_to)`.as('last')])
    .where('term', 'is not', null)
    .groupBy(['org_id', 'term'])
    .orderBy('org_id')
    .orderBy('term')
    .execute();
  for (const g of groups) {
    const id = uuidv7();
    const start = String(g.start);
    const years = /(\d{4})\D+(\d{4})/.exec(g.term ?? '');
    const plannedEnd = addMonths(start, 12 * (years ? Math.max(1, Number(years[2]) - Number(years[1])) : 5));
    await k
      .insertInto('committee_term')
      .values({ id, org_id: g.org_id, name: `Nhiệm kỳ ${g.term}`, congress: null, start_date: start, planned_end_date: plannedEnd, end_date: Number(g.open) > 0 ? null : g.last, version: 1, created_at: new Date().toISOString() })
      .execute();
    await k.updateTable('party_post').set({ term_id: id }).where('org_id', '=', g.org_id).where('term', '=', g.term).execute();
  }
}
