import { formatDateVi, formatNumberVi } from '../../dates.js';
import type { Cell, ReportPeriod } from './model.js';

/** 15.980 */
export const soVi = (n: number): string => formatNumberVi(n, 0);

/** 159,8% — one decimal, as the articles print; two when asked (67,78%). */
export const phanTramVi = (p: number | null, digits = 1): string => (p === null ? '—' : `${formatNumberVi(p, digits)}%`);

/** 1,81 lần */
export const lanVi = (num: number, den: number): string => (den > 0 ? `${formatNumberVi(num / den, 2)} lần` : '—');

/**
 * The rule for a window's ends, stated on every report: both days included, events counted by
 * the effective date of their decision; the base is the end of the day before the window.
 */
/** The window rule most reports follow; a report type counting by another date names its own (`windowRule`). */
export const DECISION_DATE_RULE = 'tính theo ngày hiệu lực của quyết định';

export function periodTextVi(p: ReportPeriod, windowRule = DECISION_DATE_RULE): string {
  if (p.kind === 'asOf')
    return p.baseline
      ? `Tại ngày ${formatDateVi(p.asOf)}, so với ngày ${formatDateVi(p.baseline)} (số liệu tính đến hết mỗi ngày)`
      : `Tại ngày ${formatDateVi(p.asOf)} (số liệu tính đến hết ngày)`;
  return `Từ ngày ${formatDateVi(p.from)} đến hết ngày ${formatDateVi(p.to)}, ${windowRule} (gồm cả hai ngày đầu và cuối kỳ)`;
}

/** A cell as text, the way the forms print it: counts 1.046, percents "67,78% (648/956)". */
export function cellTextVi(c: Cell | undefined): string {
  if (!c) return '';
  if (c.text !== undefined) return c.text;
  if (c.ratio) return `${phanTramVi(c.ratio.percent, 2)} (${soVi(c.ratio.num)}/${soVi(c.ratio.den)})`;
  if (c.times) return lanVi(c.times.num, c.times.den);
  return c.value === null ? '—' : formatNumberVi(c.value);
}
