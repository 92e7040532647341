import { countCell, formatDateVi, ORG_KIND_LABELS, phanTramVi, ratio, ratioCell, reportTypeInfo, soVi, STUDY_COVERAGE_KINDS, type Cell, type DrillRow, type OrgKind, type Row } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { badFigure, col, needParam, STT, type DrillFn, type Pager } from '../drillKit.js';
import { fig, type Source } from '../figures.js';
import { countMembersOn } from '../populations.js';
import {
  loadCoverage,
  loadStudy,
  membersAttending,
  personTimes,
  sessionFilter,
  sessionMatches,
  STUDY_LEVEL_LABELS,
  STUDY_LEVELS,
  type SessionFilter,
  type SessionRow,
  type StudyData,
} from './study.population.js';

/** Học tập, quán triệt nghị quyết (STU): coverage, sessions and person-times by document and by level. */
export const study: ReportDefinition = {
  info: reportTypeInfo('hoc-tap-nghi-quyet')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const data = await loadStudy(rc, from, to);
    const cov = await loadCoverage(rc, from, to);
    const members = await countMembersOn(rc.db, to, await rc.prefixesOn(to));
    const st = (set: string, f: SessionFilter, more: Record<string, string> = {}) => fig('st', { f: from, t: to, set, doc: f.doc, lvl: f.lvl, ...more });
    const times = (f: SessionFilter): Record<string, Cell> => ({
      buoi: countCell(data.sessions.filter((s) => sessionMatches(s, f)).length, st('buoi', f)),
      luot_dv: countCell(personTimes(data, f, true).total, st('luot', f, { m: 'dv' })),
      luot_qc: countCell(personTimes(data, f, false).total, st('luot', f, { m: 'qc' })),
    });
    const docCells = (f: SessionFilter): Record<string, Cell> => ({
      to_chuc: ratioCell(cov.covered(f.doc).length, cov.bases.length, st('cov', f)),
      ...times(f),
      dv: ratioCell(membersAttending(data, f).total, members, st('dv', f)),
    });
    const docRows: Row[] = [
      { key: 'tong', label: 'Tất cả văn bản (mỗi buổi học tập tính một lần)', cells: docCells({}) },
      ...data.docs.map((d) => ({ key: d.key, label: `${d.symbol} ngày ${formatDateVi(d.doc_date)}: ${d.title}`, level: 1, cells: docCells({ doc: d.id }) })),
    ];
    const levelRows: Row[] = [
      { key: 'tong', label: 'Tổng số', cells: times({}) },
      ...STUDY_LEVELS.map((l) => ({ key: l, label: STUDY_LEVEL_LABELS[l], level: 1, cells: times({ lvl: l }) })),
    ];
    const denominators: Row[] = [
      { key: 'tccs', label: `Tổ chức cơ sở đảng tại ngày ${formatDateVi(to)}`, cells: { n: countCell(cov.bases.length, fig('o', { d: to, kind: STUDY_COVERAGE_KINDS.join(',') })) } },
      { key: 'dang_vien', label: `Đảng viên tại ngày ${formatDateVi(to)}`, cells: { n: countCell(members, fig('m', { d: to })) } },
    ];
    return {
      form: 'Học tập, quán triệt nghị quyết (seed-extraction §4 STU)',
      tables: [
        {
          id: 'van_ban',
          title: 'I. Học tập, quán triệt theo văn bản',
          columns: [
            { key: 'to_chuc', label: 'Tổ chức cơ sở đảng đã học tập (%)', kind: 'percent' },
            { key: 'buoi', label: 'Số buổi', kind: 'count' },
            { key: 'luot_dv', label: 'Lượt đảng viên', kind: 'count' },
            { key: 'luot_qc', label: 'Lượt quần chúng', kind: 'count' },
            { key: 'dv', label: 'Đảng viên dự so với tổng số đảng viên (%)', kind: 'percent' },
          ],
          rows: docRows,
          note: 'Một buổi học tập nhiều văn bản được tính cho từng văn bản; dòng "tất cả văn bản" tính mỗi buổi một lần.',
        },
        {
          id: 'cap',
          title: 'II. Theo cấp của tổ chức đảng tổ chức học tập',
          columns: [
            { key: 'buoi', label: 'Số buổi', kind: 'count' },
            { key: 'luot_dv', label: 'Lượt đảng viên', kind: 'count' },
            { key: 'luot_qc', label: 'Lượt quần chúng', kind: 'count' },
          ],
          rows: levelRows,
        },
        { id: 'mau_so', title: 'III. Mẫu số của các tỷ lệ', columns: [{ key: 'n', label: 'Số lượng', kind: 'count' }], rows: denominators },
      ],
      narrative: narrative(rc.orgName, from, to, data, cov, members),
      notes: [
        'Buổi học tập, quán triệt tính vào kỳ theo ngày học tập (gồm cả ngày đầu và ngày cuối kỳ) và thuộc phạm vi khi tổ chức đảng tổ chức buổi học thuộc phạm vi vào ngày đó.',
        'Lượt người: mỗi lần một người dự một buổi là một lượt; gồm người dự có ghi tên (là đảng viên hay không tính theo ngày học tập) và số người dự chỉ ghi số lượng. Quần chúng là người dự không phải đảng viên vào ngày học tập.',
        `Tỷ lệ tổ chức cơ sở đảng đã học tập: mẫu số là các tổ chức cơ sở đảng (đảng ủy xã, phường; đảng bộ cơ sở; chi bộ cơ sở) thuộc phạm vi tại ngày ${formatDateVi(to)} (ngày cuối kỳ); một tổ chức đã học tập khi chính tổ chức đó hoặc tổ chức đảng trực thuộc nó tổ chức ít nhất một buổi học tập văn bản trong kỳ, theo vị trí của tổ chức tổ chức buổi học tại ngày cuối kỳ (tổ chức đã giải thể, sáp nhập thì theo vị trí vào ngày học tập), như số liệu "Độ phủ học tập" của phân hệ văn bản.`,
        `Tỷ lệ đảng viên dự: mẫu số là số đảng viên thuộc phạm vi tại ngày ${formatDateVi(to)} (ngày cuối kỳ); tử số là những đảng viên đó đã dự có ghi tên (mỗi người một lần dù dự nhiều buổi; người đã từ trần, chuyển đi trước ngày cuối kỳ không tính) cộng số đảng viên dự chỉ ghi số lượng (không phân biệt được từng người nên tính đủ theo từng buổi).`,
      ],
    };
  },
};

