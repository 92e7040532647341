import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * The rating reports' counts per root organization (a province's party committee), rating year
 * and rated population, over spans of report end dates (ADR 8): members summed from the cells'
 * rating tallies (migration 015), grassroots organizations and the cells under them from their
 * ratings. A national report reads one row per province instead of one per cell or organization.
 *
 * A root's organizations are marked stale in the writing transaction by a change to an
 * organization version in it or to an organization's rating; its members' counts are patched by
 * the refresh of the cells' rating tallies, which already follows every record they read.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('rated_root_tally')
    .addColumn('year', 'integer', (c) => c.notNull())
    // dv (members), tccs (grassroots organizations), cbtt (cells under a grassroots committee).
    .addColumn('pop', 'text', (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    // As rating_tally.counts: "code|has_rating|disciplined=n …".
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rated_root_tally_pk', ['year', 'pop', 'root_id', 'valid_from'])
    .execute();
  await db.schema.createTable('rated_root_year').addColumn('year', 'integer', (c) => c.primaryKey()).execute();
  await db.schema.createTable('rated_root_stale').addColumn('root_id', 'text', (c) => c.primaryKey()).execute();

  const root = (path: string) => (engine === 'postgres' ? `split_part(${path}, '/', 2)` : `substr(${path}, 2, instr(substr(${path}, 2), '/') - 1)`);
  const rootsOfOrg = (orgId: string) => `select ${root('path')} from organization_version where org_id = ${orgId}`;
  const rootsOfRating = (row: string) => `${rootsOfOrg(`substr(${row}.subject_key, 4)`)} and ${row}.subject_key like 'tc:%'`;
  const marks: [string, (row: string) => string][] = [
    ['organization_version', (row) => `select ${root(`${row}.path`)}`],
    ['rating', rootsOfRating],
    ['rating_step', (row) => rootsOfOrg(`(select substr(r.subject_key, 4) from rating r where r.id = ${row}.rating_id and r.subject_key like 'tc:%')`)],
  ];
  for (const [table, roots] of marks) {
    if (engine === 'sqlite') {
      for (const [op, rows] of [['insert', ['new']], ['update', ['old', 'new']], ['delete', ['old']]] as const)
        await sql
          .raw(
            `create trigger rated_root_${table}_${op} after ${op} on ${table} begin
          ${rows.map((r) => `insert or ignore into rated_root_stale(root_id) ${roots(r)};`).join('\n')} end`,
          )
          .execute(db);
    } else {
      await sql
        .raw(
          `create function rated_root_mark_${table}() returns trigger language plpgsql as $$
          begin
            if tg_op in ('UPDATE', 'DELETE') then insert into rated_root_stale(root_id) ${roots('old')} on conflict do nothing; end if;
            if tg_op in ('INSERT', 'UPDATE') then insert into rated_root_stale(root_id) ${roots('new')} on conflict do nothing; end if;
            return null;
          end $$`,
        )
        .execute(db);
      await sql.raw(`create trigger rated_root_${table} after insert or update or delete on ${table} for each row execute function rated_root_mark_${table}()`).execute(db);
    }
  }
}
