import {
  countCell,
  foldVietnamese,
  formatDateVi,
  HOST_TYPE_LABELS,
  HOST_TYPES,
  MEETING_CLASS_LABELS,
  MEETING_CLASSES,
  MEETING_KIND_LABELS,
  MEETING_ROLLUP_RULE_SETS,
  MEETING_STATE_LABELS,
  ORG_KIND_LABELS,
  phanTramVi,
  ratio,
  ratioCell,
  reportTypeInfo,
  soVi,
  YEAR_CLASS_LABELS,
  type Cell,
  type Column,
  type ReportTable,
  type Row,
} from '@dangvu/common';
import type { ReportContext, ReportDefinition } from '../context.js';
import { col, needParam, STT, type DrillFn } from '../drillKit.js';
import { fig, type Source } from '../figures.js';
import { isHeld, meetingPopulation, selectMeetings, type CellMonth, type MeetingPopulation, type MonthMeeting } from './meetings.population.js';

/** Above this many cell-years the per-cell table is left to the drill-down lists. */
export const PER_CELL_LIMIT = 200;
const CELL_KINDS_SHOWN = ['chi_bo_co_so', 'chi_bo_truc_thuoc'] as const;
const label = (labels: Record<string, { vi: string }>, k: string | null | undefined) => (k ? (labels[k]?.vi ?? k) : '');
const monthVi = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

/** "Tốt (95)", "Không sinh hoạt", "Chưa chấm điểm": a counted month as the per-cell table and lists show it. */
export function monthText(cm: CellMonth): string {
  if (!isHeld(cm.regular)) return 'Không sinh hoạt';
  if (cm.regular.cls === null) return 'Chưa chấm điểm';
  return `${label(MEETING_CLASS_LABELS, cm.regular.cls)} (${String(cm.regular.total ?? '').replace('.', ',')})`;
}

interface PopLine {
  key: string;
  label: string;
  level?: number;
  filter: Record<string, string>;
}

/** The populations of every table: all cells, then by kind (the seed's two populations), then by host type. */
function populationLines(pop: MeetingPopulation): PopLine[] {
  const hosts = new Set(pop.months.map((m) => m.host));
  const order = [...HOST_TYPES.filter((h) => hosts.has(h)), ...[...hosts].filter((h) => !(HOST_TYPES as readonly string[]).includes(h)).sort()];
  return [
    { key: 'tong', label: 'Tổng số', filter: {} },
    ...CELL_KINDS_SHOWN.map((k) => ({ key: `kind.${k}`, label: ORG_KIND_LABELS[k].vi, level: 1, filter: { kind: k } })),
    ...order.map((h) => ({ key: `host.${h}`, label: `Loại hình: ${label(HOST_TYPE_LABELS, h)}`, level: 1, filter: { host: h } })),
  ];
}

const CLASS_COLUMNS = (base: string): Column[] => MEETING_CLASSES.map((c) => ({ key: c, label: `${MEETING_CLASS_LABELS[c].vi} (% so với ${base})`, kind: 'percent' as const }));