function narrative(orgName: string, from: string, to: string, data: StudyData, cov: Awaited<ReturnType<typeof loadCoverage>>, members: number): string[] {
  if (!data.sessions.length) return [`Từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${orgName} chưa ghi nhận buổi học tập, quán triệt nghị quyết nào.`];
  const fig = (f: SessionFilter) => {
    const c = cov.covered(f.doc).length;
    const attending = membersAttending(data, f).total;
    return {
      sessions: soVi(data.sessions.filter((s) => sessionMatches(s, f)).length),
      times: `${soVi(personTimes(data, f, true).total)} lượt đảng viên và ${soVi(personTimes(data, f, false).total)} lượt quần chúng`,
      covered: `${soVi(c)}/${soVi(cov.bases.length)} tổ chức cơ sở đảng (${phanTramVi(ratio(c, cov.bases.length).percent)})`,
      members: `${soVi(attending)}/${soVi(members)} đảng viên (${phanTramVi(ratio(attending, members).percent)})`,
    };
  };
  const all = fig({});
  return [
    `Từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${orgName} tổ chức ${all.sessions} buổi học tập, quán triệt nghị quyết, văn bản cho ${all.times}; ${all.covered} đã tổ chức học tập ít nhất một văn bản.`,
    ...data.docs.map((d) => {
      const x = fig({ doc: d.id });
      return `Văn bản ${d.symbol}: ${x.covered} đã tổ chức học tập, quán triệt, với ${x.sessions} buổi, cho ${x.times}; ${x.members} đã dự học tập.`;
    }),
  ];
}

const SESSION_COLUMNS = [STT, col('held_on', 'Ngày học tập'), col('org', 'Tổ chức đảng tổ chức'), col('level', 'Cấp'), col('docs', 'Văn bản'), col('luot_dv', 'Lượt đảng viên', 'count'), col('luot_qc', 'Lượt quần chúng', 'count')];
const TIMES_COLUMNS = [STT, col('full_name', 'Họ và tên'), col('held_on', 'Ngày học tập'), col('org', 'Tổ chức đảng tổ chức'), col('docs', 'Văn bản')];
const MEMBER_COLUMNS = [STT, col('full_name', 'Họ và tên'), col('sessions', 'Số buổi đã dự', 'count'), col('held_on', 'Ngày học tập'), col('org', 'Tổ chức đảng tổ chức')];
const COVERED_COLUMNS = [STT, col('name', 'Tổ chức cơ sở đảng'), col('kind', 'Loại tổ chức'), col('sessions', 'Số buổi học tập', 'count')];

/** Person-times of one session, as the figures count them. */
const timesOf = (s: SessionRow, member: boolean) => (member ? s.named_members + s.member_count : s.named_others + s.non_member_count);

type ListRow = { s: SessionRow; person?: string; name?: string };

/**
 * One page of a list of people: the named ones, then one row per person recorded only as a
 * number in each session (so the list has as many rows as the figure counts); the unnamed rows
 * are made only for the page asked for.
 */
