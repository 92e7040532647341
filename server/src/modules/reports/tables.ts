import { countCell, ratioCell, type Column, type ReportTable, type Row } from '@dangvu/common';
import type { Tally } from './populations.js';

/** Columns of a breakdown: the count and its share of the whole, with both numbers shown. */
export const COUNT_SHARE: Column[] = [
  { key: 'n', label: 'Số lượng', kind: 'count' },
  { key: 'pct', label: 'Tỷ lệ so với tổng số (%)', kind: 'percent' },
];

export interface LineSpec {
  key: string;
  label: string;
  n: number;
  figure?: string;
  level?: number;
}

/** A breakdown table: one line per value, each with its share of `total`. */
export function shareTable(id: string, title: string, total: number, lines: readonly LineSpec[], note?: string): ReportTable {
  const rows: Row[] = lines.map((l) => ({
    key: l.key,
    label: l.label,
    ...(l.level ? { level: l.level } : {}),
    cells: { n: countCell(l.n, l.figure), pct: ratioCell(l.n, total, l.figure) },
  }));
  return { id, title, columns: COUNT_SHARE, rows, ...(note ? { note } : {}) };
}

/** Lines for every value of a dimension in a fixed order (labels from the reference lists), plus values not in the list. */
export function dimLines(t: Tally, dim: string, order: readonly { key: string; label: string }[], figure: (value: string) => string, opts: { skipZero?: boolean; level?: number } = {}): LineSpec[] {
  const got = t.by[dim] ?? {};
  const known = new Set(order.map((o) => o.key));
  const extra = Object.keys(got)
    .filter((k) => !known.has(k))
    .sort()
    .map((k) => ({ key: k, label: k }));
  return [...order, ...extra]
    .map((o) => ({ key: `${dim}.${o.key}`, label: o.label, n: got[o.key] ?? 0, figure: figure(o.key), ...(opts.level ? { level: opts.level } : {}) }))
    .filter((l) => !opts.skipZero || l.n > 0);
}

export const labelsOf = (keys: readonly string[], labels: Readonly<Record<string, { vi: string } | string>>, none?: { key: string; label: string }) => [
  ...keys.map((k) => ({ key: k, label: typeof labels[k] === 'string' ? (labels[k] as string) : ((labels[k] as { vi: string } | undefined)?.vi ?? k) })),
  ...(none ? [none] : []),
];

/** A plain table of counts in one column. */
export function countTable(id: string, title: string, lines: readonly LineSpec[], label = 'Số lượng', note?: string): ReportTable {
  return {
    id,
    title,
    columns: [{ key: 'n', label, kind: 'count' }],
    rows: lines.map((l) => ({ key: l.key, label: l.label, ...(l.level ? { level: l.level } : {}), cells: { n: countCell(l.n, l.figure) } })),
    ...(note ? { note } : {}),
  };
}
