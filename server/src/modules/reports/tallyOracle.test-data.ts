import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { TALLY_DIMS } from './cellTally/memberState.js';
import { dimExpr, type MemberDim } from './dimensions.js';
import { membersOn, type Tally } from './populations.js';

/** Every member breakdown the tallies hold, with the cell's host type and kind. */
export const TALLIED_DIMS: MemberDim[] = [...TALLY_DIMS, 'host', 'kind'];

/** The figure straight from the records: one grouped pass over the members on the date, as tallies are checked against. */
export async function tallyFromRecords(db: Kysely<Database>, asOf: string, prefixes: readonly string[], dims: readonly MemberDim[] = TALLIED_DIMS): Promise<Tally> {
  const rows = (await membersOn(db, asOf, prefixes)
    .select([...dims.map((d) => dimExpr(d, asOf).as(d)), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(dims.map((_, i) => sql.raw(String(i + 1))))
    .execute()) as unknown as Record<string, string | number>[];
  const by: Record<string, Record<string, number>> = Object.fromEntries(dims.map((d) => [d, {}]));
  let total = 0;
  for (const r of rows) {
    total += Number(r.n);
    for (const d of dims) by[d]![String(r[d])] = (by[d]![String(r[d])] ?? 0) + Number(r.n);
  }
  return { total, by };
}
