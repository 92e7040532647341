import { makeCccd } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince, memberInput } from '../../test/factories.js';

type Detail = { id: string; version: number; fullName: string; standing: string | null; officialOn: string | null; cccd: string | null };
type List = { total: number; items: { id: string; fullName: string }[] };

describeEngines('members: records, rules and history', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  const count = async (table: 'person' | 'member_event' | 'membership_episode' | 'audit_log') =>
    Number((await env().db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a member with events, episode and derived state', async () => {
    p = await buildProvince(env());
    const m = await buildMember(p.admin, p.cellA1, { fullName: 'Giàng Páo Mỷ', sex: 'nam', ethnicity: '08', birthDate: '1980-04-04', cccd: makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1980, serial: 7 }) });
    const res = await p.admin.call('GET', `/api/v1/members/${m.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fullName: 'Giàng Páo Mỷ', standing: 'dang_sinh_hoat', officialOn: '2011-05-19', orgId: p.cellA1, orgName: 'Chi bộ bản Nậm Cười' });
    const h = (await p.admin.call('GET', `/api/v1/members/${m.id}/history`)).json() as { events: { kind: string }[]; episodes: { orgId: string; validTo: string | null }[] };
    expect(h.events.map((e) => e.kind)).toEqual(['ket_nap', 'cong_nhan_chinh_thuc']);
    expect(h.episodes).toEqual([expect.objectContaining({ orgId: p.cellA1, validTo: null })]);
  });

  it('finds people the way Vietnamese users type', async () => {
    await buildMember(p.admin, p.cellA1, { fullName: 'Lò Thị Hoà', sex: 'nu', birthDate: '1988-01-01', cccd: makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 1988, serial: 11 }) });
    await buildMember(p.admin, p.cellA2, { fullName: 'Tòng Thị Hòa', sex: 'nu', birthDate: '1989-01-01', cccd: makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 1989, serial: 12 }) });
    await buildMember(p.admin, p.cellB1, { fullName: 'Lường Văn Hoa', birthDate: '1987-01-01', cccd: makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1987, serial: 13 }) });
    const search = async (q: string) => ((await p.admin.call('GET', `/api/v1/members?q=${encodeURIComponent(q)}`)).json() as List).items.map((i) => i.fullName);
    expect(await search('giang pao my')).toEqual(['Giàng Páo Mỷ']);
    expect(await search('giang pao')).toEqual(['Giàng Páo Mỷ']);
    expect(await search('GIÀNG PÁO')).toEqual(['Giàng Páo Mỷ']);
    expect((await search('hoa')).sort()).toEqual(['Lò Thị Hoà', 'Lường Văn Hoa', 'Tòng Thị Hòa'].sort());
    // Either tone placement ranks both exact-diacritic spellings first.
    const hoa = await search('Hoà');
    expect(hoa.slice(0, 2).sort()).toEqual(['Lò Thị Hoà', 'Tòng Thị Hòa'].sort());
    expect(hoa[2]).toBe('Lường Văn Hoa');
    expect(await search(makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1980, serial: 7 }).slice(0, 9))).toEqual(['Giàng Páo Mỷ']);
  });

  it('caps the count of a broad search but exports every match', async () => {
    const { SEARCH_COUNT_CAP } = await import('./members.repository.js');
    const db = env().db.kysely;
    const template = await db.selectFrom('person').selectAll().where('standing', '=', 'dang_sinh_hoat').executeTakeFirstOrThrow();
    // Many namesakes, inserted directly: the API would (rightly) ask to confirm each twin.
    const rows = Array.from({ length: SEARCH_COUNT_CAP + 5 }, (_, i) => ({
      ...template,
      id: `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`,
      cccd: null,
      full_name: 'Quàng Văn Đông',
      folded_name: 'quang van dong',
      display_key: 'quàng văn đông',
      search_names: ' quang van dong ',
    }));
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('person').values(rows.slice(i, i + 100)).execute();
    const res = (await p.admin.call('GET', '/api/v1/members?q=quang%20van%20do&pageSize=5')).json() as { total: number; totalCapped: boolean; items: unknown[] };
    expect(res).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(res.items).toHaveLength(5);
    const exact = (await p.admin.call('GET', `/api/v1/members?org=${p.cellA1}`)).json() as { totalCapped: boolean };
    expect(exact.totalCapped).toBe(false);
    const csv = await p.admin.call('GET', '/api/v1/members/export.csv?q=quang%20van%20do');
    expect(csv.body.trim().split('\r\n')).toHaveLength(SEARCH_COUNT_CAP + 5 + 1);
  });

  it('checks the CCCD against sex and birth year, naming the field, and writes nothing', async () => {
    const before = await count('person');
    const cases: [string, string][] = [
      ['12345', 'CCCD_FORMAT'],
      ['099085000001', 'CCCD_PROVINCE'],
      [makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 1985, serial: 1 }), 'CCCD_SEX'],
      [makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1986, serial: 1 }), 'CCCD_BIRTH_YEAR'],
    ];
    for (const [cccd, code] of cases) {
      const res = await p.admin.call('POST', '/api/v1/members', memberInput(p.cellA1, { cccd, sex: 'nam', birthDate: '1985-03-15' }));
      expect(res.statusCode, cccd).toBe(422);
      expect(res.json().error).toMatchObject({ code, field: 'cccd' });
    }
    expect(await count('person')).toBe(before);
  });

  it('refuses impossible records with a clear message', async () => {
    const before = await count('person');
    const bad: [Record<string, unknown>, string, string][] = [
      [{ birthDate: '2000-01-01', admittedOn: '2017-06-01', officialOn: null }, 'ADMITTED_UNDER_AGE', 'admittedOn'],
      [{ admittedOn: '2010-05-19', officialOn: '2011-05-01' }, 'PROBATION_TOO_SHORT', 'officialOn'],
      [{ admittedOn: '2999-01-01', officialOn: null }, 'DATE_IN_FUTURE', 'admittedOn'],
      [{ orgId: p.communeA }, 'ORG_NOT_CELL', 'orgId'],
      [{ birthDate: '1980-03-15', admittedOn: '2003-01-01', officialOn: null }, 'ORG_NOT_EXISTING_ON_DATE', 'orgId'],
    ];
    for (const [over, code, field] of bad) {
      const res = await p.admin.call('POST', '/api/v1/members', memberInput(p.cellA1, { cccd: null, ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.json().error).toMatchObject({ code, field });
      expect(res.json().error.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựđ]/);
    }
    expect(await count('person')).toBe(before);
  });

  it('reports likely duplicates when saving and in the duplicates list', async () => {
    const cccd = makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 1985, serial: 4242 });
    const first = await buildMember(p.admin, p.cellB1, { fullName: 'Vàng A Sính', cccd });
    const sameCccd = await p.admin.call('POST', '/api/v1/members', memberInput(p.cellB1, { fullName: 'Vàng A Sinh', cccd }));
    expect(sameCccd.statusCode).toBe(409);
    expect(sameCccd.json().error).toMatchObject({ code: 'DUPLICATE_CCCD', field: 'cccd' });
    expect(sameCccd.json().error.details[0]).toMatchObject({ personId: first.id, reason: 'same_cccd' });
    const twin = memberInput(p.cellB1, { fullName: 'Vàng A Sính', cccd: null });
    const res = await p.admin.call('POST', '/api/v1/members', twin);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LIKELY_DUPLICATE');
    const confirmed = await p.admin.call('POST', '/api/v1/members', { ...twin, confirmDuplicate: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const dup = (await p.admin.call('GET', '/api/v1/members/duplicates')).json() as { groups: { reason: string; people: { id: string }[] }[] };
    const group = dup.groups.find((g) => g.reason === 'same_name_birth' && g.people.some((x) => x.id === first.id));
    expect(group?.people).toHaveLength(2);
  });

  it('refuses a conflicting edit with 409 and keeps the first one', async () => {
    const m = await buildMember(p.admin, p.cellA2, { fullName: 'Điêu Chính Tới' });
    const a = await p.admin.call('PATCH', `/api/v1/members/${m.id}`, { version: m.version, residence: 'Bản Nậm Cười' });
    expect(a.statusCode, a.body).toBe(200);
    expect((a.json() as Detail).version).toBe(m.version + 1);
    const b = await p.admin.call('PATCH', `/api/v1/members/${m.id}`, { version: m.version, residence: 'Bản Khác' });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.code).toBe('VERSION_CONFLICT');
    const now = (await p.admin.call('GET', `/api/v1/members/${m.id}`)).json() as { residence: string };
    expect(now.residence).toBe('Bản Nậm Cười');
  });

  it('keeps the event ledger: transfer, exemption, death; refuses illegal changes', async () => {
    let m = (await (await p.admin.call('POST', '/api/v1/members', memberInput(p.cellA1, { cccd: null, fullName: 'Lò Văn Chiến' }))).json()) as Detail;
    const event = async (body: Record<string, unknown>) => p.admin.call('POST', `/api/v1/members/${m.id}/events`, { version: m.version, ...body });
    let r = await event({ kind: 'chuyen_noi_bo', effectiveDate: '2018-02-01', orgId: p.cellB1, decisionNo: '22-QĐ/ĐU', issuer: 'Đảng ủy xã' });
    expect(r.statusCode, r.body).toBe(201);
    m = r.json() as Detail;
    expect(r.json()).toMatchObject({ orgId: p.cellB1 });
    r = await event({ kind: 'mien_sinh_hoat', effectiveDate: '2022-01-01' });
    m = r.json() as Detail;
    r = await event({ kind: 'tu_tran', effectiveDate: '2024-01-01' });
    expect(r.statusCode).toBe(201);
    m = r.json() as Detail;
    expect(m.standing).toBe('tu_tran');
    const refused = await event({ kind: 'chuyen_noi_bo', effectiveDate: '2024-02-01', orgId: p.cellA1 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('Không thể ghi');
    const early = await event({ kind: 'phuc_hoi', effectiveDate: '2020-01-01', orgId: p.cellA1 });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.field).toBe('effectiveDate');
    const h = (await p.admin.call('GET', `/api/v1/members/${m.id}/history`)).json() as { events: unknown[]; episodes: { orgId: string; validFrom: string; validTo: string | null }[] };
    expect(h.events).toHaveLength(5);
    expect(h.episodes.map((e) => [e.orgId, e.validFrom, e.validTo])).toEqual([
      [p.cellA1, '2010-05-19', '2018-02-01'],
      [p.cellB1, '2018-02-01', '2024-01-01'],
    ]);
    const stale = await p.admin.call('POST', `/api/v1/members/${m.id}/events`, { version: 1, kind: 'phuc_hoi', effectiveDate: '2025-01-01', orgId: p.cellA1 });
    expect(stale.statusCode).toBe(409);
  });

  it('records qualifications with the date obtained', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const r = await p.admin.call('POST', `/api/v1/members/${m.id}/qualifications`, { kind: 'ly_luan_chinh_tri', level: 'trung_cap', obtainedOn: '2019-06-30' });
    expect(r.statusCode, r.body).toBe(201);
    const h = (await p.admin.call('GET', `/api/v1/members/${m.id}/history`)).json() as { qualifications: unknown[] };
    expect(h.qualifications).toEqual([expect.objectContaining({ level: 'trung_cap', obtainedOn: '2019-06-30' })]);
  });

  it('registers non-members and keeps them out of the member list', async () => {
    const r = await p.admin.call('POST', '/api/v1/people', { fullName: 'Sùng A Páo', sex: 'nam', birthDate: '2001-01-01', ethnicity: '08', orgId: p.cellA1 });
    expect(r.statusCode, r.body).toBe(201);
    const id = (r.json() as Detail).id;
    const members = (await p.admin.call('GET', '/api/v1/members?q=sung%20a%20pao')).json() as List;
    expect(members.total).toBe(0);
    const all = (await p.admin.call('GET', '/api/v1/members?q=sung%20a%20pao&includeNonMembers=true')).json() as List;
    expect(all.items.map((i) => i.id)).toEqual([id]);
  });
});
