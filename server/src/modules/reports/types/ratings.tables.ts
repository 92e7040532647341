import { countCell, formatDateVi, phanTramVi, ratio, ratioCell, soVi, type Cell, type Column, type ReportTable, type Row } from '@dangvu/common';

/**
 * Table shapes shared by the rating reports: one table per rating year on that year's own
 * scale, and one table over all the years of the window with both averages side by side.
 */

/** The rating years of a window: those whose 31/12 falls in it (both ends included). */
export function ratingYears(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (`${y}-12-31` >= from && `${y}-12-31` <= to) out.push(y);
  return out;
}

/** The `y` parameter of a figure key: one year, or a run of years "2016-2020". */
export const yearsParam = (years: readonly number[]) => (years.length === 1 ? String(years[0]) : `${years[0]}-${years[years.length - 1]}`);

export const yearsText = (years: readonly number[]) => (years.length === 1 ? `năm ${years[0]}` : `${years[0]}–${years[years.length - 1]}`);

export const yearsRuleNote = (from: string, to: string, years: readonly number[]) =>
  `Năm xếp loại: các năm có ngày 31/12 nằm trong kỳ báo cáo (từ ${formatDateVi(from)} đến ${formatDateVi(to)}, gồm cả hai ngày) — ${years.length ? years.join(', ') : 'không có năm nào'}.`;

const YEAR_COLUMNS: Column[] = [
  { key: 'n', label: 'Số lượng', kind: 'count' },
  { key: 'pct', label: 'Tỷ lệ (%)', kind: 'percent' },
];

/** One line of a year table: a count, and its share of `den` when it has one. */
export interface YearLine {
  key: string;
  label: string;
  level?: number;
  n: number;
  den?: number;
  figure?: string;
}

export function yearTable(id: string, title: string, lines: readonly YearLine[], note?: string): ReportTable {
  const rows: Row[] = lines.map((l) => ({
    key: l.key,
    label: l.label,
    ...(l.level ? { level: l.level } : {}),
    cells: { n: countCell(l.n, l.figure), pct: l.den === undefined ? { value: null } : ratioCell(l.n, l.den, l.figure) },
  }));
  return { id, title, columns: YEAR_COLUMNS, rows, ...(note ? { note } : {}) };
}

/** One line of the table over the years: its count and denominator in each year. */
export interface AverageLine {
  key: string;
  label: string;
  level?: number;
  n: (y: number) => number;
  den?: (y: number) => number;
  /** The records behind the line over the given years (one year, or a run "2016-2020"). */
  figure: (years: string) => string;
}

/** The mean of the yearly shares, over the years that had a denominator; with the shares it averages. */
export function meanOfShares(years: readonly number[], n: (y: number) => number, den: (y: number) => number): Cell {
  const shares = years.filter((y) => den(y) > 0).map((y) => ratio(n(y), den(y)).percent!);
  if (!shares.length) return { value: null, text: '—' };
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  return { value: mean, text: `${phanTramVi(mean, 2)} (bình quân ${shares.length} năm: ${shares.map((s) => phanTramVi(s, 2)).join('; ')})` };
}

/**
 * The years together: the sum of the counts, the pooled share (sum of counts over sum of
 * denominators, shown as such) and, over several years, the mean of the yearly shares.
 */
export function averageTable(id: string, title: string, years: readonly number[], lines: readonly AverageLine[], note?: string): ReportTable {
  const multi = years.length > 1;
  const sum = (f: (y: number) => number) => years.reduce((a, y) => a + f(y), 0);
  const columns: Column[] = multi
    ? [
        { key: 'n', label: 'Cộng các năm (lượt)', kind: 'count' },
        { key: 'pct', label: 'Tỷ lệ gộp các năm (%)', kind: 'percent' },
        { key: 'mean', label: 'Bình quân tỷ lệ từng năm (%)', kind: 'text' },
      ]
    : YEAR_COLUMNS;
  const y = yearsParam(years);
  const rows: Row[] = lines.map((l) => {
    const fig = l.figure(y);
    const cells: Record<string, Cell> = { n: countCell(sum(l.n), fig), pct: l.den ? ratioCell(sum(l.n), sum(l.den), fig) : { value: null } };
    if (multi) cells.mean = l.den ? meanOfShares(years, l.n, l.den) : { value: null, text: '' };
    return { key: l.key, label: l.label, ...(l.level ? { level: l.level } : {}), cells };
  });
  return { id, title, columns, rows, ...(note ? { note } : {}) };
}

/** "3/4 (75,0%)" for narratives. */
export const shareVi = (n: number, den: number) => `${soVi(n)}/${soVi(den)} (${phanTramVi(ratio(n, den).percent)})`;
