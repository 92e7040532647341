import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * The core tables. Written once for both engines: only column types for dates and
 * the collation of path columns differ, and FTS/trigram search indexes are engine-specific.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  // Path prefix ranges must compare bytes, not locale order, for the index to serve them.
  const pathType = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  const keyType = pathType;
  const serial = engine === 'postgres' ? 'serial' : 'integer';

  await db.schema
    .createTable('organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organization_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('parent_id', 'text', (c) => c.references('organization.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('folded_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_type', 'text', (c) => c.notNull())
    .addColumn('host_unit_name', 'text')
    .addColumn('path', pathType, (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.references('org_event.id'))
    .execute();
  await db.schema.createIndex('org_version_org').on('organization_version').columns(['org_id', 'valid_from']).execute();
  await db.schema.createIndex('org_version_path').on('organization_version').columns(['path', 'valid_from']).execute();
  await db.schema.createIndex('org_version_parent').on('organization_version').columns(['parent_id', 'valid_from']).execute();

  await db.schema
    .createTable('org_event_link')
    .addColumn('id', serial, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('event_id', 'text', (c) => c.notNull().references('org_event.id'))
    .addColumn('from_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('to_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_event_link_from').on('org_event_link').column('from_org_id').execute();
  await db.schema.createIndex('org_event_link_to').on('org_event_link').column('to_org_id').execute();
  await db.schema.createIndex('org_event_link_event').on('org_event_link').column('event_id').execute();

  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('other_names', 'text')
    .addColumn('folded_name', 'text', (c) => c.notNull())
    .addColumn('display_key', 'text', (c) => c.notNull())
    .addColumn('sort_key', keyType, (c) => c.notNull())
    .addColumn('search_names', 'text', (c) => c.notNull())
    .addColumn('search_places', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', date, (c) => c.notNull())
    .addColumn('birthplace', 'text')
    .addColumn('hometown', 'text')
    .addColumn('residence', 'text')
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('religion', 'text', (c) => c.notNull())
    .addColumn('cccd', 'text')
    .addColumn('general_education', 'text')
    .addColumn('professional_level', 'text')
    .addColumn('academic_title', 'text')
    .addColumn('political_theory', 'text')
    .addColumn('foreign_language', 'text')
    .addColumn('it_level', 'text')
    .addColumn('occupation', 'text')
    .addColumn('youth_union_on', date)
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', pathType, (c) => c.notNull())
    .addColumn('card_no', 'text')
    .addColumn('file_no', 'text')
    .addColumn('admitted_on', date)
    .addColumn('admitted_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('sponsors', 'text')
    .addColumn('official_on', date)
    .addColumn('standing', 'text')
    .addColumn('activity', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Scoped counts of current members: equality on standing, then a range on path.
  await db.schema.createIndex('person_standing_path').on('person').columns(['standing', 'path']).execute();
  await db.schema.createIndex('person_path').on('person').column('path').execute();
  await db.schema.createIndex('person_sort').on('person').columns(['sort_key']).execute();
  await db.schema.createIndex('person_cccd').on('person').column('cccd').execute();
  await db.schema.createIndex('person_card').on('person').column('card_no').execute();
  await db.schema.createIndex('person_dup').on('person').columns(['folded_name', 'birth_date']).execute();
  await db.schema.createIndex('person_org').on('person').column('org_id').execute();

  if (engine === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index person_search_names_trgm on person using gin (search_names gin_trgm_ops)`.execute(db);
    await sql`create index person_search_places_trgm on person using gin (search_places gin_trgm_ops)`.execute(db);
  } else {
    // External-content FTS5 over the name and place columns, kept in step by triggers.
    await sql`create virtual table person_fts using fts5(search_names, search_places, content='person', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`.execute(db);
    await sql`create trigger person_fts_ai after insert on person begin
      insert into person_fts(rowid, search_names, search_places) values (new.rowid, new.search_names, new.search_places); end`.execute(db);
    await sql`create trigger person_fts_ad after delete on person begin
      insert into person_fts(person_fts, rowid, search_names, search_places) values ('delete', old.rowid, old.search_names, old.search_places); end`.execute(db);
    await sql`create trigger person_fts_au after update of search_names, search_places on person begin
      insert into person_fts(person_fts, rowid, search_names, search_places) values ('delete', old.rowid, old.search_names, old.search_places);
      insert into person_fts(rowid, search_names, search_places) values (new.rowid, new.search_names, new.search_places); end`.execute(db);
  }

  await db.schema
    .createTable('member_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('effective_date', date, (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('data', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_event_person').on('member_event').columns(['person_id', 'effective_date', 'seq']).execute();
  await db.schema.createIndex('member_event_kind_date').on('member_event').columns(['kind', 'effective_date']).execute();

  await db.schema
    .createTable('membership_episode')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('cause_event_id', 'text', (c) => c.references('member_event.id'))
    .addColumn('end_event_id', 'text', (c) => c.references('member_event.id'))
    .execute();
  // As-of counts: episodes of a set of cells valid on a date.
  await db.schema.createIndex('episode_org').on('membership_episode').columns(['org_id', 'kind', 'valid_from', 'valid_to', 'person_id']).execute();
  await db.schema.createIndex('episode_person').on('membership_episode').columns(['person_id', 'valid_from']).execute();

  await db.schema
    .createTable('qualification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('obtained_on', date, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qualification_person').on('qualification').columns(['person_id', 'obtained_on']).execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_scope')
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addPrimaryKeyConstraint('user_scope_pk', ['user_id', 'org_id'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user').on('session').column('user_id').execute();

  await db.schema
    .createTable('login_attempt')
    .addColumn('id', serial, (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempt_ip').on('login_attempt').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('path', pathType)
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_path_at').on('audit_log').columns(['path', 'at']).execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();

  // Append-only: the database itself refuses to rewrite the audit trail.
  if (engine === 'postgres') {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}
