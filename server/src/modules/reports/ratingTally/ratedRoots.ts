import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertRows } from '../../../db/insertRows.js';
import { rootOfPath } from '../../../db/sql.js';
import type { Span } from '../rootTally/line.js';
import { chunksOf, inChunks, lockRebuild } from '../tallyKit.js';
import { orgsOfYear, POPULATION_KINDS, type RatedPopulation } from '../types/ratings.population.js';
import { BEGINNING, refreshRatingTallies } from './build.js';
import { codeChangeDays, ratingCodeOn, type CodedStep } from './ratingCode.js';
import { parseRatedCounts, ratedKey, type RatedCount } from './ratedCounts.js';
import { addPlacedSpans, placedRatingRows, RootLines } from './rootLines.js';

/**
 * The rating reports' counts per root organization (a province), rating year and population
 * (migration 019, ADR 8): a year is built whole on its first read; afterwards the members'
 * counts are patched by the cells' rating refresh (rootLines.ts) and the organizations of the
 * roots that triggers marked are counted again.
 */

type Q = Kysely<Database> | Transaction<Database>;
type Row = Database['rated_root_tally'];

const ORGANIZATION_POPULATIONS = ['tccs', 'cbtt'] as const;
const rootPrefixes = (roots: readonly string[] | null) => (roots ? roots.map((r) => `/${r}/`) : ['/']);

/** Members: every cell placement's rating-tally spans, added to the root of its version. */
async function memberRows(trx: Q, y: number): Promise<Row[]> {
  const lines = new RootLines();
  addPlacedSpans(lines, await placedRatingRows(trx, y, { prefixes: ['/'] }), 1);
  return lines.rows(y, 'dv');
}

/** Grassroots organizations and the cells under them: each one's code over end dates, added to its root. */
async function organizationRows(trx: Q, y: number, roots: readonly string[] | null): Promise<Row[]> {
  const kinds = [...POPULATION_KINDS.tccs, ...POPULATION_KINDS.cbtt];
  const orgs = await orgsOfYear(trx as Kysely<Database>, y, rootPrefixes(roots), kinds)
    .select(['v.kind', rootOfPath(trx as Kysely<Database>, 'v.path').as('root'), 'r.id as rating_id', 'r.state', 'r.level', 'r.decision_date', 'r.exempt_reason'])
    .execute();
  const stepCols = ['s.rating_id', 's.step', 's.seq', 's.on_date', 's.decision_date', 's.level', 's.exempt_reason'] as const;
  const ratingIds = orgs.map((o) => o.rating_id).filter((x): x is string => x !== null);
  const steps =
    roots === null
      ? await trx.selectFrom('rating_step as s').innerJoin('rating as r', 'r.id', 's.rating_id').select(stepCols).where('r.year', '=', y).where('r.subject_kind', '=', 'to_chuc').execute()
      : await inChunks(ratingIds, (c) => trx.selectFrom('rating_step as s').select(stepCols).where('s.rating_id', 'in', c).execute());
  const stepsOf = new Map<string, CodedStep[]>();
  for (const s of steps) {
    const list = stepsOf.get(s.rating_id);
    const step = { ...s, seq: Number(s.seq) };
    if (list) list.push(step);
    else stepsOf.set(s.rating_id, [step]);
  }
  const byPop = { tccs: new RootLines(), cbtt: new RootLines() };
  for (const o of orgs) {
    const lines = POPULATION_KINDS.tccs.includes(o.kind) ? byPop.tccs : byPop.cbtt;
    const key = (code: string | null) => ratedKey(code, o.rating_id !== null, 0);
    if (!o.rating_id) {
      lines.add(o.root, [{ from: BEGINNING, to: null, v: lines.keys.vec([{ key: key(null), n: 1 }]) }]);
      continue;
    }
    const own = stepsOf.get(o.rating_id) ?? [];
    const row = { state: o.state ?? '', level: o.level, decision_date: o.decision_date, exempt_reason: o.exempt_reason };
    const spans: Span[] = [];
    let lastKey: string | null = null;
    for (const day of [BEGINNING, ...new Set(codeChangeDays(own, row).sort())]) {
      const k = key(ratingCodeOn(own, row, day));
      if (k === lastKey) continue;
      const last = spans.at(-1);
      if (last) last.to = day;
      spans.push({ from: day, to: null, v: lines.keys.vec([{ key: k, n: 1 }]) });
      lastKey = k;
    }
    lines.add(o.root, spans);
  }
  return [...byPop.tccs.rows(y, 'tccs'), ...byPop.cbtt.rows(y, 'cbtt')];
}

async function buildYear(trx: Transaction<Database>, y: number): Promise<void> {
  await insertRows(trx, 'rated_root_tally', [...(await memberRows(trx, y)), ...(await organizationRows(trx, y, null))]);
}

/**
 * Before reading year `y`: the cells' rating tallies first (whose refresh patches the roots'
 * member counts), then the organizations of the roots marked stale, in every year built so
 * far, then year `y` if it never was. On PostgreSQL one reader at a time; the others wait.
 */
export async function refreshRatedRoots(db: Kysely<Database>, y: number): Promise<void> {
  await refreshRatingTallies(db, y);
  const built = await db.selectFrom('rated_root_year').select('year').where('year', '=', y).executeTakeFirst();
  const stale = await db.selectFrom('rated_root_stale').select('root_id').limit(1).executeTakeFirst();
  if (built && !stale) return;
  await db.transaction().execute(async (trx) => {
    // The cells' rating refresh writes these rows too (the members' patch): one writer at a time for both.
    await lockRebuild(trx, 'rating_tally_refresh');
    const staleRoots = (await trx.selectFrom('rated_root_stale').select('root_id').orderBy('root_id').execute()).map((r) => r.root_id);
    if (staleRoots.length) {
      const years = (await trx.selectFrom('rated_root_year').select('year').orderBy('year').execute()).map((r) => Number(r.year));
      for (const year of years) {
        for (const c of chunksOf(staleRoots)) await trx.deleteFrom('rated_root_tally').where('year', '=', year).where('pop', 'in', ORGANIZATION_POPULATIONS).where('root_id', 'in', c).execute();
        await insertRows(trx, 'rated_root_tally', await organizationRows(trx, year, staleRoots));
      }
      // Only the roots read: one marked since then is rebuilt by the next reader.
      for (const c of chunksOf(staleRoots)) await trx.deleteFrom('rated_root_stale').where('root_id', 'in', c).execute();
    }
    if (!(await trx.selectFrom('rated_root_year').select('year').where('year', '=', y).executeTakeFirst())) {
      await buildYear(trx, y);
      await trx.insertInto('rated_root_year').values({ year: y }).execute();
    }
  });
}

/** A population's year on `end` in these whole roots, as grouped counts: one index range per root. */
export async function ratedRootCounts(db: Kysely<Database>, pop: RatedPopulation, y: number, end: string, roots: readonly string[]): Promise<RatedCount[]> {
  await refreshRatedRoots(db, y);
  const rows = await db
    .selectFrom('rated_root_tally')
    .select('counts')
    .where('year', '=', y)
    .where('pop', '=', pop)
    .where('root_id', 'in', roots)
    .where('valid_from', '<=', end)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', end)]))
    .execute();
  return rows.flatMap((r) => parseRatedCounts(r.counts));
}
