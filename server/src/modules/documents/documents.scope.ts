import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { AppError } from '../../platform/errors.js';
import { idsOfPath } from '../../platform/scope.js';

type Q = Kysely<Database>;

/**
 * Documents flow down the tree: a commune studies the provincial committee's resolution.
 * So a document is readable when its organization lies in the caller's subtrees (their own
 * and their cells' documents) or above them (what their superiors issued); a sibling
 * commune's documents stay invisible (404).
 */
export function ancestorPaths(prefixes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of prefixes) {
    const parts = idsOfPath(p);
    for (let i = 1; i < parts.length; i++) out.add(`/${parts.slice(0, i).join('/')}/`);
  }
  return [...out];
}

export function docReadable(column: string, prefixes: readonly string[]): Expression<SqlBool> {
  const up = ancestorPaths(prefixes);
  if (up.length === 0) return inSubtrees(column, prefixes);
  return sql<SqlBool>`(${inSubtrees(column, prefixes)} or ${sql.ref(column)} in (${sql.join(up)}))`;
}

export function canReadPath(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path.startsWith(p)) || ancestorPaths(prefixes).includes(path);
}

/** Current names of organizations (the last version for dissolved ones). */
export async function orgNames(db: Q, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('organization_version')
      .select(['org_id', 'name'])
      .where('org_id', 'in', wanted.slice(i, i + 500))
      .orderBy('org_id')
      .orderBy('valid_from')
      .execute();
    for (const r of rows) out.set(r.org_id, r.name);
  }
  return out;
}

export const staleVersion = (what: string) =>
  new AppError(409, 'VERSION_CONFLICT', `${what} vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất rồi ghi lại.`, 'version');

/** Unique-index refusals (two writers racing) are the same user error as the check before them. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Counts come back as strings on PostgreSQL. */
export const num = (v: unknown): number => Number(v ?? 0);
