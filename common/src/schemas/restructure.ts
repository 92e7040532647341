import { z } from 'zod';
import { dissolveOrgIn, establishOrgIn, mergeOrgsIn, renameOrgIn, splitOrgIn, transferOrgIn } from './organization.js';
import { id, nonBlank } from './primitives.js';

/**
 * One restructuring operation, the same body for preview and apply, so what was previewed
 * is exactly what is applied. `op` names the operation; the rest is that operation's input.
 */
/**
 * `basis`: the preview's `basis`, sent back with the apply. When the organizations the preview
 * read have changed since (someone else applied a change to them), the apply answers 409 and
 * writes nothing. Without it, only the guard on each organization's open version applies.
 */
const basis = { basis: z.string().max(100).nullish() };

export const restructureOpIn = z.discriminatedUnion('op', [
  establishOrgIn.extend({ op: z.literal('thanh_lap'), ...basis }),
  renameOrgIn.extend({ op: z.literal('doi_ten'), orgId: id, ...basis }),
  transferOrgIn.extend({ op: z.literal('chuyen_giao'), orgId: id, ...basis }),
  dissolveOrgIn.extend({ op: z.literal('giai_the'), orgId: id, ...basis }),
  mergeOrgsIn.extend({ op: z.literal('sap_nhap'), ...basis }),
  splitOrgIn.extend({ op: z.literal('chia_tach'), orgId: id, ...basis }),
]);
export type RestructureOpIn = z.infer<typeof restructureOpIn>;

/** 2 MB of file, as base64 (4 characters per 3 bytes). */
export const PLAN_MAX_BYTES = 2 * 1024 * 1024;
const BASE64_MAX = Math.ceil(PLAN_MAX_BYTES / 3) * 4;

/** A plan file travels as base64 inside JSON, so CSRF and validation work as for any other write. */
export const planFileIn = z.object({
  fileName: nonBlank(200).refine((n) => /\.(xlsx|csv)$/i.test(n), { message: 'Chỉ nhận tệp .xlsx hoặc .csv' }),
  content: z
    .string()
    .min(1, { message: 'Tệp rỗng' })
    .max(BASE64_MAX, { message: 'Tệp quá lớn: tối đa 2 MB. Hãy chia kế hoạch thành nhiều tệp.' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'Nội dung tệp không đúng dạng base64' }),
});
export type PlanFileIn = z.infer<typeof planFileIn>;

const orgSide = z.object({
  name: z.string(),
  kind: z.string(),
  hostType: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  /** Names from the root down: "Đảng bộ tỉnh … › Đảng bộ xã … › Chi bộ …". */
  path: z.string(),
});

/** What a restructuring changes, read by diffing the rows it touched inside its transaction. */
export const restructureEffectsOut = z.object({
  effectiveDate: z.string(),
  organizations: z.array(
    z.object({
      orgId: z.string(),
      code: z.string(),
      change: z.enum(['created', 'changed', 'ended']),
      before: orgSide.nullable(),
      after: orgSide.nullable(),
    }),
  ),
  members: z.object({
    /** People whose cell (or managing organization) changed. */
    moved: z.number(),
    /** People who stay in their cell while the cell moves in the tree. */
    rehomed: z.number(),
    /** The first 200 people moved, by name. */
    items: z.array(
      z.object({
        personId: z.string(),
        fullName: z.string(),
        member: z.boolean(),
        fromOrgId: z.string(),
        fromName: z.string().nullable(),
        toOrgId: z.string(),
        toName: z.string().nullable(),
      }),
    ),
  }),
  hostUnits: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), fromOrgId: z.string(), fromName: z.string().nullable(), toOrgId: z.string().nullable(), toName: z.string().nullable() }),
  ),
  posts: z.array(z.object({ id: z.string(), personId: z.string(), fullName: z.string(), title: z.string(), orgId: z.string(), orgName: z.string().nullable(), endedOn: z.string() })),
  /**
   * Open transfers (chuyển sinh hoạt) whose route named an organization that ends: handed to
   * its successor, or refused when it was dissolved with none.
   */
  transfers: z.object({ rerouted: z.number(), refused: z.number() }),
  /** What the operation was read against; send it back with the apply (see restructureOpIn). */
  basis: z.string(),
  /** The affected part of the tree as it reads on the effective date, after the change. */
  tree: z.object({
    asOf: z.string(),
    truncated: z.boolean(),
    nodes: z.array(
      z.object({ orgId: z.string(), code: z.string(), name: z.string(), kind: z.string(), parentId: z.string().nullable(), depth: z.number(), memberCount: z.number(), changed: z.boolean() }),
    ),
  }),
});
export type RestructureEffects = z.infer<typeof restructureEffectsOut>;

export const restructureApplyOut = z.object({ eventIds: z.array(z.string()), orgId: z.string().nullable(), effects: restructureEffectsOut });

export const planRowErrorOut = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const planStepOut = z.object({
  row: z.number(),
  op: z.string(),
  codes: z.array(z.string()),
  target: z.string().nullable(),
  name: z.string().nullable(),
  effectiveDate: z.string(),
  decisionNo: z.string(),
});

/** A plan's check: every row read, the errors by row, and the whole plan's effects when it runs clean. */
export const planPreviewOut = z.object({
  fileName: z.string(),
  steps: z.array(planStepOut),
  errors: z.array(planRowErrorOut),
  effects: restructureEffectsOut.nullable(),
});
export type PlanPreview = z.infer<typeof planPreviewOut>;

export const planApplyOut = z.object({ planId: z.string(), fileName: z.string(), steps: z.array(planStepOut), eventIds: z.array(z.string()), effects: restructureEffectsOut });

export const planListOut = z.object({
  items: z.array(
    z.object({ planId: z.string(), fileName: z.string(), at: z.string(), username: z.string().nullable(), rowCount: z.number(), eventCount: z.number(), effectiveDates: z.array(z.string()) }),
  ),
});

export const restructureEventsOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      effectiveDate: z.string(),
      decisionNo: z.string(),
      issuer: z.string(),
      links: z.array(z.object({ fromOrgId: z.string().nullable(), fromName: z.string().nullable(), toOrgId: z.string().nullable(), toName: z.string().nullable(), role: z.string() })),
    }),
  ),
});
export type RestructureEventsOut = z.infer<typeof restructureEventsOut>;

/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const RESTRUCTURE_FIELD_LABELS_VI: Record<string, string> = {
  op: 'Thao tác',
  basis: 'Bản xem trước',
  fileName: 'Tên tệp',
  content: 'Tệp kế hoạch',
};
