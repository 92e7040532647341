import { expect, it } from 'vitest';
import { describeEngines } from '../test/engines.js';
import { buildMember, buildProvince, buildUser, memberInput, type Session } from '../test/factories.js';

describeEngines('scope: a commune sees only its own subtree', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let commune: Session;
  let mine: { id: string; version: number };
  let theirs: { id: string; version: number };

  it('sets up two communes and a user scoped to one', async () => {
    p = await buildProvince(env());
    mine = await buildMember(p.admin, p.cellA1, { fullName: 'Lò Văn Mình', cccd: null });
    theirs = await buildMember(p.admin, p.cellB1, { fullName: 'Lò Văn Khác', cccd: null });
    commune = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
  });

  it('lists, searches and counts only its own members, today and on past dates', async () => {
    for (const url of ['/api/v1/members', '/api/v1/members?asOf=2020-01-01', '/api/v1/members?q=lo%20van', '/api/v1/members?includeNonMembers=true']) {
      const body = (await commune.call('GET', url)).json() as { total: number; items: { id: string }[] };
      expect(body.items.map((i) => i.id), url).toEqual([mine.id]);
      expect(body.total, url).toBe(1);
    }
    const search = (await commune.call('GET', '/api/v1/members?q=lo%20van%20khac')).json() as { total: number };
    expect(search.total).toBe(0);
  });

  it('answers 404 for the other commune by id, on every route', async () => {
    const gets = [
      `/api/v1/members/${theirs.id}`,
      `/api/v1/members/${theirs.id}/history`,
      `/api/v1/orgs/${p.communeB}`,
      `/api/v1/orgs/${p.cellB1}`,
      `/api/v1/stats?org=${p.communeB}`,
      `/api/v1/stats?org=${p.province}`,
      `/api/v1/stats?org=${p.communeB}&asOf=2015-01-01`,
      `/api/v1/members?org=${p.communeB}`,
      `/api/v1/members/export.csv?org=${p.communeB}`,
    ];
    for (const url of gets) expect((await commune.call('GET', url)).statusCode, url).toBe(404);
    const writes: [string, string, unknown][] = [
      ['PATCH', `/api/v1/members/${theirs.id}`, { version: theirs.version, residence: 'x' }],
      ['POST', `/api/v1/members/${theirs.id}/events`, { version: theirs.version, kind: 'mien_sinh_hoat', effectiveDate: '2024-01-01' }],
      ['POST', `/api/v1/members/${theirs.id}/qualifications`, { kind: 'tin_hoc', level: 'A', obtainedOn: '2020-01-01' }],
      ['POST', `/api/v1/orgs/${p.cellB1}/rename`, { effectiveDate: '2024-01-01', decisionNo: '1', issuer: 'x', name: 'Đổi' }],
      ['POST', `/api/v1/orgs/${p.cellB1}/dissolve`, { effectiveDate: '2024-01-01', decisionNo: '1', issuer: 'x' }],
    ];
    for (const [m, url, body] of writes) expect((await commune.call(m as 'POST', url, body)).statusCode, url).toBe(404);
    const placed = await commune.call('POST', '/api/v1/members', memberInput(p.cellB1, { cccd: null }));
    expect(placed.statusCode).toBe(422);
    expect(placed.json().error.field).toBe('orgId');
  });

  it('shows only its subtree of the tree, on any date, and its own counts', async () => {
    for (const asOf of ['2010-01-01', '2026-01-01']) {
      const nodes = ((await commune.call('GET', `/api/v1/orgs/tree?asOf=${asOf}`)).json() as { nodes: { orgId: string }[] }).nodes.map((n) => n.orgId);
      expect(nodes.sort()).toEqual([p.communeA, p.cellA1, p.cellA2].sort());
    }
    const s = (await commune.call('GET', `/api/v1/stats?org=${p.communeA}`)).json() as { members: { total: number } };
    expect(s.members.total).toBe(1);
  });

  it('exports only what it may list', async () => {
    const res = await commune.call('GET', '/api/v1/members/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Lò Văn Mình');
    expect(res.body).not.toContain('Lò Văn Khác');
    expect(res.body.trim().split('\r\n')).toHaveLength(2);
  });

  it('lets a member see only their own record', async () => {
    const self = await buildUser(env(), 'dang_vien', [], mine.id);
    expect((await self.call('GET', `/api/v1/members/${mine.id}`)).statusCode).toBe(200);
    expect((await self.call('GET', `/api/v1/members/${theirs.id}`)).statusCode).toBe(404);
    const list = (await self.call('GET', '/api/v1/members')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    expect((await self.call('PATCH', `/api/v1/members/${mine.id}`, { version: 1 })).statusCode).toBe(403);
    expect((await self.call('GET', '/api/v1/orgs/tree')).statusCode).toBe(403);
  });

  it('reads the audit log within scope only, and only for admins', async () => {
    expect((await commune.call('GET', '/api/v1/audit')).statusCode).toBe(403);
    const communeAdmin = await buildUser(env(), 'quan_tri', [p.communeA]);
    const rows = ((await communeAdmin.call('GET', '/api/v1/audit?pageSize=200')).json() as { items: { entityId: string }[] }).items;
    expect(rows.map((r) => r.entityId)).toContain(mine.id);
    expect(rows.map((r) => r.entityId)).not.toContain(theirs.id);
    const all = ((await p.admin.call('GET', '/api/v1/audit?pageSize=200')).json() as { items: { entityId: string }[] }).items;
    expect(all.map((r) => r.entityId)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});
