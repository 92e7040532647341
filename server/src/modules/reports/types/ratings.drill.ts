import {
  NONPARTY_KIND_LABELS,
  NONPARTY_LEVEL_LABELS,
  NONPARTY_LEVELS,
  ORG_KIND_LABELS,
  RATING_EXEMPT_LABELS,
  RATING_EXEMPT_REASONS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  type DrillRow,
  type NonPartyKind,
  type NonPartyLevel,
  type OrgKind,
  type RatingExemptReason,
  type RatingLevel,
} from '@dangvu/common';
import { sql } from 'kysely';
import type { ReportContext } from '../context.js';
import { badFigure, col, needParam, STT, type DrillFn, type Pager } from '../drillKit.js';
import {
  BODY_GROUPS,
  BODY_STATUSES,
  bodiesOfYear,
  bodyExprs,
  bodyWhere,
  membersOfYear,
  orgsOfYear,
  POPULATION_KINDS,
  RATED_POPULATIONS,
  parseCode,
  ratedWhere,
  ratingCode,
  decidedColumn,
  RATING_STATUSES,
  yearEnd,
  type BodyFilter,
  type BodyGroup,
  type BodyStatus,
  type RatedFilter,
  type RatedPopulation,
  type RatingStatus,
} from './ratings.population.js';

/** One year's share of a drill: counted, then read a page at a time. */
interface Part {
  count(): Promise<number>;
  fetch(limit: number | null, offset: number): Promise<DrillRow[]>;
}

/** The years' lists one after another, paged as one list. */
async function concat(parts: readonly Part[], pg: Pager): Promise<{ total: number; rows: DrillRow[] }> {
  const counts: number[] = [];
  for (const p of parts) counts.push(await p.count());
  const total = counts.reduce((a, b) => a + b, 0);
  const rows: DrillRow[] = [];
  if (pg.pageSize === 0) {
    for (const p of parts) rows.push(...(await p.fetch(null, 0)));
    return { total, rows: rows.map((r, i) => ({ ...r, stt: pg.n(i) })) };
  }
  let skip = (pg.page - 1) * pg.pageSize;
  for (const [i, p] of parts.entries()) {
    const want = pg.pageSize - rows.length;
    if (want <= 0) break;
    if (skip >= counts[i]!) {
      skip -= counts[i]!;
      continue;
    }
    rows.push(...(await p.fetch(want, skip)));
    skip = 0;
  }
  return { total, rows: rows.map((r, i) => ({ ...r, stt: pg.n(i) })) };
}

/** "2020" or "2016-2020": the years a figure covers. */
function yearsOf(p: Record<string, string>): number[] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(needParam(p, 'y'));
  const a = Number(m?.[1]);
  const b = Number(m?.[2] ?? m?.[1]);
  if (!m || a < 1900 || b < a || b - a > 60) throw badFigure('năm xếp loại không hợp lệ');
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function onlyKeys(p: Record<string, string>, allowed: readonly string[]) {
  const extra = Object.keys(p).find((k) => !allowed.includes(k));
  if (extra) throw badFigure(`không có điều kiện "${extra}"`);
}

const STATUS_VI: Record<string, string> = { xl: 'Đã xếp loại', kxl: 'Không xếp loại', cqd: 'Chưa có quyết định xếp loại', cdg: 'Chưa có bản đánh giá', chua: 'Chưa có kết quả xếp loại' };
const statusVi = (st: string, kx: string | null) => (st === 'kxl' && kx ? `${STATUS_VI.kxl}: ${RATING_EXEMPT_LABELS[kx as RatingExemptReason]?.vi ?? kx}` : (STATUS_VI[st] ?? st));
const levelVi = (l: string | null) => (l ? (RATING_LEVEL_LABELS[l as RatingLevel]?.vi ?? l) : '');
const shown = (c: ReturnType<typeof parseCode>) => ({ muc: levelVi(c.lv), tinh_trang: statusVi(c.st, c.kx) });

