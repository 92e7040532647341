import { isValidIsoDate, type Column, type DrillPage, type DrillRow } from '@dangvu/common';
import { unprocessable } from '../../platform/errors.js';
import type { ReportContext } from './context.js';

export const badFigure = (why: string) => unprocessable('BAD_FIGURE', `Chỉ tiêu: ${why}.`, 'figure');

/** A required parameter of a figure key; dates are checked. */
export const needParam = (p: Record<string, string>, k: string) => {
  const v = p[k];
  if (!v || (['d', 'f', 't'].includes(k) && !isValidIsoDate(v))) throw badFigure(`thiếu "${k}"`);
  return v;
};

/** Paging for one drill-down: `pageSize` 0 means every row (exports). */
export function pager(key: string, page: number, pageSize: number) {
  return {
    page,
    pageSize,
    /** Limits a query builder to the page. */
    lim: <T extends { limit(n: number): T; offset(n: number): T }>(q: T) => (pageSize > 0 ? q.limit(pageSize).offset((page - 1) * pageSize) : q),
    /** Cuts an in-memory list to the page. */
    slice: <T>(xs: T[]) => (pageSize > 0 ? xs.slice((page - 1) * pageSize, page * pageSize) : xs),
    /** The running number (STT) of the i-th row of the page. */
    n: (i: number) => (pageSize > 0 ? (page - 1) * pageSize : 0) + i + 1,
    res: (title: string, total: number, columns: Column[], rows: DrillRow[]): DrillPage => ({ figure: key, title, total, page, pageSize, columns, rows }),
  };
}
export type Pager = ReturnType<typeof pager>;

/** The records behind the figures of one source, e.g. `rt:` for ratings; registered in drillSources.ts. */
export type DrillFn = (rc: ReportContext, params: Record<string, string>, pg: Pager) => Promise<DrillPage>;

export const col = (key: string, lbl: string, kind?: Column['kind']): Column => ({ key, label: lbl, ...(kind ? { kind } : {}) });
export const STT = col('stt', 'STT', 'count');
