import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Per-cell member tallies over time (ADR 7): for each organization holding members, the
 * counts by every member breakdown over each span of days they stay the same. Province
 * reports read one row per cell instead of every member.
 *
 * Triggers mark a cell stale in the same transaction that changes its records (an episode,
 * a person's counted columns, a theory course result); readers rebuild the stale cells from
 * the records before they read. The tallies are therefore never visible out of step.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('cell_tally')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', date, (c) => c.notNull())
    .addColumn('valid_to', date)
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('full_members', 'integer', (c) => c.notNull())
    // "code:n code:n …": the count of each breakdown value (cell_tally_value), zeros left out.
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cell_tally_pk', ['org_id', 'valid_from'])
    .execute();
  // Breakdown values by a short code, so each span stores a few bytes per value (a province has millions of spans).
  await db.schema
    .createTable('cell_tally_value')
    .addColumn('code', 'integer', (c) => c.primaryKey())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('val', 'text', (c) => c.notNull())
    .addUniqueConstraint('cell_tally_value_dim_val', ['dim', 'val'])
    .execute();
  await db.schema
    .createTable('cell_tally_stale')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .execute();

  // The columns a tally reads from `person`; a change to any other column leaves tallies alone.
  const counted = ['sex', 'ethnicity', 'religion', 'birth_date', 'general_education', 'professional_level', 'academic_title', 'political_theory', 'occupation', 'youth_union_on', 'official_on'];
  const cellsOf = (person: string) => `select org_id from membership_episode where person_id = ${person} and kind = 'primary'`;

  if (engine === 'sqlite') {
    await sql`create trigger cell_tally_episode_ai after insert on membership_episode when new.kind = 'primary' begin
      insert or ignore into cell_tally_stale(org_id) values (new.org_id); end`.execute(db);
    await sql`create trigger cell_tally_episode_au after update on membership_episode begin
      insert or ignore into cell_tally_stale(org_id) select old.org_id where old.kind = 'primary' union select new.org_id where new.kind = 'primary'; end`.execute(db);
    await sql`create trigger cell_tally_episode_ad after delete on membership_episode when old.kind = 'primary' begin
      insert or ignore into cell_tally_stale(org_id) values (old.org_id); end`.execute(db);
    await sql
      .raw(
        `create trigger cell_tally_person_au after update on person when ${counted.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin
      insert or ignore into cell_tally_stale(org_id) ${cellsOf('new.id')}; end`,
      )
      .execute(db);
    for (const [op, row] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const)
      await sql
        .raw(
          `create trigger cell_tally_enrolment_${op} after ${op} on training_enrolment begin
        insert or ignore into cell_tally_stale(org_id) ${cellsOf(`${row}.person_id`)}; end`,
        )
        .execute(db);
    for (const [op, row] of [['update', 'new'], ['delete', 'old']] as const)
      await sql
        .raw(
          `create trigger cell_tally_qualification_${op} after ${op} on qualification begin
        insert or ignore into cell_tally_stale(org_id) ${cellsOf(`${row}.person_id`)}; end`,
        )
        .execute(db);
  } else {
    await sql`create function cell_tally_mark_episode() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.kind = 'primary' then
          insert into cell_tally_stale(org_id) values (old.org_id) on conflict do nothing;
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.kind = 'primary' then
          insert into cell_tally_stale(org_id) values (new.org_id) on conflict do nothing;
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger cell_tally_episode after insert or update or delete on membership_episode
      for each row execute function cell_tally_mark_episode()`.execute(db);
    await sql
      .raw(
        `create function cell_tally_mark_person() returns trigger language plpgsql as $$
      begin
        if (${counted.map((c) => `old.${c}`).join(', ')}) is distinct from (${counted.map((c) => `new.${c}`).join(', ')}) then
          insert into cell_tally_stale(org_id) ${cellsOf('new.id')} on conflict do nothing;
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql`create trigger cell_tally_person after update on person for each row execute function cell_tally_mark_person()`.execute(db);
    // training_enrolment and qualification both carry person_id.
    await sql
      .raw(
        `create function cell_tally_mark_person_of_row() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          insert into cell_tally_stale(org_id) ${cellsOf('old.person_id')} on conflict do nothing;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into cell_tally_stale(org_id) ${cellsOf('new.person_id')} on conflict do nothing;
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql`create trigger cell_tally_enrolment after insert or update or delete on training_enrolment
      for each row execute function cell_tally_mark_person_of_row()`.execute(db);
    await sql`create trigger cell_tally_qualification after update or delete on qualification
      for each row execute function cell_tally_mark_person_of_row()`.execute(db);
  }

  // Databases made before this migration: every cell with members is built on first read.
  await sql`insert into cell_tally_stale(org_id) select distinct org_id from membership_episode where kind = 'primary'`.execute(db);
}
