import { todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, buildUser, type Session } from '../../test/factories.js';

type Detail = { id: string; version: number; state: string; level: string | null; proposedLevel: string | null; selfLevel: string | null; steps: { step: string; username: string; date: string }[]; awards: { kind: string }[] };
type CellView = { ruleSet: { id: string }; rows: { personId: string; fullName: string; suggestedExempt: string | null; rating: null | { version: number; state: string; selfLevel: string | null; proposedLevel: string | null; proposedScore: number | null; exemptReason: string | null } }[] };

const thisYear = Number(todayIso().slice(0, 4));
const decision = (date: string) => ({ decisionNo: '30-QĐ/ĐU', decisionDate: date, issuer: 'Đảng ủy xã Pa Tần' });

describeEngines('ratings: flow, cap, discipline, cell table, commendations, non-party bodies', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let communeA: Session;
  let communeB: Session;
  let secretary: Session;
  const db = () => env().db.kysely;
  const count = async (t: 'rating' | 'rating_step' | 'audit_log' | 'award' | 'nonparty_rating' | 'nonparty_body') =>
    Number((await db().selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const snapshot = async () => ({ rating: await count('rating'), step: await count('rating_step'), audit: await count('audit_log'), award: await count('award'), np: await count('nonparty_rating') });
  const create = (s: Session, body: Record<string, unknown>) => s.call('POST', '/api/v1/ratings', body);
  const act = (s: Session, r: { id: string; version: number }, body: Record<string, unknown>) => s.call('POST', `/api/v1/ratings/${r.id}/steps`, { version: r.version, ...body });
  const members = async (cell: string, n: number) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await buildMember(p.admin, cell, { cccd: null }));
    return out;
  };

  it('sets up a province with commune officers and a cell secretary', async () => {
    p = await buildProvince(env());
    communeA = await buildUser(env(), 'can_bo_to_chuc', [p.communeA]);
    communeB = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    secretary = await buildUser(env(), 'bi_thu', [p.cellA1]);
  });

  it('runs self-assessment → proposal → decision, each dated and attributed; refuses steps out of order and writes nothing', async () => {
    const [m] = await members(p.cellA1, 1);
    const before = await snapshot();
    const early = await create(secretary, { subjectKind: 'dang_vien', personId: m!.id, year: 2024, step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({ code: 'RATING_STEP_REFUSED', field: 'step' });
    expect(await snapshot()).toEqual(before);

    const self = await create(secretary, { subjectKind: 'dang_vien', personId: m!.id, year: 2024, step: 'tu_danh_gia', date: '2024-12-05', ratingLevel: 'htt', note: 'Tự nhận hoàn thành tốt' });
    expect(self.statusCode, self.body).toBe(201);
    let r = self.json() as Detail;
    expect(r).toMatchObject({ state: 'tu_danh_gia', selfLevel: 'htt' });
    expect((await create(secretary, { subjectKind: 'dang_vien', personId: m!.id, year: 2024, step: 'tu_danh_gia', date: '2024-12-05', ratingLevel: 'htt' })).statusCode).toBe(409);

    r = (await act(secretary, r, { step: 'de_xuat', date: '2024-12-10', ratingLevel: 'htt' })).json();
    expect(r.state).toBe('de_xuat');
    const lateSelf = await act(secretary, r, { step: 'tu_danh_gia', date: '2024-12-11', ratingLevel: 'htxs' });
    expect(lateSelf.statusCode).toBe(422);
    expect(lateSelf.json().error.message).toMatch(/Tự đánh giá/);

    const stale = await act(communeA, { id: r.id, version: r.version - 1 }, { step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.field).toBe('version');

    // Another commune neither sees nor touches it.
    expect((await communeB.call('GET', `/api/v1/ratings/${r.id}`)).statusCode).toBe(404);
    expect((await act(communeB, r, { step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') })).statusCode).toBe(404);

    const decided = await act(communeA, r, { step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') });
    expect(decided.statusCode, decided.body).toBe(200);
    r = decided.json();
    expect(r).toMatchObject({ state: 'quyet_dinh', level: 'htt', decisionNo: '30-QĐ/ĐU' });
    expect(r.steps.map((s) => s.step)).toEqual(['tu_danh_gia', 'de_xuat', 'quyet_dinh']);
    expect(r.steps.every((s) => !!s.username && !!s.date)).toBe(true);

    // After the decision only a corrective decision changes it; the old steps stay.
    expect((await act(communeA, r, { step: 'de_xuat', date: '2024-12-21', ratingLevel: 'ht' })).statusCode).toBe(422);
    const noReason = await act(communeA, r, { step: 'dieu_chinh', date: '2025-01-10', ratingLevel: 'ht', ...decision('2025-01-10') });
    expect(noReason.json().error.field).toBe('note');
    r = (await act(communeA, r, { step: 'dieu_chinh', date: '2025-01-10', ratingLevel: 'ht', ...decision('2025-01-10'), decisionNo: '02-QĐ/ĐU', note: 'Phát hiện vi phạm sau khi xếp loại' })).json();
    expect(r).toMatchObject({ level: 'ht', decisionNo: '02-QĐ/ĐU' });
    expect(r.steps).toHaveLength(4);
  });

  it('checks the cap on "xuất sắc" at the decision and explains it with numerator and denominator', async () => {
    const ms = await members(p.cellA2, 6);
    const ids: Detail[] = [];
    for (const [i, m] of ms.entries())
      ids.push((await create(communeA, { subjectKind: 'dang_vien', personId: m.id, year: 2023, step: 'de_xuat', date: '2023-12-10', ratingLevel: i < 2 ? 'htxs' : 'htt' })).json());
    const before = await snapshot();
    const refused = await act(communeA, ids[0]!, { step: 'quyet_dinh', date: '2023-12-20', ratingLevel: 'htxs', ...decision('2023-12-20') });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'RATING_CAP_EXCEEDED', field: 'ratingLevel', details: { excellent: 2, base: 6, allowed: 1 } });
    expect(refused.json().error.message).toMatch(/tối đa 20% của 6 .*tức 1.*2\/6/);
    expect(await snapshot()).toEqual(before);

    // The committee lowers the second proposal; now one of six fits.
    await act(communeA, ids[1]!, { step: 'de_xuat', date: '2023-12-15', ratingLevel: 'htt' });
    const ok = await act(communeA, ids[0]!, { step: 'quyet_dinh', date: '2023-12-20', ratingLevel: 'htxs', ...decision('2023-12-20') });
    expect(ok.statusCode, ok.body).toBe(200);

    // A province may set another share, from a year on.
    const again = (await act(communeA, ids[1]!, { version: ids[1]!.version + 1, step: 'de_xuat', date: '2023-12-16', ratingLevel: 'htxs' })).json() as Detail;
    expect((await act(communeA, again, { step: 'quyet_dinh', date: '2023-12-21', ratingLevel: 'htxs', ...decision('2023-12-21') })).statusCode).toBe(422);
    expect((await communeA.call('POST', '/api/v1/ratings/settings', { orgId: p.province, fromYear: 2023, capPercent: 40 })).statusCode).toBe(422);
    const set = await p.admin.call('POST', '/api/v1/ratings/settings', { orgId: p.province, fromYear: 2023, capPercent: 40, note: 'Biến thể của tỉnh' });
    expect(set.statusCode, set.body).toBe(201);
    expect((await act(communeA, again, { step: 'quyet_dinh', date: '2023-12-21', ratingLevel: 'htxs', ...decision('2023-12-21') })).statusCode).toBe(200);
  });

  it('keeps a member disciplined in the year at most "hoàn thành", naming the decision', async () => {
    const [m] = await members(p.cellA1, 1);
    const cellPath = (await db().selectFrom('organization_version').select('path').where('org_id', '=', p.cellA1).executeTakeFirstOrThrow()).path;
    await db()
      .insertInto('discipline')
      .values({ id: uuidv7(), person_id: m!.id, org_id: p.cellA1, path: cellPath, form: 'canh_cao', decision_no: '07-QĐ/UBKT', decision_date: '2022-05-02', issuer: 'Ủy ban Kiểm tra Đảng ủy xã', effective_date: '2022-05-02', reason: null, case_id: null, version: 1, created_by: null, created_at: new Date().toISOString() })
      .execute();
    const before = await snapshot();
    const high = await create(communeA, { subjectKind: 'dang_vien', personId: m!.id, year: 2022, step: 'de_xuat', date: '2022-12-10', ratingLevel: 'htt' });
    expect(high.statusCode).toBe(422);
    expect(high.json().error).toMatchObject({ code: 'RATING_DISCIPLINED', field: 'ratingLevel' });
    expect(high.json().error.message).toMatch(/cảnh cáo theo Quyết định số 07-QĐ\/UBKT ngày 02\/05\/2022/);
    expect(await snapshot()).toEqual(before);
    expect((await create(communeA, { subjectKind: 'dang_vien', personId: m!.id, year: 2022, step: 'de_xuat', date: '2022-12-10', ratingLevel: 'ht' })).statusCode).toBe(201);
    // Another year is not constrained.
    expect((await create(communeA, { subjectKind: 'dang_vien', personId: m!.id, year: 2021, step: 'de_xuat', date: '2021-12-10', ratingLevel: 'htt' })).statusCode).toBe(201);
  });

  it('saves the cell table all-or-nothing with per-row errors naming the member, then reopens it', async () => {
    const ms = await members(p.cellB1, 3);
    const cellSecretary = await buildUser(env(), 'bi_thu', [p.cellB1]);
    const year = 2025;
    const view = (await cellSecretary.call('GET', `/api/v1/ratings/cell/${p.cellB1}?year=${year}`)).json() as CellView;
    expect(view.ruleSet.id).toBe('QD366-2025');
    expect(view.rows.map((r) => r.personId)).toEqual(expect.arrayContaining(ms.map((m) => m.id)));
    const url = `/api/v1/ratings/cell/${p.cellB1}`;
    const rows = [
      { personId: ms[0]!.id, selfLevel: 'htt', selfScore: 85, score: 82 },
      { personId: ms[1]!.id, score: 95, proposedLevel: 'htxs' },
      { personId: ms[2]!.id, exemptReason: 'om_dau', note: 'Điều trị dài ngày' },
    ];
    const before = await snapshot();
    const bad = await cellSecretary.call('POST', url, { year, date: `${year}-12-10`, rows });
    expect(bad.statusCode).toBe(422);
    const err = bad.json().error;
    expect(err).toMatchObject({ code: 'CELL_RATINGS_INVALID', field: 'rows.1.proposedLevel' });
    const name1 = view.rows.find((r) => r.personId === ms[1]!.id)!.fullName;
    expect(err.message).toContain(name1);
    expect(err.details.rows).toHaveLength(1);
    expect(await snapshot()).toEqual(before);

    rows[1] = { personId: ms[1]!.id, score: 95, proposedLevel: 'htxs', excellentConditions: true } as (typeof rows)[number];
    const saved = await cellSecretary.call('POST', url, { year, date: `${year}-12-10`, rows });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await snapshot();
    expect(after.audit - before.audit).toBe(1);
    expect(after.rating - before.rating).toBe(3);
    expect(after.step - before.step).toBe(4);

    const reopened = (await cellSecretary.call('GET', `${url}?year=${year}`)).json() as CellView;
    const row = (id: string) => reopened.rows.find((r) => r.personId === id)!.rating!;
    // The level is suggested from the score when none is chosen.
    expect(row(ms[0]!.id)).toMatchObject({ state: 'de_xuat', selfLevel: 'htt', proposedLevel: 'htt', proposedScore: 82 });
    expect(row(ms[1]!.id)).toMatchObject({ proposedLevel: 'htxs', proposedScore: 95 });
    expect(row(ms[2]!.id)).toMatchObject({ state: 'khong_xep_loai', exemptReason: 'om_dau' });

    // Unchanged rows write nothing; a stale row refuses the whole save.
    const same = await cellSecretary.call('POST', url, { year, date: `${year}-12-11`, rows: [{ personId: ms[0]!.id, version: row(ms[0]!.id).version, selfLevel: 'htt', selfScore: 85, score: 82 }] });
    expect(same.json().saved).toBe(0);
    const b2 = await snapshot();
    const staleSave = await cellSecretary.call('POST', url, {
      year,
      date: `${year}-12-11`,
      rows: [
        { personId: ms[0]!.id, version: row(ms[0]!.id).version, score: 60 },
        { personId: ms[1]!.id, version: row(ms[1]!.id).version - 1, score: 75 },
      ],
    });
    expect(staleSave.statusCode).toBe(409);
    expect(staleSave.json().error.message).toContain(name1);
    expect(await snapshot()).toEqual(b2);

    // Another commune's cell is not there at all.
    expect((await communeA.call('GET', `${url}?year=${year}`)).statusCode).toBe(404);
    expect((await communeA.call('POST', url, { year, date: `${year}-12-10`, rows })).statusCode).toBe(404);

    // Exemptions count apart in the summary.
    const sum = (await communeB.call('GET', `/api/v1/ratings/summary?fromYear=${year}&toYear=${year}`)).json() as { years: { exempt: Record<string, number>; pending: number }[] };
    expect(sum.years[0]!.exempt).toEqual({ om_dau: 1 });
    expect(sum.years[0]!.pending).toBe(2);
  });

  it('commends an excellent rating with a giấy khen in the award table, once', async () => {
    const [m] = await members(p.cellB2, 1);
    let r = (await create(communeB, { subjectKind: 'dang_vien', personId: m!.id, year: 2017, step: 'de_xuat', date: '2017-12-10', ratingLevel: 'cu_dtc_xs' })).json() as Detail;
    const early = await communeB.call('POST', `/api/v1/ratings/${r.id}/commendation`, { decisionNo: '5-QĐ/ĐU', decisionDate: '2018-01-05', issuer: 'Đảng ủy xã Huổi Luông' });
    expect(early.statusCode).toBe(422);
    r = (await act(communeB, r, { step: 'quyet_dinh', date: '2017-12-20', ratingLevel: 'cu_dtc_xs', ...decision('2017-12-20') })).json();
    const given = await communeB.call('POST', `/api/v1/ratings/${r.id}/commendation`, { decisionNo: '5-QĐ/ĐU', decisionDate: '2018-01-05', issuer: 'Đảng ủy xã Huổi Luông' });
    expect(given.statusCode, given.body).toBe(201);
    expect((given.json() as Detail).awards).toMatchObject([{ kind: 'giay_khen' }]);
    const award = await db().selectFrom('award').selectAll().where('rating_id', '=', r.id).executeTakeFirstOrThrow();
    expect(award).toMatchObject({ person_id: m!.id, kind: 'giay_khen', year: 2017 });
    const again = await communeB.call('POST', `/api/v1/ratings/${r.id}/commendation`, { decisionNo: '6-QĐ/ĐU', decisionDate: '2018-01-06', issuer: 'Đảng ủy xã Huổi Luông' });
    expect(again.statusCode).toBe(409);
  });

  it('rates organizations: the cell self-assesses, the committee above decides; old and new scales side by side', async () => {
    const self = await create(secretary, { subjectKind: 'to_chuc', orgId: p.cellA1, year: 2017, step: 'tu_danh_gia', date: '2017-12-01', ratingLevel: 'cu_tsvm' });
    expect(self.statusCode, self.body).toBe(201);
    let r = self.json() as Detail;
    r = (await act(communeA, r, { step: 'de_xuat', date: '2017-12-10', ratingLevel: 'cu_tsvm' })).json();
    // The cell cannot decide its own rating.
    expect((await act(secretary, r, { step: 'quyet_dinh', date: '2017-12-20', ratingLevel: 'cu_tsvm', ...decision('2017-12-20') })).statusCode).toBe(404);
    expect((await act(communeA, r, { step: 'quyet_dinh', date: '2017-12-20', ratingLevel: 'cu_tsvm', ...decision('2017-12-20') })).statusCode).toBe(200);
    const n = (await create(communeA, { subjectKind: 'to_chuc', orgId: p.cellA1, year: 2019, step: 'de_xuat', date: '2019-12-10', ratingLevel: 'htt' })).json() as Detail;
    expect((await act(communeA, n, { step: 'quyet_dinh', date: '2019-12-20', ratingLevel: 'htt', ...decision('2019-12-20') })).statusCode).toBe(200);
    const sum = (await communeA.call('GET', '/api/v1/ratings/summary?subjectKind=to_chuc&fromYear=2017&toYear=2019')).json() as { years: { year: number; ruleSets: string[]; levels: Record<string, number>; tiers: Record<string, number> }[] };
    expect(sum.years.map((y) => [y.year, y.ruleSets, y.levels, y.tiers[1], y.tiers[2]])).toEqual([
      [2017, ['TRUOC-2018'], { cu_tsvm: 1 }, 1, 0],
      [2018, [], {}, 0, 0],
      [2019, ['QD132-2018'], { htt: 1 }, 0, 1],
    ]);
  });

  it('rates a leader only for a post held in the year, decided by the committee above', async () => {
    const [m] = await members(p.cellA1, 1);
    const body = { subjectKind: 'lanh_dao', personId: m!.id, orgId: p.cellA1, year: 2024, step: 'de_xuat', date: '2024-12-10', ratingLevel: 'htt' };
    const before = await snapshot();
    const noPost = await create(communeA, body);
    expect(noPost.statusCode).toBe(422);
    expect(noPost.json().error).toMatchObject({ code: 'NOT_A_LEADER', field: 'personId' });
    expect(await snapshot()).toEqual(before);
    await db().insertInto('party_post').values({ id: uuidv7(), org_id: p.cellA1, person_id: m!.id, title: 'bi_thu', term: null, decision_no: '1-QĐ/ĐU', valid_from: '2020-06-01', valid_to: null, host_unit_id: null, term_id: null, decision_date: null, issuer: null, end_decision_no: null, end_reason: null, rotation_id: null, note: null }).execute();
    const r = (await create(communeA, body)).json() as Detail;
    expect(r).toMatchObject({ state: 'de_xuat', proposedLevel: 'htt' });
    expect((await act(secretary, r, { step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') })).statusCode).toBe(404);
    expect((await act(communeA, r, { step: 'quyet_dinh', date: '2024-12-20', ratingLevel: 'htt', ...decision('2024-12-20') })).statusCode).toBe(200);
  });

  it('registers non-party bodies and rates them yearly; a correction is a new row', async () => {
    const created = await communeA.call('POST', '/api/v1/ratings/bodies', { kind: 'ubnd_xa', name: 'UBND xã Pa Tần', orgId: p.communeA });
    expect(created.statusCode, created.body).toBe(201);
    let b = created.json() as { id: string; version: number; ratings: { year: number; level: string; seq: number }[] };
    expect((await communeB.call('POST', '/api/v1/ratings/bodies', { kind: 'ubnd_xa', name: 'UBND khác', orgId: p.communeA })).json().error.field).toBe('orgId');
    const rate = (s: Session, body: Record<string, unknown>) => s.call('POST', `/api/v1/ratings/bodies/${b.id}/ratings`, { version: b.version, year: 2024, decisionNo: '12-QĐ/HU', decisionDate: '2025-01-15', issuer: 'Huyện ủy Núi Cao', ...body });
    b = (await rate(communeA, { bodyLevel: 'kha' })).json();
    const before = await snapshot();
    expect((await rate(communeA, { bodyLevel: 'tot', version: b.version - 1 })).statusCode).toBe(409);
    expect((await rate(communeB, { bodyLevel: 'tot' })).statusCode).toBe(404);
    expect((await rate(communeA, { bodyLevel: 'tot', year: thisYear + 1 })).statusCode).toBe(422);
    expect(await snapshot()).toEqual(before);
    b = (await rate(communeA, { bodyLevel: 'tot', note: 'Điều chỉnh theo kết quả phúc tra' })).json();
    expect(b.ratings.map((r) => [r.year, r.seq, r.level])).toEqual([
      [2024, 2, 'tot'],
      [2024, 1, 'kha'],
    ]);
    const list = (await communeA.call('GET', '/api/v1/ratings/bodies?year=2024')).json() as { items: { id: string; ratings: { year: number; level: string; corrected: boolean }[] }[]; years: { year: number; counts: Record<string, number> }[] };
    expect(list.items.find((i) => i.id === b.id)!.ratings).toMatchObject([{ year: 2024, level: 'tot', corrected: true }]);
    expect(list.years.at(-1)).toEqual({ year: 2024, counts: { tot: 1, kha: 0, trung_binh: 0, yeu: 0 } });
    expect((await communeB.call('GET', '/api/v1/ratings/bodies?year=2024')).json().items).toEqual([]);
  });
});
