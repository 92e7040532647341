import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Transfers (chuyển sinh hoạt đảng) and their approval chain. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  await db.schema
    .createTable('transfer')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('from_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('to_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('outside_org_name', 'text')
    // Who must act is fixed when the transfer is proposed, so a later restructuring cannot
    // silently hand a half-approved transfer to another committee.
    .addColumn('base_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('upper_org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('needs_upper', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('proposed_on', date, (c) => c.notNull())
    .addColumn('expected_end', date)
    .addColumn('letter_no', 'text')
    .addColumn('letter_date', date)
    .addColumn('letter_issuer', 'text')
    .addColumn('receive_by', date)
    .addColumn('admitted_on', date)
    .addColumn('official_on', date)
    .addColumn('completed_on', date)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transfer_person').on('transfer').columns(['person_id', 'proposed_on']).execute();
  await db.schema.createIndex('transfer_from').on('transfer').columns(['from_org_id', 'state']).execute();
  await db.schema.createIndex('transfer_to').on('transfer').columns(['to_org_id', 'state']).execute();
  await db.schema.createIndex('transfer_state').on('transfer').columns(['state', 'receive_by']).execute();
  // One open transfer per member, also under concurrent proposals on PostgreSQL.
  await sql`create unique index transfer_one_open on transfer (person_id) where state in ('de_xuat', 'da_duyet', 'cho_tiep_nhan', 'dang_tam_thoi')`.execute(db);

  await db.schema
    .createTable('transfer_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfer.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('on_date', date, (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('note', 'text')
    .addColumn('org_id', 'text', (c) => c.references('organization.id'))
    .addColumn('member_event_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transfer_step_transfer').on('transfer_step').columns(['transfer_id', 'seq']).unique().execute();
}
