import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Document register, resolution targets, study sessions. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  const real = engine === 'postgres' ? sql`double precision` : sql`real`;
  const bytes = engine === 'postgres' ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The issuing organization, or (with external_issuer) the organization whose register keeps it.
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('external_issuer', 'text')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('issuer_code', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addColumn('doc_date', date, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('folded_title', 'text', (c) => c.notNull())
    // JSON array of short topic tags.
    .addColumn('tags', 'text', (c) => c.notNull())
    // Issuer + type + number + term (or year): two documents never share it.
    .addColumn('dup_key', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_path').on('document').columns(['path', 'doc_date']).execute();
  await db.schema.createIndex('document_date').on('document').column('doc_date').execute();

  await db.schema
    .createTable('document_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('period_from', 'integer', (c) => c.notNull())
    .addColumn('period_to', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_target_doc').on('document_target').column('document_id').execute();

  await db.schema
    .createTable('document_attachment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_attachment_doc').on('document_attachment').column('document_id').execute();

  await db.schema
    .createTable('study_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    // The organizing organization's path on the session day, for scope.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('held_on', date, (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    // Attendees recorded as a number rather than by name (lượt, added to the named ones).
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('non_member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('study_session_path').on('study_session').columns(['path', 'held_on']).execute();
  await db.schema.createIndex('study_session_org').on('study_session').columns(['org_id', 'held_on']).execute();

  await db.schema
    .createTable('study_session_document')
    .addColumn('session_id', 'text', (c) => c.notNull().references('study_session.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addPrimaryKeyConstraint('study_session_document_pk', ['session_id', 'document_id'])
    .execute();
  await db.schema.createIndex('study_session_document_doc').on('study_session_document').column('document_id').execute();

  await db.schema
    .createTable('study_attendance')
    .addColumn('session_id', 'text', (c) => c.notNull().references('study_session.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    // Whether the person was a member on the session day (kept, so later status changes do not rewrite lượt).
    .addColumn('is_member', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('study_attendance_pk', ['session_id', 'person_id'])
    .execute();
  await db.schema.createIndex('study_attendance_person').on('study_attendance').column('person_id').execute();
}
