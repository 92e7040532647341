/**
 * Pure rules of cell meetings (sinh hoạt chi bộ): kinds and states, the scoring rule sets
 * (100 points by criteria, some of which must have full marks for "Tốt"), the yearly roll-up
 * rule sets, and which months of a year a cell is judged on. Rule sets are versioned data:
 * a meeting keeps the id of the set it was scored under, so old scores read as they were.
 */
import { addMonths } from '../dates.js';
import type { Label } from '../reference/label.js';

export const MEETING_KINDS = ['thuong_ky', 'chuyen_de'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, Label> = {
  thuong_ky: { vi: 'Thường kỳ', en: 'Regular' },
  chuyen_de: { vi: 'Chuyên đề', en: 'Thematic' },
};

/** ke_hoach → da_thong_bao → da_hop → da_dong; a closed meeting reopens as a new revision. */
export const MEETING_STATES = ['ke_hoach', 'da_thong_bao', 'da_hop', 'da_dong'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_STATE_LABELS: Record<MeetingState, Label> = {
  ke_hoach: { vi: 'Kế hoạch', en: 'Planned' },
  da_thong_bao: { vi: 'Đã thông báo', en: 'Published' },
  da_hop: { vi: 'Đã họp', en: 'Held' },
  da_dong: { vi: 'Đã kết thúc', en: 'Closed' },
};

export const MEETING_ACTIONS = ['thong_bao', 'hop', 'diem_danh', 'bien_ban', 'cham_diem', 'tai_lieu', 'ket_thuc', 'mo_lai'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export const MEETING_ACTION_LABELS: Record<MeetingAction | 'lap_ke_hoach', Label> = {
  lap_ke_hoach: { vi: 'Lập kế hoạch', en: 'Planned' },
  thong_bao: { vi: 'Thông báo ngày họp, nội dung', en: 'Published' },
  hop: { vi: 'Ghi nhận đã họp', en: 'Recorded as held' },
  diem_danh: { vi: 'Điểm danh', en: 'Attendance' },
  bien_ban: { vi: 'Biên bản', en: 'Minutes' },
  cham_diem: { vi: 'Chấm điểm', en: 'Score' },
  tai_lieu: { vi: 'Tài liệu', en: 'Document' },
  ket_thuc: { vi: 'Kết thúc', en: 'Closed' },
  mo_lai: { vi: 'Mở lại để sửa (phiên bản mới)', en: 'Reopened (new revision)' },
};

/** States each action may start from; everything else is refused with the reason below. */
const FROM: Record<MeetingAction, readonly MeetingState[]> = {
  thong_bao: ['ke_hoach', 'da_thong_bao'],
  hop: ['ke_hoach', 'da_thong_bao', 'da_hop'],
  diem_danh: ['da_hop'],
  bien_ban: ['da_hop'],
  cham_diem: ['da_hop'],
  tai_lieu: ['ke_hoach', 'da_thong_bao', 'da_hop'],
  ket_thuc: ['da_hop'],
  mo_lai: ['da_dong'],
};

/** null when allowed, else a Vietnamese reason. */
export function meetingActionRefusal(state: MeetingState, action: MeetingAction): string | null {
  if (FROM[action].includes(state)) return null;
  if (state === 'da_dong') return 'Buổi sinh hoạt đã kết thúc; muốn sửa cần "Mở lại" để tạo phiên bản mới.';
  if (action === 'mo_lai') return 'Chỉ mở lại buổi sinh hoạt đã kết thúc.';
  return 'Buổi sinh hoạt chưa được ghi nhận là đã họp; hãy ghi ngày họp trước.';
}

export const ATTENDANCE_STATUSES = ['co_mat', 'vang_co_ly_do', 'vang_khong_ly_do'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, Label> = {
  co_mat: { vi: 'Có mặt', en: 'Present' },
  vang_co_ly_do: { vi: 'Vắng có lý do', en: 'Excused' },
  vang_khong_ly_do: { vi: 'Vắng không lý do', en: 'Unexcused' },
};

export const GUEST_KINDS = ['khach', 'cap_tren'] as const;
export type GuestKind = (typeof GUEST_KINDS)[number];
export const GUEST_KIND_LABELS: Record<GuestKind, Label> = {
  khach: { vi: 'Khách mời', en: 'Guest' },
  cap_tren: { vi: 'Cấp trên dự sinh hoạt', en: 'Higher-level attendee' },
};

export interface AttendanceCounts {
  /** Members of the cell on the meeting date, exempt ones included. */
  members: number;
  present: number;
  excused: number;
  unexcused: number;
  /** Members on exemption (miễn sinh hoạt): counted apart, outside the attendance rate. */
  exempt: number;
  exemptPresent: number;
  guests: number;
  higher: number;
}

/** Counts derived from the attendance rows: exempt members never enter the rate. */
export function attendanceCounts(rows: readonly { status: AttendanceStatus; exempt: boolean }[], guests: readonly { kind: GuestKind }[]): AttendanceCounts {
  const c: AttendanceCounts = { members: rows.length, present: 0, excused: 0, unexcused: 0, exempt: 0, exemptPresent: 0, guests: 0, higher: 0 };
  for (const r of rows) {
    if (r.exempt) {
      c.exempt++;
      if (r.status === 'co_mat') c.exemptPresent++;
    } else if (r.status === 'co_mat') c.present++;
    else if (r.status === 'vang_co_ly_do') c.excused++;
    else c.unexcused++;
  }
  for (const g of guests) if (g.kind === 'cap_tren') c.higher++;
    else c.guests++;
  return c;
}

/** Present share of the members obliged to attend (exempt excluded), 0..1; null when none are. */
export const attendanceRate = (c: Pick<AttendanceCounts, 'present' | 'excused' | 'unexcused'>): number | null => {
  const due = c.present + c.excused + c.unexcused;
  return due === 0 ? null : c.present / due;
};

// ---------------------------------------------------------------- scoring

export const MEETING_CLASSES = ['tot', 'kha', 'trung_binh', 'kem'] as const;
export type MeetingClass = (typeof MEETING_CLASSES)[number];
export const MEETING_CLASS_LABELS: Record<MeetingClass, Label> = {
  tot: { vi: 'Tốt', en: 'Good' },
  kha: { vi: 'Khá', en: 'Fair' },
  trung_binh: { vi: 'Trung bình', en: 'Average' },
  kem: { vi: 'Kém', en: 'Poor' },
};

export interface MeetingCriterion {
  code: string;
  label: Label;
  max: number;
  /** "Tốt" needs full marks here, whatever the total. */
  mustFull: boolean;
}

export interface MeetingScoreRuleSet {
  id: string;
  name: Label;
  /** Default for meetings held on or after this date, until a later set. */
  validFrom: string;
  criteria: readonly MeetingCriterion[];
  /** Lowest totals of tot, kha, trung_binh; below the last is kem. */
  thresholds: { tot: number; kha: number; trung_binh: number };
}

/**
 * Today's default: the 100-point criteria of a provincial plan on improving cell meetings
 * (modelled on the monthly scoring of 99-KH/TU). Attendance, duration, member contributions
 * and minutes must have full marks for "Tốt".
 */
export const MEETING_SCORE_RULES_2019: MeetingScoreRuleSet = {
  id: 'KH99-2019',
  name: { vi: 'Chấm điểm theo kế hoạch 99-KH/TU (100 điểm, 2019)', en: 'Scoring under plan 99-KH/TU (100 points, 2019)' },
  validFrom: '2019-01-01',
  criteria: [
    { code: 'chuan_bi', label: { vi: 'Chuẩn bị, thông báo nội dung trước', en: 'Preparation and notice' }, max: 10, mustFull: false },
    { code: 'ty_le_du_hop', label: { vi: 'Tỷ lệ đảng viên dự họp (từ 90%)', en: 'Attendance (90% or more)' }, max: 15, mustFull: true },
    { code: 'thoi_gian', label: { vi: 'Thời gian sinh hoạt đúng quy định', en: 'Duration as required' }, max: 10, mustFull: true },
    { code: 'trinh_tu', label: { vi: 'Trình tự, thủ tục sinh hoạt', en: 'Order of business' }, max: 15, mustFull: false },
    { code: 'noi_dung', label: { vi: 'Nội dung thiết thực, sát tình hình', en: 'Relevant content' }, max: 20, mustFull: false },
    { code: 'phat_bieu', label: { vi: 'Đảng viên phát biểu, đóng góp ý kiến', en: 'Member contributions' }, max: 15, mustFull: true },
    { code: 'bien_ban', label: { vi: 'Biên bản ghi đầy đủ, lưu trữ', en: 'Minutes complete and filed' }, max: 10, mustFull: true },
    { code: 'ket_luan', label: { vi: 'Kết luận, nghị quyết rõ việc, rõ người', en: 'Clear conclusions' }, max: 5, mustFull: false },
  ],
  thresholds: { tot: 90, kha: 70, trung_binh: 50 },
};

/** The earlier set kept for history: four broad criteria, no must-full criteria. */
export const MEETING_SCORE_RULES_2012: MeetingScoreRuleSet = {
  id: 'CU-2012',
  name: { vi: 'Bộ tiêu chí cũ (4 nhóm, trước 2019)', en: 'Former criteria (4 groups, before 2019)' },
  validFrom: '2000-01-01',
  criteria: [
    { code: 'chuan_bi', label: { vi: 'Chuẩn bị', en: 'Preparation' }, max: 20, mustFull: false },
    { code: 'to_chuc', label: { vi: 'Tổ chức, duy trì sinh hoạt', en: 'Holding the meeting' }, max: 30, mustFull: false },
    { code: 'noi_dung', label: { vi: 'Nội dung sinh hoạt', en: 'Content' }, max: 30, mustFull: false },
    { code: 'ket_qua', label: { vi: 'Kết quả, biên bản', en: 'Results and minutes' }, max: 20, mustFull: false },
  ],
  thresholds: { tot: 85, kha: 70, trung_binh: 50 },
};

export const MEETING_SCORE_RULE_SETS: Record<string, MeetingScoreRuleSet> = {
  [MEETING_SCORE_RULES_2019.id]: MEETING_SCORE_RULES_2019,
  [MEETING_SCORE_RULES_2012.id]: MEETING_SCORE_RULES_2012,
};
export const DEFAULT_MEETING_SCORE_RULES = MEETING_SCORE_RULES_2019;

/** The default set for a date: the latest whose validFrom is on or before it. */
export function meetingScoreRulesOn(date: string): MeetingScoreRuleSet {
  const sets = Object.values(MEETING_SCORE_RULE_SETS).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return sets.find((s) => s.validFrom <= date) ?? DEFAULT_MEETING_SCORE_RULES;
}

export interface MeetingScoreResult {
  total: number;
  cls: MeetingClass;
  /** Class the total alone would give. */
  byTotal: MeetingClass;
  /** Must-full criteria below full marks (why a high total is not "Tốt"). */
  shortOfFull: { code: string; label: Label; points: number; max: number }[];
  explanation: Label;
}

/** Validation: every criterion present, integer-or-half points within 0..max. null when fine. */
export function meetingScoreProblem(rules: MeetingScoreRuleSet, scores: Record<string, number>): { field: string; message: string } | null {
  for (const k of Object.keys(scores))
    if (!rules.criteria.some((c) => c.code === k)) return { field: `scores.${k}`, message: `Tiêu chí "${k}" không có trong bộ tiêu chí ${rules.id}.` };
  for (const c of rules.criteria) {
    const v = scores[c.code];
    if (v === undefined) return { field: `scores.${c.code}`, message: `Chưa chấm tiêu chí "${c.label.vi}".` };
    if (!(v >= 0 && v <= c.max) || Math.round(v * 2) !== v * 2)
      return { field: `scores.${c.code}`, message: `Điểm tiêu chí "${c.label.vi}" phải từ 0 đến ${c.max} (bước 0,5).` };
  }
  return null;
}

const classByTotal = (t: number, th: MeetingScoreRuleSet['thresholds']): MeetingClass =>
  t >= th.tot ? 'tot' : t >= th.kha ? 'kha' : t >= th.trung_binh ? 'trung_binh' : 'kem';

const fmt = (n: number) => String(n).replace('.', ',');

/** Total, class and the reason in words: a total ≥ 90 with a must-full criterion short is only Khá. */
export function scoreMeeting(rules: MeetingScoreRuleSet, scores: Record<string, number>): MeetingScoreResult {
  const total = Math.round(rules.criteria.reduce((s, c) => s + (scores[c.code] ?? 0), 0) * 2) / 2;
  const byTotal = classByTotal(total, rules.thresholds);
  const shortOfFull = rules.criteria.filter((c) => c.mustFull && (scores[c.code] ?? 0) < c.max).map((c) => ({ code: c.code, label: c.label, points: scores[c.code] ?? 0, max: c.max }));
  const cls: MeetingClass = byTotal === 'tot' && shortOfFull.length > 0 ? 'kha' : byTotal;
  const th = rules.thresholds;
  let explanation: Label;
  if (byTotal === 'tot' && cls === 'kha') {
    const vi = shortOfFull.map((s) => `"${s.label.vi}" ${fmt(s.points)}/${s.max}`).join(', ');
    const en = shortOfFull.map((s) => `"${s.label.en}" ${s.points}/${s.max}`).join(', ');
    explanation = {
      vi: `${fmt(total)} điểm (từ ${th.tot} trở lên) nhưng chưa đạt điểm tối đa ở tiêu chí bắt buộc: ${vi}; loại Tốt cần đủ điểm các tiêu chí này, nên xếp loại Khá.`,
      en: `${total} points (${th.tot} or more) but short of full marks on a required criterion: ${en}; "Good" needs full marks there, so the class is Fair.`,
    };
  } else {
    const bands: Record<MeetingClass, Label> = {
      tot: { vi: `từ ${th.tot} điểm và đủ điểm các tiêu chí bắt buộc`, en: `${th.tot} or more with full marks on required criteria` },
      kha: { vi: `từ ${th.kha} đến dưới ${th.tot} điểm`, en: `${th.kha} to under ${th.tot}` },
      trung_binh: { vi: `từ ${th.trung_binh} đến dưới ${th.kha} điểm`, en: `${th.trung_binh} to under ${th.kha}` },
      kem: { vi: `dưới ${th.trung_binh} điểm`, en: `under ${th.trung_binh}` },
    };
    explanation = {
      vi: `${fmt(total)} điểm: loại ${MEETING_CLASS_LABELS[cls].vi} (${bands[cls].vi}).`,
      en: `${total} points: ${MEETING_CLASS_LABELS[cls].en} (${bands[cls].en}).`,
    };
  }
  return { total, cls, byTotal, shortOfFull, explanation };
}

// ---------------------------------------------------------------- months a cell is judged on

/** `YYYY-MM` of a date. */
export const monthOf = (iso: string) => iso.slice(0, 7);
export const firstDayOf = (month: string) => `${month}-01`;
/** Last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const next = addMonths(`${month}-01`, 1);
  const [y, m] = next.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1, 1) - 86_400_000);
  return d.toISOString().slice(0, 10);
}
export const monthsOfYear = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** Half-open `[from, to)` existence of a cell (its organization versions, merged). */
export interface Existence {
  from: string;
  to: string | null;
}

/** Whether the cell existed on every day of the month (a month it had to meet in). */
export function existedWholeMonth(periods: readonly Existence[], month: string): boolean {
  const a = firstDayOf(month);
  const b = lastDayOf(month);
  return periods.some((p) => p.from <= a && (p.to === null || p.to > b));
}

// ---------------------------------------------------------------- yearly roll-up

export const YEAR_CLASSES = [...MEETING_CLASSES, 'chua_du_thoi_gian'] as const;
export type YearClass = (typeof YEAR_CLASSES)[number];
export const YEAR_CLASS_LABELS: Record<YearClass, Label> = {
  ...MEETING_CLASS_LABELS,
  chua_du_thoi_gian: { vi: 'Chưa đủ thời gian xếp loại', en: 'Not long enough to classify' },
};

export interface MeetingRollupRuleSet {
  id: string;
  name: Label;
  /** Stated in words on the screen. */
  description: Label;
  validFrom: string;
  /** Below this many judged months the cell is "chưa đủ thời gian xếp loại". */
  minMonths: number;
  /** Share of judged months that must be Tốt (for tot) or Khá or better (for kha). */
  share: number;
  /** Most Kém months allowed for tot and kha. */
  maxKem: { tot: number; kha: number };
  /** Share of Kém months above which the year is Kém. */
  kemShare: number;
  /** A judged month without a scored regular meeting counts as this class. */
  missingAs: MeetingClass;
}

export const MEETING_ROLLUP_DEFAULT: MeetingRollupRuleSet = {
  id: 'NAM-2019',
  name: { vi: 'Xếp loại năm theo tháng (mặc định)', en: 'Yearly class from months (default)' },
  description: {
    vi: 'Chỉ tính các tháng chi bộ tồn tại trọn tháng (đến hết tháng đã qua). Tháng không có buổi sinh hoạt thường kỳ được chấm điểm tính là Kém. Tốt: từ 2/3 số tháng Tốt và không tháng nào Kém. Khá: từ 2/3 số tháng Khá trở lên, nhiều nhất 1 tháng Kém. Kém: quá 1/3 số tháng Kém. Còn lại: Trung bình. Dưới 6 tháng: chưa đủ thời gian xếp loại.',
    en: 'Only months the cell existed in full (up to the last completed month) count. A month without a scored regular meeting counts as Poor. Good: at least 2/3 of months Good and no Poor month. Fair: at least 2/3 of months Fair or better, at most one Poor month. Poor: more than 1/3 of months Poor. Otherwise Average. Under 6 months: not long enough to classify.',
  },
  validFrom: '2019-01-01',
  minMonths: 6,
  share: 2 / 3,
  maxKem: { tot: 0, kha: 1 },
  kemShare: 1 / 3,
  missingAs: 'kem',
};

/** Earlier rule kept for history: half of the months suffice and missing months are skipped. */
export const MEETING_ROLLUP_2012: MeetingRollupRuleSet = {
  id: 'NAM-2012',
  name: { vi: 'Xếp loại năm (cũ, trước 2019)', en: 'Yearly class (former, before 2019)' },
  description: {
    vi: 'Tốt: từ 1/2 số tháng Tốt, không tháng nào Kém. Khá: từ 1/2 số tháng Khá trở lên, nhiều nhất 1 tháng Kém. Kém: quá 1/3 số tháng Kém. Tháng không chấm điểm tính là Trung bình. Dưới 6 tháng: chưa đủ thời gian xếp loại.',
    en: 'Good: at least half of months Good, no Poor month. Fair: at least half Fair or better, at most one Poor month. Poor: more than 1/3 Poor. Unscored months count as Average. Under 6 months: not long enough.',
  },
  validFrom: '2000-01-01',
  minMonths: 6,
  share: 1 / 2,
  maxKem: { tot: 0, kha: 1 },
  kemShare: 1 / 3,
  missingAs: 'trung_binh',
};

export const MEETING_ROLLUP_RULE_SETS: Record<string, MeetingRollupRuleSet> = {
  [MEETING_ROLLUP_DEFAULT.id]: MEETING_ROLLUP_DEFAULT,
  [MEETING_ROLLUP_2012.id]: MEETING_ROLLUP_2012,
};

export function meetingRollupRulesOn(date: string): MeetingRollupRuleSet {
  const sets = Object.values(MEETING_ROLLUP_RULE_SETS).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return sets.find((s) => s.validFrom <= date) ?? MEETING_ROLLUP_DEFAULT;
}

export interface YearRollup {
  cls: YearClass;
  /** Months judged (the cell existed all month, month over). */
  judged: number;
  /** Months of the year not judged, and why in one word each. */
  notJudged: number;
  counts: Record<MeetingClass, number>;
  /** Judged months with no scored regular meeting (counted as `missingAs`). */
  missing: number;
  explanation: Label;
}

/**
 * The yearly class from the months: `months[m]` is the month's class, null when the cell had
 * to meet but has no scored regular meeting, undefined when the month is not judged.
 */
export function rollupYear(rules: MeetingRollupRuleSet, months: ReadonlyMap<string, MeetingClass | null>, monthsInYear = 12): YearRollup {
  const counts: Record<MeetingClass, number> = { tot: 0, kha: 0, trung_binh: 0, kem: 0 };
  let missing = 0;
  for (const c of months.values()) {
    if (c === null) {
      missing++;
      counts[rules.missingAs]++;
    } else counts[c]++;
  }
  const judged = months.size;
  const notJudged = monthsInYear - judged;
  const part =
    notJudged > 0
      ? { vi: ` Chỉ tính ${judged}/${monthsInYear} tháng (chi bộ không tồn tại trọn tháng hoặc tháng chưa kết thúc).`, en: ` Only ${judged}/${monthsInYear} months count (the cell did not exist all month, or the month is not over).` }
      : { vi: '', en: '' };
  const miss = missing > 0 ? { vi: ` ${missing} tháng không có buổi thường kỳ được chấm, tính là ${MEETING_CLASS_LABELS[rules.missingAs].vi}.`, en: ` ${missing} month(s) without a scored regular meeting count as ${MEETING_CLASS_LABELS[rules.missingAs].en}.` } : { vi: '', en: '' };
  if (judged < rules.minMonths)
    return {
      cls: 'chua_du_thoi_gian',
      judged,
      notJudged,
      counts,
      missing,
      explanation: { vi: `Mới có ${judged} tháng để xếp loại, dưới ${rules.minMonths} tháng: chưa đủ thời gian xếp loại.${part.vi}`, en: `Only ${judged} month(s), under ${rules.minMonths}: not long enough to classify.${part.en}` },
    };
  const need = Math.ceil(judged * rules.share - 1e-9);
  let cls: YearClass;
  if (counts.kem > judged * rules.kemShare) cls = 'kem';
  else if (counts.tot >= need && counts.kem <= rules.maxKem.tot) cls = 'tot';
  else if (counts.tot + counts.kha >= need && counts.kem <= rules.maxKem.kha) cls = 'kha';
  else cls = 'trung_binh';
  const tally = `${counts.tot} Tốt, ${counts.kha} Khá, ${counts.trung_binh} Trung bình, ${counts.kem} Kém`;
  return {
    cls,
    judged,
    notJudged,
    counts,
    missing,
    explanation: {
      vi: `${judged} tháng: ${tally} (cần ${need} tháng cho Tốt/Khá) → ${YEAR_CLASS_LABELS[cls].vi}.${part.vi}${miss.vi}`,
      en: `${judged} months: ${counts.tot} Good, ${counts.kha} Fair, ${counts.trung_binh} Average, ${counts.kem} Poor (${need} needed for Good/Fair) → ${YEAR_CLASS_LABELS[cls].en}.${part.en}${miss.en}`,
    },
  };
}

/** Attachments: what may be uploaded and how big. */
export const MEETING_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const MEETING_ATTACHMENT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word (.doc)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.ms-excel': 'Excel (.xls)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (.xlsx)',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'text/plain': 'Văn bản (.txt)',
};

/** Decoded size of a base64 string, without decoding it. */
export function base64Bytes(b64: string): number {
  const s = b64.replace(/\s/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}
