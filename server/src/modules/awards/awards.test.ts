import { addDaysIso, todayIso, type AwardOut, type BadgeDueOut, type ContestDetailOut } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildOrganization, buildUser, type Session } from '../../test/factories.js';

const today = todayIso();
const year = Number(today.slice(0, 4));
const TABLES = ['award', 'contest', 'contest_round', 'contest_entry', 'audit_log'] as const;
const decision = { decisionNo: '2150-QĐ/TU', decisionDate: addDaysIso(today, -3), issuer: 'Ban Thường vụ Tỉnh ủy' };

/** The factory province starts in 2000; badges need members admitted decades earlier. */
async function buildOldProvince(env: Parameters<typeof buildUser>[0]) {
  const admin = await buildUser(env, 'quan_tri', []);
  const org = (name: string, kind: string, parentId: string | null) => buildOrganization(admin, { name, kind, parentId, effectiveDate: '1950-01-01', hostType: 'khac' });
  const province = await org('Đảng bộ tỉnh Lâu Năm', 'dang_bo_tinh', null);
  const district = await org('Đảng bộ huyện Núi Cũ', 'dang_bo_huyen', province);
  const communeA = await org('Đảng bộ xã Pa Tần', 'dang_bo_co_so', district);
  const communeB = await org('Đảng bộ xã Huổi Luông', 'dang_bo_co_so', district);
  const cellA1 = await org('Chi bộ bản Nậm Cười', 'chi_bo_truc_thuoc', communeA);
  const cellA2 = await org('Chi bộ bản Pa Tần', 'chi_bo_truc_thuoc', communeA);
  const cellB1 = await org('Chi bộ bản Huổi Luông', 'chi_bo_truc_thuoc', communeB);
  return { admin, province, district, communeA, communeB, cellA1, cellA2, cellB1 };
}

