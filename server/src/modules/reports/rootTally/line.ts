/**
 * Counts over time as a line of dated changes, so many cells' spans can be summed into one
 * root's spans, and a root's spans can take the difference a rebuilt cell makes.
 *
 * A vector holds the total in slot 0, the full members in slot 1 and each breakdown value's
 * count in slot 2 + its code (cell_tally_value).
 */
export type Vec = Int32Array;

/** Counts that hold over [from, to); `to` null while they last. */
export interface Span {
  from: string;
  to: string | null;
  v: Vec;
}

const COLON = 58;
const SPACE = 32;

/** A stored tally as a vector of `width` slots, with `total` added to the slots of `extra` codes. */
export function decodeVec(total: number, full: number, counts: string, width: number, extra: readonly number[] = []): Vec {
  const v = new Int32Array(width);
  v[0] = total;
  v[1] = full;
  // A hand-written parse: a national build reads tens of millions of these strings.
  for (let i = 0; i < counts.length; i++) {
    let code = 0;
    for (; counts.charCodeAt(i) !== COLON; i++) code = code * 10 + counts.charCodeAt(i) - 48;
    let n = 0;
    for (i++; i < counts.length && counts.charCodeAt(i) !== SPACE; i++) n = n * 10 + counts.charCodeAt(i) - 48;
    v[2 + code]! += n;
  }
  for (const code of extra) v[2 + code]! += total;
  return v;
}

/** The stored form: "code:n code:n …" by code, zeros left out. */
export function encodeVec(v: Vec): { total: number; full_members: number; counts: string } {
  const parts: string[] = [];
  for (let i = 2; i < v.length; i++) if (v[i] !== 0) parts.push(`${i - 2}:${v[i]}`);
  return { total: v[0]!, full_members: v[1]!, counts: parts.join(' ') };
}

function grown(v: Vec | undefined, width: number): Vec {
  if (v && v.length >= width) return v;
  const out = new Int32Array(width);
  if (v) out.set(v);
  return out;
}

export class DeltaLine {
  private readonly days = new Map<string, Vec>();

  private at(day: string, width: number): Vec {
    const d = grown(this.days.get(day), width);
    this.days.set(day, d);
    return d;
  }

  add(day: string, v: Vec, sign: 1 | -1): void {
    const d = this.at(day, v.length);
    for (let i = 0; i < v.length; i++) d[i]! += sign * v[i]!;
  }

  /** Adds `sign` × (cur − prev) on `day`, touching the line only where they differ. */
  private addDiff(day: string, cur: Vec, prev: Vec, sign: 1 | -1): void {
    const width = Math.max(cur.length, prev.length);
    let d: Vec | null = null;
    for (let i = 0; i < width; i++) {
      const x = (cur[i] ?? 0) - (prev[i] ?? 0);
      if (x === 0) continue;
      d ??= this.at(day, width);
      d[i]! += sign * x;
    }
  }

  /**
   * Adds spans that do not overlap, ordered by start. Back-to-back spans add only what changes
   * between them: a cell's consecutive spans differ in a value or two.
   */
  addSpans(spans: readonly Span[], sign: 1 | -1): void {
    let prev: Span | null = null;
    for (const s of spans) {
      if (prev && prev.to === s.from) this.addDiff(s.from, s.v, prev.v, sign);
      else {
        if (prev && prev.to !== null) this.add(prev.to, prev.v, -sign as 1 | -1);
        this.add(s.from, s.v, sign);
      }
      prev = s;
    }
    if (prev && prev.to !== null) this.add(prev.to, prev.v, -sign as 1 | -1);
  }

  merge(other: DeltaLine): void {
    for (const [day, d] of other.days) this.add(day, d, 1);
  }

  /** The first day the counts change, or null when the line changes nothing. */
  firstChange(): string | null {
    let first: string | null = null;
    for (const [day, d] of this.days) if ((first === null || day < first) && d.some((x) => x !== 0)) first = day;
    return first;
  }

  /**
   * The line summed into spans from zero: a span starts on each day the counts change, and
   * days with no member have none. A count below zero means the line was built from records
   * that do not agree, and is refused rather than stored.
   */
  spans(): Span[] {
    const out: Span[] = [];
    let cur: Vec = new Int32Array(0);
    for (const day of [...this.days.keys()].sort()) {
      const d = this.days.get(day)!;
      if (!d.some((x) => x !== 0)) continue;
      cur = grown(cur, d.length);
      for (let i = 0; i < d.length; i++) cur[i]! += d[i]!;
      if (cur.some((x) => x < 0) || (cur[0] === 0 && cur.some((x) => x !== 0))) throw new Error(`Tổng hợp báo cáo không khớp hồ sơ vào ngày ${day}.`);
      const last = out[out.length - 1];
      if (last && last.to === null) last.to = day;
      if (cur[0] !== 0) out.push({ from: day, to: null, v: cur.slice() });
    }
    return out;
  }
}