function pageOf(named: ListRow[], counted: { s: SessionRow; count: number }[], label: string, pg: Pager): ListRow[] {
  const start = pg.pageSize > 0 ? (pg.page - 1) * pg.pageSize : 0;
  const end = pg.pageSize > 0 ? start + pg.pageSize : Infinity;
  const out = named.slice(start, end);
  let offset = named.length;
  for (const { s, count } of counted) {
    for (let i = Math.max(start, offset); i < Math.min(end, offset + count); i++) out.push({ s, name: `${label} (ghi số lượng, ${i - offset + 1}/${count})` });
    offset += count;
  }
  return out;
}

/** `st:` — the sessions, person-times, members or organizations behind a study figure. */
const studyDrill: DrillFn = async (rc, params, pg) => {
  const from = needParam(params, 'f');
  const to = needParam(params, 't');
  const { set, m, f: _f, t: _t, ...rest } = params;
  const f = sessionFilter(rest);
  if (Object.keys(rest).some((k) => k !== 'doc' && k !== 'lvl')) throw badFigure('tham số không hợp lệ');
  const { slice, n, res } = pg;
  if (set === 'cov') {
    if (f.lvl) throw badFigure('tham số không hợp lệ');
    const orgs = (await loadCoverage(rc, from, to)).covered(f.doc);
    return res(
      'Tổ chức cơ sở đảng đã học tập',
      orgs.length,
      COVERED_COLUMNS,
      slice(orgs).map((o, i) => ({ stt: n(i), id: o.org_id, name: o.name, kind: ORG_KIND_LABELS[o.kind as OrgKind]?.vi ?? o.kind, sessions: o.sessions })),
    );
  }
  const data = await loadStudy(rc, from, to);
  const symbols = new Map(data.docs.map((d) => [d.id, d.symbol]));
  const where = (s: SessionRow) => ({ held_on: s.held_on, org: s.org_name, docs: s.docs.map((d) => symbols.get(d) ?? d).join('; ') });
  const bySession = new Map(data.sessions.map((s) => [s.id, s]));
  const named = (rows: { session_id: string; person_id: string }[]): ListRow[] => rows.map((a) => ({ s: bySession.get(a.session_id)!, person: a.person_id }));
  const names = async (rows: ListRow[]) => {
    const ids = rows.flatMap((r) => (r.person ? [r.person] : []));
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500)
      for (const p of await rc.db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', ids.slice(i, i + 500)).execute()) out.set(p.id, p.full_name);
    return (r: ListRow) => (r.person ? (out.get(r.person) ?? '') : r.name!);
  };
  if (set === 'buoi' && m === undefined) {
    const sessions = data.sessions.filter((s) => sessionMatches(s, f));
    return res(
      'Buổi học tập, quán triệt',
      sessions.length,
      SESSION_COLUMNS,
      slice(sessions).map((s, i) => ({ stt: n(i), id: s.id, ...where(s), level: STUDY_LEVEL_LABELS[s.level], luot_dv: timesOf(s, true), luot_qc: timesOf(s, false) })),
    );
  }
  if (set === 'luot' && (m === 'dv' || m === 'qc')) {
    const member = m === 'dv';
    const t = personTimes(data, f, member);
    const label = member ? 'Đảng viên' : 'Quần chúng';
    // Session by session, as the sessions are listed.
    const order = new Map(t.sessions.map((s, i) => [s.id, i]));
    const list = named([...t.named].sort((a, b) => order.get(a.session_id)! - order.get(b.session_id)!));
    const page = pageOf(list, t.counted.map((s) => ({ s, count: member ? s.member_count : s.non_member_count })), label, pg);
    const name = await names(page);
    return res(`Lượt ${label.toLowerCase()} dự học tập`, t.total, TIMES_COLUMNS, page.map((r, i): DrillRow => ({ stt: n(i), id: r.person ?? null, full_name: name(r), ...where(r.s) })));
  }
  if (set === 'dv' && m === undefined) {
    const a = membersAttending(data, f);
    const perPerson = new Map<string, number>();
    for (const x of personTimes(data, f, true).named) perPerson.set(x.person_id, (perPerson.get(x.person_id) ?? 0) + 1);
    const page = pageOf(named(a.people), a.counted.map((s) => ({ s, count: s.member_count })), 'Đảng viên', pg);
    const name = await names(page);
    return res(
      'Đảng viên đã dự học tập',
      a.total,
      MEMBER_COLUMNS,
      page.map((r, i): DrillRow => ({ stt: n(i), id: r.person ?? null, full_name: name(r), sessions: r.person ? perPerson.get(r.person)! : 1, held_on: r.s.held_on, org: r.s.org_name })),
    );
  }
  throw badFigure('nhóm số liệu học tập không hợp lệ');
};

export const studyReports: ReportDefinition[] = [study];
export const studyDrills: Partial<Record<Source, DrillFn>> = { st: studyDrill };
