import {
  can,
  countCell,
  DISCIPLINE_FORM_LABELS,
  DISCIPLINE_FORMS,
  formatDateVi,
  INSPECTION_ACTIVITY_LABELS,
  INSPECTION_BODY_KINDS,
  INSPECTION_BODY_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  ORG_KIND_LABELS,
  ORG_KINDS,
  ratioCell,
  reportTypeInfo,
  soVi,
  type Cell,
  type Column,
  type ReportTable,
} from '@dangvu/common';
import { forbidden } from '../../../platform/errors.js';
import type { ReportDefinition } from '../context.js';
import { col, needParam, STT, type DrillFn } from '../drillKit.js';
import { fig, type Source } from '../figures.js';
import { concludedBy, inspectionPopulation, requirementStatus, selectInspections, type CaseRec, type InspectionPopulation } from './inspections.population.js';

const label = (labels: Record<string, { vi: string }>, k: string | null | undefined) => (k ? (labels[k]?.vi ?? k) : '');

interface Line {
  key: string;
  label: string;
  level?: number;
  filter: Record<string, string>;
}

/** The case and subject columns shared by the tables by body and by kind. */
const CASE_COLUMNS: Column[] = [
  { key: 'cuoc', label: 'Số cuộc', kind: 'count' },
  { key: 'kiem_tra', label: 'Trong đó kiểm tra', kind: 'count' },
  { key: 'giam_sat', label: 'Trong đó giám sát', kind: 'count' },
  { key: 'to_chuc', label: 'Số tổ chức đảng được kiểm tra, giám sát', kind: 'count' },
  { key: 'dang_vien', label: 'Số đảng viên được kiểm tra, giám sát', kind: 'count' },
  { key: 'cap_uy_vien', label: 'Trong đó cấp ủy viên', kind: 'count' },
];

