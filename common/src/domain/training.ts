import type { Label } from '../reference/label.js';
import { POLITICAL_THEORY_LEVELS, type PoliticalTheoryLevel } from '../reference/levels.js';

/**
 * Pure rules of the training module (đào tạo, bồi dưỡng): course kinds, the cohort state
 * machine, who may be sent to which class, results and what a passed course adds to the
 * person's qualifications.
 */

// Courses -------------------------------------------------------------------------------

export const COURSE_KINDS = ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan', 'dang_vien_moi', 'nhan_thuc', 'chuyen_mon'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];
export const COURSE_KIND_LABELS: Readonly<Record<CourseKind, Label>> = {
  so_cap: { vi: 'Sơ cấp lý luận chính trị', en: 'Elementary political theory' },
  trung_cap: { vi: 'Trung cấp lý luận chính trị', en: 'Intermediate political theory' },
  cao_cap: { vi: 'Cao cấp lý luận chính trị', en: 'Advanced political theory' },
  cu_nhan: { vi: 'Cử nhân chính trị', en: 'Bachelor of political science' },
  dang_vien_moi: { vi: 'Bồi dưỡng đảng viên mới', en: 'New-member class' },
  nhan_thuc: { vi: 'Bồi dưỡng nhận thức về Đảng', en: 'Awareness class on the Party' },
  chuyen_mon: { vi: 'Chuyên môn, nghiệp vụ', en: 'Professional training' },
};

/** Course kinds whose completion is a political-theory level (the course kind is the level code). */
export const isTheoryCourse = (k: CourseKind): k is CourseKind & PoliticalTheoryLevel => (POLITICAL_THEORY_LEVELS as readonly string[]).includes(k);

// Cohorts -------------------------------------------------------------------------------

export const COHORT_STATES = ['ke_hoach', 'dang_hoc', 'ket_thuc'] as const;
export type CohortState = (typeof COHORT_STATES)[number];
export const COHORT_STATE_LABELS: Readonly<Record<CohortState, Label>> = {
  ke_hoach: { vi: 'Kế hoạch', en: 'Planned' },
  dang_hoc: { vi: 'Đang học', en: 'In progress' },
  ket_thuc: { vi: 'Kết thúc', en: 'Finished' },
};

/** Forward only: a class that has opened cannot go back to the plan, a finished class stays finished. */
const NEXT_STATE: Readonly<Record<CohortState, CohortState | null>> = { ke_hoach: 'dang_hoc', dang_hoc: 'ket_thuc', ket_thuc: null };

export type Verdict = { ok: true } | { ok: false; code: string; message: string; field: string };
const ok: Verdict = { ok: true };
const no = (code: string, field: string, message: string): Verdict => ({ ok: false, code, field, message });
const vn = (iso: string) => iso.split('-').reverse().join('/');

export function nextCohortState(s: CohortState): CohortState | null {
  return NEXT_STATE[s];
}

/** May the cohort move from `from` to `to` on `date` (khai giảng / bế giảng)? */
export function cohortTransition(c: { state: CohortState; startsOn: string }, to: CohortState, date: string): Verdict {
  if (NEXT_STATE[c.state] !== to)
    return no(
      'COHORT_TRANSITION',
      'state',
      `Lớp đang ở trạng thái "${COHORT_STATE_LABELS[c.state].vi}", không thể chuyển sang "${COHORT_STATE_LABELS[to].vi}".`,
    );
  if (to === 'ket_thuc' && date < c.startsOn) return no('COHORT_DATE', 'date', `Ngày bế giảng không được trước ngày khai giảng (${vn(c.startsOn)}).`);
  return ok;
}

/** Enrolment is open while the class is planned or running. */
export function canEnrol(state: CohortState): Verdict {
  return state === 'ket_thuc' ? no('COHORT_FINISHED', 'cohort', 'Lớp đã kết thúc, không thể cử thêm người đi học.') : ok;
}

/** Results are recorded once the class has opened. */
export function canRecordResult(state: CohortState): Verdict {
  return state === 'ke_hoach' ? no('COHORT_NOT_STARTED', 'result', 'Lớp chưa khai giảng, chưa thể ghi kết quả học tập.') : ok;
}

// People sent ---------------------------------------------------------------------------

/**
 * Who a class is for: the awareness class is for candidates (not yet members), the new-member
 * class for members; the others take anyone the organization sends.
 */
export function eligibleFor(kind: CourseKind, p: { isMember: boolean; deceased: boolean }): Verdict {
  if (p.deceased) return no('PERSON_DECEASED', 'personIds', 'Người này đã từ trần.');
  if (kind === 'nhan_thuc' && p.isMember)
    return no('ALREADY_MEMBER', 'personIds', 'Lớp bồi dưỡng nhận thức về Đảng dành cho quần chúng; người này đã là đảng viên.');
  if (kind === 'dang_vien_moi' && !p.isMember) return no('NOT_MEMBER', 'personIds', 'Lớp bồi dưỡng đảng viên mới chỉ dành cho đảng viên.');
  return ok;
}

// Results -------------------------------------------------------------------------------

