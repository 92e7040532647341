import { z } from 'zod';
import {
  DISCIPLINE_AMENDMENT_KINDS,
  DISCIPLINE_FORMS,
  INSPECTION_ACTIONS,
  INSPECTION_ACTIVITIES,
  INSPECTION_BODY_KINDS,
  INSPECTION_KINDS,
  INSPECTION_STATES,
  INSPECTION_SUBJECT_TYPES,
} from '../domain/inspection.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const nullableDate = isoDate.nullish().transform((v) => v ?? null);
const nullableId = id.nullish().transform((v) => v ?? null);
const year = z.coerce.number().int().min(1990, { message: 'Năm không hợp lệ' }).max(2100, { message: 'Năm không hợp lệ' });

/** A yearly programme / plan of inspection and supervision of one body. */
export const createInspectionPlanIn = z.object({
  year,
  bodyKind: z.enum(INSPECTION_BODY_KINDS),
  bodyOrgId: id,
  title: nonBlank(300),
  decisionNo: optionalText(60),
  decisionDate: nullableDate,
  note: optionalText(2000),
});
export type CreateInspectionPlanIn = z.infer<typeof createInspectionPlanIn>;

/** A case: one body taking up one subject (an organization or a member). Created as planned. */
export const createInspectionCaseIn = z
  .object({
    planId: nullableId,
    activity: z.enum(INSPECTION_ACTIVITIES),
    bodyKind: z.enum(INSPECTION_BODY_KINDS),
    bodyOrgId: id,
    subjectType: z.enum(INSPECTION_SUBJECT_TYPES),
    subjectOrgId: nullableId,
    subjectPersonId: nullableId,
    kind: z.enum(INSPECTION_KINDS),
    decisionNo: optionalText(60),
    decisionDate: isoDate,
    content: nonBlank(2000),
  })
  .superRefine((v, ctx) => {
    if (v.subjectType === 'to_chuc' && !v.subjectOrgId) ctx.addIssue({ code: 'custom', path: ['subjectOrgId'], message: 'Cần chọn tổ chức đảng được kiểm tra, giám sát' });
    if (v.subjectType === 'dang_vien' && !v.subjectPersonId) ctx.addIssue({ code: 'custom', path: ['subjectPersonId'], message: 'Cần chọn đảng viên được kiểm tra, giám sát' });
    if (v.subjectOrgId && v.subjectPersonId) ctx.addIssue({ code: 'custom', path: ['subjectPersonId'], message: 'Chỉ chọn một đối tượng: tổ chức hoặc đảng viên' });
  });
export type CreateInspectionCaseIn = z.infer<typeof createInspectionCaseIn>;

export const inspectionStepIn = z
  .object({
    action: z.enum(INSPECTION_ACTIONS),
    version: z.number().int().min(1),
    /** Start date (bắt đầu), conclusion date (kết luận) or the day of cancelling. */
    date: isoDate,
    /** Kết luận: the last day of work, when before the conclusion. */
    endDate: nullableDate,
    conclusion: optionalText(5000),
    violationsFound: z.boolean().nullish().transform((v) => v ?? null),
    reason: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'ket_luan') {
      if (!v.conclusion) ctx.addIssue({ code: 'custom', path: ['conclusion'], message: 'Cần ghi nội dung kết luận' });
      if (v.violationsFound === null) ctx.addIssue({ code: 'custom', path: ['violationsFound'], message: 'Cần ghi rõ có hay không có vi phạm' });
    }
    if (v.action === 'huy' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Cần ghi lý do không tiến hành' });
  });
export type InspectionStepIn = z.infer<typeof inspectionStepIn>;

export const addRequirementIn = z.object({
  /** The case's version: requirements come from the conclusion as it stands. */
  version: z.number().int().min(1),
  content: nonBlank(2000),
  deadline: nullableDate,
});
export type AddRequirementIn = z.infer<typeof addRequirementIn>;

export const requirementFollowUpIn = z.object({
  version: z.number().int().min(1),
  doneOn: isoDate,
  result: nonBlank(2000),
});
export type RequirementFollowUpIn = z.infer<typeof requirementFollowUpIn>;

