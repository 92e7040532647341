import { addDaysIso, todayIso, type DocumentDetailOut, type StudyCoverageOut, type StudySessionDetailOut } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, buildUser, type Session } from '../../test/factories.js';

const ago = (n: number) => addDaysIso(todayIso(), -n);
const TABLES = ['document', 'document_target', 'document_attachment', 'study_session', 'study_session_document', 'study_attendance', 'audit_log'] as const;

describeEngines('documents: register, targets, attachments, study sessions and their person-times', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let userA: Session;
  let userB: Session;
  let viewer: Session;
  let nq: DocumentDetailOut;
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await env().db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const refusedWithNothingWritten = async (s: Session, method: 'POST' | 'PATCH', url: string, body: unknown, status: number, field?: string) => {
    const before = await counts();
    const res = await s.call(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.field).toBe(field);
    expect(await counts()).toEqual(before);
    return res.json().error.message as string;
  };

  it('sets up a province with a user per commune', async () => {
    p = await buildProvince(env());
    userA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    userB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    viewer = await buildUser(env(), 'chi_xem', [p.communeA]);
  });

  it('registers a provincial resolution with its target and refuses the same number in the same term', async () => {
    const res = await p.admin.call('POST', '/api/v1/documents', {
      symbol: '8-nq/tu',
      issuedOn: '2021-11-01',
      term: '2020-2025',
      summary: 'Về phát triển đảng viên ở thôn, bản chưa có chi bộ',
      tags: ['phát triển đảng', 'thôn bản'],
      orgId: p.province,
      targets: [{ metric: 'ket_nap_dang_vien', comparator: '>=', value: 1000, unit: 'so_luong_nam', periodFrom: 2021, periodTo: 2025 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    nq = res.json();
    expect(nq).toMatchObject({ symbol: '08-NQ/TU', system: 'dang', typeCode: 'NQ', issuerCode: 'TU', term: '2020-2025', version: 1 });
    expect(nq.targets[0]).toMatchObject({ label: 'Kết nạp đảng viên', text: '≥ 1.000/năm' });

    const msg = await refusedWithNothingWritten(p.admin, 'POST', '/api/v1/documents', { symbol: '08-NQ/TU', issuedOn: '2023-02-01', term: '2020-2025', summary: 'Khác', orgId: p.province }, 409, 'symbol');
    expect(msg).toMatch(/08-NQ\/TU.*nhiệm kỳ 2020-2025.*đã có/);
    // The next term starts numbering again; a state document has its own pattern.
    expect((await p.admin.call('POST', '/api/v1/documents', { symbol: '08-NQ/TU', issuedOn: '2025-11-01', term: '2025-2030', summary: 'Nghị quyết mới', orgId: p.province })).statusCode).toBe(201);
    const state = await p.admin.call('POST', '/api/v1/documents', { symbol: '17/CT-UBND', issuedOn: '2019-05-02', summary: 'Chỉ thị của UBND tỉnh', orgId: p.province, externalIssuer: 'UBND tỉnh' });
    expect(state.statusCode, state.body).toBe(201);
    expect(state.json()).toMatchObject({ system: 'nha_nuoc', term: null, externalIssuer: 'UBND tỉnh' });
    await refusedWithNothingWritten(p.admin, 'POST', '/api/v1/documents', { symbol: '17/CT-UBND', issuedOn: '2019-12-02', summary: 'Trùng', orgId: p.province, externalIssuer: 'Ubnd  tỉnh' }, 409, 'symbol');
    await refusedWithNothingWritten(p.admin, 'POST', '/api/v1/documents', { symbol: '08/NQ', issuedOn: '2021-01-01', term: '2020-2025', summary: 'x', orgId: p.province }, 400, 'symbol');
  });

  it('lets a commune read its superiors’ documents but not edit them, and hides a sibling commune’s', async () => {
    const own = await userA.call('POST', '/api/v1/documents', { symbol: '05-NQ/ĐU', issuedOn: '2021-06-01', term: '2020-2025', summary: 'Nghị quyết Đảng ủy xã Pa Tần', orgId: p.communeA });
    expect(own.statusCode, own.body).toBe(201);
    const ownId = own.json().id as string;
    // Numbers are per issuing body: commune B may use 05-NQ/ĐU too.
    expect((await userB.call('POST', '/api/v1/documents', { symbol: '05-NQ/ĐU', issuedOn: '2021-06-01', term: '2020-2025', summary: 'Nghị quyết Đảng ủy xã Huổi Luông', orgId: p.communeB })).statusCode).toBe(201);

    const fromA = await userA.call('GET', `/api/v1/documents/${nq.id}`);
    expect(fromA.statusCode).toBe(200);
    expect(fromA.json().canEdit).toBe(false);
    await refusedWithNothingWritten(userA, 'PATCH', `/api/v1/documents/${nq.id}`, { version: 1, summary: 'Sửa' }, 422, 'id');
    expect((await userB.call('GET', `/api/v1/documents/${ownId}`)).statusCode).toBe(404);
    expect((await userB.call('PATCH', `/api/v1/documents/${ownId}`, { version: 1, summary: 'Sửa' })).statusCode).toBe(404);
    const listB = (await userB.call('GET', '/api/v1/documents?pageSize=100')).json() as { items: { id: string }[] };
    expect(listB.items.map((i) => i.id)).toContain(nq.id);
    expect(listB.items.map((i) => i.id)).not.toContain(ownId);
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/documents', { symbol: '06-NQ/ĐU', issuedOn: '2021-06-01', term: '2020-2025', summary: 'x', orgId: p.communeB }, 422, 'orgId');
    expect((await viewer.call('POST', '/api/v1/documents', { symbol: '07-NQ/ĐU', issuedOn: '2021-06-01', term: '2020-2025', summary: 'x', orgId: p.communeA })).statusCode).toBe(403);
  });

  it('edits with a version (409 when stale), adds targets and attachments within the size limit', async () => {
    const edited = await p.admin.call('PATCH', `/api/v1/documents/${nq.id}`, { version: 1, summary: 'Về phát triển đảng viên ở thôn, bản', tags: ['phát triển đảng'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    await refusedWithNothingWritten(p.admin, 'PATCH', `/api/v1/documents/${nq.id}`, { version: 1, summary: 'Cũ' }, 409, 'version');
    const t = await p.admin.call('POST', `/api/v1/documents/${nq.id}/targets`, { version: 2, metric: 'thon_ban_co_chi_bo', value: 100, unit: 'ty_le', periodFrom: 2021, periodTo: 2025 });
    expect(t.statusCode, t.body).toBe(201);
    expect(t.json().targets.map((x: { text: string }) => x.text)).toEqual(['≥ 1.000/năm', '≥ 100%']);
    const file = Buffer.from('Toàn văn nghị quyết 08-NQ/TU');
    const a = await p.admin.call('POST', `/api/v1/documents/${nq.id}/attachments`, { fileName: 'nghị quyết 08.txt', mimeType: 'text/plain', contentBase64: file.toString('base64') });
    expect(a.statusCode, a.body).toBe(201);
    const att = a.json().attachments[0];
    expect(att).toMatchObject({ fileName: 'nghị quyết 08.txt', sizeBytes: file.length });
    const dl = await userA.call('GET', `/api/v1/documents/${nq.id}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(file)).toBe(true);
    expect((await userB.call('GET', `/api/v1/documents/${nq.id}/attachments/${att.id}`)).statusCode).toBe(200);
    const big = Buffer.alloc(513 * 1024).toString('base64');
    const msg = await refusedWithNothingWritten(p.admin, 'POST', `/api/v1/documents/${nq.id}/attachments`, { fileName: 'lon.pdf', contentBase64: big }, 422, 'contentBase64');
    expect(msg).toMatch(/tối đa 512 KB/);
  });

  it('counts person-times of members and non-members, named and counted, per session and in total', async () => {
    const m1 = await buildMember(p.admin, p.cellA1, { cccd: null });
    const m2 = await buildMember(p.admin, p.cellA2, { cccd: null });
    const villager = await p.admin.call('POST', '/api/v1/people', { fullName: 'Lò Thị Mai', sex: 'nu', birthDate: '1990-01-01', ethnicity: '03', orgId: p.cellA1 });
    expect(villager.statusCode, villager.body).toBe(201);
    const v = villager.json().id as string;
    const s1 = await userA.call('POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: ago(40), documentIds: [nq.id], attendeeIds: [m1.id, v], memberCount: 10, nonMemberCount: 5 });
    expect(s1.statusCode, s1.body).toBe(201);
    const one = s1.json() as StudySessionDetailOut;
    expect(one).toMatchObject({ memberTimes: 11, nonMemberTimes: 6 });
    expect(one.attendees.map((x) => [x.fullName === 'Lò Thị Mai', x.isMember])).toEqual([[false, true], [true, false]]);
    // The same member at a second session counts a second lượt.
    const s2 = await userA.call('POST', '/api/v1/study/sessions', { orgId: p.cellA2, studiedOn: ago(35), documentIds: [nq.id], attendeeIds: [m1.id, m2.id] });
    expect(s2.statusCode, s2.body).toBe(201);
    const list = (await userA.call('GET', `/api/v1/study/sessions?documentId=${nq.id}`)).json();
    expect(list.totals).toEqual({ sessions: 2, memberTimes: 13, nonMemberTimes: 6 });
    expect((await userA.call('GET', `/api/v1/documents/${nq.id}`)).json().study).toEqual({ sessions: 2, memberTimes: 13, nonMemberTimes: 6 });
    // Commune B sees none of commune A's sessions.
    expect((await userB.call('GET', `/api/v1/study/sessions?documentId=${nq.id}`)).json().totals).toEqual({ sessions: 0, memberTimes: 0, nonMemberTimes: 0 });
    expect((await userB.call('GET', `/api/v1/study/sessions/${one.id}`)).statusCode).toBe(404);

    // Attendance is corrected as a whole, with the version; a stale version is a conflict.
    const fixed = await userA.call('POST', `/api/v1/study/sessions/${one.id}/attendance`, { version: 1, attendeeIds: [m1.id], memberCount: 20, nonMemberCount: 0 });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ memberTimes: 21, nonMemberTimes: 0, version: 2 });
    await refusedWithNothingWritten(userA, 'POST', `/api/v1/study/sessions/${one.id}/attendance`, { version: 1, memberCount: 3 }, 409, 'version');
    await refusedWithNothingWritten(userB, 'POST', `/api/v1/study/sessions/${one.id}/attendance`, { version: 2, memberCount: 3 }, 404);
  });

  it('refuses sessions with bad references and writes nothing', async () => {
    const inB = await buildMember(p.admin, p.cellB1, { cccd: null });
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: ago(5), documentIds: [nq.id], attendeeIds: [inB.id] }, 422, 'attendeeIds.0');
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/study/sessions', { orgId: p.cellB1, studiedOn: ago(5), documentIds: [nq.id], memberCount: 4 }, 422, 'orgId');
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: '2021-10-01', documentIds: [nq.id], memberCount: 4 }, 422, 'studiedOn');
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: addDaysIso(todayIso(), 2), documentIds: [nq.id], memberCount: 4 }, 422, 'studiedOn');
    await refusedWithNothingWritten(userA, 'POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: ago(5), documentIds: [nq.id, nq.id], memberCount: 4 }, 400, 'documentIds');
  });

  it('reports coverage: which base organizations held a session, with any or all of the documents', async () => {
    const other = await p.admin.call('POST', '/api/v1/documents', { symbol: '26-NQ/TW', issuedOn: '2018-05-19', term: '2016-2021', summary: 'Nghị quyết Trung ương 7 khóa XII', orgId: p.province, externalIssuer: 'Ban Chấp hành Trung ương' });
    expect(other.statusCode, other.body).toBe(201);
    const tw = other.json().id as string;
    await userB.call('POST', '/api/v1/study/sessions', { orgId: p.communeB, studiedOn: ago(20), documentIds: [tw], memberCount: 25, nonMemberCount: 7 });
    const any = (await p.admin.call('GET', `/api/v1/study/coverage?org=${p.district}&documents=${nq.id},${tw}&coverageRule=any`)).json() as StudyCoverageOut;
    expect(any).toMatchObject({ covered: 2, total: 2, memberTimes: 21 + 2 + 25, nonMemberTimes: 7 });
    const all = (await p.admin.call('GET', `/api/v1/study/coverage?org=${p.district}&documents=${nq.id},${tw}&coverageRule=all`)).json() as StudyCoverageOut;
    expect(all).toMatchObject({ covered: 0, total: 2 });
    const onlyA = (await userA.call('GET', `/api/v1/study/coverage?documents=${nq.id}`)).json() as StudyCoverageOut;
    expect(onlyA.orgs).toEqual([{ id: p.communeA, name: 'Đảng bộ xã Pa Tần', covered: true, sessions: 2 }]);
    expect((await userA.call('GET', `/api/v1/study/coverage?org=${p.communeB}&documents=${nq.id}`)).statusCode).toBe(404);
  });
  it('corrects a document’s date and term: a new duplicate key, never before a session that studied it, one audit row', async () => {
    const state = await userA.call('POST', '/api/v1/documents', { symbol: '41/KH-UBND', issuedOn: ago(30), summary: 'Kế hoạch của UBND xã', orgId: p.communeA, externalIssuer: 'UBND xã Pa Tần' });
    expect(state.statusCode, state.body).toBe(201);
    const kh = state.json() as DocumentDetailOut;
    expect((await userA.call('POST', '/api/v1/study/sessions', { orgId: p.cellA1, studiedOn: ago(10), documentIds: [kh.id], memberCount: 9 })).statusCode).toBe(201);
    const late = await refusedWithNothingWritten(userA, 'PATCH', `/api/v1/documents/${kh.id}`, { version: 1, summary: kh.summary, issuedOn: ago(5) }, 422, 'issuedOn');
    expect(late).toMatch(/đã được học tập ngày/);
    await refusedWithNothingWritten(userA, 'PATCH', `/api/v1/documents/${kh.id}`, { version: 1, summary: kh.summary, issuedOn: addDaysIso(todayIso(), 1) }, 422, 'issuedOn');
    const audits = (await counts()).audit_log!;
    const fixed = await userA.call('PATCH', `/api/v1/documents/${kh.id}`, { version: 1, summary: 'Kế hoạch học tập nghị quyết của UBND xã', issuedOn: ago(20), term: '2020-2025' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    // A state document has no term, whatever is sent.
    expect(fixed.json()).toMatchObject({ issuedOn: ago(20), term: null, summary: 'Kế hoạch học tập nghị quyết của UBND xã', version: 2 });
    expect((await counts()).audit_log! - audits).toBe(1);
    const audit = await env().db.kysely.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', kh.id).where('action', '=', 'document.update').executeTakeFirstOrThrow();
    expect(String(audit.before)).toContain(ago(30));
    expect(String(audit.after)).toContain(ago(20));

    // 08-NQ/TU of 2025-2030 is registered; moving the 2020-2025 one into that term is a duplicate.
    const cur = ((await p.admin.call('GET', `/api/v1/documents/${nq.id}`)).json() as DocumentDetailOut).version;
    await refusedWithNothingWritten(p.admin, 'PATCH', `/api/v1/documents/${nq.id}`, { version: cur, summary: 'x', term: '2025-2030' }, 422, 'term');
    const dup = await refusedWithNothingWritten(p.admin, 'PATCH', `/api/v1/documents/${nq.id}`, { version: cur, summary: 'x', term: '2025-2030', issuedOn: '2025-12-01' }, 409, 'term');
    expect(dup).toMatch(/08-NQ\/TU.*đã có trong sổ/);
    await refusedWithNothingWritten(p.admin, 'PATCH', `/api/v1/documents/${nq.id}`, { version: cur, summary: 'x', issuedOn: '2019-06-01' }, 422, 'issuedOn');
    await refusedWithNothingWritten(p.admin, 'PATCH', `/api/v1/documents/${nq.id}`, { version: cur, summary: 'x', term: ' ' }, 400, 'term');
    const moved = await p.admin.call('PATCH', `/api/v1/documents/${nq.id}`, { version: cur, summary: 'Về phát triển đảng viên ở thôn, bản', tags: ['phát triển đảng'], issuedOn: '2021-10-15' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ issuedOn: '2021-10-15', term: '2020-2025', version: cur + 1 });
    // The key follows the term, so the old number can still not be registered twice.
    await refusedWithNothingWritten(p.admin, 'POST', '/api/v1/documents', { symbol: '08-NQ/TU', issuedOn: '2023-02-01', term: '2020-2025', summary: 'Khác', orgId: p.province }, 409, 'symbol');
  });
});
