/**
 * Inspection and supervision (kiểm tra, giám sát) and discipline (kỷ luật) as pure rules: the
 * case state machine, which body may take up which subject, and what a discipline form does.
 * Server and web both use them, so a screen offers exactly what the server accepts.
 */
import type { Label } from '../reference/label.js';
import { isCellKind } from './organization.js';

export const INSPECTION_ACTIVITIES = ['kiem_tra', 'giam_sat'] as const;
export type InspectionActivity = (typeof INSPECTION_ACTIVITIES)[number];
export const INSPECTION_ACTIVITY_LABELS: Record<InspectionActivity, Label> = {
  kiem_tra: { vi: 'Kiểm tra', en: 'Inspection' },
  giam_sat: { vi: 'Giám sát', en: 'Supervision' },
};

/** The body that inspects: the committee, its inspection commission, or a cell. */
export const INSPECTION_BODY_KINDS = ['cap_uy', 'ubkt', 'chi_bo'] as const;
export type InspectionBodyKind = (typeof INSPECTION_BODY_KINDS)[number];
export const INSPECTION_BODY_LABELS: Record<InspectionBodyKind, Label> = {
  cap_uy: { vi: 'Cấp ủy', en: 'Party committee' },
  ubkt: { vi: 'Ủy ban kiểm tra', en: 'Inspection commission' },
  chi_bo: { vi: 'Chi bộ', en: 'Cell' },
};

export const INSPECTION_SUBJECT_TYPES = ['to_chuc', 'dang_vien'] as const;
export type InspectionSubjectType = (typeof INSPECTION_SUBJECT_TYPES)[number];
export const INSPECTION_SUBJECT_LABELS: Record<InspectionSubjectType, Label> = {
  to_chuc: { vi: 'Tổ chức đảng', en: 'Party organization' },
  dang_vien: { vi: 'Đảng viên', en: 'Party member' },
};

export const INSPECTION_KINDS = ['theo_ke_hoach', 'chuyen_de', 'dau_hieu_vi_pham'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, Label> = {
  theo_ke_hoach: { vi: 'Thường xuyên, theo kế hoạch', en: 'Regular, by plan' },
  chuyen_de: { vi: 'Chuyên đề', en: 'Thematic' },
  dau_hieu_vi_pham: { vi: 'Khi có dấu hiệu vi phạm', en: 'On signs of violation' },
};

export const INSPECTION_STATES = ['ke_hoach', 'dang_tien_hanh', 'ket_luan', 'ky_luat', 'huy'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];
export const INSPECTION_STATE_LABELS: Record<InspectionState, Label> = {
  ke_hoach: { vi: 'Theo kế hoạch, chưa tiến hành', en: 'Planned' },
  dang_tien_hanh: { vi: 'Đang tiến hành', en: 'In progress' },
  ket_luan: { vi: 'Đã kết luận', en: 'Concluded' },
  ky_luat: { vi: 'Đã xử lý kỷ luật', en: 'Discipline decided' },
  huy: { vi: 'Không tiến hành', en: 'Cancelled' },
};

/** Steps a user takes on a case; the move to "kỷ luật" happens by recording a discipline decision. */
export const INSPECTION_ACTIONS = ['bat_dau', 'ket_luan', 'huy'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];
export const INSPECTION_ACTION_LABELS: Record<InspectionAction, Label> = {
  bat_dau: { vi: 'Bắt đầu tiến hành', en: 'Start' },
  ket_luan: { vi: 'Kết luận', en: 'Conclude' },
  huy: { vi: 'Không tiến hành', en: 'Cancel' },
};

const MOVES: Record<InspectionAction, { from: InspectionState; to: InspectionState }> = {
  bat_dau: { from: 'ke_hoach', to: 'dang_tien_hanh' },
  ket_luan: { from: 'dang_tien_hanh', to: 'ket_luan' },
  huy: { from: 'ke_hoach', to: 'huy' },
};

export type CaseStepResult = { ok: true; state: InspectionState } | { ok: false; message: string };

/** The case state machine: kế hoạch → đang tiến hành → kết luận → (kỷ luật); a plan may be cancelled. */
export function inspectionStep(state: InspectionState, action: InspectionAction): CaseStepResult {
  const m = MOVES[action];
  if (m.from === state) return { ok: true, state: m.to };
  return {
    ok: false,
    message: `Không thể "${INSPECTION_ACTION_LABELS[action].vi.toLowerCase()}" khi cuộc kiểm tra, giám sát đang ở trạng thái "${INSPECTION_STATE_LABELS[state].vi}"; bước này chỉ làm được khi ở trạng thái "${INSPECTION_STATE_LABELS[m.from].vi}".`,
  };
}

/** Actions available from a state, for the screen. */
export const inspectionActionsFrom = (state: InspectionState): InspectionAction[] => INSPECTION_ACTIONS.filter((a) => MOVES[a].from === state);

/** Requirements (yêu cầu, kiến nghị) come from the conclusion. */
export const acceptsRequirements = (state: InspectionState): boolean => state === 'ket_luan' || state === 'ky_luat';

// Discipline ---------------------------------------------------------------------------

export const DISCIPLINE_FORMS = ['khien_trach', 'canh_cao', 'cach_chuc', 'khai_tru'] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];
export const DISCIPLINE_FORM_LABELS: Record<DisciplineForm, Label> = {
  khien_trach: { vi: 'Khiển trách', en: 'Reprimand' },
  canh_cao: { vi: 'Cảnh cáo', en: 'Warning' },
  cach_chuc: { vi: 'Cách chức', en: 'Removal from post' },
  khai_tru: { vi: 'Khai trừ', en: 'Expulsion' },
};

