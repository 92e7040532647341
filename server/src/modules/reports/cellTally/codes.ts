import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The breakdown values by code, as `cell_tally_value` holds them. */
export interface ValueCodes {
  byCode: Map<number, { dim: string; val: string }>;
  byKey: Map<string, number>;
}

const keyOf = (dim: string, val: string) => `${dim}\u0000${val}`;

export async function loadCodes(db: Q): Promise<ValueCodes> {
  const rows = await db.selectFrom('cell_tally_value').select(['code', 'dim', 'val']).execute();
  return { byCode: new Map(rows.map((r) => [Number(r.code), { dim: r.dim, val: r.val }])), byKey: new Map(rows.map((r) => [keyOf(r.dim, r.val), Number(r.code)])) };
}

/** Gives every value in `entries` a code, adding the new ones (the caller holds the rebuild lock). */
export async function codeValues(trx: Q, codes: ValueCodes, entries: Iterable<readonly [dim: string, val: string, ...rest: unknown[]]>): Promise<void> {
  const fresh: { code: number; dim: string; val: string }[] = [];
  let next = Math.max(0, ...codes.byCode.keys()) + 1;
  for (const [dim, val] of entries) {
    const k = keyOf(dim, val);
    if (codes.byKey.has(k)) continue;
    const code = next++;
    codes.byKey.set(k, code);
    codes.byCode.set(code, { dim, val });
    fresh.push({ code, dim, val });
  }
  for (let i = 0; i < fresh.length; i += 500) await trx.insertInto('cell_tally_value').values(fresh.slice(i, i + 500)).execute();
}

/** The code of a value coded already. */
export const codeOf = (codes: ValueCodes, dim: string, val: string): number => codes.byKey.get(keyOf(dim, val))!;

/** Slots a tally vector needs (rootTally/line.ts): the total, the full members, then one per code. */
export const vecWidth = (codes: ValueCodes): number => Math.max(0, ...codes.byCode.keys()) + 3;

/** "code:n code:n …" */
export const encodeCounts = (codes: ValueCodes, entries: readonly (readonly [dim: string, val: string, n: number])[]) => entries.map(([dim, val, n]) => `${codes.byKey.get(keyOf(dim, val))}:${n}`).join(' ');

/** Adds a stored span's counts of the wanted breakdowns into `by`. */
export function addCounts(codes: ValueCodes, counts: string, wanted: ReadonlySet<string>, by: Record<string, Record<string, number>>): void {
  if (!counts) return;
  for (const part of counts.split(' ')) {
    const i = part.indexOf(':');
    const v = codes.byCode.get(Number(part.slice(0, i)));
    if (!v || !wanted.has(v.dim)) continue;
    const to = by[v.dim]!;
    to[v.val] = (to[v.val] ?? 0) + Number(part.slice(i + 1));
  }
}
