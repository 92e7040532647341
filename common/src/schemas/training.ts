import { z } from 'zod';
import { COHORT_STATES, COURSE_KINDS, TRAINING_GRADES, TRAINING_RESULTS } from '../domain/training.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const nullableDate = isoDate.nullish().transform((v) => v ?? null);
const version = z.number({ message: 'Cần gửi kèm phiên bản hồ sơ' }).int().min(1);

export const createCourseIn = z.object({
  kind: z.enum(COURSE_KINDS),
  name: nonBlank(200),
  /** The body that teaches it: trường chính trị tỉnh, trung tâm chính trị xã… */
  provider: nonBlank(200),
  /** The party organization that owns the course in the catalogue (scope). */
  orgId: id,
  note: optionalText(500),
});
export type CreateCourseIn = z.infer<typeof createCourseIn>;

export const courseListQuery = z.object({ kind: z.enum(COURSE_KINDS).optional() });

export const createCohortIn = z
  .object({
    courseId: id,
    name: nonBlank(200),
    organizerOrgId: id,
    place: optionalText(300),
    startsOn: isoDate,
    endsOn: isoDate,
    plannedSize: z.number().int().min(1).max(5000).nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Ngày kết thúc không được trước ngày khai giảng' });
  });
export type CreateCohortIn = z.infer<typeof createCohortIn>;

export const cohortStateIn = z.object({ version, state: z.enum(COHORT_STATES), date: isoDate });
export type CohortStateIn = z.infer<typeof cohortStateIn>;

export const enrolIn = z.object({
  personIds: z.array(id).min(1, { message: 'Cần chọn ít nhất một người' }).max(500, { message: 'Tối đa 500 người mỗi lần' }),
  /** The organization that sends them (cử đi học). */
  sentByOrgId: id,
  sentOn: isoDate,
  decisionNo: optionalText(60),
});
export type EnrolIn = z.infer<typeof enrolIn>;

export const withdrawIn = z.object({ version, date: isoDate, reason: nonBlank(500) });
export type WithdrawIn = z.infer<typeof withdrawIn>;

export const resultIn = z
  .object({
    version,
    result: z.enum(TRAINING_RESULTS),
    grade: z.enum(TRAINING_GRADES).nullish().transform((v) => v ?? null),
    resultOn: isoDate,
    certificateNo: optionalText(60),
    certificateDate: nullableDate,
  })
  .superRefine((v, ctx) => {
    if (v.result === 'khong_dat' && (v.certificateNo || v.certificateDate))
      ctx.addIssue({ code: 'custom', path: ['certificateNo'], message: 'Không cấp chứng chỉ khi kết quả là "Không đạt"' });
    if (v.certificateDate && v.certificateDate < v.resultOn) ctx.addIssue({ code: 'custom', path: ['certificateDate'], message: 'Ngày cấp chứng chỉ không được trước ngày có kết quả' });
  });
export type ResultIn = z.infer<typeof resultIn>;

export const cohortListQuery = z.object({
  org: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(COURSE_KINDS).optional(),
  state: z.enum(COHORT_STATES).optional(),
  /** '1': also the classes opened by the organizations above, which this subtree may send people to. */
  above: z.enum(['0', '1']).optional(),
  page,
  pageSize,
});
export type CohortListQuery = z.infer<typeof cohortListQuery>;

export const enrolmentListQuery = z.object({
  org: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(COURSE_KINDS).optional(),
  personId: id.optional(),
  page,
  pageSize,
});
export type EnrolmentListQuery = z.infer<typeof enrolmentListQuery>;

export const theoryQuery = z.object({ org: id.optional(), asOf: isoDate.optional() });

const orgRef = z.object({ id: z.string(), name: z.string() });

export const courseOut = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  provider: z.string(),
  org: orgRef,
  note: z.string().nullable(),
});
export type CourseOut = z.infer<typeof courseOut>;

export const tallyOut = z.object({
  personTimes: z.number(),
  people: z.number(),
  passed: z.number(),
  failed: z.number(),
  withdrawn: z.number(),
  grades: z.record(z.string(), z.number()),
  passRate: z.number().nullable(),
});

export const cohortSummaryOut = z.object({
  id: z.string(),
  name: z.string(),
  course: z.object({ id: z.string(), kind: z.string(), name: z.string(), provider: z.string() }),
  organizer: orgRef,
  place: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.string(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  plannedSize: z.number().nullable(),
  enrolled: z.number(),
  version: z.number(),
});
export type CohortSummaryOut = z.infer<typeof cohortSummaryOut>;

export const cohortListOut = z.object({
  total: z.number(),
  items: z.array(cohortSummaryOut),
  /** Over every cohort of the filter, not just this page: classes, and enrolments in them. */
  totals: tallyOut.extend({ cohorts: z.number() }),
});

export const enrolmentOut = z.object({
  id: z.string(),
  cohortId: z.string(),
  cohortName: z.string(),
  courseKind: z.string(),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  /** Whether the person was a member on the day they were sent. */
  wasMember: z.boolean(),
  sentBy: orgRef,
  sentOn: z.string(),
  decisionNo: z.string().nullable(),
  status: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  result: z.string().nullable(),
  grade: z.string().nullable(),
  resultOn: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certificateDate: z.string().nullable(),
  /** Enrolments outside the caller's scope are counted but not named. */
  version: z.number(),
});
export type EnrolmentOut = z.infer<typeof enrolmentOut>;

export const cohortDetailOut = cohortSummaryOut.extend({
  enrolments: z.array(enrolmentOut),
  /** Enrolled people the caller cannot see (sent by organizations outside their scope). */
  hiddenEnrolments: z.number(),
  tally: tallyOut,
  /** May the caller change the class (state, results)? Enrolling also needs the person in scope. */
  canManage: z.boolean(),
  canEnrol: z.boolean(),
});
export type CohortDetailOut = z.infer<typeof cohortDetailOut>;

export const enrolmentListOut = z.object({ total: z.number(), items: z.array(enrolmentOut), totals: tallyOut });

export const theoryOut = z.object({ asOf: z.string(), members: z.number(), byLevel: z.record(z.string(), z.number()) });

/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const TRAINING_FIELD_LABELS_VI: Record<string, string> = {
  provider: 'Cơ sở đào tạo',
  courseId: 'Khóa học',
  organizerOrgId: 'Tổ chức đảng mở lớp',
  place: 'Địa điểm',
  startsOn: 'Ngày khai giảng',
  endsOn: 'Ngày kết thúc',
  plannedSize: 'Số học viên dự kiến',
  state: 'Trạng thái',
  personIds: 'Người được cử đi học',
  sentByOrgId: 'Tổ chức cử đi học',
  sentOn: 'Ngày cử đi học',
  result: 'Kết quả',
  grade: 'Xếp loại',
  resultOn: 'Ngày có kết quả',
  certificateNo: 'Số chứng chỉ',
  certificateDate: 'Ngày cấp chứng chỉ',
  cohort: 'Lớp học',
};