/** A later decision on a discipline: a lighter form (giảm hình thức) or lifting it (xóa kỷ luật). */
export const DISCIPLINE_AMENDMENT_KINDS = ['giam_hinh_thuc', 'xoa_ky_luat'] as const;
export type DisciplineAmendmentKind = (typeof DISCIPLINE_AMENDMENT_KINDS)[number];
export const DISCIPLINE_AMENDMENT_LABELS: Record<DisciplineAmendmentKind, Label> = {
  giam_hinh_thuc: { vi: 'Giảm hình thức kỷ luật', en: 'Lighter form' },
  xoa_ky_luat: { vi: 'Xóa kỷ luật', en: 'Discipline lifted' },
};

// Rule sets ----------------------------------------------------------------------------

export interface DisciplineFormRule {
  /** Higher is heavier; a reduction must go to a lower one. */
  severity: number;
  /** Ends the person's open party posts on the effective date. */
  endsPosts: boolean;
  /** Requires the person to hold a party post on the effective date. */
  needsPost: boolean;
  /** Event appended to the member's ledger on the effective date. */
  ledgerEvent: 'khai_tru' | null;
}

/**
 * A versioned, named rule set. Today's regulation is the default; older ones stay so a case keeps
 * the rules it was decided under, and a province may ship its own object under another id.
 */
export interface InspectionRuleSet {
  id: string;
  name: string;
  /** First day the rule set applies (by the case's decision date). */
  validFrom: string;
  /** Kinds allowed per activity: "khi có dấu hiệu vi phạm" is a kind of kiểm tra only. */
  kindsByActivity: Record<InspectionActivity, readonly InspectionKind[]>;
  /** What a body may take up. */
  subjectsByBody: Record<InspectionBodyKind, readonly InspectionSubjectType[]>;
  /** Organization kinds a body may belong to. */
  bodyOrgKinds: Record<InspectionBodyKind, (kind: string) => boolean>;
  /** Whether a supervision may lead straight to discipline (no: it must become a kiểm tra first). */
  supervisionMayDiscipline: boolean;
  forms: Record<DisciplineForm, DisciplineFormRule>;
}