function buildTables(pop: MeetingPopulation, from: string, to: string): ReportTable[] {
  const lines = populationLines(pop);
  const at = (filter: Record<string, string>) => {
    const p = { f: from, t: to, ...filter };
    return { n: selectMeetings(pop, p).rows.length, key: fig('mt', p) };
  };
  const cnt = (p: Record<string, string>) => {
    const x = at(p);
    return countCell(x.n, x.key);
  };
  const pct = (p: Record<string, string>, den: Record<string, string>) => {
    const x = at(p);
    return ratioCell(x.n, at(den).n, x.key);
  };
  const table = (id: string, title: string, columns: Column[], make: (f: Record<string, string>) => Record<string, Cell>): ReportTable => ({
    id,
    title,
    columns,
    rows: lines.map((l): Row => ({ key: l.key, label: l.label, ...(l.level ? { level: l.level } : {}), cells: make(l.filter) })),
  });

  const tables: ReportTable[] = [
    table(
      'nam',
      'I. Xếp loại chất lượng sinh hoạt chi bộ trong năm',
      [
        { key: 'n', label: 'Số chi bộ (mỗi năm một lượt)', kind: 'count' },
        { key: 'xep', label: 'Được xếp loại', kind: 'count' },
        ...CLASS_COLUMNS('số được xếp loại'),
        { key: 'chua_du', label: YEAR_CLASS_LABELS.chua_du_thoi_gian.vi, kind: 'count' },
      ],
      (f) => ({
        n: cnt({ ...f, u: 'nam' }),
        xep: cnt({ ...f, u: 'nam', st: 'xep' }),
        ...Object.fromEntries(MEETING_CLASSES.map((c) => [c, pct({ ...f, u: 'nam', st: c }, { ...f, u: 'nam', st: 'xep' })])),
        chua_du: cnt({ ...f, u: 'nam', st: 'chua_du_thoi_gian' }),
      }),
    ),
    table(
      'thang',
      'II. Sinh hoạt thường kỳ hằng tháng',
      [
        { key: 'phai', label: 'Số lượt tháng phải sinh hoạt (chi bộ × tháng)', kind: 'count' },
        { key: 'hop', label: 'Đã sinh hoạt thường kỳ (%)', kind: 'percent' },
        { key: 'khong_hop', label: 'Không sinh hoạt (%)', kind: 'percent' },
        { key: 'chi_bo_khong_hop', label: 'Số chi bộ có tháng không sinh hoạt', kind: 'count' },
      ],
      (f) => ({
        phai: cnt({ ...f, u: 'thang' }),
        hop: pct({ ...f, u: 'thang', st: 'hop' }, { ...f, u: 'thang' }),
        khong_hop: pct({ ...f, u: 'thang', st: 'khong_hop' }, { ...f, u: 'thang' }),
        chi_bo_khong_hop: cnt({ ...f, u: 'chibo', st: 'khong_hop' }),
      }),
    ),
    table(
      'loai_thang',
      'III. Xếp loại các buổi sinh hoạt thường kỳ (theo điểm hằng tháng)',
      [{ key: 'cham', label: 'Số buổi được chấm điểm', kind: 'count' }, ...CLASS_COLUMNS('số buổi được chấm'), { key: 'chua_cham', label: 'Đã họp, chưa chấm điểm', kind: 'count' }],
      (f) => ({
        cham: cnt({ ...f, u: 'thang', st: 'cham' }),
        ...Object.fromEntries(MEETING_CLASSES.map((c) => [c, pct({ ...f, u: 'thang', st: c }, { ...f, u: 'thang', st: 'cham' })])),
        chua_cham: cnt({ ...f, u: 'thang', st: 'chua_cham' }),
      }),
    ),
    table(
      'khac',
      'IV. Sinh hoạt chuyên đề; cấp trên dự sinh hoạt',
      [
        { key: 'chuyen_de', label: 'Số buổi sinh hoạt chuyên đề', kind: 'count' },
        { key: 'cap_tren', label: 'Số buổi có cấp trên dự', kind: 'count' },
        { key: 'chi_bo_cap_tren', label: 'Số chi bộ có cấp trên dự sinh hoạt', kind: 'count' },
      ],
      (f) => ({
        chuyen_de: cnt({ ...f, u: 'buoi', st: 'chuyen_de' }),
        cap_tren: cnt({ ...f, u: 'buoi', st: 'cap_tren' }),
        chi_bo_cap_tren: cnt({ ...f, u: 'chibo', st: 'cap_tren' }),
      }),
    ),
  ];
  if (pop.years.length && pop.years.length <= PER_CELL_LIMIT) tables.push(perCellTable(pop, from, to, cnt));
  return tables;
}

/**
 * Row keys from the cells' names ("chi_bo_ban_nam_cuoi"), so the same cell has the same key on
 * both engines and in two periods compared; a name shared by several cells gets _2, _3….
 */