function buildTables(pop: InspectionPopulation, from: string, to: string): ReportTable[] {
  const at = (p: Record<string, string>) => {
    const q = { f: from, t: to, ...p };
    return { n: selectInspections(pop, q).rows.length, key: fig('ins', q) };
  };
  const cnt = (p: Record<string, string>): Cell => {
    const x = at(p);
    return countCell(x.n, x.key);
  };
  const pct = (p: Record<string, string>, den: Record<string, string>): Cell => {
    const x = at(p);
    return ratioCell(x.n, at(den).n, x.key);
  };
  const caseCells = (f: Record<string, string>) => ({
    cuoc: cnt({ ...f, u: 'cuoc' }),
    kiem_tra: cnt({ ...f, u: 'cuoc', act: 'kiem_tra' }),
    giam_sat: cnt({ ...f, u: 'cuoc', act: 'giam_sat' }),
    to_chuc: cnt({ ...f, u: 'dt', sub: 'to_chuc' }),
    dang_vien: cnt({ ...f, u: 'dt', sub: 'dang_vien' }),
    cap_uy_vien: cnt({ ...f, u: 'dt', sub: 'dang_vien', cuv: '1' }),
  });
  const table = (id: string, title: string, columns: Column[], lines: Line[], cells: (f: Record<string, string>) => Record<string, Cell>, note?: string): ReportTable => ({
    id,
    title,
    columns,
    rows: lines.map((l) => ({ key: l.key, label: l.label, ...(l.level ? { level: l.level } : {}), cells: cells(l.filter) })),
    ...(note ? { note } : {}),
  });

  const orgKinds = ORG_KINDS.filter((k) => pop.cases.some((c) => c.state !== 'huy' && c.subjectType === 'to_chuc' && c.subjectOrgKind === k));
  return [
    table(
      'chu_the',
      'I. Kiểm tra, giám sát theo chủ thể tiến hành',
      CASE_COLUMNS,
      [{ key: 'tong', label: 'Tổng số', filter: {} }, ...INSPECTION_BODY_KINDS.map((b) => ({ key: `body.${b}`, label: INSPECTION_BODY_LABELS[b].vi, level: 1, filter: { body: b } }))],
      caseCells,
      'Một tổ chức, một đảng viên được kiểm tra và giám sát (hoặc nhiều lần) chỉ tính một lần trong mỗi dòng; vì vậy tổng số có thể nhỏ hơn tổng các dòng.',
    ),
    table(
      'loai',
      'II. Kiểm tra, giám sát theo loại',
      CASE_COLUMNS,
      INSPECTION_KINDS.map((k) => ({ key: `kind.${k}`, label: INSPECTION_KIND_LABELS[k].vi, filter: { kind: k } })),
      caseCells,
    ),
    table(
      'doi_tuong',
      'III. Kiểm tra, giám sát theo đối tượng',
      [
        { key: 'kiem_tra', label: 'Số cuộc kiểm tra', kind: 'count' },
        { key: 'giam_sat', label: 'Số cuộc giám sát', kind: 'count' },
        { key: 'doi_tuong', label: 'Số đối tượng (mỗi đối tượng một lần)', kind: 'count' },
      ],
      [
        { key: 'to_chuc', label: 'Tổ chức đảng', filter: { sub: 'to_chuc' } },
        ...orgKinds.map((k) => ({ key: `sok.${k}`, label: ORG_KIND_LABELS[k].vi, level: 1, filter: { sub: 'to_chuc', sok: k } })),
        { key: 'dang_vien', label: 'Đảng viên', filter: { sub: 'dang_vien' } },
        { key: 'cap_uy_vien', label: 'Trong đó cấp ủy viên', level: 1, filter: { sub: 'dang_vien', cuv: '1' } },
      ],
      (f) => ({ kiem_tra: cnt({ ...f, u: 'cuoc', act: 'kiem_tra' }), giam_sat: cnt({ ...f, u: 'cuoc', act: 'giam_sat' }), doi_tuong: cnt({ ...f, u: 'dt' }) }),
    ),
    {
      id: 'ket_qua',
      title: 'IV. Kết luận, yêu cầu và việc thực hiện (đến hết ngày cuối kỳ)',
      columns: [
        { key: 'n', label: 'Số lượng', kind: 'count' },
        { key: 'pct', label: 'Tỷ lệ (%)', kind: 'percent' },
      ],
      rows: [
        { key: 'cuoc', label: 'Số cuộc kiểm tra, giám sát', cells: { n: cnt({ u: 'cuoc' }), pct: { value: null } } },
        { key: 'ket_luan', label: 'Đã kết luận', level: 1, cells: { n: cnt({ u: 'cuoc', st: 'ket_luan' }), pct: pct({ u: 'cuoc', st: 'ket_luan' }, { u: 'cuoc' }) } },
        { key: 'vi_pham', label: 'Kết luận có vi phạm', level: 1, cells: { n: cnt({ u: 'cuoc', st: 'vi_pham' }), pct: pct({ u: 'cuoc', st: 'vi_pham' }, { u: 'cuoc', st: 'ket_luan' }) } },
        { key: 'ky_luat', label: 'Đã xử lý kỷ luật', level: 1, cells: { n: cnt({ u: 'cuoc', st: 'ky_luat' }), pct: { value: null } } },
        { key: 'huy', label: 'Có quyết định nhưng không tiến hành (không tính ở trên)', cells: { n: cnt({ u: 'cuoc', st: 'huy' }), pct: { value: null } } },
        { key: 'yeu_cau', label: 'Yêu cầu, kiến nghị sau kết luận', cells: { n: cnt({ u: 'yc' }), pct: { value: null } } },
        { key: 'xong', label: 'Đã thực hiện xong', level: 1, cells: { n: cnt({ u: 'yc', st: 'xong' }), pct: pct({ u: 'yc', st: 'xong' }, { u: 'yc' }) } },
        { key: 'qua_han', label: 'Quá hạn chưa thực hiện xong', level: 1, cells: { n: cnt({ u: 'yc', st: 'qua_han' }), pct: pct({ u: 'yc', st: 'qua_han' }, { u: 'yc' }) } },
        { key: 'chua_den_han', label: 'Chưa đến hạn', level: 1, cells: { n: cnt({ u: 'yc', st: 'chua_den_han' }), pct: pct({ u: 'yc', st: 'chua_den_han' }, { u: 'yc' }) } },
      ],
    },
    table(
      'ky_luat',
      'V. Thi hành kỷ luật đảng viên theo hình thức',
      [
        { key: 'n', label: 'Số đảng viên bị kỷ luật (quyết định)', kind: 'count' },
        { key: 'cap_uy_vien', label: 'Trong đó cấp ủy viên', kind: 'count' },
        { key: 'tu_kiem_tra', label: 'Qua kiểm tra', kind: 'count' },
      ],
      [{ key: 'tong', label: 'Tổng số', filter: {} }, ...DISCIPLINE_FORMS.map((k) => ({ key: `form.${k}`, label: DISCIPLINE_FORM_LABELS[k].vi, level: 1, filter: { form: k } }))],
      (f) => ({ n: cnt({ ...f, u: 'kl' }), cap_uy_vien: cnt({ ...f, u: 'kl', cuv: '1' }), tu_kiem_tra: cnt({ ...f, u: 'kl', tu: '1' }) }),
    ),
  ];
}