const HAS_COMMISSION = new Set(['dang_bo_tinh', 'dang_bo_huyen', 'dang_uy_khoi', 'dang_uy_xa', 'dang_bo_co_so']);
const MEMBER_FORMS: Record<DisciplineForm, DisciplineFormRule> = {
  khien_trach: { severity: 1, endsPosts: false, needsPost: false, ledgerEvent: null },
  canh_cao: { severity: 2, endsPosts: false, needsPost: false, ledgerEvent: null },
  cach_chuc: { severity: 3, endsPosts: true, needsPost: true, ledgerEvent: null },
  // An expelled member holds no party post any more.
  khai_tru: { severity: 4, endsPosts: true, needsPost: false, ledgerEvent: 'khai_tru' },
};
const BASE_RULES = {
  kindsByActivity: { kiem_tra: ['theo_ke_hoach', 'chuyen_de', 'dau_hieu_vi_pham'], giam_sat: ['theo_ke_hoach', 'chuyen_de'] },
  subjectsByBody: { cap_uy: ['to_chuc', 'dang_vien'], ubkt: ['to_chuc', 'dang_vien'], chi_bo: ['dang_vien'] },
  bodyOrgKinds: { cap_uy: (k: string) => !isCellKind(k), ubkt: (k: string) => HAS_COMMISSION.has(k), chi_bo: isCellKind },
  supervisionMayDiscipline: false,
  forms: MEMBER_FORMS,
} satisfies Omit<InspectionRuleSet, 'id' | 'name' | 'validFrom'>;

/** Quy định 30-QĐ/TW (2016) on the Party Charter's chapters VII–VIII, with Quy định 102-QĐ/TW (2017) on discipline. */
export const INSPECTION_RULES_QD30_2016: InspectionRuleSet = { id: 'QD30-2016', name: 'Quy định 30-QĐ/TW (2016), 102-QĐ/TW (2017)', validFrom: '1900-01-01', ...BASE_RULES };
/** Quy định 22-QĐ/TW (2021) on inspection, supervision and discipline, with Quy định 69-QĐ/TW (2022). */
export const INSPECTION_RULES_QD22_2021: InspectionRuleSet = { id: 'QD22-2021', name: 'Quy định 22-QĐ/TW (2021), 69-QĐ/TW (2022)', validFrom: '2021-07-28', ...BASE_RULES };

export const INSPECTION_RULE_SETS: readonly InspectionRuleSet[] = [INSPECTION_RULES_QD30_2016, INSPECTION_RULES_QD22_2021];
export const DEFAULT_INSPECTION_RULES = INSPECTION_RULES_QD22_2021;

/** The rule set in force on a date: the latest that started on or before it. */
export function inspectionRulesOn(date: string, sets: readonly InspectionRuleSet[] = INSPECTION_RULE_SETS): InspectionRuleSet {
  let found = sets[0] ?? DEFAULT_INSPECTION_RULES;
  for (const s of sets) if (s.validFrom <= date && s.validFrom >= found.validFrom) found = s;
  return found;
}

export interface CaseShape {
  activity: InspectionActivity;
  bodyKind: InspectionBodyKind;
  bodyOrgKind: string;
  subjectType: InspectionSubjectType;
  kind: InspectionKind;
}

export interface InspectionViolation {
  code: string;
  message: string;
  field: string;
}

/** Whether a body may take up a subject with this activity and kind; null when allowed. */
export function caseShapeRefusal(c: CaseShape, rules: InspectionRuleSet): InspectionViolation | null {
  if (!rules.kindsByActivity[c.activity].includes(c.kind))
    return {
      code: 'KIND_NOT_FOR_ACTIVITY',
      message: `Loại "${INSPECTION_KIND_LABELS[c.kind].vi}" không áp dụng cho ${INSPECTION_ACTIVITY_LABELS[c.activity].vi.toLowerCase()}; giám sát chỉ có thường xuyên hoặc chuyên đề, khi có dấu hiệu vi phạm thì tiến hành kiểm tra.`,
      field: 'kind',
    };
  if (!rules.bodyOrgKinds[c.bodyKind](c.bodyOrgKind))
    return {
      code: 'BODY_NOT_OF_ORG',
      message:
        c.bodyKind === 'chi_bo'
          ? 'Chủ thể "Chi bộ" phải là một chi bộ.'
          : c.bodyKind === 'ubkt'
            ? 'Tổ chức đảng này không có ủy ban kiểm tra (chỉ đảng bộ cơ sở trở lên mới có).'
            : 'Chi bộ không có cấp ủy riêng làm chủ thể; hãy chọn chủ thể "Chi bộ".',
      field: 'bodyKind',
    };
  if (!rules.subjectsByBody[c.bodyKind].includes(c.subjectType))
    return { code: 'SUBJECT_NOT_FOR_BODY', message: 'Chi bộ chỉ kiểm tra, giám sát đảng viên của mình.', field: 'subjectType' };
  return null;
}

