import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Inspection and supervision plans and cases, requirements, discipline decisions. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  // Read by the ratings module (a member disciplined in a year is rated at most HTNV), so its
  // columns are fixed; the inspections module may add columns but not change these.
  await db.schema
    .createTable('discipline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    // The member's cell on the effective date, and its path then, for scope and counts.
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', date, (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('case_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discipline_person').on('discipline').columns(['person_id', 'effective_date']).execute();
  await db.schema.createIndex('discipline_path').on('discipline').columns(['path', 'effective_date']).execute();
  // Yearly programmes / plans of one inspecting body (cấp ủy, ủy ban kiểm tra, chi bộ of an organization).
  await db.schema
    .createTable('inspection_plan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('body_kind', 'text', (c) => c.notNull())
    .addColumn('body_org_id', 'text', (c) => c.notNull().references('organization.id'))
    // The body's path in its year, for scope that stays right across restructurings.
    .addColumn('body_path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_plan_body').on('inspection_plan').columns(['body_path', 'year']).execute();

  // One case: a body taking up one subject. Kinds, levels and paths are kept as they were on the
  // decision date, so counts by body level and subject level (seed figures 1-27…1-32) need no history lookups.
  await db.schema
    .createTable('inspection_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.references('inspection_plan.id'))
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('activity', 'text', (c) => c.notNull())
    .addColumn('body_kind', 'text', (c) => c.notNull())
    .addColumn('body_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('body_org_kind', 'text', (c) => c.notNull())
    .addColumn('body_path', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    // The organization or the person: one key, so a subject both inspected and supervised counts once.
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_org_kind', 'text')
    .addColumn('subject_path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date, (c) => c.notNull())
    .addColumn('start_date', date)
    .addColumn('end_date', date)
    .addColumn('conclusion_date', date)
    .addColumn('conclusion', 'text')
    .addColumn('violations_found', 'integer')
    .addColumn('cancel_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_case_body').on('inspection_case').columns(['body_path', 'year']).execute();
  await db.schema.createIndex('inspection_case_subject').on('inspection_case').columns(['subject_id']).execute();
  await db.schema.createIndex('inspection_case_plan').on('inspection_case').columns(['plan_id']).execute();

  // Requirements and recommendations of a conclusion, with their follow-up.
  await db.schema
    .createTable('inspection_requirement')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('inspection_case.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('deadline', date)
    .addColumn('done_on', date)
    .addColumn('result', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_requirement_case').on('inspection_requirement').columns(['case_id', 'seq']).execute();

  // A later decision on a discipline (giảm hình thức, xóa kỷ luật): a new record, the original untouched.
  await db.schema
    .createTable('discipline_amendment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('discipline_id', 'text', (c) => c.notNull().references('discipline.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('new_form', 'text')
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', date, (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('discipline_amendment_of').on('discipline_amendment').columns(['discipline_id', 'effective_date']).execute();
  // The ledger event a khai trừ appended, for the member's history.
  await db.schema.alterTable('discipline').addColumn('member_event_id', 'text').execute();
  await db.schema.createIndex('discipline_case').on('discipline').columns(['case_id']).execute();
}
