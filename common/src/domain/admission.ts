/**
 * The admission pipeline (phát triển đảng viên, Hướng dẫn 12-HD/BTCTW 2022) as pure rules:
 * which step may be recorded when, what a candidate still lacks, and the warnings that need
 * an authorized override. Server and web both use these, so a screen shows exactly what the
 * server will refuse.
 */
import { addMonths, ageOn, formatDateVi } from '../dates.js';
import type { Label } from '../reference/label.js';
import { parseGeneralEducation } from '../reference/levels.js';
import type { Role } from './roles.js';

// Rule set ---------------------------------------------------------------------------

export const ADMISSION_DOCS = ['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ', '6-KNĐ', '7-KNĐ', '8-KNĐ', '9-KNĐ', '10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ'] as const;
export type AdmissionDoc = (typeof ADMISSION_DOCS)[number];
/** Documents of the probation period: they exist only after the admission ceremony. */
export const PROBATION_DOCS: readonly AdmissionDoc[] = ['10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ'];

export const ADMISSION_DOC_LABELS: Record<AdmissionDoc, Label> = {
  '1-KNĐ': { vi: 'Đơn xin vào Đảng', en: 'Application to join the Party' },
  '2-KNĐ': { vi: 'Lý lịch của người xin vào Đảng', en: 'Personal history' },
  '3-KNĐ': { vi: 'Giấy giới thiệu người vào Đảng', en: "Sponsor's introduction" },
  '4-KNĐ': { vi: 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng', en: 'Youth Union resolution introducing the candidate' },
  '5-KNĐ': { vi: 'Tổng hợp ý kiến nhận xét của tổ chức đoàn thể và chi ủy nơi cư trú', en: 'Opinions of mass organizations and the residence cell' },
  '6-KNĐ': { vi: 'Nghị quyết đề nghị kết nạp của chi bộ', en: 'Cell resolution proposing admission' },
  '7-KNĐ': { vi: 'Báo cáo thẩm định của đảng ủy bộ phận', en: 'Appraisal report of the sub-committee' },
  '8-KNĐ': { vi: 'Nghị quyết đề nghị kết nạp của đảng ủy cơ sở', en: 'Base committee resolution proposing admission' },
  '9-KNĐ': { vi: 'Quyết định kết nạp đảng viên', en: 'Admission decision' },
  '10-KNĐ': { vi: 'Bản tự kiểm điểm của đảng viên dự bị', en: "Probationer's self-review" },
  '11-KNĐ': { vi: 'Bản nhận xét của đảng viên giúp đỡ', en: "Helper's review" },
  '12-KNĐ': { vi: 'Tổng hợp ý kiến nhận xét của tổ chức đoàn thể và chi ủy nơi cư trú đối với đảng viên dự bị', en: 'Opinions on the probationer' },
  '13-KNĐ': { vi: 'Nghị quyết đề nghị công nhận đảng viên chính thức của chi bộ', en: 'Cell resolution proposing full membership' },
};

export const INTRODUCER_KINDS = ['doan_thanh_nien', 'cong_doan', 'hoi_phu_nu', 'hoi_nong_dan', 'hoi_cuu_chien_binh', 'chi_hoi', 'khac'] as const;
export type IntroducerKind = (typeof INTRODUCER_KINDS)[number];
export const INTRODUCER_KIND_LABELS: Record<IntroducerKind, Label> = {
  doan_thanh_nien: { vi: 'Đoàn Thanh niên', en: 'Youth Union' },
  cong_doan: { vi: 'Công đoàn', en: 'Trade union' },
  hoi_phu_nu: { vi: 'Hội Liên hiệp Phụ nữ', en: "Women's Union" },
  hoi_nong_dan: { vi: 'Hội Nông dân', en: "Farmers' Union" },
  hoi_cuu_chien_binh: { vi: 'Hội Cựu chiến binh', en: "Veterans' Association" },
  chi_hoi: { vi: 'Chi hội đoàn thể', en: 'Local association branch' },
  khac: { vi: 'Khác', en: 'Other' },
};

/** Steps recorded on a candidate, in the order the guideline sets. */
export const ADMISSION_STEPS = [
  'nhan_thuc',
  'tham_tra',
  'nghi_quyet_chi_bo',
  'nghi_quyet_dang_uy',
  'quyet_dinh',
  'le_ket_nap',
  'boi_duong_dv_moi',
  'nghi_quyet_cong_nhan',
  'ket_qua',
] as const;
export type AdmissionStep = (typeof ADMISSION_STEPS)[number];

export const ADMISSION_STEP_LABELS: Record<AdmissionStep, Label> = {
  nhan_thuc: { vi: 'Lớp bồi dưỡng nhận thức về Đảng', en: 'Awareness class on the Party' },
  tham_tra: { vi: 'Thẩm tra lý lịch', en: 'Personal-history verification' },
  nghi_quyet_chi_bo: { vi: 'Nghị quyết đề nghị kết nạp của chi bộ', en: 'Cell resolution' },
  nghi_quyet_dang_uy: { vi: 'Nghị quyết của đảng ủy cơ sở', en: 'Base committee resolution' },
  quyet_dinh: { vi: 'Quyết định kết nạp', en: 'Admission decision' },
  le_ket_nap: { vi: 'Lễ kết nạp', en: 'Admission ceremony' },
  boi_duong_dv_moi: { vi: 'Lớp bồi dưỡng đảng viên mới', en: 'New-member class' },
  nghi_quyet_cong_nhan: { vi: 'Nghị quyết của cấp ủy về công nhận chính thức', en: 'Committee resolution on full membership' },
  ket_qua: { vi: 'Quyết định công nhận chính thức / không công nhận', en: 'Full membership or not recognized' },
};

/** Which inputs each step carries; the rest must stay empty. */
export const STEP_FIELDS: Record<AdmissionStep, { decisionNo: boolean; issuer: boolean; result: readonly string[] | null }> = {
  nhan_thuc: { decisionNo: true, issuer: false, result: null },
  tham_tra: { decisionNo: false, issuer: false, result: ['dat', 'khong_dat'] },
  nghi_quyet_chi_bo: { decisionNo: true, issuer: false, result: null },
  nghi_quyet_dang_uy: { decisionNo: true, issuer: false, result: null },
  quyet_dinh: { decisionNo: true, issuer: true, result: null },
  le_ket_nap: { decisionNo: false, issuer: false, result: null },
  boi_duong_dv_moi: { decisionNo: false, issuer: false, result: ['gioi', 'kha', 'dat', 'khong_dat'] },
  nghi_quyet_cong_nhan: { decisionNo: true, issuer: false, result: null },
  ket_qua: { decisionNo: true, issuer: true, result: ['chinh_thuc', 'khong_cong_nhan'] },
};

export const STEP_RESULT_LABELS: Record<string, Label> = {
  dat: { vi: 'Đạt', en: 'Passed' },
  khong_dat: { vi: 'Không đạt', en: 'Not passed' },
  kha: { vi: 'Khá', en: 'Good' },
  gioi: { vi: 'Giỏi', en: 'Excellent' },
  chinh_thuc: { vi: 'Công nhận đảng viên chính thức', en: 'Full membership' },
  khong_cong_nhan: { vi: 'Không công nhận đảng viên chính thức', en: 'Not recognized' },
};

/** Where a candidate stands: the furthest step reached. */
export const ADMISSION_STAGES = [
  'gioi_thieu',
  'nhan_thuc',
  'tham_tra',
  'nghi_quyet_chi_bo',
  'nghi_quyet_dang_uy',
  'quyet_dinh',
  'du_bi',
  'nghi_quyet_cong_nhan',
  'chinh_thuc',
  'khong_cong_nhan',
] as const;
export type AdmissionStage = (typeof ADMISSION_STAGES)[number];
export const ADMISSION_STAGE_LABELS: Record<AdmissionStage, Label> = {
  gioi_thieu: { vi: 'Được giới thiệu, đang làm hồ sơ', en: 'Introduced, preparing the file' },
  nhan_thuc: { vi: 'Đã học lớp nhận thức về Đảng', en: 'Awareness class done' },
  tham_tra: { vi: 'Đã thẩm tra lý lịch', en: 'Personal history verified' },
  nghi_quyet_chi_bo: { vi: 'Chi bộ đã đề nghị kết nạp', en: 'Proposed by the cell' },
  nghi_quyet_dang_uy: { vi: 'Đảng ủy cơ sở đã đề nghị', en: 'Proposed by the base committee' },
  quyet_dinh: { vi: 'Có quyết định, chờ lễ kết nạp', en: 'Decision issued, ceremony pending' },
  du_bi: { vi: 'Đảng viên dự bị', en: 'Probationary member' },
  nghi_quyet_cong_nhan: { vi: 'Đã đề nghị công nhận chính thức', en: 'Full membership proposed' },
  chinh_thuc: { vi: 'Đã công nhận chính thức', en: 'Full member' },
  khong_cong_nhan: { vi: 'Không công nhận chính thức', en: 'Not recognized' },
};

export const ADMISSION_RULES = ['tuoi_tren_60', 'hoc_van_duoi_thcs'] as const;
export type AdmissionRule = (typeof ADMISSION_RULES)[number];
export const ADMISSION_RULE_LABELS: Record<AdmissionRule, Label> = {
  tuoi_tren_60: { vi: 'Trên 60 tuổi (cần tỉnh ủy, thành ủy đồng ý)', en: 'Over 60 (needs the provincial committee)' },
  hoc_van_duoi_thcs: { vi: 'Học vấn dưới trung học cơ sở (ngoại lệ vùng cao, vùng dân tộc thiểu số)', en: 'Below lower secondary (mountain / ethnic-minority exception)' },
};

/**
 * A versioned, named rule set. Today's guideline is the default; a province can ship its own
 * object (another id) and candidates keep the id they were recorded under.
 */
export interface AdmissionRuleSet {
  id: string;
  name: string;
  /** Age on the cell resolution date. Under min is refused; over max needs an override. */
  minAge: number;
  maxAge: number;
  /** Lowest general education by system (12-year and former 10-year), below which an override is needed. */
  minEducation: { 12: number; 10: number };
  /** How long the awareness-class certificate stays valid. */
  awarenessValidityMonths: number;
  probationMonths: number;
  /** Documents needed before the cell resolution; 4-KNĐ only when the Youth Union introduced. */
  docsBeforeCellResolution: readonly AdmissionDoc[];
  youthUnionDoc: AdmissionDoc;
  docsBeforeFullMembership: readonly AdmissionDoc[];
  /**
   * Documents that are the written record of a step (6-KNĐ is the cell's resolution): received
   * once that step is taken, due in the file before the next one.
   */
  stepDocs: readonly { doc: AdmissionDoc; of: AdmissionStep; before: AdmissionStep }[];
  /** The sub-committee's appraisal, only where the cell is under a đảng bộ bộ phận: after the cell resolution, before the base committee's. */
  subCommitteeDoc: AdmissionDoc;
  /** Who may override a warning. */
  overrideRoles: readonly Role[];
  /** "Ending soon" on the probation list. */
  probationEndingWithinDays: number;
}

export const ADMISSION_RULES_HD12_2022: AdmissionRuleSet = {
  id: 'HD12-2022',
  name: 'Hướng dẫn 12-HD/BTCTW (2022)',
  minAge: 18,
  maxAge: 60,
  minEducation: { 12: 9, 10: 7 },
  awarenessValidityMonths: 60,
  probationMonths: 12,
  docsBeforeCellResolution: ['1-KNĐ', '2-KNĐ', '3-KNĐ', '5-KNĐ'],
  youthUnionDoc: '4-KNĐ',
  docsBeforeFullMembership: ['10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ'],
  stepDocs: [
    { doc: '6-KNĐ', of: 'nghi_quyet_chi_bo', before: 'nghi_quyet_dang_uy' },
    { doc: '8-KNĐ', of: 'nghi_quyet_dang_uy', before: 'quyet_dinh' },
    { doc: '9-KNĐ', of: 'quyet_dinh', before: 'le_ket_nap' },
  ],
  subCommitteeDoc: '7-KNĐ',
  overrideRoles: ['can_bo_to_chuc', 'quan_tri'],
  probationEndingWithinDays: 30,
};

export const ADMISSION_RULE_SETS: Record<string, AdmissionRuleSet> = { [ADMISSION_RULES_HD12_2022.id]: ADMISSION_RULES_HD12_2022 };
export const DEFAULT_ADMISSION_RULES = ADMISSION_RULES_HD12_2022;
export const admissionRulesById = (id: string): AdmissionRuleSet => ADMISSION_RULE_SETS[id] ?? DEFAULT_ADMISSION_RULES;

// The candidate record ---------------------------------------------------------------------

export interface AdmissionStepData {
  decisionNo?: string | null;
  date: string;
  issuer?: string | null;
  result?: string | null;
}

export interface AdmissionRecord {
  birthDate: string;
  generalEducation: string | null;
  introducedByKind: IntroducerKind;
  /** The developing cell is under a đảng bộ bộ phận, whose appraisal (7-KNĐ) the file then needs. */
  underSubCommittee?: boolean;
  /** A helper is assigned now. */
  hasHelper: boolean;
  steps: Partial<Record<AdmissionStep, AdmissionStepData>>;
  /** Received date of each document. */
  documents: Partial<Record<AdmissionDoc, string>>;
  overrides: readonly AdmissionRule[];
}

export interface AdmissionViolation {
  code: string;
  message: string;
  field: string;
}

export interface AdmissionWarning {
  rule: AdmissionRule;
  message: string;
  field: string;
  overridden: boolean;
}

const d = formatDateVi;
const stepName = (s: AdmissionStep) => ADMISSION_STEP_LABELS[s].vi.toLowerCase();

export function requiredDocsBeforeCell(rec: Pick<AdmissionRecord, 'introducedByKind'>, rules: AdmissionRuleSet): AdmissionDoc[] {
  const docs = [...rules.docsBeforeCellResolution];
  if (rec.introducedByKind === 'doan_thanh_nien' && !docs.includes(rules.youthUnionDoc)) docs.push(rules.youthUnionDoc);
  return docs.sort((a, b) => ADMISSION_DOCS.indexOf(a) - ADMISSION_DOCS.indexOf(b));
}

/**
 * When each document belongs in the file: `after` the step it records or follows (null: any
 * time), `before` the step it is needed for (null: not needed for this candidate). The
 * checklist shows this, the progress lists the late ones as missing, and receipts are checked
 * against `after`.
 */
export interface DocumentDue {
  doc: AdmissionDoc;
  after: AdmissionStep | null;
  before: AdmissionStep | null;
}

export function documentSchedule(rec: Pick<AdmissionRecord, 'introducedByKind' | 'underSubCommittee'>, rules: AdmissionRuleSet): DocumentDue[] {
  const beforeCell = requiredDocsBeforeCell(rec, rules);
  return ADMISSION_DOCS.map((doc): DocumentDue => {
    // The verification works on the personal history, so 2-KNĐ is needed before it (see `unmet`).
    if (doc === '2-KNĐ' && beforeCell.includes(doc)) return { doc, after: null, before: 'tham_tra' };
    if (beforeCell.includes(doc)) return { doc, after: null, before: 'nghi_quyet_chi_bo' };
    const ofStep = rules.stepDocs.find((x) => x.doc === doc);
    if (ofStep) return { doc, after: ofStep.of, before: ofStep.before };
    if (doc === rules.subCommitteeDoc) return { doc, after: 'nghi_quyet_chi_bo', before: rec.underSubCommittee ? 'nghi_quyet_dang_uy' : null };
    if (rules.docsBeforeFullMembership.includes(doc)) return { doc, after: 'le_ket_nap', before: 'nghi_quyet_cong_nhan' };
    return { doc, after: null, before: null };
  });
}

/**
 * Documents of the steps between the cell resolution and the ceremony (6-, 7-, 8-, 9-KNĐ) that
 * are due, their step being taken, and not received by `on`. They are listed as missing; they do
 * not block the next step, since recording the step already says the resolution or decision exists.
 */
function lateStepDocs(rec: AdmissionRecord, rules: AdmissionRuleSet, on: string): AdmissionDoc[] {
  return documentSchedule(rec, rules)
    .filter((x) => x.after !== null && x.before !== null && !rules.docsBeforeFullMembership.includes(x.doc))
    .filter((x) => rec.steps[x.after!] && (!rec.documents[x.doc] || rec.documents[x.doc]! > on))
    .map((x) => x.doc);
}

export const awarenessValidUntil = (certDate: string, rules: AdmissionRuleSet) => addMonths(certDate, rules.awarenessValidityMonths);
export const probationEndsOn = (decisionDate: string, rules: AdmissionRuleSet) => addMonths(decisionDate, rules.probationMonths);

/** Below the minimum education of the rule set; unknown education counts as below (it has to be checked). */
export function educationBelowMinimum(generalEducation: string | null, rules: AdmissionRuleSet): boolean {
  const ge = generalEducation ? parseGeneralEducation(generalEducation) : null;
  if (!ge) return true;
  return ge.grade < rules.minEducation[ge.system];
}

/** Warnings judged on `on` (the cell resolution date, or today while it is not set). */
export function admissionWarnings(rec: AdmissionRecord, on: string, rules: AdmissionRuleSet): AdmissionWarning[] {
  const out: AdmissionWarning[] = [];
  const age = ageOn(rec.birthDate, on);
  if (age > rules.maxAge)
    out.push({
      rule: 'tuoi_tren_60',
      field: 'birthDate',
      message: `Người này ${age} tuổi vào ngày ${d(on)}, quá ${rules.maxAge} tuổi: cần tỉnh ủy, thành ủy đồng ý và cán bộ tổ chức ghi nhận ngoại lệ.`,
      overridden: rec.overrides.includes('tuoi_tren_60'),
    });
  if (educationBelowMinimum(rec.generalEducation, rules))
    out.push({
      rule: 'hoc_van_duoi_thcs',
      field: 'generalEducation',
      message: rec.generalEducation
        ? `Trình độ giáo dục phổ thông ${rec.generalEducation} chưa đạt trung học cơ sở (${rules.minEducation[12]}/12 trở lên): chỉ được ngoại lệ ở vùng cao, vùng đồng bào dân tộc thiểu số, do cán bộ tổ chức ghi nhận.`
        : 'Chưa ghi trình độ giáo dục phổ thông: cần từ trung học cơ sở trở lên, hoặc cán bộ tổ chức ghi nhận ngoại lệ vùng cao, vùng đồng bào dân tộc thiểu số.',
      overridden: rec.overrides.includes('hoc_van_duoi_thcs'),
    });
  return out;
}

export interface StepInput {
  step: AdmissionStep;
  date: string;
  decisionNo?: string | null;
  issuer?: string | null;
  result?: string | null;
}

/** Prerequisites of a step that are not met on `on` (its date), as Vietnamese sentences. */
function unmet(rec: AdmissionRecord, step: AdmissionStep, on: string, rules: AdmissionRuleSet): string[] {
  const s = rec.steps;
  const missing: string[] = [];
  const needDocs = (docs: readonly AdmissionDoc[]) => {
    const lacking = docs.filter((c) => !rec.documents[c] || rec.documents[c]! > on);
    if (lacking.length) missing.push(`chưa nhận ${lacking.join(', ')}`);
  };
  const needStep = (p: AdmissionStep) => {
    if (!s[p]) missing.push(`chưa có ${stepName(p)}`);
  };
  switch (step) {
    case 'nhan_thuc':
      break;
    case 'tham_tra':
      needDocs(['2-KNĐ']);
      break;
    case 'nghi_quyet_chi_bo': {
      const cert = s.nhan_thuc;
      if (!cert) missing.push('chưa có giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng');
      else if (awarenessValidUntil(cert.date, rules) <= on)
        missing.push(`giấy chứng nhận lớp nhận thức về Đảng đã hết hạn ngày ${d(awarenessValidUntil(cert.date, rules))} (có giá trị ${rules.awarenessValidityMonths} tháng)`);
      if (!s.tham_tra) missing.push('chưa thẩm tra lý lịch');
      else if (s.tham_tra.result !== 'dat') missing.push('kết quả thẩm tra lý lịch không đạt');
      needDocs(requiredDocsBeforeCell(rec, rules));
      if (!rec.hasHelper) missing.push('chưa phân công đảng viên chính thức giúp đỡ');
      break;
    }
    case 'nghi_quyet_dang_uy':
      needStep('nghi_quyet_chi_bo');
      break;
    case 'quyet_dinh':
      needStep('nghi_quyet_dang_uy');
      break;
    case 'le_ket_nap':
      needStep('quyet_dinh');
      break;
    case 'boi_duong_dv_moi':
      needStep('le_ket_nap');
      break;
    case 'nghi_quyet_cong_nhan':
      if (!s.le_ket_nap) missing.push('chưa tổ chức lễ kết nạp');
      if (!s.boi_duong_dv_moi) missing.push('chưa học lớp bồi dưỡng đảng viên mới');
      else if (s.boi_duong_dv_moi.result === 'khong_dat') missing.push('lớp bồi dưỡng đảng viên mới không đạt');
      needDocs(rules.docsBeforeFullMembership);
      break;
    case 'ket_qua':
      needStep('le_ket_nap');
      break;
  }
  return missing;
}

/** The date a step may not precede: the step it follows. */
function previousDate(rec: AdmissionRecord, step: AdmissionStep): { date: string; what: string } | null {
  const s = rec.steps;
  const of = (p: AdmissionStep) => (s[p] ? { date: s[p].date, what: stepName(p) } : null);
  switch (step) {
    case 'nghi_quyet_chi_bo': {
      const later = [of('nhan_thuc'), of('tham_tra')].filter((x) => x !== null).sort((a, b) => (a.date < b.date ? 1 : -1));
      return later[0] ?? null;
    }
    case 'nghi_quyet_dang_uy':
      return of('nghi_quyet_chi_bo');
    case 'quyet_dinh':
      return of('nghi_quyet_dang_uy');
    case 'le_ket_nap':
    case 'boi_duong_dv_moi':
      return of('quyet_dinh');
    case 'nghi_quyet_cong_nhan':
      return of('boi_duong_dv_moi');
    case 'ket_qua':
      return of('nghi_quyet_cong_nhan') ?? of('le_ket_nap');
    default:
      return null;
  }
}

/**
 * Whether a step may be recorded now: inputs present, not recorded before, in order, dated
 * sensibly, prerequisites met and warnings overridden. Null = allowed.
 */
export function checkAdmissionStep(rec: AdmissionRecord, input: StepInput, rules: AdmissionRuleSet, today: string): AdmissionViolation | null {
  const { step, date } = input;
  const label = ADMISSION_STEP_LABELS[step].vi;
  const fields = STEP_FIELDS[step];
  if (rec.steps.ket_qua) return { code: 'ADMISSION_CLOSED', field: 'step', message: 'Hồ sơ đã có kết quả cuối cùng; không ghi thêm bước nào.' };
  // There is no correction step: a step is recorded once and never edited, and the message says so.
  if (rec.steps[step])
    return {
      code: 'STEP_ALREADY_RECORDED',
      field: 'step',
      message: `Bước "${label}" đã được ghi ngày ${d(rec.steps[step].date)}; mỗi bước chỉ ghi một lần, bước đã ghi không sửa hay xóa được.`,
    };
  if (fields.decisionNo && !input.decisionNo?.trim()) return { code: 'FIELD_REQUIRED', field: 'decisionNo', message: `Số văn bản: cần ghi cho bước "${label}".` };
  if (fields.issuer && !input.issuer?.trim()) return { code: 'FIELD_REQUIRED', field: 'issuer', message: `Cơ quan ban hành: cần ghi cho bước "${label}".` };
  if (fields.result && !fields.result.includes(input.result ?? ''))
    return { code: 'FIELD_REQUIRED', field: 'result', message: `Kết quả: cần chọn một trong ${fields.result.map((r) => STEP_RESULT_LABELS[r]!.vi).join(', ')}.` };
  if (date > today) return { code: 'DATE_IN_FUTURE', field: 'date', message: 'Ngày: không được sau ngày hôm nay.' };
  if (date < rec.birthDate) return { code: 'DATE_BEFORE_BIRTH', field: 'date', message: 'Ngày: không được trước ngày sinh.' };

  // Outcome "không công nhận" needs no resolution on full membership, only a probationer.
  const reasons = step === 'ket_qua' && input.result === 'chinh_thuc' ? unmet(rec, 'ket_qua', date, rules).concat(rec.steps.nghi_quyet_cong_nhan ? [] : [`chưa có ${stepName('nghi_quyet_cong_nhan')}`]) : unmet(rec, step, date, rules);
  if (reasons.length) return { code: 'STEP_OUT_OF_ORDER', field: 'step', message: `Chưa thể ghi "${label}": ${reasons.join('; ')}.` };

  const prev = previousDate(rec, step);
  if (prev && date < prev.date) return { code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'date', message: `Ngày: không được trước ngày của bước trước (${prev.what}, ${d(prev.date)}).` };

  if (step === 'nghi_quyet_chi_bo') {
    const age = ageOn(rec.birthDate, date);
    if (age < rules.minAge)
      return { code: 'CANDIDATE_UNDER_AGE', field: 'birthDate', message: `Ngày sinh: vào ngày ${d(date)} người này mới ${age} tuổi, chưa đủ ${rules.minAge} tuổi để chi bộ xét kết nạp.` };
    const open = admissionWarnings(rec, date, rules).find((w) => !w.overridden);
    if (open) return { code: 'ADMISSION_WARNING', field: open.field, message: open.message };
  }
  // Full membership before the probation ends is refused by the member ledger, which owns that rule.
  return null;
}

export function checkDocument(rec: AdmissionRecord, code: AdmissionDoc, receivedOn: string, today: string, rules: AdmissionRuleSet = DEFAULT_ADMISSION_RULES): AdmissionViolation | null {
  if (rec.steps.ket_qua) return { code: 'ADMISSION_CLOSED', field: 'doc', message: 'Hồ sơ đã có kết quả cuối cùng; không ghi thêm tài liệu.' };
  if (rec.documents[code])
    return { code: 'DOCUMENT_ALREADY_RECORDED', field: 'doc', message: `Tài liệu ${code} đã ghi nhận ngày ${d(rec.documents[code])}; ngày nhận đã ghi không sửa được.` };
  if (receivedOn > today) return { code: 'DATE_IN_FUTURE', field: 'receivedOn', message: 'Ngày nhận: không được sau ngày hôm nay.' };
  // A document that records a step (6-KNĐ is the cell's resolution) cannot be in the file before that step.
  const due = documentSchedule(rec, rules).find((x) => x.doc === code)!;
  if (due.after && !PROBATION_DOCS.includes(code)) {
    const step = rec.steps[due.after];
    if (!step) return { code: 'STEP_OUT_OF_ORDER', field: 'doc', message: `Tài liệu ${code} chỉ có sau bước "${ADMISSION_STEP_LABELS[due.after].vi}": bước này chưa được ghi.` };
    if (receivedOn < step.date)
      return { code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'receivedOn', message: `Ngày nhận: không được trước ngày của bước "${ADMISSION_STEP_LABELS[due.after].vi}" (${d(step.date)}).` };
  }
  if (PROBATION_DOCS.includes(code)) {
    const decided = rec.steps.quyet_dinh;
    if (!rec.steps.le_ket_nap || !decided)
      return { code: 'STEP_OUT_OF_ORDER', field: 'doc', message: `Tài liệu ${code} chỉ có trong thời gian dự bị: chưa tổ chức lễ kết nạp.` };
    if (receivedOn < decided.date) return { code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'receivedOn', message: `Ngày nhận: không được trước ngày quyết định kết nạp (${d(decided.date)}).` };
  }
  return null;
}

export const canOverrideAdmissionWarning = (role: Role, rules: AdmissionRuleSet) => rules.overrideRoles.includes(role);

// Progress -------------------------------------------------------------------------------

export function admissionStage(rec: Pick<AdmissionRecord, 'steps'>): AdmissionStage {
  const s = rec.steps;
  if (s.ket_qua) return s.ket_qua.result === 'khong_cong_nhan' ? 'khong_cong_nhan' : 'chinh_thuc';
  if (s.nghi_quyet_cong_nhan) return 'nghi_quyet_cong_nhan';
  if (s.le_ket_nap) return 'du_bi';
  for (const st of ['quyet_dinh', 'nghi_quyet_dang_uy', 'nghi_quyet_chi_bo', 'tham_tra', 'nhan_thuc'] as const) if (s[st]) return st;
  return 'gioi_thieu';
}

export interface AdmissionProgress {
  stage: AdmissionStage;
  /** The step to record next; null once there is an outcome. */
  nextStep: AdmissionStep | null;
  /** What is missing before the next milestone, in Vietnamese. */
  missing: string[];
  warnings: AdmissionWarning[];
  awarenessValidUntil: string | null;
  probationEndsOn: string | null;
  /** Days until the probation ends (negative: overdue); null outside probation. */
  probationDaysLeft: number | null;
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round(dayNumber(to) - dayNumber(from));

/** The candidate's current step and everything still lacking, judged on `today`. */
export function admissionProgress(rec: AdmissionRecord, rules: AdmissionRuleSet, today: string): AdmissionProgress {
  const s = rec.steps;
  const stage = admissionStage(rec);
  const cellDate = s.nghi_quyet_chi_bo?.date ?? today;
  const warnings = s.nghi_quyet_chi_bo ? [] : admissionWarnings(rec, cellDate, rules);
  const end = s.quyet_dinh && s.le_ket_nap ? probationEndsOn(s.quyet_dinh.date, rules) : null;
  let nextStep: AdmissionStep | null = null;
  const missing: string[] = [];
  if (!s.ket_qua) {
    if (!s.nghi_quyet_chi_bo) {
      // Class, file and verification run side by side; the milestone is the cell resolution.
      nextStep = !s.nhan_thuc ? 'nhan_thuc' : !s.tham_tra ? 'tham_tra' : 'nghi_quyet_chi_bo';
      missing.push(...unmet(rec, 'nghi_quyet_chi_bo', today, rules));
      for (const w of warnings) if (!w.overridden) missing.push(w.message);
    } else if (!s.le_ket_nap) {
      nextStep = !s.nghi_quyet_dang_uy ? 'nghi_quyet_dang_uy' : !s.quyet_dinh ? 'quyet_dinh' : 'le_ket_nap';
    } else if (!s.nghi_quyet_cong_nhan) {
      nextStep = !s.boi_duong_dv_moi ? 'boi_duong_dv_moi' : 'nghi_quyet_cong_nhan';
      missing.push(...unmet(rec, 'nghi_quyet_cong_nhan', today, rules));
      if (!rec.hasHelper) missing.push('chưa phân công đảng viên chính thức giúp đỡ');
    } else nextStep = 'ket_qua';
    const late = lateStepDocs(rec, rules, today);
    if (late.length) missing.push(`chưa nhận ${late.join(', ')}`);
  }
  return {
    stage,
    nextStep,
    missing,
    warnings,
    awarenessValidUntil: s.nhan_thuc ? awarenessValidUntil(s.nhan_thuc.date, rules) : null,
    probationEndsOn: end,
    probationDaysLeft: end && !s.ket_qua ? daysBetween(today, end) : null,
  };
}

/** Probation status for the lists: ending within the window, or overdue (12 months passed, no outcome). */
export function probationStatus(endsOn: string, today: string, rules: AdmissionRuleSet): 'qua_han' | 'sap_het' | 'dang_du_bi' {
  if (endsOn < today) return 'qua_han';
  return daysBetween(today, endsOn) <= rules.probationEndingWithinDays ? 'sap_het' : 'dang_du_bi';
}

// Targets ----------------------------------------------------------------------------------

export const TARGET_KINDS = ['count', 'rate'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The bound word of a target: "từ … trở lên" (met at the goal) or "hơn" (met only above it). */
export const TARGET_BOUNDS = ['tu', 'hon'] as const;
export type TargetBound = (typeof TARGET_BOUNDS)[number];
export const TARGET_BOUND_LABELS: Record<TargetBound, Label> = {
  tu: { vi: 'Từ … trở lên (đạt khi bằng chỉ tiêu)', en: 'At least (met at the goal)' },
  hon: { vi: 'Hơn (đạt khi vượt chỉ tiêu)', en: 'More than (met only above the goal)' },
};

export interface AdmissionTargetRule {
  kind: TargetKind;
  /** Admissions (count) or percent of the members at the start of the period (rate). */
  value: number;
  fromYear: number;
  toYear: number;
  /** The value is per year: over a multi-year term the goal is value × years. */
  perYear: boolean;
  /** "từ … trở lên" (≥, the default) or "hơn" (>). */
  bound?: TargetBound;
}

export interface TargetAchievement {
  years: number;
  /** Members at the start of the period (rate targets only). */
  baseMembers: number | null;
  /** The goal in admissions: reached ("từ … trở lên") or exceeded ("hơn"); may be fractional for rates. */
  goal: number | null;
  admitted: number;
  /** admitted / goal × 100. */
  percent: number | null;
  met: boolean | null;
  /** How the goal was computed, in Vietnamese. */
  explanation: string;
}

const n = (x: number) => {
  const rounded = Math.round(x * 100) / 100;
  const [int, frac] = String(rounded).split('.');
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac ? `,${frac}` : '');
};

export function targetAchievement(t: AdmissionTargetRule, admitted: number, baseMembers: number | null): TargetAchievement {
  const years = t.toYear - t.fromYear + 1;
  const times = t.perYear ? years : 1;
  const period = years > 1 ? `${t.fromYear}–${t.toYear}` : `${t.fromYear}`;
  const strict = t.bound === 'hon';
  const lead = strict ? 'Hơn' : 'Từ';
  let goal: number | null;
  let explanation: string;
  if (t.kind === 'count') {
    goal = t.value * times;
    explanation =
      t.perYear && years > 1
        ? `${lead} ${n(t.value)} đảng viên mỗi năm × ${years} năm = ${n(goal)} (${period})`
        : strict
          ? `Hơn ${n(t.value)} đảng viên (${period})`
          : `Từ ${n(t.value)} đảng viên trở lên (${period})`;
  } else if (baseMembers === null) {
    goal = null;
    explanation = `${lead} ${n(t.value)}% số đảng viên đầu kỳ${t.perYear && years > 1 ? ' mỗi năm' : ''}: chưa có số đảng viên đầu kỳ`;
  } else {
    goal = (t.value / 100) * baseMembers * times;
    explanation =
      t.perYear && years > 1
        ? `${lead} ${n(t.value)}% × ${n(baseMembers)} đảng viên đầu kỳ × ${years} năm = ${n(goal)} (${period})`
        : `${lead} ${n(t.value)}% × ${n(baseMembers)} đảng viên đầu kỳ = ${n(goal)} (${period})`;
  }
  const percent = goal !== null && goal > 0 ? (admitted / goal) * 100 : null;
  // "Hơn" is met only above the goal: exactly the goal is 100 % and not met.
  const met = goal === null ? null : strict ? admitted > goal : admitted >= goal;
  return { years, baseMembers, goal, admitted, percent, met, explanation };
}
