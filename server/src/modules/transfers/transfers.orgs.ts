import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { idsOfPath } from '../../platform/scope.js';

type Db = Kysely<Database>;

/** Levels that never act on a transfer themselves: their base organization does. */
const BELOW_BASE = new Set(['chi_bo_truc_thuoc', 'dang_bo_bo_phan']);

export interface OrgNow {
  id: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
}

/** Organizations as they are today; ended ones are absent (they grant no scope and take no step). */
export async function orgsNow(db: Db, ids: readonly (string | null)[]): Promise<Map<string, OrgNow>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('organization_version')
    .select(['org_id', 'name', 'kind', 'path', 'parent_id'])
    .where('org_id', 'in', wanted)
    .where('valid_to', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.org_id, { id: r.org_id, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id }]));
}

/**
 * Names for display: today's name, or the last one an ended organization had, so a closed
 * transfer (or a step taken by a committee since dissolved) still reads with names, not ids.
 */
export async function orgNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, string>();
  if (!wanted.length) return out;
  const rows = await db.selectFrom('organization_version').select(['org_id', 'name']).where('org_id', 'in', wanted).orderBy('valid_from').execute();
  for (const r of rows) out.set(r.org_id, r.name);
  return out;
}

/**
 * The sending base organization (đảng ủy / chi bộ cơ sở) of a cell and the committee above it.
 * A cell directly under a commune committee (2025 model) has that committee as its base.
 */
export async function committeesOf(db: Db, cell: OrgNow): Promise<{ base: OrgNow; upper: OrgNow }> {
  const ids = idsOfPath(cell.path);
  const byId = await orgsNow(db, ids);
  const chain = ids.map((i) => byId.get(i)).filter((o): o is OrgNow => !!o);
  let b = chain.length - 1;
  while (b > 0 && BELOW_BASE.has(chain[b]!.kind)) b--;
  const base = chain[b] ?? cell;
  return { base, upper: chain[b - 1] ?? base };
}
