import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { onPostgres, inSubtrees, validOn } from '../../../db/sql.js';

type Q = Kysely<Database>;

/** The start of the cell's span holding `d` (or of the last span before it): one index seek per cell. */
const spanStart = (d: string) => sql<string>`(select t2.valid_from from cell_tally t2 where t2.org_id = v.org_id and t2.valid_from <= ${d} order by t2.valid_from desc limit 1)`;

/** Each cell whose version on `asOf` lies in the subtrees, with its tally that day. */
export function cellTalliesOn(db: Q, asOf: string, prefixes: readonly string[]) {
  const versions = db.selectFrom('organization_version as v');
  // PostgreSQL reads each cell's span in one backward seek through a lateral join; with the
  // seek as a join condition it made two per cell (a quarter of a national count's time).
  // SQLite has no lateral join, and seeks once either way.
  const withTally =
    onPostgres(db)
      ? versions.innerJoinLateral(
          (eb) => eb.selectFrom('cell_tally as t2').selectAll('t2').whereRef('t2.org_id', '=', 'v.org_id').where('t2.valid_from', '<=', asOf).orderBy('t2.valid_from', 'desc').limit(1).as('t'),
          (j) => j.onTrue(),
        )
      : versions.innerJoin('cell_tally as t', (j) => j.onRef('t.org_id', '=', 'v.org_id').on('t.valid_from', '=', spanStart(asOf)));
  return withTally
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes))
    // The last span before the day may have ended: the cell had no members then.
    .where((eb) => eb.or([eb('t.valid_to', 'is', null), eb('t.valid_to', '>', asOf)]));
}

/** Organization `v` has fewer than three full members on the date ("chưa đủ đảng viên" to hold a valid cell). */
export const fewFullMembers = (d: string) =>
  sql<SqlBool>`coalesce((select t.full_members from cell_tally t where t.org_id = v.org_id and t.valid_from = ${spanStart(d)} and (t.valid_to is null or t.valid_to > ${d})), 0) < 3`;
