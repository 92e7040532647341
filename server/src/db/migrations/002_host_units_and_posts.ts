import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Host units (thôn/bản, tổ dân phố, schools, health stations…) with their links to cells,
 * both effective-dated, for coverage; and party posts, for committees.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('host_unit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The commune-level organization the unit belongs to today: the scope anchor for units without a cell.
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('flags', 'text')
    .execute();
  await db.schema.createIndex('host_unit_org').on('host_unit').columns(['org_id', 'kind']).execute();

  await db.schema
    .createTable('host_unit_cell')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_unit_id', 'text', (c) => c.notNull().references('host_unit.id'))
    .addColumn('cell_org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .execute();
  await db.schema.createIndex('host_unit_cell_unit').on('host_unit_cell').columns(['host_unit_id', 'valid_from']).execute();
  await db.schema.createIndex('host_unit_cell_cell').on('host_unit_cell').columns(['cell_org_id', 'valid_from']).execute();

  await db.schema
    .createTable('party_post')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('term', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .execute();
  await db.schema.createIndex('party_post_org').on('party_post').columns(['org_id', 'valid_from']).execute();
  await db.schema.createIndex('party_post_person').on('party_post').column('person_id').execute();
  // Drill-down by admission year and by event year.
  await db.schema.createIndex('person_admitted').on('person').column('admitted_on').execute();
}
