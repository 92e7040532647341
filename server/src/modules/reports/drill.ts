import { COVERAGE_GROUP_KINDS, COVERAGE_GROUPS, ETHNICITIES, HOST_TYPE_LABELS, MEMBER_EVENT_LABELS, ORG_EVENT_LABELS, ORG_KIND_LABELS, ROTATION_KIND_LABELS, SEX_LABELS, type CoverageGroup, type DrillPage } from '@dangvu/common';
import { sql, type Expression, type SqlBool } from 'kysely';
import { unitsOn } from '../cadres/hostUnits.queries.js';
import type { ReportContext } from './context.js';
import { dimExpr, isEventDim, isMemberDim, type Dim } from './dimensions.js';
import { MORE_DRILLS } from './drillSources.js';
import { badFigure, col, needParam, pager, STT } from './drillKit.js';
import { parseFigure } from './figures.js';
import { eventsIn, fewFullMembers, FLOWS, membersOn, orgEventsIn, orgsOn, type Flow } from './populations.js';
import { UNIT_CLASSES } from './types/coverage.js';
import { postSets } from './types/posts.js';
import { LEVELS, rotationRows } from './types/rotations.js';
import { FLOW_LABELS } from './types/movement.js';

export type { DrillPage } from '@dangvu/common';

const bad = badFigure;
const label = (labels: Record<string, { vi: string }>, k: string | null) => (k ? (labels[k]?.vi ?? k) : '');
const ethnicityVi = new Map<string, string>(ETHNICITIES.map((e) => [e.code, e.vi]));

/** `dim=value` and `dimnot=value` filters of a key, as predicates with the same SQL the figures were counted with. */
function dimFilters(params: Record<string, string>, asOf: string, allowed: (d: string) => boolean, onEvent = false): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (['d', 'f', 't', 'flow'].includes(k)) continue;
    const not = k.endsWith('not');
    const dim = (not ? k.slice(0, -3) : k) as Dim;
    if (!allowed(dim)) throw bad(`không có chiều phân tổ "${k}"`);
    out.push(not ? sql<SqlBool>`${dimExpr(dim, asOf, onEvent)} <> ${v}` : sql<SqlBool>`${dimExpr(dim, asOf, onEvent)} = ${v}`);
  }
  return out;
}

const need = needParam;