export const TRAINING_RESULTS = ['dat', 'khong_dat'] as const;
export type TrainingResult = (typeof TRAINING_RESULTS)[number];
export const TRAINING_RESULT_LABELS: Readonly<Record<TrainingResult, Label>> = {
  dat: { vi: 'Đạt', en: 'Passed' },
  khong_dat: { vi: 'Không đạt', en: 'Not passed' },
};
/** Highest first, as the certificates list them. */
export const TRAINING_GRADES = ['xuat_sac', 'gioi', 'kha', 'trung_binh'] as const;
export type TrainingGrade = (typeof TRAINING_GRADES)[number];
export const TRAINING_GRADE_LABELS: Readonly<Record<TrainingGrade, Label>> = {
  xuat_sac: { vi: 'Xuất sắc', en: 'Excellent' },
  gioi: { vi: 'Giỏi', en: 'Very good' },
  kha: { vi: 'Khá', en: 'Good' },
  trung_binh: { vi: 'Trung bình', en: 'Average' },
};

/** An enrolment's standing, derived from its columns. */
export type EnrolmentStatus = 'dang_hoc' | 'rut' | TrainingResult;
export function enrolmentStatus(e: { withdrawnOn: string | null; result: string | null }): EnrolmentStatus {
  if (e.withdrawnOn) return 'rut';
  return (e.result as TrainingResult | null) ?? 'dang_hoc';
}

/** A result is written once; a wrong one is corrected by a new record, not by overwriting. */
export function resultAllowed(e: { withdrawnOn: string | null; result: string | null; sentOn: string }, r: { result: TrainingResult; grade: TrainingGrade | null; resultOn: string }): Verdict {
  if (e.withdrawnOn) return no('ENROLMENT_WITHDRAWN', 'result', 'Người này đã rút khỏi lớp, không ghi kết quả.');
  if (e.result) return no('RESULT_RECORDED', 'result', 'Kết quả của người này đã được ghi.');
  if (r.result === 'khong_dat' && r.grade) return no('GRADE_WITHOUT_PASS', 'grade', 'Không xếp loại khi kết quả là "Không đạt".');
  if (r.resultOn < e.sentOn) return no('RESULT_BEFORE_SENT', 'resultOn', `Ngày có kết quả không được trước ngày cử đi học (${vn(e.sentOn)}).`);
  return ok;
}

export function withdrawalAllowed(e: { withdrawnOn: string | null; result: string | null; sentOn: string }, date: string): Verdict {
  if (e.withdrawnOn) return no('ENROLMENT_WITHDRAWN', 'date', 'Người này đã rút khỏi lớp.');
  if (e.result) return no('RESULT_RECORDED', 'date', 'Đã có kết quả học tập, không thể rút khỏi lớp.');
  if (date < e.sentOn) return no('WITHDRAW_BEFORE_SENT', 'date', `Ngày rút không được trước ngày cử đi học (${vn(e.sentOn)}).`);
  return ok;
}

// Qualifications ------------------------------------------------------------------------

const THEORY_RANK: Readonly<Record<PoliticalTheoryLevel, number>> = { so_cap: 1, trung_cap: 2, cao_cap: 3, cu_nhan: 3 };

/** The qualification a result adds to the person's record, or null (not passed, or not a theory course). */
export function qualificationFromResult(kind: CourseKind, result: TrainingResult): { kind: 'ly_luan_chinh_tri'; level: PoliticalTheoryLevel } | null {
  if (result !== 'dat' || !isTheoryCourse(kind)) return null;
  return { kind: 'ly_luan_chinh_tri', level: kind };
}

/**
 * The level the person column should show after obtaining `obtained`: a person keeps the
 * higher level (a sơ cấp certificate does not lower a trung cấp); cử nhân ranks with cao cấp,
 * and on a tie the level already held stays.
 */
export function theoryAfter(current: PoliticalTheoryLevel | null, obtained: PoliticalTheoryLevel): PoliticalTheoryLevel {
  if (!current) return obtained;
  return THEORY_RANK[obtained] > THEORY_RANK[current] ? obtained : current;
}

/**
 * The political-theory level on `date`, from today's level and the dated changes training made
 * (each remembers the level before it): before the first change after `date`, the person held
 * that change's "before" level. Changes are given in any order.
 */
export function theoryOn(current: PoliticalTheoryLevel | null, changes: readonly { on: string; before: PoliticalTheoryLevel | null }[], date: string): PoliticalTheoryLevel | null {
  const later = changes.filter((c) => c.on > date).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return later.length ? later[0]!.before : current;
}

// Counts --------------------------------------------------------------------------------

/**
 * Person-times (lượt) count every enrolment; people count each person once however many
 * classes they were sent to (counted by the caller over the same rows, `people`). Withdrawals
 * are neither passed nor failed. Rows may be single enrolments (n = 1) or SQL groups.
 */
export function tallyEnrolments(groups: readonly { withdrawn: boolean; result: string | null; grade: string | null; n: number }[], people: number) {
  const grades: Record<TrainingGrade, number> = { xuat_sac: 0, gioi: 0, kha: 0, trung_binh: 0 };
  let personTimes = 0;
  let passed = 0;
  let failed = 0;
  let withdrawn = 0;
  for (const r of groups) {
    personTimes += r.n;
    if (r.withdrawn) withdrawn += r.n;
    else if (r.result === 'dat') {
      passed += r.n;
      if (r.grade && r.grade in grades) grades[r.grade as TrainingGrade] += r.n;
    } else if (r.result === 'khong_dat') failed += r.n;
  }
  const decided = passed + failed;
  return {
    personTimes,
    people,
    passed,
    failed,
    withdrawn,
    grades,
    /** Share passed among those with a result; null when nobody has one yet. */
    passRate: decided ? passed / decided : null,
  };
}
export type EnrolmentTally = ReturnType<typeof tallyEnrolments>;
