import type { InspectionCaseDetailOut, InspectionCountsOut } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, buildUser, type Session } from '../../test/factories.js';

const TABLES = ['inspection_plan', 'inspection_case', 'inspection_requirement', 'discipline', 'discipline_amendment', 'member_event', 'membership_episode', 'party_post', 'person', 'audit_log'] as const;
const ISSUER = 'Ủy ban Kiểm tra Đảng ủy xã Pa Tần';

describeEngines('inspections: cases, requirements, discipline and who sees what', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let ubktA: Session;
  let ubktB: Session;
  const db = () => env().db.kysely as unknown as import('kysely').Kysely<Record<string, { id: string }>>;
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const caseIn = (over: Record<string, unknown> = {}) => ({
    activity: 'kiem_tra',
    bodyKind: 'ubkt',
    bodyOrgId: p.communeA,
    subjectType: 'to_chuc',
    subjectOrgId: p.cellA1,
    kind: 'theo_ke_hoach',
    decisionNo: '05-QĐ/UBKT',
    decisionDate: '2024-02-01',
    content: 'Kiểm tra việc thực hiện quy chế làm việc',
    ...over,
  });
  const step = (s: Session, c: { id: string; version: number }, action: string, date: string, extra: Record<string, unknown> = {}) =>
    s.call('POST', `/api/v1/inspections/cases/${c.id}/steps`, { action, version: c.version, date, ...extra });
  const create = async (s: Session, over: Record<string, unknown> = {}) => {
    const r = await s.call('POST', '/api/v1/inspections/cases', caseIn(over));
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as InspectionCaseDetailOut;
  };
  const disciplineIn = (personId: string, over: Record<string, unknown> = {}) => ({
    personId,
    form: 'khien_trach',
    decisionNo: '11-QĐ/UBKT',
    decisionDate: '2024-04-01',
    issuer: ISSUER,
    effectiveDate: '2024-04-01',
    ...over,
  });
  /** A refusal: 4xx naming the field, and nothing written anywhere. */
  const refused = async (run: () => Promise<{ statusCode: number; body: string; json(): unknown }>, status: number, field: string | null, message?: RegExp) => {
    const before = await snapshot();
    const r = await run();
    expect(r.statusCode, r.body).toBe(status);
    const err = (r.json() as { error: { field?: string; message: string } }).error;
    if (field) expect(err.field, r.body).toBe(field);
    expect(err.message).toMatch(/[ăâđêôơưạảấầẩậắằẳặẹẻếềểệịỉọỏốồổộớờởợụủứừửựỳỷỹ]/i);
    if (message) expect(err.message).toMatch(message);
    expect(await snapshot()).toEqual(before);
  };

  it('sets up a province with an inspection commission user per commune', async () => {
    p = await buildProvince(env());
    ubktA = await buildUser(env(), 'uy_ban_kiem_tra', [p.communeA]);
    ubktB = await buildUser(env(), 'uy_ban_kiem_tra', [p.communeB]);
  });

  it('runs a case from plan to conclusion, refusing every illegal move with nothing written', async () => {
    const plan = await ubktA.call('POST', '/api/v1/inspections/plans', { year: 2024, bodyKind: 'ubkt', bodyOrgId: p.communeA, title: 'Chương trình kiểm tra, giám sát năm 2024', decisionNo: '01-CTr/UBKT', decisionDate: '2024-01-05' });
    expect(plan.statusCode, plan.body).toBe(201);
    let c = await create(ubktA, { planId: plan.json().id });
    expect(c).toMatchObject({ state: 'ke_hoach', actions: ['bat_dau', 'huy'], year: 2024, bodyOrg: { id: p.communeA }, subject: { id: p.cellA1, name: 'Chi bộ bản Nậm Cười' }, plan: { id: plan.json().id } });

    await refused(() => step(ubktA, c, 'ket_luan', '2024-03-01', { conclusion: 'x', violationsFound: true }), 422, 'action', /Đang tiến hành/);
    await refused(() => step(ubktA, c, 'bat_dau', '2024-01-20'), 422, 'date');
    await refused(() => step(ubktA, c, 'bat_dau', '2099-01-01'), 422, 'date');
    await refused(() => step(ubktA, { ...c, version: c.version + 1 }, 'bat_dau', '2024-02-10'), 409, 'version');

    let r = await step(ubktA, c, 'bat_dau', '2024-02-10');
    expect(r.statusCode, r.body).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ state: 'dang_tien_hanh', startDate: '2024-02-10', actions: ['ket_luan'] });
    await refused(() => step(ubktA, c, 'bat_dau', '2024-02-11'), 422, 'action');
    await refused(() => step(ubktA, c, 'huy', '2024-02-11', { reason: 'Đổi kế hoạch' }), 422, 'action');
    await refused(() => step(ubktA, c, 'ket_luan', '2024-03-01', { endDate: '2024-02-01', conclusion: 'x', violationsFound: false }), 422, 'endDate');
    await refused(() => step(ubktA, c, 'ket_luan', '2024-03-01', { endDate: '2024-03-05', conclusion: 'x', violationsFound: false }), 422, 'date');
    await refused(() => ubktA.call('POST', `/api/v1/inspections/cases/${c.id}/requirements`, { version: c.version, content: 'Sớm quá' }), 422, 'content');

    r = await step(ubktA, c, 'ket_luan', '2024-03-15', { endDate: '2024-03-10', conclusion: 'Chi bộ thực hiện chưa đầy đủ quy chế', violationsFound: false });
    expect(r.statusCode, r.body).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ state: 'ket_luan', endDate: '2024-03-10', conclusionDate: '2024-03-15', violationsFound: false, actions: [], mayDiscipline: false });
    for (const a of ['bat_dau', 'ket_luan', 'huy'] as const) await refused(() => step(ubktA, c, a, '2024-03-20', { conclusion: 'x', violationsFound: true, reason: 'x' }), 422, 'action');

    await refused(() => ubktA.call('POST', `/api/v1/inspections/cases/${c.id}/requirements`, { version: c.version, content: 'Bổ sung', deadline: '2024-01-01' }), 422, 'deadline');
    r = await ubktA.call('POST', `/api/v1/inspections/cases/${c.id}/requirements`, { version: c.version, content: 'Bổ sung sổ ghi biên bản sinh hoạt', deadline: '2024-06-30' });
    expect(r.statusCode, r.body).toBe(201);
    c = r.json();
    const req = c.requirements[0]!;
    expect(req).toMatchObject({ content: 'Bổ sung sổ ghi biên bản sinh hoạt', doneOn: null, overdue: true });
    await refused(() => ubktA.call('POST', `/api/v1/inspections/requirements/${req.id}/follow-up`, { version: req.version, doneOn: '2024-03-01', result: 'x' }), 422, 'doneOn');
    r = await ubktA.call('POST', `/api/v1/inspections/requirements/${req.id}/follow-up`, { version: req.version, doneOn: '2024-05-20', result: 'Đã bổ sung' });
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as InspectionCaseDetailOut).requirements[0]).toMatchObject({ doneOn: '2024-05-20', result: 'Đã bổ sung', overdue: false });
    await refused(() => ubktA.call('POST', `/api/v1/inspections/requirements/${req.id}/follow-up`, { version: req.version + 1, doneOn: '2024-05-21', result: 'Sửa' }), 422, 'doneOn');
    await refused(() => ubktA.call('POST', `/api/v1/inspections/requirements/${req.id}/follow-up`, { version: req.version, doneOn: '2024-05-21', result: 'Sửa' }), 409, 'version');

    // One audit row per write, on the case's body.
    const audits = await env().db.kysely.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('at').execute();
    expect(audits.map((a) => a.action)).toEqual(['inspection:tao', 'inspection:bat_dau', 'inspection:ket_luan']);
  });

  it('cancels a planned case, and then allows nothing more', async () => {
    let c = await create(ubktA);
    await refused(() => step(ubktA, c, 'huy', '2024-02-05'), 400, 'reason');
    const r = await step(ubktA, c, 'huy', '2024-02-05', { reason: 'Chi bộ đã được kiểm tra chuyên đề' });
    expect(r.statusCode, r.body).toBe(200);
    c = r.json();
    expect(c).toMatchObject({ state: 'huy', cancelReason: 'Chi bộ đã được kiểm tra chuyên đề', actions: [] });
    await refused(() => step(ubktA, c, 'bat_dau', '2024-02-06'), 422, 'action');
  });

  it('refuses cases a body cannot take up', async () => {
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ activity: 'giam_sat', kind: 'dau_hieu_vi_pham' })), 422, 'kind', /giám sát/);
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyKind: 'chi_bo' })), 422, 'bodyKind');
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyKind: 'ubkt', bodyOrgId: p.cellA1, subjectOrgId: p.cellA2 })), 422, 'bodyKind');
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyKind: 'chi_bo', bodyOrgId: p.cellA1, subjectOrgId: p.cellA1 })), 422, 'subjectType');
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyOrgId: p.communeA, subjectOrgId: p.communeA })), 422, 'subjectOrgId');
    const other = await buildMember(p.admin, p.cellA2, { cccd: null });
    await refused(
      () => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyKind: 'chi_bo', bodyOrgId: p.cellA1, subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: other.id })),
      422,
      'subjectPersonId',
    );
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: other.id, decisionDate: '2009-01-01' })), 422, 'subjectPersonId');
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ decisionDate: '2099-01-01' })), 422, 'decisionDate');
  });

  it('keeps other communes out (404) and writes out of scope refused', async () => {
    const c = await create(ubktA);
    expect((await ubktB.call('GET', `/api/v1/inspections/cases/${c.id}`)).statusCode).toBe(404);
    await refused(() => step(ubktB, c, 'bat_dau', '2024-02-10'), 404, null);
    await refused(() => ubktB.call('POST', '/api/v1/inspections/cases', caseIn()), 422, 'bodyOrgId');
    await refused(() => ubktA.call('POST', '/api/v1/inspections/cases', caseIn({ bodyOrgId: p.district, subjectOrgId: p.cellB1 })), 422, 'bodyOrgId');
    const list = (await ubktB.call('GET', '/api/v1/inspections/cases')).json() as { total: number };
    expect(list.total).toBe(0);
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    await refused(() => ubktB.call('POST', '/api/v1/discipline', disciplineIn(m.id)), 422, 'personId');
    expect((await ubktB.call('GET', `/api/v1/members/${m.id}/discipline`)).statusCode).toBe(404);
  });

  it('shows details only to inspection roles; the others get counts, with subjects counted once', async () => {
    const m = await buildMember(p.admin, p.cellA2, { cccd: null });
    await create(ubktA, { subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id, decisionDate: '2023-03-01' });
    await create(ubktA, { subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id, decisionDate: '2023-05-01', activity: 'giam_sat', kind: 'chuyen_de' });
    await create(ubktA, { subjectOrgId: p.cellA2, decisionDate: '2023-06-01', kind: 'dau_hieu_vi_pham' });
    const c = (await ubktA.call('GET', '/api/v1/inspections/cases?year=2023')).json() as { total: number; items: { id: string }[] };
    expect(c.total).toBe(3);
    for (const role of ['bi_thu', 'can_bo_to_chuc', 'chi_xem'] as const) {
      const s = await buildUser(env(), role, [p.communeA]);
      for (const url of ['/api/v1/inspections/cases', `/api/v1/inspections/cases/${c.items[0]!.id}`, '/api/v1/discipline', '/api/v1/inspections/plans']) {
        const r = await s.call('GET', url);
        expect(r.statusCode, `${role} ${url}`).toBe(403);
        expect(r.json().error.message).toMatch(/ủy ban kiểm tra/);
      }
      expect((await s.call('POST', '/api/v1/inspections/cases', caseIn())).statusCode).toBe(403);
      const counts = await s.call('GET', '/api/v1/inspections/counts?fromYear=2023&toYear=2023');
      expect(counts.statusCode, counts.body).toBe(200);
      const out = counts.json() as InspectionCountsOut;
      expect(out.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ year: 2023, bodyKind: 'ubkt', bodyOrgKind: 'dang_bo_co_so', activity: 'kiem_tra', subjectType: 'dang_vien', kind: 'theo_ke_hoach', cases: 1, subjects: 1 }),
          expect.objectContaining({ activity: 'giam_sat', subjectType: 'dang_vien', kind: 'chuyen_de', cases: 1 }),
          expect.objectContaining({ activity: 'kiem_tra', subjectType: 'to_chuc', subjectOrgKind: 'chi_bo_truc_thuoc', kind: 'dau_hieu_vi_pham', cases: 1 }),
        ]),
      );
      // Inspected and supervised in the same year: one member.
      expect(out.distinctSubjects).toEqual([
        { year: 2023, bodyKind: 'ubkt', subjectType: 'dang_vien', subjects: 1 },
        { year: 2023, bodyKind: 'ubkt', subjectType: 'to_chuc', subjects: 1 },
      ]);
      expect(JSON.stringify(out)).not.toContain(m.id);
    }
    const other = await buildUser(env(), 'chi_xem', [p.communeB]);
    expect(((await other.call('GET', '/api/v1/inspections/counts?fromYear=2023&toYear=2023')).json() as InspectionCountsOut).rows).toEqual([]);
    const bad = await other.call('GET', '/api/v1/inspections/counts?fromYear=2024&toYear=2023');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('toYear');
  });

  it('expels through the ledger: standing and history change, a second expulsion is the ledger’s refusal', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    // A case with violations leads to the decision, which moves the case to "kỷ luật".
    let c = await create(ubktA, { subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id, kind: 'dau_hieu_vi_pham' });
    c = (await step(ubktA, c, 'bat_dau', '2024-02-05')).json();
    c = (await step(ubktA, c, 'ket_luan', '2024-03-01', { conclusion: 'Vi phạm nghiêm trọng', violationsFound: true })).json();
    expect(c.mayDiscipline).toBe(true);
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'khai_tru', caseId: c.id, decisionDate: '2024-02-20', effectiveDate: '2024-02-20' })), 422, 'decisionDate');
    const r = await ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'khai_tru', caseId: c.id, decisionNo: '31-QĐ/ĐU' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ form: 'khai_tru', org: { id: p.cellA1 }, caseId: c.id });
    expect(r.json().memberEventId).toBeTruthy();
    const person = await env().db.kysely.selectFrom('person').select(['standing']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(person.standing).toBe('khai_tru');
    const history = (await p.admin.call('GET', `/api/v1/members/${m.id}/history`)).json() as { events: { kind: string; decisionNo: string | null; effectiveDate: string }[] };
    expect(history.events.at(-1)).toMatchObject({ kind: 'khai_tru', decisionNo: '31-QĐ/ĐU', effectiveDate: '2024-04-01' });
    expect(((await ubktA.call('GET', `/api/v1/inspections/cases/${c.id}`)).json() as InspectionCaseDetailOut).state).toBe('ky_luat');

    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'khai_tru', decisionNo: '32-QĐ/ĐU', decisionDate: '2024-05-01', effectiveDate: '2024-05-01' })), 422, 'form', /đang sinh hoạt/);
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { decisionDate: '2024-05-01', effectiveDate: '2024-05-01' })), 422, 'personId');
    await refused(() => ubktA.call('POST', `/api/v1/discipline/${r.json().id}/amendments`, { version: 1, kind: 'giam_hinh_thuc', newForm: 'canh_cao', decisionNo: '2', decisionDate: '2024-06-01', issuer: ISSUER, effectiveDate: '2024-06-01' }), 422, 'kind');

    // Anyone who may read the member sees form, decision and date.
    const viewer = await buildUser(env(), 'chi_xem', [p.province]);
    const seen = await viewer.call('GET', `/api/v1/members/${m.id}/discipline`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().items).toEqual([expect.objectContaining({ form: 'khai_tru', decisionNo: '31-QĐ/ĐU', effectiveDate: '2024-04-01' })]);
    expect(seen.body).not.toContain('reason');
  });

  it('refuses discipline from a supervision or a conclusion without violations', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    let g = await create(ubktA, { activity: 'giam_sat', kind: 'chuyen_de', subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id });
    g = (await step(ubktA, g, 'bat_dau', '2024-02-05')).json();
    g = (await step(ubktA, g, 'ket_luan', '2024-03-01', { conclusion: 'Có dấu hiệu vi phạm', violationsFound: true })).json();
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { caseId: g.id })), 422, 'caseId', /Giám sát/);
    const k = await create(ubktA, { subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id });
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { caseId: k.id })), 422, 'caseId', /kết luận/);
    const other = await buildMember(p.admin, p.cellA1, { cccd: null });
    let k2 = await create(ubktA, { subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: m.id });
    k2 = (await step(ubktA, k2, 'bat_dau', '2024-02-05')).json();
    k2 = (await step(ubktA, k2, 'ket_luan', '2024-03-01', { conclusion: 'Vi phạm', violationsFound: true })).json();
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(other.id, { caseId: k2.id })), 422, 'caseId');
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { effectiveDate: '2024-03-01' })), 422, 'effectiveDate');
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'cach_chuc' })), 422, 'form', /chức vụ/);
  });

  it('removes from post: cách chức ends the open party posts on the effective date, with the decision', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const post = await p.admin.call('POST', '/api/v1/posts', { orgId: p.cellA1, personId: m.id, title: 'bi_thu', validFrom: '2020-01-01' });
    expect(post.statusCode, post.body).toBe(201);
    await refused(() => ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'cach_chuc', decisionDate: '2019-06-01', effectiveDate: '2019-06-01' })), 422, 'form');
    const r = await ubktA.call('POST', '/api/v1/discipline', disciplineIn(m.id, { form: 'cach_chuc', decisionNo: '40-QĐ/ĐU' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ form: 'cach_chuc', endedPosts: 1, memberEventId: null });
    const row = await env().db.kysely.selectFrom('party_post').selectAll().where('id', '=', post.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ valid_to: '2024-04-01', end_decision_no: '40-QĐ/ĐU', end_reason: 'Cách chức theo quyết định 40-QĐ/ĐU' });
    // Still a member, still in the cell.
    expect((await env().db.kysely.selectFrom('person').select('standing').where('id', '=', m.id).executeTakeFirstOrThrow()).standing).toBe('dang_sinh_hoat');
    const d = r.json() as { id: string; version: number };
    // A later decision is a new record; the original stays.
    await refused(() => ubktA.call('POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'giam_hinh_thuc', newForm: 'khai_tru', decisionNo: '2', decisionDate: '2024-06-01', issuer: ISSUER, effectiveDate: '2024-06-01' }), 422, 'newForm');
    await refused(() => ubktA.call('POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'xoa_ky_luat', decisionNo: '2', decisionDate: '2024-03-01', issuer: ISSUER, effectiveDate: '2024-03-01' }), 422, 'effectiveDate');
    const a = await ubktA.call('POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'giam_hinh_thuc', newForm: 'canh_cao', decisionNo: '50-QĐ/UBKT', decisionDate: '2024-06-01', issuer: ISSUER, effectiveDate: '2024-06-01' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ form: 'cach_chuc', amendments: [{ kind: 'giam_hinh_thuc', newForm: 'canh_cao' }] });
    await refused(() => ubktA.call('POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'xoa_ky_luat', decisionNo: '3', decisionDate: '2024-07-01', issuer: ISSUER, effectiveDate: '2024-07-01' }), 409, 'version');
    const list = (await ubktA.call('GET', '/api/v1/discipline?year=2024')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(d.id);
  });
});