/** The records behind a figure, paged; `pageSize` 0 means all of them (exports). */
export async function drill(rc: ReportContext, key: string, page: number, pageSize: number): Promise<DrillPage> {
  const { source, params } = parseFigure(key);
  const db = rc.db;
  const pg = pager(key, page, pageSize);
  const more = MORE_DRILLS[source];
  if (more) return more(rc, params, pg);
  const { lim, slice, n, res } = pg;

  if (source === 'm') {
    const d = need(params, 'd');
    const where = dimFilters(params, d, isMemberDim);
    const base = membersOn(db, d, await rc.prefixesOn(d)).$if(where.length > 0, (q) => q.where(sql<SqlBool>`${sql.join(where, sql` and `)}`));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await lim(base.select(['p.id', 'p.full_name', 'p.sex', 'p.birth_date', 'p.ethnicity', 'p.admitted_on', 'p.official_on', 'v.name as org_name']).orderBy('p.sort_key').orderBy('p.id')).execute();
    return res('Đảng viên', total, MEMBER_COLUMNS, rows.map((r, i) => ({ stt: n(i), id: r.id, full_name: r.full_name, sex: label(SEX_LABELS, r.sex), birth_date: r.birth_date, ethnicity: ethnicityVi.get(r.ethnicity) ?? r.ethnicity, org_name: r.org_name, admitted_on: r.admitted_on, official_on: r.official_on })));
  }
  if (source === 'e') {
    const f = need(params, 'f');
    const t = need(params, 't');
    const flows = need(params, 'flow').split(',') as Flow[];
    if (!flows.every((x) => (FLOWS as readonly string[]).includes(x))) throw bad('loại biến động không hợp lệ');
    const where = dimFilters(params, f, isEventDim, true);
    const base = eventsIn(db, flows, f, t, await rc.windowPrefixes(f, t)).$if(where.length > 0, (q) => q.where(sql<SqlBool>`${sql.join(where, sql` and `)}`));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await lim(
      base
        .select([
          'me.id',
          'p.id as person_id',
          'p.full_name',
          'p.sex',
          'p.birth_date',
          'p.ethnicity',
          'me.kind',
          'me.effective_date',
          'me.decision_no',
          sql<string | null>`(select v.name from organization_version v where v.org_id = me.org_id and v.valid_from <= me.effective_date and (v.valid_to is null or v.valid_to > me.effective_date))`.as('org_name'),
        ])
        .orderBy('me.effective_date')
        .orderBy('p.sort_key')
        .orderBy('me.id'),
    ).execute();
    return res(
      flows.map((x) => FLOW_LABELS[x]).join(', '),
      total,
      EVENT_COLUMNS,
      rows.map((r, i) => ({ stt: n(i), id: r.person_id, full_name: r.full_name, sex: label(SEX_LABELS, r.sex), birth_date: r.birth_date, ethnicity: ethnicityVi.get(r.ethnicity) ?? r.ethnicity, kind: label(MEMBER_EVENT_LABELS, r.kind), effective_date: r.effective_date, decision_no: r.decision_no, org_name: r.org_name })),
    );
  }
  if (source === 'o') {
    const d = need(params, 'd');
    const base = orgsOn(db, d, await rc.prefixesOn(d))
      .$if(!!params.kind, (q) => q.where('v.kind', 'in', params.kind!.split(',')))
      .$if(!!params.host, (q) => q.where('v.host_type', '=', params.host!))
      .$if(params.small === '1', (q) => q.where(fewFullMembers(d)));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await lim(
      base
        .select(['v.org_id', 'v.name', 'v.kind', 'v.host_type', 'v.valid_from', sql<string | null>`(select pv.name from organization_version pv where pv.org_id = v.parent_id and pv.valid_from <= ${d} and (pv.valid_to is null or pv.valid_to > ${d}))`.as('parent_name')])
        .orderBy('v.path'),
    ).execute();
    return res('Tổ chức đảng', total, ORG_COLUMNS, rows.map((r, i) => ({ stt: n(i), id: r.org_id, name: r.name, kind: label(ORG_KIND_LABELS, r.kind), host_type: label(HOST_TYPE_LABELS, r.host_type), parent_name: r.parent_name, valid_from: r.valid_from })));
  }
  if (source === 'oe') {
    const f = need(params, 'f');
    const t = need(params, 't');
    const base = orgEventsIn(db, f, t, await rc.windowPrefixes(f, t)).$if(!!params.kind, (q) => q.where('ev.kind', '=', params.kind!));
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await lim(base.select(['ev.id', 'ev.kind', 'ev.effective_date', 'ev.decision_no', 'ev.issuer']).orderBy('ev.effective_date').orderBy('ev.id')).execute();
    const links = rows.length
      ? await db
          .selectFrom('org_event_link as l')
          .select(['l.event_id', 'l.from_org_id', 'l.to_org_id'])
          .where('l.event_id', 'in', rows.map((r) => r.id))
          .execute()
      : [];
    const names = new Map<string, string>();
    const ids = [...new Set(links.flatMap((l) => [l.from_org_id, l.to_org_id]).filter((x): x is string => !!x))];
    if (ids.length) for (const v of await db.selectFrom('organization_version').select(['org_id', 'name', 'valid_from']).where('org_id', 'in', ids).orderBy('valid_from').execute()) names.set(v.org_id, v.name);
    return res(
      'Quyết định sắp xếp tổ chức',
      total,
      ORG_EVENT_COLUMNS,
      rows.map((r, i) => ({
        stt: n(i),
        id: r.id,
        kind: label(ORG_EVENT_LABELS, r.kind),
        effective_date: r.effective_date,
        decision_no: r.decision_no,
        issuer: r.issuer,
        orgs: [...new Set(links.filter((l) => l.event_id === r.id).flatMap((l) => [l.from_org_id, l.to_org_id]).filter((x): x is string => !!x))].map((x) => names.get(x) ?? x).join('; '),
      })),
    );
  }
  if (source === 'u') {
    const d = need(params, 'd');
    const grp = need(params, 'grp') as CoverageGroup;
    const cls = UNIT_CLASSES[need(params, 'st')];
    if (!COVERAGE_GROUPS.includes(grp) || !cls) throw bad('nhóm đơn vị không hợp lệ');
    const units = (await unitsOn(db, d, await rc.prefixesOn(d), COVERAGE_GROUP_KINDS[grp])).filter(cls.test);
    units.sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi') || a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id));
    const links: Record<string, string> = { own: 'Chi bộ riêng', shared: 'Ghép', none: 'Chưa có chi bộ' };
    return res(
      cls.label,
      units.length,
      UNIT_COLUMNS,
      slice(units).map((u, i) => ({ stt: n(i), id: u.id, name: u.name, kind: label(HOST_TYPE_LABELS, u.kind), commune: u.orgName, cell: u.cellName, link: links[u.link] ?? u.link, members: u.members, full_members: u.fullMembers })),
    );
  }
  if (source === 'p') {
    const d = need(params, 'd');
    const set = (await postSets(rc, d))[need(params, 'set')];
    if (!set) throw bad('nhóm chức vụ không hợp lệ');
    return res('Người giữ chức vụ', set.length, POST_COLUMNS, slice(set).map((s, i) => ({ stt: n(i), id: s.personId, full_name: s.fullName, detail: s.detail, is_member: s.isMember ? 'Có' : 'Không' })));
  }
  // source === 'r'
  const f = need(params, 'f');
  const t = need(params, 't');
  const rows = (await rotationRows(rc, f, t)).filter((r) => (!params.kind || r.kind === params.kind) && (!params.dir || r.dir === params.dir));
  return res(
    'Luân chuyển, điều động, tăng cường',
    rows.length,
    ROTATION_COLUMNS,
    slice(rows).map((r, i) => {
      const [a, b] = r.dir.split('-') as [string, string];
      return { stt: n(i), id: r.id, full_name: r.full_name, kind: label(ROTATION_KIND_LABELS, r.kind), effective_date: r.effective_date, decision_no: r.decision_no, from_name: r.from_name, to_name: r.to_name, dir: `${LEVELS[a]} → ${LEVELS[b]}` };
    }),
  );
}

