import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertRows } from '../../../db/insertRows.js';
import { inSubtrees, rootOfPath } from '../../../db/sql.js';
import { DeltaLine, type Span } from '../rootTally/line.js';
import { chunksOf, inChunks, lockRebuild } from '../tallyKit.js';
import { orgsOfYear, POPULATION_KINDS, type RatedPopulation } from '../types/ratings.population.js';
import { BEGINNING, refreshRatingTallies } from './build.js';
import { codeChangeDays, ratingCodeOn, type CodedStep } from './ratingCode.js';
import { parseRatedCounts, type RatedCount } from './read.js';

type Q = Kysely<Database> | Transaction<Database>;
type Row = Database['rated_root_tally'];

/**
 * Each root's rating counts by year and population, over spans of report end dates, summed as
 * lines of dated changes (rootTally/line.ts) with one slot per "code|has_rating|disciplined"
 * key. Members come from the cells' rating tallies; organizations from their ratings.
 */
class Keys {
  private readonly slots = new Map<string, number>();
  readonly names: string[] = [];
  slot(key: string): number {
    let s = this.slots.get(key);
    if (s === undefined) {
      s = 2 + this.names.length;
      this.slots.set(key, s);
      this.names.push(key);
    }
    return s;
  }
  /** A vector of the keys' counts, the total in slot 0. */
  vec(counts: readonly RatedCount[]): Int32Array {
    const slots = counts.map((c) => [this.slot(c.key), c.n] as const);
    const v = new Int32Array(2 + this.names.length);
    for (const [s, n] of slots) {
      v[s]! += n;
      v[0]! += n;
    }
    return v;
  }
  /** The stored form, by key as rating_tally.counts is. */
  encode(v: Int32Array): string {
    const parts: [string, number][] = [];
    for (let i = 2; i < v.length; i++) if (v[i] !== 0) parts.push([this.names[i - 2]!, v[i]!]);
    return parts
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => `${k}=${n}`)
      .join(' ');
  }
}

class RootLines {
  readonly keys = new Keys();
  private readonly lines = new Map<string, DeltaLine>();
  add(root: string, spans: readonly Span[]): void {
    let line = this.lines.get(root);
    if (!line) this.lines.set(root, (line = new DeltaLine()));
    line.addSpans(spans, 1);
  }
  rows(year: number, pop: RatedPopulation): Row[] {
    const out: Row[] = [];
    for (const [root, line] of this.lines)
      for (const s of line.spans()) out.push({ year, pop, root_id: root, valid_from: s.from, valid_to: s.to, counts: this.keys.encode(s.v) });
    return out;
  }
}

const rootPrefixes = (roots: readonly string[] | null) => (roots ? roots.map((r) => `/${r}/`) : ['/']);

/** Members: each cell placement's rating-tally spans, added to the root of its version. */
async function memberRows(trx: Q, y: number, roots: readonly string[] | null): Promise<Row[]> {
  const rows = await trx
    .selectFrom('rating_tally as t')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 't.org_id').onRef('v.valid_from', '=', 't.vfrom'))
    .select(['t.org_id', 't.vfrom', 't.valid_from', 't.valid_to', 't.counts', rootOfPath(trx as Kysely<Database>, 'v.path').as('root')])
    .where('t.year', '=', y)
    .where(inSubtrees('v.path', rootPrefixes(roots)))
    .orderBy('t.org_id')
    .orderBy('t.vfrom')
    .orderBy('t.valid_from')
    .execute();
  const lines = new RootLines();
  let group: Span[] = [];
  let groupKey = '';
  let groupRoot = '';
  const flush = () => group.length && lines.add(groupRoot, group);
  for (const r of rows) {
    const key = `${r.org_id}\u0000${r.vfrom}`;
    if (key !== groupKey) {
      flush();
      group = [];
      groupKey = key;
      groupRoot = r.root;
    }
    group.push({ from: r.valid_from, to: r.valid_to, v: lines.keys.vec(parseRatedCounts(r.counts)) });
  }
  flush();
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
    const key = (code: string | null) => `${code ?? ''}|${o.rating_id ? 1 : 0}|0`;
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

async function buildYear(trx: Transaction<Database>, y: number, roots: readonly string[] | null): Promise<void> {
  await insertRows(trx, 'rated_root_tally', [...(await memberRows(trx, y, roots)), ...(await organizationRows(trx, y, roots))]);
}

/**
 * Before reading year `y`: the cells' rating tallies first (which mark the roots of the cells
 * they rebuild), then the roots marked stale in every year built so far, then year `y` if it
 * never was. On PostgreSQL one reader at a time; the others wait.
 */
export async function refreshRatedRoots(db: Kysely<Database>, y: number): Promise<void> {
  await refreshRatingTallies(db, y);
  const built = await db.selectFrom('rated_root_year').select('year').where('year', '=', y).executeTakeFirst();
  const stale = await db.selectFrom('rated_root_stale').select('root_id').limit(1).executeTakeFirst();
  if (built && !stale) return;
  await db.transaction().execute(async (trx) => {
    await lockRebuild(trx, 'rated_root_refresh');
    const staleRoots = (await trx.selectFrom('rated_root_stale').select('root_id').orderBy('root_id').execute()).map((r) => r.root_id);
    if (staleRoots.length) {
      const years = (await trx.selectFrom('rated_root_year').select('year').orderBy('year').execute()).map((r) => Number(r.year));
      for (const year of years) {
        for (const c of chunksOf(staleRoots)) await trx.deleteFrom('rated_root_tally').where('year', '=', year).where('root_id', 'in', c).execute();
        await buildYear(trx, year, staleRoots);
      }
      // Only the roots read: one marked since then is rebuilt by the next reader.
      for (const c of chunksOf(staleRoots)) await trx.deleteFrom('rated_root_stale').where('root_id', 'in', c).execute();
    }
    if (!(await trx.selectFrom('rated_root_year').select('year').where('year', '=', y).executeTakeFirst())) {
      await buildYear(trx, y, null);
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