export const createDisciplineIn = z.object({
  personId: id,
  form: z.enum(DISCIPLINE_FORMS),
  decisionNo: nonBlank(60),
  decisionDate: isoDate,
  issuer: nonBlank(200),
  effectiveDate: isoDate,
  reason: optionalText(2000),
  caseId: nullableId,
});
export type CreateDisciplineIn = z.infer<typeof createDisciplineIn>;

export const disciplineAmendmentIn = z.object({
  version: z.number().int().min(1),
  kind: z.enum(DISCIPLINE_AMENDMENT_KINDS),
  newForm: z
    .enum(DISCIPLINE_FORMS)
    .nullish()
    .transform((v) => v ?? null),
  decisionNo: nonBlank(60),
  decisionDate: isoDate,
  issuer: nonBlank(200),
  effectiveDate: isoDate,
  reason: optionalText(2000),
});
export type DisciplineAmendmentIn = z.infer<typeof disciplineAmendmentIn>;

export const inspectionCaseListQuery = z.object({
  year: year.optional(),
  activity: z.enum(INSPECTION_ACTIVITIES).optional(),
  state: z.enum(INSPECTION_STATES).optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  planId: id.optional(),
  page,
  pageSize,
});
export type InspectionCaseListQuery = z.infer<typeof inspectionCaseListQuery>;

export const inspectionPlanListQuery = z.object({ year: year.optional() });

/** Counts by year: every role with org.read; the period is in whole years. */
export const inspectionCountsQuery = z
  .object({ fromYear: year, toYear: year, org: id.optional() })
  .refine((v) => v.toYear >= v.fromYear, { path: ['toYear'], message: 'Năm kết thúc phải không trước năm bắt đầu' })
  .refine((v) => v.toYear - v.fromYear <= 20, { path: ['toYear'], message: 'Tối đa 20 năm một lần' });
export type InspectionCountsQuery = z.infer<typeof inspectionCountsQuery>;

export const disciplineListQuery = z.object({ year: year.optional(), form: z.enum(DISCIPLINE_FORMS).optional(), page, pageSize });
export type DisciplineListQuery = z.infer<typeof disciplineListQuery>;

const ref = z.object({ id: z.string(), name: z.string() });

export const inspectionPlanOut = z.object({
  id: z.string(),
  year: z.number(),
  bodyKind: z.enum(INSPECTION_BODY_KINDS),
  bodyOrg: ref,
  title: z.string(),
  decisionNo: z.string().nullable(),
  decisionDate: z.string().nullable(),
  note: z.string().nullable(),
  cases: z.number(),
  version: z.number(),
});
export type InspectionPlanOut = z.infer<typeof inspectionPlanOut>;

export const inspectionCaseSummaryOut = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  year: z.number(),
  activity: z.enum(INSPECTION_ACTIVITIES),
  bodyKind: z.enum(INSPECTION_BODY_KINDS),
  bodyOrg: ref,
  subjectType: z.enum(INSPECTION_SUBJECT_TYPES),
  subject: ref,
  kind: z.enum(INSPECTION_KINDS),
  state: z.enum(INSPECTION_STATES),
  decisionNo: z.string().nullable(),
  decisionDate: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  conclusionDate: z.string().nullable(),
  violationsFound: z.boolean().nullable(),
  version: z.number(),
});
export type InspectionCaseSummaryOut = z.infer<typeof inspectionCaseSummaryOut>;

export const inspectionRequirementOut = z.object({
  id: z.string(),
  content: z.string(),
  deadline: z.string().nullable(),
  doneOn: z.string().nullable(),
  result: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
});
export type InspectionRequirementOut = z.infer<typeof inspectionRequirementOut>;

