import { decodeVec, type Span } from './line.js';

/** A stored cell tally span. */
export interface CellRow {
  valid_from: string;
  valid_to: string | null;
  total: number;
  full_members: number;
  counts: string;
}

/** Where a cell's counts went over [from, to): a root, and the codes of its kind and host type. */
export interface Placement {
  from: string;
  to: string | null;
  root: string;
  extra: readonly number[];
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * A cell's spans cut to where it was placed, by root, each root's spans in order. Both lists
 * are ordered by start and do not overlap (a cell's spans; an organization's versions).
 */
export function placeSpans(rows: readonly CellRow[], places: readonly Placement[], width: number): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const r of rows)
    for (const p of places) {
      const from = r.valid_from > p.from ? r.valid_from : p.from;
      const to = later(r.valid_to, p.to);
      if (to !== null && to <= from) continue;
      const spans = out.get(p.root) ?? [];
      spans.push({ from, to, v: decodeVec(Number(r.total), Number(r.full_members), r.counts, width, p.extra) });
      out.set(p.root, spans);
    }
  return out;
}