function rowKeys(pop: MeetingPopulation): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Map<string, number>();
  for (const cy of pop.years) {
    if (out.has(cy.orgId)) continue;
    const slug = foldVietnamese(cy.name).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'chi_bo';
    const n = (used.get(slug) ?? 0) + 1;
    used.set(slug, n);
    out.set(cy.orgId, n === 1 ? slug : `${slug}_${n}`);
  }
  return out;
}

/** V. One row per cell and year: the month-by-month classes, the counts and the year's class. */
function perCellTable(pop: MeetingPopulation, from: string, to: string, cnt: (p: Record<string, string>) => Cell): ReportTable {
  const monthCols = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
  const keys = rowKeys(pop);
  return {
    id: 'chi_bo',
    title: 'V. Kết quả từng chi bộ',
    columns: [
      ...monthCols.map((m) => ({ key: `m${m}`, label: `Tháng ${Number(m)}`, kind: 'text' as const })),
      { key: 'phai', label: 'Số tháng phải sinh hoạt', kind: 'count' },
      { key: 'hop', label: 'Đã sinh hoạt', kind: 'count' },
      { key: 'khong_hop', label: 'Không sinh hoạt', kind: 'count' },
      { key: 'lop', label: 'Xếp loại năm', kind: 'text' },
    ],
    rows: pop.years.map((cy) => {
      const f = { f: from, t: to, u: 'thang', org: cy.orgId, y: String(cy.year) };
      const byMonth = new Map(cy.months.map((cm) => [cm.month.slice(5), cm]));
      return {
        key: `${keys.get(cy.orgId)}.${cy.year}`,
        label: `${cy.name} (${cy.year})`,
        cells: {
          ...Object.fromEntries(monthCols.map((m) => [`m${m}`, { value: null, text: byMonth.has(m) ? monthText(byMonth.get(m)!) : '' }])),
          phai: cnt(f),
          hop: cnt({ ...f, st: 'hop' }),
          khong_hop: cnt({ ...f, st: 'khong_hop' }),
          lop: { value: null, text: YEAR_CLASS_LABELS[cy.rollup.cls].vi },
        },
      };
    }),
    note: 'Ô trống: tháng không tính (ngoài kỳ, chưa kết thúc, hoặc chi bộ không tồn tại trọn tháng).',
  };
}

function narrative(rc: ReportContext, pop: MeetingPopulation, from: string, to: string): string[] {
  const n = (p: Record<string, string>) => selectMeetings(pop, { f: from, t: to, ...p }).rows.length;
  const rated = n({ u: 'nam', st: 'xep' });
  const share = (k: number, d: number) => `${phanTramVi(ratio(k, d).percent, 1)} (${soVi(k)}/${soVi(d)})`;
  const out = [
    `Từ ngày ${formatDateVi(from)} đến ngày ${formatDateVi(to)}, ${rc.orgName} có ${soVi(rated)} lượt chi bộ được xếp loại chất lượng sinh hoạt năm: ${MEETING_CLASSES.map((c) => `${soVi(n({ u: 'nam', st: c }))} ${MEETING_CLASS_LABELS[c].vi.toLowerCase()}`).join(', ')}${rated ? ` (tốt ${phanTramVi(ratio(n({ u: 'nam', st: 'tot' }), rated).percent, 1)})` : ''}; ${soVi(n({ u: 'nam', st: 'chua_du_thoi_gian' }))} lượt chi bộ chưa đủ thời gian xếp loại.`,
  ];
  for (const k of CELL_KINDS_SHOWN) {
    const d = n({ u: 'nam', st: 'xep', kind: k });
    if (d)
      out.push(
        `${share(n({ u: 'nam', st: 'tot', kind: k }), d)} ${ORG_KIND_LABELS[k].vi.toLowerCase()} được xếp loại chất lượng sinh hoạt tốt, ${share(n({ u: 'nam', st: 'kha', kind: k }), d)} xếp loại khá; ${soVi(n({ u: 'nam', st: 'trung_binh', kind: k }) + n({ u: 'nam', st: 'kem', kind: k }))} chi bộ xếp loại trung bình, kém.`,
      );
  }
  const due = n({ u: 'thang' });
  out.push(
    `Các chi bộ đã sinh hoạt thường kỳ ${soVi(n({ u: 'thang', st: 'hop' }))}/${soVi(due)} lượt tháng phải sinh hoạt (${phanTramVi(ratio(n({ u: 'thang', st: 'hop' }), due).percent, 1)}); ${soVi(n({ u: 'chibo', st: 'khong_hop' }))} chi bộ có tháng không sinh hoạt (${soVi(n({ u: 'thang', st: 'khong_hop' }))} lượt tháng). Cấp trên dự ${soVi(n({ u: 'buoi', st: 'cap_tren' }))} buổi sinh hoạt của ${soVi(n({ u: 'chibo', st: 'cap_tren' }))} chi bộ; ${soVi(n({ u: 'buoi', st: 'chuyen_de' }))} buổi sinh hoạt chuyên đề.`,
  );
  return out;
}

