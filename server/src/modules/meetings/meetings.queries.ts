import {
  existedWholeMonth,
  lastDayOf,
  monthOf,
  monthsOfYear,
  rollupYear,
  todayIso,
  YEAR_CLASSES,
  type MeetingClass,
  type MeetingListQuery,
  type MeetingStatusQuery,
  type MeetingYearQuery,
  type YearClass,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, minimalPrefixes } from '../../db/sql.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { summaryOf } from './meetings.detail.js';
import { cellsOn, existenceOf, orgNames, orgOn, rulesFor, subtreePrefixes } from './meetings.repository.js';

type Db = Kysely<Database>;

export interface YearRow {
  orgId: string;
  orgName: string;
  kind: string;
  cls: YearClass;
  judged: number;
  counts: Record<MeetingClass, number>;
  missing: number;
  thematic: number;
  rules: string;
  /** Per month: its class, 'khong_cham' when judged without a scored meeting, null when not judged. */
  months: Record<string, MeetingClass | 'khong_cham' | null>;
  explanation: { vi: string; en: string };
}

/** Mid-month: the date each month's scope and subtree are resolved on. */
const midMonth = (month: string) => `${month}-15`;

/**
 * Prefixes over a run of months. Paths are made of ids, so a meeting whose path lies under the
 * asked organization's path of any month was in that organization's subtree when it met.
 */
async function prefixesOver(db: Db, ctx: RequestCtx, months: readonly string[], orgId?: string): Promise<string[]> {
  if (orgId) {
    const scope = scopeFor(db, ctx.actor);
    const mine = scope.selfOnly ? [] : await scope.pathsOn(todayIso());
    const org = await orgOn(db, orgId, todayIso());
    // The asked organization must be visible today or in one of the months.
    let visible = !!org && pathWithin(org.path, mine);
    for (const m of months) {
      if (visible) break;
      const o = await orgOn(db, orgId, midMonth(m));
      visible = !!o && pathWithin(o.path, scope.selfOnly ? [] : await scope.pathsOn(midMonth(m)));
    }
    if (!visible) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức (hoặc tổ chức nằm ngoài phạm vi của bạn).');
  }
  const all: string[] = [];
  for (const m of months) all.push(...(await subtreePrefixes(db, ctx, midMonth(m), orgId)));
  return minimalPrefixes(all);
}

