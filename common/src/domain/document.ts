/**
 * Pure rules of the documents module: document symbols (số, ký hiệu), the duplicate key,
 * resolution targets and study-session counts.
 *
 * Two numbering systems live side by side (seed-extraction §1.5):
 * - party documents `<số>-<loại>/<cơ quan ban hành>`: 08-NQ/TU, 330-KL/TU, 13-CTr/TU, 06-NQ/ĐUK;
 *   numbered from 01 for each type within each committee term (Hướng dẫn 36-HD/VPTW), so a
 *   number is unique only with (issuer, type, term);
 * - state documents `<số>/<loại>-<cơ quan>` (17/CT-UBND, 3505/KH-UBND), optionally with the year
 *   (12/2020/NĐ-CP), and official letters without a type `<số>/<cơ quan>-<đơn vị soạn thảo>`
 *   (3600/UBND-VX); numbered per calendar year.
 */

export const DOC_SYSTEMS = ['dang', 'nha_nuoc'] as const;
export type DocSystem = (typeof DOC_SYSTEMS)[number];

/** Type codes seen in party and state documents; an unknown code is kept as written (kind "khác"). */
export const DOC_TYPE_LABELS: Record<string, { vi: string; en: string }> = {
  NQ: { vi: 'Nghị quyết', en: 'Resolution' },
  KL: { vi: 'Kết luận', en: 'Conclusion' },
  KH: { vi: 'Kế hoạch', en: 'Plan' },
  CT: { vi: 'Chỉ thị', en: 'Directive' },
  QĐ: { vi: 'Quyết định, quy định, quy chế', en: 'Decision, regulation' },
  QC: { vi: 'Quy chế', en: 'Rules' },
  CTr: { vi: 'Chương trình', en: 'Programme' },
  HD: { vi: 'Hướng dẫn', en: 'Guidance' },
  TB: { vi: 'Thông báo', en: 'Notice' },
  BC: { vi: 'Báo cáo', en: 'Report' },
  ĐA: { vi: 'Đề án', en: 'Project' },
  TTr: { vi: 'Tờ trình', en: 'Submission' },
  CV: { vi: 'Công văn', en: 'Official letter' },
  NĐ: { vi: 'Nghị định', en: 'Decree' },
};

/** Issuer codes users most often mean; any other code is accepted as written. */
export const DOC_ISSUER_HINTS: Record<string, string> = {
  TW: 'Trung ương (BCH TW, Bộ Chính trị, Ban Bí thư)',
  TU: 'Tỉnh ủy, thành ủy (BCH, Ban Thường vụ)',
  ĐUK: 'Đảng ủy khối',
  HU: 'Huyện ủy',
  ĐU: 'Đảng ủy',
  UBND: 'Ủy ban nhân dân',
  CP: 'Chính phủ',
};

export interface DocSymbol {
  system: DocSystem;
  number: number;
  /** Type code as canonically written (NQ, CTr…); "CV" for a state letter without a type. */
  type: string;
  /** Issuer code (TU, TW, ĐUK, UBND…). */
  issuer: string;
  /** State letters only: the drafting unit after the agency (VX in 3600/UBND-VX). */
  unit: string | null;
  /** Year written in the symbol (12/2020/NĐ-CP), if any. */
  year: number | null;
  /** The symbol written back canonically: "8-NQ/TU" is shown "08-NQ/TU". */
  canonical: string;
}

export type SymbolResult = { ok: true; symbol: DocSymbol } | { ok: false; message: string };

const TYPE_BY_UPPER = new Map(Object.keys(DOC_TYPE_LABELS).map((k) => [k.toUpperCase(), k]));
const canonicalType = (t: string) => TYPE_BY_UPPER.get(t.toUpperCase()) ?? t.toUpperCase();
const pad2 = (n: number) => String(n).padStart(2, '0');
const CODE = '[A-ZĐa-zđ][A-ZĐa-zđ0-9]{0,9}';
const PARTY_RE = new RegExp(`^(\\d{1,5})-(${CODE})/(${CODE}(?:-${CODE})*)$`);
const STATE_RE = new RegExp(`^(\\d{1,6})/(?:(\\d{4})/)?(${CODE})-(${CODE}(?:-${CODE})*)$`);

/**
 * Parse a document symbol. Input is forgiving about what people type (spaces around the
 * separators, the look-alike "Ð" (U+00D0) for "Đ", lower case); output is canonical.
 */
