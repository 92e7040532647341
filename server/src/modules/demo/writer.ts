import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/** Bound-parameter ceilings: SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's wire-protocol limit. */
const MAX_PARAMS = { sqlite: 32_766, postgres: 65_535 } as const;
/** Past a few hundred rows per statement, bigger statements only cost parse time. */
const MAX_ROWS = 1_000;

/** Multi-row inserts, chunked under the engine's parameter limit. */
export async function insertChunked<T extends keyof Database & string>(
  db: Db,
  trx: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first).length;
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS[db.engine] / columns)));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    // The table is generic here; Kysely cannot narrow `values` for a type parameter.
    await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(chunk as unknown as Record<string, unknown>[])
      .execute();
  }
}
