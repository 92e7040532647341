import { addDaysIso, MEETING_SCORE_RULES_2019, monthOf, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, decision, type Session } from '../../test/factories.js';
import type { MeetingDetail } from './meetings.detail.js';

const today = todayIso();
const thisMonth = monthOf(today);
// A meeting day in this month that is not in the future.
const heldDay = `${thisMonth}-01`;
const full = Object.fromEntries(MEETING_SCORE_RULES_2019.criteria.map((c) => [c.code, c.max]));
const TABLES = ['meeting', 'meeting_attendance', 'meeting_guest', 'meeting_document', 'meeting_step', 'meeting_rule_choice', 'audit_log'] as const;

describeEngines('meetings: plan, publish, attendance, minutes, score, close, roll-up', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let secretary: Session;
  let communeB: Session;
  let viewer: Session;
  let members: { id: string; version: number }[] = [];
  let exempt: { id: string; version: number };
  let outsider: { id: string };
  let m: MeetingDetail;
  const db = () => env().db.kysely;
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  /** A refused call: the status, the field named, and nothing written. */
  const refused = async (call: () => Promise<{ statusCode: number; body: string; json: () => unknown }>, status: number, field?: string) => {
    const before = await snapshot();
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    const err = (res.json() as { error: { field?: string; message: string } }).error;
    if (field) expect(err.field).toBe(field);
    expect(err.message).toMatch(/[à-ỹ]/);
    expect(await snapshot()).toEqual(before);
    return err;
  };
  const post = (s: Session, path: string, body: unknown) => s.call('POST', `/api/v1/meetings${path}`, body);
  const ok = async (s: Session, path: string, body: unknown, status = 200) => {
    const res = await post(s, path, body);
    expect(res.statusCode, res.body).toBe(status);
    m = res.json() as MeetingDetail;
    return m;
  };

  it('sets up a cell with members, one on exemption, and users', async () => {
    p = await buildProvince(env());
    secretary = await buildUser(env(), 'bi_thu', [p.cellA1]);
    communeB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    viewer = await buildUser(env(), 'chi_xem', [p.communeA]);
    members = [];
    for (let i = 0; i < 3; i++) members.push(await buildMember(p.admin, p.cellA1, { cccd: null }));
    exempt = await buildMember(p.admin, p.cellA1, { cccd: null });
    const ev = await p.admin.call('POST', `/api/v1/members/${exempt.id}/events`, { version: exempt.version, kind: 'mien_sinh_hoat', effectiveDate: '2024-01-01' });
    expect(ev.statusCode, ev.body).toBeLessThan(300);
    outsider = await buildMember(p.admin, p.cellA2, { cccd: null });
  });

  it('plans a regular meeting; refuses a second one, a non-cell, another commune and bad input', async () => {
    await ok(secretary, '', { orgId: p.cellA1, kind: 'thuong_ky', plannedOn: heldDay, title: `Sinh hoạt thường kỳ tháng ${thisMonth.slice(5)}` }, 201);
    expect(m).toMatchObject({ state: 'ke_hoach', kind: 'thuong_ky', month: thisMonth, version: 1, counts: null });
    await refused(() => post(secretary, '', { orgId: p.cellA1, kind: 'thuong_ky', plannedOn: heldDay, title: 'Lần hai' }), 422, 'plannedOn');
    await refused(() => post(p.admin, '', { orgId: p.communeA, kind: 'thuong_ky', plannedOn: heldDay, title: 'Đảng ủy' }), 422, 'orgId');
    await refused(() => post(communeB, '', { orgId: p.cellA1, kind: 'chuyen_de', plannedOn: heldDay, title: 'Ngoài phạm vi' }), 422, 'orgId');
    await refused(() => post(secretary, '', { orgId: p.cellA1, kind: 'hang_tuan', plannedOn: heldDay, title: 'X' }), 400, 'kind');
    await refused(() => post(secretary, '', { orgId: p.cellA1, kind: 'chuyen_de', plannedOn: '2026-02-30', title: 'X' }), 400, 'plannedOn');
    await refused(() => post(viewer, '', { orgId: p.cellA1, kind: 'chuyen_de', plannedOn: heldDay, title: 'X' }), 403);
  });

  it('hides the meeting from another commune (404) and shows it to its commune', async () => {
    expect((await communeB.call('GET', `/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    await refused(() => post(communeB, `/${m.id}/held`, { version: m.version, heldOn: heldDay, durationMinutes: 90 }), 404);
    expect((await viewer.call('GET', `/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    const list = (await communeB.call('GET', `/api/v1/meetings?month=${thisMonth}`)).json() as { total: number };
    expect(list.total).toBe(0);
  });

  it('refuses attendance, score and close before the meeting is held', async () => {
    await refused(() => post(secretary, `/${m.id}/attendance`, { version: m.version, rows: [] }), 422, 'action');
    await refused(() => post(secretary, `/${m.id}/score`, { version: m.version, scores: full }), 422, 'action');
    await refused(() => post(secretary, `/${m.id}/close`, { version: m.version }), 422, 'action');
    await refused(() => post(secretary, `/${m.id}/reopen`, { version: m.version, reason: 'x' }), 422, 'action');
  });

  it('publishes the agenda ahead, with attachments and document references', async () => {
    await refused(() => post(secretary, `/${m.id}/publish`, { version: m.version, publishedOn: heldDay }), 422, 'agenda');
    await refused(() => post(secretary, `/${m.id}/publish`, { version: m.version, publishedOn: addDaysIso(today, 1), agenda: 'A' }), 422, 'publishedOn');
    await ok(secretary, `/${m.id}/publish`, { version: m.version, publishedOn: heldDay, agenda: '1. Đánh giá tháng\n2. Nhiệm vụ tháng tới' });
    expect(m.state).toBe('da_thong_bao');
    const pdf = Buffer.from('%PDF-1.4 thu nghiem').toString('base64');
    await ok(secretary, `/${m.id}/documents`, { version: m.version, kind: 'tep', name: 'Du-thao-nghi-quyet.pdf', mimeType: 'application/pdf', contentBase64: pdf });
    await ok(secretary, `/${m.id}/documents`, { version: m.version, kind: 'van_ban', refNumber: '99-KH/TU', refTitle: 'Kế hoạch nâng cao chất lượng sinh hoạt chi bộ' });
    expect(m.documents.map((d) => d.kind)).toEqual(['tep', 'van_ban']);
    const file = await secretary.call('GET', `/api/v1/meetings/${m.id}/documents/${m.documents[0]!.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/pdf');
    expect(file.body).toBe('%PDF-1.4 thu nghiem');
  });

  it('refuses attachments of a wrong type, over the size limit, or not base64', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1).toString('base64');
    const e = await refused(() => post(secretary, `/${m.id}/documents`, { version: m.version, kind: 'tep', name: 'lon.pdf', mimeType: 'application/pdf', contentBase64: big }), 422, 'contentBase64');
    expect(e.message).toContain('vượt giới hạn 5 MB');
    await refused(() => post(secretary, `/${m.id}/documents`, { version: m.version, kind: 'tep', name: 'a.exe', mimeType: 'application/x-msdownload', contentBase64: 'QUJD' }), 422, 'mimeType');
    await refused(() => post(secretary, `/${m.id}/documents`, { version: m.version, kind: 'tep', name: 'a.pdf', mimeType: 'application/pdf', contentBase64: '***' }), 400, 'contentBase64');
    await refused(() => post(secretary, `/${m.id}/documents`, { version: m.version, kind: 'van_ban', refTitle: 'Thiếu số' }), 400, 'refNumber');
  });

  it('records the meeting as held, then attendance only for members of the cell on that date', async () => {
    await refused(() => post(secretary, `/${m.id}/held`, { version: m.version, heldOn: '2020-01-10', durationMinutes: 90 }), 422, 'heldOn');
    await refused(() => post(secretary, `/${m.id}/held`, { version: m.version - 1, heldOn: heldDay, durationMinutes: 90 }), 409, 'version');
    await ok(secretary, `/${m.id}/held`, { version: m.version, heldOn: heldDay, durationMinutes: 120, chairName: 'Lò Văn Chủ' });
    expect(m.state).toBe('da_hop');
    expect(m.roster.map((r) => r.personId).sort()).toEqual([...members.map((x) => x.id), exempt.id].sort());
    expect(m.roster.find((r) => r.personId === exempt.id)?.exempt).toBe(true);

    const rows = [
      { personId: members[0]!.id, status: 'co_mat' },
      { personId: members[1]!.id, status: 'co_mat' },
      { personId: members[2]!.id, status: 'vang_co_ly_do', reason: 'Ốm' },
      { personId: exempt.id, status: 'vang_co_ly_do', reason: 'Miễn sinh hoạt' },
    ];
    await refused(() => post(secretary, `/${m.id}/attendance`, { version: m.version, rows: [...rows, { personId: outsider.id, status: 'co_mat' }] }), 422, 'rows.4.personId');
    await refused(() => post(secretary, `/${m.id}/attendance`, { version: m.version, rows: rows.slice(1) }), 422, 'rows');
    await refused(() => post(secretary, `/${m.id}/attendance`, { version: m.version, rows: [...rows.slice(0, 2), { personId: members[2]!.id, status: 'vang_co_ly_do' }, rows[3]] }), 400, 'rows.2.reason');
    await ok(secretary, `/${m.id}/attendance`, {
      version: m.version,
      rows,
      guests: [{ kind: 'cap_tren', name: 'Giàng A Páo', organization: 'Đảng ủy xã Pa Tần', post: 'Phó Bí thư' }],
    });
    expect(m.counts).toMatchObject({ members: 4, present: 2, excused: 1, unexcused: 0, exempt: 1, higher: 1, guests: 0, fromRows: true });
    expect(m.counts!.rate).toBeCloseTo(2 / 3);
  });

  it('scores on the rule set, explaining why 95 points is only Khá', async () => {
    await refused(() => post(secretary, `/${m.id}/score`, { version: m.version, scores: { ...full, bien_ban: 12 } }), 422, 'scores.bien_ban');
    await ok(secretary, `/${m.id}/score`, { version: m.version, scores: { ...full, ty_le_du_hop: 10 } });
    expect(m.scoreTotal).toBe(95);
    expect(m.scoreClass).toBe('kha');
    expect(m.result!.explanation.vi).toContain('nên xếp loại Khá');
  });

  it('closes only with minutes, then refuses edits until reopened as a new revision', async () => {
    await refused(() => post(secretary, `/${m.id}/close`, { version: m.version }), 422, 'action');
    await ok(secretary, `/${m.id}/minutes`, { version: m.version, minutes: 'Biên bản sinh hoạt chi bộ…' });
    await ok(secretary, `/${m.id}/close`, { version: m.version });
    expect(m.state).toBe('da_dong');
    await refused(() => post(secretary, `/${m.id}/minutes`, { version: m.version, minutes: 'Sửa' }), 422, 'action');
    await refused(() => post(secretary, `/${m.id}/reopen`, { version: m.version }), 400, 'reason');
    await ok(secretary, `/${m.id}/reopen`, { version: m.version, reason: 'Bổ sung ý kiến phát biểu' });
    expect(m).toMatchObject({ state: 'da_hop', revision: 2 });
    await ok(secretary, `/${m.id}/score`, { version: m.version, scores: full });
    await ok(secretary, `/${m.id}/close`, { version: m.version });
    expect(m.scoreClass).toBe('tot');
    const closes = await db().selectFrom('meeting_step').select(['action', 'snapshot']).where('meeting_id', '=', m.id).where('action', 'in', ['ket_thuc', 'mo_lai']).orderBy('seq').execute();
    expect(closes.map((c) => c.action)).toEqual(['ket_thuc', 'mo_lai', 'ket_thuc']);
    expect(JSON.parse(closes[1]!.snapshot!)).toMatchObject({ revision: 1, scoreClass: 'kha' });
    const audits = await db().selectFrom('audit_log').select('action').where('entity_id', '=', m.id).execute();
    expect(audits.length).toBe(m.steps.length);
  });

  it('lists cells not met or not reported this month', async () => {
    const other = await post(p.admin, '', { orgId: p.cellA2, kind: 'thuong_ky', plannedOn: heldDay, title: 'Tháng này' });
    const o = other.json() as MeetingDetail;
    await ok(p.admin, `/${o.id}/held`, { version: o.version, heldOn: heldDay, durationMinutes: 90 });
    const res = await p.admin.call('GET', `/api/v1/meetings/status?org=${p.communeA}&month=${thisMonth}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as { cells: number; notMet: number; notReported: number; reported: number; items: { orgId: string; status: string; missing: string[] }[] };
    expect(s).toMatchObject({ cells: 2, notMet: 0, notReported: 1, reported: 1 });
    expect(s.items).toEqual([expect.objectContaining({ orgId: p.cellA2, status: 'chua_bao_cao', missing: ['diem_danh', 'cham_diem'] })]);
    const b = (await communeB.call('GET', `/api/v1/meetings/status`)).json() as typeof s;
    expect(b).toMatchObject({ cells: 2, notMet: 2 });
    expect((await communeB.call('GET', `/api/v1/meetings/status?org=${p.communeA}`)).statusCode).toBe(404);
  });

  it('rolls a year up per cell, counting only months a cell existed', async () => {
    // A cell established mid-year last year: only its whole months count, with a class per month.
    const year = Number(today.slice(0, 4)) - 1;
    const cell = await buildOrganization(p.admin, { name: 'Chi bộ bản Mới Lập', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: `${year}-03-10` });
    for (let mo = 4; mo <= 12; mo++) {
      const day = `${year}-${String(mo).padStart(2, '0')}-10`;
      let x = (await post(p.admin, '', { orgId: cell, kind: 'thuong_ky', plannedOn: day, title: `Tháng ${mo}` })).json() as MeetingDetail;
      x = (await post(p.admin, `/${x.id}/held`, { version: x.version, heldOn: day, durationMinutes: 90 })).json() as MeetingDetail;
      x = (await post(p.admin, `/${x.id}/attendance`, { version: x.version, rows: [] })).json() as MeetingDetail;
      const res = await post(p.admin, `/${x.id}/score`, { version: x.version, scores: mo === 12 ? { ...full, noi_dung: 5 } : full });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await communeB.call('GET', `/api/v1/meetings/yearly?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const y = res.json() as { items: { orgId: string; cls: string; judged: number; counts: Record<string, number>; explanation: { vi: string } }[]; byPopulation: Record<string, Record<string, number>> };
    const row = y.items.find((i) => i.orgId === cell)!;
    expect(row).toMatchObject({ cls: 'tot', judged: 9, counts: { tot: 8, kha: 1, trung_binh: 0, kem: 0 } });
    expect(row.explanation.vi).toContain('Chỉ tính 9/12 tháng');
    // The other two cells of the commune existed all year without meetings: every month counts as Kém.
    expect(y.items.filter((i) => i.orgId !== cell).every((i) => i.cls === 'kem')).toBe(true);
    expect(y.byPopulation.chi_bo_truc_thuoc!.tot).toBe(1);

    // Dissolved in February of this year: not long enough.
    const gone = await buildOrganization(p.admin, { name: 'Chi bộ bản Sắp Giải Thể', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: `${year}-10-01` });
    const d = await p.admin.call('POST', `/api/v1/orgs/${gone}/dissolve`, decision(`${year}-12-20`));
    expect(d.statusCode, d.body).toBeLessThan(300);
    const again = (await communeB.call('GET', `/api/v1/meetings/yearly?year=${year}`)).json() as typeof y;
    expect(again.items.find((i) => i.orgId === gone)).toMatchObject({ cls: 'chua_du_thoi_gian', judged: 2 });
  });

  it('judges a cell moved mid-year under each commune only for the months it was there', async () => {
    const year = Number(today.slice(0, 4)) - 1;
    const cell = await buildOrganization(p.admin, { name: 'Chi bộ bản Chuyển Đi', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: `${year - 1}-01-01` });
    for (let mo = 1; mo <= 6; mo++) {
      const day = `${year}-${String(mo).padStart(2, '0')}-10`;
      let x = (await post(p.admin, '', { orgId: cell, kind: 'thuong_ky', plannedOn: day, title: `Tháng ${mo}` })).json() as MeetingDetail;
      x = (await post(p.admin, `/${x.id}/held`, { version: x.version, heldOn: day, durationMinutes: 90 })).json() as MeetingDetail;
      x = (await post(p.admin, `/${x.id}/attendance`, { version: x.version, rows: [] })).json() as MeetingDetail;
      expect((await post(p.admin, `/${x.id}/score`, { version: x.version, scores: full })).statusCode).toBe(200);
    }
    const moved = await p.admin.call('POST', `/api/v1/orgs/${cell}/transfer`, { ...decision(`${year}-07-01`), newParentId: p.communeA });
    expect(moved.statusCode, moved.body).toBeLessThan(300);
    type Year = { items: { orgId: string; judged: number; counts: Record<string, number>; months: Record<string, string | null> }[] };
    const rowIn = async (s: Session) => ((await s.call('GET', `/api/v1/meetings/yearly?year=${year}`)).json() as Year).items.find((i) => i.orgId === cell)!;
    // Commune B judges January to June, when it held the cell and its six good meetings.
    expect(await rowIn(communeB)).toMatchObject({ judged: 6, counts: { tot: 6, kem: 0 } });
    // Commune A judges July to December only: the months before are not missed meetings of its own.
    const a = await rowIn(await buildUser(env(), 'can_bo_to_chuc', [p.communeA]));
    expect(a).toMatchObject({ judged: 6, counts: { tot: 0 } });
    expect(a.months[`${year}-03`]).toBeNull();
  });

  it('lets a province choose an older rule set from a date, keeping the choice as history', async () => {
    await refused(() => post(p.admin, '/rules', { orgId: p.province, validFrom: '2015-01-01', scoreRules: 'KHONG_CO', rollupRules: 'NAM-2012' }), 400, 'scoreRules');
    await refused(() => post(communeB, '/rules', { orgId: p.province, validFrom: '2015-01-01', scoreRules: 'CU-2012', rollupRules: 'NAM-2012' }), 422, 'orgId');
    const res = await post(p.admin, '/rules', { orgId: p.province, validFrom: '2015-01-01', scoreRules: 'CU-2012', rollupRules: 'NAM-2012' });
    expect(res.statusCode, res.body).toBe(201);
    const x = (await post(p.admin, '', { orgId: p.cellB1, kind: 'chuyen_de', plannedOn: heldDay, title: 'Chuyên đề' })).json() as MeetingDetail;
    expect(x.rules.id).toBe('CU-2012');
    // The meeting planned earlier keeps the set it was recorded under.
    expect(((await p.admin.call('GET', `/api/v1/meetings/${m.id}`)).json() as MeetingDetail).rules.id).toBe('KH99-2019');
  });
});
