import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertRows } from '../../../db/insertRows.js';
import { inSubtrees, rootOfPath } from '../../../db/sql.js';
import { DeltaLine, type Span } from '../rootTally/line.js';
import { chunksOf, inChunks } from '../tallyKit.js';
import { encodeRatedCounts, parseRatedCounts, type RatedCount } from './ratedCounts.js';

type Q = Kysely<Database> | Transaction<Database>;
type Row = Database['rated_root_tally'];

/**
 * Each root's rating counts by year and population, over spans of report end dates, summed as
 * lines of dated changes (rootTally/line.ts) with one slot per "code|has_rating|disciplined"
 * key: built whole, or patched with what rebuilt cells took away and added.
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
    return encodeRatedCounts(parts);
  }
}

export class RootLines {
  readonly keys = new Keys();
  private readonly lines = new Map<string, DeltaLine>();
  /** Adds `sign` × spans that do not overlap, ordered by start, to a root's line. */
  add(root: string, spans: readonly Span[], sign: 1 | -1 = 1): void {
    let line = this.lines.get(root);
    if (!line) this.lines.set(root, (line = new DeltaLine()));
    line.addSpans(spans, sign);
  }
  /** The roots whose line changes anything. */
  changed(): string[] {
    return [...this.lines].filter(([, l]) => l.firstChange() !== null).map(([r]) => r);
  }
  rows(year: number, pop: string, roots: Iterable<string> = this.lines.keys()): Row[] {
    const out: Row[] = [];
    for (const root of roots)
      for (const s of this.lines.get(root)?.spans() ?? []) out.push({ year, pop, root_id: root, valid_from: s.from, valid_to: s.to, counts: this.keys.encode(s.v) });
    return out;
  }
}

interface PlacedRow {
  org_id: string;
  vfrom: string;
  valid_from: string;
  valid_to: string | null;
  counts: string;
  root: string;
}

/** The cells' rating-tally rows of year `y`, with the root of each one's version, by cell placement and start. */
export async function placedRatingRows(trx: Q, y: number, where: { prefixes: readonly string[] } | { orgIds: readonly string[] }): Promise<PlacedRow[]> {
  const q = trx
    .selectFrom('rating_tally as t')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 't.org_id').onRef('v.valid_from', '=', 't.vfrom'))
    .select(['t.org_id', 't.vfrom', 't.valid_from', 't.valid_to', 't.counts', rootOfPath(trx as Kysely<Database>, 'v.path').as('root')])
    .where('t.year', '=', y)
    .orderBy('t.org_id')
    .orderBy('t.vfrom')
    .orderBy('t.valid_from');
  if ('prefixes' in where) return q.where(inSubtrees('v.path', where.prefixes)).execute();
  // A chunk holds whole cells, so each placement's rows stay together.
  return inChunks(where.orgIds, (c) => q.where('t.org_id', 'in', c).execute());
}

/** Adds `sign` × each cell placement's spans to the line of its version's root. */
export function addPlacedSpans(lines: RootLines, rows: readonly PlacedRow[], sign: 1 | -1): void {
  let group: Span[] = [];
  let groupKey = '';
  let groupRoot = '';
  const flush = () => group.length && lines.add(groupRoot, group, sign);
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
}

/**
 * Before the cells' rating tallies of year `y` are rebuilt: takes what the cells added to their
 * roots' member counts, and returns the step to run after the rebuild, which adds what they add
 * now and rewrites the roots that changed. Nothing to do for a year the roots were not built for.
 */
export async function patchMemberRoots(trx: Transaction<Database>, y: number, orgIds: readonly string[]): Promise<() => Promise<void>> {
  if (!(await trx.selectFrom('rated_root_year').select('year').where('year', '=', y).executeTakeFirst())) return async () => {};
  const lines = new RootLines();
  addPlacedSpans(lines, await placedRatingRows(trx, y, { orgIds }), -1);
  return async () => {
    addPlacedSpans(lines, await placedRatingRows(trx, y, { orgIds }), 1);
    const roots = lines.changed();
    for (const c of chunksOf(roots)) {
      const stored = await trx
        .selectFrom('rated_root_tally')
        .select(['root_id', 'valid_from', 'valid_to', 'counts'])
        .where('year', '=', y)
        .where('pop', '=', 'dv')
        .where('root_id', 'in', c)
        .orderBy('root_id')
        .orderBy('valid_from')
        .execute();
      for (const root of c)
        lines.add(
          root,
          stored.filter((s) => s.root_id === root).map((s) => ({ from: s.valid_from, to: s.valid_to, v: lines.keys.vec(parseRatedCounts(s.counts)) })),
        );
      await trx.deleteFrom('rated_root_tally').where('year', '=', y).where('pop', '=', 'dv').where('root_id', 'in', c).execute();
      await insertRows(trx, 'rated_root_tally', lines.rows(y, 'dv', c));
    }
  };
}
