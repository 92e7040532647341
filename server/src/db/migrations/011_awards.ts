import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Awards and commendations, party-age badges, contests. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';

  // The ratings module writes giấy khen rows linked to a rating, so these columns are fixed;
  // the awards module may add columns but not change these.
  await db.schema
    .createTable('award')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Exactly one of person_id / org_id: awards go to people or to organizations.
    .addColumn('person_id', 'text', (c) => c.references('person.id'))
    .addColumn('org_id', 'text', (c) => c.references('organization.id'))
    // The recipient's place on the award date (cell of a person, the organization itself), for scope.
    .addColumn('path', 'text', (c) => c.notNull())
    // giay_khen | bang_khen | huan_chuong | huy_chuong | huy_hieu | danh_hieu | other kinds the awards module defines
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', date)
    .addColumn('issuer', 'text')
    .addColumn('rating_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_person').on('award').columns(['person_id', 'year']).execute();
  await db.schema.createIndex('award_path').on('award').columns(['path', 'year']).execute();
  await db.schema.createIndex('award_rating').on('award').column('rating_id').execute();
}
