/**
 * Calendar dates as `YYYY-MM-DD` strings, the form both database engines
 * store and return. Arithmetic is done on year/month/day numbers rather than
 * `Date` objects so that no time zone or DST rule can shift a date, and so
 * that years below 100 are not silently mapped to the 1900s.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Ymd = { y: number; m: number; d: number };

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parse(iso: string): Ymd | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parseOrThrow(iso: string, what: string): Ymd {
  const ymd = parse(iso);
  if (!ymd) throw new RangeError(`${what}: "${iso}" is not a valid YYYY-MM-DD date`);
  return ymd;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ y, m, d }: Ymd): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Strict `YYYY-MM-DD` that names a real calendar day (2024-02-29 yes, 2023-02-29 no). */
export function isValidIsoDate(s: string): boolean {
  return parse(s) !== null;
}

/**
 * Adds `n` calendar months (negative allowed). When the target month is
 * shorter, the result is its last day (2024-01-31 + 1 → 2024-02-29,
 * 2024-02-29 + 12 → 2025-02-28), matching the Civil Code rule that a period
 * ending in a month without the corresponding day ends on that month's last
 * day; this is how probation (12 months) and term ends are computed.
 */
export function addMonths(iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: month count must be an integer, got ${n}`);
  const { y, m, d } = parseOrThrow(iso, 'addMonths');
  const monthIndex = y * 12 + (m - 1) + n;
  const ny = Math.floor(monthIndex / 12);
  const nm = monthIndex - ny * 12 + 1;
  if (ny < 0 || ny > 9999) throw new RangeError(`addMonths: result year ${ny} is out of range`);
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/**
 * Age in whole years on `onIso`: the largest N whose N-th anniversary,
 * computed with `addMonths`, is on or before `onIso`. Someone born on 29
 * February therefore turns a year older on 28 February in common years,
 * consistently with `addMonths`. Negative when `onIso` precedes the birth,
 * so callers can flag such records instead of crashing a whole report.
 */
export function ageOn(birthIso: string, onIso: string): number {
  const birth = parseOrThrow(birthIso, 'ageOn (birth)');
  const on = parseOrThrow(onIso, 'ageOn (on)');
  const years = on.y - birth.y;
  const anniversary = addMonths(birthIso, years * 12);
  return anniversary <= format(on) ? years : years - 1;
}

/**
 * Today's date in UTC. With no argument, `DANGVU_TODAY` (a `YYYY-MM-DD`
 * date) overrides the clock so demos, tests and reproductions of past
 * reports can pin "today"; an explicit `now` always wins. `process` is read
 * through `globalThis` because this module also runs in the browser.
 */
export function todayIso(now?: Date): string {
  if (now === undefined) {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const override = env?.['DANGVU_TODAY'];
    if (override !== undefined && override !== '') {
      // A silently ignored typo would make every date-dependent figure wrong.
      if (!isValidIsoDate(override)) {
        throw new RangeError(`DANGVU_TODAY="${override}" is not a valid YYYY-MM-DD date`);
      }
      return override;
    }
  }
  const date = now ?? new Date();
  if (Number.isNaN(date.getTime())) throw new RangeError('todayIso: invalid Date');
  return format({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

/** `2025-07-01` → `01/07/2025`, the form Vietnamese documents use. */
export function formatDateVi(iso: string): string {
  const { y, m, d } = parseOrThrow(iso, 'formatDateVi');
  return `${pad(d, 2)}/${pad(m, 2)}/${pad(y, 4)}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Vietnamese number style: "." groups thousands, "," marks decimals
 * (1234.5 → "1.234,5"). With `fractionDigits` the number is shown with
 * exactly that many decimals (67.7777 → "67,78" for percentages); without
 * it, up to 3 decimals with trailing zeros dropped.
 *
 * The en-US format is used and its separators swapped, because every ICU
 * build ships en-US with the same output, whereas vi-VN data may be missing
 * (small-icu builds) or differ between browsers.
 */
export function formatNumberVi(n: number, fractionDigits?: number): string {
  const cacheKey = String(fractionDigits);
  let nf = numberFormats.get(cacheKey);
  if (!nf) {
    nf = new Intl.NumberFormat('en-US', {
      useGrouping: true,
      minimumFractionDigits: fractionDigits ?? 0,
      maximumFractionDigits: fractionDigits ?? 3,
    });
    numberFormats.set(cacheKey, nf);
  }
  let out = nf.format(n);
  // A tiny negative rounds to "-0,00"; a report cell must not show a signed zero.
  if (/^-0(\.0*)?$/.test(out)) out = out.slice(1);
  return out.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}
