import type { Rng } from './prng.js';

/**
 * Day arithmetic on `YYYY-MM-DD` through day numbers since 1970-01-01, with the
 * civil-calendar conversions done in integers (H. Hinnant's algorithms): no Date
 * objects on the hot path and no time zone that could shift a date.
 */
export function dayNo(iso: string): number {
  let y = (iso.charCodeAt(0) - 48) * 1000 + (iso.charCodeAt(1) - 48) * 100 + (iso.charCodeAt(2) - 48) * 10 + (iso.charCodeAt(3) - 48);
  const m = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  const d = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoOf(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${two(m)}-${two(d)}`;
}

export function addDays(iso: string, n: number): string {
  return isoOf(dayNo(iso) + n);
}

/** Uniform date in [from, to], both inclusive. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const a = dayNo(from);
  const b = dayNo(to);
  return isoOf(b <= a ? a : rng.int(a, b));
}

export const yearOf = (iso: string) => Number(iso.slice(0, 4));
export const maxIso = (a: string, b: string) => (a > b ? a : b);
export const minIso = (a: string, b: string) => (a < b ? a : b);
