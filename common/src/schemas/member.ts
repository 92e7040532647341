import { z } from 'zod';
import { MEMBER_EVENT_FILTERS, MEMBER_EVENT_KINDS, MEMBER_STATUS_FILTERS } from '../domain/memberLedger.js';
import { AGE_BANDS } from '../domain/ageBands.js';
import { POLITICAL_THEORY_LEVELS } from '../reference/levels.js';
import {
  academicTitleSchema,
  ethnicityCodeSchema,
  generalEducationSchema,
  occupationGroupSchema,
  politicalTheoryLevelSchema,
  professionalQualificationSchema,
  religionCodeSchema,
  sexSchema,
} from './reference.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

/** The core of form 2-HSĐV that a person carries, member or not. */
export const personFields = z.object({
  fullName: nonBlank(120).refine((s) => s.split(/\s+/).length >= 2, { message: 'Cần ghi đủ họ và tên' }),
  otherNames: optionalText(120),
  sex: sexSchema,
  birthDate: isoDate,
  birthplace: optionalText(300),
  hometown: optionalText(300),
  residence: optionalText(300),
  ethnicity: ethnicityCodeSchema,
  religion: religionCodeSchema.default('khong'),
  cccd: z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null)),
  generalEducation: generalEducationSchema.nullish().transform((v) => v ?? null),
  professionalLevel: professionalQualificationSchema.nullish().transform((v) => v ?? null),
  academicTitle: academicTitleSchema.nullish().transform((v) => v ?? null),
  politicalTheory: politicalTheoryLevelSchema.nullish().transform((v) => v ?? null),
  foreignLanguage: optionalText(120),
  itLevel: optionalText(120),
  occupation: occupationGroupSchema.nullish().transform((v) => v ?? null),
  youthUnionOn: isoDate.nullish().transform((v) => v ?? null),
  cardNo: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, { message: 'Số thẻ đảng viên gồm 6 đến 12 chữ số' })
    .nullish()
    .transform((v) => v ?? null),
  fileNo: optionalText(40),
  sponsors: optionalText(300),
});
export type PersonFields = z.infer<typeof personFields>;

export const createMemberIn = personFields.extend({
  orgId: id,
  admittedOn: isoDate,
  admissionDecisionNo: nonBlank(60),
  admissionIssuer: nonBlank(200),
  officialOn: isoDate.nullish().transform((v) => v ?? null),
  officialDecisionNo: optionalText(60),
  /** Save even though likely duplicates were reported. */
  confirmDuplicate: z.boolean().default(false),
});
export type CreateMemberIn = z.infer<typeof createMemberIn>;

export const createPersonIn = personFields.extend({ orgId: id, confirmDuplicate: z.boolean().default(false) });

export const updateMemberIn = personFields.partial().extend({
  version: z.number().int().min(1),
  confirmDuplicate: z.boolean().default(false),
});
export type UpdateMemberIn = z.infer<typeof updateMemberIn>;

export const memberEventIn = z.object({
  kind: z.enum(MEMBER_EVENT_KINDS),
  effectiveDate: isoDate,
  decisionNo: optionalText(60),
  decisionDate: isoDate.nullish().transform((v) => v ?? null),
  issuer: optionalText(200),
  orgId: id.nullish().transform((v) => v ?? null),
  note: optionalText(1000),
  admittedOn: isoDate.nullish().transform((v) => v ?? null),
  officialOn: isoDate.nullish().transform((v) => v ?? null),
  version: z.number().int().min(1),
});
export type MemberEventIn = z.infer<typeof memberEventIn>;

export const qualificationIn = z.object({
  kind: z.enum(['ly_luan_chinh_tri', 'chuyen_mon', 'hoc_ham', 'ngoai_ngu', 'tin_hoc', 'pho_thong']),
  level: nonBlank(60),
  obtainedOn: isoDate,
  note: optionalText(300),
});

export const memberListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** Names (with CCCD and card number) by default; places on request. */
  searchIn: z.enum(['names', 'places']).optional(),
  org: id.optional(),
  status: z.enum(MEMBER_STATUS_FILTERS).optional(),
  sex: sexSchema.optional(),
  ethnicity: ethnicityCodeSchema.optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  theory: z.enum([...POLITICAL_THEORY_LEVELS, 'khong']).optional(),
  admittedYear: z.coerce.number().int().min(1930).max(2200).optional(),
  eventKind: z.enum(MEMBER_EVENT_FILTERS).optional(),
  eventYear: z.coerce.number().int().min(1930).max(2200).optional(),
  asOf: isoDate.optional(),
  page,
  pageSize,
  includeNonMembers: z.enum(['true', 'false']).optional(),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

/** Records outside the caller's scope are reported without naming them. */
export const duplicateHint = z.object({
  personId: z.string().nullable(),
  fullName: z.string().nullable(),
  birthDate: z.string().nullable(),
  reason: z.enum(['same_cccd', 'same_name_birth']),
  inScope: z.boolean(),
});
export type DuplicateHint = z.infer<typeof duplicateHint>;

export const memberSummaryOut = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.string(),
  birthDate: z.string(),
  ethnicity: z.string(),
  cccd: z.string().nullable(),
  cardNo: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string().nullable(),
  standing: z.string().nullable(),
  activity: z.string().nullable(),
  admittedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
});

export const memberDetailOut = memberSummaryOut.extend({
  otherNames: z.string().nullable(),
  birthplace: z.string().nullable(),
  hometown: z.string().nullable(),
  residence: z.string().nullable(),
  religion: z.string(),
  generalEducation: z.string().nullable(),
  professionalLevel: z.string().nullable(),
  academicTitle: z.string().nullable(),
  politicalTheory: z.string().nullable(),
  foreignLanguage: z.string().nullable(),
  itLevel: z.string().nullable(),
  occupation: z.string().nullable(),
  youthUnionOn: z.string().nullable(),
  fileNo: z.string().nullable(),
  sponsors: z.string().nullable(),
  admittedOrgId: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  duplicates: z.array(duplicateHint),
});
export type MemberDetailOut = z.infer<typeof memberDetailOut>;

export const memberListOut = z.object({
  total: z.number(),
  /** A search matched more than `total` people; the count stops there. */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  asOf: z.string(),
  items: z.array(memberSummaryOut),
});
