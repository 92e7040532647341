/**
 * Seeded randomness for the demo generator. Everything the generator writes,
 * ids and timestamps included, comes from here, so one seed gives one database.
 */

/** sfc32: small, fast, and good enough for synthetic data (not for secrets). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ stream;
    this.b = 0x243f6a88 ^ (seed >>> 0);
    this.c = 0xb7e15162 ^ Math.floor(seed / 0x100000000);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Pick from `[value, weight]` pairs. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A child generator whose sequence depends only on this one's state and the label. */
  fork(label: number): Rng {
    return new Rng(this.u32() + label * 0x10000, this.u32());
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * UUIDv7-shaped ids: a fixed base time plus a counter in the timestamp and
 * rand_a fields (so ids sort in generation order, which keeps B-tree inserts
 * append-only), and seeded random bits in rand_b.
 */
export class IdGen {
  private n = 0;
  private readonly rng: Rng;
  constructor(
    seed: number,
    private readonly baseMs = Date.UTC(2025, 0, 1),
  ) {
    this.rng = new Rng(seed, 0x1d5);
  }

  next(): string {
    const k = this.n++;
    const ms = this.baseMs + Math.floor(k / 4096);
    const randA = k % 4096;
    const t = hex(ms, 12);
    const r1 = this.rng.u32();
    const r2 = this.rng.u32();
    const variant = 0x8000 | (r1 & 0x3fff);
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(randA, 3)}-${hex(variant, 4)}-${hex(r1 >>> 16, 4)}${hex(r2, 8)}`;
  }
}

/**
 * Distinct numbers in [0, size) for a running counter: k * stride + offset mod size,
 * with stride coprime to size, so serials look random yet never repeat.
 */
export function permuted(k: number, size: number, offset: number, stride = 387_433): number {
  return (((k % size) * stride) % size + offset) % size;
}