/** Chất lượng sinh hoạt chi bộ (MTG): monthly classes, the yearly roll-up, by cell population, and months not met. */
export const meetingQuality: ReportDefinition = {
  info: reportTypeInfo('sinh-hoat')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const pop = await meetingPopulation(rc, from, to);
    const rules = [...new Set(pop.years.map((y) => y.rules))].map((id) => MEETING_ROLLUP_RULE_SETS[id]).filter((r) => !!r);
    return {
      form: 'Chất lượng sinh hoạt chi bộ theo loại chi bộ (seed-extraction §4 MTG)',
      tables: buildTables(pop, from, to),
      narrative: narrative(rc, pop, from, to),
      notes: [
        'Chỉ tính các tháng nằm trọn trong kỳ và đã kết thúc. Mỗi chi bộ chỉ tính những tháng chi bộ tồn tại trọn tháng (chi bộ thành lập, sáp nhập, giải thể trong kỳ chỉ tính các tháng đó), đọc theo phiên bản của chi bộ vào ngày 15 của tháng (phạm vi đơn vị xác định vào ngày đầu và ngày cuối kỳ): chi bộ chuyển từ đơn vị này sang đơn vị khác được tính cho đơn vị quản lý nó trong từng tháng.',
        'Mỗi tháng phải có một buổi sinh hoạt thường kỳ; tháng không có buổi thường kỳ đã họp là tháng "không sinh hoạt". Xếp loại tháng là xếp loại theo điểm của buổi thường kỳ (bộ tiêu chí chấm điểm lưu cùng buổi sinh hoạt); buổi đã họp chưa chấm điểm ghi riêng.',
        `Xếp loại năm theo quy tắc của phân hệ sinh hoạt chi bộ áp dụng cho chi bộ (quy tắc cấp ủy đã chọn, hoặc quy tắc mặc định), trên các tháng được tính của từng năm dương lịch trong kỳ; mỗi chi bộ tính một lượt cho mỗi năm. Tỷ lệ xếp loại năm tính trên số chi bộ được xếp loại (không gồm chi bộ chưa đủ thời gian).${rules.map((r) => ` ${r.name.vi}: ${r.description.vi}`).join('')}`,
        'Loại chi bộ (chi bộ cơ sở, chi bộ trực thuộc) và loại hình đơn vị theo phiên bản của chi bộ trong tháng cuối cùng được tính của năm. Báo cáo không chia theo quy mô chi bộ (mục §4 MTG không yêu cầu).',
        `Bảng V (từng chi bộ) chỉ lập khi có không quá ${soVi(PER_CELL_LIMIT)} lượt chi bộ; nhiều hơn thì xem danh sách khi bấm vào từng số liệu.`,
      ],
    };
  },
};

export const meetingReports: ReportDefinition[] = [meetingQuality];

// ------------------------------------------------------------------ drill-down

