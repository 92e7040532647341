import type { RatedRow } from '../types/ratings.population.js';

/**
 * The stored form of rating counts (rating_tally.counts, rated_root_tally.counts): "key=n" parts
 * by key, each key "code|has_rating|disciplined" with the code as `ratingCode` gives it.
 */

/** One "code|has_rating|disciplined=n" part of a stored rating count. */
export interface RatedCount {
  key: string;
  n: number;
}

/** The key of a count: the rating's code on the end date ('' for none), whether there is a rating, disciplined in the year. */
export const ratedKey = (code: string | null, hasRating: boolean, disciplined: number) => `${code ?? ''}|${hasRating ? 1 : 0}|${disciplined}`;

/** The stored form of counts: "key=n" by key, space-separated (what `parseRatedCounts` reads). */
export function encodeRatedCounts(counts: Iterable<readonly [string, number]>): string {
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
}

export function parseRatedCounts(counts: string): RatedCount[] {
  if (!counts) return [];
  return counts.split(' ').map((part) => {
    const eq = part.lastIndexOf('=');
    return { key: part.slice(0, eq), n: Number(part.slice(eq + 1)) };
  });
}

/** Grouped rows, as the records' grouped pass gives them, from stored counts. */
export function ratedRowsOf(counts: readonly RatedCount[]): RatedRow[] {
  return counts.map(({ key, n }) => {
    const [code, hasR, kl] = key.split('|');
    return { code: code || null, has_r: Number(hasR), kl: Number(kl), n };
  });
}