const c = col;
export const MEMBER_COLUMNS = [STT, c('full_name', 'Họ và tên'), c('sex', 'Giới tính'), c('birth_date', 'Ngày sinh'), c('ethnicity', 'Dân tộc'), c('org_name', 'Chi bộ'), c('admitted_on', 'Ngày vào Đảng'), c('official_on', 'Ngày chính thức')];
const EVENT_COLUMNS = [STT, c('full_name', 'Họ và tên'), c('sex', 'Giới tính'), c('birth_date', 'Ngày sinh'), c('ethnicity', 'Dân tộc'), c('kind', 'Biến động'), c('effective_date', 'Ngày hiệu lực'), c('decision_no', 'Số quyết định'), c('org_name', 'Chi bộ')];
const ORG_COLUMNS = [STT, c('name', 'Tên tổ chức'), c('kind', 'Loại tổ chức'), c('host_type', 'Loại hình đơn vị'), c('parent_name', 'Trực thuộc'), c('valid_from', 'Từ ngày')];
const ORG_EVENT_COLUMNS = [STT, c('kind', 'Loại quyết định'), c('effective_date', 'Ngày hiệu lực'), c('decision_no', 'Số quyết định'), c('issuer', 'Cơ quan ban hành'), c('orgs', 'Tổ chức liên quan')];
const UNIT_COLUMNS = [STT, c('name', 'Tên đơn vị'), c('kind', 'Loại'), c('commune', 'Thuộc'), c('cell', 'Chi bộ'), c('link', 'Tình trạng'), c('members', 'Số đảng viên', 'count'), c('full_members', 'Đảng viên chính thức', 'count')];
const POST_COLUMNS = [STT, c('full_name', 'Họ và tên'), c('detail', 'Chức vụ, đơn vị'), c('is_member', 'Là đảng viên')];
const ROTATION_COLUMNS = [STT, c('full_name', 'Họ và tên'), c('kind', 'Hình thức'), c('effective_date', 'Ngày hiệu lực'), c('decision_no', 'Số quyết định'), c('from_name', 'Nơi đi'), c('to_name', 'Nơi đến'), c('dir', 'Hướng')];