const c = col;
const DECISION = [c('muc', 'Mức xếp loại'), c('tinh_trang', 'Tình trạng'), c('decision_no', 'Số quyết định'), c('decision_date', 'Ngày quyết định')];
const MEMBER_COLUMNS = [STT, c('nam', 'Năm'), c('full_name', 'Họ và tên'), c('birth_date', 'Ngày sinh'), c('org_name', 'Chi bộ (ngày 31/12 hoặc nơi sinh hoạt cuối cùng trong năm)'), ...DECISION];
const ORG_COLUMNS = [STT, c('nam', 'Năm'), c('name', 'Tên tổ chức'), c('kind', 'Loại tổ chức'), c('parent_name', 'Trực thuộc'), ...DECISION];
const BODY_COLUMNS = [
  STT,
  c('nam', 'Năm'),
  c('name', 'Tên cơ quan, đoàn thể'),
  c('kind', 'Loại'),
  c('org_name', 'Tổ chức đảng lãnh đạo'),
  c('muc', 'Mức xếp loại'),
  c('decision_no', 'Số quyết định'),
  c('decision_date', 'Ngày quyết định'),
  c('issuer', 'Cấp quyết định'),
];

function ratedFilter(p: Record<string, string>, pop: RatedPopulation): RatedFilter {
  const st = needParam(p, 'st') as RatingStatus;
  if (!RATING_STATUSES.includes(st) || (st === 'kl' && pop !== 'dv')) throw badFigure('tình trạng xếp loại không hợp lệ');
  if (p.lv && !(RATING_LEVELS as readonly string[]).includes(p.lv)) throw badFigure('mức xếp loại không hợp lệ');
  if (p.ly && !(RATING_EXEMPT_REASONS as readonly string[]).includes(p.ly)) throw badFigure('lý do không xếp loại không hợp lệ');
  const tiers = p.tier?.split(',').map(Number);
  if (tiers && !tiers.every((t) => [1, 2, 3, 4].includes(t))) throw badFigure('mức tương đương không hợp lệ');
  return { st, ...(p.lv ? { lv: p.lv as RatingLevel } : {}), ...(tiers ? { tiers } : {}), ...(p.ly ? { reason: p.ly } : {}) };
}

/** `rt:` members, grassroots organizations or cells of some rating years, by status and level on the report's end date. */
const ratedDrill: DrillFn = async (rc: ReportContext, p, pg) => {
  onlyKeys(p, ['s', 'y', 'd', 'st', 'lv', 'tier', 'ly']);
  const pop = needParam(p, 's') as RatedPopulation;
  if (!RATED_POPULATIONS.includes(pop)) throw badFigure('đối tượng xếp loại không hợp lệ');
  const end = needParam(p, 'd');
  const f = ratedFilter(p, pop);
  const parts: Part[] = [];
  for (const y of yearsOf(p)) {
    const prefixes = await rc.windowPrefixes(`${y}-01-01`, yearEnd(y));
    const x = { code: ratingCode(end), hasRating: sql<number>`case when r.id is null then 0 else 1 end`, decisionNo: decidedColumn('decision_no', end), decisionDate: decidedColumn('decision_date', end) };
    const status = (r: { code: string | null; has_r: number | string }) => parseCode(r.code, Number(r.has_r) === 1);
    const where = ratedWhere(pop, y, end, f);
    if (pop === 'dv') {
      const base = membersOfYear(rc.db, y, prefixes).where(where);
      parts.push({
        count: async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
        fetch: async (limit, offset) => {
          const q = base
            .select(['p.id', 'p.full_name', 'p.birth_date', 'v.name as org_name', x.code.as('code'), x.hasRating.as('has_r'), x.decisionNo.as('dno'), x.decisionDate.as('ddate')])
            .orderBy('p.sort_key')
            .orderBy('p.id');
          const rows = await (limit === null ? q : q.limit(limit).offset(offset)).execute();
          return rows.map((r) => ({
            id: r.id,
            nam: String(y),
            full_name: r.full_name,
            birth_date: r.birth_date,
            org_name: r.org_name,
            ...shown(status(r)),
            decision_no: r.dno,
            decision_date: r.ddate,
          }));
        },
      });
    } else {
      const base = orgsOfYear(rc.db, y, prefixes, POPULATION_KINDS[pop]).where(where);
      const d = yearEnd(y);
      parts.push({
        count: async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
        fetch: async (limit, offset) => {
          const q = base
            .select([
              'v.org_id',
              'v.name',
              'v.kind',
              sql<string | null>`(select pv.name from organization_version pv where pv.org_id = v.parent_id and pv.valid_from <= ${d} order by pv.valid_from desc limit 1)`.as('parent_name'),
              x.code.as('code'),
              x.hasRating.as('has_r'),
              x.decisionNo.as('dno'),
              x.decisionDate.as('ddate'),
            ])
            .orderBy('v.path')
            .orderBy('v.org_id');
          const rows = await (limit === null ? q : q.limit(limit).offset(offset)).execute();
          return rows.map((r) => ({
            id: r.org_id,
            nam: String(y),
            name: r.name,
            kind: ORG_KIND_LABELS[r.kind as OrgKind]?.vi ?? r.kind,
            parent_name: r.parent_name,
            ...shown(status(r)),
            decision_no: r.dno,
            decision_date: r.ddate,
          }));
        },
      });
    }
  }
  const { total, rows } = await concat(parts, pg);
  const title = pop === 'dv' ? 'Đảng viên — đánh giá, xếp loại' : pop === 'tccs' ? 'Tổ chức cơ sở đảng — đánh giá, xếp loại' : 'Chi bộ trực thuộc — đánh giá, xếp loại';
  return pg.res(title, total, pop === 'dv' ? MEMBER_COLUMNS : ORG_COLUMNS, rows);
};

