import { changeDays, stateOn, TALLY_DIMS, type TalliedPerson, type TheoryRaise } from './memberState.js';

/** A member's primary episode in the cell: [from, to), `to` null while it lasts. */
export interface CellEpisode {
  personId: string;
  from: string;
  to: string | null;
}

/** The cell's counts over [from, to): equal on every day of it. */
export interface TallyVersion {
  from: string;
  to: string | null;
  total: number;
  full: number;
  counts: string;
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
    const json = serialize(counts);
    if (last && last.to === null && last.counts === json) continue;
    if (last && last.to === null) last.to = day;
    out.push({ from: day, to: null, total, full, counts: json });
  }
  return out;
}

function serialize(counts: readonly Map<string, number>[]): string {
  const o: Record<string, Record<string, number>> = {};
  TALLY_DIMS.forEach((dim, k) => {
    const vals: Record<string, number> = {};
    for (const [v, n] of [...counts[k]!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (n !== 0) vals[v] = n;
    o[dim] = vals;
  });
  return JSON.stringify(o);
}
