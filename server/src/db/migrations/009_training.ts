import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Courses, cohorts, enrolment and results. One enrolment row is one person-time (lượt);
 * people are the distinct person ids among them, so both counts come from the same rows.
 * Results and withdrawals are written once on their row; a completion also adds a dated
 * `qualification` row that this enrolment points to.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  await db.schema
    .createTable('training_course')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_course_org').on('training_course').columns(['org_id', 'kind']).execute();

  await db.schema
    .createTable('training_cohort')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_course.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organizer_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('place', 'text')
    .addColumn('starts_on', date, (c) => c.notNull())
    .addColumn('ends_on', date, (c) => c.notNull())
    .addColumn('planned_size', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('opened_on', date)
    .addColumn('closed_on', date)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_cohort_org').on('training_cohort').columns(['organizer_org_id', 'starts_on']).execute();
  await db.schema.createIndex('training_cohort_start').on('training_cohort').columns(['starts_on']).execute();

  await db.schema
    .createTable('training_enrolment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cohort_id', 'text', (c) => c.notNull().references('training_cohort.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('sent_by_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('sent_on', date, (c) => c.notNull())
    .addColumn('decision_no', 'text')
    // Member or candidate on the day sent: reports split learners this way without re-deriving it.
    .addColumn('was_member', 'integer', (c) => c.notNull())
    .addColumn('withdrawn_on', date)
    .addColumn('withdraw_reason', 'text')
    .addColumn('result', 'text')
    .addColumn('grade', 'text')
    .addColumn('result_on', date)
    .addColumn('certificate_no', 'text')
    .addColumn('certificate_date', date)
    .addColumn('qualification_id', 'text', (c) => c.references('qualification.id'))
    // The person's political-theory level before this completion changed it, so the level on
    // any earlier date can be answered after the person column moved on.
    .addColumn('theory_before', 'text')
    .addColumn('theory_changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_enrolment_once', ['cohort_id', 'person_id'])
    .execute();
  await db.schema.createIndex('training_enrolment_person').on('training_enrolment').columns(['person_id', 'sent_on']).execute();
  await db.schema.createIndex('training_enrolment_sender').on('training_enrolment').columns(['sent_by_org_id', 'sent_on']).execute();
}
