import type { OrgEventKind } from '@dangvu/common';

/** What the operation form holds; one shape for all six operations, read per operation below. */
export interface OpFormValues {
  op?: OrgEventKind;
  effectiveDate?: string;
  decisionNo?: string;
  decisionDate?: string;
  issuer?: string;
  note?: string;
  orgId?: string;
  name?: string;
  kind?: string;
  hostType?: string;
  code?: string;
  parentId?: string;
  newParentId?: string;
  sourceIds?: string[];
  targetMode?: 'existing' | 'new';
  targetId?: string;
  newCode?: string;
  newName?: string;
  newKind?: string;
  newHostType?: string;
  newOrgParentId?: string;
  parts?: { code?: string; name?: string; kind?: string; hostType?: string }[];
  /** For a split: which part (index) each member and sub-organization goes to. */
  assign?: Record<string, number>;
}

const blank = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

/** The request body for the chosen operation (common's restructureOpIn); the server validates it again. */
export function opPayload(v: OpFormValues, split?: { memberIds: string[]; childOrgIds: string[] }): Record<string, unknown> {
  const decision = { effectiveDate: v.effectiveDate, decisionNo: v.decisionNo, decisionDate: blank(v.decisionDate), issuer: v.issuer, note: blank(v.note) };
  switch (v.op) {
    case 'thanh_lap':
      return { op: v.op, ...decision, code: v.code, name: v.name, kind: v.kind, hostType: v.hostType, parentId: v.parentId };
    case 'doi_ten':
      return { op: v.op, ...decision, orgId: v.orgId, name: v.name, kind: blank(v.kind), hostType: blank(v.hostType) };
    case 'chuyen_giao':
      return { op: v.op, ...decision, orgId: v.orgId, newParentId: v.newParentId, kind: blank(v.kind) };
    case 'giai_the':
      return { op: v.op, ...decision, orgId: v.orgId };
    case 'sap_nhap':
      return v.targetMode === 'new'
        ? { op: v.op, ...decision, sourceIds: v.sourceIds ?? [], newOrg: { code: v.newCode, name: v.newName, kind: v.newKind, hostType: v.newHostType, parentId: v.newOrgParentId } }
        : { op: v.op, ...decision, sourceIds: v.sourceIds ?? [], targetId: v.targetId };
    case 'chia_tach': {
      const parts = (v.parts ?? []).map((p, i) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        hostType: p.hostType,
        memberIds: (split?.memberIds ?? []).filter((id) => (v.assign?.[id] ?? 0) === i),
        childOrgIds: (split?.childOrgIds ?? []).filter((id) => (v.assign?.[id] ?? 0) === i),
      }));
      return { op: v.op, ...decision, orgId: v.orgId, parts };
    }
    default:
      return { op: v.op };
  }
}

/** Where a field named by the server or by zod sits in the form, as an antd name path. */
export function formFieldOf(op: OrgEventKind | undefined, path: readonly (string | number)[]): (string | number)[] | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  if (head === 'newOrg') {
    const map: Record<string, string> = { code: 'newCode', name: 'newName', kind: 'newKind', hostType: 'newHostType', parentId: 'newOrgParentId' };
    return rest[0] !== undefined && map[String(rest[0])] ? [map[String(rest[0])]!] : ['newCode'];
  }
  // "newOrg.parentId" arrives as one string from service refusals.
  if (head === 'newOrg.parentId') return ['newOrgParentId'];
  if (head === 'parts') return typeof rest[0] === 'number' && rest[1] && ['code', 'name', 'kind', 'hostType'].includes(String(rest[1])) ? ['parts', rest[0], String(rest[1])] : ['parts'];
  if (head === 'id') return [op === 'sap_nhap' ? 'sourceIds' : 'orgId'];
  if (head === 'code' && op === 'sap_nhap') return ['newCode'];
  if (head === 'targetId' && op === 'sap_nhap') return ['targetId'];
  return [String(head)];
}
