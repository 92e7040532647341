import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { disciplinedIn, membersOfYear } from '../types/ratings.population.js';
import { insertRows } from '../../../db/insertRows.js';
import { chunksOf, inChunks, lockRebuild } from '../tallyKit.js';
import { codeChangeDays, ratingCodeOn, type CodedRow, type CodedStep } from './ratingCode.js';
import { encodeRatedCounts, ratedKey } from './ratedCounts.js';
import { patchMemberRoots } from './rootLines.js';

type Q = Kysely<Database> | Transaction<Database>;

/** Before any step: the first span of every group starts here. */
export const BEGINNING = '0001-01-01';
/** Past this many stale cells, dropping the built years is cheaper than rebuilding cell by cell. */
const REBUILD_ALL_ABOVE = 3000;

interface Placed {
  org_id: string;
  vfrom: string;
  rating_id: string | null;
  kl: number;
  row: CodedRow;
}

/**
 * Tallies year `y` for these cells (all cells when null). The members are the report's own
 * population query (`membersOfYear`, every place), so who counts and where is decided in one
 * place; only the status over report end dates is computed here.
 */
async function buildYear(trx: Q, y: number, orgIds: readonly string[] | null): Promise<void> {
  const select = (ids: readonly string[] | null) =>
    membersOfYear(trx as Kysely<Database>, y, ['/'])
      .$if(ids !== null, (q) => q.where('e.org_id', 'in', ids!))
      .select([
        'e.org_id',
        'v.valid_from as vfrom',
        'r.id as rating_id',
        'r.state',
        'r.level',
        'r.decision_date',
        'r.exempt_reason',
        sql<number>`case when r.id is not null and ${disciplinedIn(y)} then 1 else 0 end`.as('kl'),
      ])
      .execute();
  const rows = orgIds === null ? await select(null) : await inChunks(orgIds, select);
  const placed: Placed[] = rows.map((r) => ({
    org_id: r.org_id,
    vfrom: r.vfrom,
    rating_id: r.rating_id,
    kl: Number(r.kl),
    row: { state: r.state ?? '', level: r.level, decision_date: r.decision_date, exempt_reason: r.exempt_reason },
  }));

  const stepsOf = new Map<string, CodedStep[]>();
  const ratingIds = placed.map((p) => p.rating_id).filter((x): x is string => x !== null);
  const stepCols = ['s.rating_id', 's.step', 's.seq', 's.on_date', 's.decision_date', 's.level', 's.exempt_reason'] as const;
  const steps =
    orgIds === null
      ? await trx.selectFrom('rating_step as s').innerJoin('rating as r', 'r.id', 's.rating_id').select(stepCols).where('r.year', '=', y).where('r.subject_kind', '=', 'dang_vien').execute()
      : await inChunks(ratingIds, (c) => trx.selectFrom('rating_step as s').select(stepCols).where('s.rating_id', 'in', c).execute());
  for (const s of steps) stepsOf.set(s.rating_id, [...(stepsOf.get(s.rating_id) ?? []), { ...s, seq: Number(s.seq) }]);

  const groups = new Map<string, Placed[]>();
  for (const p of placed) {
    const k = `${p.org_id}\u0000${p.vfrom}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const out: Database['rating_tally'][] = [];
  for (const list of groups.values()) {
    const days = new Set<string>();
    for (const p of list) if (p.rating_id) for (const d of codeChangeDays(stepsOf.get(p.rating_id) ?? [], p.row)) days.add(d);
    let last: Database['rating_tally'] | null = null;
    for (const day of [BEGINNING, ...[...days].sort()]) {
      const counts = countsOn(list, stepsOf, day);
      if (last && last.counts === counts) continue;
      if (last) last.valid_to = day;
      last = { year: y, org_id: list[0]!.org_id, vfrom: list[0]!.vfrom, valid_from: day, valid_to: null, counts };
      out.push(last);
    }
  }
  await insertRows(trx, 'rating_tally', out);
}

function countsOn(list: readonly Placed[], stepsOf: ReadonlyMap<string, CodedStep[]>, end: string): string {
  const n = new Map<string, number>();
  for (const p of list) {
    const k = ratedKey(p.rating_id ? ratingCodeOn(stepsOf.get(p.rating_id) ?? [], p.row, end) : null, p.rating_id !== null, p.kl);
    n.set(k, (n.get(k) ?? 0) + 1);
  }
  return encodeRatedCounts(n);
}

/**
 * Before reading year `y`: rebuilds the cells the triggers marked stale in every year built so
 * far, and builds year `y` if it never was. On PostgreSQL one reader at a time; the others wait.
 */
export async function refreshRatingTallies(db: Kysely<Database>, y: number): Promise<void> {
  const built = await db.selectFrom('rating_tally_year').select('year').where('year', '=', y).executeTakeFirst();
  const stale = await db.selectFrom('rating_tally_stale').select('org_id').limit(1).executeTakeFirst();
  if (built && !stale) return;
  await db.transaction().execute(async (trx) => {
    await lockRebuild(trx, 'rating_tally_refresh');
    const staleIds = (await trx.selectFrom('rating_tally_stale').select('org_id').orderBy('org_id').execute()).map((r) => r.org_id);
    if (staleIds.length > REBUILD_ALL_ABOVE) {
      await trx.deleteFrom('rating_tally').execute();
      await trx.deleteFrom('rating_tally_year').execute();
      // The roots' member counts are summed from these: they are built again with them.
      await trx.deleteFrom('rated_root_tally').execute();
      await trx.deleteFrom('rated_root_year').execute();
    } else if (staleIds.length) {
      const years = (await trx.selectFrom('rating_tally_year').select('year').orderBy('year').execute()).map((r) => Number(r.year));
      for (const year of years) {
        // The roots' member counts follow the cells, in this transaction (ratingTally/rootLines.ts).
        const patchRoots = await patchMemberRoots(trx, year, staleIds);
        for (const c of chunksOf(staleIds)) await trx.deleteFrom('rating_tally').where('year', '=', year).where('org_id', 'in', c).execute();
        await buildYear(trx, year, staleIds);
        await patchRoots();
      }
    }
    // Only the cells read: a cell marked since then is rebuilt by the next reader.
    for (const c of chunksOf(staleIds)) await trx.deleteFrom('rating_tally_stale').where('org_id', 'in', c).execute();
    if (!(await trx.selectFrom('rating_tally_year').select('year').where('year', '=', y).executeTakeFirst())) {
      await buildYear(trx, y, null);
      await trx.insertInto('rating_tally_year').values({ year: y }).execute();
    }
  });
}