function narrative(orgName: string, pop: InspectionPopulation, from: string, to: string): string[] {
  const n = (p: Record<string, string>) => selectInspections(pop, { f: from, t: to, ...p }).rows.length;
  const forms = DISCIPLINE_FORMS.map((k) => [k, n({ u: 'kl', form: k })] as const).filter(([, v]) => v > 0);
  const yc = n({ u: 'yc' });
  return [
    `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}, các cấp ủy, ủy ban kiểm tra và chi bộ trong ${orgName} đã kiểm tra ${soVi(n({ act: 'kiem_tra' }))} cuộc, giám sát ${soVi(n({ act: 'giam_sat' }))} cuộc đối với ${soVi(n({ u: 'dt', sub: 'to_chuc' }))} tổ chức đảng và ${soVi(n({ u: 'dt', sub: 'dang_vien' }))} đảng viên (trong đó ${soVi(n({ u: 'dt', sub: 'dang_vien', cuv: '1' }))} cấp ủy viên); kiểm tra khi có dấu hiệu vi phạm ${soVi(n({ u: 'dt', kind: 'dau_hieu_vi_pham', sub: 'to_chuc' }))} tổ chức đảng và ${soVi(n({ u: 'dt', kind: 'dau_hieu_vi_pham', sub: 'dang_vien' }))} đảng viên.`,
    `Đến hết ngày ${formatDateVi(to)}, đã kết luận ${soVi(n({ st: 'ket_luan' }))} cuộc, trong đó ${soVi(n({ st: 'vi_pham' }))} cuộc kết luận có vi phạm; ${soVi(n({ u: 'yc', st: 'xong' }))}/${soVi(yc)} yêu cầu, kiến nghị đã thực hiện xong, ${soVi(n({ u: 'yc', st: 'qua_han' }))} quá hạn.`,
    forms.length
      ? `Thi hành kỷ luật ${soVi(n({ u: 'kl' }))} đảng viên (${forms.map(([k, v]) => `${DISCIPLINE_FORM_LABELS[k].vi.toLowerCase()} ${soVi(v)}`).join(', ')}), trong đó ${soVi(n({ u: 'kl', cuv: '1' }))} cấp ủy viên.`
      : 'Trong kỳ không có đảng viên bị kỷ luật.',
  ];
}

