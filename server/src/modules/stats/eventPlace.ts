import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, minimalPrefixes } from '../../db/sql.js';
import { pathWithin, subtreePathsOn } from '../../platform/scope.js';

/**
 * Counting events in a period ("kết nạp in 2023 in commune X") asks where each event
 * happened, not where the person is now: the event's cell, on the event's date, must lie
 * under the subtree. The subtree is resolved at both ends of the window so a restructuring
 * inside it loses no events.
 */
export async function windowPrefixes(
  db: Kysely<Database>,
  orgIds: readonly string[],
  from: string,
  to: string,
  scope: ((asOf: string) => Promise<string[]>) | null,
): Promise<string[]> {
  const out: string[] = [];
  for (const d of [from, to]) {
    let p = await subtreePathsOn(db, orgIds, d);
    if (scope) {
      const s = await scope(d);
      p = p.filter((x) => pathWithin(x, s)).concat(s.filter((x) => pathWithin(x, p)));
    }
    out.push(...p);
  }
  return minimalPrefixes(out);
}

/** An `exists`-ready predicate over `member_event me`: kind, window, and the place on that day. */
export function eventPlacePredicate(kinds: readonly string[], from: string, to: string, prefixes: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`me.kind in (${sql.join(kinds)}) and me.effective_date >= ${from} and me.effective_date <= ${to}
    and exists (select 1 from organization_version v where v.org_id = me.org_id
      and v.valid_from <= me.effective_date and (v.valid_to is null or v.valid_to > me.effective_date)
      and ${inSubtrees('v.path', prefixes)})`;
}