describeEngines('awards: commendations, party-age badges due, contests', (env) => {
  let p: Awaited<ReturnType<typeof buildOldProvince>>;
  let userA: Session;
  let userB: Session;
  let due30: { id: string };
  let readmitted: { id: string };
  let notYet: { id: string };
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await env().db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return out;
  };
  const refused = async (s: Session, method: 'POST' | 'PATCH', url: string, body: unknown, status: number, field: string) => {
    const before = await counts();
    const res = await s.call(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.field).toBe(field);
    expect(await counts()).toEqual(before);
    return res.json().error.message as string;
  };
  const event = async (personId: string, body: Record<string, unknown>) => {
    const version = ((await p.admin.call('GET', `/api/v1/members/${personId}`)).json() as { version: number }).version;
    const res = await p.admin.call('POST', `/api/v1/members/${personId}/events`, { version, ...body });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };

  it('sets up members with long party histories', async () => {
    p = await buildOldProvince(env());
    userA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    userB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    const admitted = (y: number, md: string) => ({ cccd: null, birthDate: `${y - 25}-01-01`, admittedOn: `${y}-${md}`, officialOn: `${y + 1}-${md}` });
    due30 = await buildMember(p.admin, p.cellA1, admitted(year - 30, '12-31'));
    notYet = await buildMember(p.admin, p.cellA1, admitted(year - 29, '01-01'));
    // Admitted 31 years ago, out of the Party for a year and 3 days, readmitted: 30 years are reached this year.
    readmitted = await buildMember(p.admin, p.cellA2, admitted(year - 31, '06-01'));
    await event(readmitted.id, { kind: 'xoa_ten', effectiveDate: `${year - 20}-01-01`, decisionNo: '12-QĐ/ĐU' });
    await event(readmitted.id, { kind: 'phuc_hoi', effectiveDate: `${year - 19}-01-04`, decisionNo: '40-QĐ/HU', orgId: p.cellA2 });
    await buildMember(p.admin, p.cellB1, admitted(year - 40, '05-19'));
  });

  it('lists the members due a badge this year, counting time outside the Party', async () => {
    const res = await userA.call('GET', `/api/v1/awards/badges/due?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as BadgeDueOut;
    expect(list.ruleSet).toBe('HH-90');
    const byId = new Map(list.items.map((i) => [i.personId, i]));
    expect(byId.get(due30.id)).toMatchObject({ milestone: 30, reachedOn: `${year}-12-31`, awardDay: `${year + 1}-02-03`, interrupted: false });
    expect(byId.get(readmitted.id)).toMatchObject({ milestone: 30, firstAdmittedOn: `${year - 31}-06-01`, interrupted: true });
    expect(byId.get(readmitted.id)!.reachedOn.slice(0, 4)).toBe(String(year));
    expect(byId.has(notYet.id)).toBe(false);
    // Commune B's 40-year member is not commune A's business; the province sees both.
    expect(list.items).toHaveLength(2);
    expect((await p.admin.call('GET', `/api/v1/awards/badges/due?year=${year}`)).json().items).toHaveLength(3);
    expect((await userA.call('GET', `/api/v1/awards/badges/due?org=${p.communeB}`)).statusCode).toBe(404);
  });

  it('records a badge, then the member is no longer due; refuses a second one and one not yet reached', async () => {
    const badge = { awardKind: 'huy_hieu', badgeYears: 30, recipientPersonId: due30.id, ...decision };
    const res = await userA.call('POST', '/api/v1/awards', badge);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'huy_hieu', title: 'Huy hiệu 30 năm tuổi Đảng', badgeYears: 30, year });
    const due = (await userA.call('GET', `/api/v1/awards/badges/due?year=${year}`)).json() as BadgeDueOut;
    expect(due.items.map((i) => i.personId)).not.toContain(due30.id);
    await refused(userA, 'POST', '/api/v1/awards', badge, 409, 'badgeYears');
    const msg = await refused(userA, 'POST', '/api/v1/awards', { ...badge, recipientPersonId: notYet.id }, 422, 'badgeYears');
    expect(msg).toMatch(/sau năm trao/);
    await refused(userA, 'POST', '/api/v1/awards', { ...badge, badgeYears: 35 }, 400, 'badgeYears');
    await refused(userB, 'POST', '/api/v1/awards', { ...badge, recipientPersonId: readmitted.id }, 422, 'recipientPersonId');
  });

  it('records commendations to organizations, edits with a version, keeps scope', async () => {
    const res = await userA.call('POST', '/api/v1/awards', { awardKind: 'giay_khen', awardLevel: 'huyen', awardTitle: 'Giấy khen tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ', recipientOrgId: p.cellA1, ...decision });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as AwardOut;
    expect(a).toMatchObject({ org: { id: p.cellA1, name: 'Chi bộ bản Nậm Cười' }, level: 'huyen', ratingId: null, version: 1 });
    const edited = await userA.call('PATCH', `/api/v1/awards/${a.id}`, { version: 1, awardTitle: a.title, decisionNo: '2151-QĐ/TU', decisionDate: decision.decisionDate, issuer: decision.issuer });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    await refused(userA, 'PATCH', `/api/v1/awards/${a.id}`, { version: 1, awardTitle: 'x', decisionNo: '1', decisionDate: decision.decisionDate, issuer: 'x' }, 409, 'version');
    expect((await userB.call('GET', `/api/v1/awards/${a.id}`)).statusCode).toBe(404);
    expect((await userB.call('PATCH', `/api/v1/awards/${a.id}`, { version: 2, awardTitle: 'x', decisionNo: '1', decisionDate: decision.decisionDate, issuer: 'x' })).statusCode).toBe(404);
    const listA = (await userA.call('GET', `/api/v1/awards?year=${year}`)).json() as { total: number };
    expect(listA.total).toBe(2);
    expect(((await userB.call('GET', '/api/v1/awards')).json() as { total: number }).total).toBe(0);
    await refused(userA, 'POST', '/api/v1/awards', { awardKind: 'bang_khen', awardTitle: 'x', recipientOrgId: p.communeB, ...decision }, 422, 'recipientOrgId');
  });

  it('edits a commendation’s level and decision with one audit row; a bad level is refused', async () => {
    const res = await userA.call('POST', '/api/v1/awards', { awardKind: 'bang_khen', awardLevel: 'huyen', awardTitle: 'Bằng khen tổ chức đảng trong sạch, vững mạnh', recipientOrgId: p.cellA2, awardYear: year - 1, ...decision });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as AwardOut;
    expect(a).toMatchObject({ kind: 'bang_khen', level: 'huyen', year: year - 1 });
    const body = { version: 1, awardTitle: a.title, decisionNo: '2160-QĐ/TU', decisionDate: decision.decisionDate, issuer: 'Ban Thường vụ Tỉnh ủy', note: 'Trao tại hội nghị tổng kết' };
    await refused(userA, 'PATCH', `/api/v1/awards/${a.id}`, { ...body, awardLevel: 'xa' }, 400, 'awardLevel');
    const audits = (await counts()).audit_log!;
    const edited = await userA.call('PATCH', `/api/v1/awards/${a.id}`, { ...body, awardLevel: 'tinh' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ level: 'tinh', decisionNo: '2160-QĐ/TU', note: 'Trao tại hội nghị tổng kết', version: 2 });
    expect((await counts()).audit_log! - audits).toBe(1);
    // Leaving the level out keeps it; null clears it.
    const kept = await userA.call('PATCH', `/api/v1/awards/${a.id}`, { ...body, version: 2 });
    expect(kept.json()).toMatchObject({ level: 'tinh', version: 3 });
    const cleared = await userA.call('PATCH', `/api/v1/awards/${a.id}`, { ...body, version: 3, awardLevel: null });
    expect(cleared.json()).toMatchObject({ level: null, version: 4 });
  });

  it('shows a giấy khen the ratings module linked to a rating', async () => {
    const db = env().db.kysely;
    await db
      .insertInto('award')
      .values({ id: '01900000-0000-7000-8000-000000000001', person_id: due30.id, org_id: null, path: '/x/', kind: 'giay_khen', title: 'Giấy khen đảng viên HTXSNV', year: year - 1, decision_no: '5-QĐ/ĐU', decision_date: `${year - 1}-12-20`, issuer: 'Đảng ủy xã', rating_id: 'rating-1', version: 1, created_by: null, created_at: today })
      .execute();
    const person = await db.selectFrom('person').select('path').where('id', '=', due30.id).executeTakeFirstOrThrow();
    await db.updateTable('award').set({ path: person.path }).where('id', '=', '01900000-0000-7000-8000-000000000001').execute();
    const list = (await userA.call('GET', `/api/v1/awards?personId=${due30.id}&kind=giay_khen`)).json() as { items: AwardOut[] };
    expect(list.items[0]).toMatchObject({ ratingId: 'rating-1', title: 'Giấy khen đảng viên HTXSNV' });
  });

  it('runs a contest: rounds, advancing, prizes in the final only', async () => {
    const res = await p.admin.call('POST', '/api/v1/contests', {
      orgId: p.province,
      contestName: 'Hội thi Bí thư chi bộ giỏi',
      contestYear: year,
      rounds: [
        { roundKind: 'so_khao', roundDate: addDaysIso(today, -30) },
        { roundKind: 'chung_khao', roundDate: addDaysIso(today, -5) },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    let c = res.json() as ContestDetailOut;
    const [r1, r2] = c.roundList;
    const enter = (body: Record<string, unknown>) => p.admin.call('POST', `/api/v1/contests/${c.id}/entries`, { version: c.version, ...body });
    let r = await enter({ roundId: r1!.id, entrantId: due30.id, score: 88, advanced: true });
    expect(r.statusCode, r.body).toBe(201);
    c = r.json();
    await refused(p.admin, 'POST', `/api/v1/contests/${c.id}/entries`, { version: c.version, roundId: r2!.id, entrantId: notYet.id }, 422, 'entrantId');
    await refused(p.admin, 'POST', `/api/v1/contests/${c.id}/entries`, { version: c.version, roundId: r1!.id, entrantId: notYet.id, prize: 'ba' }, 422, 'prize');
    await refused(p.admin, 'POST', `/api/v1/contests/${c.id}/entries`, { version: c.version - 1, roundId: r1!.id, entrantId: notYet.id }, 409, 'version');
    r = await enter({ roundId: r2!.id, entrantId: due30.id, score: 92.5, prize: 'nhat' });
    expect(r.statusCode, r.body).toBe(201);
    c = r.json();
    expect(c).toMatchObject({ rounds: 2, entrants: 1, prizes: 1 });
    expect(c.roundList[1]!.entries[0]).toMatchObject({ personId: due30.id, score: 92.5, prize: 'nhat' });
    expect((await userA.call('GET', `/api/v1/contests/${c.id}`)).statusCode).toBe(404);
  });
});
