import { z } from 'zod';
import { HOST_TYPES, ORG_EVENT_KINDS, ORG_KINDS } from '../domain/organization.js';
import { decisionFields, id, isoDate, nonBlank, optionalText } from './primitives.js';

export const orgKind = z.enum(ORG_KINDS);
export const hostType = z.enum(HOST_TYPES);

export const orgVersionOut = z.object({
  orgId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  hostType: z.string(),
  hostUnitName: z.string().nullable(),
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type OrgVersionOut = z.infer<typeof orgVersionOut>;

export const orgTreeQuery = z.object({ asOf: isoDate.optional(), root: id.optional() });
export const orgTreeOut = z.object({ asOf: z.string(), nodes: z.array(orgVersionOut.extend({ memberCount: z.number() })) });

const decision = z.object(decisionFields);

/** thành lập: a new organization under a parent (or a new root, admins only). */
export const establishOrgIn = decision.extend({
  effectiveDate: isoDate,
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'Mã tổ chức chỉ gồm chữ, số, dấu chấm, gạch; tối đa 40 ký tự' }),
  name: nonBlank(200),
  kind: orgKind,
  hostType,
  hostUnitName: optionalText(200),
  parentId: id.nullish(),
  note: optionalText(1000),
});

/** Changes to one organization: rename, re-parent (chuyển giao), dissolve. */
export const renameOrgIn = decision.extend({
  effectiveDate: isoDate,
  name: nonBlank(200),
  kind: orgKind.optional(),
  hostType: hostType.optional(),
  hostUnitName: optionalText(200),
  note: optionalText(1000),
});
export const transferOrgIn = decision.extend({
  effectiveDate: isoDate,
  newParentId: id,
  kind: orgKind.optional(),
  note: optionalText(1000),
});
export const dissolveOrgIn = decision.extend({ effectiveDate: isoDate, note: optionalText(1000) });

/** sáp nhập N→1: into an existing organization or a new one. */
export const mergeOrgsIn = decision.extend({
  effectiveDate: isoDate,
  sourceIds: z.array(id).min(1, { message: 'Cần ít nhất một tổ chức được sáp nhập' }).max(200),
  targetId: id.optional(),
  newOrg: establishOrgIn.pick({ code: true, name: true, kind: true, hostType: true, hostUnitName: true, parentId: true }).optional(),
  note: optionalText(1000),
});

/** chia tách 1→N: every member and sub-organization is assigned to one of the parts. */
export const splitOrgIn = decision.extend({
  effectiveDate: isoDate,
  parts: z
    .array(
      establishOrgIn
        .pick({ code: true, name: true, kind: true, hostType: true, hostUnitName: true })
        .extend({ memberIds: z.array(id).default([]), childOrgIds: z.array(id).default([]) }),
    )
    .min(2, { message: 'Chia tách cần ít nhất hai tổ chức mới' })
    .max(50),
  note: optionalText(1000),
});

export const orgEventOut = z.object({
  id: z.string(),
  kind: z.enum(ORG_EVENT_KINDS),
  effectiveDate: z.string(),
  decisionNo: z.string(),
  decisionDate: z.string().nullable(),
  issuer: z.string(),
  note: z.string().nullable(),
  links: z.array(
    z.object({ fromOrgId: z.string().nullable(), toOrgId: z.string().nullable(), role: z.string(), fromName: z.string().nullable(), toName: z.string().nullable() }),
  ),
});

export const orgDetailOut = z.object({
  orgId: z.string(),
  code: z.string(),
  current: orgVersionOut.nullable(),
  asOf: orgVersionOut.nullable(),
  versions: z.array(orgVersionOut),
  events: z.array(orgEventOut),
  children: z.array(orgVersionOut),
  memberCount: z.number(),
  committee: z.array(z.object({ personId: z.string(), fullName: z.string(), title: z.string(), since: z.string(), term: z.string().nullable() })),
  hostUnits: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), link: z.enum(['cell', 'commune']) })),
  /** Names of the parents this organization has had, as they were named then, by id. */
  parentNames: z.record(z.string(), z.string()),
});
