import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Admission pipeline: candidates, their dated steps and documents, helpers over time,
 * warning overrides, and admission targets. Steps and documents are rows that are added,
 * never rewritten; the candidate row keeps the derived stage and probation end for the lists.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  const real = engine === 'postgres' ? sql`double precision` : sql`real`;

  await db.schema
    .createTable('admission_candidate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().unique().references('person.id'))
    .addColumn('cell_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('introduced_by_kind', 'text', (c) => c.notNull())
    .addColumn('introduced_by_name', 'text', (c) => c.notNull())
    .addColumn('rule_set', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('decision_date', date)
    .addColumn('probation_ends_on', date)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admission_candidate_stage').on('admission_candidate').columns(['stage', 'probation_ends_on']).execute();
  await db.schema.createIndex('admission_candidate_cell').on('admission_candidate').column('cell_id').execute();

  await db.schema
    .createTable('admission_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('admission_candidate.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('date', date, (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('issuer', 'text')
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_step_once', ['candidate_id', 'step'])
    .execute();

  await db.schema
    .createTable('admission_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('admission_candidate.id'))
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('received_on', date, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_document_once', ['candidate_id', 'doc'])
    .execute();

  await db.schema
    .createTable('admission_helper')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('admission_candidate.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admission_helper_candidate').on('admission_helper').columns(['candidate_id', 'valid_from']).execute();

  await db.schema
    .createTable('admission_override')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('admission_candidate.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approving_body', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_override_once', ['candidate_id', 'rule'])
    .execute();

  await db.schema
    .createTable('admission_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('per_year', 'integer', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_target_once', ['org_id', 'from_year', 'to_year'])
    .execute();
  await db.schema.createIndex('admission_target_years').on('admission_target').columns(['from_year', 'to_year']).execute();
}
