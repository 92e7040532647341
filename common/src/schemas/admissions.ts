import { z } from 'zod';
import { ADMISSION_DOCS, ADMISSION_RULES, ADMISSION_STAGES, ADMISSION_STEPS, INTRODUCER_KINDS, TARGET_BOUNDS, TARGET_KINDS } from '../domain/admission.js';
import { personFields } from './member.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const ADMISSIONS_FIELD_LABELS_VI: Record<string, string> = {
  cellId: 'Chi bộ bồi dưỡng',
  introducedByKind: 'Tổ chức giới thiệu',
  introducedByName: 'Tên tổ chức giới thiệu',
  helperId: 'Đảng viên giúp đỡ',
  step: 'Bước',
  date: 'Ngày',
  result: 'Kết quả',
  receivedOn: 'Ngày nhận',
  doc: 'Tài liệu',
  rule: 'Quy định',
  reason: 'Lý do',
  approvingBody: 'Cấp có thẩm quyền đồng ý',
  fromYear: 'Từ năm',
  toYear: 'Đến năm',
  value: 'Chỉ tiêu',
  perYear: 'Chỉ tiêu tính theo năm',
  bound: 'Cách tính đạt chỉ tiêu',
  stage: 'Bước hiện tại',
  within: 'Loại danh sách',
  year: 'Năm',
};

const version = z.number().int().min(1);

export const createCandidateIn = personFields.extend({
  cellId: id,
  introducedByKind: z.enum(INTRODUCER_KINDS),
  introducedByName: nonBlank(200),
  helperId: id.nullish().transform((v) => v ?? null),
  /** The day the helper was assigned; today when left out. */
  helperFrom: isoDate.nullish().transform((v) => v ?? null),
  confirmDuplicate: z.boolean().default(false),
});
export type CreateCandidateIn = z.infer<typeof createCandidateIn>;

export const recordStepIn = z.object({
  version,
  step: z.enum(ADMISSION_STEPS),
  date: isoDate,
  decisionNo: optionalText(60),
  issuer: optionalText(200),
  result: optionalText(40),
  note: optionalText(500),
});
export type RecordStepIn = z.infer<typeof recordStepIn>;

export const recordDocumentIn = z.object({ version, doc: z.enum(ADMISSION_DOCS), receivedOn: isoDate, note: optionalText(300) });
export type RecordDocumentIn = z.infer<typeof recordDocumentIn>;

export const assignHelperIn = z.object({ version, helperId: id, from: isoDate });
export type AssignHelperIn = z.infer<typeof assignHelperIn>;

export const overrideWarningIn = z.object({ version, rule: z.enum(ADMISSION_RULES), reason: nonBlank(500), approvingBody: nonBlank(200) });
export type OverrideWarningIn = z.infer<typeof overrideWarningIn>;

export const candidateListQuery = z.object({
  org: id.optional(),
  stage: z.enum(ADMISSION_STAGES).optional(),
  q: z.string().trim().max(100).optional(),
  page,
  pageSize,
});
export type CandidateListQuery = z.infer<typeof candidateListQuery>;

export const probationListQuery = z.object({ org: id.optional(), within: z.enum(['sap_het', 'qua_han']) });
export type ProbationListQuery = z.infer<typeof probationListQuery>;

const year = z.coerce.number().int().min(1930).max(2200);
export const createTargetIn = z
  .object({
    orgId: id,
    fromYear: year,
    toYear: year,
    kind: z.enum(TARGET_KINDS),
    value: z.number().positive().max(100_000),
    perYear: z.boolean().default(false),
    /** "từ … trở lên" (≥) unless the resolution says "hơn" (>). */
    bound: z.enum(TARGET_BOUNDS).default('tu'),
    decisionNo: optionalText(60),
    note: optionalText(300),
  })
  .refine((t) => t.toYear >= t.fromYear, { message: 'Đến năm không được trước Từ năm', path: ['toYear'] })
  .refine((t) => t.toYear - t.fromYear < 10, { message: 'Một chỉ tiêu không dài quá 10 năm', path: ['toYear'] })
  .refine((t) => t.kind !== 'rate' || t.value <= 100, { message: 'Tỷ lệ không quá 100%', path: ['value'] });
