import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inSubtrees } from '../../../db/sql.js';
import { ratedTallyOf, type RatedTally } from '../types/ratings.population.js';
import { refreshRatingTallies } from './build.js';

/**
 * Members of year `y` by rating status on report end `end`, from the tallies: the span holding
 * `end` of each cell placement whose version lies in the subtrees. Builds what is missing first.
 */
export async function tallyFromRatingTallies(db: Kysely<Database>, y: number, end: string, prefixes: readonly string[]): Promise<RatedTally> {
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
  const grouped: { code: string | null; has_r: number; kl: number; n: number }[] = [];
  for (const r of rows)
    for (const part of r.counts.split(' ')) {
      const eq = part.lastIndexOf('=');
      const [code, hasR, kl] = part.slice(0, eq).split('|');
      grouped.push({ code: code || null, has_r: Number(hasR), kl: Number(kl), n: Number(part.slice(eq + 1)) });
    }
  return ratedTallyOf(grouped);
}
