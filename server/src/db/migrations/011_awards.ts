import { sql, type Kysely } from 'kysely';
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

  // Columns of the awards module (added; the ones above stay as the ratings module expects).
  const real = engine === 'postgres' ? sql`double precision` : sql`real`;
  await db.schema.alterTable('award').addColumn('level', 'text').execute();
  // Party-age badges: the milestone (30, 40 … 90 năm tuổi Đảng).
  await db.schema.alterTable('award').addColumn('badge_years', 'integer').execute();
  await db.schema.alterTable('award').addColumn('note', 'text').execute();
  await db.schema.alterTable('award').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('award_badge').on('award').columns(['person_id', 'badge_years']).execute();

  await db.schema
    .createTable('contest')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('decision_no', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contest_path').on('contest').columns(['path', 'year']).execute();

  await db.schema
    .createTable('contest_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('held_on', engine === 'postgres' ? 'date' : 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contest_round_seq').on('contest_round').columns(['contest_id', 'seq']).unique().execute();

  await db.schema
    .createTable('contest_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('contest_round.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('score', real)
    .addColumn('advanced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prize', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contest_entry_round_person').on('contest_entry').columns(['round_id', 'person_id']).unique().execute();
}
