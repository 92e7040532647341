import { addMonths, todayIso } from '@dangvu/common';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, type Session } from '../../test/factories.js';

type Ev = { kind: string; effectiveDate: string; orgId?: string; decisionNo?: string; issuer?: string; note?: string };
interface Detail {
  id: string;
  version: number;
  standing: string | null;
  activity: string | null;
  orgId: string;
  admittedOn: string | null;
  officialOn: string | null;
}

/** What a refused event must leave as it was: the person row, the ledger, the episodes and the audit trail. */
async function footprint(db: Kysely<Database>, personId: string) {
  return {
    person: await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst(),
    events: await db.selectFrom('member_event').selectAll().where('person_id', '=', personId).orderBy('seq').execute(),
    episodes: await db.selectFrom('membership_episode').selectAll().where('person_id', '=', personId).orderBy('id').execute(),
    audit: Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

describeEngines('member status changes over the API: every allowed and refused transition', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let s: Session;
  let ubkt: Session;

  const record = async (id: string, e: Ev) => {
    const cur = (await s.call('GET', `/api/v1/members/${id}`)).json() as Detail;
    return s.call('POST', `/api/v1/members/${id}/events`, { decisionNo: '12-QĐ/ĐU', issuer: 'Đảng ủy xã', ...e, version: cur.version });
  };
  /** A full member of cell A1 since 2011 with the given events already recorded. */
  const memberAfter = async (events: Ev[], over: Record<string, unknown> = {}) => {
    const m = await buildMember(s, p.cellA1, over);
    for (const e of events) {
      const r = await record(m.id, e);
      expect(r.statusCode, `${e.kind}: ${r.body}`).toBe(201);
    }
    return m.id;
  };
  const allowed = async (id: string, e: Ev, expected: Partial<Detail>) => {
    const before = await footprint(env().db.kysely, id);
    const r = await record(id, e);
    expect(r.statusCode, `${e.kind}: ${r.body}`).toBe(201);
    expect(r.json()).toMatchObject(expected);
    const after = await footprint(env().db.kysely, id);
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.audit).toBe(before.audit + 1);
    expect(after.person!.version).toBe(before.person!.version + 1);
  };
  const refused = async (id: string, e: Ev, field: string, message: RegExp) => {
    const before = await footprint(env().db.kysely, id);
    const r = await record(id, e);
    expect(r.statusCode, `${e.kind}: ${r.body}`).toBe(422);
    expect(r.json().error.field).toBe(field);
    expect(r.json().error.message).toMatch(message);
    expect(await footprint(env().db.kysely, id)).toEqual(before);
  };

  /** Khai trừ is a discipline decision of the inspection commission; the ledger event is its effect. */
  const expel = (personId: string, effectiveDate: string, decisionNo = '31-QĐ/UBKT') =>
    ubkt.call('POST', '/api/v1/discipline', { personId, form: 'khai_tru', decisionNo, decisionDate: effectiveDate, issuer: 'Ủy ban Kiểm tra Huyện ủy', effectiveDate, reason: 'Vi phạm nghiêm trọng' });
  const expelRefused = async (id: string, effectiveDate: string, message: RegExp) => {
    const before = await footprint(env().db.kysely, id);
    const r = await expel(id, effectiveDate);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.field).toBe('form');
    expect(r.json().error.message).toMatch(message);
    expect(await footprint(env().db.kysely, id)).toEqual(before);
  };

  it('sets up a province', async () => {
    p = await buildProvince(env());
    s = p.admin;
    ubkt = await buildUser(env(), 'uy_ban_kiem_tra', [p.province]);
  });

  it('exempts a member and ends the exemption', async () => {
    const id = await memberAfter([]);
    await allowed(id, { kind: 'mien_sinh_hoat', effectiveDate: '2023-01-10', note: 'Tuổi cao, sức yếu' }, { standing: 'dang_sinh_hoat', activity: 'mien_sinh_hoat' });
    await refused(id, { kind: 'di_lam_an_xa', effectiveDate: '2023-02-01' }, 'kind', /không ở trạng thái sinh hoạt bình thường/);
    await refused(id, { kind: 'mien_sinh_hoat', effectiveDate: '2023-02-01' }, 'kind', /không ở trạng thái sinh hoạt bình thường/);
    await allowed(id, { kind: 'het_mien_sinh_hoat', effectiveDate: '2024-01-10' }, { activity: 'binh_thuong' });
    await refused(id, { kind: 'het_mien_sinh_hoat', effectiveDate: '2024-02-01' }, 'kind', /không được miễn sinh hoạt/);
  });

  it('records working away and the return', async () => {
    const id = await memberAfter([]);
    await refused(id, { kind: 'tro_ve_sinh_hoat', effectiveDate: '2023-01-01' }, 'kind', /không đi làm ăn xa/);
    await allowed(id, { kind: 'di_lam_an_xa', effectiveDate: '2023-03-01' }, { activity: 'lam_an_xa' });
    await refused(id, { kind: 'tam_chuyen_di', effectiveDate: '2023-04-01', orgId: p.cellB1 }, 'kind', /đi làm ăn xa/);
    await allowed(id, { kind: 'tro_ve_sinh_hoat', effectiveDate: '2024-03-01' }, { activity: 'binh_thuong' });
  });

  it('records a temporary transfer and its end, keeping the home cell', async () => {
    const id = await memberAfter([]);
    await refused(id, { kind: 'tam_chuyen_ve', effectiveDate: '2023-01-01' }, 'kind', /không sinh hoạt tạm thời/);
    await allowed(id, { kind: 'tam_chuyen_di', effectiveDate: '2023-03-01', orgId: p.cellB1 }, { activity: 'tam_chuyen_di', orgId: p.cellA1 });
    await allowed(id, { kind: 'tam_chuyen_ve', effectiveDate: '2023-09-01' }, { activity: 'binh_thuong', orgId: p.cellA1 });
  });

  it('moves a member to another cell, but not to the same one nor without a cell', async () => {
    const id = await memberAfter([]);
    await refused(id, { kind: 'chuyen_noi_bo', effectiveDate: '2023-01-01', orgId: p.cellA1 }, 'kind', /trùng chi bộ hiện tại/);
    await refused(id, { kind: 'chuyen_noi_bo', effectiveDate: '2023-01-01' }, 'orgId', /cần chỉ rõ chi bộ/);
    await allowed(id, { kind: 'chuyen_noi_bo', effectiveDate: '2023-01-01', orgId: p.cellB2 }, { orgId: p.cellB2 });
  });

  it('strikes off and restores; expels and restores', async () => {
    const struck = await memberAfter([]);
    await allowed(struck, { kind: 'xoa_ten', effectiveDate: '2022-05-01' }, { standing: 'xoa_ten', activity: null });
    await refused(struck, { kind: 'mien_sinh_hoat', effectiveDate: '2022-06-01' }, 'kind', /đang sinh hoạt/);
    await refused(struck, { kind: 'phuc_hoi', effectiveDate: '2023-05-01' }, 'orgId', /cần chỉ rõ chi bộ/);
    await allowed(struck, { kind: 'phuc_hoi', effectiveDate: '2023-05-01', orgId: p.cellA2 }, { standing: 'dang_sinh_hoat', orgId: p.cellA2, admittedOn: '2023-05-01', officialOn: null });

    const expelled = await memberAfter([]);
    // Not as a plain status change: the field is named and the way to do it given.
    await refused(expelled, { kind: 'khai_tru', effectiveDate: '2022-05-01' }, 'kind', /quyết định kỷ luật/);
    const before = await footprint(env().db.kysely, expelled);
    const decided = await expel(expelled, '2022-05-01');
    expect(decided.statusCode, decided.body).toBe(201);
    const after = await footprint(env().db.kysely, expelled);
    expect(after.events).toHaveLength(before.events.length + 1);
    expect(after.events.at(-1)).toMatchObject({ kind: 'khai_tru', effective_date: '2022-05-01', decision_no: '31-QĐ/UBKT' });
    expect(JSON.parse(after.events.at(-1)!.data!)).toMatchObject({ disciplineId: (decided.json() as { id: string }).id });
    expect(after.person).toMatchObject({ standing: 'khai_tru', activity: null });
    expect(after.episodes.every((e) => e.valid_to !== null && e.valid_to <= '2022-05-01')).toBe(true);
    expect(after.audit).toBe(before.audit + 1);
    // A second expulsion: the ledger's refusal through the decision, the workflow's refusal here.
    await expelRefused(expelled, '2022-06-01', /đang sinh hoạt/);
    await refused(expelled, { kind: 'khai_tru', effectiveDate: '2022-06-01' }, 'kind', /quyết định kỷ luật/);
    await allowed(expelled, { kind: 'phuc_hoi', effectiveDate: '2024-05-01', orgId: p.cellA1 }, { standing: 'dang_sinh_hoat' });
  });

  it('records a death, after which nothing else can be recorded', async () => {
    const id = await memberAfter([]);
    await allowed(id, { kind: 'tu_tran', effectiveDate: '2023-08-08' }, { standing: 'tu_tran', activity: null });
    await refused(id, { kind: 'chuyen_noi_bo', effectiveDate: '2023-09-01', orgId: p.cellB1 }, 'kind', /chỉ áp dụng cho đảng viên đang sinh hoạt/);
    await refused(id, { kind: 'phuc_hoi', effectiveDate: '2023-09-01', orgId: p.cellA1 }, 'kind', /xóa tên hoặc khai trừ/);
    await refused(id, { kind: 'tu_tran', effectiveDate: '2023-09-01' }, 'kind', /đang sinh hoạt/);
    await refused(id, { kind: 'xoa_ten', effectiveDate: '2023-09-01' }, 'kind', /đang sinh hoạt/);
  });

  it('transfers out of the system and back in', async () => {
    const id = await memberAfter([]);
    await refused(id, { kind: 'chuyen_den', effectiveDate: '2022-01-01', orgId: p.cellB1 }, 'kind', /đang sinh hoạt/);
    await allowed(id, { kind: 'chuyen_di', effectiveDate: '2022-02-01' }, { standing: 'da_chuyen_di' });
    await allowed(id, { kind: 'chuyen_den', effectiveDate: '2024-02-01', orgId: p.cellB1 }, { standing: 'dang_sinh_hoat', orgId: p.cellB1, admittedOn: '2010-05-19' });
  });

  it('recognizes full membership only after 12 months of probation', async () => {
    const admitted = addMonths(todayIso(), -13);
    const early = addMonths(admitted, 11);
    const id = await memberAfter([], { admittedOn: admitted, officialOn: null });
    await refused(id, { kind: 'cong_nhan_chinh_thuc', effectiveDate: early }, 'effectiveDate', /ít nhất 12 tháng/);
    await allowed(id, { kind: 'cong_nhan_chinh_thuc', effectiveDate: addMonths(admitted, 12) }, { officialOn: addMonths(admitted, 12) });
    await refused(id, { kind: 'cong_nhan_chinh_thuc', effectiveDate: todayIso() }, 'kind', /đã là chính thức/);
    await refused(id, { kind: 'khong_cong_nhan', effectiveDate: todayIso() }, 'kind', /đã là chính thức/);

    const notRecognized = await memberAfter([], { admittedOn: admitted, officialOn: null });
    await allowed(notRecognized, { kind: 'khong_cong_nhan', effectiveDate: addMonths(admitted, 12) }, { standing: 'khong_cong_nhan' });
  });

  it('refuses to expel, exempt or readmit someone who is not a member, and to admit a member twice', async () => {
    const res = await s.call('POST', '/api/v1/people', { fullName: 'Thào A Dình', sex: 'nam', birthDate: '1990-01-01', ethnicity: '08', orgId: p.cellA1 });
    expect(res.statusCode, res.body).toBe(201);
    const person = (res.json() as { id: string }).id;
    await refused(person, { kind: 'khai_tru', effectiveDate: '2023-01-01' }, 'kind', /quyết định kỷ luật/);
    await expelRefused(person, '2023-01-01', /chỉ áp dụng cho đảng viên đang sinh hoạt/);
    await refused(person, { kind: 'mien_sinh_hoat', effectiveDate: '2023-01-01' }, 'kind', /đang sinh hoạt/);
    await refused(person, { kind: 'phuc_hoi', effectiveDate: '2023-01-01', orgId: p.cellA1 }, 'kind', /xóa tên hoặc khai trừ/);
    const member = await memberAfter([]);
    await refused(member, { kind: 'ket_nap', effectiveDate: '2023-01-01', orgId: p.cellA1 }, 'kind', /Phục hồi, kết nạp lại/);
  });

  it('refuses an event dated before the last one, and a stale version with 409', async () => {
    const id = await memberAfter([{ kind: 'di_lam_an_xa', effectiveDate: '2024-01-01' }]);
    // There is no correction event: the message says what can be done instead.
    await refused(id, { kind: 'tro_ve_sinh_hoat', effectiveDate: '2023-01-01' }, 'effectiveDate', /trước sự kiện gần nhất.*không sửa hay xóa.*ghi tiếp biến động/);
    const cur = (await s.call('GET', `/api/v1/members/${id}`)).json() as Detail;
    const first = await s.call('POST', `/api/v1/members/${id}/events`, { kind: 'tro_ve_sinh_hoat', effectiveDate: '2024-06-01', version: cur.version });
    expect(first.statusCode, first.body).toBe(201);
    const before = await footprint(env().db.kysely, id);
    const stale = await s.call('POST', `/api/v1/members/${id}/events`, { kind: 'mien_sinh_hoat', effectiveDate: '2024-07-01', version: cur.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect(await footprint(env().db.kysely, id)).toEqual(before);
  });

  it("keeps a commune user away from another commune's members: 404, nothing written", async () => {
    const communeCell = await buildOrganization(s, { name: 'Chi bộ bản Riêng', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: '2005-01-01' });
    const officer = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    const id = await memberAfter([]);
    const before = await footprint(env().db.kysely, id);
    const cur = (await s.call('GET', `/api/v1/members/${id}`)).json() as Detail;
    const r = await officer.call('POST', `/api/v1/members/${id}/events`, { kind: 'di_lam_an_xa', effectiveDate: '2024-01-01', version: cur.version });
    expect(r.statusCode).toBe(404);
    expect(await footprint(env().db.kysely, id)).toEqual(before);
    // Their own members they may change.
    const own = await buildMember(s, communeCell);
    const ok = await officer.call('POST', `/api/v1/members/${own.id}/events`, { kind: 'di_lam_an_xa', effectiveDate: '2024-01-01', version: own.version });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