export function parseDocSymbol(raw: string): SymbolResult {
  const s = raw
    .normalize('NFC')
    .replace(/\u00d0/g, 'Đ')
    .replace(/\u00f0/g, 'đ')
    .replace(/\s+/g, '')
    .replace(/[–—]/g, '-');
  if (!s) return { ok: false, message: 'Chưa nhập số, ký hiệu văn bản' };
  const p = PARTY_RE.exec(s);
  if (p) {
    const number = Number(p[1]);
    if (number < 1) return { ok: false, message: 'Số văn bản phải từ 01 trở lên' };
    const type = canonicalType(p[2]!);
    const issuer = p[3]!.toUpperCase();
    return { ok: true, symbol: { system: 'dang', number, type, issuer, unit: null, year: null, canonical: `${pad2(number)}-${type}/${issuer}` } };
  }
  const st = STATE_RE.exec(s);
  if (st) {
    const number = Number(st[1]);
    if (number < 1) return { ok: false, message: 'Số văn bản phải từ 1 trở lên' };
    const year = st[2] ? Number(st[2]) : null;
    const first = st[3]!;
    const rest = st[4]!.toUpperCase();
    const yearPart = year ? `${year}/` : '';
    // "3600/UBND-VX": the first part is an agency, not a type: an official letter (công văn).
    if (!TYPE_BY_UPPER.has(first.toUpperCase()))
      return {
        ok: true,
        symbol: { system: 'nha_nuoc', number, type: 'CV', issuer: first.toUpperCase(), unit: rest, year, canonical: `${number}/${yearPart}${first.toUpperCase()}-${rest}` },
      };
    const type = canonicalType(first);
    return { ok: true, symbol: { system: 'nha_nuoc', number, type, issuer: rest, unit: null, year, canonical: `${number}/${yearPart}${type}-${rest}` } };
  }
  return {
    ok: false,
    message: 'Số, ký hiệu không đúng mẫu: văn bản của Đảng ghi "số-loại/cơ quan" (08-NQ/TU), văn bản nhà nước ghi "số/loại-cơ quan" (17/CT-UBND)',
  };
}

