import type { RestructureEffects } from '@dangvu/common';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, decision, type Session } from '../../test/factories.js';
import { july, planCsv, planXlsx } from './testPlan.js';

const TABLES = ['organization', 'organization_version', 'org_event', 'org_event_link', 'person', 'member_event', 'membership_episode', 'host_unit', 'party_post', 'audit_log'] as const;

/** Every row of the tables a restructuring touches, so "nothing written" means nothing, not just equal counts. */
async function dump(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await (db as unknown as Kysely<Record<string, { id: string }>>).selectFrom(t).selectAll().orderBy('id').execute();
  return out;
}

/** Effects with generated ids (new organizations, events) replaced by codes, to compare two runs. */
function comparable(e: RestructureEffects) {
  const code = new Map(e.organizations.map((o) => [o.orgId, o.code]));
  for (const n of e.tree.nodes) code.set(n.orgId, n.code);
  const c = (id: string | null) => (id ? (code.get(id) ?? id) : null);
  return {
    effectiveDate: e.effectiveDate,
    organizations: e.organizations.map((o) => ({
      code: o.code,
      change: o.change,
      before: o.before && { ...o.before, parentId: c(o.before.parentId) },
      after: o.after && { ...o.after, parentId: c(o.after.parentId) },
    })),
    members: { ...e.members, items: e.members.items.map((m) => ({ ...m, fromOrgId: c(m.fromOrgId), toOrgId: c(m.toOrgId) })) },
    hostUnits: e.hostUnits.map((u) => ({ ...u, fromOrgId: c(u.fromOrgId), toOrgId: c(u.toOrgId) })),
    posts: e.posts.map((p) => ({ ...p, orgId: c(p.orgId) })),
    tree: { ...e.tree, nodes: e.tree.nodes.map((n) => ({ ...n, orgId: c(n.orgId), parentId: c(n.parentId) })) },
  };
}

const codeOf = async (s: Session, id: string) => ((await s.call('GET', `/api/v1/orgs/${id}`)).json() as { code: string }).code;

