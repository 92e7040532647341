import { sql, type Transaction } from 'kysely';
import { onPostgres } from '../../db/sql.js';
import type { Database } from '../../db/schema.js';

/** Ids per `in (…)` list: under both engines' parameter limits with room for the rest of the query. */
const IN_CHUNK = 900;

export const chunksOf = (ids: readonly string[]): string[][] => Array.from({ length: Math.ceil(ids.length / IN_CHUNK) }, (_, i) => ids.slice(i * IN_CHUNK, (i + 1) * IN_CHUNK));

/** Reads `ids` a chunk at a time, one query after another: a transaction holds one connection. */
export async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const c of chunksOf(ids)) out.push(...(await read(c)));
  return out;
}

/** On PostgreSQL, one tally rebuild of a kind at a time: other readers wait for it, then see it done. */
export async function lockRebuild(trx: Transaction<Database>, name: string): Promise<void> {
  if (onPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
