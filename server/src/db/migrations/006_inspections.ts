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
}
