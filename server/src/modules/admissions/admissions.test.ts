import { addMonths, todayIso, type CandidateDetail } from '@dangvu/common';
import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildProvince, buildUser, type Session } from '../../test/factories.js';
import { candidateInput } from './admissions.test-data.js';

const TABLES = ['admission_candidate', 'admission_step', 'admission_document', 'admission_helper', 'admission_override', 'admission_target', 'person', 'member_event', 'membership_episode', 'audit_log'] as const;
async function counts(db: Kysely<Database>) {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

/** Steps and documents of a whole pipeline, decision on 2023-05-10. */
export const PRE_STEPS = [
  { step: 'nhan_thuc', date: '2023-01-10', decisionNo: 'GCN 15/TTCT' },
  { doc: '1-KNĐ', receivedOn: '2023-02-01' },
  { doc: '2-KNĐ', receivedOn: '2023-02-01' },
  { doc: '3-KNĐ', receivedOn: '2023-02-03' },
  { doc: '5-KNĐ', receivedOn: '2023-02-10' },
  { step: 'tham_tra', date: '2023-03-01', result: 'dat' },
  { step: 'nghi_quyet_chi_bo', date: '2023-04-01', decisionNo: '03-NQ/CB' },
  { step: 'nghi_quyet_dang_uy', date: '2023-04-20', decisionNo: '12-NQ/ĐU' },
  { step: 'quyet_dinh', date: '2023-05-10', decisionNo: '88-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy' },
  { step: 'le_ket_nap', date: '2023-05-19' },
] as const;
export const PROBATION_STEPS = [
  { step: 'boi_duong_dv_moi', date: '2023-08-01', result: 'kha' },
  { doc: '10-KNĐ', receivedOn: '2024-05-02' },
  { doc: '11-KNĐ', receivedOn: '2024-05-02' },
  { doc: '12-KNĐ', receivedOn: '2024-05-05' },
  { doc: '13-KNĐ', receivedOn: '2024-05-08' },
  { step: 'nghi_quyet_cong_nhan', date: '2024-05-12', decisionNo: '20-NQ/ĐU' },
] as const;

type Item = { step: string; date: string; [k: string]: unknown } | { doc: string; receivedOn: string };
async function apply(s: Session, c: { id: string; version: number }, items: readonly Item[]) {
  let cur = c;
  for (const it of items) {
    const url = 'doc' in it ? `/api/v1/admissions/candidates/${cur.id}/documents` : `/api/v1/admissions/candidates/${cur.id}/steps`;
    const res = await s.call('POST', url, { version: cur.version, ...it });
    if (res.statusCode !== 201) throw new Error(`${JSON.stringify(it)}: ${res.statusCode} ${res.body}`);
    cur = res.json() as CandidateDetail;
  }
  return cur as CandidateDetail;
}

describeEngines('admission pipeline', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let helper: { id: string };
  let helperB: { id: string };
  let officer: Session;
  let secretary: Session;
  let otherCommune: Session;

  beforeAll(async () => {
    p = await buildProvince(env());
    helper = await buildMember(p.admin, p.cellA1);
    helperB = await buildMember(p.admin, p.cellB1);
    officer = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    secretary = await buildUser(env(), 'bi_thu', [p.communeA]);
    otherCommune = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
  });

  const create = async (s: Session, over: Record<string, unknown> = {}, cell = p.cellA1, h: string | null = helper.id) => {
    const res = await s.call('POST', '/api/v1/admissions/candidates', candidateInput(cell, h, over));
    if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
    return res.json() as CandidateDetail;
  };

  it('takes a candidate all the way to full member through the member ledger', async () => {
    const db = env().db.kysely;
    const auditBefore = (await counts(db)).audit_log;
    let c = await create(officer);
    expect(c.progress).toMatchObject({ stage: 'gioi_thieu', nextStep: 'nhan_thuc' });
    expect(c.helperName).toBeTruthy();
    c = await apply(officer, c, PRE_STEPS);
    expect(c.progress).toMatchObject({ stage: 'du_bi', probationEndsOn: '2024-05-10' });
    const member = await p.admin.call('GET', `/api/v1/members/${c.personId}`);
    expect(member.json()).toMatchObject({ standing: 'dang_sinh_hoat', admittedOn: '2023-05-10', officialOn: null, orgId: p.cellA1, admittedOrgId: p.cellA1 });
    const history = (await p.admin.call('GET', `/api/v1/members/${c.personId}/history`)).json() as { events: { kind: string; decisionNo: string; issuer: string; orgId: string }[] };
    expect(history.events[0]).toMatchObject({ kind: 'ket_nap', decisionNo: '88-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy', orgId: p.cellA1 });

    c = await apply(officer, c, PROBATION_STEPS);
    c = await apply(officer, c, [{ step: 'ket_qua', date: '2024-05-15', decisionNo: '101-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy', result: 'chinh_thuc' }]);
    expect(c.progress).toMatchObject({ stage: 'chinh_thuc', nextStep: null, probationDaysLeft: null });
    expect(c.officialOn).toBe('2024-05-15');
    const full = (await p.admin.call('GET', `/api/v1/members?org=${p.cellA1}&status=chinh_thuc&q=${encodeURIComponent(c.fullName)}`)).json() as { items: { id: string }[] };
    expect(full.items.map((i) => i.id)).toContain(c.personId);

    // One audit row per change, anchored at the cell's path.
    const rows = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'admission_candidate').where('entity_id', '=', c.id).orderBy('at').execute();
    expect(rows).toHaveLength(1 + PRE_STEPS.length + PROBATION_STEPS.length + 1);
    expect((await counts(db)).audit_log! - auditBefore!).toBe(rows.length);
    const cell = await db.selectFrom('organization_version').select('path').where('org_id', '=', p.cellA1).where('valid_to', 'is', null).executeTakeFirstOrThrow();
    expect(new Set(rows.map((r) => r.path))).toEqual(new Set([cell.path]));
    expect(rows.map((r) => r.action)).toContain('step:le_ket_nap');
  });

  it('ends a probation in "not recognized" through the admission API: the ledger, the episode end and the candidate', async () => {
    const db = env().db.kysely;
    let c = await create(officer);
    c = await apply(officer, c, [...PRE_STEPS, PROBATION_STEPS[0]]);
    expect(c.progress).toMatchObject({ stage: 'du_bi', nextStep: 'nghi_quyet_cong_nhan' });
    const before = await counts(db);
    const outcome = { step: 'ket_qua', date: '2024-05-20', decisionNo: '102-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy', result: 'khong_cong_nhan', note: 'Không đủ tư cách đảng viên trong thời gian dự bị' };
    c = await apply(officer, c, [outcome]);
    const after = await counts(db);
    // One step, one ledger event, one audit row; the episode is closed, not added.
    expect({ step: after.admission_step! - before.admission_step!, event: after.member_event! - before.member_event!, episode: after.membership_episode! - before.membership_episode!, audit: after.audit_log! - before.audit_log! }).toEqual({
      step: 1,
      event: 1,
      episode: 0,
      audit: 1,
    });

    // The candidate: the file is closed with its outcome.
    expect(c.progress).toMatchObject({ stage: 'khong_cong_nhan', nextStep: null, missing: [], probationDaysLeft: null, probationEndsOn: '2024-05-10' });
    expect(c).toMatchObject({ standing: 'khong_cong_nhan', officialOn: null });
    expect(c.steps.at(-1)).toMatchObject({ step: 'ket_qua', result: 'khong_cong_nhan', decisionNo: '102-QĐ/HU' });
    expect(await db.selectFrom('admission_candidate').select(['stage', 'decision_date', 'probation_ends_on']).where('id', '=', c.id).executeTakeFirstOrThrow()).toEqual({
      stage: 'khong_cong_nhan',
      decision_date: '2023-05-10',
      probation_ends_on: '2024-05-10',
    });

    // The ledger: the outcome as its own event, placed in the cell, with the decision.
    const history = (await p.admin.call('GET', `/api/v1/members/${c.personId}/history`)).json() as {
      events: { id: string; kind: string; effectiveDate: string; decisionNo: string; issuer: string; orgId: string; note: string | null }[];
      episodes: { orgId: string; validFrom: string; validTo: string | null }[];
    };
    expect(history.events.map((e) => e.kind)).toEqual(['ket_nap', 'khong_cong_nhan']);
    const last = history.events.at(-1)!;
    expect(last).toMatchObject({ effectiveDate: '2024-05-20', decisionNo: '102-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy', orgId: p.cellA1, note: outcome.note });
    // The episode ends on the outcome's date, by that event.
    expect(history.episodes.map((e) => [e.orgId, e.validFrom, e.validTo])).toEqual([[p.cellA1, '2023-05-10', '2024-05-20']]);
    const ep = await db.selectFrom('membership_episode').select(['end_event_id']).where('person_id', '=', c.personId).executeTakeFirstOrThrow();
    expect(ep.end_event_id).toBe(last.id);
    const person = await db.selectFrom('person').select(['standing', 'activity', 'admitted_on', 'official_on']).where('id', '=', c.personId).executeTakeFirstOrThrow();
    expect(person).toEqual({ standing: 'khong_cong_nhan', activity: null, admitted_on: '2023-05-10', official_on: null });

    // No longer a probationer on any list, and the closed file takes nothing more.
    const overdue = (await p.admin.call('GET', `/api/v1/admissions/probations?within=qua_han&org=${p.cellA1}`)).json() as { items: { personId: string }[] };
    expect(overdue.items.map((i) => i.personId)).not.toContain(c.personId);
    const probationers = (await p.admin.call('GET', `/api/v1/members?org=${p.cellA1}&status=du_bi&q=${encodeURIComponent(c.fullName)}`)).json() as { items: { id: string }[] };
    expect(probationers.items.map((i) => i.id)).not.toContain(c.personId);
    const mid = await counts(db);
    const more = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/steps`, { version: c.version, step: 'nghi_quyet_cong_nhan', date: '2024-05-21', decisionNo: '21-NQ/ĐU' });
    expect(more.json().error).toMatchObject({ code: 'ADMISSION_CLOSED', field: 'step' });
    const doc = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/documents`, { version: c.version, doc: '10-KNĐ', receivedOn: '2024-05-21' });
    expect(doc.json().error).toMatchObject({ code: 'ADMISSION_CLOSED', field: 'doc' });
    expect(await counts(db)).toEqual(mid);
  });

  it('says when 6- to 9-KNĐ are due, lists them as missing once due, and asks for 7-KNĐ under a đảng bộ bộ phận', async () => {
    const db = env().db.kysely;
    const part = await buildOrganization(p.admin, { name: 'Đảng bộ bộ phận khối bản', kind: 'dang_bo_bo_phan', parentId: p.communeA, effectiveDate: '2005-01-01' });
    const cell = await buildOrganization(p.admin, { name: 'Chi bộ bản Bộ Phận', kind: 'chi_bo_truc_thuoc', parentId: part, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
    const h = await buildMember(p.admin, cell);
    let c = await create(officer, {}, cell, h.id);
    const due = (x: CandidateDetail) => Object.fromEntries(x.documentSchedule.map((d) => [d.doc, [d.after, d.before]]));
    expect(due(c)).toMatchObject({
      '6-KNĐ': ['nghi_quyet_chi_bo', 'nghi_quyet_dang_uy'],
      '7-KNĐ': ['nghi_quyet_chi_bo', 'nghi_quyet_dang_uy'],
      '8-KNĐ': ['nghi_quyet_dang_uy', 'quyet_dinh'],
      '9-KNĐ': ['quyet_dinh', 'le_ket_nap'],
    });
    // Elsewhere 7-KNĐ is not needed.
    expect(due(await create(officer))['7-KNĐ']).toEqual(['nghi_quyet_chi_bo', null]);

    // Not in the file before the resolution it records.
    const before = await counts(db);
    const early = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/documents`, { version: c.version, doc: '6-KNĐ', receivedOn: '2023-03-05' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ code: 'STEP_OUT_OF_ORDER', field: 'doc' });
    expect(await counts(db)).toEqual(before);

    c = await apply(officer, c, PRE_STEPS.slice(0, 7));
    expect(c.progress.missing).toEqual(['chưa nhận 6-KNĐ, 7-KNĐ']);
    c = await apply(officer, c, [{ doc: '6-KNĐ', receivedOn: '2023-04-02' }, { doc: '7-KNĐ', receivedOn: '2023-04-10' }, PRE_STEPS[7], PRE_STEPS[8]]);
    expect(c.progress.missing).toEqual(['chưa nhận 8-KNĐ, 9-KNĐ']);
    c = await apply(officer, c, [{ doc: '8-KNĐ', receivedOn: '2023-04-21' }, { doc: '9-KNĐ', receivedOn: '2023-05-11' }]);
    expect(c.progress.missing).toEqual([]);
  });

  it('refuses every step out of order with a clear message, writing nothing', async () => {
    const db = env().db.kysely;
    const c = await create(officer);
    const step = (body: Record<string, unknown>, version = c.version) => officer.call('POST', `/api/v1/admissions/candidates/${c.id}/steps`, { version, ...body });
    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ step: 'nghi_quyet_chi_bo', date: '2023-04-01', decisionNo: '1' }, 'step', /chưa thẩm tra lý lịch.*chưa nhận 1-KNĐ, 2-KNĐ, 3-KNĐ, 5-KNĐ/],
      [{ step: 'tham_tra', date: '2023-03-01', result: 'dat' }, 'step', /chưa nhận 2-KNĐ/],
      [{ step: 'nghi_quyet_dang_uy', date: '2023-04-20', decisionNo: '2' }, 'step', /chưa có nghị quyết đề nghị kết nạp của chi bộ/],
      [{ step: 'quyet_dinh', date: '2023-05-10', decisionNo: '3', issuer: 'BTV' }, 'step', /chưa có nghị quyết của đảng ủy cơ sở/],
      [{ step: 'le_ket_nap', date: '2023-05-19' }, 'step', /chưa có quyết định kết nạp/],
      [{ step: 'boi_duong_dv_moi', date: '2023-08-01', result: 'dat' }, 'step', /chưa có lễ kết nạp/],
      [{ step: 'nghi_quyet_cong_nhan', date: '2024-05-12', decisionNo: '4' }, 'step', /chưa tổ chức lễ kết nạp/],
      [{ step: 'ket_qua', date: '2024-05-15', decisionNo: '5', issuer: 'BTV', result: 'chinh_thuc' }, 'step', /chưa có lễ kết nạp/],
      [{ step: 'nhan_thuc', date: '2023-01-10' }, 'decisionNo', /Số văn bản/],
      [{ step: 'nhan_thuc', date: addMonths(todayIso(), 1), decisionNo: 'x' }, 'date', /sau ngày hôm nay/],
    ];
    const before = await counts(db);
    for (const [body, field, message] of refusals) {
      const res = await step(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      const err = res.json().error as { field: string; message: string };
      expect(err.field, JSON.stringify(body)).toBe(field);
      expect(err.message).toMatch(message);
    }
    expect(await counts(db)).toEqual(before);

    // Half-way: a decision dated before the base committee's resolution, and full membership before 12 months (the ledger's rule).
    let d = await apply(officer, c, PRE_STEPS.slice(0, 8));
    const early = await step({ step: 'quyet_dinh', date: '2023-04-10', decisionNo: '3', issuer: 'BTV' }, d.version);
    expect(early.json().error).toMatchObject({ code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'date' });
    d = await apply(officer, d, [...PRE_STEPS.slice(8), ...PROBATION_STEPS.slice(0, 5), { step: 'nghi_quyet_cong_nhan', date: '2024-05-09', decisionNo: '4' }]);
    const mid = await counts(db);
    const tooSoon = await step({ step: 'ket_qua', date: '2024-05-09', decisionNo: '5', issuer: 'BTV', result: 'chinh_thuc' }, d.version);
    expect(tooSoon.statusCode).toBe(422);
    expect(tooSoon.json().error).toMatchObject({ code: 'PROBATION_TOO_SHORT', field: 'date' });
    expect(tooSoon.json().error.message).toContain('10/05/2024');
    expect(await counts(db)).toEqual(mid);
    const docTwice = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/documents`, { version: d.version, doc: '1-KNĐ', receivedOn: '2023-03-01' });
    expect(docTwice.json().error).toMatchObject({ code: 'DOCUMENT_ALREADY_RECORDED', field: 'doc' });
    expect(await counts(db)).toEqual(mid);
  });

  it('blocks the cell resolution on age and education warnings until an organization officer overrides them', async () => {
    const db = env().db.kysely;
    const old = await create(officer, { birthDate: '1962-01-15', generalEducation: '5/12' });
    expect(old.progress.warnings.map((w) => w.rule).sort()).toEqual(['hoc_van_duoi_thcs', 'tuoi_tren_60']);
    let c = await apply(officer, old, PRE_STEPS.slice(0, 6));
    const cellRes = (v: number) => officer.call('POST', `/api/v1/admissions/candidates/${c.id}/steps`, { version: v, ...PRE_STEPS[6] });
    const before = await counts(db);
    const blocked = await cellRes(c.version);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error).toMatchObject({ code: 'ADMISSION_WARNING', field: 'birthDate' });
    expect(blocked.json().error.message).toMatch(/61 tuổi.*tỉnh ủy/);

    const bySecretary = await secretary.call('POST', `/api/v1/admissions/candidates/${c.id}/overrides`, {
      version: c.version,
      rule: 'tuoi_tren_60',
      reason: 'Người có uy tín, tiêu biểu ở bản',
      approvingBody: 'Ban Thường vụ Tỉnh ủy',
    });
    expect(bySecretary.statusCode).toBe(403);
    expect(bySecretary.json().error.message).toMatch(/Chỉ cán bộ tổ chức hoặc quản trị/);
    expect(await counts(db)).toEqual(before);

    for (const rule of ['tuoi_tren_60', 'hoc_van_duoi_thcs']) {
      const res = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/overrides`, {
        version: c.version,
        rule,
        reason: rule === 'tuoi_tren_60' ? 'Già làng có uy tín' : 'Xã vùng cao, đồng bào dân tộc thiểu số',
        approvingBody: 'Ban Thường vụ Tỉnh ủy',
      });
      expect(res.statusCode, res.body).toBe(201);
      c = res.json() as CandidateDetail;
    }
    expect(c.overrides.map((o) => [o.rule, o.role, o.username])).toEqual([
      ['tuoi_tren_60', 'can_bo_to_chuc', officer.username],
      ['hoc_van_duoi_thcs', 'can_bo_to_chuc', officer.username],
    ]);
    expect(c.progress.warnings.every((w) => w.overridden)).toBe(true);
    const ok = await cellRes(c.version);
    expect(ok.statusCode, ok.body).toBe(201);
    const audits = await db.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'override').execute();
    expect(audits).toHaveLength(2);

    // Under 18 is not a warning: it is refused.
    const young = await apply(officer, await create(officer, { birthDate: '2005-06-01' }), PRE_STEPS.slice(0, 6));
    const tooYoung = await officer.call('POST', `/api/v1/admissions/candidates/${young.id}/steps`, { version: young.version, ...PRE_STEPS[6] });
    expect(tooYoung.json().error).toMatchObject({ code: 'CANDIDATE_UNDER_AGE', field: 'birthDate' });
  });

  it('checks the helper: a full member of the same cell, in good standing; changes keep history', async () => {
    const probationer = await buildMember(p.admin, p.cellA1, { admittedOn: '2026-01-05', officialOn: null });
    const inA2 = await buildMember(p.admin, p.cellA2);
    const bad = [
      [candidateInput(p.cellA1, inA2.id), 'HELPER_OTHER_CELL'],
      [candidateInput(p.cellA1, helperB.id), 'HELPER_NOT_FOUND'],
      [candidateInput(p.cellA1, probationer.id), 'HELPER_NOT_FULL_MEMBER'],
    ] as const;
    for (const [body, code] of bad) {
      const res = await officer.call('POST', '/api/v1/admissions/candidates', body);
      expect(res.json().error).toMatchObject({ code, field: 'helperId' });
    }
    const c = await create(officer, {}, p.cellA1, null);
    expect(c.progress.missing).toContain('chưa phân công đảng viên chính thức giúp đỡ');
    const second = await buildMember(p.admin, p.cellA1);
    let r = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/helpers`, { version: c.version, helperId: helper.id, from: '2023-01-01' });
    expect(r.statusCode, r.body).toBe(201);
    r = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/helpers`, { version: (r.json() as CandidateDetail).version, helperId: second.id, from: '2023-06-01' });
    const d = r.json() as CandidateDetail;
    expect(d.helpers.map((h) => [h.validFrom, h.validTo])).toEqual([
      ['2023-01-01', '2023-06-01'],
      ['2023-06-01', null],
    ]);
  });

  it('keeps a commune user out of another commune’s candidates (404) and its cells', async () => {
    const c = await create(officer);
    const get = await otherCommune.call('GET', `/api/v1/admissions/candidates/${c.id}`);
    expect(get.statusCode).toBe(404);
    const act = await otherCommune.call('POST', `/api/v1/admissions/candidates/${c.id}/steps`, { version: c.version, ...PRE_STEPS[0] });
    expect(act.statusCode).toBe(404);
    const list = (await otherCommune.call('GET', '/api/v1/admissions/candidates?pageSize=200')).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
    expect((await otherCommune.call('GET', `/api/v1/admissions/candidates?org=${p.communeA}`)).statusCode).toBe(404);
    const into = await otherCommune.call('POST', '/api/v1/admissions/candidates', candidateInput(p.cellA1, null));
    expect(into.json().error).toMatchObject({ code: 'ORG_NOT_FOUND', field: 'cellId' });
    const mine = (await officer.call('GET', `/api/v1/admissions/candidates?org=${p.cellA1}&pageSize=200`)).json() as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toContain(c.id);
  });

  it('answers 409 to the second of two edits made on the same version, writing nothing for it', async () => {
    const db = env().db.kysely;
    const c = await create(officer);
    const other = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    const first = await officer.call('POST', `/api/v1/admissions/candidates/${c.id}/documents`, { version: c.version, doc: '1-KNĐ', receivedOn: '2023-02-01' });
    expect(first.statusCode).toBe(201);
    const before = await counts(db);
    const second = await other.call('POST', `/api/v1/admissions/candidates/${c.id}/documents`, { version: c.version, doc: '2-KNĐ', receivedOn: '2023-02-01' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'VERSION_CONFLICT', field: 'version' });
    expect(await counts(db)).toEqual(before);
  });

  it('lists probations ending within 30 days and overdue ones, by the dates relative to today', async () => {
    const admin = p.admin;
    const cell = await buildOrganization(admin, { name: 'Chi bộ bản Dự Bị', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, effectiveDate: '2006-01-01' });
    const today = todayIso();
    const back = (days: number) => new Date(Date.parse(addMonths(today, -12) + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
    const ending = await buildMember(admin, cell, { admittedOn: back(10), officialOn: null });
    const endingToday = await buildMember(admin, cell, { admittedOn: back(0), officialOn: null });
    const overdue = await buildMember(admin, cell, { admittedOn: back(-5), officialOn: null });
    await buildMember(admin, cell, { admittedOn: back(45), officialOn: null });
    await buildMember(admin, cell, { admittedOn: back(-40), officialOn: addMonths(back(-40), 12) });
    const list = async (within: string) =>
      ((await otherCommune.call('GET', `/api/v1/admissions/probations?within=${within}&org=${cell}`)).json() as { items: { personId: string; daysLeft: number }[] }).items;
    expect((await list('sap_het')).map((i) => [i.personId, i.daysLeft])).toEqual([
      [endingToday.id, 0],
      [ending.id, 10],
    ]);
    expect((await list('qua_han')).map((i) => [i.personId, i.daysLeft])).toEqual([[overdue.id, -5]]);
    expect((await officer.call('GET', `/api/v1/admissions/probations?within=qua_han&org=${cell}`)).statusCode).toBe(404);
  });

  it('computes target achievement for counts, rates and per-year terms from admissions placed in the subtree', async () => {
    const admin = p.admin;
    const commune = await buildOrganization(admin, { name: 'Đảng bộ xã Chỉ Tiêu', kind: 'dang_bo_co_so', parentId: p.district, hostType: 'xa_phuong', effectiveDate: '2005-01-01' });
    const cell = await buildOrganization(admin, { name: 'Chi bộ bản Chỉ Tiêu', kind: 'chi_bo_truc_thuoc', parentId: commune, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
    for (let i = 0; i < 4; i++) await buildMember(admin, cell); // admitted 2010: the base on 1 January 2021
    for (const d of ['2021-03-01', '2021-09-01', '2022-05-01', '2023-02-01']) await buildMember(admin, cell, { admittedOn: d, officialOn: null });
    // Admitted elsewhere, then moved in: not an admission of this commune.
    await buildMember(admin, p.cellB1, { admittedOn: '2022-06-01', officialOn: null });
    const set = async (body: Record<string, unknown>) => {
      const res = await admin.call('POST', '/api/v1/admissions/targets', { orgId: commune, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { goal: number; admitted: number; percent: number; met: boolean; baseMembers: number | null; explanation: string };
    };
    expect(await set({ fromYear: 2021, toYear: 2021, kind: 'count', value: 2 })).toMatchObject({ goal: 2, admitted: 2, percent: 100, met: true });
    const rate = await set({ fromYear: 2022, toYear: 2022, kind: 'rate', value: 25 });
    // 1 January 2022: 4 + 2 members; 25% × 6 = 1,5; one admission → 66,67%.
    expect(rate).toMatchObject({ baseMembers: 6, goal: 1.5, admitted: 1, met: false });
    expect(rate.percent).toBeCloseTo(66.667, 2);
    const term = await set({ fromYear: 2021, toYear: 2023, kind: 'count', value: 1, perYear: true });
    expect(term).toMatchObject({ goal: 3, admitted: 4, met: true });
    expect(term.percent).toBeCloseTo(133.333, 2);
    expect(term.explanation).toBe('Từ 1 đảng viên mỗi năm × 3 năm = 3 (2021–2023)');
    const termRate = await set({ fromYear: 2020, toYear: 2023, kind: 'rate', value: 10, perYear: true });
    // 1 January 2020: 4 members; 10% × 4 × 4 years = 1,6; four admissions → 250%.
    expect(termRate).toMatchObject({ baseMembers: 4, admitted: 4 });
    expect(termRate.goal).toBeCloseTo(1.6);
    expect(termRate.percent).toBeCloseTo(250);
    const again = await admin.call('POST', '/api/v1/admissions/targets', { orgId: commune, fromYear: 2021, toYear: 2021, kind: 'count', value: 3 });
    expect(again.json().error).toMatchObject({ code: 'TARGET_EXISTS', field: 'fromYear' });
    const listed = (await admin.call('GET', `/api/v1/admissions/targets?org=${commune}&year=2022`)).json() as { items: { fromYear: number; toYear: number }[] };
    expect(listed.items.map((t) => [t.fromYear, t.toYear])).toEqual([
      [2020, 2023],
      [2021, 2023],
      [2022, 2022],
    ]);
    expect(listed.items.every((t) => (t as { bound?: string }).bound === 'tu')).toBe(true);
    expect((await otherCommune.call('GET', `/api/v1/admissions/targets?org=${commune}`)).statusCode).toBe(404);
    expect((await secretary.call('POST', '/api/v1/admissions/targets', { orgId: p.communeA, fromYear: 2024, toYear: 2024, kind: 'count', value: 1 })).statusCode).toBe(403);
  });

  it('meets a "từ … trở lên" target at exactly the goal and a "hơn" target only above it', async () => {
    const db = env().db.kysely;
    const admin = p.admin;
    const commune = await buildOrganization(admin, { name: 'Đảng bộ xã Hơn Kém', kind: 'dang_bo_co_so', parentId: p.district, hostType: 'xa_phuong', effectiveDate: '2005-01-01' });
    const cell = await buildOrganization(admin, { name: 'Chi bộ bản Hơn Kém', kind: 'chi_bo_truc_thuoc', parentId: commune, hostType: 'thon_ban', effectiveDate: '2005-01-01' });
    for (let i = 0; i < 10; i++) await buildMember(admin, cell); // the base on 1 January 2022
    for (const d of ['2021-03-01', '2021-09-01', '2022-04-01', '2022-10-01']) await buildMember(admin, cell, { admittedOn: d, officialOn: null });
    const set = async (body: Record<string, unknown>) => {
      const res = await admin.call('POST', '/api/v1/admissions/targets', { orgId: commune, kind: 'count', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { bound: string; goal: number; admitted: number; percent: number; met: boolean; explanation: string };
    };
    // Two admissions in 2021 and two in 2022, each year's goal exactly two.
    expect(await set({ fromYear: 2021, toYear: 2021, value: 2 })).toMatchObject({ bound: 'tu', goal: 2, admitted: 2, percent: 100, met: true, explanation: 'Từ 2 đảng viên trở lên (2021)' });
    expect(await set({ fromYear: 2022, toYear: 2022, value: 2, bound: 'hon' })).toMatchObject({ bound: 'hon', goal: 2, admitted: 2, percent: 100, met: false, explanation: 'Hơn 2 đảng viên (2022)' });
    // A rate at exactly its goal: 1 January 2021 has 10 members, 40 % of them = 4, four admitted in 2021–2022.
    const rate = await set({ fromYear: 2021, toYear: 2022, kind: 'rate', value: 40, bound: 'hon' });
    expect(rate).toMatchObject({ bound: 'hon', admitted: 4, percent: 100, met: false });
    expect(rate.goal).toBeCloseTo(4);
    const above = (await set({ fromYear: 2021, toYear: 2023, value: 3, bound: 'hon' })) as { met: boolean; admitted: number };
    expect(above).toMatchObject({ admitted: 4, met: true });
    const stored = await db.selectFrom('admission_target').select(['from_year', 'to_year', 'bound']).where('org_id', '=', commune).orderBy('from_year').orderBy('to_year').execute();
    expect(stored.map((r) => [r.from_year, r.to_year, r.bound])).toEqual([
      [2021, 2021, 'tu'],
      [2021, 2022, 'hon'],
      [2021, 2023, 'hon'],
      [2022, 2022, 'hon'],
    ]);
    const before = await counts(db);
    const bad = await admin.call('POST', '/api/v1/admissions/targets', { orgId: commune, fromYear: 2024, toYear: 2024, kind: 'count', value: 1, bound: 'tren' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('bound');
    expect(await counts(db)).toEqual(before);
  });

  it('gives targets written before the bound existed "từ … trở lên" (migration 014 default)', async () => {
    const db = env().db.kysely;
    const id = `00000000-0000-7000-8000-${String(Date.now()).slice(-12).padStart(12, '0')}`;
    await db
      .insertInto('admission_target')
      .values({ id, org_id: p.communeB, from_year: 2019, to_year: 2019, kind: 'count', value: 1, per_year: 0, decision_no: null, note: null, created_by: null, created_at: new Date().toISOString() })
      .execute();
    expect((await db.selectFrom('admission_target').select('bound').where('id', '=', id).executeTakeFirstOrThrow()).bound).toBe('tu');
    const listed = (await p.admin.call('GET', `/api/v1/admissions/targets?org=${p.communeB}&year=2019`)).json() as { items: { id: string; bound: string }[] };
    expect(listed.items.find((t) => t.id === id)?.bound).toBe('tu');
  });
});
