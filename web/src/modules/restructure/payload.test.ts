import { restructureOpIn } from '@dangvu/common';
import { describe, expect, it } from 'vitest';
import { formFieldOf, opPayload } from './payload';

const d = { effectiveDate: '2025-07-01', decisionNo: '1-QĐ/TU', issuer: 'Tỉnh ủy' };
const ID = (n: number) => `0199a000-0000-7000-8000-00000000000${n}`;

describe('restructure form → request body', () => {
  it('builds a merge into a new organization that the shared schema accepts', () => {
    const body = opPayload({ op: 'sap_nhap', ...d, sourceIds: [ID(1), ID(2)], targetMode: 'new', newCode: 'XA-MOI', newName: 'Đảng bộ xã Mới', newKind: 'dang_uy_xa', newHostType: 'xa_phuong', newOrgParentId: ID(3) });
    expect(restructureOpIn.safeParse(body).success).toBe(true);
    expect(body).not.toHaveProperty('targetId');
  });

  it('assigns every member and sub-organization of a split to the part chosen, the first by default', () => {
    const body = opPayload(
      { op: 'chia_tach', ...d, orgId: ID(1), parts: [{ code: 'A', name: 'A', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban' }, { code: 'B', name: 'B', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban' }], assign: { [ID(5)]: 1 } },
      { memberIds: [ID(4), ID(5)], childOrgIds: [ID(6)] },
    ) as { parts: { memberIds: string[]; childOrgIds: string[] }[] };
    expect(body.parts.map((p) => [p.memberIds, p.childOrgIds])).toEqual([
      [[ID(4)], [ID(6)]],
      [[ID(5)], []],
    ]);
  });

  it('puts server and schema messages beside the field the user filled', () => {
    expect(formFieldOf('sap_nhap', ['newOrg', 'code'])).toEqual(['newCode']);
    expect(formFieldOf('sap_nhap', ['newOrg.parentId'])).toEqual(['newOrgParentId']);
    expect(formFieldOf('giai_the', ['id'])).toEqual(['orgId']);
    expect(formFieldOf('chia_tach', ['parts', 1, 'name'])).toEqual(['parts', 1, 'name']);
    expect(formFieldOf('doi_ten', ['effectiveDate'])).toEqual(['effectiveDate']);
  });
});
