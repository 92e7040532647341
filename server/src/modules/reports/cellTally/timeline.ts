import { changeDays, stateOn, TALLY_DIMS, type TalliedPerson, type TallyDim, type TheoryRaise } from './memberState.js';

/** A member's primary episode in the cell: [from, to), `to` null while it lasts. */
export interface CellEpisode {
  personId: string;
  from: string;
  to: string | null;
}

/** A breakdown value and how many members have it. */
export type TallyEntry = readonly [dim: TallyDim, val: string, n: number];

/** The cell's counts over [from, to): equal on every day of it. */
export interface TallyVersion {
  from: string;
  to: string | null;
  total: number;
  full: number;
  /** Every non-zero count, ordered by breakdown and value. */
  entries: TallyEntry[];
}

type Delta = { day: string; sign: 1 | -1; state: string[] };

/**
 * The cell's tally over time, from its members' episodes and records: each episode is cut
 * where the member's state changes, and a sweep over the days adds and removes members.
 * Spans with the same counts are joined; days with no member have no version.
 */
export function cellTimeline(episodes: readonly CellEpisode[], people: ReadonlyMap<string, TalliedPerson>, raises: ReadonlyMap<string, readonly TheoryRaise[]>): TallyVersion[] {
  const deltas: Delta[] = [];
  for (const e of episodes) {
    const p = people.get(e.personId);
    if (!p || (e.to !== null && e.to <= e.from)) continue;
    const r = raises.get(e.personId) ?? [];
    const cuts = [...new Set(changeDays(p, r))].filter((d) => d > e.from && (e.to === null || d < e.to)).sort();
    let state = stateOn(p, r, e.from);
    deltas.push({ day: e.from, sign: 1, state });
    for (const d of cuts) {
      const next = stateOn(p, r, d);
      if (next.every((v, i) => v === state[i])) continue;
      deltas.push({ day: d, sign: -1, state }, { day: d, sign: 1, state: next });
      state = next;
    }
    if (e.to !== null) deltas.push({ day: e.to, sign: -1, state });
  }
  deltas.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

  const counts = TALLY_DIMS.map(() => new Map<string, number>());
  let total = 0;
  let full = 0;
  const out: TallyVersion[] = [];
  for (let i = 0; i < deltas.length; ) {
    const day = deltas[i]!.day;
    for (; i < deltas.length && deltas[i]!.day === day; i++) {
      const { sign, state } = deltas[i]!;
      total += sign;
      if (state[0] === 'chinh_thuc') full += sign;
      state.forEach((v, k) => counts[k]!.set(v, (counts[k]!.get(v) ?? 0) + sign));
    }
    const last = out[out.length - 1];
    if (total === 0) {
      if (last && last.to === null) last.to = day;
      continue;
    }
    const entries = entriesOf(counts);
    if (last && last.to === null && sameEntries(last.entries, entries)) continue;
    if (last && last.to === null) last.to = day;
    out.push({ from: day, to: null, total, full, entries });
  }
  return out;
}

function entriesOf(counts: readonly Map<string, number>[]): TallyEntry[] {
  return TALLY_DIMS.flatMap((dim, k) =>
    [...counts[k]!]
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([v, n]): TallyEntry => [dim, v, n]),
  );
}

const sameEntries = (a: readonly TallyEntry[], b: readonly TallyEntry[]) => a.length === b.length && a.every((x, i) => x[0] === b[i]![0] && x[1] === b[i]![1] && x[2] === b[i]![2]);
