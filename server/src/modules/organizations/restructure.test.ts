import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, decision, type Session } from '../../test/factories.js';

interface StatsBody {
  members: { total: number; bySex: Record<string, number>; byEthnicity: Record<string, number>; byGrade: Record<string, number> };
  organizations: { byKind: Record<string, number> };
}

describeEngines('restructuring keeps every as-of answer', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let newCommune: string;
  const stats = async (s: Session, org: string, asOf: string) => {
    const res = await s.call('GET', `/api/v1/stats?org=${org}&asOf=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as StatsBody;
  };
  const tree = async (s: Session, asOf: string) => {
    const res = await s.call('GET', `/api/v1/orgs/tree?asOf=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { nodes: { orgId: string; parentId: string | null; name: string; memberCount: number }[] }).nodes;
  };

  it('records members, then merges two communes and dissolves the district', async () => {
    p = await buildProvince(env());
    await buildMember(p.admin, p.cellA1, { sex: 'nam', ethnicity: '03' });
    await buildMember(p.admin, p.cellA1, { sex: 'nam', ethnicity: '03' });
    await buildMember(p.admin, p.cellA1, { sex: 'nu', ethnicity: '08', birthDate: '1990-02-02', admittedOn: '2015-03-01', officialOn: '2016-03-02' });
    await buildMember(p.admin, p.cellB1, { sex: 'nam', ethnicity: '01' });
    await buildMember(p.admin, p.cellB2, { sex: 'nu', ethnicity: '01' });
    const late = await buildMember(p.admin, p.cellA2, { admittedOn: '2021-06-01', officialOn: '2022-06-01' });
    const died = await p.admin.call('POST', `/api/v1/members/${late.id}/events`, { kind: 'tu_tran', effectiveDate: '2023-04-10', version: late.version });
    expect(died.statusCode, died.body).toBe(201);

    const merged = await p.admin.call('POST', '/api/v1/orgs/merge', {
      ...decision('2025-07-01', '1250-QĐ/TU'),
      sourceIds: [p.communeA, p.communeB],
      newOrg: { code: 'XA-PATAN-MOI', name: 'Đảng bộ xã Pa Tần', kind: 'dang_uy_xa', hostType: 'xa_phuong', parentId: p.province },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    newCommune = (merged.json() as { orgId: string }).orgId;
    const dissolved = await p.admin.call('POST', `/api/v1/orgs/${p.district}/dissolve`, decision('2025-07-01', '1251-QĐ/TU'));
    expect(dissolved.statusCode, dissolved.body).toBe(201);
  });

  it('reads the tree as it was before, on and after the merge date', async () => {
    const before = await tree(p.admin, '2025-06-30');
    const ids = before.map((n) => n.orgId);
    expect(ids).toEqual(expect.arrayContaining([p.district, p.communeA, p.communeB, p.cellA1]));
    expect(ids).not.toContain(newCommune);
    expect(before.find((n) => n.orgId === p.cellA1)!.parentId).toBe(p.communeA);

    for (const d of ['2025-07-01', '2026-01-01']) {
      const after = await tree(p.admin, d);
      const ids2 = after.map((n) => n.orgId);
      expect(ids2).not.toContain(p.district);
      expect(ids2).not.toContain(p.communeA);
      expect(after.find((n) => n.orgId === p.cellA1)!.parentId).toBe(newCommune);
      expect(after.find((n) => n.orgId === p.cellB2)!.parentId).toBe(newCommune);
      expect(after.find((n) => n.orgId === newCommune)!.parentId).toBe(p.province);
    }
    const old = await tree(p.admin, '2012-01-01');
    expect(old.find((n) => n.orgId === p.cellA1)!.memberCount).toBe(2);
  });

  it('counts members by sex and ethnicity on past dates across the merge', async () => {
    const a2020 = await stats(p.admin, p.communeA, '2020-12-31');
    expect(a2020.members.total).toBe(3);
    expect(a2020.members.bySex).toEqual({ nam: 2, nu: 1 });
    expect(a2020.members.byEthnicity).toEqual({ '03': 2, '08': 1 });

    // The new commune answers for what merged into it.
    const n2020 = await stats(p.admin, newCommune, '2020-12-31');
    expect(n2020.members.total).toBe(5);
    expect(n2020.members.bySex).toEqual({ nam: 3, nu: 2 });
    const n2014 = await stats(p.admin, newCommune, '2014-12-31');
    expect(n2014.members.total).toBe(4);

    expect((await stats(p.admin, p.province, '2020-12-31')).members.total).toBe(5);
    expect((await stats(p.admin, p.province, '2022-01-01')).members.total).toBe(6);
    expect((await stats(p.admin, p.province, '2022-01-01')).members.byGrade).toEqual({ du_bi: 1, chinh_thuc: 5 });
    expect((await stats(p.admin, p.province, '2025-06-30')).members.total).toBe(5);
    expect((await stats(p.admin, p.province, '2025-07-01')).members.total).toBe(5);
    expect((await stats(p.admin, p.district, '2025-06-30')).members.total).toBe(5);

    const orgs2020 = await stats(p.admin, p.province, '2020-12-31');
    expect(orgs2020.organizations.byKind).toEqual({ dang_bo_tinh: 1, dang_bo_huyen: 1, dang_bo_co_so: 2, chi_bo_truc_thuoc: 4 });
    const orgsNow = await stats(p.admin, p.province, '2025-07-01');
    expect(orgsNow.organizations.byKind).toEqual({ dang_bo_tinh: 1, dang_uy_xa: 1, chi_bo_truc_thuoc: 4 });
  });

  it('lists members as of a date under an organization that no longer exists', async () => {
    // communeA is gone today but existed then: its members on that date are listed.
    const res = await p.admin.call('GET', `/api/v1/members?org=${p.communeA}&asOf=2020-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { total: number }).total).toBe(3);
    // Today it has no members and is no longer an organization to filter by.
    expect((await p.admin.call('GET', `/api/v1/members?org=${p.communeA}`)).statusCode).toBe(404);
    const viaNew = await p.admin.call('GET', `/api/v1/members?org=${newCommune}&asOf=2020-12-31`);
    expect(viaNew.statusCode, viaNew.body).toBe(200);
    expect((viaNew.json() as { total: number }).total).toBe(5);
    const today = await p.admin.call('GET', `/api/v1/members?org=${newCommune}`);
    expect((today.json() as { total: number }).total).toBe(5);
  });

  it('keeps the lineage with decision numbers', async () => {
    const res = await p.admin.call('GET', `/api/v1/orgs/${newCommune}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { events: { kind: string; decisionNo: string; links: { fromOrgId: string | null; role: string }[] }[] };
    const merge = body.events.find((e) => e.kind === 'sap_nhap')!;
    expect(merge.decisionNo).toBe('1250-QĐ/TU');
    expect(merge.links.filter((l) => l.role === 'merged_into').map((l) => l.fromOrgId).sort()).toEqual([p.communeA, p.communeB].sort());
    const cell = (await p.admin.call('GET', `/api/v1/orgs/${p.cellA1}`)).json() as { parentNames: Record<string, string> };
    expect(cell.parentNames).toEqual({ [p.communeA]: 'Đảng bộ xã Pa Tần', [newCommune]: 'Đảng bộ xã Pa Tần' });
    const old = await p.admin.call('GET', `/api/v1/orgs/${p.communeA}?asOf=2020-01-01`);
    expect(old.statusCode, old.body).toBe(200);
    expect((old.json() as { current: unknown; asOf: { name: string } }).current).toBeNull();
  });

  it('refuses a restructuring dated before the last change, and writes nothing', async () => {
    const before = await tree(p.admin, '2026-01-01');
    const res = await p.admin.call('POST', `/api/v1/orgs/${p.cellA1}/rename`, { ...decision('2025-06-01'), name: 'Chi bộ bản Mới' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.field).toBe('effectiveDate');
    expect(await tree(p.admin, '2026-01-01')).toEqual(before);
  });
});
