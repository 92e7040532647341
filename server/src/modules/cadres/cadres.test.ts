import { addMonths, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildUser, buildProvince, type Session } from '../../test/factories.js';
import { onOrganizationEnded } from './orgEnded.js';

interface Unit {
  id: string;
  name: string;
  version: number;
  flags: { bien_gioi: boolean; dtts: boolean; dbkk: boolean };
  link: string;
  cellOrgId: string | null;
}
interface Counts {
  total: number;
  ownCell: number;
  sharedCell: number;
  noCell: number;
  noMember: number;
  smallCells: number;
  smallCellUnits: number;
}

const today = todayIso();
const dec = (effectiveDate: string) => ({ effectiveDate, decisionNo: '12-QĐ/ĐU', issuer: 'Ban Thường vụ Đảng ủy xã' });

describeEngines('cadres: host units, coverage, terms, posts, concurrency, rotation', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  let a: Session;
  const u: Record<string, string> = {};
  const m: Record<string, { id: string; version: number }> = {};
  let nonMember: string;
  const audits = async () => Number((await env().db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const count = async (t: 'party_post' | 'civic_post' | 'host_unit_version' | 'host_unit_cell' | 'committee_term' | 'rotation') =>
    Number((await env().db.kysely.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const unitOn = async (id: string, asOf: string) =>
    ((await a.call('GET', `/api/v1/host-units?asOf=${asOf}&pageSize=500`)).json() as { items: Unit[] }).items.find((x) => x.id === id);
  const refused = async (method: 'POST' | 'PATCH', url: string, body: unknown, field: string, status = 422) => {
    const before = [await audits(), await count('party_post'), await count('civic_post'), await count('host_unit_version'), await count('committee_term'), await count('rotation')];
    const r = await a.call(method, url, body);
    expect(r.statusCode, r.body).toBe(status);
    expect((r.json() as { error: { field?: string } }).error.field, r.body).toBe(field);
    expect([await audits(), await count('party_post'), await count('civic_post'), await count('host_unit_version'), await count('committee_term'), await count('rotation')]).toEqual(before);
    return (r.json() as { error: { code: string; message: string } }).error;
  };

  it('registers units with a date, flags and their cell (own or shared)', async () => {
    p = await buildProvince(env());
    a = p.admin;
    m.a1 = await buildMember(a, p.cellA1);
    m.a2 = await buildMember(a, p.cellA1);
    m.late = await buildMember(a, p.cellA1, { admittedOn: '2019-03-01', officialOn: '2020-03-01' });
    m.a3 = await buildMember(a, p.cellA2);
    m.away = await buildMember(a, p.cellA2);
    const np = await a.call('POST', '/api/v1/people', { fullName: 'Sùng A Phềnh', sex: 'nam', birthDate: '1970-01-01', ethnicity: '08', orgId: p.communeB });
    expect(np.statusCode, np.body).toBe(201);
    nonMember = (np.json() as { id: string }).id;
    const create = async (key: string, body: Record<string, unknown>) => {
      const r = await a.call('POST', '/api/v1/host-units', { effectiveDate: '2010-01-01', code: key, kind: 'thon_ban', ...body });
      expect(r.statusCode, r.body).toBe(201);
      u[key] = (r.json() as { id: string }).id;
    };
    await create('U1', { name: 'Bản Nậm Cười', orgId: p.communeA, cellOrgId: p.cellA1, flags: { dtts: true } });
    await create('U2', { name: 'Bản Nậm Cười 2', orgId: p.communeA, cellOrgId: p.cellA1 });
    await create('U3', { name: 'Bản Pa Khóa', orgId: p.communeA });
    await create('U4', { name: 'Bản Huổi Luông', orgId: p.communeB });
    await create('S1', { name: 'Trường Tiểu học Huổi Luông', kind: 'truong_hoc', orgId: p.communeB, cellOrgId: p.cellB2 });
    const u1 = (await unitOn(u.U1!, '2012-01-01'))!;
    expect(u1).toMatchObject({ name: 'Bản Nậm Cười', link: 'shared', cellOrgId: p.cellA1, flags: { bien_gioi: false, dtts: true, dbkk: false } });
    expect((await unitOn(u.U3!, '2012-01-01'))!.link).toBe('none');
    expect(await unitOn(u.U1!, '2009-12-31')).toBeUndefined();
    const s1 = (await unitOn(u.S1!, '2012-01-01'))!;
    expect(s1.link).toBe('own');
    // A duplicate code, a cell that is not a cell, a date after today: refused, nothing written.
    await refused('POST', '/api/v1/host-units', { effectiveDate: '2010-01-01', code: 'U1', name: 'X', kind: 'thon_ban', orgId: p.communeA }, 'code', 409);
    await refused('POST', '/api/v1/host-units', { effectiveDate: '2010-01-01', code: 'U9', name: 'X', kind: 'thon_ban', orgId: p.communeA, cellOrgId: p.communeB }, 'cellOrgId');
    await refused('POST', '/api/v1/host-units', { effectiveDate: addMonths(today, 1), code: 'U9', name: 'X', kind: 'thon_ban', orgId: p.communeA }, 'effectiveDate');
  });

  it('renames and changes flags on a date without changing what earlier dates say', async () => {
    let v = (await unitOn(u.U1!, today))!.version;
    let r = await a.call('POST', `/api/v1/host-units/${u.U1}/change`, { ...dec('2015-01-01'), version: v, name: 'Bản Nậm Cười Mới' });
    expect(r.statusCode, r.body).toBe(200);
    v = (r.json() as { version: number }).version;
    r = await a.call('POST', `/api/v1/host-units/${u.U1}/change`, { effectiveDate: '2016-01-01', version: v, flags: { bien_gioi: true, dtts: true, dbkk: false } });
    expect(r.statusCode, r.body).toBe(200);
    expect((await unitOn(u.U1!, '2014-12-31'))!.name).toBe('Bản Nậm Cười');
    expect((await unitOn(u.U1!, '2015-01-01'))!.name).toBe('Bản Nậm Cười Mới');
    expect((await unitOn(u.U1!, '2015-06-01'))!.flags.bien_gioi).toBe(false);
    expect((await unitOn(u.U1!, '2016-01-01'))!.flags).toEqual({ bien_gioi: true, dtts: true, dbkk: false });
    const cur = (await unitOn(u.U1!, today))!.version;
    // History is not rewritten: a change dated before the last one is refused.
    const e = await refused('POST', `/api/v1/host-units/${u.U1}/change`, { effectiveDate: '2014-01-01', version: cur, name: 'Sai' }, 'effectiveDate');
    expect(e.code).toBe('BEFORE_LAST_CHANGE');
    await refused('POST', `/api/v1/host-units/${u.U1}/change`, { effectiveDate: addMonths(today, 2), version: cur, name: 'Sai' }, 'effectiveDate');
  });

  it('answers 409 to the second of two edits made from the same version', async () => {
    const v = (await unitOn(u.U4!, today))!.version;
    const first = await a.call('POST', `/api/v1/host-units/${u.U4}/change`, { effectiveDate: '2011-01-01', version: v, name: 'Bản Huổi Luông Một' });
    expect(first.statusCode, first.body).toBe(200);
    await refused('POST', `/api/v1/host-units/${u.U4}/change`, { effectiveDate: '2011-06-01', version: v, name: 'Bản Huổi Luông Hai' }, 'version', 409);
  });

  it('moves a cell link on a date: closes the old link and opens the new one', async () => {
    const v = (await unitOn(u.U2!, today))!.version;
    const r = await a.call('POST', `/api/v1/host-units/${u.U2}/link`, { effectiveDate: '2017-01-01', version: v, cellOrgId: p.cellA2 });
    expect(r.statusCode, r.body).toBe(200);
    expect((await unitOn(u.U1!, '2016-12-31'))!.link).toBe('shared');
    expect((await unitOn(u.U1!, '2017-01-01'))!.link).toBe('own');
    expect((await unitOn(u.U2!, '2017-01-01'))!).toMatchObject({ link: 'own', cellOrgId: p.cellA2 });
    const links = await env().db.kysely.selectFrom('host_unit_cell').selectAll().where('host_unit_id', '=', u.U2!).orderBy('valid_from').execute();
    expect(links.map((l) => [l.cell_org_id, l.valid_from, l.valid_to])).toEqual([
      [p.cellA1, '2010-01-01', '2017-01-01'],
      [p.cellA2, '2017-01-01', null],
    ]);
  });

  it('merges units into one with a decision, and ends a unit', async () => {
    await refused('POST', '/api/v1/host-units/merge', { ...dec('2018-01-01'), sourceIds: [u.U3] }, 'targetId');
    await refused('POST', '/api/v1/host-units/merge', { effectiveDate: '2018-01-01', issuer: 'x', sourceIds: [u.U3], targetId: u.U1 }, 'decisionNo', 400);
    const r = await a.call('POST', '/api/v1/host-units/merge', { ...dec('2018-01-01'), sourceIds: [u.U3], targetId: u.U1 });
    expect(r.statusCode, r.body).toBe(201);
    expect(await unitOn(u.U3!, '2017-12-31')).toBeDefined();
    expect(await unitOn(u.U3!, '2018-01-01')).toBeUndefined();
    const d = (await a.call('GET', `/api/v1/host-units/${u.U1}`)).json() as { events: { kind: string; decisionNo: string }[]; versions: unknown[] };
    expect(d.events.map((e) => e.kind)).toEqual(['thanh_lap', 'doi_ten', 'doi_dac_diem', 'tiep_nhan']);
    expect(d.versions).toHaveLength(3);
    const gone = (await a.call('GET', `/api/v1/host-units/${u.U3}`)).json() as { validTo: string; mergedIntoId: string };
    expect(gone).toMatchObject({ validTo: '2018-01-01', mergedIntoId: u.U1 });
    const v = (await unitOn(u.U2!, today))!.version;
    const end = await a.call('POST', `/api/v1/host-units/${u.U2}/end`, { ...dec('2019-01-01'), version: v });
    expect(end.statusCode, end.body).toBe(200);
    expect(await unitOn(u.U2!, '2019-01-01')).toBeUndefined();
    await refused('POST', `/api/v1/host-units/${u.U2}/change`, { effectiveDate: '2020-01-01', version: v + 1, name: 'X' }, 'effectiveDate');
  });

  it('reports coverage as of a past date and today, each figure equal to its list', async () => {
    const cov = async (asOf: string, group = 'villages') => {
      const all = (await a.call('GET', `/api/v1/coverage?org=${p.province}&asOf=${asOf}&group=${group}`)).json() as { counts: Counts; smallCells: { orgId: string; fullMembers: number }[] };
      const list = async (status: string) => {
        const r = (await a.call('GET', `/api/v1/coverage?org=${p.province}&asOf=${asOf}&group=${group}&status=${status}`)).json() as { total: number; items: unknown[] };
        expect(r.total).toBe(r.items.length);
        return r.total;
      };
      const c = all.counts;
      expect(await list('all')).toBe(c.total);
      expect(await list('ownCell')).toBe(c.ownCell);
      expect(await list('sharedCell')).toBe(c.sharedCell);
      expect(await list('noCell')).toBe(c.noCell);
      expect(await list('noMember')).toBe(c.noMember);
      expect(await list('smallCell')).toBe(c.smallCellUnits);
      expect(all.smallCells.length).toBe(c.smallCells);
      return all;
    };
    // 2012: U1, U2 share cell A1 (2 full members then), U3 and U4 have no cell.
    const past = await cov('2012-01-01');
    expect(past.counts).toEqual({ total: 4, ownCell: 0, sharedCell: 2, noCell: 2, noMember: 2, smallCells: 1, smallCellUnits: 2 });
    expect(past.smallCells).toEqual([expect.objectContaining({ orgId: p.cellA1, fullMembers: 2 })]);
    // Today: U3 merged into U1, U2 ended; cell A1 has its third full member since 2020.
    const now = await cov(today);
    expect(now.counts).toEqual({ total: 2, ownCell: 1, sharedCell: 0, noCell: 1, noMember: 1, smallCells: 0, smallCellUnits: 0 });
    const schools = await cov(today, 'schools');
    expect(schools.counts).toEqual({ total: 1, ownCell: 1, sharedCell: 0, noCell: 0, noMember: 1, smallCells: 1, smallCellUnits: 1 });
    expect((await cov(today, 'health')).counts.total).toBe(0);
    expect((await a.call('GET', '/api/v1/coverage?group=cho')).statusCode).toBe(400);
  });

  let termA: { id: string; version: number; startDate: string };
  let secretary: string;

  it('keeps committee terms and reminds of those ending within N months or overdue', async () => {
    const startA = addMonths(today, -58);
    const r = await a.call('POST', '/api/v1/terms', { orgId: p.communeA, name: 'Nhiệm kỳ A', congress: 'Đại hội lần thứ XX', startDate: startA, plannedEndDate: addMonths(startA, 60), decisionNo: '5-QĐ/HU', issuer: 'Ban Thường vụ Huyện ủy' });
    expect(r.statusCode, r.body).toBe(201);
    termA = r.json() as typeof termA;
    const startB = addMonths(today, -70);
    expect((await a.call('POST', '/api/v1/terms', { orgId: p.communeB, name: 'Nhiệm kỳ B', startDate: startB, plannedEndDate: addMonths(startB, 60) })).statusCode).toBe(201);
    await refused('POST', '/api/v1/terms', { orgId: p.communeA, name: 'Trùng', startDate: addMonths(today, -1), plannedEndDate: addMonths(today, 59) }, 'startDate');
    await refused('POST', '/api/v1/terms', { orgId: p.communeA, name: 'Ngược', startDate: '2006-01-01', plannedEndDate: '2005-01-01' }, 'plannedEndDate');
    const rem = (await a.call('GET', `/api/v1/terms/reminders?org=${p.province}`)).json() as { items: { name: string; reminder: string }[] };
    expect(rem.items.map((i) => [i.name, i.reminder])).toEqual([
      ['Nhiệm kỳ B', 'overdue'],
      ['Nhiệm kỳ A', 'due_soon'],
    ]);
    const one = (await a.call('GET', `/api/v1/terms/reminders?org=${p.province}&months=1`)).json() as { items: { name: string }[] };
    expect(one.items.map((i) => i.name)).toEqual(['Nhiệm kỳ B']);
  });

  it('appoints to posts and refuses what the rules forbid, writing nothing', async () => {
    const from = termA.startDate;
    const appoint = (body: Record<string, unknown>) => a.call('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: from, decisionNo: '7-QĐ/HU', ...body });
    let r = await appoint({ personId: m.a1!.id, title: 'bi_thu' });
    expect(r.statusCode, r.body).toBe(201);
    secretary = (r.json() as { id: string }).id;
    const second = await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: addMonths(from, 1), personId: m.a2!.id, title: 'bi_thu' }, 'personId');
    expect(second.code).toBe('SECOND_HOLDER');
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: from, personId: nonMember, title: 'cap_uy_vien' }, 'personId');
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: addMonths(today, 1), personId: m.a2!.id, title: 'cap_uy_vien' }, 'validFrom');
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: addMonths(from, -1), personId: m.a2!.id, title: 'cap_uy_vien', termId: termA.id }, 'validFrom');
    r = await appoint({ personId: m.a2!.id, title: 'pho_bi_thu' });
    expect(r.statusCode, r.body).toBe(201);
    const overlap = await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: addMonths(from, 2), personId: m.a2!.id, title: 'pho_bi_thu' }, 'validFrom');
    expect(overlap.code).toBe('POST_OVERLAP');
    // A member working away cannot be appointed.
    const ev = await a.call('POST', `/api/v1/members/${m.away!.id}/events`, { kind: 'di_lam_an_xa', effectiveDate: addMonths(from, -2), version: m.away!.version });
    expect(ev.statusCode, ev.body).toBe(201);
    expect((await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: from, personId: m.away!.id, title: 'cap_uy_vien' }, 'personId')).code).toBe('MEMBER_NOT_AVAILABLE');
    // The secretary hands over to the deputy the same day: allowed, the first post ends that day.
    const handover = addMonths(from, 3);
    r = await appoint({ personId: m.a3!.id, title: 'bi_thu', validFrom: handover, replacePostId: secretary });
    expect(r.statusCode, r.body).toBe(201);
    const old = await env().db.kysely.selectFrom('party_post').selectAll().where('id', '=', secretary).executeTakeFirstOrThrow();
    expect(old.valid_to).toBe(handover);
    const posts = (await a.call('GET', `/api/v1/posts?org=${p.communeA}&asOf=${handover}`)).json() as { items: { title: string; personId: string; termId: string }[] };
    expect(posts.items.filter((x) => x.title === 'bi_thu').map((x) => x.personId)).toEqual([m.a3!.id]);
    expect(posts.items.every((x) => x.termId === termA.id)).toBe(true);
  });

  it('lists concurrent posts and the village heads who are members (X/Y)', async () => {
    const on = addMonths(termA.startDate, 4);
    // Cell secretary who is also village head; commune secretary who also chairs the People's Council.
    const post = async (body: Record<string, unknown>) => {
      const r = await a.call('POST', '/api/v1/posts', { validFrom: addMonths(termA.startDate, 3), ...body });
      expect(r.statusCode, r.body).toBe(201);
      return (r.json() as { id: string }).id;
    };
    await post({ orgId: p.cellA1, personId: m.a1!.id, title: 'bi_thu' });
    await post({ orgId: p.communeA, personId: m.a1!.id, title: 'truong_thon', hostUnitId: u.U1 });
    await post({ orgId: p.communeA, personId: m.a3!.id, title: 'chu_tich_hdnd' });
    await post({ orgId: p.communeB, personId: nonMember, title: 'truong_thon', hostUnitId: u.U4 });
    // The head of a village must be tied to a village of that commune.
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: on, personId: m.a2!.id, title: 'truong_thon' }, 'hostUnitId');
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: on, personId: m.a2!.id, title: 'truong_thon', hostUnitId: u.U4 }, 'hostUnitId');
    await refused('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: on, personId: m.a2!.id, title: 'truong_thon', hostUnitId: u.U1 }, 'personId');
    const c = (await a.call('GET', `/api/v1/posts/concurrency?org=${p.province}&asOf=${on}`)).json() as {
      total: number;
      combos: Record<string, number>;
      people: { personId: string; combos: string[]; posts: unknown[] }[];
    };
    expect(c.total).toBe(2);
    expect(c.combos).toEqual({ bi_thu_chi_bo_kiem_truong_thon: 1, thuong_truc_kiem_chu_tich_hdnd: 1, thuong_truc_kiem_chu_tich_ubnd: 0 });
    expect(c.people.find((x) => x.personId === m.a1!.id)).toMatchObject({ combos: ['bi_thu_chi_bo_kiem_truong_thon'] });
    expect(c.people.find((x) => x.personId === m.a3!.id)!.posts).toHaveLength(2);
    // Before the appointments nobody held two posts.
    expect(((await a.call('GET', `/api/v1/posts/concurrency?asOf=${termA.startDate}`)).json() as { total: number }).total).toBe(0);
    const vh = (await a.call('GET', `/api/v1/posts/village-heads?org=${p.province}&asOf=${on}`)).json() as { total: number; members: number; items: { isMember: boolean }[] };
    expect([vh.members, vh.total]).toEqual([1, 2]);
    expect(vh.items.filter((i) => i.isMember)).toHaveLength(vh.members);
  });

  it('records a rotation that ends one post and starts another elsewhere, listable by period and kind', async () => {
    const on = addMonths(termA.startDate, 5);
    const deputy = (await env().db.kysely.selectFrom('party_post').select(['id']).where('person_id', '=', m.a2!.id).where('title', '=', 'pho_bi_thu').executeTakeFirstOrThrow()).id;
    const body = { kind: 'tang_cuong', personId: m.a2!.id, effectiveDate: on, decisionNo: '88-QĐ/TU', issuer: 'Ban Thường vụ Tỉnh ủy', fromOrgId: p.communeA, toOrgId: p.communeB, endPostId: deputy, newPost: { title: 'pho_bi_thu' } };
    await refused('POST', '/api/v1/rotations', { ...body, endPostId: secretary }, 'endPostId');
    const r = await a.call('POST', '/api/v1/rotations', body);
    expect(r.statusCode, r.body).toBe(201);
    const list = async (q: string) => ((await a.call('GET', `/api/v1/rotations?${q}`)).json() as { total: number; items: { fromOrgId: string; toOrgId: string; fromTitle: string; toTitle: string }[] });
    const l = await list(`from=${on}&to=${on}&kind=tang_cuong`);
    expect(l.total).toBe(1);
    expect(l.items[0]).toMatchObject({ fromOrgId: p.communeA, toOrgId: p.communeB, fromTitle: 'pho_bi_thu', toTitle: 'pho_bi_thu' });
    expect((await list(`from=${on}&to=${on}&kind=dieu_dong`)).total).toBe(0);
    expect((await list(`to=${addMonths(on, -1)}`)).total).toBe(0);
    const posts = (await a.call('GET', `/api/v1/posts?person=${m.a2!.id}&asOf=${on}`)).json() as { items: { orgId: string }[] };
    expect(posts.items.map((x) => x.orgId)).toEqual([p.communeB]);
  });

  it('keeps a commune user inside the commune: other communes answer 404', async () => {
    const b = await buildUser(env(), 'can_bo_to_chuc', [p.communeB]);
    const units = (await b.call('GET', '/api/v1/host-units')).json() as { items: { id: string }[] };
    expect(units.items.map((x) => x.id).sort()).toEqual([u.U4, u.S1].sort());
    expect((await b.call('GET', `/api/v1/host-units/${u.U1}`)).statusCode).toBe(404);
    expect((await b.call('POST', `/api/v1/host-units/${u.U1}/change`, { effectiveDate: today, version: 9, name: 'X' })).statusCode).toBe(404);
    expect((await b.call('GET', `/api/v1/posts?org=${p.communeA}`)).statusCode).toBe(404);
    expect((await b.call('POST', `/api/v1/posts/${secretary}/end`, { version: 2, validTo: today })).statusCode).toBe(404);
    expect((await b.call('PATCH', `/api/v1/terms/${termA.id}`, { version: 1, name: 'X' })).statusCode).toBe(404);
    const appoint = await b.call('POST', '/api/v1/posts', { orgId: p.communeA, validFrom: today, personId: m.a1!.id, title: 'cap_uy_vien' });
    expect(appoint.statusCode).toBe(422);
    const posts = (await b.call('GET', `/api/v1/posts?asOf=${addMonths(termA.startDate, 4)}`)).json() as { items: { orgId: string }[] };
    expect(posts.items.every((x) => x.orgId === p.communeB)).toBe(true);
    const ro = await b.call('GET', '/api/v1/host-units');
    expect(ro.statusCode).toBe(200);
    const viewer = await buildUser(env(), 'chi_xem', [p.communeB]);
    expect((await viewer.call('POST', '/api/v1/terms', { orgId: p.communeB, name: 'X', startDate: today, plannedEndDate: addMonths(today, 60) })).statusCode).toBe(403);
  });

  it('ends a term and the posts still held in it; 409 on a stale term', async () => {
    const end = addMonths(termA.startDate, 6);
    const r = await a.call('PATCH', `/api/v1/terms/${termA.id}`, { version: termA.version, endDate: end });
    expect(r.statusCode, r.body).toBe(200);
    const open = await env().db.kysely.selectFrom('party_post').select('id').where('term_id', '=', termA.id).where('valid_to', 'is', null).execute();
    expect(open).toHaveLength(0);
    await refused('PATCH', `/api/v1/terms/${termA.id}`, { version: termA.version, name: 'Khác' }, 'version', 409);
  });

  it('writes one audit row per change, anchored to the organization path', async () => {
    const rows = await env().db.kysely.selectFrom('audit_log').select(['entity', 'action', 'path']).where('entity', 'in', ['host_unit', 'party_post', 'civic_post', 'committee_term', 'rotation']).execute();
    const byEntity = (e: string) => rows.filter((x) => x.entity === e).length;
    // 5 creates, 2 changes + 1 (U4), 1 link, 1 merge, 1 end.
    expect(byEntity('host_unit')).toBe(11);
    expect(byEntity('committee_term')).toBe(3);
    expect(byEntity('rotation')).toBe(1);
    expect(byEntity('party_post')).toBe(4);
    expect(byEntity('civic_post')).toBe(3);
    expect(rows.every((x) => x.path && x.path.startsWith('/'))).toBe(true);
  });

  it('follows an organization that ends: posts and terms end, units re-anchored on the date', async () => {
    const db = env().db.kysely;
    const date = addMonths(today, -1);
    await db.transaction().execute((trx) => onOrganizationEnded(trx, p.communeB, p.communeA, date));
    expect((await unitOn(u.U4!, addMonths(date, -1)))!).toMatchObject({ name: 'Bản Huổi Luông Một' });
    const versions = await db.selectFrom('host_unit_version').select(['org_id', 'valid_from', 'valid_to']).where('host_unit_id', '=', u.U4!).orderBy('valid_from').execute();
    expect(versions.at(-2)).toMatchObject({ org_id: p.communeB, valid_to: date });
    expect(versions.at(-1)).toMatchObject({ org_id: p.communeA, valid_from: date, valid_to: null });
    expect(await db.selectFrom('party_post').select('id').where('org_id', '=', p.communeB).where('valid_to', 'is', null).execute()).toHaveLength(0);
    expect(await db.selectFrom('civic_post').select('id').where('org_id', '=', p.communeB).where('valid_to', 'is', null).execute()).toHaveLength(0);
    expect(await db.selectFrom('committee_term').select('id').where('org_id', '=', p.communeB).where('end_date', 'is', null).execute()).toHaveLength(0);
    await db.transaction().execute((trx) => onOrganizationEnded(trx, p.cellB2, null, date));
    const link = await db.selectFrom('host_unit_cell').selectAll().where('host_unit_id', '=', u.S1!).execute();
    expect(link.map((l) => l.valid_to)).toEqual([date]);
  });
});
