import { todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, decision } from '../../test/factories.js';

interface Overview {
  totals: { members: number; chinhThuc: number; duBi: number; admissionsThisYear: number; orgsByKind: Record<string, number> };
  bySex: Record<string, number>;
  byAgeBand: Record<string, number>;
  byTheory: Record<string, number>;
  flows: { year: number; admitted: number; lost: Record<string, number>; lostTotal: number }[];
  coverage: { total: number; ownCell: number; sharedCell: number; noCell: number; noMember: number };
  gaps: { name: string; problem: string }[];
}

describeEngines('dashboard: every figure agrees with the list behind it', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  const year = Number(todayIso().slice(0, 4));

  it('sets up members, events across a merge, and villages', async () => {
    p = await buildProvince(env());
    await buildMember(p.admin, p.cellA1, { sex: 'nu', birthDate: '1960-01-01', politicalTheory: 'cao_cap' });
    await buildMember(p.admin, p.cellA1, { sex: 'nam', birthDate: '1990-06-01', admittedOn: `${year - 3}-03-01`, officialOn: null });
    const dead = await buildMember(p.admin, p.cellB1, { sex: 'nam', birthDate: '1950-01-01', admittedOn: `${year - 5}-01-10`, officialOn: `${year - 4}-02-01` });
    await buildMember(p.admin, p.cellB2, { sex: 'nu', birthDate: '1985-01-01', admittedOn: `${year - 2}-02-01`, officialOn: `${year - 1}-02-01`, politicalTheory: 'trung_cap' });
    const r = await p.admin.call('POST', `/api/v1/members/${dead.id}/events`, { kind: 'tu_tran', effectiveDate: `${year - 4}-05-05`, version: dead.version });
    expect(r.statusCode, r.body).toBe(201);
    // Merge the two communes the year before last: events before it still count under the new commune.
    const merged = await p.admin.call('POST', '/api/v1/orgs/merge', {
      ...decision(`${year - 1}-07-01`),
      sourceIds: [p.communeA, p.communeB],
      newOrg: { code: 'XA-MOI', name: 'Đảng bộ xã Mới', kind: 'dang_uy_xa', hostType: 'xa_phuong', parentId: p.province },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const db = env().db.kysely;
    const newCommune = (merged.json() as { orgId: string }).orgId;
    const unit = async (name: string, orgId: string, cell: string | null) => {
      const id = uuidv7();
      await db.insertInto('host_unit').values({ id, code: name, name, kind: 'thon_ban', org_id: orgId, valid_from: '2000-01-01', valid_to: null, flags: null }).execute();
      if (cell) await db.insertInto('host_unit_cell').values({ id: uuidv7(), host_unit_id: id, cell_org_id: cell, valid_from: '2005-01-01', valid_to: null }).execute();
    };
    await unit('Bản Nậm Cười', newCommune, p.cellA1);
    await unit('Bản Pa Tần', newCommune, p.cellA2);
    await unit('Bản Huổi Luông', newCommune, p.cellB1);
    await unit('Bản Huổi Luông 2', newCommune, p.cellB1);
    await unit('Bản Xa Xôi', newCommune, null);
  });

  it('counts the province today and drills down to the same numbers', async () => {
    const o = (await p.admin.call('GET', `/api/v1/dashboard?org=${p.province}`)).json() as Overview;
    expect(o.totals).toMatchObject({ members: 3, chinhThuc: 2, duBi: 1 });
    expect(o.bySex).toEqual({ nam: 1, nu: 2 });
    expect(o.byTheory).toEqual({ cao_cap: 1, trung_cap: 1, khong: 1 });
    expect(o.totals.orgsByKind).toEqual({ dang_bo_tinh: 1, dang_bo_huyen: 1, dang_uy_xa: 1, chi_bo_truc_thuoc: 4 });
    const list = async (q: string) => ((await p.admin.call('GET', `/api/v1/members?org=${p.province}&${q}`)).json() as { total: number }).total;
    expect(await list('sex=nu')).toBe(o.bySex.nu);
    expect(await list('status=chinh_thuc')).toBe(o.totals.chinhThuc);
    expect(await list('status=du_bi')).toBe(o.totals.duBi);
    for (const [band, n] of Object.entries(o.byAgeBand)) expect(await list(`ageBand=${band}`), band).toBe(n);
    for (const [t, n] of Object.entries(o.byTheory)) expect(await list(`theory=${t}`), t).toBe(n);
    for (const f of o.flows) {
      expect(await list(`eventKind=ket_nap&eventYear=${f.year}`), `admitted ${f.year}`).toBe(f.admitted);
      expect(await list(`eventKind=tu_tran&eventYear=${f.year}`), `deaths ${f.year}`).toBe(f.lost.tu_tran);
      expect(await list(`eventKind=giam&eventYear=${f.year}`), `losses ${f.year}`).toBe(f.lostTotal);
    }
    expect(o.flows.find((f) => f.year === year - 4)!.lost.tu_tran).toBe(1);
    expect(o.flows.find((f) => f.year === year - 3)!.admitted).toBe(1);
  });

  it('credits past events to the merged commune that now holds them', async () => {
    const tree = (await p.admin.call('GET', '/api/v1/orgs/tree')).json() as { nodes: { orgId: string; name: string }[] };
    const newCommune = tree.nodes.find((n) => n.name === 'Đảng bộ xã Mới')!.orgId;
    const o = (await p.admin.call('GET', `/api/v1/dashboard?org=${newCommune}`)).json() as Overview;
    expect(o.flows.find((f) => f.year === year - 4)!.lost.tu_tran).toBe(1);
    const deaths = (await p.admin.call('GET', `/api/v1/members?org=${newCommune}&eventKind=tu_tran&eventYear=${year - 4}`)).json() as { total: number };
    expect(deaths.total).toBe(1);
  });

  it('reports village coverage: own cell, shared, none, no member', async () => {
    const o = (await p.admin.call('GET', `/api/v1/dashboard?org=${p.province}`)).json() as Overview;
    // Huổi Luông's shared cell lost its only member when he died.
    expect(o.coverage).toEqual({ total: 5, ownCell: 2, sharedCell: 2, noCell: 1, noMember: 4 });
    expect(o.gaps.map((g) => [g.name, g.problem]).sort((a, b) => a[0]!.localeCompare(b[0]!, 'vi'))).toEqual([
      ['Bản Huổi Luông', 'no_member'],
      ['Bản Huổi Luông 2', 'no_member'],
      ['Bản Pa Tần', 'no_member'],
      ['Bản Xa Xôi', 'no_cell'],
    ]);
  });

  it('lists the units behind each coverage figure', async () => {
    const o = (await p.admin.call('GET', `/api/v1/dashboard?org=${p.province}`)).json() as Overview;
    const names = async (status: string) => {
      const r = (await p.admin.call('GET', `/api/v1/coverage?org=${p.province}&status=${status}`)).json() as { total: number; items: { name: string }[] };
      expect(r.total).toBe(r.items.length);
      return r.items.map((i) => i.name).sort();
    };
    expect((await names('ownCell')).length).toBe(o.coverage.ownCell);
    expect(await names('sharedCell')).toEqual(['Bản Huổi Luông', 'Bản Huổi Luông 2']);
    expect(await names('noCell')).toEqual(['Bản Xa Xôi']);
    expect((await names('noMember')).length).toBe(o.coverage.noMember);
    expect((await names('all')).length).toBe(o.coverage.total);
    expect((await p.admin.call('GET', '/api/v1/coverage?status=abc')).statusCode).toBe(400);
  });

  it('keeps a commune user inside the commune', async () => {
    const { buildUser } = await import('../../test/factories.js');
    const u = await buildUser(env(), 'can_bo_to_chuc', [p.cellA1]);
    expect((await u.call('GET', `/api/v1/dashboard?org=${p.province}`)).statusCode).toBe(404);
    const o = (await u.call('GET', '/api/v1/dashboard')).json() as Overview;
    expect(o.totals.members).toBe(2);
    expect(o.coverage.total).toBe(1);
  });
});