/** Kiểm tra, giám sát (INS): cases by body, subject and kind, their conclusions and follow-up, and discipline by form. */
export const inspectionReport: ReportDefinition = {
  info: reportTypeInfo('kiem-tra')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const pop = await inspectionPopulation(rc, from, to);
    return {
      form: 'Kiểm tra, giám sát và thi hành kỷ luật (seed-extraction §4 INS)',
      tables: buildTables(pop, from, to),
      narrative: narrative(rc.orgName, pop, from, to),
      notes: [
        'Một cuộc kiểm tra, giám sát tính vào kỳ theo ngày quyết định kiểm tra, giám sát (như phân hệ kiểm tra xếp cuộc theo năm), và thuộc phạm vi báo cáo theo chủ thể tiến hành (cấp ủy, ủy ban kiểm tra, chi bộ) nằm trong đơn vị vào ngày quyết định. Cuộc có quyết định nhưng không tiến hành ghi riêng, không tính vào các số khác.',
        'Kết luận, vi phạm và kỷ luật theo cuộc tính đến hết ngày cuối kỳ (theo ngày kết luận, ngày quyết định kỷ luật); yêu cầu, kiến nghị: đã thực hiện xong khi ngày thực hiện xong không sau ngày cuối kỳ, quá hạn khi thời hạn trước ngày cuối kỳ mà chưa xong.',
        'Số tổ chức, số đảng viên được kiểm tra, giám sát: mỗi đối tượng tính một lần dù được cả kiểm tra và giám sát hoặc nhiều cuộc. Cấp ủy viên: đảng viên giữ chức vụ trong cấp ủy (bí thư, phó bí thư, ủy viên ban thường vụ, cấp ủy viên) vào ngày quyết định, kể cả chức vụ chấm dứt đúng ngày đó.',
        'Kỷ luật tính theo ngày hiệu lực của quyết định và chi bộ nơi đảng viên sinh hoạt vào ngày đó, theo hình thức ghi trong quyết định ban đầu (quyết định giảm hình thức, xóa kỷ luật về sau không làm thay đổi số đã báo cáo). Phân hệ kiểm tra chỉ ghi kỷ luật đảng viên; kỷ luật tổ chức đảng chưa được ghi nhận nên không có trong báo cáo.',
        'Số liệu tổng hợp xem được với mọi người dùng được xem báo cáo; danh sách chi tiết các cuộc kiểm tra, giám sát và quyết định kỷ luật chỉ dành cho ủy ban kiểm tra.',
      ],
    };
  },
};

export const inspectionReports: ReportDefinition[] = [inspectionReport];

// ------------------------------------------------------------------ drill-down (inspection roles only)

const c = col;
const CASE_LIST = [
  STT,
  c('activity', 'Hoạt động'),
  c('body', 'Chủ thể'),
  c('subject', 'Đối tượng'),
  c('kind', 'Loại'),
  c('decision_no', 'Số quyết định'),
  c('decision_date', 'Ngày quyết định'),
  c('conclusion_date', 'Ngày kết luận'),
  c('violations', 'Có vi phạm'),
  c('status', 'Tình trạng cuối kỳ'),
];
const SUBJECT_LIST = [STT, c('name', 'Đối tượng'), c('type', 'Loại đối tượng'), c('cuv', 'Cấp ủy viên'), c('cases', 'Số cuộc', 'count'), c('decisions', 'Các quyết định')];
const REQUIREMENT_LIST = [STT, c('content', 'Yêu cầu, kiến nghị'), c('case', 'Cuộc kiểm tra, giám sát'), c('deadline', 'Thời hạn'), c('done_on', 'Ngày thực hiện xong'), c('status', 'Tình trạng cuối kỳ')];
const DISCIPLINE_LIST = [
  STT,
  c('full_name', 'Họ và tên'),
  c('org_name', 'Chi bộ'),
  c('form', 'Hình thức'),
  c('decision_no', 'Số quyết định'),
  c('decision_date', 'Ngày quyết định'),
  c('effective_date', 'Ngày hiệu lực'),
  c('cuv', 'Cấp ủy viên'),
  c('from_case', 'Qua kiểm tra'),
];
const yes = (b: boolean) => (b ? 'Có' : 'Không');
const REQ_STATUS: Record<string, string> = { xong: 'Đã thực hiện xong', qua_han: 'Quá hạn', chua_den_han: 'Chưa đến hạn' };