describeEngines('restructure: preview, apply, bulk plans', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let db: Kysely<Database>;
  let cellA3: string;
  let secretary: string;

  it('sets up cells with members, a village and a committee post', async () => {
    p = await buildProvince(env());
    db = env().db.kysely;
    cellA3 = await buildOrganization(p.admin, { name: 'Chi bộ bản Phiêng', kind: 'chi_bo_truc_thuoc', parentId: p.communeA, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
    for (let i = 0; i < 3; i++) await buildMember(p.admin, p.cellA1);
    await buildMember(p.admin, p.cellA2);
    await buildMember(p.admin, cellA3);
    await buildMember(p.admin, p.cellB1);
    const sec = await buildMember(p.admin, p.cellA2);
    secretary = sec.id;
    await db.insertInto('host_unit').values({ id: uuidv7(), code: `BAN-${uuidv7().slice(-6)}`, name: 'Bản Pa Tần', kind: 'thon_ban', org_id: p.cellA2, valid_from: '2005-01-01', valid_to: null, flags: null }).execute();
    await db.insertInto('party_post').values({ id: uuidv7(), org_id: p.cellA2, person_id: secretary, title: 'bi_thu', term: '2020-2025', decision_no: '5-QĐ/ĐU', valid_from: '2020-09-01', valid_to: null }).execute();
  });

  it('previews a merge without writing anything, then applies exactly what it previewed', async () => {
    const op = { op: 'sap_nhap', ...decision('2024-03-01', '88-QĐ/ĐU'), sourceIds: [p.cellA2], targetId: p.cellA1 };
    const before = await dump(db);
    const preview = await p.admin.call('QUERY', '/api/v1/restructure/preview', op);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(await dump(db)).toEqual(before);
    const effects = preview.json() as RestructureEffects;
    expect(effects.organizations).toEqual([expect.objectContaining({ orgId: p.cellA2, change: 'ended', after: null })]);
    expect(effects.members.moved).toBe(2);
    expect(effects.members.items.every((m) => m.fromOrgId === p.cellA2 && m.toOrgId === p.cellA1 && m.toName === 'Chi bộ bản Nậm Cười')).toBe(true);
    expect(effects.hostUnits).toEqual([expect.objectContaining({ name: 'Bản Pa Tần', fromOrgId: p.cellA2, toOrgId: p.cellA1 })]);
    expect(effects.posts).toEqual([expect.objectContaining({ personId: secretary, title: 'bi_thu', endedOn: '2024-03-01' })]);
    const cellNode = effects.tree.nodes.find((n) => n.orgId === p.cellA1)!;
    expect(cellNode.memberCount).toBe(5);
    expect(effects.tree.nodes.map((n) => n.orgId)).not.toContain(p.cellA2);
    expect(effects.tree.nodes.find((n) => n.orgId === p.communeA)).toBeTruthy();

    const applied = await p.admin.call('POST', '/api/v1/restructure/apply', op);
    expect(applied.statusCode, applied.body).toBe(201);
    const body = applied.json() as { eventIds: string[]; effects: RestructureEffects };
    expect(comparable(body.effects)).toEqual(comparable(effects));
    const audit = await db.selectFrom('audit_log').selectAll().where('entity_id', '=', body.eventIds[0]!).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.request_id).toBe(applied.headers['x-request-id']);
    // The ledger moved them: both members now have a transfer event on the merge date.
    const moved = await db.selectFrom('member_event').select('person_id').where('kind', '=', 'chuyen_noi_bo').where('effective_date', '=', '2024-03-01').execute();
    expect(moved).toHaveLength(2);
  });

  it('previews equal applies for a merge into a new organization, a split and a transfer', async () => {
    const ops = [
      { op: 'chuyen_giao', ...decision('2024-04-01'), orgId: cellA3, newParentId: p.communeB },
      {
        op: 'sap_nhap',
        ...decision('2024-05-01'),
        sourceIds: [p.cellB1, cellA3],
        newOrg: { code: 'CB-HOP', name: 'Chi bộ bản Hợp Nhất', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeB },
      },
    ];
    for (const op of ops) {
      const pv = await p.admin.call('QUERY', '/api/v1/restructure/preview', op);
      expect(pv.statusCode, pv.body).toBe(200);
      const ap = await p.admin.call('POST', '/api/v1/restructure/apply', op);
      expect(ap.statusCode, ap.body).toBe(201);
      expect(comparable((ap.json() as { effects: RestructureEffects }).effects)).toEqual(comparable(pv.json() as RestructureEffects));
    }
    const hop = (await db.selectFrom('organization').select('id').where('code', '=', 'CB-HOP').executeTakeFirstOrThrow()).id;
    const members = (await db.selectFrom('person').select('id').where('org_id', '=', hop).where('standing', '=', 'dang_sinh_hoat').execute()).map((m) => m.id);
    const split = {
      op: 'chia_tach',
      ...decision('2024-06-01'),
      orgId: hop,
      parts: [
        { code: 'CB-HOP-1', name: 'Chi bộ bản Hợp 1', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', memberIds: members.slice(0, 1), childOrgIds: [] },
        { code: 'CB-HOP-2', name: 'Chi bộ bản Hợp 2', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', memberIds: members.slice(1), childOrgIds: [] },
      ],
    };
    const pv = await p.admin.call('QUERY', '/api/v1/restructure/preview', split);
    expect(pv.statusCode, pv.body).toBe(200);
    const e = pv.json() as RestructureEffects;
    expect(e.organizations.map((o) => [o.code, o.change]).sort()).toEqual([['CB-HOP', 'ended'], ['CB-HOP-1', 'created'], ['CB-HOP-2', 'created']]);
    expect(await db.selectFrom('organization').select('id').where('code', 'in', ['CB-HOP-1', 'CB-HOP-2']).execute()).toHaveLength(0);
    const ap = await p.admin.call('POST', '/api/v1/restructure/apply', split);
    expect(ap.statusCode, ap.body).toBe(201);
    expect(comparable((ap.json() as { effects: RestructureEffects }).effects)).toEqual(comparable(e));
  });

  it('refuses in a preview exactly what the apply refuses, with the field', async () => {
    const bad = { op: 'giai_the', ...decision('2024-07-01'), orgId: p.cellA1 };
    const pv = await p.admin.call('QUERY', '/api/v1/restructure/preview', bad);
    const ap = await p.admin.call('POST', '/api/v1/restructure/apply', bad);
    expect(pv.statusCode).toBe(409);
    expect(ap.statusCode).toBe(409);
    expect(pv.json()).toEqual(ap.json());
    const noOp = await p.admin.call('QUERY', '/api/v1/restructure/preview', { op: 'bay', ...decision('2024-07-01') });
    expect(noOp.statusCode).toBe(400);
    expect(noOp.json().error.message).toMatch(/Thao tác/);
  });

  it('keeps a commune user out of another commune: 404 on preview and apply', async () => {
    const otherCommune = await buildOrganization(p.admin, { name: 'Đảng bộ xã Khác', kind: 'dang_bo_co_so', parentId: p.district, effectiveDate: '2005-01-01' });
    const officer = await buildUser(env(), 'can_bo_to_chuc', [otherCommune]);
    const op = { op: 'doi_ten', ...decision('2024-08-01'), orgId: p.cellA1, name: 'Chi bộ Lạ' };
    expect((await officer.call('QUERY', '/api/v1/restructure/preview', op)).statusCode).toBe(404);
    expect((await officer.call('POST', '/api/v1/restructure/apply', op)).statusCode).toBe(404);
    const viewer = await buildUser(env(), 'chi_xem', [p.province]);
    expect((await viewer.call('QUERY', '/api/v1/restructure/preview', op)).statusCode).toBe(403);
  });

  it('serves the plan template with Vietnamese headings', async () => {
    const res = await p.admin.call('GET', '/api/v1/restructure/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const heads = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(heads).toEqual(['STT', 'Thao tác', 'Mã tổ chức', 'Mã tổ chức đích / cấp trên mới', 'Tên mới', 'Loại tổ chức', 'Loại hình', 'Ngày hiệu lực', 'Số quyết định', 'Ngày quyết định', 'Cơ quan ban hành', 'Ghi chú']);
    const csv = await p.admin.call('GET', '/api/v1/restructure/template.csv');
    expect(csv.body).toContain('Thao tác');
  });

  it('reads xlsx and csv plans and reports every bad row by number, writing nothing', async () => {
    const a1 = await codeOf(p.admin, p.cellA1);
    const rows = [
      july({ stt: '1', op: 'đổi tên', codes: a1, name: 'Chi bộ bản Nậm Cười 2' }),
      july({ stt: '2', op: 'bay lên', codes: a1 }),
      july({ stt: '3', op: 'chuyển giao', codes: a1, target: 'KHONG-CO', effectiveDate: '31/02/2025' }),
      july({ stt: '4', op: 'thành lập', codes: 'MOI-1', target: a1, name: 'Chi bộ Mới', kind: 'Chi bộ trực thuộc' }),
    ];
    const before = await dump(db);
    for (const [fileName, content] of [
      ['ke-hoach.xlsx', await planXlsx(rows, { titleRow: true })],
      ['ke-hoach.csv', planCsv(rows)],
      ['ke-hoach-excel-vi.csv', planCsv(rows, ';')],
    ] as const) {
      const res = await p.admin.call('QUERY', '/api/v1/restructure/plans/preview', { fileName, content });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { errors: { row: number; column: string; message: string }[]; effects: unknown; steps: unknown[] };
      const title = fileName.endsWith('.xlsx') ? 1 : 0;
      expect(body.effects).toBeNull();
      expect(body.errors.map((e) => [e.row - title, e.column])).toEqual([
        [3, 'op'],
        [4, 'effectiveDate'],
        [5, 'hostType'],
      ]);
      expect(body.errors[0]!.message).toMatch(/không phải thao tác/);
      const apply = await p.admin.call('POST', '/api/v1/restructure/plans', { fileName, content });
      expect(apply.statusCode).toBe(422);
      expect(apply.json().error.message).toMatch(/Dòng \d+, cột “Thao tác”/);
    }
    // Codes are checked for every row at once too.
    const unknown = await p.admin.call('QUERY', '/api/v1/restructure/plans/preview', { fileName: 'x.csv', content: planCsv([july({ op: 'giải thể', codes: 'KHONG-CO' })]) });
    expect((unknown.json() as { errors: { row: number; column: string }[] }).errors).toEqual([expect.objectContaining({ row: 2, column: 'codes' })]);
    expect(await dump(db)).toEqual(before);
  });

  it('refuses unreadable and oversized files with a clear message', async () => {
    const notExcel = await p.admin.call('QUERY', '/api/v1/restructure/plans/preview', { fileName: 'a.xlsx', content: Buffer.from('xin chào').toString('base64') });
    expect((notExcel.json() as { errors: { message: string }[] }).errors[0]!.message).toMatch(/không phải tệp Excel/);
    const wrongType = await p.admin.call('POST', '/api/v1/restructure/plans', { fileName: 'a.pdf', content: 'AAAA' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.field).toBe('fileName');
    const big = await p.admin.call('POST', '/api/v1/restructure/plans', { fileName: 'a.xlsx', content: 'A'.repeat(2_900_000) });
    expect(big.statusCode).toBe(400);
    expect(big.json().error).toMatchObject({ field: 'content', message: expect.stringMatching(/2 MB/) });
  });

  it('leaves everything unchanged when a row in the middle of a plan is refused', async () => {
    const [a1, b2, communeB] = [await codeOf(p.admin, p.cellA1), await codeOf(p.admin, p.cellB2), await codeOf(p.admin, p.communeB)];
    const rows = [
      july({ op: 'đổi tên', codes: a1, name: 'Chi bộ bản Nậm Cười Mới' }),
      july({ op: 'thành lập', codes: 'CB-GIUA', target: communeB, name: 'Chi bộ Giữa', kind: 'Chi bộ trực thuộc', hostType: 'Thôn, bản' }),
      // Refused by the service: the cell still has members.
      july({ op: 'giải thể', codes: a1 }),
      july({ op: 'chuyển giao', codes: b2, target: 'CB-GIUA' }),
    ];
    const before = await dump(db);
    const content = await planXlsx(rows);
    const pv = await p.admin.call('QUERY', '/api/v1/restructure/plans/preview', { fileName: 'p.xlsx', content });
    const body = pv.json() as { errors: { row: number; column: string; message: string }[] };
    expect(body.errors).toEqual([{ row: 4, column: 'codes', message: expect.stringMatching(/đảng viên đang sinh hoạt/) }]);
    const ap = await p.admin.call('POST', '/api/v1/restructure/plans', { fileName: 'p.xlsx', content });
    expect(ap.statusCode).toBe(422);
    expect(ap.json().error).toMatchObject({ code: 'PLAN_INVALID', field: 'content' });
    expect(ap.json().error.message).toMatch(/Dòng 4/);
    expect(await dump(db)).toEqual(before);
  });
});

interface TreeNode {
  orgId: string;
  parentId: string | null;
  name: string;
  kind: string;
  memberCount: number;
}

describeEngines('restructure: a 1 July 2025 plan keeps every as-of answer', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let communeC: string;
  let cellC1: string;
  const DATES = ['2012-01-01', '2020-12-31', '2025-06-30'];

  const answers = async (s: Session, d: string) => {
    const get = async (url: string) => {
      const r = await s.call('GET', url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
      return r.json() as Record<string, unknown>;
    };
    // A version that was open then now ends on 1 July: its end is news, everything else must read the same.
    const tree = ((await get(`/api/v1/orgs/tree?asOf=${d}`)).nodes as (TreeNode & { validTo: string | null })[]).map(({ validTo: _end, ...n }) => n).sort((a, b) => a.orgId.localeCompare(b.orgId));
    const list = (org: string) => get(`/api/v1/members?org=${org}&asOf=${d}&pageSize=200`).then((b) => (b.items as { id: string }[]).map((i) => i.id).sort());
    return {
      tree,
      stats: await get(`/api/v1/stats?org=${p.province}&asOf=${d}`),
      districtStats: await get(`/api/v1/stats?org=${p.district}&asOf=${d}`),
      communeStats: await get(`/api/v1/stats?org=${p.communeA}&asOf=${d}`),
      dashboard: await get(`/api/v1/dashboard?org=${p.province}&asOf=${d}`),
      members: await list(p.province),
      districtMembers: await list(p.district),
      communeMembers: await list(p.communeA),
    };
  };

  it('applies the plan as one change, with one audit row listing its events, and old dates read as before', async () => {
    p = await buildProvince(env());
    communeC = await buildOrganization(p.admin, { name: 'Đảng bộ xã Mường Kim', kind: 'dang_bo_co_so', parentId: p.district, hostType: 'xa_phuong', effectiveDate: '2005-01-01' });
    cellC1 = await buildOrganization(p.admin, { name: 'Chi bộ bản Kim', kind: 'chi_bo_truc_thuoc', parentId: communeC, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
    for (const cell of [p.cellA1, p.cellA1, p.cellA2, p.cellB1, p.cellB2, cellC1, cellC1]) await buildMember(p.admin, cell);
    await buildMember(p.admin, p.cellB1, { admittedOn: '2019-02-01', officialOn: '2020-02-01', sex: 'nu' });
    const recorded = new Map<string, unknown>();
    for (const d of DATES) recorded.set(d, await answers(p.admin, d));

    const code = (id: string) => codeOf(p.admin, id);
    const [P, D, A, B, C, C1] = await Promise.all([p.province, p.district, p.communeA, p.communeB, communeC, cellC1].map(code));
    const rows = [
      july({ stt: '1', op: 'chuyển giao', codes: C, target: P, kind: 'Đảng bộ xã, phường (cấp trên cơ sở)' }),
      july({ stt: '2', op: 'chuyển giao', codes: A, target: P }),
      july({ stt: '3', op: 'chuyển giao', codes: B, target: P }),
      // Moved under the province earlier in this plan, then merged on the same day.
      july({ stt: '4', op: 'sáp nhập', codes: `${A};${B}`, target: 'XA-PATAN-2025', name: 'Đảng bộ xã Pa Tần', kind: 'Đảng bộ xã', hostType: 'Xã, phường, đặc khu' }),
      july({ stt: '5', op: 'chuyển giao', codes: C1, target: 'XA-PATAN-2025' }),
      july({ stt: '6', op: 'giải thể', codes: D, decisionNo: '1251-QĐ/TU' }),
    ];
    const content = await planXlsx(rows);
    const pv = await p.admin.call('QUERY', '/api/v1/restructure/plans/preview', { fileName: 'ke-hoach-01-07-2025.xlsx', content });
    expect(pv.statusCode, pv.body).toBe(200);
    const preview = pv.json() as { errors: unknown[]; effects: RestructureEffects };
    expect(preview.errors).toEqual([]);
    const auditBefore = await env().db.kysely.selectFrom('audit_log').select('id').execute();
    const ap = await p.admin.call('POST', '/api/v1/restructure/plans', { fileName: 'ke-hoach-01-07-2025.xlsx', content });
    expect(ap.statusCode, ap.body).toBe(201);
    const applied = ap.json() as { planId: string; eventIds: string[]; effects: RestructureEffects };
    expect(comparable(applied.effects)).toEqual(comparable(preview.effects));
    expect(applied.eventIds).toHaveLength(6);
    const audit = await env().db.kysely.selectFrom('audit_log').selectAll().where('id', 'not in', auditBefore.map((a) => a.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'restructure_plan', entity_id: applied.planId });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ fileName: 'ke-hoach-01-07-2025.xlsx', eventIds: applied.eventIds, result: 'applied' });
    const plans = (await p.admin.call('GET', '/api/v1/restructure/plans')).json() as { items: { planId: string; rowCount: number }[] };
    expect(plans.items[0]).toMatchObject({ planId: applied.planId, rowCount: 6 });

    for (const d of DATES) expect(await answers(p.admin, d), d).toEqual(recorded.get(d));
    const events = (await p.admin.call('GET', '/api/v1/restructure/events')).json() as { items: { id: string; effectiveDate: string; links: { toName: string | null }[] }[] };
    expect(events.items.filter((e) => applied.eventIds.includes(e.id)).map((e) => e.effectiveDate)).toEqual(Array(6).fill('2025-07-01'));
    const outsider = await buildUser(env(), 'can_bo_to_chuc', [p.cellB2]);
    const theirs = (await outsider.call('GET', '/api/v1/restructure/events')).json() as { items: { id: string }[] };
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.length).toBeLessThan(events.items.length);
  });

  it('reads the new tree from 1 July 2025: no district, communes under the province, no one-day versions', async () => {
    const newCommune = (await env().db.kysely.selectFrom('organization').select('id').where('code', '=', 'XA-PATAN-2025').executeTakeFirstOrThrow()).id;
    for (const d of ['2025-07-01', '2026-01-01']) {
      const nodes = ((await p.admin.call('GET', `/api/v1/orgs/tree?asOf=${d}`)).json() as { nodes: TreeNode[] }).nodes;
      const byId = new Map(nodes.map((n) => [n.orgId, n]));
      expect(byId.has(p.district)).toBe(false);
      expect(byId.has(p.communeA)).toBe(false);
      expect(byId.get(newCommune)).toMatchObject({ parentId: p.province, kind: 'dang_uy_xa' });
      expect(byId.get(communeC)).toMatchObject({ parentId: p.province, kind: 'dang_uy_xa' });
      for (const cell of [p.cellA1, p.cellA2, p.cellB1, p.cellB2, cellC1]) expect(byId.get(cell)!.parentId).toBe(newCommune);
      const total = nodes.reduce((s, n) => s + n.memberCount, 0);
      expect(total).toBe(8);
    }
    const stats = (await p.admin.call('GET', `/api/v1/stats?org=${newCommune}&asOf=2020-12-31`)).json() as { members: { total: number } };
    expect(stats.members.total).toBe(6);
    // Communes moved and merged on the same day leave no version that was never in force.
    const versions = await env().db.kysely.selectFrom('organization_version').select(['valid_from', 'valid_to']).execute();
    expect(versions.filter((v) => v.valid_to !== null && v.valid_to <= v.valid_from)).toEqual([]);
    // Today it also holds the cell moved in from Mường Kim.
    const members = ((await p.admin.call('GET', `/api/v1/members?org=${newCommune}`)).json() as { total: number }).total;
    expect(members).toBe(8);
  });
});
