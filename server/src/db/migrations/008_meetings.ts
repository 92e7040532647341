import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Monthly and thematic cell meetings: plans, attendance, minutes, scores, yearly classes. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  const bytes = engine === 'postgres' ? 'bytea' : 'blob';

  // One row per meeting. The attendance counts are stored on the row: for recent meetings they
  // are derived from meeting_attendance / meeting_guest in the same transaction; for older
  // meetings (the demo's ten-year history) only the counts are kept (attendance_rows = 0), so the
  // history stays at one row per cell and month instead of one per member and month.
  await db.schema
    .createTable('meeting')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    // The cell's path on the meeting's date: scope and subtree counts as of that date.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text')
    .addColumn('location', 'text')
    .addColumn('planned_on', date, (c) => c.notNull())
    .addColumn('published_on', date)
    .addColumn('held_on', date)
    .addColumn('duration_minutes', 'integer')
    .addColumn('chair_name', 'text')
    .addColumn('secretary_name', 'text')
    .addColumn('minutes', 'text')
    .addColumn('attendance_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attendance_recorded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n_members', 'integer')
    .addColumn('n_present', 'integer')
    .addColumn('n_excused', 'integer')
    .addColumn('n_unexcused', 'integer')
    .addColumn('n_exempt', 'integer')
    .addColumn('n_exempt_present', 'integer')
    .addColumn('n_guests', 'integer')
    .addColumn('n_higher', 'integer')
    .addColumn('score_rules', 'text', (c) => c.notNull())
    // JSON {criterion: points}; null on old demo meetings that keep only total and class.
    .addColumn('score_detail', 'text')
    .addColumn('score_total', 'real')
    .addColumn('score_class', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_org_month').on('meeting').columns(['org_id', 'month']).execute();
  await db.schema.createIndex('meeting_path_month').on('meeting').columns(['path', 'month']).execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('exempt', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'person_id'])
    .execute();

  // Guests and higher-level attendees ("dự sinh hoạt"), who need not be in the person register.
  await db.schema
    .createTable('meeting_guest')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text')
    .addColumn('post', 'text')
    .execute();
  await db.schema.createIndex('meeting_guest_meeting').on('meeting_guest').columns(['meeting_id', 'kind']).execute();

  await db.schema
    .createTable('meeting_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('mime_type', 'text')
    .addColumn('size', 'integer')
    .addColumn('content', bytes)
    .addColumn('ref_number', 'text')
    .addColumn('ref_title', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_document_meeting').on('meeting_document').columns(['meeting_id']).execute();

  // Every action on a meeting, dated and attributed; closing and reopening keep a snapshot, so
  // a closed revision stays readable after the meeting is reopened and changed.
  await db.schema
    .createTable('meeting_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('snapshot', 'text')
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_step_meeting').on('meeting_step').columns(['meeting_id', 'seq']).unique().execute();

  // Which rule sets an organization (usually the province) uses from a date on.
  await db.schema
    .createTable('meeting_rule_choice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('score_rules', 'text', (c) => c.notNull())
    .addColumn('rollup_rules', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_rule_choice_org').on('meeting_rule_choice').columns(['org_id', 'valid_from']).execute();
}
