/**
 * Annual quality rating (đánh giá, xếp loại chất lượng) as pure rules: the rule set of a year
 * and its scale, the level a score gives, the cap on "hoàn thành xuất sắc", the discipline
 * constraint, the steps of the flow, and a comparable tier 1–4 for every level ever used, so
 * ten-year series can put the old scale beside the new one. Server, web and reports share these.
 */
import { addMonths, formatDateVi, formatNumberVi } from '../dates.js';
import type { Label } from '../reference/label.js';

// Subjects and levels ------------------------------------------------------------------

/** Who is rated: a member, a party organization (grassroots or cell), a leader (holder of a party post). */
export const RATING_SUBJECTS = ['dang_vien', 'to_chuc', 'lanh_dao'] as const;
export type RatingSubject = (typeof RATING_SUBJECTS)[number];
export const RATING_SUBJECT_LABELS: Record<RatingSubject, Label> = {
  dang_vien: { vi: 'Đảng viên', en: 'Member' },
  to_chuc: { vi: 'Tổ chức đảng', en: 'Party organization' },
  lanh_dao: { vi: 'Cán bộ lãnh đạo, quản lý', en: 'Leader' },
};

/**
 * Every level of every scale, with globally unique codes: the old scales keep their own codes
 * (`cu_…`), so a stored rating always says which scale it was given on.
 */
