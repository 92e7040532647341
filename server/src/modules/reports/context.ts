import { formatDateVi, periodTextVi, reportTypeInfo, todayIso, type ReportPeriod, type ReportQuery, type ReportResult, type ReportTypeInfo } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import { scopeFor } from '../../platform/scope.js';
import { resolveSubtree } from '../organizations/subtree.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { windowPrefixes } from '../stats/eventPlace.js';
import { refreshCellTallies } from './cellTally/refresh.js';

/** What a report type's builder is given: the subtree (read on any date, cut to the caller's scope) and the period. */
export interface ReportContext {
  db: Kysely<Database>;
  ctx: RequestCtx;
  orgId: string | undefined;
  orgName: string;
  period: ReportPeriod;
  /** The subtree on a date (the caller's part of it). */
  prefixesOn(asOf: string): Promise<string[]>;
  /** The subtree over a window: resolved at both ends, so a restructuring inside it loses nothing. */
  windowPrefixes(from: string, to: string): Promise<string[]>;
}

export type ReportBody = Pick<ReportResult, 'tables' | 'narrative' | 'notes'> & { form: string };

export interface ReportDefinition {
  info: ReportTypeInfo;
  build(rc: ReportContext): Promise<ReportBody>;
}

/** The period a query asks for, checked against what the report type takes. */
export function periodOf(info: ReportTypeInfo, q: ReportQuery): ReportPeriod {
  const today = todayIso();
  if (info.period === 'asOf') {
    if (q.from || q.to) throw unprocessable('PERIOD_KIND', 'Từ ngày: báo cáo này tính tại một ngày (dùng "Ngày báo cáo").', q.from ? 'from' : 'to');
    const asOf = q.asOf ?? today;
    if (asOf > today) throw unprocessable('FUTURE_DATE', 'Ngày báo cáo: không được sau hôm nay.', 'asOf');
    if (q.baseline && !info.baseline) throw unprocessable('NO_BASELINE', 'Ngày so sánh: báo cáo này không so sánh với mốc khác.', 'baseline');
    if (q.baseline && q.baseline >= asOf) throw unprocessable('BASELINE_ORDER', 'Ngày so sánh: phải trước ngày báo cáo.', 'baseline');
    return info.baseline ? { kind: 'asOf', asOf, baseline: q.baseline ?? `${Number(asOf.slice(0, 4)) - 10}-12-31` } : { kind: 'asOf', asOf };
  }
  if (q.asOf || q.baseline) throw unprocessable('PERIOD_KIND', 'Ngày báo cáo: báo cáo này tính trong một kỳ (dùng "Từ ngày" và "Đến ngày").', q.asOf ? 'asOf' : 'baseline');
  const lastFullYear = info.yearly && !q.from && !q.to ? String(Number(today.slice(0, 4)) - 1) : null;
  const to = q.to ?? (lastFullYear ? `${lastFullYear}-12-31` : today);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw unprocessable('WINDOW_ORDER', 'Từ ngày: phải không sau "Đến ngày".', 'from');
  if (to > today) throw unprocessable('FUTURE_DATE', 'Đến ngày: không được sau hôm nay.', 'to');
  return { kind: 'window', from, to };
}

export function typeInfoOr404(type: string): ReportTypeInfo {
  const info = reportTypeInfo(type);
  if (!info) throw notFound('REPORT_TYPE_NOT_FOUND', `Không có loại báo cáo "${type}".`);
  return info;
}

/** The report's subtree and its name; an organization outside the caller's scope is 404. */
export async function reportContext(db: Kysely<Database>, ctx: RequestCtx, q: ReportQuery, period: ReportPeriod): Promise<ReportContext> {
  const end = period.kind === 'asOf' ? period.asOf : period.to;
  const cache = new Map<string, Promise<string[]>>();
  const prefixesOn = (d: string) => {
    let p = cache.get(d);
    if (!p) {
      p = resolveSubtree(db, ctx, q.org, d).then((r) => r.prefixes);
      cache.set(d, p);
    }
    return p;
  };
  await prefixesOn(end); // refuses an organization outside the scope before any figure
  await refreshCellTallies(db);
  const scope = scopeFor(db, ctx.actor);
  const roots = q.org ? [q.org] : [...ctx.actor.scopeOrgIds];
  let orgName = 'Toàn bộ phạm vi';
  if (q.org) {
    const o = (await orgRepo.versionOn(db, q.org, end)) ?? (await orgRepo.current(db, q.org));
    orgName = o?.name ?? q.org;
  } else if (roots.length === 1) {
    const o = await orgRepo.current(db, roots[0]!);
    if (o) orgName = o.name;
  }
  return {
    db,
    ctx,
    orgId: q.org ?? (roots.length === 1 ? roots[0] : undefined),
    orgName,
    period,
    prefixesOn,
    windowPrefixes: (from, to) => windowPrefixes(db, roots, from, to, (d) => scope.pathsOn(d)),
  };
}

export function resultOf(def: ReportDefinition, rc: ReportContext, body: ReportBody): ReportResult {
  return {
    type: def.info.type,
    title: def.info.vi,
    form: body.form,
    org: { id: rc.orgId ?? '', name: rc.orgName },
    period: rc.period,
    periodText: periodTextVi(rc.period, def.info.windowRule),
    tables: body.tables,
    narrative: body.narrative,
    notes: body.notes,
  };
}

/** "từ 01/01/2011 đến 31/12/2020" for narratives. */
export const windowVi = (from: string, to: string) => `từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}`;