const c = col;
const YEAR_COLUMNS = [STT, c('name', 'Chi bộ'), c('kind', 'Loại chi bộ'), c('host', 'Loại hình đơn vị'), c('year', 'Năm'), c('judged', 'Số tháng tính', 'count'), c('months', 'Xếp loại từng tháng'), c('class', 'Xếp loại năm'), c('explanation', 'Căn cứ xếp loại')];
const MONTH_COLUMNS = [STT, c('name', 'Chi bộ'), c('month', 'Tháng'), c('state', 'Tình trạng buổi thường kỳ'), c('held_on', 'Ngày họp'), c('score', 'Điểm', 'count'), c('class', 'Xếp loại')];
const MEETING_COLUMNS = [STT, c('name', 'Chi bộ'), c('kind', 'Loại buổi'), c('month', 'Tháng'), c('held_on', 'Ngày họp'), c('higher', 'Số người cấp trên dự', 'count'), c('class', 'Xếp loại')];
const CELL_COLUMNS = [STT, c('name', 'Chi bộ'), c('kind', 'Loại chi bộ'), c('host', 'Loại hình đơn vị'), c('due', 'Số tháng phải sinh hoạt', 'count'), c('missed', 'Số tháng không sinh hoạt', 'count'), c('higher', 'Số buổi có cấp trên dự', 'count')];

const stateText = (m: MonthMeeting | null) => (m ? label(MEETING_STATE_LABELS, m.state) : 'Chưa lập kế hoạch');

const drillMeetings: DrillFn = async (rc, params, pg) => {
  const sel = selectMeetings(await meetingPopulation(rc, needParam(params, 'f'), needParam(params, 't')), params);
  const { slice, n, res } = pg;
  if (sel.unit === 'nam')
    return res(
      'Chi bộ và xếp loại chất lượng sinh hoạt năm',
      sel.rows.length,
      YEAR_COLUMNS,
      slice(sel.rows).map((cy, i) => ({
        stt: n(i),
        id: cy.orgId,
        name: cy.name,
        kind: label(ORG_KIND_LABELS, cy.kind),
        host: label(HOST_TYPE_LABELS, cy.host),
        year: cy.year,
        judged: cy.rollup.judged,
        months: cy.months.map((cm) => `${cm.month.slice(5)}: ${monthText(cm)}`).join('; '),
        class: YEAR_CLASS_LABELS[cy.rollup.cls].vi,
        explanation: cy.rollup.explanation.vi,
      })),
    );
  if (sel.unit === 'thang')
    return res(
      'Tháng sinh hoạt của chi bộ',
      sel.rows.length,
      MONTH_COLUMNS,
      slice(sel.rows).map((cm, i) => ({
        stt: n(i),
        id: cm.regular?.id ?? cm.orgId,
        name: cm.name,
        month: monthVi(cm.month),
        state: stateText(cm.regular),
        held_on: isHeld(cm.regular) ? cm.regular.heldOn : null,
        score: cm.regular?.total ?? null,
        class: cm.regular?.cls ? label(MEETING_CLASS_LABELS, cm.regular.cls) : '',
      })),
    );
  if (sel.unit === 'buoi')
    return res(
      'Buổi sinh hoạt',
      sel.rows.length,
      MEETING_COLUMNS,
      slice(sel.rows).map((m, i) => ({
        stt: n(i),
        id: m.id,
        name: m.cell.name,
        kind: label(MEETING_KIND_LABELS, m.kind),
        month: monthVi(m.cell.month),
        held_on: m.heldOn,
        higher: m.higher,
        class: m.cls ? label(MEETING_CLASS_LABELS, m.cls) : '',
      })),
    );
  return res(
    'Chi bộ',
    sel.rows.length,
    CELL_COLUMNS,
    slice(sel.rows).map((x, i) => ({
      stt: n(i),
      id: x.orgId,
      name: x.name,
      kind: label(ORG_KIND_LABELS, x.kind),
      host: label(HOST_TYPE_LABELS, x.host),
      due: x.months.length,
      missed: x.months.filter((cm) => !isHeld(cm.regular)).length,
      higher: x.months.reduce((a, cm) => a + cm.meetings.filter((m) => isHeld(m) && m.higher > 0).length, 0),
    })),
  );
};

export const meetingDrills: Partial<Record<Source, DrillFn>> = { mt: drillMeetings };
