import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inSubtrees } from '../../../db/sql.js';
import { refreshRatingTallies } from './build.js';
import { parseRatedCounts, type RatedCount } from './ratedCounts.js';

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
