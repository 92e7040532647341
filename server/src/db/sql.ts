import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

/**
 * The only helpers that know how history and scope are expressed in SQL.
 * Every list, count and report builds its predicates from these.
 */

/** Half-open validity: valid_from <= d < valid_to (valid_to null = still valid). */
export function validOn<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  table: string,
  asOf: string,
): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${table}.valid_from`)} <= ${asOf} and (${sql.ref(`${table}.valid_to`)} is null or ${sql.ref(`${table}.valid_to`)} > ${asOf}))`;
}

/** Upper bound for a `/a/b/` prefix: '/' + 1 = '0', so [p, upper) holds exactly the subtree. */
export function pathUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + '0';
}

/**
 * From this many subtrees the predicate tests the path's start against a list instead: one
 * hash probe per row rather than two comparisons per subtree (a national scope has 34, and
 * the ranges cost PostgreSQL 3 × the time of the list over a country's organizations). Fewer
 * subtrees keep the ranges, which an index on the path answers.
 */
export const MANY_SUBTREES = 8;

/** `column` lies in one of the subtrees; an empty list matches nothing. */
export function inSubtrees(column: string, prefixes: readonly string[]): Expression<SqlBool> {
  if (prefixes.length === 0) return sql<SqlBool>`1 = 0`;
  if (prefixes.length >= MANY_SUBTREES) {
    const byLength = new Map<number, string[]>();
    for (const p of prefixes) {
      const same = byLength.get(p.length);
      if (same) same.push(p);
      else byLength.set(p.length, [p]);
    }
    const lists = [...byLength].map(([n, ps]) => sql`substr(${sql.ref(column)}, 1, ${sql.lit(n)}) in (${sql.join(ps)})`);
    return sql<SqlBool>`(${sql.join(lists, sql` or `)})`;
  }
  const parts = prefixes.map((p) => sql`(${sql.ref(column)} >= ${p} and ${sql.ref(column)} < ${pathUpperBound(p)})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Drop prefixes already covered by a shorter one, so predicates stay small. */
export function minimalPrefixes(prefixes: readonly string[]): string[] {
  const sorted = [...new Set(prefixes)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/** The engine behind a Kysely instance or transaction, for the few places whose SQL must differ. */
export const onPostgres = (db: Kysely<Database>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** The root organization's id in a materialized path (`/root/…/`): its first segment. */
export const rootOfPath = (db: Kysely<Database>, column: string): RawBuilder<string> =>
  onPostgres(db) ? sql<string>`split_part(${sql.ref(column)}, '/', 2)` : sql<string>`substr(${sql.ref(column)}, 2, instr(substr(${sql.ref(column)}, 2), '/') - 1)`;
