import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Ledger events counted per day and root organization (ADR 8): the flows of a window over
 * whole provinces read a row per day, province and kind instead of every event.
 *
 * Triggers mark the days whose counts a change can move, in the same transaction: an event's
 * own day; every day of a person's events when a column the event breakdowns read changes
 * (or a theory course result, which sets the level held on a day); the day a primary episode
 * ends (the source of a move that day). A change to an organization version marks every day
 * from the first one it changes on (`event_tally_stale_from`): restructurings are dated, and
 * usually recent.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const date = engine === 'postgres' ? 'date' : 'text';
  await db.schema
    .createTable('event_tally')
    .addColumn('day', date, (c) => c.notNull())
    .addColumn('root_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // For a move inside the system, the root the member came from ('' when none or another kind).
    .addColumn('src_root', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    // "code:n …" over cell_tally_value: each event breakdown's values, as the SQL breakdowns give them on the day.
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_tally_pk', ['day', 'root_id', 'kind', 'src_root'])
    .execute();
  await db.schema.createTable('event_tally_stale').addColumn('day', date, (c) => c.primaryKey()).execute();
  await db.schema.createTable('event_tally_stale_from').addColumn('day', date, (c) => c.primaryKey()).execute();

  const counted = ['sex', 'ethnicity', 'religion', 'birth_date', 'general_education', 'professional_level', 'academic_title', 'political_theory', 'occupation', 'youth_union_on'];
  const daysOf = (person: string) => `select effective_date from member_event where person_id = ${person}`;
  // The first day a version change moves: where its span or its path changed.
  const firstChanged = engine === 'postgres' ? 'least' : 'min';
  const versionFrom = `case
      when old.path <> new.path or old.kind <> new.kind then ${firstChanged}(old.valid_from, new.valid_from)
      when old.valid_from <> new.valid_from then ${firstChanged}(old.valid_from, new.valid_from)
      when old.valid_to is null and new.valid_to is not null then new.valid_to
      when new.valid_to is null and old.valid_to is not null then old.valid_to
      when old.valid_to <> new.valid_to then ${firstChanged}(old.valid_to, new.valid_to)
    end`;

  if (engine === 'sqlite') {
    const mark = (day: string) => `insert or ignore into event_tally_stale(day) select ${day} where ${day} is not null;`;
    await sql.raw(`create trigger event_tally_event_ai after insert on member_event begin ${mark('new.effective_date')} end`).execute(db);
    await sql.raw(`create trigger event_tally_event_au after update on member_event begin ${mark('old.effective_date')} ${mark('new.effective_date')} end`).execute(db);
    await sql.raw(`create trigger event_tally_event_ad after delete on member_event begin ${mark('old.effective_date')} end`).execute(db);
    await sql
      .raw(
        `create trigger event_tally_person_au after update on person when ${counted.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin
      insert or ignore into event_tally_stale(day) ${daysOf('new.id')}; end`,
      )
      .execute(db);
    for (const [op, rows] of [['insert', ['new']], ['update', ['old', 'new']], ['delete', ['old']]] as const)
      await sql.raw(`create trigger event_tally_enrolment_${op} after ${op} on training_enrolment begin ${rows.map((r) => `insert or ignore into event_tally_stale(day) ${daysOf(`${r}.person_id`)};`).join(' ')} end`).execute(db);
    for (const [op, rows] of [['update', ['old', 'new']], ['delete', ['old']]] as const)
      await sql.raw(`create trigger event_tally_qualification_${op} after ${op} on qualification begin ${rows.map((r) => `insert or ignore into event_tally_stale(day) ${daysOf(`${r}.person_id`)};`).join(' ')} end`).execute(db);
    for (const [op, rows] of [['insert', ['new']], ['update', ['old', 'new']], ['delete', ['old']]] as const)
      await sql
        .raw(`create trigger event_tally_episode_${op} after ${op} on membership_episode begin ${rows.map((r) => `insert or ignore into event_tally_stale(day) select ${r}.valid_to where ${r}.kind = 'primary' and ${r}.valid_to is not null;`).join(' ')} end`)
        .execute(db);
    const markFrom = (day: string) => `insert or ignore into event_tally_stale_from(day) select ${day} where ${day} is not null;`;
    await sql.raw(`create trigger event_tally_version_ai after insert on organization_version begin ${markFrom('new.valid_from')} end`).execute(db);
    await sql.raw(`create trigger event_tally_version_au after update on organization_version begin ${markFrom(`(${versionFrom})`)} end`).execute(db);
    await sql.raw(`create trigger event_tally_version_ad after delete on organization_version begin ${markFrom('old.valid_from')} end`).execute(db);
  } else {
    await sql`create function event_tally_mark_event() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then insert into event_tally_stale(day) values (old.effective_date) on conflict do nothing; end if;
        if tg_op in ('INSERT', 'UPDATE') then insert into event_tally_stale(day) values (new.effective_date) on conflict do nothing; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger event_tally_event after insert or update or delete on member_event for each row execute function event_tally_mark_event()`.execute(db);
    await sql
      .raw(
        `create function event_tally_mark_person() returns trigger language plpgsql as $$
      begin
        if (${counted.map((c) => `old.${c}`).join(', ')}) is distinct from (${counted.map((c) => `new.${c}`).join(', ')}) then
          insert into event_tally_stale(day) ${daysOf('new.id')} on conflict do nothing;
        end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql`create trigger event_tally_person after update on person for each row execute function event_tally_mark_person()`.execute(db);
    await sql
      .raw(
        `create function event_tally_mark_person_of_row() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then insert into event_tally_stale(day) ${daysOf('old.person_id')} on conflict do nothing; end if;
        if tg_op in ('INSERT', 'UPDATE') then insert into event_tally_stale(day) ${daysOf('new.person_id')} on conflict do nothing; end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql`create trigger event_tally_enrolment after insert or update or delete on training_enrolment for each row execute function event_tally_mark_person_of_row()`.execute(db);
    await sql`create trigger event_tally_qualification after update or delete on qualification for each row execute function event_tally_mark_person_of_row()`.execute(db);
    await sql`create function event_tally_mark_episode() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.kind = 'primary' and old.valid_to is not null then insert into event_tally_stale(day) values (old.valid_to) on conflict do nothing; end if;
        if tg_op in ('INSERT', 'UPDATE') and new.kind = 'primary' and new.valid_to is not null then insert into event_tally_stale(day) values (new.valid_to) on conflict do nothing; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger event_tally_episode after insert or update or delete on membership_episode for each row execute function event_tally_mark_episode()`.execute(db);
    await sql
      .raw(
        `create function event_tally_mark_version() returns trigger language plpgsql as $$
      declare d date;
      begin
        if tg_op = 'INSERT' then d := new.valid_from;
        elsif tg_op = 'DELETE' then d := old.valid_from;
        else d := ${versionFrom};
        end if;
        if d is not null then insert into event_tally_stale_from(day) values (d) on conflict do nothing; end if;
        return null;
      end $$`,
      )
      .execute(db);
    await sql`create trigger event_tally_version after insert or update or delete on organization_version for each row execute function event_tally_mark_version()`.execute(db);
  }
  // Every day, for a database made before this migration.
  await sql`insert into event_tally_stale_from(day) values (${'0001-01-01'})`.execute(db);
}
