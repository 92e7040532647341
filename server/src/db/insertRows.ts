import { sql, type Insertable, type Kysely } from 'kysely';
import { onPostgres } from './sql.js';
import type { Database } from './schema.js';

/** Bound-parameter ceiling of SQLite (SQLITE_MAX_VARIABLE_NUMBER). */
const SQLITE_MAX_PARAMS = 32_766;
/** Past a few hundred rows per statement, bigger statements only cost parse time. */
const MAX_ROWS = 1_000;
/** Rows per PostgreSQL statement when they travel as one JSON parameter. */
const JSON_ROWS = 5_000;

/**
 * Many rows into one table, in as few statements as each engine takes well. Rows that name
 * different columns go in separate statements, so a column a row leaves out gets its default
 * (a multi-row VALUES would give it NULL on SQLite).
 */
export async function insertRows<T extends keyof Database & string>(trx: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  const shapes = new Map<string, Insertable<Database[T]>[]>();
  for (const r of rows) {
    // A key holding undefined is a column left out, as Kysely reads it.
    const key = Object.entries(r as object)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k)
      .join(',');
    const same = shapes.get(key);
    if (same) same.push(r);
    else shapes.set(key, [r]);
  }
  for (const [key, same] of shapes) await insertSameShape(trx, table, key.split(','), same);
}

async function insertSameShape(trx: Kysely<Database>, table: string, columns: string[], rows: readonly unknown[]): Promise<void> {
  if (onPostgres(trx)) return insertAsJson(trx, table, columns, rows);
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
  for (let i = 0; i < rows.length; i += per) {
    // The table is generic here; Kysely cannot narrow `values` for a type parameter.
    await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(rows.slice(i, i + per) as Record<string, unknown>[])
      .execute();
  }
}

/**
 * PostgreSQL: thousands of rows as one JSON parameter that the server turns into rows of the
 * table's own type. With one bound parameter per value, loading the national data set spent
 * most of its time building and parsing statements.
 */
async function insertAsJson(trx: Kysely<Database>, table: string, columns: string[], rows: readonly unknown[]): Promise<void> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += JSON_ROWS) {
    const chunk = JSON.stringify(rows.slice(i, i + JSON_ROWS));
    await sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(trx);
  }
}