function bodyFilter(p: Record<string, string>): BodyFilter {
  const st = needParam(p, 'st') as BodyStatus;
  if (!BODY_STATUSES.includes(st)) throw badFigure('tình trạng xếp loại không hợp lệ');
  const lv = p.lv?.split(',');
  if (lv && !lv.every((l) => (NONPARTY_LEVELS as readonly string[]).includes(l))) throw badFigure('mức xếp loại không hợp lệ');
  if (p.grp && !(BODY_GROUPS as readonly string[]).includes(p.grp)) throw badFigure('nhóm cơ quan, đoàn thể không hợp lệ');
  return { st, ...(lv ? { lv } : {}), ...(p.grp ? { grp: p.grp as BodyGroup } : {}) };
}

/** `nb:` non-party bodies of some rating years, by group and by the level in force on the report's end date. */
const bodyDrill: DrillFn = async (rc, p, pg) => {
  onlyKeys(p, ['y', 'd', 'st', 'lv', 'grp']);
  const end = needParam(p, 'd');
  const f = bodyFilter(p);
  const parts: Part[] = [];
  for (const y of yearsOf(p)) {
    const x = bodyExprs(y, end);
    const base = bodiesOfYear(rc.db, y, end, await rc.windowPrefixes(`${y}-01-01`, yearEnd(y))).where(bodyWhere(y, end, f));
    parts.push({
      count: async () => Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      fetch: async (limit, offset) => {
        const q = base
          .select(['b.id', 'b.name', 'b.kind', 'v.name as org_name', x.level.as('lv'), x.decisionNo.as('dno'), x.decisionDate.as('ddate'), x.issuer.as('issuer')])
          .orderBy('v.path')
          .orderBy('b.kind')
          .orderBy('b.id');
        const rows = await (limit === null ? q : q.limit(limit).offset(offset)).execute();
        return rows.map((r) => ({
          id: r.id,
          nam: String(y),
          name: r.name,
          kind: NONPARTY_KIND_LABELS[r.kind as NonPartyKind]?.vi ?? r.kind,
          org_name: r.org_name,
          muc: r.lv ? (NONPARTY_LEVEL_LABELS[r.lv as NonPartyLevel]?.vi ?? r.lv) : STATUS_VI.chua!,
          decision_no: r.dno,
          decision_date: r.ddate,
          issuer: r.issuer,
        }));
      },
    });
  }
  const { total, rows } = await concat(parts, pg);
  return pg.res('Chính quyền, Mặt trận, đoàn thể — xếp loại', total, BODY_COLUMNS, rows);
};

export const ratingDrills: Partial<Record<'rt' | 'nb', DrillFn>> = { rt: ratedDrill, nb: bodyDrill };
