import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { minimalPrefixes } from '../../../db/sql.js';

type Q = Kysely<Database>;

/**
 * The subtrees split into the roots they take whole (a path of one id, `/root/`), read from
 * the roots' tallies, and the rest, read cell by cell. Overlapping prefixes are merged first,
 * so no member is counted twice.
 */
export function splitAtRoots(prefixes: readonly string[]): { roots: string[]; rest: string[] } {
  const roots: string[] = [];
  const rest: string[] = [];
  for (const p of minimalPrefixes(prefixes)) {
    if (/^\/[^/]+\/$/.test(p)) roots.push(p.slice(1, -1));
    else rest.push(p);
  }
  return { roots, rest };
}

/** Each root's tally on the date (none for a root with no members that day): one index seek per root. */
export async function rootTalliesOn(db: Q, asOf: string, roots: readonly string[]) {
  const out: { total: number; counts: string }[] = [];
  for (const root of roots) {
    const t = await db
      .selectFrom('root_tally')
      .select(['valid_to', 'total', 'counts'])
      .where('org_id', '=', root)
      .where('valid_from', '<=', asOf)
      .orderBy('valid_from', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (t && (t.valid_to === null || t.valid_to > asOf)) out.push(t);
  }
  return out;
}