export function meetingsQueries(db: Db) {
  async function list(ctx: RequestCtx, q: MeetingListQuery) {
    const today = todayIso();
    const months = q.month ? [q.month] : monthsOfYear(q.year ?? Number(today.slice(0, 4)));
    const prefixes = await prefixesOver(db, ctx, months, q.org);
    let base = db.selectFrom('meeting').where(inSubtrees('path', prefixes)).where('month', 'in', months);
    if (q.kind) base = base.where('kind', '=', q.kind);
    if (q.state) base = base.where('state', '=', q.state);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('month', 'desc')
      .orderBy('path')
      .orderBy('planned_on')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const names = await orgNames(db, rows.map((r) => r.org_id));
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => summaryOf(r, names.get(r.org_id) ?? r.org_id)) };
  }

  /** Cells of a subtree that have not met, or met without attendance or score, in a month. */
  async function status(ctx: RequestCtx, q: MeetingStatusQuery) {
    const today = todayIso();
    const month = q.month ?? monthOf(today);
    const on = lastDayOf(month) < today ? lastDayOf(month) : today;
    if (q.org) await prefixesOver(db, ctx, [month], q.org);
    const prefixes = await subtreePrefixes(db, ctx, on, q.org);
    const cells = await cellsOn(db, prefixes, on);
    const meetings = cells.length
      ? await db
          .selectFrom('meeting')
          .select(['id', 'org_id', 'state', 'planned_on', 'held_on', 'attendance_recorded', 'score_class', 'kind'])
          .where('month', '=', month)
          .where('kind', '=', 'thuong_ky')
          .where(inSubtrees('path', await subtreePrefixes(db, ctx, midMonth(month), q.org)))
          .execute()
      : [];
    const byCell = new Map(meetings.map((m) => [m.org_id, m]));
    const parents = await orgNames(db, cells.map((c) => c.parentId).filter((p): p is string => !!p));
    const items = cells.map((c) => {
      const m = byCell.get(c.id);
      const held = !!m && (m.state === 'da_hop' || m.state === 'da_dong');
      const status = !held ? 'chua_hop' : !m.attendance_recorded || m.score_class === null ? 'chua_bao_cao' : 'da_bao_cao';
      return {
        orgId: c.id,
        orgName: c.name,
        parentName: c.parentId ? (parents.get(c.parentId) ?? null) : null,
        status,
        meetingId: m?.id ?? null,
        plannedOn: m?.planned_on ?? null,
        heldOn: m?.held_on ?? null,
        missing: held ? [...(m.attendance_recorded ? [] : ['diem_danh']), ...(m.score_class === null ? ['cham_diem'] : [])] : [],
      };
    });
    const count = (s: string) => items.filter((i) => i.status === s).length;
    return {
      month,
      cells: cells.length,
      notMet: count('chua_hop'),
      notReported: count('chua_bao_cao'),
      reported: count('da_bao_cao'),
      items: q.include === 'all' ? items : items.filter((i) => i.status !== 'da_bao_cao'),
    };
  }

  /**
   * Yearly classes per cell with the rule in force, and the counts later reports use: classes by
   * population (chi bộ trực thuộc vs chi bộ cơ sở) and meetings with higher-level attendees.
   */
  async function yearly(ctx: RequestCtx, q: MeetingYearQuery) {
    const today = todayIso();
    const year = q.year ?? Number(today.slice(0, 4));
    const months = monthsOfYear(year);
    const prefixes = await prefixesOver(db, ctx, months, q.org);
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year + 1}-01-01`;
    // Every cell version that lay in the subtree at some time in the year.
    const versions = prefixes.length
      ? await db
          .selectFrom('organization_version as v')
          .select(['v.org_id', 'v.name', 'v.kind', 'v.path', 'v.valid_from', 'v.valid_to'])
          .where('v.kind', 'in', ['chi_bo_co_so', 'chi_bo_truc_thuoc'])
          .where('v.valid_from', '<', yearEnd)
          .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', yearStart)]))
          .where(inSubtrees('v.path', prefixes))
          .orderBy('v.org_id')
          .orderBy('v.valid_from')
          .execute()
      : [];
    const latest = new Map<string, (typeof versions)[number]>();
    const inSubtree = new Map<string, (typeof versions)[number][]>();
    for (const v of versions) {
      latest.set(v.org_id, v);
      inSubtree.set(v.org_id, [...(inSubtree.get(v.org_id) ?? []), v]);
    }
    // A cell moved in or out during the year answers here only for the months it lay in this subtree;
    // its other months belong to the organization it was under then.
    const hereIn = (id: string, mo: string) => (inSubtree.get(id) ?? []).some((v) => v.valid_from <= midMonth(mo) && (v.valid_to === null || v.valid_to > midMonth(mo)));
    const ids = [...latest.keys()];
    const existence = await existenceOf(db, ids);
    const meetings = prefixes.length
      ? await db
          .selectFrom('meeting')
          .select(['org_id', 'month', 'kind', 'score_class', 'held_on', 'n_higher', 'id'])
          .where('month', 'in', months)
          .where(inSubtrees('path', prefixes))
          .orderBy('held_on')
          .orderBy('id')
          .execute()
      : [];
    const monthly = new Map<string, Map<string, MeetingClass>>();
    const higher = { meetings: 0, cells: new Set<string>() };
    const thematic = new Map<string, number>();
    for (const m of meetings) {
      if ((m.n_higher ?? 0) > 0) {
        higher.meetings++;
        higher.cells.add(m.org_id);
      }
      if (m.kind === 'chuyen_de' && m.held_on) thematic.set(m.org_id, (thematic.get(m.org_id) ?? 0) + 1);
      if (m.kind !== 'thuong_ky' || !m.score_class) continue;
      const byMonth = monthly.get(m.org_id) ?? new Map<string, MeetingClass>();
      byMonth.set(m.month, m.score_class as MeetingClass);
      monthly.set(m.org_id, byMonth);
    }
    const rows: YearRow[] = [];
    const rulesCache = new Map<string, Awaited<ReturnType<typeof rulesFor>>>();
    for (const id of ids) {
      const v = latest.get(id)!;
      const periods = existence.get(id) ?? [];
      const judged = new Map<string, MeetingClass | null>();
      for (const mo of months) if (lastDayOf(mo) < today && existedWholeMonth(periods, mo) && hereIn(id, mo)) judged.set(mo, monthly.get(id)?.get(mo) ?? null);
      const parent = v.path.slice(0, v.path.slice(0, -1).lastIndexOf('/') + 1);
      let rules = rulesCache.get(parent);
      if (!rules) rulesCache.set(parent, (rules = await rulesFor(db, v.path, `${year}-12-31`)));
      const r = rollupYear(rules.rollup, judged);
      rows.push({
        orgId: id,
        orgName: v.name,
        kind: v.kind,
        cls: r.cls,
        judged: r.judged,
        counts: r.counts,
        missing: r.missing,
        thematic: thematic.get(id) ?? 0,
        rules: rules.rollup.id,
        months: Object.fromEntries(months.map((mo) => [mo, judged.has(mo) ? (judged.get(mo) ?? 'khong_cham') : null])),
        explanation: r.explanation,
      });
    }
    rows.sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi'));
    const tally = (kind: string) => Object.fromEntries(YEAR_CLASSES.map((c) => [c, rows.filter((r) => r.kind === kind && r.cls === c).length])) as Record<YearClass, number>;
    const rollup = (await rulesFor(db, prefixes[0] ?? '/', `${year}-12-31`)).rollup;
    return {
      year,
      rules: { id: rollup.id, name: rollup.name, description: rollup.description, minMonths: rollup.minMonths },
      byPopulation: { chi_bo_truc_thuoc: tally('chi_bo_truc_thuoc'), chi_bo_co_so: tally('chi_bo_co_so') },
      higherAttendance: { meetings: higher.meetings, cells: higher.cells.size },
      items: rows,
    };
  }

  return { list, status, yearly };
}

