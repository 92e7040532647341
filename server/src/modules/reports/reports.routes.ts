import { compareQuery, drillQuery, formatDateVi, REPORT_TYPES, reportQuery, trendQuery, type ReportResult } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { requireCtx } from '../../platform/http.js';
import { reportsEngine } from './engine.js';
import { REPORTS } from './registry.js';
import { drillCsv, reportCsv } from './export/csv.js';
import { reportDocx } from './export/docx.js';
import { drillXlsx, reportXlsx } from './export/xlsx.js';

const typeParam = z.object({ type: z.string().min(1).max(40) });
const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** A file name from the report: type, then the date or window, ASCII only. */
export function reportFileName(r: Pick<ReportResult, 'type' | 'period'>, ext: string, suffix = ''): string {
  const p = r.period.kind === 'asOf' ? r.period.asOf : `${r.period.from}_${r.period.to}`;
  return `bao-cao-${r.type}${suffix}-${p}.${ext}`;
}

/** Renders a report in one of the export formats. */
export async function renderReport(r: ReportResult, format: 'json' | 'xlsx' | 'docx' | 'csv'): Promise<Buffer | string> {
  if (format === 'xlsx') return reportXlsx(r);
  if (format === 'docx') return reportDocx(r);
  if (format === 'csv') return reportCsv(r);
  return JSON.stringify(r, null, 2);
}

export function reportsRoutes(db: Db): FastifyPluginAsyncZod {
  const engine = reportsEngine(db.kysely);
  return async (app) => {
    const tags = ['reports'];
    app.get('/reports', { schema: { tags } }, async (req) => {
      requireCtx(req, 'org.read');
      return { types: REPORT_TYPES.filter((t) => REPORTS[t.type]), waiting: REPORT_TYPES.filter((t) => !REPORTS[t.type]) };
    });
    app.get('/reports/:type', { schema: { tags, params: typeParam, querystring: reportQuery } }, async (req) => engine.run(requireCtx(req, 'org.read'), req.params.type, req.query));
    app.get('/reports/:type/export.:format', { schema: { tags, params: typeParam.extend({ format: z.enum(['json', 'xlsx', 'docx', 'csv']) }), querystring: reportQuery } }, async (req, reply) => {
      const r = await engine.run(requireCtx(req, 'org.read'), req.params.type, req.query);
      const format = req.params.format;
      reply.header('content-type', MIME[format]);
      reply.header('content-disposition', `attachment; filename="${reportFileName(r, format)}"`);
      return reply.send(await renderReport(r, format));
    });
    app.get('/reports/:type/drill', { schema: { tags, params: typeParam, querystring: drillQuery } }, async (req) => {
      const { figure, page, pageSize, ...q } = req.query;
      return engine.drill(requireCtx(req, 'member.read'), req.params.type, q, figure, page, pageSize);
    });
    app.get('/reports/:type/drill/export.:format', { schema: { tags, params: typeParam.extend({ format: z.enum(['csv', 'xlsx']) }), querystring: drillQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
      const { figure, ...q } = req.query;
      const ctx = requireCtx(req, 'member.read');
      const d = await engine.drill(ctx, req.params.type, q, figure, 1, 0);
      const period = q.asOf ? `Tại ngày ${formatDateVi(q.asOf)}` : q.from && q.to ? `Từ ${formatDateVi(q.from)} đến ${formatDateVi(q.to)}` : '';
      reply.header('content-type', MIME[req.params.format]);
      reply.header('content-disposition', `attachment; filename="danh-sach-${req.params.type}.${req.params.format}"`);
      return reply.send(req.params.format === 'csv' ? drillCsv(d) : await drillXlsx(d, [period].filter(Boolean)));
    });
    app.get('/reports/:type/compare', { schema: { tags, params: typeParam, querystring: compareQuery } }, async (req) => engine.compare(requireCtx(req, 'org.read'), req.params.type, req.query));
    app.get('/reports/:type/trend', { schema: { tags, params: typeParam, querystring: trendQuery } }, async (req) => engine.trend(requireCtx(req, 'org.read'), req.params.type, req.query));
  };
}
