import { addDaysIso, todayIso, type TransferDetailOut } from '@dangvu/common';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, buildUser, memberInput, type Session } from '../../test/factories.js';

const today = todayIso();
const ago = (n: number) => addDaysIso(today, -n);
type List = { total: number; items: { id: string; state: string; overdue: boolean }[] };

describeEngines('transfers: proposal, approval chain, receipt and the ledger', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let userA: Session;
  let userB: Session;
  let district: Session;
  let cellOnly: Session;
  const db = () => env().db.kysely;
  const count = async (table: 'transfer' | 'transfer_step' | 'member_event' | 'audit_log' | 'person') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => ({
    transfer: await count('transfer'),
    step: await count('transfer_step'),
    events: await count('member_event'),
    audit: await count('audit_log'),
    person: await count('person'),
  });
  const get = async (s: Session, id: string) => (await s.call('GET', `/api/v1/transfers/${id}`)).json() as TransferDetailOut;
  const act = (s: Session, t: { id: string; version: number }, action: string, date: string, extra: Record<string, unknown> = {}) =>
    s.call('POST', `/api/v1/transfers/${t.id}/steps`, { action, version: t.version, date, ...extra });
  const inCell = async (s: Session, cell: string, asOf: string) =>
    ((await s.call('GET', `/api/v1/members?org=${cell}&asOf=${asOf}&pageSize=200`)).json() as { items: { id: string }[] }).items.map((i) => i.id);

  it('sets up a province with a user per commune', async () => {
    p = await buildProvince(env());
    userA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    userB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    district = await buildUser(env(), 'can_bo_to_chuc', [p.district]);
    cellOnly = await buildUser(env(), 'bi_thu', [p.cellA2]);
  });

  it('moves a member between communes only when the receiving cell confirms', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null, cardNo: '01234567' });
    const proposed = await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellB1, date: ago(20), reason: 'Chuyển nơi cư trú' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    let t = proposed.json() as TransferDetailOut;
    expect(t).toMatchObject({ state: 'de_xuat', needsUpper: true, chain: ['de_xuat', 'duyet', 'duyet_cap_tren', 'tiep_nhan'] });
    expect(t.next).toMatchObject({ action: 'duyet', allowed: true, actorOrg: { id: p.communeA } });

    // The receiving commune sees it (incoming) but cannot approve for the sender; a cell outside both ends does not see it at all.
    const bView = await get(userB, t.id);
    expect(bView.next).toMatchObject({ action: 'duyet', allowed: false });
    const byB = await act(userB, t, 'duyet', ago(15));
    expect(byB.statusCode).toBe(403);
    expect(byB.json().error.message).toMatch(/Đảng bộ xã Pa Tần/);
    expect((await cellOnly.call('GET', `/api/v1/transfers/${t.id}`)).statusCode).toBe(404);
    expect((await act(cellOnly, t, 'duyet', ago(15))).statusCode).toBe(404);

    const approved = await act(userA, t, 'duyet', ago(15), { number: '12-QĐ/ĐU' });
    expect(approved.statusCode, approved.body).toBe(200);
    t = approved.json();
    expect(t).toMatchObject({ state: 'da_duyet', letterNo: null });
    expect((await act(userA, t, 'duyet_cap_tren', ago(12), { number: '45-GGT/HU' })).statusCode).toBe(403);

    const before = await snapshot();
    const noNumber = await act(district, t, 'duyet_cap_tren', ago(12));
    expect(noNumber.statusCode).toBe(422);
    expect(noNumber.json().error).toMatchObject({ code: 'LETTER_NO_REQUIRED', field: 'number' });
    expect(await snapshot()).toEqual(before);

    t = (await act(district, t, 'duyet_cap_tren', ago(12), { number: '45-GGT/HU' })).json();
    expect(t).toMatchObject({ state: 'cho_tiep_nhan', letterNo: '45-GGT/HU', letterDate: ago(12), receiveBy: addDaysIso(ago(12), 30), overdue: false });
    // Still in the sending cell: the letter alone moves nobody.
    expect((await db().selectFrom('person').select('org_id').where('id', '=', m.id).executeTakeFirstOrThrow()).org_id).toBe(p.cellA1);
    expect((await act(userA, t, 'tiep_nhan', ago(5))).statusCode).toBe(403);
    const incoming = (await userB.call('GET', '/api/v1/transfers?box=incoming')).json() as List;
    expect(incoming.items.map((i) => i.id)).toContain(t.id);

    const received = await act(userB, t, 'tiep_nhan', ago(5), { number: '03-TN/CB' });
    expect(received.statusCode, received.body).toBe(200);
    t = received.json();
    expect(t).toMatchObject({ state: 'da_tiep_nhan', completedOn: ago(5), next: null });
    expect(t.steps.map((s) => [s.action, s.username])).toEqual([
      ['de_xuat', userA.username],
      ['duyet', userA.username],
      ['duyet_cap_tren', district.username],
      ['tiep_nhan', userB.username],
    ]);

    expect(await inCell(p.admin, p.cellA1, ago(6))).toContain(m.id);
    expect(await inCell(p.admin, p.cellB1, ago(6))).not.toContain(m.id);
    expect(await inCell(p.admin, p.cellA1, ago(5))).not.toContain(m.id);
    expect(await inCell(p.admin, p.cellB1, ago(5))).toContain(m.id);
    const eps = await db().selectFrom('membership_episode').selectAll().where('person_id', '=', m.id).where('kind', '=', 'primary').orderBy('valid_from').execute();
    expect(eps.map((e) => [e.org_id, e.valid_from, e.valid_to])).toEqual([
      [p.cellA1, '2010-05-19', ago(5)],
      [p.cellB1, ago(5), null],
    ]);
    const ev = await db().selectFrom('member_event').selectAll().where('person_id', '=', m.id).where('kind', '=', 'chuyen_noi_bo').executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ org_id: p.cellB1, effective_date: ago(5), decision_no: '45-GGT/HU' });

    // One audit row per step, anchored where the step was taken.
    const audits = await db().selectFrom('audit_log').select(['action', 'path', 'user_id']).where('entity', '=', 'transfer').where('entity_id', '=', t.id).orderBy('at').execute();
    expect(audits.map((a) => a.action)).toEqual(['transfer:de_xuat', 'transfer:duyet', 'transfer:duyet_cap_tren', 'transfer:tiep_nhan']);
    expect(audits[3]!.path).toContain(p.cellB1);
    expect(audits[2]!.path).toContain(p.district);
    expect(audits[2]!.path).not.toContain(p.communeA);

    // The sending commune still sees its outgoing transfer, though no longer the member.
    const outgoing = (await userA.call('GET', '/api/v1/transfers?box=outgoing')).json() as List;
    expect(outgoing.items.map((i) => i.id)).toContain(t.id);
    expect((await userA.call('GET', `/api/v1/members/${m.id}`)).statusCode).toBe(404);
  });

  it('issues the letter at base approval inside one commune, and prints it as .docx', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null, fullName: 'Lò Văn Thư', cardNo: '76543210' });
    let t = (await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(3) })).json() as TransferDetailOut;
    expect(t.needsUpper).toBe(false);
    expect((await userA.call('GET', `/api/v1/transfers/${t.id}/letter.docx`)).statusCode).toBe(422);
    t = (await act(userA, t, 'duyet', ago(2), { number: '07-GGT/ĐU' })).json();
    expect(t).toMatchObject({ state: 'cho_tiep_nhan', letterAvailable: true, letterIssuer: 'Đảng bộ xã Pa Tần' });

    const res = await userA.call('GET', `/api/v1/transfers/${t.id}/letter.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Giấy giới thiệu sinh hoạt đảng - Lò Văn Thư')}`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const text of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG', 'Lò Văn Thư', 'Số: 07-GGT/ĐU', '76543210', 'Chi bộ bản Pa Tần', 'Chi bộ bản Nậm Cười', '19/05/2010'])
      expect(xml, text).toContain(text);
    expect(xml).not.toContain('Mục đích');
    const [y, mo, d] = ago(2).split('-');
    expect(xml).toContain(`gày ${d} tháng ${Number(mo)} năm ${y}`);

    t = (await act(cellOnly, t, 'tiep_nhan', ago(1))).json();
    expect(t.state).toBe('da_tiep_nhan');
    expect(await inCell(p.admin, p.cellA2, today)).toContain(m.id);
  });

  it('transfers out of the system at the final approval, writing chuyen_di', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    let t = (await userA.call('POST', '/api/v1/transfers', { kind: 'ra_ngoai', personId: m.id, outsideOrgName: 'Đảng bộ phường Bến Thành, TP Hồ Chí Minh', date: ago(10) })).json() as TransferDetailOut;
    expect(t).toMatchObject({ needsUpper: true, toInSystem: false, chain: ['de_xuat', 'duyet', 'duyet_cap_tren'] });
    t = (await act(userA, t, 'duyet', ago(9))).json();
    expect((await db().selectFrom('person').select('standing').where('id', '=', m.id).executeTakeFirstOrThrow()).standing).toBe('dang_sinh_hoat');
    t = (await act(district, t, 'duyet_cap_tren', ago(8), { number: '88-GGT/HU' })).json();
    expect(t).toMatchObject({ state: 'da_chuyen_di', completedOn: ago(8) });
    expect((await db().selectFrom('person').select('standing').where('id', '=', m.id).executeTakeFirstOrThrow()).standing).toBe('da_chuyen_di');
    const docx = await district.call('GET', `/api/v1/transfers/${t.id}/letter.docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Đảng bộ phường Bến Thành, TP Hồ Chí Minh');
  });

  it('receives a member from outside: a new person, the letter dates, chuyen_den on receipt', async () => {
    const person = { ...memberInput(p.cellB1, { cccd: null, fullName: 'Quàng Thị Nguyệt', sex: 'nu', birthDate: '1990-02-02' }) } as Record<string, unknown>;
    for (const k of ['orgId', 'admittedOn', 'admissionDecisionNo', 'admissionIssuer', 'officialOn']) delete person[k];
    const body = { kind: 'den', person, toOrgId: p.cellB1, outsideOrgName: 'Đảng bộ xã Tân Lập, tỉnh Sơn La', letterNo: '19-GGT/ĐU', letterDate: ago(8), date: ago(6), admittedOn: '2015-03-03', officialOn: '2016-03-03' };
    expect((await userA.call('POST', '/api/v1/transfers', body)).statusCode).toBe(422);
    const res = await userB.call('POST', '/api/v1/transfers', body);
    expect(res.statusCode, res.body).toBe(201);
    let t = res.json() as TransferDetailOut;
    expect(t).toMatchObject({ state: 'cho_tiep_nhan', chain: ['de_xuat', 'tiep_nhan'], letterAvailable: false, person: { admittedOn: '2015-03-03' } });
    t = (await act(userB, t, 'tiep_nhan', ago(4))).json();
    expect(t.state).toBe('da_tiep_nhan');
    const row = await db().selectFrom('person').selectAll().where('id', '=', t.personId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ standing: 'dang_sinh_hoat', admitted_on: '2015-03-03', official_on: '2016-03-03', org_id: p.cellB1 });
    expect(await inCell(p.admin, p.cellB1, ago(5))).not.toContain(t.personId);
    expect(await inCell(p.admin, p.cellB1, ago(4))).toContain(t.personId);
  });

  it('runs a temporary transfer: secondary episode on receipt, home cell kept, return ends it', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const body = { kind: 'tam_thoi', personId: m.id, toOrgId: p.cellB2, expectedEnd: addDaysIso(today, 90), date: ago(30), reason: 'Đi học' };
    // The purpose is required for a temporary transfer, and named when missing; nothing is written.
    const before = await snapshot();
    const noPurpose = await userA.call('POST', '/api/v1/transfers', body);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error).toMatchObject({ field: 'purpose' });
    expect(noPurpose.json().error.message).toMatch(/^Mục đích: /);
    expect(await snapshot()).toEqual(before);
    let t = (await userA.call('POST', '/api/v1/transfers', { ...body, purpose: 'hoc_tap' })).json() as TransferDetailOut;
    expect(t.chain).toEqual(['de_xuat', 'duyet', 'duyet_cap_tren', 'tiep_nhan', 'tro_ve']);
    expect(t.purpose).toBe('hoc_tap');
    t = (await act(userA, t, 'duyet', ago(29))).json();
    t = (await act(p.admin, t, 'duyet_cap_tren', ago(28), { number: '5-GGT/HU' })).json();
    // The letter says it is temporary, why, and until when.
    const docx = await userA.call('GET', `/api/v1/transfers/${t.id}/letter.docx`);
    const letter = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const text of ['(tạm thời)', 'Mục đích: ', 'Đi học tập', 'Thời gian sinh hoạt tạm thời đến ngày: ']) expect(letter, text).toContain(text);
    t = (await act(userB, t, 'tiep_nhan', ago(27))).json();
    expect(t.state).toBe('dang_tam_thoi');
    let row = await db().selectFrom('person').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_id: p.cellA1, activity: 'tam_chuyen_di' });
    const second = await db().selectFrom('membership_episode').selectAll().where('person_id', '=', m.id).where('kind', '=', 'secondary').executeTakeFirstOrThrow();
    expect(second).toMatchObject({ org_id: p.cellB2, valid_from: ago(27), valid_to: null });
    // While away, no other transfer may start.
    const again = await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(1) });
    expect(again.statusCode).toBe(422);
    expect((await act(userB, t, 'tro_ve', ago(1))).statusCode).toBe(403);
    t = (await act(userA, t, 'tro_ve', ago(1))).json();
    expect(t).toMatchObject({ state: 'da_tro_ve', completedOn: ago(1) });
    row = await db().selectFrom('person').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.activity).toBe('binh_thuong');
  });

  it('refuses what the chain does not allow, with a clear message, writing nothing', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const t = (await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellB1, date: ago(5) })).json() as TransferDetailOut;
    const before = await snapshot();
    const cases: [Session, string, string, Record<string, unknown>, number, string][] = [
      [userB, 'tiep_nhan', ago(1), {}, 422, 'action'],
      [district, 'duyet_cap_tren', ago(1), { number: '1' }, 422, 'action'],
      [userA, 'tro_ve', ago(1), {}, 422, 'action'],
      [userA, 'duyet', addDaysIso(today, 1), {}, 422, 'date'],
      [userA, 'duyet', ago(6), {}, 422, 'date'],
    ];
    for (const [s, action, date, extra, status, field] of cases) {
      const res = await act(s, t, action, date, extra);
      expect(res.statusCode, `${action} ${res.body}`).toBe(status);
      expect(res.json().error.field, action).toBe(field);
      expect(res.json().error.message).toMatch(/Không|không/);
    }
    const refuseNoReason = await act(userA, t, 'tu_choi', ago(1));
    expect(refuseNoReason.json().error.field).toBe('reason');
    const second = await userA.call('POST', '/api/v1/transfers', { kind: 'ra_ngoai', personId: m.id, outsideOrgName: 'Nơi khác', date: ago(1) });
    expect(second.statusCode).toBe(422);
    expect(second.json().error).toMatchObject({ code: 'TRANSFER_ALREADY_OPEN', field: 'personId' });
    expect(await snapshot()).toEqual(before);

    const refused = (await act(userA, t, 'tu_choi', ago(1), { reason: 'Hồ sơ chưa đủ' })).json() as TransferDetailOut;
    expect(refused).toMatchObject({ state: 'tu_choi', next: null });
    expect(refused.steps.at(-1)).toMatchObject({ action: 'tu_choi', note: 'Hồ sơ chưa đủ' });
    expect((await act(userA, refused, 'duyet', ago(1))).statusCode).toBe(422);
    // Once refused, a new proposal may start.
    expect((await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(1) })).statusCode).toBe(201);
  });

  it('refuses transfers of members who are not active', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    await p.admin.call('POST', `/api/v1/members/${m.id}/events`, { version: m.version, kind: 'tu_tran', effectiveDate: ago(40) });
    const before = await snapshot();
    const res = await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(1) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'MEMBER_NOT_TRANSFERABLE', field: 'personId' });
    expect(res.json().error.message).toMatch(/đang sinh hoạt/);
    expect(await snapshot()).toEqual(before);
    const other = await buildMember(p.admin, p.cellB1, { cccd: null });
    expect((await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: other.id, toOrgId: p.cellA2, date: ago(1) })).json().error.field).toBe('personId');
    expect((await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.communeB, date: ago(1) })).statusCode).toBe(422);
  });

  it('answers 409 to the second of two concurrent actions on the same transfer', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const t = (await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId: m.id, toOrgId: p.cellA2, date: ago(2) })).json() as TransferDetailOut;
    const [a, b] = await Promise.all([act(userA, t, 'duyet', ago(1), { number: 'A-1' }), act(p.admin, t, 'tu_choi', ago(1), { reason: 'Không đồng ý' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((b.statusCode === 409 ? b : a).json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect((await get(userA, t.id)).steps).toHaveLength(2);
  });

  it('derives and lists overdue transfers from the receipt deadline', async () => {
    const late = await buildMember(p.admin, p.cellA1, { cccd: null });
    const fresh = await buildMember(p.admin, p.cellA1, { cccd: null });
    const start = async (personId: string, issued: string) => {
      const t = (await userA.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId, toOrgId: p.cellA2, date: issued })).json() as TransferDetailOut;
      return (await act(userA, t, 'duyet', issued, { number: `GGT-${issued}` })).json() as TransferDetailOut;
    };
    const lateT = await start(late.id, ago(31));
    const freshT = await start(fresh.id, ago(30));
    expect(lateT.overdue).toBe(true);
    expect(freshT.overdue).toBe(false);
    const overdue = (await userA.call('GET', '/api/v1/transfers?box=overdue')).json() as List;
    expect(overdue.items.map((i) => i.id)).toContain(lateT.id);
    expect(overdue.items.map((i) => i.id)).not.toContain(freshT.id);
    expect(overdue.items.every((i) => i.overdue && i.state === 'cho_tiep_nhan')).toBe(true);
    expect(((await userB.call('GET', '/api/v1/transfers?box=overdue')).json() as List).items.map((i) => i.id)).not.toContain(lateT.id);
    const byState = (await p.admin.call('GET', '/api/v1/transfers?state=tu_choi')).json() as List;
    expect(byState.total).toBeGreaterThan(0);
    expect(byState.items.every((i) => i.state === 'tu_choi')).toBe(true);
  });

  it('finds destination cells across the whole system for the proposal form', async () => {
    const res = (await userA.call('GET', `/api/v1/transfers/destinations?q=${encodeURIComponent('huổi luông')}`)).json() as { items: { id: string }[] };
    expect(res.items.map((i) => i.id)).toEqual(expect.arrayContaining([p.cellB1, p.cellB2]));
    expect((await cellOnly.call('GET', '/api/v1/transfers?box=all')).statusCode).toBe(200);
  });
});
