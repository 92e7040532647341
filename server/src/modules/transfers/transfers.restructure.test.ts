import { addDaysIso, todayIso, type RestructureEffects, type TransferDetailOut } from '@dangvu/common';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, decision, type Session } from '../../test/factories.js';

const today = todayIso();
const ago = (n: number) => addDaysIso(today, -n);

const TABLES = ['organization', 'organization_version', 'org_event', 'org_event_link', 'person', 'member_event', 'membership_episode', 'transfer', 'transfer_step', 'audit_log'] as const;

/** Every row of the tables a restructuring or a transfer step touches: "nothing written" means nothing. */
async function dump(db: Kysely<Database>) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await (db as unknown as Kysely<Record<string, { id: string }>>).selectFrom(t).selectAll().orderBy('id').execute();
  return out;
}

describeEngines('transfers in flight across restructurings; restructuring 409', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let userA: Session;
  let userB: Session;
  let district: Session;
  const db = () => env().db.kysely;
  const get = async (s: Session, id: string) => (await s.call('GET', `/api/v1/transfers/${id}`)).json() as TransferDetailOut;
  const act = (s: Session, t: { id: string; version: number }, action: string, date: string, extra: Record<string, unknown> = {}) =>
    s.call('POST', `/api/v1/transfers/${t.id}/steps`, { action, version: t.version, date, ...extra });
  const propose = async (s: Session, body: Record<string, unknown>) => {
    const res = await s.call('POST', '/api/v1/transfers', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TransferDetailOut;
  };
  /** Preview, then apply what was previewed (with its basis); both effects returned. */
  const restructure = async (op: Record<string, unknown>) => {
    const pv = await p.admin.call('QUERY', '/api/v1/restructure/preview', op);
    expect(pv.statusCode, pv.body).toBe(200);
    const preview = pv.json() as RestructureEffects;
    const ap = await p.admin.call('POST', '/api/v1/restructure/apply', { ...op, basis: preview.basis });
    expect(ap.statusCode, ap.body).toBe(201);
    return { preview, applied: (ap.json() as { effects: RestructureEffects }).effects };
  };

  it('sets up a province with a user per commune and one for the district', async () => {
    p = await buildProvince(env());
    userA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    userB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    district = await buildUser(env(), 'can_bo_to_chuc', [p.district]);
  });

  it('hands a transfer awaiting receipt to the cell its destination merged into, where it is received', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    let t = await propose(userA, { kind: 'noi_bo', personId: m.id, toOrgId: p.cellB1, date: ago(20) });
    t = (await act(userA, t, 'duyet', ago(15))).json();
    t = (await act(district, t, 'duyet_cap_tren', ago(12), { number: '45-GGT/HU' })).json();
    expect(t).toMatchObject({ state: 'cho_tiep_nhan', to: { id: p.cellB1 } });

    const { preview, applied } = await restructure({ op: 'sap_nhap', ...decision(ago(10), '77-QĐ/ĐU'), sourceIds: [p.cellB1], targetId: p.cellB2 });
    expect(preview.transfers).toEqual({ rerouted: 1, refused: 0 });
    expect(applied.transfers).toEqual(preview.transfers);

    t = await get(userB, t.id);
    expect(t).toMatchObject({ state: 'cho_tiep_nhan', to: { id: p.cellB2, name: 'Chi bộ trường Tiểu học Huổi Luông' }, letterNo: '45-GGT/HU' });
    expect(t.next).toMatchObject({ action: 'tiep_nhan', allowed: true, actorOrg: { id: p.cellB2 } });
    const step = t.steps.at(-1)!;
    expect(step).toMatchObject({ action: 'sap_xep', fromState: 'cho_tiep_nhan', toState: 'cho_tiep_nhan', date: ago(10), number: '77-QĐ/ĐU', username: p.admin.username, org: { id: p.cellB2 } });
    expect(step.note).toContain('Sáp nhập theo Quyết định số 77-QĐ/ĐU');
    expect(step.note).toContain('chi bộ nơi đến Chi bộ bản Huổi Luông → Chi bộ trường Tiểu học Huổi Luông');
    // The restructuring's own audit row covers the hand-over: no extra row for the transfer.
    expect(await db().selectFrom('audit_log').select('id').where('entity', '=', 'transfer').where('entity_id', '=', t.id).execute()).toHaveLength(3);

    const received = await act(userB, t, 'tiep_nhan', ago(5));
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json()).toMatchObject({ state: 'da_tiep_nhan' });
    const eps = await db().selectFrom('membership_episode').select(['org_id', 'valid_from', 'valid_to']).where('person_id', '=', m.id).where('kind', '=', 'primary').orderBy('valid_from').execute();
    expect(eps.at(-1)).toMatchObject({ org_id: p.cellB2, valid_from: ago(5), valid_to: null });
  });

  it('refuses, with the reason, a transfer whose destination cell is dissolved; a new one may start', async () => {
    const empty = await buildOrganization(p.admin, { name: 'Chi bộ bản Nà Sản', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, hostType: 'thon_ban', effectiveDate: '2006-01-01' });
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    let t = await propose(userA, { kind: 'noi_bo', personId: m.id, toOrgId: empty, date: ago(8) });
    t = (await act(userA, t, 'duyet', ago(7))).json();
    expect(t.state).toBe('da_duyet');

    const { preview, applied } = await restructure({ op: 'giai_the', ...decision(ago(6), '80-QĐ/ĐU'), orgId: empty });
    expect(preview.transfers).toEqual({ rerouted: 0, refused: 1 });
    expect(applied.transfers).toEqual(preview.transfers);

    t = await get(userA, t.id);
    expect(t).toMatchObject({ state: 'tu_choi', completedOn: ago(6), next: null, to: { id: empty, name: 'Chi bộ bản Nà Sản' } });
    expect(t.steps.at(-1)).toMatchObject({ action: 'tu_choi', fromState: 'da_duyet', toState: 'tu_choi', date: ago(6), number: '80-QĐ/ĐU' });
    expect(t.steps.at(-1)!.note).toMatch(/^Tự động từ chối do sắp xếp tổ chức: chi bộ nơi đến đã giải thể\. Giải thể theo Quyết định số 80-QĐ\/ĐU/);
    expect(await db().selectFrom('person').select('org_id').where('id', '=', m.id).executeTakeFirstOrThrow()).toEqual({ org_id: p.cellA1 });
    await propose(userA, { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(1) });
  });

  it('moves the upper approval to the province when the district committee is dissolved (1 July 2025)', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    let t = await propose(userA, { kind: 'noi_bo', personId: m.id, toOrgId: p.cellB2, date: ago(5) });
    t = (await act(userA, t, 'duyet', ago(4))).json();
    expect(t).toMatchObject({ state: 'da_duyet', upper: { id: p.district } });

    for (const commune of [p.communeA, p.communeB])
      await restructure({ op: 'chuyen_giao', ...decision(ago(3), '1250-QĐ/TU'), orgId: commune, newParentId: p.province, kind: 'dang_uy_xa' });
    expect((await get(userA, t.id)).upper).toMatchObject({ id: p.district });
    const { preview } = await restructure({ op: 'giai_the', ...decision(ago(3), '1251-QĐ/TU'), orgId: p.district });
    // This one, and the one proposed inside commune A above: it names the district too, though it needs no upper approval.
    expect(preview.transfers).toEqual({ rerouted: 2, refused: 0 });

    t = await get(p.admin, t.id);
    expect(t).toMatchObject({ state: 'da_duyet', needsUpper: true, upper: { id: p.province }, base: { id: p.communeA }, next: { action: 'duyet_cap_tren', actorOrg: { id: p.province } } });
    expect(t.steps.at(-1)!.note).toContain('cấp ủy cấp trên duyệt Đảng bộ huyện Núi Cao → Đảng bộ tỉnh Thử Nghiệm');
    const upper = await act(p.admin, t, 'duyet_cap_tren', ago(2), { number: '9-GGT/TU' });
    expect(upper.statusCode, upper.body).toBe(200);
    expect(upper.json()).toMatchObject({ state: 'cho_tiep_nhan', letterIssuer: 'Đảng bộ tỉnh Thử Nghiệm' });
  });

  it('answers 409 to the second apply of one preview, writing nothing', async () => {
    const op = { op: 'doi_ten', ...decision(ago(1), '90-QĐ/ĐU'), orgId: p.cellA2, name: 'Chi bộ bản Pa Tần Mới' };
    const preview = (await p.admin.call('QUERY', '/api/v1/restructure/preview', op)).json() as RestructureEffects;
    const first = await p.admin.call('POST', '/api/v1/restructure/apply', { ...op, basis: preview.basis });
    expect(first.statusCode, first.body).toBe(201);
    const before = await dump(db());
    const second = await p.admin.call('POST', '/api/v1/restructure/apply', { ...op, basis: preview.basis });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'ORG_CHANGED', field: 'basis' });
    expect(second.json().error.message).toMatch(/^Tổ chức: đã có người thay đổi tổ chức này/);
    expect(await dump(db())).toEqual(before);
  });

  it('lets only one of two concurrent applies of the same preview through', async () => {
    const op = { op: 'doi_ten', ...decision(ago(1), '91-QĐ/ĐU'), orgId: p.cellA1 };
    const preview = (await p.admin.call('QUERY', '/api/v1/restructure/preview', { ...op, name: 'Chi bộ bản Nậm Cười A' })).json() as RestructureEffects;
    const [a, b] = await Promise.all(
      ['Chi bộ bản Nậm Cười A', 'Chi bộ bản Nậm Cười B'].map((name) => p.admin.call('POST', '/api/v1/restructure/apply', { ...op, name, basis: preview.basis })),
    );
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    const open = await db().selectFrom('organization_version').select('name').where('org_id', '=', p.cellA1).where('valid_to', 'is', null).execute();
    expect(open).toHaveLength(1);
    expect(await db().selectFrom('org_event').select('id').where('decision_no', '=', '91-QĐ/ĐU').execute()).toHaveLength(1);
  });

  it('records the purpose of a temporary transfer and refuses it on a permanent one', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const before = await dump(db());
    const permanent = await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(1), purpose: 'cong_tac' });
    expect(permanent.statusCode).toBe(400);
    expect(permanent.json().error).toMatchObject({ field: 'purpose' });
    expect(permanent.json().error.message).toMatch(/^Mục đích: .*tạm thời/);
    expect(await dump(db())).toEqual(before);
    const t = await propose(userA, { kind: 'tam_thoi', personId: m.id, outsideOrgName: 'Đảng bộ Trường Đại học Sư phạm Hà Nội', expectedEnd: addDaysIso(today, 300), purpose: 'cong_tac', date: ago(1) });
    expect(t).toMatchObject({ kind: 'tam_thoi', purpose: 'cong_tac' });
    expect((await db().selectFrom('transfer').select('purpose').where('id', '=', t.id).executeTakeFirstOrThrow()).purpose).toBe('cong_tac');
    const listed = (await userA.call('GET', `/api/v1/transfers?personId=${m.id}`)).json() as { items: { id: string; purpose: string | null }[] };
    expect(listed.items.find((i) => i.id === t.id)?.purpose).toBe('cong_tac');
  });
});
