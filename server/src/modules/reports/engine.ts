import { dayBefore, figuresOf, todayIso, type CompareQuery, type ReportQuery, type ReportResult } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import { periodOf, reportContext, resultOf, typeInfoOr404, type ReportContext } from './context.js';
import { drill, type DrillPage } from './drill.js';
import { REPORTS } from './registry.js';

/** The one entry point for every report: the API, the CLI, the exports and the benchmarks call these. */
export function reportsEngine(db: Kysely<Database>) {
  async function prepare(ctx: RequestCtx, type: string, q: ReportQuery): Promise<{ rc: ReportContext; def: (typeof REPORTS)[string] }> {
    const info = typeInfoOr404(type);
    const def = REPORTS[info.type];
    if (!def) throw notFound('REPORT_TYPE_NOT_FOUND', `Loại báo cáo "${info.vi}" chưa có.`);
    const rc = await reportContext(db, ctx, q, periodOf(info, q));
    return { rc, def };
  }

  async function run(ctx: RequestCtx, type: string, q: ReportQuery): Promise<ReportResult> {
    const { rc, def } = await prepare(ctx, type, q);
    return resultOf(def, rc, await def.build(rc));
  }

  return {
    run,

    /** The records behind one figure, in the report's scope; pageSize 0 returns them all. */
    async drill(ctx: RequestCtx, type: string, q: ReportQuery, figure: string, page: number, pageSize: number): Promise<DrillPage> {
      const { rc } = await prepare(ctx, type, q);
      return drill(rc, figure, page, pageSize);
    },

    /** The same report for two dates or two periods, figure by figure, with the difference. */
    async compare(ctx: RequestCtx, type: string, q: CompareQuery) {
      const info = typeInfoOr404(type);
      const second: ReportQuery =
        info.period === 'asOf'
          ? { org: q.org, asOf: q.compareAsOf ?? need('compareAsOf'), ...(q.baseline ? { baseline: q.baseline } : {}) }
          : { org: q.org, from: q.compareFrom ?? need('compareFrom'), to: q.compareTo ?? need('compareTo') };
      const a = await run(ctx, type, { org: q.org, asOf: q.asOf, from: q.from, to: q.to, baseline: q.baseline });
      const b = await run(ctx, type, second);
      const fa = figuresOf(a);
      const fb = figuresOf(b);
      const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
      const diff = Object.fromEntries(keys.map((k) => [k, fa[k] !== null && fa[k] !== undefined && fb[k] !== null && fb[k] !== undefined ? fa[k]! - fb[k]! : null]));
      return { a, b, diff };
    },

    /**
     * Ten-year (or N-year) trend: the report at the end of each year (as-of types) or over each
     * calendar year (window types), the current year up to today.
     */
    async trend(ctx: RequestCtx, type: string, q: ReportQuery & { years: number }) {
      const info = typeInfoOr404(type);
      const today = todayIso();
      const endYear = Number((q.asOf ?? q.to ?? today).slice(0, 4));
      const points = [];
      let last: ReportResult | null = null;
      for (let y = endYear - q.years + 1; y <= endYear; y++) {
        const end = `${y}-12-31` < today ? `${y}-12-31` : today;
        last = await run(ctx, type, info.period === 'asOf' ? { org: q.org, asOf: end, ...(info.baseline ? { baseline: dayBefore(`${y}-01-01`) } : {}) } : { org: q.org, from: `${y}-01-01`, to: end });
        points.push({ year: y, end, figures: figuresOf(last) });
      }
      // Row labels from the last year's run, for the chart legend.
      const rows = last ? last.tables.flatMap((t) => t.rows.map((r) => ({ key: `${t.id}.${r.key}`, table: t.title, label: r.label, columns: Object.keys(r.cells) }))) : [];
      return { type, series: points, rows };
    },
  };
}

function need(field: string): never {
  throw unprocessable('COMPARE_MISSING', `${field === 'compareAsOf' ? 'Ngày so sánh' : field === 'compareFrom' ? 'Từ ngày (kỳ so sánh)' : 'Đến ngày (kỳ so sánh)'}: cần nhập để so sánh.`, field);
}

export type ReportsEngine = ReturnType<typeof reportsEngine>;
