import { addDaysIso, figuresOf, todayIso, type CohortDetailOut, type ReportResult } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, buildUser, type Session } from '../../test/factories.js';
import { awarenessCertificate, theoryOfPersonOn } from './training.qualification.js';

const today = todayIso();
const ago = (n: number) => addDaysIso(today, -n);
type Totals = { personTimes: number; people: number; passed: number; failed: number; withdrawn: number; grades: Record<string, number>; passRate: number | null };

describeEngines('training: courses, cohorts, enrolment, results and qualifications', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let userA: Session;
  let userB: Session;
  let course: { id: string };
  const db = () => env().db.kysely;
  const TABLES = ['training_course', 'training_cohort', 'training_enrolment', 'qualification', 'person', 'audit_log'] as const;
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const v = await db().selectFrom('person').select((eb) => eb.fn.sum<number>('version').as('v')).executeTakeFirstOrThrow();
    out.personVersions = Number(v.v);
    return out;
  };
  /** The call is refused with `status` and `field`, and nothing at all is written. */
  const refused = async (call: () => Promise<{ statusCode: number; json: () => unknown; body: string }>, status: number, field?: string) => {
    const before = await snapshot();
    const res = await call();
    expect(res.statusCode, res.body).toBe(status);
    if (field) expect((res.json() as { error: { field?: string } }).error.field).toBe(field);
    expect(await snapshot()).toEqual(before);
    return res;
  };
  const ok = async (s: Session, method: 'POST' | 'GET', url: string, body?: unknown) => {
    const res = await s.call(method, url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as CohortDetailOut;
  };
  const newCohort = (s: Session, organizerOrgId: string, name: string, courseId = course.id, startsOn = ago(200), endsOn = ago(120)) =>
    ok(s, 'POST', '/api/v1/training/cohorts', { courseId, name, organizerOrgId, place: 'Hội trường xã', startsOn, endsOn });
  const theory = async (s: Session, org: string, asOf: string) =>
    ((await s.call('GET', `/api/v1/training/theory?org=${org}&asOf=${asOf}`)).json() as { members: number; byLevel: Record<string, number> }).byLevel;

  it('sets up a province with a user per commune and a course', async () => {
    p = await buildProvince(env());
    userA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    userB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    const res = await userA.call('POST', '/api/v1/training/courses', { kind: 'trung_cap', name: 'Trung cấp lý luận chính trị - hành chính', provider: 'Trường Chính trị tỉnh', orgId: p.communeA });
    expect(res.statusCode, res.body).toBe(201);
    course = res.json();
    expect((await userB.call('GET', '/api/v1/training/courses')).json()).toEqual([]);
    await refused(() => userB.call('POST', '/api/v1/training/courses', { kind: 'so_cap', name: 'x', provider: 'y', orgId: p.communeA }), 404);
  });

  it('moves a cohort forward only: plan → running → finished, dated, with 409 on a stale version', async () => {
    let c = await newCohort(userA, p.communeA, 'Lớp trung cấp khóa 1');
    expect(c).toMatchObject({ state: 'ke_hoach', canManage: true, canEnrol: true, enrolled: 0 });
    const state = (body: Record<string, unknown>, s = userA) => () => s.call('POST', `/api/v1/training/cohorts/${c.id}/state`, body);
    await refused(state({ version: c.version, state: 'ket_thuc', date: ago(100) }), 422, 'state');
    await refused(state({ version: c.version, state: 'dang_hoc', date: addDaysIso(today, 2) }), 422, 'date');
    await refused(state({ version: c.version + 1, state: 'dang_hoc', date: ago(200) }), 409, 'version');
    await refused(state({ version: c.version, state: 'dang_hoc', date: ago(200) }, userB), 404);
    c = await ok(userA, 'POST', `/api/v1/training/cohorts/${c.id}/state`, { version: c.version, state: 'dang_hoc', date: ago(200) });
    expect(c).toMatchObject({ state: 'dang_hoc', openedOn: ago(200) });
    await refused(state({ version: c.version, state: 'ke_hoach', date: ago(150) }), 422, 'state');
    await refused(state({ version: c.version, state: 'ket_thuc', date: ago(201) }), 422, 'date');
    c = await ok(userA, 'POST', `/api/v1/training/cohorts/${c.id}/state`, { version: c.version, state: 'ket_thuc', date: ago(120) });
    expect(c).toMatchObject({ state: 'ket_thuc', openedOn: ago(200), closedOn: ago(120), canEnrol: false });
    await refused(state({ version: c.version, state: 'ket_thuc', date: ago(100) }), 422, 'state');
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    await refused(() => userA.call('POST', `/api/v1/training/cohorts/${c.id}/enrolments`, { personIds: [m.id], sentByOrgId: p.communeA, sentOn: ago(130) }), 422, 'cohort');
    const audits = await db().selectFrom('audit_log').select('action').where('entity_id', '=', c.id).orderBy('at').execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'state:dang_hoc', 'state:ket_thuc']);
  });

  it('enrols only people in scope and fit for the class; another commune sees nothing', async () => {
    const c = await newCohort(userA, p.communeA, 'Lớp trung cấp khóa 2');
    const mine = await buildMember(p.admin, p.cellA1, { cccd: null });
    const theirs = await buildMember(p.admin, p.cellB1, { cccd: null });
    const url = `/api/v1/training/cohorts/${c.id}/enrolments`;
    await refused(() => userA.call('POST', url, { personIds: [mine.id, theirs.id], sentByOrgId: p.communeA, sentOn: ago(210) }), 404);
    await refused(() => userA.call('POST', url, { personIds: [mine.id], sentByOrgId: p.communeB, sentOn: ago(210) }), 404);
    await refused(() => userA.call('POST', url, { personIds: [mine.id], sentByOrgId: p.communeA, sentOn: ago(100) }), 422, 'sentOn');
    await refused(() => userB.call('POST', url, { personIds: [theirs.id], sentByOrgId: p.communeB, sentOn: ago(210) }), 404);
    expect((await userB.call('GET', `/api/v1/training/cohorts/${c.id}`)).statusCode).toBe(404);
    const listB = (await userB.call('GET', '/api/v1/training/cohorts')).json() as { total: number };
    expect(listB.total).toBe(0);

    const d = await ok(userA, 'POST', url, { personIds: [mine.id, mine.id], sentByOrgId: p.communeA, sentOn: ago(210), decisionNo: '12-QĐ/ĐU' });
    expect(d.enrolments).toHaveLength(1);
    expect(d.enrolments[0]).toMatchObject({ personId: mine.id, wasMember: true, status: 'dang_hoc', sentOn: ago(210), decisionNo: '12-QĐ/ĐU', sentBy: { id: p.communeA } });
    await refused(() => userA.call('POST', url, { personIds: [mine.id], sentByOrgId: p.communeA, sentOn: ago(210) }), 422, 'personIds');

    // Results need an opened class; a member cannot be sent to the awareness class, a non-member not to the new-member class.
    const e = d.enrolments[0]!;
    await refused(() => userA.call('POST', `/api/v1/training/enrolments/${e.id}/result`, { version: e.version, result: 'dat', resultOn: ago(130) }), 422, 'result');
    const awareness = (await userA.call('POST', '/api/v1/training/courses', { kind: 'nhan_thuc', name: 'Bồi dưỡng nhận thức về Đảng', provider: 'Trung tâm chính trị xã', orgId: p.communeA })).json() as { id: string };
    const newMembers = (await userA.call('POST', '/api/v1/training/courses', { kind: 'dang_vien_moi', name: 'Bồi dưỡng đảng viên mới', provider: 'Trung tâm chính trị xã', orgId: p.communeA })).json() as { id: string };
    const ca = await newCohort(userA, p.communeA, 'Lớp nhận thức khóa 1', awareness.id, ago(60), ago(55));
    const cn = await newCohort(userA, p.communeA, 'Lớp đảng viên mới khóa 1', newMembers.id, ago(60), ago(55));
    const candidate = (await p.admin.call('POST', '/api/v1/people', { fullName: 'Thào A Dình', sex: 'nam', birthDate: '2000-01-01', ethnicity: '08', orgId: p.cellA1 })).json() as { id: string };
    await refused(() => userA.call('POST', `/api/v1/training/cohorts/${ca.id}/enrolments`, { personIds: [mine.id], sentByOrgId: p.communeA, sentOn: ago(61) }), 422, 'personIds');
    await refused(() => userA.call('POST', `/api/v1/training/cohorts/${cn.id}/enrolments`, { personIds: [candidate.id], sentByOrgId: p.communeA, sentOn: ago(61) }), 422, 'personIds');

    // The awareness certificate is there for the admission file.
    let a = await ok(userA, 'POST', `/api/v1/training/cohorts/${ca.id}/enrolments`, { personIds: [candidate.id], sentByOrgId: p.communeA, sentOn: ago(61) });
    expect(a.enrolments[0]).toMatchObject({ wasMember: false });
    a = await ok(userA, 'POST', `/api/v1/training/cohorts/${ca.id}/state`, { version: a.version, state: 'dang_hoc', date: ago(60) });
    a = await ok(userA, 'POST', `/api/v1/training/enrolments/${a.enrolments[0]!.id}/result`, { version: a.enrolments[0]!.version, result: 'dat', resultOn: ago(55), certificateNo: 'GCN 15/TTCT', certificateDate: ago(54) });
    expect(await awarenessCertificate(db(), candidate.id)).toMatchObject({ certificateNo: 'GCN 15/TTCT', date: ago(54) });
    const certs = (await userA.call('GET', `/api/v1/training/enrolments?personId=${candidate.id}&kind=nhan_thuc`)).json() as { items: { certificateNo: string; certificateDate: string; result: string }[] };
    expect(certs.items).toEqual([expect.objectContaining({ certificateNo: 'GCN 15/TTCT', certificateDate: ago(54), result: 'dat' })]);
    // No theory level comes from the awareness class.
    expect((await db().selectFrom('qualification').select('id').where('person_id', '=', candidate.id).execute()).length).toBe(0);
  });

  it('records a result once; a pass raises the political-theory level from the certificate date only', async () => {
    let c = await newCohort(userA, p.communeA, 'Lớp trung cấp khóa 3');
    const m = await buildMember(p.admin, p.cellA1, { cccd: null, politicalTheory: 'so_cap' });
    const high = await buildMember(p.admin, p.cellA1, { cccd: null, politicalTheory: 'cao_cap' });
    const fail = await buildMember(p.admin, p.cellA1, { cccd: null });
    const quit = await buildMember(p.admin, p.cellA1, { cccd: null });
    c = await ok(userA, 'POST', `/api/v1/training/cohorts/${c.id}/enrolments`, { personIds: [m.id, high.id, fail.id, quit.id], sentByOrgId: p.communeA, sentOn: ago(210) });
    c = await ok(userA, 'POST', `/api/v1/training/cohorts/${c.id}/state`, { version: c.version, state: 'dang_hoc', date: ago(200) });
    const of = (id: string) => c.enrolments.find((e) => e.personId === id)!;
    const result = (id: string, body: Record<string, unknown>, s = userA) => () => s.call('POST', `/api/v1/training/enrolments/${of(id).id}/result`, { version: of(id).version, ...body });

    const before = (await theory(userA, p.communeA, ago(1))).trung_cap ?? 0;
    await refused(result(m.id, { result: 'dat', grade: 'gioi', resultOn: ago(120) }, userB), 404);
    await refused(result(m.id, { result: 'dat', grade: 'gioi', resultOn: ago(120), version: 9 }), 409, 'version');
    await refused(result(m.id, { result: 'dat', grade: 'gioi', resultOn: addDaysIso(today, 1) }), 422, 'resultOn');
    await refused(result(m.id, { result: 'dat', resultOn: ago(205) }), 422, 'resultOn');
    await refused(result(m.id, { result: 'khong_dat', resultOn: ago(120), certificateNo: 'x' }), 400, 'certificateNo');

    const profileVersion = (await p.admin.call('GET', `/api/v1/members/${m.id}`)).json().version as number;
    c = await ok(userA, 'POST', `/api/v1/training/enrolments/${of(m.id).id}/result`, { version: of(m.id).version, result: 'dat', grade: 'gioi', resultOn: ago(120), certificateNo: 'TC-0012', certificateDate: ago(110) });
    expect(of(m.id)).toMatchObject({ status: 'dat', grade: 'gioi', certificateNo: 'TC-0012', certificateDate: ago(110) });
    const profile = (await p.admin.call('GET', `/api/v1/members/${m.id}`)).json();
    expect(profile).toMatchObject({ politicalTheory: 'trung_cap', version: profileVersion + 1 });
    const history = (await p.admin.call('GET', `/api/v1/members/${m.id}/history`)).json() as { qualifications: unknown[] };
    expect(history.qualifications).toEqual([expect.objectContaining({ kind: 'ly_luan_chinh_tri', level: 'trung_cap', obtainedOn: ago(110) })]);
    // As of a date: sơ cấp the day before the certificate, trung cấp from it.
    expect(await theoryOfPersonOn(db(), m.id, ago(111))).toBe('so_cap');
    expect(await theoryOfPersonOn(db(), m.id, ago(110))).toBe('trung_cap');
    expect((await theory(userA, p.communeA, ago(1))).trung_cap).toBe(before + 1);
    const dayBefore = await theory(userA, p.communeA, ago(111));
    const onDay = await theory(userA, p.communeA, ago(110));
    expect(onDay.trung_cap! - (dayBefore.trung_cap ?? 0)).toBe(1);
    expect(dayBefore.so_cap! - (onDay.so_cap ?? 0)).toBe(1);
    // The membership-quality report reads the level held on its date too, and its list agrees.
    const quality = async (d: string) => figuresOf((await userA.call('GET', `/api/v1/reports/chat-luong?org=${p.communeA}&asOf=${d}`)).json() as ReportResult);
    const [qBefore, qOn] = [await quality(ago(111)), await quality(ago(110))];
    expect(qOn['llct.theory.trung_cap.n']! - qBefore['llct.theory.trung_cap.n']!).toBe(1);
    expect(qBefore['llct.theory.so_cap.n']! - qOn['llct.theory.so_cap.n']!).toBe(1);
    const listed = async (d: string) =>
      ((await userA.call('GET', `/api/v1/reports/chat-luong/drill?org=${p.communeA}&asOf=${d}&pageSize=500&figure=${encodeURIComponent(`m:d=${d};theory=trung_cap`)}`)).json() as { rows: { id: string }[] }).rows.map((r) => r.id);
    expect(await listed(ago(110))).toContain(m.id);
    expect(await listed(ago(111))).not.toContain(m.id);
    // So does the dashboard on a past date.
    const board = async (d: string) => ((await userA.call('GET', `/api/v1/dashboard?org=${p.communeA}&asOf=${d}`)).json() as { byTheory: Record<string, number> }).byTheory;
    const [bBefore, bOn] = [await board(ago(111)), await board(ago(110))];
    expect((bOn.trung_cap ?? 0) - (bBefore.trung_cap ?? 0)).toBe(1);

    // Written once; withdrawal after a result is refused.
    await refused(result(m.id, { result: 'khong_dat', resultOn: ago(100) }), 422, 'result');
    await refused(() => userA.call('POST', `/api/v1/training/enrolments/${of(m.id).id}/withdraw`, { version: of(m.id).version, date: ago(100), reason: 'x' }), 422, 'date');

    // A lower certificate is recorded but does not lower the level held.
    c = await ok(userA, 'POST', `/api/v1/training/enrolments/${of(high.id).id}/result`, { version: of(high.id).version, result: 'dat', grade: 'kha', resultOn: ago(120) });
    expect((await p.admin.call('GET', `/api/v1/members/${high.id}`)).json()).toMatchObject({ politicalTheory: 'cao_cap' });
    expect(await theoryOfPersonOn(db(), high.id, ago(500))).toBe('cao_cap');

    // Not passed: no qualification. Withdrawn: no result afterwards.
    c = await ok(userA, 'POST', `/api/v1/training/enrolments/${of(fail.id).id}/result`, { version: of(fail.id).version, result: 'khong_dat', resultOn: ago(120) });
    expect((await db().selectFrom('qualification').select('id').where('person_id', '=', fail.id).execute()).length).toBe(0);
    await refused(() => userA.call('POST', `/api/v1/training/enrolments/${of(quit.id).id}/withdraw`, { version: of(quit.id).version, date: ago(215), reason: 'Ốm' }), 422, 'date');
    c = await ok(userA, 'POST', `/api/v1/training/enrolments/${of(quit.id).id}/withdraw`, { version: of(quit.id).version, date: ago(150), reason: 'Ốm dài ngày' });
    expect(of(quit.id)).toMatchObject({ status: 'rut', withdrawnOn: ago(150) });
    await refused(result(quit.id, { result: 'dat', resultOn: ago(120) }), 422, 'result');
    expect(c.tally).toMatchObject({ personTimes: 4, people: 4, passed: 2, failed: 1, withdrawn: 1, passRate: 2 / 3, grades: { gioi: 1, kha: 1 } });
    expect(c.enrolled).toBe(3);
  });

  it('counts people and person-times apart, and lets a commune send people to a provincial class', async () => {
    const provCourse = (await p.admin.call('POST', '/api/v1/training/courses', { kind: 'so_cap', name: 'Sơ cấp lý luận chính trị', provider: 'Trường Chính trị tỉnh', orgId: p.province })).json() as { id: string };
    const c1 = await newCohort(p.admin, p.province, 'Lớp sơ cấp tỉnh khóa 1', provCourse.id, ago(90), ago(80));
    const c2 = await newCohort(p.admin, p.province, 'Lớp sơ cấp tỉnh khóa 2', provCourse.id, ago(70), ago(60));
    const twice = await buildMember(p.admin, p.cellA2, { cccd: null });
    const other = await buildMember(p.admin, p.cellB2, { cccd: null });
    // The commune sees the provincial classes only when asking for the classes open to it.
    const listA = (q: string) => userA.call('GET', `/api/v1/training/cohorts?${q}`).then((r) => r.json() as { total: number; items: { id: string }[] });
    expect((await listA('')).items.map((i) => i.id)).not.toContain(c1.id);
    expect((await listA('above=1')).items.map((i) => i.id)).toEqual(expect.arrayContaining([c1.id, c2.id]));
    const d1 = await ok(userA, 'POST', `/api/v1/training/cohorts/${c1.id}/enrolments`, { personIds: [twice.id], sentByOrgId: p.communeA, sentOn: ago(95) });
    expect(d1).toMatchObject({ canManage: false, canEnrol: true });
    await ok(userA, 'POST', `/api/v1/training/cohorts/${c2.id}/enrolments`, { personIds: [twice.id], sentByOrgId: p.communeA, sentOn: ago(75) });
    await ok(userB, 'POST', `/api/v1/training/cohorts/${c2.id}/enrolments`, { personIds: [other.id], sentByOrgId: p.communeB, sentOn: ago(75) });
    // Each commune sees its own learners in the provincial class, and the others only as a count.
    const seen = await ok(userA, 'GET', `/api/v1/training/cohorts/${c2.id}`);
    expect(seen.enrolments.map((e) => e.personId)).toEqual([twice.id]);
    expect(seen.hiddenEnrolments).toBe(1);
    await refused(() => userA.call('POST', `/api/v1/training/cohorts/${c2.id}/state`, { version: c2.version, state: 'dang_hoc', date: ago(70) }), 404);

    const sent = (await userA.call('GET', `/api/v1/training/enrolments?from=${ago(100)}&to=${today}&kind=so_cap`)).json() as { total: number; totals: Totals };
    expect(sent.totals).toMatchObject({ personTimes: 2, people: 1 });
    const province = (await p.admin.call('GET', `/api/v1/training/cohorts?org=${p.province}&from=${ago(100)}&to=${today}&kind=so_cap`)).json() as { totals: Totals & { cohorts: number } };
    expect(province.totals).toMatchObject({ cohorts: 2, personTimes: 3, people: 2 });
    // A period that ends before the classes holds none of them.
    const earlier = (await p.admin.call('GET', `/api/v1/training/cohorts?org=${p.province}&to=${ago(95)}&kind=so_cap`)).json() as { totals: { cohorts: number } };
    expect(earlier.totals.cohorts).toBe(0);
    expect((await userB.call('GET', `/api/v1/training/cohorts?org=${p.communeA}`)).statusCode).toBe(404);
  });

  it('records whether a learner was a member on the day sent, not on the day the entry is made', async () => {
    const course2 = (await p.admin.call('POST', '/api/v1/training/courses', { kind: 'so_cap', name: 'Sơ cấp lý luận chính trị (bổ túc)', provider: 'Trung tâm chính trị huyện', orgId: p.communeA })).json() as { id: string };
    const c = await newCohort(userA, p.communeA, 'Lớp sơ cấp ghi bù', course2.id, ago(90), ago(60));
    const newcomer = await buildMember(p.admin, p.cellA1, { cccd: null, admittedOn: ago(40), officialOn: null });
    const long = await buildMember(p.admin, p.cellA1, { cccd: null });
    const d = await ok(userA, 'POST', `/api/v1/training/cohorts/${c.id}/enrolments`, { personIds: [newcomer.id, long.id], sentByOrgId: p.communeA, sentOn: ago(95) });
    expect(d.enrolments.find((e) => e.personId === newcomer.id)).toMatchObject({ wasMember: false });
    expect(d.enrolments.find((e) => e.personId === long.id)).toMatchObject({ wasMember: true });
  });
});
