import { expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { describeEngines } from '../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, decision, login, memberInput, PASSWORD, unique } from '../test/factories.js';
import { MODULE_MUTATION_SUITES } from '../test/mutationSuites.js';
import { send, type BadInput, type Mutation } from '../test/mutations.js';

const TABLES = ['organization', 'organization_version', 'org_event', 'org_event_link', 'person', 'member_event', 'membership_episode', 'qualification', 'app_user', 'user_scope', 'audit_log'] as const;

let moduleTables: string[] = [];

async function snapshot(db: Kysely<Database>) {
  const out: Record<string, number> = {};
  for (const t of [...TABLES, ...moduleTables])
    out[t] = Number((await (db as unknown as Kysely<Record<string, { id: string }>>).selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out as Record<(typeof TABLES)[number], number> & Record<string, number>;
}

describeEngines('every mutating route: one audit row, bad input refused', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let moduleBad: BadInput[] = [];

  it('audits each mutation exactly once, in the same transaction, with the request id', async () => {
    p = await buildProvince(env());
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const cellX = await buildOrganization(p.admin, { name: 'Chi bộ bản Xa', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: '2006-01-01' });
    const cellY = await buildOrganization(p.admin, { name: 'Chi bộ bản Gần', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: '2006-01-01' });
    const cellZ = await buildOrganization(p.admin, { name: 'Chi bộ bản Giữa', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: '2006-01-01' });
    const spare = await login(env(), p.admin.username);
    const pw = await buildUser(env(), 'chi_xem', [p.communeA]);

    const table: Record<string, Mutation> = {
      'POST /api/v1/auth/login': async () => {
        const r = await env().app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: p.admin.username, password: PASSWORD } });
        return { status: r.statusCode, requestId: r.headers['x-request-id'] as string, body: r.body };
      },
      'POST /api/v1/auth/logout': () => send(spare, 'POST', '/api/v1/auth/logout'),
      // A user of its own: changing a password ends that user's other sessions.
      'POST /api/v1/auth/password': () => send(pw, 'POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD + '-moi' }),
      'POST /api/v1/orgs': (s) =>
        send(s, 'POST', '/api/v1/orgs', { ...decision('2012-01-01'), code: unique('C'), name: 'Chi bộ bản Mới', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeA }),
      'POST /api/v1/orgs/:id/rename': (s) => send(s, 'POST', `/api/v1/orgs/${p.cellA2}/rename`, { ...decision('2015-01-01'), name: 'Chi bộ bản Pa Tần 2' }),
      'POST /api/v1/orgs/:id/transfer': (s) => send(s, 'POST', `/api/v1/orgs/${cellX}/transfer`, { ...decision('2016-01-01'), newParentId: p.communeA }),
      'POST /api/v1/orgs/:id/dissolve': (s) => send(s, 'POST', `/api/v1/orgs/${cellY}/dissolve`, decision('2016-01-01')),
      'POST /api/v1/orgs/merge': (s) => send(s, 'POST', '/api/v1/orgs/merge', { ...decision('2017-01-01'), sourceIds: [cellX], targetId: p.cellA2 }),
      'POST /api/v1/orgs/:id/split': (s) =>
        send(s, 'POST', `/api/v1/orgs/${cellZ}/split`, {
          ...decision('2017-01-01'),
          parts: [
            { code: unique('S'), name: 'Chi bộ Giữa 1', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban' },
            { code: unique('S'), name: 'Chi bộ Giữa 2', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban' },
          ],
        }),
      'POST /api/v1/members': (s) => send(s, 'POST', '/api/v1/members', memberInput(p.cellA1, { cccd: null })),
      'PATCH /api/v1/members/:id': (s) => send(s, 'PATCH', `/api/v1/members/${m.id}`, { version: m.version, residence: 'Bản Nậm Cười' }),
      'POST /api/v1/members/:id/events': (s) => send(s, 'POST', `/api/v1/members/${m.id}/events`, { version: m.version + 1, kind: 'mien_sinh_hoat', effectiveDate: '2024-01-01' }),
      'POST /api/v1/members/:id/qualifications': (s) =>
        send(s, 'POST', `/api/v1/members/${m.id}/qualifications`, { kind: 'ly_luan_chinh_tri', level: 'so_cap', obtainedOn: '2015-01-01' }),
      'POST /api/v1/people': (s) => send(s, 'POST', '/api/v1/people', { fullName: 'Thào A Dình', sex: 'nam', birthDate: '2000-01-01', ethnicity: '08', orgId: p.cellA1 }),
    };
    for (const suite of MODULE_MUTATION_SUITES) {
      const mine = await suite(env(), p);
      for (const [route, run] of Object.entries(mine.cases)) {
        if (route in table) throw new Error(`${route} listed twice`);
        table[route] = run;
      }
      moduleBad = moduleBad.concat(mine.bad);
      moduleTables = moduleTables.concat(mine.tables);
    }

    const mutating = env()
      .app.routeTable.filter((r) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) && r.url.startsWith('/api/'))
      .map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(table).sort()).toEqual([...new Set(mutating)].sort());

    for (const [route, run] of Object.entries(table)) {
      const before = await snapshot(env().db.kysely);
      const res = await run(p.admin);
      expect(res.status, `${route}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      const after = await snapshot(env().db.kysely);
      expect(after.audit_log - before.audit_log, route).toBe(1);
      const row = await env().db.kysely.selectFrom('audit_log').selectAll().where('request_id', '=', res.requestId!).executeTakeFirst();
      expect(row, `${route}: audit row carries the request id`).toBeDefined();
    }
  });

  it('refuses the audit log being rewritten', async () => {
    const db = env().db.kysely;
    await expect(db.updateTable('audit_log').set({ action: 'x' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });

  it('answers bad input on every write route with a 4xx naming the field in Vietnamese, writing nothing', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const id = m.id;
    const bad: BadInput[] = [
      ['POST', '/api/v1/auth/login', {}, 'username'],
      ['POST', '/api/v1/auth/login', { username: 'a', password: 5 }, 'password'],
      ['POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'ngan' }, 'newPassword'],
      ['POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD }, 'newPassword'],
      ['POST', '/api/v1/auth/password', { currentPassword: 'sai-mat-khau-cu', newPassword: 'mot-mat-khau-dai' }, 'currentPassword'],
      ['POST', '/api/v1/orgs', { ...decision('2012-01-01'), code: 'x y', name: 'A', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeA }, 'code'],
      ['POST', '/api/v1/orgs', { ...decision('2012-02-30'), code: 'ok1', name: 'A', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeA }, 'effectiveDate'],
      ['POST', '/api/v1/orgs', { ...decision('2012-01-01'), code: 'ok2', name: 'A', kind: 'sao_hoa', hostType: 'thon_ban', parentId: p.communeA }, 'kind'],
      ['POST', '/api/v1/orgs', { ...decision('2012-01-01'), code: 'ok3', name: 'A', kind: 'dang_bo_tinh', hostType: 'thon_ban', parentId: p.communeA }, 'kind'],
      ['POST', '/api/v1/orgs', { ...decision('2012-01-01'), code: 'ok4', name: '', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeA }, 'name'],
      ['POST', `/api/v1/orgs/${p.cellA1}/rename`, { ...decision('2015-01-01'), name: '   ' }, 'name'],
      ['POST', `/api/v1/orgs/${p.cellA1}/rename`, { effectiveDate: '2015-01-01', issuer: 'x', name: 'Tên' }, 'decisionNo'],
      ['POST', `/api/v1/orgs/${p.cellA1}/transfer`, { ...decision('2016-01-01'), newParentId: 'khong-phai-id' }, 'newParentId'],
      ['POST', `/api/v1/orgs/${p.cellA1}/transfer`, { ...decision('2016-01-01'), newParentId: p.cellA1 }, 'newParentId'],
      ['POST', `/api/v1/orgs/${p.cellA1}/dissolve`, { ...decision('2016-01-01') }, 'id'],
      ['POST', `/api/v1/orgs/${p.cellA1}/split`, { ...decision('2017-01-01'), parts: [] }, 'parts'],
      ['POST', '/api/v1/orgs/merge', { ...decision('2017-01-01'), sourceIds: [] }, 'sourceIds'],
      ['POST', '/api/v1/orgs/merge', { ...decision('2017-01-01'), sourceIds: [p.cellA1] }, 'targetId'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), fullName: 'Mỷ' }, 'fullName'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), sex: 'khac' }, 'sex'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), ethnicity: '99' }, 'ethnicity'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), birthDate: '15/03/1985' }, 'birthDate'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), generalEducation: '13/12' }, 'generalEducation'],
      ['POST', '/api/v1/members', { ...memberInput(p.cellA1), cardNo: 'abc' }, 'cardNo'],
      ['PATCH', `/api/v1/members/${id}`, { residence: 'x' }, 'version'],
      ['PATCH', `/api/v1/members/${id}`, { version: m.version, birthDate: '2030-01-01' }, 'birthDate'],
      ['PATCH', `/api/v1/members/${id}`, { version: m.version, cccd: '0120850000' }, 'cccd'],
      ['POST', `/api/v1/members/${id}/events`, { version: m.version, kind: 'bay_len_troi', effectiveDate: '2024-01-01' }, 'kind'],
      ['POST', `/api/v1/members/${id}/events`, { version: m.version, kind: 'ket_nap', effectiveDate: '2024-01-01', orgId: p.cellA1 }, 'kind'],
      ['POST', `/api/v1/members/${id}/events`, { version: m.version, kind: 'mien_sinh_hoat', effectiveDate: '1900-01-01' }, 'effectiveDate'],
      ['POST', `/api/v1/members/${id}/qualifications`, { kind: 'ly_luan_chinh_tri', level: 'so_cap', obtainedOn: 'hôm qua' }, 'obtainedOn'],
      ['POST', '/api/v1/people', { fullName: 'Thào A Dình', sex: 'nam', birthDate: '2000-01-01', ethnicity: '08' }, 'orgId'],
      ...moduleBad,
    ];
    const before = await snapshot(env().db.kysely);
    for (const [method, url, body, field] of bad) {
      const res = await p.admin.call(method, url, body);
      const label = `${method} ${url} ${JSON.stringify(body).slice(0, 80)}`;
      expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, label).toBeLessThan(500);
      const err = (res.json() as { error: { message: string; field?: string } }).error;
      expect(err.message.length, label).toBeGreaterThan(5);
      expect(err.message, label).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
      if (field) expect(err.field, label).toBe(field);
    }
    const after = await snapshot(env().db.kysely);
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });
    expect(after.audit_log).toBe(before.audit_log);
  });

  it('never answers junk with a 5xx', async () => {
    const junk: unknown[] = [null, [], 'chuỗi', 42, { version: 'x' }, { effectiveDate: Number.POSITIVE_INFINITY }, { fullName: { a: 1 } }, { sourceIds: 'a' }, { parts: [{}] }];
    const routes = env().app.routeTable.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.url.startsWith('/api/v1'));
    for (const r of routes) {
      const url = r.url.replace(/:\w+/g, p.cellA1);
      for (const body of junk) {
        const res = await p.admin.call(r.method as 'POST', url, body);
        expect(res.statusCode, `${r.method} ${url} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
      const raw = await env().app.inject({ method: r.method as 'POST', url, headers: { cookie: p.admin.cookie, 'x-csrf-token': p.admin.csrf, 'content-type': 'application/json' }, payload: '{"broken' });
      expect(raw.statusCode, `${r.method} ${url} malformed JSON`).toBe(400);
    }
    for (const q of ['asOf=2020-13-01', 'page=0', 'pageSize=100000', 'status=abc', 'org=xyz', 'q=' + 'a'.repeat(500)]) {
      const res = await p.admin.call('GET', `/api/v1/members?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });
});
