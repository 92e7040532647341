import { z } from 'zod';
import { COVERAGE_GROUPS, ROTATION_KINDS } from '../domain/cadres.js';
import { HOST_TYPES, POST_TITLES } from '../domain/organization.js';
import { id, isoDate, nonBlank, optionalText, page } from './primitives.js';

/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const CADRES_FIELD_LABELS_VI: Record<string, string> = {
  hostUnitId: 'Thôn, bản, đơn vị',
  cellOrgId: 'Chi bộ phục vụ',
  flags: 'Đặc điểm vùng',
  bien_gioi: 'Xã biên giới',
  dtts: 'Vùng đồng bào dân tộc thiểu số',
  dbkk: 'Đặc biệt khó khăn',
  newUnit: 'Đơn vị mới',
  personId: 'Người giữ chức vụ',
  title: 'Chức vụ',
  termId: 'Nhiệm kỳ',
  validFrom: 'Ngày bắt đầu',
  validTo: 'Ngày thôi giữ chức vụ',
  replacePostId: 'Chức vụ được thay thế',
  reason: 'Lý do',
  startDate: 'Ngày bắt đầu nhiệm kỳ',
  plannedEndDate: 'Ngày kết thúc dự kiến',
  endDate: 'Ngày kết thúc nhiệm kỳ',
  congress: 'Đại hội',
  fromOrgId: 'Nơi đi',
  toOrgId: 'Nơi đến',
  endPostId: 'Chức vụ thôi giữ',
  newPost: 'Chức vụ mới',
  group: 'Nhóm đơn vị',
  months: 'Số tháng',
  category: 'Nhóm chức vụ',
};

const optDecision = {
  decisionNo: optionalText(60),
  decisionDate: isoDate.nullish(),
  issuer: optionalText(200),
};
const reqDecision = {
  decisionNo: nonBlank(60),
  decisionDate: isoDate.nullish(),
  issuer: nonBlank(200),
};
const version = z.number().int().min(1);

export const hostUnitFlagsIn = z.object({ bien_gioi: z.boolean().default(false), dtts: z.boolean().default(false), dbkk: z.boolean().default(false) });
export const hostUnitCode = z.string().trim().regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch; tối đa 40 ký tự' });

export const createHostUnitIn = z.object({
  ...optDecision,
  effectiveDate: isoDate,
  code: hostUnitCode,
  name: nonBlank(200),
  kind: z.enum(HOST_TYPES),
  /** The commune-level organization the unit belongs to. */
  orgId: id,
  flags: hostUnitFlagsIn.optional(),
  cellOrgId: id.nullish(),
  note: optionalText(1000),
});
export type CreateHostUnitIn = z.infer<typeof createHostUnitIn>;

/** One dated change of name and/or flags. */
export const changeHostUnitIn = z.object({
  ...optDecision,
  version,
  effectiveDate: isoDate,
  name: nonBlank(200).optional(),
  flags: hostUnitFlagsIn.optional(),
  note: optionalText(1000),
});
export type ChangeHostUnitIn = z.infer<typeof changeHostUnitIn>;

/** Closes the current cell link and opens a new one (or none: the unit loses its cell). */
export const linkHostUnitIn = z.object({ ...optDecision, version, effectiveDate: isoDate, cellOrgId: id.nullable(), note: optionalText(1000) });
export type LinkHostUnitIn = z.infer<typeof linkHostUnitIn>;

export const endHostUnitIn = z.object({ ...optDecision, version, effectiveDate: isoDate, note: optionalText(1000) });
export type EndHostUnitIn = z.infer<typeof endHostUnitIn>;

/** N units into one: an existing unit or a new one. */
export const mergeHostUnitsIn = z.object({
  ...reqDecision,
  effectiveDate: isoDate,
  sourceIds: z.array(id).min(1, { message: 'Cần ít nhất một đơn vị được sáp nhập' }).max(50),
  targetId: id.nullish(),
  newUnit: z
    .object({ code: hostUnitCode, name: nonBlank(200), kind: z.enum(HOST_TYPES), flags: hostUnitFlagsIn.optional(), cellOrgId: id.nullish() })
    .nullish(),
  /** The receiving unit's name from the merger on, if it changes. */
  name: nonBlank(200).nullish(),
  note: optionalText(1000),
});
export type MergeHostUnitsIn = z.infer<typeof mergeHostUnitsIn>;

const boolParam = z.enum(['true', 'false']).optional();
export const hostUnitListQuery = z.object({
  org: id.optional(),
  asOf: isoDate.optional(),
  kind: z.enum(HOST_TYPES).optional(),
  q: z.string().trim().max(100).optional(),
  bien_gioi: boolParam,
  dtts: boolParam,
  dbkk: boolParam,
  page,
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type HostUnitListQuery = z.infer<typeof hostUnitListQuery>;

export const coverageGroup = z.enum(COVERAGE_GROUPS);

// ---------------------------------------------------------------------------------------------
// Terms and posts

export const createTermIn = z.object({
  ...optDecision,
  orgId: id,
  name: nonBlank(120),
  congress: optionalText(200),
  startDate: isoDate,
  plannedEndDate: isoDate,
});
export type CreateTermIn = z.infer<typeof createTermIn>;

export const updateTermIn = z.object({
  version,
  name: nonBlank(120).optional(),
  congress: optionalText(200),
  plannedEndDate: isoDate.optional(),
  /** Ending a term ends the posts still held in it on the same day. */
  endDate: isoDate.nullish(),
});
export type UpdateTermIn = z.infer<typeof updateTermIn>;

export const termListQuery = z.object({ org: id.optional(), asOf: isoDate.optional() });
export const reminderQuery = z.object({ org: id.optional(), months: z.coerce.number().int().min(0).max(120).default(6) });

const postTitle = z.enum(POST_TITLES);
export const appointIn = z.object({
  ...optDecision,
  personId: id,
  orgId: id,
  title: postTitle,
  hostUnitId: id.nullish(),
  termId: id.nullish(),
  validFrom: isoDate,
  replacePostId: id.nullish(),
  note: optionalText(1000),
});
export type AppointIn = z.infer<typeof appointIn>;

export const endPostIn = z.object({ version, validTo: isoDate, decisionNo: optionalText(60), reason: optionalText(300) });
export type EndPostIn = z.infer<typeof endPostIn>;

export const postListQuery = z.object({
  org: id.optional(),
  asOf: isoDate.optional(),
  category: z.enum(['dang', 'chinh_quyen', 'cong_dong']).optional(),
  title: postTitle.optional(),
  person: id.optional(),
});
export const asOfQuery = z.object({ org: id.optional(), asOf: isoDate.optional() });

export const rotationIn = z.object({
  ...reqDecision,
  personId: id,
  kind: z.enum(ROTATION_KINDS),
  effectiveDate: isoDate,
  fromOrgId: id,
  toOrgId: id,
  /** The post left behind, ended on the effective date. */
  endPostId: id.nullish(),
  /** The post taken up at the destination from the effective date. */
  newPost: z.object({ title: postTitle, hostUnitId: id.nullish(), termId: id.nullish() }).nullish(),
  note: optionalText(1000),
});
export type RotationIn = z.infer<typeof rotationIn>;

export const rotationListQuery = z.object({
  org: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(ROTATION_KINDS).optional(),
});