/** A committee term "2020-2025": the years a party document's numbering runs in. */
export function parseTerm(term: string): { from: number; to: number } | null {
  const m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(term.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to > from && to - from <= 10 ? { from, to } : null;
}

/**
 * The key two documents may not share. Party documents: issuer + type + number + term;
 * state documents: issuer + type (+ drafting unit) + number + year. `issuerKey` names the
 * issuing body (an organization id, or the folded name of an external issuer) so "TU" of two
 * provinces never collide.
 */
export function docDuplicateKey(sym: DocSymbol, issuerKey: string, term: string | null, date: string): string {
  const period = sym.system === 'dang' ? `nk:${term ?? date.slice(0, 4)}` : `y:${sym.year ?? date.slice(0, 4)}`;
  return [sym.system, issuerKey, sym.issuer, sym.type, sym.unit ?? '', sym.number, period].join('|');
}

/** Refusal when the date does not fall in the term (terms share their congress year). */
export function termDateProblem(term: string, date: string): string | null {
  const t = parseTerm(term);
  if (!t) return 'Nhiệm kỳ cần ghi dạng "2020-2025"';
  const y = Number(date.slice(0, 4));
  return y < t.from || y > t.to ? `Ngày ban hành không nằm trong nhiệm kỳ ${t.from}-${t.to}` : null;
}

// ---------------------------------------------------------------------------------------------
// Targets (chỉ tiêu) a resolution sets; issue 6 compares records against them.

export const TARGET_METRICS = [
  'ket_nap_dang_vien',
  'to_chuc_co_so_htt',
  'dang_vien_htt',
  'thon_ban_co_chi_bo',
  'thon_ban_co_dang_vien',
  'chi_bo_sinh_hoat_tot',
  'hoc_tap_nghi_quyet',
  'dao_tao_ly_luan',
  'khac',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export const TARGET_METRIC_LABELS: Record<TargetMetric, { vi: string; en: string }> = {
  ket_nap_dang_vien: { vi: 'Kết nạp đảng viên', en: 'Members admitted' },
  to_chuc_co_so_htt: { vi: 'Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên', en: 'Base organizations rated good or better' },
  dang_vien_htt: { vi: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên', en: 'Members rated good or better' },
  thon_ban_co_chi_bo: { vi: 'Thôn, bản, tổ dân phố có chi bộ', en: 'Villages with a cell' },
  thon_ban_co_dang_vien: { vi: 'Thôn, bản có đảng viên', en: 'Villages with members' },
  chi_bo_sinh_hoat_tot: { vi: 'Chi bộ sinh hoạt đạt loại tốt', en: 'Cells with good meetings' },
  hoc_tap_nghi_quyet: { vi: 'Đảng viên học tập, quán triệt nghị quyết', en: 'Members who studied the resolution' },
  dao_tao_ly_luan: { vi: 'Cán bộ được đào tạo lý luận chính trị', en: 'Cadres trained in political theory' },
  khac: { vi: 'Chỉ tiêu khác', en: 'Other target' },
};
export const TARGET_UNITS = ['so_luong', 'so_luong_nam', 'ty_le'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const TARGET_UNIT_LABELS: Record<TargetUnit, { vi: string; en: string; suffix: string }> = {
  so_luong: { vi: 'Số lượng (cả thời kỳ)', en: 'Count (whole period)', suffix: '' },
  so_luong_nam: { vi: 'Số lượng mỗi năm', en: 'Count per year', suffix: '/năm' },
  ty_le: { vi: 'Tỷ lệ %', en: 'Rate %', suffix: '%' },
};
export const TARGET_COMPARATORS = ['>=', '<=', '='] as const;
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];

/** "≥ 1.000 đảng viên/năm" style text, numbers the Vietnamese way. */
export function describeTarget(t: { comparator: TargetComparator; value: number; unit: TargetUnit }): string {
  const sign = { '>=': '≥', '<=': '≤', '=': '=' }[t.comparator];
  const n = t.value.toLocaleString('de-DE', { maximumFractionDigits: 2 });
  return `${sign} ${n}${TARGET_UNIT_LABELS[t.unit].suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Study sessions (học tập, quán triệt): person-times (lượt).

export const STUDY_FORMS = ['hoc_tap', 'quan_triet', 'trien_khai', 'so_ket'] as const;
export type StudyForm = (typeof STUDY_FORMS)[number];
export const STUDY_FORM_LABELS: Record<StudyForm, { vi: string; en: string }> = {
  hoc_tap: { vi: 'Học tập, quán triệt', en: 'Study and dissemination' },
  quan_triet: { vi: 'Quán triệt, triển khai', en: 'Dissemination' },
  trien_khai: { vi: 'Triển khai thực hiện', en: 'Implementation briefing' },
  so_ket: { vi: 'Sơ kết, tổng kết', en: 'Review' },
};

/**
 * Attendance of one session: named people (members and non-members, each flagged as a member
 * or not on the session's date) plus counts for those not named (a commune hall with 200
 * villagers is recorded as a number). One person attending three sessions counts three lượt.
 */
export interface SessionAttendance {
  namedMembers: number;
  namedNonMembers: number;
  countedMembers: number;
  countedNonMembers: number;
}
export function personTimes(a: SessionAttendance): { members: number; nonMembers: number; total: number } {
  const members = a.namedMembers + a.countedMembers;
  const nonMembers = a.namedNonMembers + a.countedNonMembers;
  return { members, nonMembers, total: members + nonMembers };
}

/**
 * Coverage of a set of documents: an organization is covered when it held a session for
 * any of them (`any`) or for each of them (`all`). Seed-extraction §5.3 leaves the rule open
 * ("65/65 … NQ TW 6, 7, 8"), so the report asks for it explicitly.
 */
/**
 * Organizations coverage counts: grassroots organizations (TCCSĐ), and since 2025 the commune
 * committees, which are the base of the cells directly under them. A session counts for the
 * deepest of these above (or at) the organization that held it.
 */
export const STUDY_COVERAGE_KINDS = ['dang_uy_xa', 'dang_bo_co_so', 'chi_bo_co_so'] as const;

export const COVERAGE_RULES = ['any', 'all'] as const;
export type CoverageRule = (typeof COVERAGE_RULES)[number];
export function isCovered(studied: ReadonlySet<string>, documentIds: readonly string[], rule: CoverageRule): boolean {
  if (documentIds.length === 0) return studied.size > 0;
  return rule === 'all' ? documentIds.every((d) => studied.has(d)) : documentIds.some((d) => studied.has(d));
}

/** Attachments are kept in the database; this bounds one file (and the request carrying it). */
export const DOC_ATTACHMENT_MAX_BYTES = 512 * 1024;