export type CreateTargetIn = z.infer<typeof createTargetIn>;

export const targetListQuery = z.object({ org: id.optional(), year: year.optional() });

// Answers ----------------------------------------------------------------------------------

const warning = z.object({ rule: z.enum(ADMISSION_RULES), message: z.string(), field: z.string(), overridden: z.boolean() });
const progress = z.object({
  stage: z.enum(ADMISSION_STAGES),
  nextStep: z.enum(ADMISSION_STEPS).nullable(),
  missing: z.array(z.string()),
  warnings: z.array(warning),
  awarenessValidUntil: z.string().nullable(),
  probationEndsOn: z.string().nullable(),
  probationDaysLeft: z.number().nullable(),
});

export const candidateSummaryOut = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  introducedByKind: z.enum(INTRODUCER_KINDS),
  introducedByName: z.string(),
  helperName: z.string().nullable(),
  progress,
  version: z.number(),
});
export type CandidateSummary = z.infer<typeof candidateSummaryOut>;

export const candidateListOut = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(candidateSummaryOut) });

const stepOut = z.object({
  step: z.enum(ADMISSION_STEPS),
  date: z.string(),
  decisionNo: z.string().nullable(),
  issuer: z.string().nullable(),
  result: z.string().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export const candidateDetailOut = candidateSummaryOut.extend({
  cellId: z.string(),
  ruleSet: z.object({ id: z.string(), name: z.string() }),
  generalEducation: z.string().nullable(),
  ethnicity: z.string(),
  cccd: z.string().nullable(),
  standing: z.string().nullable(),
  officialOn: z.string().nullable(),
  steps: z.array(stepOut),
  documents: z.array(z.object({ doc: z.enum(ADMISSION_DOCS), receivedOn: z.string(), note: z.string().nullable() })),
  /** When each document belongs in the file (documentSchedule in common/domain/admission.ts). */
  documentSchedule: z.array(z.object({ doc: z.enum(ADMISSION_DOCS), after: z.enum(ADMISSION_STEPS).nullable(), before: z.enum(ADMISSION_STEPS).nullable() })),
  helpers: z.array(z.object({ personId: z.string(), fullName: z.string(), validFrom: z.string(), validTo: z.string().nullable() })),
  overrides: z.array(
    z.object({ rule: z.enum(ADMISSION_RULES), reason: z.string(), approvingBody: z.string(), username: z.string().nullable(), role: z.string(), at: z.string() }),
  ),
  canOverride: z.boolean(),
});
export type CandidateDetail = z.infer<typeof candidateDetailOut>;

export const probationRowOut = z.object({
  personId: z.string(),
  candidateId: z.string().nullable(),
  fullName: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  admittedOn: z.string(),
  probationEndsOn: z.string(),
  daysLeft: z.number(),
  helperName: z.string().nullable(),
});
export const probationListOut = z.object({ within: z.enum(['sap_het', 'qua_han']), today: z.string(), total: z.number(), capped: z.boolean(), items: z.array(probationRowOut) });
export type ProbationRow = z.infer<typeof probationRowOut>;

export const targetOut = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  fromYear: z.number(),
  toYear: z.number(),
  kind: z.enum(TARGET_KINDS),
  value: z.number(),
  perYear: z.boolean(),
  bound: z.enum(TARGET_BOUNDS),
  decisionNo: z.string().nullable(),
  note: z.string().nullable(),
  years: z.number(),
  baseMembers: z.number().nullable(),
  goal: z.number().nullable(),
  admitted: z.number(),
  percent: z.number().nullable(),
  met: z.boolean().nullable(),
  explanation: z.string(),
  /** Admissions counted up to this day (today while the period runs). */
  countedTo: z.string(),
});
export type TargetOut = z.infer<typeof targetOut>;
export const targetListOut = z.object({ items: z.array(targetOut) });
