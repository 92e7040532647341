import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Tallies of each root organization (a province's party committee) over time, summed from its
 * cells' tallies (ADR 8), so a province or national report reads one row per province instead
 * of one per cell.
 *
 * `cell_placement` records which root (and which kind and host type) each organization's
 * tally was added to over each span of days: when a restructuring moves a cell, the refresh
 * takes the old placement out of the old root and adds the new one to the new root. Changes to
 * organization versions mark the organization's cell stale in the same transaction, like the
 * other records a cell tally reads (migration 012).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('root_tally')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('full_members', 'integer', (c) => c.notNull())
    // As cell_tally.counts, with the members' cells by kind and host type as two more breakdowns.
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('root_tally_pk', ['org_id', 'valid_from'])
    .execute();
  await db.schema
    .createTable('cell_placement')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_type', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cell_placement_pk', ['org_id', 'valid_from'])
    .execute();
  await db.schema.createIndex('cell_placement_root').on('cell_placement').columns(['root_id', 'org_id']).execute();
  // Roots to build whole from their cells' tallies (a new database, or a change to thousands of cells).
  await db.schema.createTable('root_tally_rebuild').addColumn('org_id', 'text', (c) => c.primaryKey()).execute();

  if (engine === 'sqlite') {
    for (const [op, rows] of [['insert', ['new']], ['update', ['old', 'new']], ['delete', ['old']]] as const)
      await sql
        .raw(
          `create trigger cell_tally_version_${op} after ${op} on organization_version begin
        ${rows.map((r) => `insert or ignore into cell_tally_stale(org_id) values (${r}.org_id);`).join('\n')} end`,
        )
        .execute(db);
  } else {
    await sql`create function cell_tally_mark_version() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then insert into cell_tally_stale(org_id) values (old.org_id) on conflict do nothing; end if;
        if tg_op in ('INSERT', 'UPDATE') then insert into cell_tally_stale(org_id) values (new.org_id) on conflict do nothing; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cell_tally_version after insert or update or delete on organization_version
      for each row execute function cell_tally_mark_version()`.execute(db);
  }

  await backfill(db, engine);
}

/**
 * Databases made before this migration: the placements are the versions as they stand (the
 * cell tallies already follow them), and every root is built whole on first read.
 */
export async function backfill(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const root = engine === 'postgres' ? sql`split_part(path, '/', 2)` : sql`substr(path, 2, instr(substr(path, 2), '/') - 1)`;
  await sql`insert into cell_placement(org_id, valid_from, valid_to, root_id, kind, host_type)
    select org_id, valid_from, valid_to, ${root}, kind, host_type from organization_version where valid_to is null or valid_to > valid_from`.execute(db);
  await sql`insert into root_tally_rebuild(org_id) select distinct root_id from cell_placement`.execute(db);
}
