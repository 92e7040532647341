import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Annual quality ratings of members, organizations and leaders; ratings of non-party bodies. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  // One row per subject and year with the current state derived from its steps; the steps
  // are the history. Past demo years hold decided rows without steps (see the demo seeder).
  await db.schema
    .createTable('rating')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    // dv:<person> | tc:<org> | ld:<person>:<org>: one rating per subject and year, also under races.
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    // The organization rated, the organization a leader leads, or a member's cell.
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    // Where the cap is counted: a member's cell; the parent committee of an organization or leader.
    .addColumn('unit_org_id', 'text', (c) => c.notNull().references('organization.id'))
    // Paths on the rating's reference day (31/12 of the year, or today in the current year), for scope.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // The rule set the year was rated under: history keeps its scale.
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('self_level', 'text')
    .addColumn('self_score', 'double precision')
    .addColumn('proposed_level', 'text')
    .addColumn('proposed_score', 'double precision')
    .addColumn('excellent_conditions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exempt_reason', 'text')
    .addColumn('level', 'text')
    .addColumn('score', 'double precision')
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_subject_year').on('rating').columns(['subject_key', 'year']).unique().execute();
  await db.schema.createIndex('rating_unit_year').on('rating').columns(['unit_org_id', 'year']).execute();
  await db.schema.createIndex('rating_path_year').on('rating').columns(['year', 'subject_kind', 'path']).execute();
  await db.schema.createIndex('rating_person').on('rating').columns(['person_id', 'year']).execute();

  await db.schema
    .createTable('rating_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rating_id', 'text', (c) => c.notNull().references('rating.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('on_date', date, (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('score', 'double precision')
    .addColumn('excellent_conditions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('exempt_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rating_step_rating').on('rating_step').columns(['rating_id', 'seq']).unique().execute();

  // A province's variations on the national rule set (e.g. the cap share), from a year on.
  // Never edited: a later row for the same year supersedes an earlier one.
  await db.schema
    .createTable('rating_setting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('cap_percent', 'double precision')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Non-party bodies (UBND/HĐND xã, MTTQ, mass organizations) and the party organization leading each.
  await db.schema
    .createTable('nonparty_body')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nonparty_body_org').on('nonparty_body').columns(['org_id', 'kind']).execute();

  // A year's rating of a body; a correction is a further row with a higher seq.
  await db.schema
    .createTable('nonparty_rating')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('nonparty_body.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', date, (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nonparty_rating_body').on('nonparty_rating').columns(['body_id', 'year', 'seq']).unique().execute();
  await db.schema.createIndex('nonparty_rating_year').on('nonparty_rating').columns(['year', 'path']).execute();
}
