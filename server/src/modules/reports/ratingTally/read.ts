import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inSubtrees } from '../../../db/sql.js';
import type { RatedRow } from '../types/ratings.population.js';
import { refreshRatingTallies } from './build.js';

/** One "code|has_rating|disciplined=n" part of a stored rating count. */
export interface RatedCount {
  key: string;
  n: number;
}

export function parseRatedCounts(counts: string): RatedCount[] {
  if (!counts) return [];
  return counts.split(' ').map((part) => {
    const eq = part.lastIndexOf('=');
    return { key: part.slice(0, eq), n: Number(part.slice(eq + 1)) };
  });
}

/** Grouped rows, as the records' grouped pass gives them, from stored counts. */
export function ratedRowsOf(counts: readonly RatedCount[]): RatedRow[] {
  return counts.map(({ key, n }) => {
    const [code, hasR, kl] = key.split('|');
    return { code: code || null, has_r: Number(hasR), kl: Number(kl), n };
  });
}

/**
 * Members of year `y` by rating status on report end `end`, from the tallies: the span holding
 * `end` of each cell placement whose version lies in the subtrees. Builds what is missing first.
 */
export async function ratingTallyCounts(db: Kysely<Database>, y: number, end: string, prefixes: readonly string[]): Promise<RatedCount[]> {
  await refreshRatingTallies(db, y);
  const rows = await db
    .selectFrom('rating_tally as t')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 't.org_id').onRef('v.valid_from', '=', 't.vfrom'))
    .select('t.counts')
    .where('t.year', '=', y)
    .where('t.valid_from', '<=', end)
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>', end)]))
    .where(inSubtrees('v.path', prefixes))
    .execute();
  return rows.flatMap((r) => parseRatedCounts(r.counts));
}