export const RATING_LEVELS = ['htxs', 'htt', 'ht', 'kht', 'cu_tsvm', 'cu_htt', 'cu_ht', 'cu_yeu_kem', 'cu_dtc_xs', 'cu_dtc_tot', 'cu_dtc_ht', 'cu_vi_pham'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
/** 1 = best … 4 = worst, comparable across scales. */
export type RatingTier = 1 | 2 | 3 | 4;

export const RATING_LEVEL_LABELS: Record<RatingLevel, Label & { short: string }> = {
  htxs: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellently completed duties', short: 'HTXSNV' },
  htt: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Well completed duties', short: 'HTTNV' },
  ht: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed duties', short: 'HTNV' },
  kht: { vi: 'Không hoàn thành nhiệm vụ', en: 'Did not complete duties', short: 'KHTNV' },
  cu_tsvm: { vi: 'Trong sạch, vững mạnh', en: 'Clean and strong', short: 'TSVM' },
  cu_htt: { vi: 'Hoàn thành tốt nhiệm vụ (thang cũ)', en: 'Well completed duties (old scale)', short: 'HTTNV (cũ)' },
  cu_ht: { vi: 'Hoàn thành nhiệm vụ (thang cũ)', en: 'Completed duties (old scale)', short: 'HTNV (cũ)' },
  cu_yeu_kem: { vi: 'Yếu kém', en: 'Weak', short: 'Yếu kém' },
  cu_dtc_xs: { vi: 'Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', en: 'Qualified, excellently completed duties', short: 'ĐTC-HTXS' },
  cu_dtc_tot: { vi: 'Đủ tư cách, hoàn thành tốt nhiệm vụ', en: 'Qualified, well completed duties', short: 'ĐTC-HTT' },
  cu_dtc_ht: { vi: 'Đủ tư cách, hoàn thành nhiệm vụ', en: 'Qualified, completed duties', short: 'ĐTC-HT' },
  cu_vi_pham: { vi: 'Vi phạm tư cách hoặc không hoàn thành nhiệm vụ', en: 'Violated standards or did not complete duties', short: 'Vi phạm' },
};

/** The pure mapping of every level to a comparable tier (issue 6's ten-year series use it). */
export const RATING_LEVEL_TIER: Record<RatingLevel, RatingTier> = {
  htxs: 1,
  htt: 2,
  ht: 3,
  kht: 4,
  cu_tsvm: 1,
  cu_htt: 2,
  cu_ht: 3,
  cu_yeu_kem: 4,
  cu_dtc_xs: 1,
  cu_dtc_tot: 2,
  cu_dtc_ht: 3,
  cu_vi_pham: 4,
};
export const ratingTier = (level: RatingLevel): RatingTier => RATING_LEVEL_TIER[level];
export const RATING_TIER_LABELS: Record<RatingTier, Label> = {
  1: { vi: 'Xuất sắc (hoặc tương đương)', en: 'Excellent (or equivalent)' },
  2: { vi: 'Tốt (hoặc tương đương)', en: 'Good (or equivalent)' },
  3: { vi: 'Hoàn thành (hoặc tương đương)', en: 'Completed (or equivalent)' },
  4: { vi: 'Không hoàn thành (hoặc tương đương)', en: 'Not completed (or equivalent)' },
};

// Rule sets ------------------------------------------------------------------------------

export interface RatingRuleSet {
  id: string;
  name: string;
  /** First and last year rated under this set (inclusive; null = still in force). */
  fromYear: number;
  toYear: number | null;
  /** The four levels of each subject, best first. */
  scales: Record<RatingSubject, readonly [RatingLevel, RatingLevel, RatingLevel, RatingLevel]>;
  /** Scoring on 100 points: lowest score of tiers 1, 2, 3 (below the last is tier 4). */
  scoreBands: readonly [number, number, number] | null;
  /** Tier 1 from a score also needs the rule's extra conditions confirmed. */
  excellentNeedsConditions: boolean;
  /** Share of those rated tier 2 or better that may be tier 1; null = no cap under this set. */
  capShare: number | null;
  /** Highest tier a member disciplined in the year may get (3 = "hoàn thành"). */
  disciplinedBestTier: RatingTier;
}

const NEW_SCALE = ['htxs', 'htt', 'ht', 'kht'] as const;
const OLD_ORG = ['cu_tsvm', 'cu_htt', 'cu_ht', 'cu_yeu_kem'] as const;
const OLD_MEMBER = ['cu_dtc_xs', 'cu_dtc_tot', 'cu_dtc_ht', 'cu_vi_pham'] as const;

export const RATING_RULE_SETS: Record<string, RatingRuleSet> = {
  'TRUOC-2018': {
    id: 'TRUOC-2018',
    name: 'Thang xếp loại trước năm 2018 (tổ chức: trong sạch, vững mạnh…; đảng viên: đủ tư cách…)',
    fromYear: 1990,
    toYear: 2017,
    scales: { dang_vien: OLD_MEMBER, lanh_dao: OLD_MEMBER, to_chuc: OLD_ORG },
    scoreBands: null,
    excellentNeedsConditions: false,
    capShare: null,
    disciplinedBestTier: 3,
  },
  'QD132-2018': {
    id: 'QD132-2018',
    name: 'Quy định 132-QĐ/TW (2018)',
    fromYear: 2018,
    toYear: 2022,
    scales: { dang_vien: NEW_SCALE, lanh_dao: NEW_SCALE, to_chuc: NEW_SCALE },
    scoreBands: null,
    excellentNeedsConditions: false,
    capShare: 0.2,
    disciplinedBestTier: 3,
  },
  'QD124-2023': {
    id: 'QD124-2023',
    name: 'Quy định 124-QĐ/TW (2023)',
    fromYear: 2023,
    toYear: 2024,
    scales: { dang_vien: NEW_SCALE, lanh_dao: NEW_SCALE, to_chuc: NEW_SCALE },
    scoreBands: null,
    excellentNeedsConditions: false,
    capShare: 0.2,
    disciplinedBestTier: 3,
  },
  'QD366-2025': {
    id: 'QD366-2025',
    name: 'Quy định 366-QĐ/TW (2025), chấm điểm trên thang 100',
    fromYear: 2025,
    toYear: null,
    scales: { dang_vien: NEW_SCALE, lanh_dao: NEW_SCALE, to_chuc: NEW_SCALE },
    scoreBands: [90, 70, 50],
    excellentNeedsConditions: true,
    capShare: 0.2,
    disciplinedBestTier: 3,
  },
};
export const RATING_RULE_SET_IDS = Object.keys(RATING_RULE_SETS);

/** A province's variation on the national rule, from a year on (stored as data, see `rating_setting`). */
export interface RatingProvinceSetting {
  fromYear: number;
  /** Percent of tier 2 or better that may be tier 1 (e.g. 20); null = the rule set's own. */
  capPercent: number | null;
}

/** The rule set a year is rated under, with the province's latest variation in force that year applied. */
export function ruleSetForYear(year: number, settings: readonly RatingProvinceSetting[] = []): RatingRuleSet {
  const base = Object.values(RATING_RULE_SETS).find((r) => year >= r.fromYear && (r.toYear === null || year <= r.toYear)) ?? RATING_RULE_SETS['TRUOC-2018']!;
  const own = [...settings].filter((s) => s.fromYear <= year).sort((a, b) => b.fromYear - a.fromYear)[0];
  if (!own || own.capPercent === null || base.capShare === null) return base;
  return { ...base, capShare: own.capPercent / 100 };
}

export const ratingLevelsOf = (rules: RatingRuleSet, subject: RatingSubject): readonly RatingLevel[] => rules.scales[subject];
export const isRatingLevelOf = (rules: RatingRuleSet, subject: RatingSubject, level: string): level is RatingLevel =>
  (rules.scales[subject] as readonly string[]).includes(level);

/** The level a score gives under a scored rule set; null when the set does not score. */
export function ratingLevelFromScore(rules: RatingRuleSet, subject: RatingSubject, score: number, excellentConditions: boolean): RatingLevel | null {
  if (!rules.scoreBands) return null;
  const [xs, tot, ht] = rules.scoreBands;
  const scale = rules.scales[subject];
  if (score >= xs) return excellentConditions || !rules.excellentNeedsConditions ? scale[0] : scale[1];
  if (score >= tot) return scale[1];
  if (score >= ht) return scale[2];
  return scale[3];
}

/**
 * Whether a proposed or decided level fits the score: it may be lower (a discipline, a
 * committee's judgement), never higher than the score's band. Null when it fits.
 */
export function ratingScoreConflict(rules: RatingRuleSet, subject: RatingSubject, level: RatingLevel, score: number | null, excellentConditions: boolean): string | null {
  if (score === null || !rules.scoreBands) return null;
  const byScore = ratingLevelFromScore(rules, subject, score, excellentConditions)!;
  if (ratingTier(level) >= ratingTier(byScore)) return null;
  if (ratingTier(level) === 1 && score >= rules.scoreBands[0])
    return `Mức "${RATING_LEVEL_LABELS[level].vi}" cần đạt ${rules.scoreBands[0]} điểm trở lên và đủ các điều kiện bổ sung của ${rules.name}; các điều kiện chưa được xác nhận.`;
  return `Điểm ${formatNumberVi(score)} chỉ đạt mức "${RATING_LEVEL_LABELS[byScore].vi}" theo ${rules.name}, không thể xếp "${RATING_LEVEL_LABELS[level].vi}".`;
}

// The cap on "xuất sắc" --------------------------------------------------------------------

export interface RatingCapCheck {
  ok: boolean;
  /** Tier-1 ratings in the unit and year once this one counts. */
  excellent: number;
  /** Ratings of tier 2 or better in the unit and year once this one counts (the base). */
  base: number;
  /** The most tier-1 ratings the base allows. */
  allowed: number;
  share: number;
  message: string | null;
}

/**
 * The cap: tier-1 ratings may be at most `share` of those rated tier 2 or better in the same
 * unit and year (rounded down; the tier-1 ratings count in the base too). `excellent` and
 * `base` already include the rating being decided.
 */
export function checkExcellentCap(rules: RatingRuleSet, excellent: number, base: number, unitName: string, year: number): RatingCapCheck {
  if (rules.capShare === null) return { ok: true, excellent, base, allowed: base, share: 1, message: null };
  const allowed = Math.floor(rules.capShare * base + 1e-9);
  const pct = formatNumberVi(rules.capShare * 100);
  const ok = excellent <= allowed;
  return {
    ok,
    excellent,
    base,
    allowed,
    share: rules.capShare,
    message: ok
      ? null
      : `Vượt tỷ lệ "hoàn thành xuất sắc" của ${unitName} năm ${year}: tối đa ${pct}% của ${base} trường hợp được xếp từ "hoàn thành tốt" trở lên, tức ${allowed}; nếu quyết định thêm trường hợp này sẽ có ${excellent}/${base}.`,
  };
}

// Discipline --------------------------------------------------------------------------------

export interface RatingDisciplineFact {
  form: string;
  decisionNo: string;
  decisionDate: string;
  issuer: string;
  effectiveDate: string;
}

export const RATING_DISCIPLINE_WORDS: Record<string, string> = {
  khien_trach: 'khiển trách',
  canh_cao: 'cảnh cáo',
  cach_chuc: 'cách chức',
  khai_tru: 'khai trừ',
};

/** A member with a discipline effective in the year is rated at most `disciplinedBestTier`; null when allowed. */
export function ratingDisciplineConflict(rules: RatingRuleSet, subject: RatingSubject, level: RatingLevel, year: number, discipline: RatingDisciplineFact | null): string | null {
  if (!discipline || subject === 'to_chuc') return null;
  if (ratingTier(level) >= rules.disciplinedBestTier) return null;
  const best = rules.scales[subject][rules.disciplinedBestTier - 1]!;
  return `Bị kỷ luật ${RATING_DISCIPLINE_WORDS[discipline.form] ?? discipline.form} theo Quyết định số ${discipline.decisionNo} ngày ${formatDateVi(discipline.decisionDate)} của ${discipline.issuer} (hiệu lực ${formatDateVi(discipline.effectiveDate)}) trong năm ${year}, nên không được xếp loại cao hơn "${RATING_LEVEL_LABELS[best].vi}".`;
}

// Exemptions (không xếp loại) ------------------------------------------------------------

export const RATING_EXEMPT_REASONS = ['moi_ket_nap', 'mien_sinh_hoat', 'om_dau', 'thai_san', 'khac'] as const;
export type RatingExemptReason = (typeof RATING_EXEMPT_REASONS)[number];
export const RATING_EXEMPT_LABELS: Record<RatingExemptReason, Label> = {
  moi_ket_nap: { vi: 'Mới kết nạp, chưa đủ thời gian', en: 'Admitted too recently' },
  mien_sinh_hoat: { vi: 'Được miễn công tác và sinh hoạt đảng', en: 'Exempted from party activity' },
  om_dau: { vi: 'Ốm đau, điều trị dài ngày', en: 'Long illness' },
  thai_san: { vi: 'Nghỉ thai sản', en: 'Maternity leave' },
  khac: { vi: 'Lý do khác', en: 'Other reason' },
};
/** Members admitted in the last this many months of the year are suggested as exempt (configurable default). */
export const RATING_RECENT_ADMISSION_MONTHS = 6;

/** The exemption a member's record suggests for a year (the cell decides). */
export function suggestedRatingExemption(year: number, m: { admittedOn: string | null; activity: string | null }, recentMonths = RATING_RECENT_ADMISSION_MONTHS): RatingExemptReason | null {
  if (m.activity === 'mien_sinh_hoat') return 'mien_sinh_hoat';
  const cutoff = addMonths(`${year + 1}-01-01`, -recentMonths);
  if (m.admittedOn && m.admittedOn >= cutoff && m.admittedOn <= `${year}-12-31`) return 'moi_ket_nap';
  return null;
}

// The flow ----------------------------------------------------------------------------------

/** States of a rating; 'moi' = nothing recorded yet. */
export const RATING_STATES = ['moi', 'tu_danh_gia', 'de_xuat', 'quyet_dinh', 'khong_xep_loai'] as const;
export type RatingState = (typeof RATING_STATES)[number];
export const RATING_STATE_LABELS: Record<RatingState, Label> = {
  moi: { vi: 'Chưa đánh giá', en: 'Not started' },
  tu_danh_gia: { vi: 'Đã tự đánh giá', en: 'Self-assessed' },
  de_xuat: { vi: 'Đã thẩm định, đề xuất', en: 'Appraised and proposed' },
  quyet_dinh: { vi: 'Đã quyết định', en: 'Decided' },
  khong_xep_loai: { vi: 'Không xếp loại', en: 'Not rated (exempt)' },
};

export const RATING_STEPS = ['tu_danh_gia', 'de_xuat', 'khong_xep_loai', 'quyet_dinh', 'dieu_chinh'] as const;
export type RatingStepKind = (typeof RATING_STEPS)[number];
export const RATING_STEP_LABELS: Record<RatingStepKind, Label> = {
  tu_danh_gia: { vi: 'Tự đánh giá', en: 'Self-assessment' },
  de_xuat: { vi: 'Thẩm định, đề xuất', en: 'Appraisal and proposal' },
  khong_xep_loai: { vi: 'Không xếp loại', en: 'Exempt from rating' },
  quyet_dinh: { vi: 'Quyết định công nhận', en: 'Decision' },
  dieu_chinh: { vi: 'Quyết định điều chỉnh', en: 'Corrective decision' },
};

/** The transition table: from which states a step may be recorded, and the state after it. */
export const RATING_TRANSITIONS: Record<RatingStepKind, { from: readonly RatingState[]; to: RatingState }> = {
  tu_danh_gia: { from: ['moi', 'tu_danh_gia'], to: 'tu_danh_gia' },
  // A new proposal corrects the previous one (or undoes an exemption) until the decision.
  de_xuat: { from: ['moi', 'tu_danh_gia', 'de_xuat', 'khong_xep_loai'], to: 'de_xuat' },
  khong_xep_loai: { from: ['moi', 'tu_danh_gia', 'de_xuat', 'khong_xep_loai'], to: 'khong_xep_loai' },
  quyet_dinh: { from: ['de_xuat'], to: 'quyet_dinh' },
  // A decided rating changes only by a new decision, never by editing the old one.
  dieu_chinh: { from: ['quyet_dinh'], to: 'quyet_dinh' },
};

const RATING_STEP_REFUSALS: Record<RatingStepKind, string> = {
  tu_danh_gia: 'Chỉ tự đánh giá trước khi chi bộ, cấp ủy thẩm định, đề xuất.',
  de_xuat: 'Đã có quyết định xếp loại; muốn thay đổi phải ra quyết định điều chỉnh.',
  khong_xep_loai: 'Đã có quyết định xếp loại; muốn thay đổi phải ra quyết định điều chỉnh.',
  quyet_dinh: 'Chỉ quyết định sau khi đã thẩm định, đề xuất mức xếp loại (và chưa có quyết định).',
  dieu_chinh: 'Chỉ điều chỉnh một xếp loại đã có quyết định.',
};

export type RatingStepCheck = { ok: true; to: RatingState } | { ok: false; message: string };
export function ratingStep(state: RatingState, step: RatingStepKind): RatingStepCheck {
  const t = RATING_TRANSITIONS[step];
  return t.from.includes(state) ? { ok: true, to: t.to } : { ok: false, message: RATING_STEP_REFUSALS[step] };
}

/** Steps that carry a level, and those that need a decision (number, date, body). */
export const RATING_STEP_NEEDS_LEVEL: Record<RatingStepKind, boolean> = { tu_danh_gia: true, de_xuat: true, khong_xep_loai: false, quyet_dinh: true, dieu_chinh: true };
export const RATING_STEP_NEEDS_DECISION: Record<RatingStepKind, boolean> = { tu_danh_gia: false, de_xuat: false, khong_xep_loai: false, quyet_dinh: true, dieu_chinh: true };

// Non-party bodies (§6) ---------------------------------------------------------------------

export const NONPARTY_KINDS = ['ubnd_xa', 'hdnd_xa', 'mttq', 'doan_tn', 'hoi_phu_nu', 'hoi_nong_dan', 'cong_doan', 'hoi_ccb'] as const;
export type NonPartyKind = (typeof NONPARTY_KINDS)[number];
export const NONPARTY_KIND_LABELS: Record<NonPartyKind, Label> = {
  ubnd_xa: { vi: 'Ủy ban nhân dân xã', en: "Commune People's Committee" },
  hdnd_xa: { vi: 'Hội đồng nhân dân xã', en: "Commune People's Council" },
  mttq: { vi: 'Ủy ban Mặt trận Tổ quốc', en: 'Fatherland Front committee' },
  doan_tn: { vi: 'Đoàn Thanh niên', en: 'Youth Union' },
  hoi_phu_nu: { vi: 'Hội Liên hiệp Phụ nữ', en: "Women's Union" },
  hoi_nong_dan: { vi: 'Hội Nông dân', en: "Farmers' Union" },
  cong_doan: { vi: 'Công đoàn', en: 'Trade union' },
  hoi_ccb: { vi: 'Hội Cựu chiến binh', en: "Veterans' Association" },
};
/** Commune government vs Fatherland Front and mass organizations: the two groups reports count apart. */
export const isGovernmentNonParty = (k: NonPartyKind) => k === 'ubnd_xa' || k === 'hdnd_xa';

export const NONPARTY_LEVELS = ['tot', 'kha', 'trung_binh', 'yeu'] as const;
export type NonPartyLevel = (typeof NONPARTY_LEVELS)[number];
export const NONPARTY_LEVEL_LABELS: Record<NonPartyLevel, Label> = {
  tot: { vi: 'Tốt', en: 'Good' },
  kha: { vi: 'Khá', en: 'Fair' },
  trung_binh: { vi: 'Trung bình', en: 'Average' },
  yeu: { vi: 'Yếu', en: 'Weak' },
};
export const NONPARTY_LEVEL_TIER: Record<NonPartyLevel, RatingTier> = { tot: 1, kha: 2, trung_binh: 3, yeu: 4 };