function caseStatusAt(x: CaseRec, end: string): string {
  if (x.state === 'huy') return 'Không tiến hành';
  if (concludedBy(x, end)) return x.disciplined ? 'Đã kết luận, đã xử lý kỷ luật' : 'Đã kết luận';
  return x.startDate !== null && x.startDate <= end ? 'Đang tiến hành' : 'Chưa tiến hành';
}

/** "Only inspection roles see case details. Others see counts." */
export const inspectionListForbidden = () =>
  forbidden('Danh sách các cuộc kiểm tra, giám sát và quyết định kỷ luật chỉ dành cho ủy ban kiểm tra; bạn xem được số liệu tổng hợp trong báo cáo.');

const drillInspections: DrillFn = async (rc, params, pg) => {
  if (!can(rc.ctx.actor.role, 'inspection.read')) throw inspectionListForbidden();
  const pop = await inspectionPopulation(rc, needParam(params, 'f'), needParam(params, 't'));
  const sel = selectInspections(pop, params);
  const { slice, n, res } = pg;
  const end = pop.to;
  if (sel.unit === 'cuoc')
    return res(
      'Cuộc kiểm tra, giám sát',
      sel.rows.length,
      CASE_LIST,
      slice(sel.rows).map((x, i) => ({
        stt: n(i),
        id: x.id,
        activity: label(INSPECTION_ACTIVITY_LABELS, x.activity),
        body: `${label(INSPECTION_BODY_LABELS, x.bodyKind)} — ${x.bodyName}`,
        subject: x.subjectName,
        kind: label(INSPECTION_KIND_LABELS, x.kind),
        decision_no: x.decisionNo,
        decision_date: x.decisionDate,
        conclusion_date: concludedBy(x, end) ? x.conclusionDate : null,
        violations: concludedBy(x, end) ? yes(x.violations) : '',
        status: caseStatusAt(x, end),
      })),
    );
  if (sel.unit === 'dt')
    return res(
      'Đối tượng được kiểm tra, giám sát',
      sel.rows.length,
      SUBJECT_LIST,
      slice(sel.rows).map((s, i) => ({
        stt: n(i),
        id: s.subjectId,
        name: s.name,
        type: s.subjectType === 'dang_vien' ? 'Đảng viên' : label(ORG_KIND_LABELS, s.orgKind),
        cuv: s.subjectType === 'dang_vien' ? yes(s.cuv) : '',
        cases: s.cases.length,
        decisions: s.cases.map((x) => `${label(INSPECTION_ACTIVITY_LABELS, x.activity)} ${x.decisionNo ?? ''} (${formatDateVi(x.decisionDate)})`).join('; '),
      })),
    );
  if (sel.unit === 'yc')
    return res(
      'Yêu cầu, kiến nghị sau kết luận',
      sel.rows.length,
      REQUIREMENT_LIST,
      slice(sel.rows).map((r, i) => ({
        stt: n(i),
        id: r.id,
        content: r.content,
        case: `${r.case.decisionNo ?? ''} — ${r.case.subjectName}`,
        deadline: r.deadline,
        done_on: requirementStatus(r, end) === 'xong' ? r.doneOn : null,
        status: REQ_STATUS[r.status] ?? r.status,
      })),
    );
  return res(
    'Quyết định kỷ luật đảng viên',
    sel.rows.length,
    DISCIPLINE_LIST,
    slice(sel.rows).map((d, i) => ({
      stt: n(i),
      id: d.personId,
      full_name: d.fullName,
      org_name: d.orgName,
      form: label(DISCIPLINE_FORM_LABELS, d.form),
      decision_no: d.decisionNo,
      decision_date: d.decisionDate,
      effective_date: d.effectiveDate,
      cuv: yes(d.cuv),
      from_case: yes(d.caseId !== null),
    })),
  );
};

export const inspectionDrills: Partial<Record<Source, DrillFn>> = { ins: drillInspections };
