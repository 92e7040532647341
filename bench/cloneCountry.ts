/**
 * The national benchmark's full size by copying: the generated country's content below its
 * province committees is copied `copies - 1` times under the same committees, with new ids, so
 * each province holds `copies` times its generated members, cells and history. Generating 5.6
 * million members record by record would take most of a day on two cores; copying takes minutes.
 *
 * Only the record tables and the per-cell tallies are copied (a copy's records are the
 * original's with other ids, so its cells' tallies are the original's too); the tallies over
 * provinces (root, event and rated-root tallies) are then built whole by the system's own
 * refreshes from what was copied. Users, sessions and the audit log are not copied.
 *
 * PostgreSQL only: triggers are off while copying (session_replication_role = replica), since
 * the copies need no stale marks, and each table's secondary indexes are dropped and rebuilt
 * around its load.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.js';

/** Tables copied, parents first; each keyed by its own `id` unless it names its key columns. */
const TABLES = [
  'organization',
  'organization_version',
  'org_event',
  'org_event_link',
  'host_unit',
  'host_unit_cell',
  'person',
  'membership_episode',
  'member_event',
  'qualification',
  'discipline',
  'rating',
  'rating_step',
  'award',
  'party_post',
  'nonparty_body',
  'nonparty_rating',
  'training_course',
  'training_cohort',
  'training_enrolment',
  'inspection_plan',
  'inspection_case',
  'inspection_requirement',
  'cell_tally',
  'cell_placement',
  'rating_tally',
] as const;

/** Columns holding user ids, not record ids: kept as they are. */
const USER_COLUMNS = new Set(['created_by', 'recorded_by', 'user_id']);
const PATH_COLUMNS = new Set(['path', 'unit_path', 'body_path', 'subject_path']);
/** Columns that must stay unique: the copy number is appended. */
const UNIQUE_TEXT = new Set(['organization.code', 'host_unit.code']);
/** Generated ids all start so (UUIDv7 of the generator's clock); a copy's ids start "c" + its number instead. */
const ID_START = '019';

type Q = Kysely<Database>;

export async function cloneCountry(db: Q, copies: number, roots: readonly string[], log: (line: string) => void): Promise<void> {
  if (copies < 2 || copies > 255) throw new Error('copies must be 2–255');
  const rootList = sql.raw(`array[${roots.map((r) => `'${r.replace(/'/g, "''")}'`).join(',')}]::text[]`);
  // The copy's prefix replaces the ids' shared start, so copies of different ids stay different.
  await sql`create or replace function bench_clone_id(id text, p text) returns text language sql immutable as $$
      select case when id is null or id = any(${rootList}) then id else p || substr(id, ${sql.lit(ID_START.length + 1)}) end $$`.execute(db);
  await sql`create or replace function bench_clone_path(path text, p text) returns text language sql immutable as $$
      select '/' || split_part(path, '/', 2) || '/' || regexp_replace(substr(path, length(split_part(path, '/', 2)) + 3), '(^|/)[^/]{${sql.lit(ID_START.length)}}', '\\1' || p, 'g') $$`.execute(db);
  for (const table of TABLES) {
    const cols = await columnsOf(db, table);
    for (const c of cols.filter((c) => c.isId))
      if (await firstRow(db, sql`select 1 from ${sql.table(table)} where ${sql.ref(c.name)} is not null and left(${sql.ref(c.name)}, ${sql.lit(ID_START.length)}) <> ${ID_START} and not (${sql.ref(c.name)} = any(${rootList}))`))
        throw new Error(`${table}.${c.name} holds an id not starting ${ID_START}: copies would not be distinct`);
  }
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    // The person table's trigram indexes build several times faster with room to sort in.
    await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
    for (const table of TABLES) {
      const started = performance.now();
      const cols = (await columnsOf(trx, table)).filter((c) => !(table === 'org_event_link' && c.name === 'id'));
      const indexes = (
        await sql<{ name: string; def: string }>`select i.indexname as name, i.indexdef as def from pg_indexes i
          where i.schemaname = 'public' and i.tablename = ${table}
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(trx)
      ).rows;
      for (const i of indexes) await sql`drop index ${sql.ref(i.name)}`.execute(trx);
      const p = sql`('c' || lpad(to_hex(k), 2, '0'))`;
      const exprs = cols.map((c) => {
        const col = sql.ref(`t.${c.name}`);
        if (UNIQUE_TEXT.has(`${table}.${c.name}`)) return sql`${col} || '-' || k`;
        if (c.isId) return sql`bench_clone_id(${col}, ${p})`;
        if (PATH_COLUMNS.has(c.name)) return sql`bench_clone_path(${col}, ${p})`;
        if (c.name === 'subject_key') return sql`regexp_replace(${col}, ':' || ${ID_START}, ':' || ${p}, 'g')`;
        return col;
      });
      const where =
        table === 'organization' ? sql`where not (t.id = any(${rootList}))`
        : table === 'organization_version' || table === 'cell_placement' ? sql`where not (t.org_id = any(${rootList}))`
        // A province committee's own rating is its own: a copy would be a second rating of it.
        : table === 'rating' ? sql`where t.subject_key not in (select 'tc:' || r from unnest(${rootList}) r)`
        : table === 'rating_step' ? sql`where t.rating_id not in (select id from rating where subject_key in (select 'tc:' || r from unnest(${rootList}) r))`
        : sql``;
      const inserted = await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c.name)))})
        select ${sql.join(exprs)} from ${sql.table(table)} t cross join generate_series(1, ${copies - 1}) k ${where}`.execute(trx);
      const loaded = performance.now();
      for (const i of indexes) await sql.raw(i.def).execute(trx);
      log(`  ${table}: ${Number(inserted.numAffectedRows ?? 0).toLocaleString('en')} rows in ${((loaded - started) / 1000).toFixed(0)} s, indexes ${((performance.now() - loaded) / 1000).toFixed(0)} s`);
    }
    // The tallies over provinces are built again, whole, from the copied records and cell tallies.
    await trx.deleteFrom('root_tally').execute();
    await sql`insert into root_tally_rebuild(org_id) select r from unnest(${rootList}) r on conflict do nothing`.execute(trx);
    await trx.deleteFrom('event_tally').execute();
    await trx.insertInto('event_tally_stale_from').values({ day: '0001-01-01' }).onConflict((oc) => oc.doNothing()).execute();
    await trx.deleteFrom('rated_root_tally').execute();
    await trx.deleteFrom('rated_root_year').execute();
  });
  await sql`drop function bench_clone_id(text, text)`.execute(db);
  await sql`drop function bench_clone_path(text, text)`.execute(db);
}

async function columnsOf(db: Q, table: string): Promise<{ name: string; isId: boolean }[]> {
  const rows = (
    await sql<{ name: string; type: string }>`select column_name as name, data_type as type from information_schema.columns
      where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db)
  ).rows;
  return rows.map((r) => ({ name: r.name, isId: r.type === 'text' && !USER_COLUMNS.has(r.name) && (r.name === 'id' || r.name.endsWith('_id')) }));
}

async function firstRow(db: Q, query: ReturnType<typeof sql>): Promise<boolean> {
  return (await sql`${query} limit 1`.execute(db)).rows.length > 0;
}
