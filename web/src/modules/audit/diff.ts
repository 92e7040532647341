/** Pure helpers of the audit screen: Vietnam time and a key-by-key comparison of before and after. */

const VN_OFFSET_MS = 7 * 3600_000; // Vietnam keeps UTC+7 all year (no daylight saving).
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-22T03:01:32.244Z" → "22/11/2026 10:01" in Vietnam time, whatever the device's zone. */
export function vnDateTime(isoUtc: string): string {
  const ms = Date.parse(isoUtc);
  if (Number.isNaN(ms)) return isoUtc;
  const d = new Date(ms + VN_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  /** The key is on one side only, or its values differ. */
  changed: boolean;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return v as Record<string, unknown>;
  return { value: v };
}

/** Stable text of a value for comparison: object keys sorted so that key order does not count as a change. */
function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

/** Union of the top-level keys of both sides, in first-seen order, each marked changed or not. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const src of [b, a])
    for (const k of Object.keys(src ?? {})) {
      if (seen.has(k)) continue;
      seen.add(k);
      keys.push(k);
    }
  return keys.map((key) => {
    const x = b ? b[key] : undefined;
    const y = a ? a[key] : undefined;
    return { key, before: x, after: y, changed: canonical(x) !== canonical(y) };
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** A value as readable text (calendar dates as dd/mm/yyyy, UTC timestamps in Vietnam time): strings as they are, anything else as compact JSON. */
export function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string') {
    if (ISO_DATE.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
    return ISO_TIMESTAMP.test(v) ? vnDateTime(v) : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v, null, 1);
}