export interface CaseForDiscipline {
  state: InspectionState;
  activity: InspectionActivity;
  violationsFound: boolean;
}

/** Whether a discipline decision may be recorded against a case; null when allowed. */
export function caseDisciplineRefusal(c: CaseForDiscipline, rules: InspectionRuleSet): string | null {
  if (c.state !== 'ket_luan' && c.state !== 'ky_luat') return `Chỉ xử lý kỷ luật sau khi đã có kết luận (cuộc này đang ở trạng thái "${INSPECTION_STATE_LABELS[c.state].vi}").`;
  if (c.activity === 'giam_sat' && !rules.supervisionMayDiscipline)
    return 'Giám sát không dẫn trực tiếp tới kỷ luật: khi phát hiện dấu hiệu vi phạm, hãy mở cuộc kiểm tra khi có dấu hiệu vi phạm.';
  if (!c.violationsFound) return 'Kết luận không xác định có vi phạm, nên không có căn cứ xử lý kỷ luật.';
  return null;
}

/** What recording a discipline form does besides the record itself. */
export const disciplineEffects = (form: DisciplineForm, rules: InspectionRuleSet = DEFAULT_INSPECTION_RULES): DisciplineFormRule => rules.forms[form];

/** Whether a later decision may change a discipline this way; null when allowed. */
export function amendmentRefusal(
  original: DisciplineForm,
  kind: DisciplineAmendmentKind,
  newForm: DisciplineForm | null,
  rules: InspectionRuleSet = DEFAULT_INSPECTION_RULES,
): InspectionViolation | null {
  if (original === 'khai_tru')
    return { code: 'EXPULSION_NOT_AMENDABLE', message: 'Quyết định khai trừ chỉ thay đổi bằng quyết định phục hồi đảng tịch, ghi ở hồ sơ đảng viên.', field: 'kind' };
  if (kind === 'xoa_ky_luat') return newForm ? { code: 'NO_FORM_ON_LIFT', message: 'Xóa kỷ luật không kèm hình thức mới.', field: 'newForm' } : null;
  if (!newForm) return { code: 'NEW_FORM_REQUIRED', message: 'Cần chọn hình thức kỷ luật mới (nhẹ hơn).', field: 'newForm' };
  if (rules.forms[newForm].severity >= rules.forms[original].severity)
    return { code: 'NOT_LIGHTER', message: `Hình thức mới phải nhẹ hơn "${DISCIPLINE_FORM_LABELS[original].vi}".`, field: 'newForm' };
  return null;
}

/**
 * The rating cap: a member disciplined in a year (by the year of the effective date) is rated at
 * most "hoàn thành nhiệm vụ" that year. A later lifting does not undo the year it was in force.
 */
export function disciplinedInYear(records: readonly { effectiveDate: string }[], year: number): boolean {
  return records.some((r) => Number(r.effectiveDate.slice(0, 4)) === year);
}

/**
 * Subjects of inspection and supervision in a period, with the dedup rule reports need: a subject
 * both inspected and supervised counts once in `distinct`, once in each of the others.
 */
export function countSubjects(cases: readonly { activity: InspectionActivity; subjectId: string }[]): { inspected: number; supervised: number; distinct: number } {
  const by = { kiem_tra: new Set<string>(), giam_sat: new Set<string>() };
  for (const c of cases) by[c.activity].add(c.subjectId);
  return { inspected: by.kiem_tra.size, supervised: by.giam_sat.size, distinct: new Set([...by.kiem_tra, ...by.giam_sat]).size };
}
