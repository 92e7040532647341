import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { inSubtrees, minimalPrefixes, validOn } from '../db/sql.js';
import type { Actor } from './context.js';

/**
 * The one scope predicate. A user's scope is a set of organizations; on a date it
 * becomes the paths of those organizations on that date plus, for organizations
 * formed by merger, the paths of what was merged into them, so a commune created
 * in 2025 still answers for its predecessors' past.
 */
export async function subtreePathsOn(db: Kysely<Database>, orgIds: readonly string[], asOf: string): Promise<string[]> {
  const paths: string[] = [];
  let frontier = [...new Set(orgIds)];
  const seen = new Set<string>();
  for (let depth = 0; frontier.length > 0 && depth < 10; depth++) {
    frontier.forEach((id) => seen.add(id));
    const rows = await db
      .selectFrom('organization_version as v')
      .select(['v.org_id', 'v.path'])
      .where('v.org_id', 'in', frontier)
      .where((eb) => validOn(eb, 'v', asOf))
      .execute();
    paths.push(...rows.map((r) => r.path));
    // Follow mergers backwards, also for orgs that exist today, because what merged
    // into them is now theirs; the predecessor only counts where it existed on asOf.
    const preds = await db
      .selectFrom('org_event_link')
      .select('from_org_id')
      .where('to_org_id', 'in', frontier)
      .where('role', '=', 'merged_into')
      .where('from_org_id', 'is not', null)
      .execute();
    frontier = preds.map((p) => p.from_org_id!).filter((id) => !seen.has(id));
  }
  return minimalPrefixes(paths);
}

export interface ScopeResolver {
  /** Paths the actor may read on a date (default today). */
  pathsOn(asOf: string): Promise<string[]>;
  /** SQL predicate on a path column, for the given date. */
  predicate(column: string, asOf: string): Promise<ReturnType<typeof inSubtrees>>;
  /** Self-only roles see their own person record and nothing else. */
  selfOnly: boolean;
  personId: string | null;
}

export function scopeFor(db: Kysely<Database>, actor: Actor): ScopeResolver {
  const cache = new Map<string, Promise<string[]>>();
  const pathsOn = (asOf: string) => {
    let p = cache.get(asOf);
    if (!p) {
      p = subtreePathsOn(db, actor.scopeOrgIds, asOf);
      cache.set(asOf, p);
    }
    return p;
  };
  return {
    pathsOn,
    predicate: async (column, asOf) => inSubtrees(column, await pathsOn(asOf)),
    selfOnly: actor.role === 'dang_vien',
    personId: actor.personId,
  };
}

/** The ids of a materialized path (`/root/…/org/`), root first. */
export const idsOfPath = (path: string): string[] => path.split('/').filter(Boolean);

/** The root organization's id in a materialized path, as `rootOfPath` in db/sql.ts reads it in SQL. */
export const rootIdOfPath = (path: string): string => idsOfPath(path)[0]!;

export function pathWithin(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path.startsWith(p));
}

export const noRows = sql<boolean>`1 = 0`;