export const disciplineOut = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  org: ref,
  form: z.enum(DISCIPLINE_FORMS),
  decisionNo: z.string(),
  decisionDate: z.string(),
  issuer: z.string(),
  effectiveDate: z.string(),
  reason: z.string().nullable(),
  caseId: z.string().nullable(),
  amendments: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(DISCIPLINE_AMENDMENT_KINDS),
      newForm: z.enum(DISCIPLINE_FORMS).nullable(),
      decisionNo: z.string(),
      decisionDate: z.string(),
      issuer: z.string(),
      effectiveDate: z.string(),
    }),
  ),
  endedPosts: z.number(),
  memberEventId: z.string().nullable(),
  version: z.number(),
});
export type DisciplineOut = z.infer<typeof disciplineOut>;

export const inspectionCaseDetailOut = inspectionCaseSummaryOut.extend({
  rules: z.string(),
  content: z.string(),
  conclusion: z.string().nullable(),
  cancelReason: z.string().nullable(),
  plan: z.object({ id: z.string(), title: z.string() }).nullable(),
  requirements: z.array(inspectionRequirementOut),
  disciplines: z.array(disciplineOut),
  /** Actions the case allows now; the caller's permission is checked separately. */
  actions: z.array(z.enum(INSPECTION_ACTIONS)),
  mayDiscipline: z.boolean(),
});
export type InspectionCaseDetailOut = z.infer<typeof inspectionCaseDetailOut>;

export const inspectionCaseListOut = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(inspectionCaseSummaryOut) });

/** One cell of the counts: cases and distinct subjects. */
export const inspectionCountRow = z.object({
  year: z.number(),
  bodyKind: z.enum(INSPECTION_BODY_KINDS),
  bodyOrgKind: z.string(),
  activity: z.enum(INSPECTION_ACTIVITIES),
  subjectType: z.enum(INSPECTION_SUBJECT_TYPES),
  subjectOrgKind: z.string().nullable(),
  kind: z.enum(INSPECTION_KINDS),
  cases: z.number(),
  subjects: z.number(),
});
export const inspectionCountsOut = z.object({
  fromYear: z.number(),
  toYear: z.number(),
  rows: z.array(inspectionCountRow),
  /** Subjects counted once per year, body and subject type, whether inspected, supervised or both. */
  distinctSubjects: z.array(z.object({ year: z.number(), bodyKind: z.enum(INSPECTION_BODY_KINDS), subjectType: z.enum(INSPECTION_SUBJECT_TYPES), subjects: z.number() })),
  discipline: z.array(z.object({ year: z.number(), form: z.enum(DISCIPLINE_FORMS), count: z.number() })),
});
export type InspectionCountsOut = z.infer<typeof inspectionCountsOut>;

/** What a member's profile shows of a discipline: form, decision and dates (2-HSĐV "kỷ luật"). */
export const memberDisciplineOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      form: z.enum(DISCIPLINE_FORMS),
      decisionNo: z.string(),
      decisionDate: z.string(),
      issuer: z.string(),
      effectiveDate: z.string(),
      amendments: disciplineOut.shape.amendments,
    }),
  ),
});
export type MemberDisciplineOut = z.infer<typeof memberDisciplineOut>;

/** Vietnamese names of this module's input fields, for error messages. */
export const INSPECTIONS_FIELD_LABELS_VI: Record<string, string> = {
  year: 'Năm',
  bodyKind: 'Chủ thể kiểm tra, giám sát',
  bodyOrgId: 'Tổ chức của chủ thể',
  title: 'Tên chương trình, kế hoạch',
  planId: 'Chương trình, kế hoạch',
  activity: 'Kiểm tra hay giám sát',
  subjectType: 'Loại đối tượng',
  subjectOrgId: 'Tổ chức đảng được kiểm tra, giám sát',
  subjectPersonId: 'Đảng viên được kiểm tra, giám sát',
  content: 'Nội dung',
  endDate: 'Ngày kết thúc',
  conclusion: 'Nội dung kết luận',
  violationsFound: 'Có vi phạm',
  deadline: 'Thời hạn',
  doneOn: 'Ngày thực hiện xong',
  result: 'Kết quả thực hiện',
  form: 'Hình thức kỷ luật',
  caseId: 'Cuộc kiểm tra',
  newForm: 'Hình thức kỷ luật mới',
  fromYear: 'Từ năm',
  toYear: 'Đến năm',
};
