import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Members' yearly ratings tallied per cell (ADR 7): for each rating year, each cell and the
 * version of it the members are placed in, the counts by rating status over each span of
 * report end dates they stay the same. Years are built on first read; triggers mark a cell
 * stale in the transaction that changes its episodes, versions, or its members' ratings,
 * rating steps or discipline.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('rating_tally')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    // The placement: the cell's version (organization_version.valid_from) on the member's last day in the year.
    .addColumn('vfrom', date, (c) => c.notNull())
    // The span of report end dates: a rating step dated on or before the end counts.
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    // "code|has_rating|disciplined=n …", code as ratingCode gives it ('' for none).
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_tally_pk', ['year', 'org_id', 'vfrom', 'valid_from'])
    .execute();
  await db.schema.createTable('rating_tally_year').addColumn('year', 'integer', (c) => c.primaryKey()).execute();
  await db.schema.createTable('rating_tally_stale').addColumn('org_id', 'text', (c) => c.primaryKey()).execute();

  const cellsOfPerson = (person: string) => `select org_id from membership_episode where person_id = ${person} and kind = 'primary'`;
  const cellsOfRating = (rating: string) => `select e.org_id from membership_episode e join rating r on r.person_id = e.person_id where r.id = ${rating} and e.kind = 'primary'`;
  // table → how to find the cells a row touches, per row alias
  const sources: [string, (row: string) => string][] = [
    ['membership_episode', (row) => `select ${row}.org_id where ${row}.kind = 'primary'`],
    ['organization_version', (row) => `select ${row}.org_id`],
    ['rating', (row) => `select org_id from membership_episode where person_id = ${row}.person_id and kind = 'primary' and ${row}.subject_kind = 'dang_vien'`],
    ['rating_step', (row) => cellsOfRating(`${row}.rating_id`)],
    ['discipline', (row) => cellsOfPerson(`${row}.person_id`)],
  ];
  if (engine === 'sqlite') {
    for (const [table, cells] of sources)
      for (const [op, rows] of [['insert', ['new']], ['update', ['old', 'new']], ['delete', ['old']]] as const)
        await sql
          .raw(
            `create trigger rating_tally_${table}_${op} after ${op} on ${table} begin
          ${rows.map((r) => `insert or ignore into rating_tally_stale(org_id) ${cells(r)};`).join('\n')} end`,
          )
          .execute(db);
  } else {
    for (const [table, cells] of sources) {
      await sql
        .raw(
          `create function rating_tally_mark_${table}() returns trigger language plpgsql as $$
        begin
          if tg_op in ('UPDATE', 'DELETE') then insert into rating_tally_stale(org_id) ${cells('old')} on conflict do nothing; end if;
          if tg_op in ('INSERT', 'UPDATE') then insert into rating_tally_stale(org_id) ${cells('new')} on conflict do nothing; end if;
          return null;
        end $$`,
        )
        .execute(db);
      await sql.raw(`create trigger rating_tally_${table} after insert or update or delete on ${table} for each row execute function rating_tally_mark_${table}()`).execute(db);
    }
  }
}
