import type { TestEnv } from '../../test/engines.js';
import { addLearningData, LEARNING_EXPECTED } from './reports.learning.test-data.js';
import { addPartyLifeData, PARTY_LIFE_EXPECTED } from './reports.partylife.test-data.js';
import { addRatingsData, RATINGS_EXPECTED } from './reports.ratings.test-data.js';
import { buildMember, buildOrganization, buildProvince, decision, memberInput, type Session } from '../../test/factories.js';

/**
 * The fixed report dataset, built through the API so ledgers, episodes and organization
 * versions are the real ones. The province of `buildProvince` (district → communes A, B →
 * cells A1, A2, B1, B2), seven members, a restructuring inside 2020 and host units, posts,
 * a rotation and a target. Every expected value below is worked out by hand in the comments.
 *
 *   M1  A1  nữ, Kinh, 1960-01-01  kết nạp 2005-05-01, chính thức 2006-05-01; bí thư A1 and
 *           trưởng bản Nậm Cười from 2015
 *   M2  A1  nam, Thái, 1995-06-01 kết nạp 2020-01-01 (first day of the window), dự bị; đoàn viên 2010
 *   M3  A2  nam, Thái, 1950-01-01 kết nạp 2005-01-10; từ trần 2020-12-31 (last day of the window)
 *   M4  B1  nữ, Kinh, Phật giáo, 1985-01-01 kết nạp 2019-12-31 (the day before), chính thức 2020-12-31;
 *           moved by the merger of B1 and B3 on 2020-10-01 (two cells in the window, counted once)
 *   M5  B2  nam, Tày, 1980-01-01 kết nạp 2009-01-01; chuyển nội bộ B2 → A1 on 2020-06-01
 *   M6  A2  nam, Kinh, 1970-01-01 kết nạp 2021-01-01 (after the window)
 *   M7  B1  nam, Kinh, 1975-01-01 kết nạp 2010-06-01; xóa tên 2020-03-15
 *
 *   2020-03-01 thành lập B3 (under B); 2020-09-01 chuyển giao B2 from B to A;
 *   2020-10-01 sáp nhập B1 + B3 → new cell "Chi bộ bản Huổi Luông mới" (under B).
 */
async function buildBaseFixture(env: TestEnv) {
  const p = await buildProvince(env);
  const a = p.admin;
  const ok = async (method: 'POST', url: string, body: unknown) => {
    const r = await a.call(method, url, body);
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as Record<string, unknown>;
  };
  // The current version each time: a restructuring moves members and bumps theirs.
  const event = async (m: { id: string }, body: Record<string, unknown>) => {
    const { version } = (await a.call('GET', `/api/v1/members/${m.id}`)).json() as { version: number };
    await ok('POST', `/api/v1/members/${m.id}/events`, { ...body, version });
  };
  const member = (org: string, over: Record<string, unknown>) => buildMember(a, org, { admissionDecisionNo: '1-QĐ/HU', ...over });

  const m1 = await member(p.cellA1, { sex: 'nu', ethnicity: '01', birthDate: '1960-01-01', admittedOn: '2005-05-01', officialOn: '2006-05-01', politicalTheory: 'cao_cap' });
  const m2 = await member(p.cellA1, { sex: 'nam', ethnicity: '03', birthDate: '1995-06-01', admittedOn: '2020-01-01', officialOn: null, youthUnionOn: '2010-03-26' });
  const m3 = await member(p.cellA2, { sex: 'nam', ethnicity: '03', birthDate: '1950-01-01', admittedOn: '2005-01-10', officialOn: '2006-01-10' });
  const m4 = await member(p.cellB1, { sex: 'nu', ethnicity: '01', religion: 'phat_giao', birthDate: '1985-01-01', admittedOn: '2019-12-31', officialOn: null });
  const m5 = await member(p.cellB2, { sex: 'nam', ethnicity: '02', birthDate: '1980-01-01', admittedOn: '2009-01-01', officialOn: '2010-01-01' });
  const m6 = await member(p.cellA2, { sex: 'nam', ethnicity: '01', birthDate: '1970-01-01', admittedOn: '2021-01-01', officialOn: '2022-01-01' });
  const m7 = await member(p.cellB1, { sex: 'nam', ethnicity: '01', birthDate: '1975-01-01', admittedOn: '2010-06-01', officialOn: '2011-06-01' });
  await event(m3, { kind: 'tu_tran', effectiveDate: '2020-12-31' });
  await event(m7, { kind: 'xoa_ten', effectiveDate: '2020-03-15', decisionNo: '3-QĐ/ĐU', issuer: 'Đảng ủy xã' });
  await event(m5, { kind: 'chuyen_noi_bo', effectiveDate: '2020-06-01', orgId: p.cellA1, decisionNo: '9-QĐ/HU', issuer: 'Huyện ủy' });

  const cellB3 = await buildOrganization(a, { name: 'Chi bộ bản Mới', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, hostType: 'thon_ban', effectiveDate: '2020-03-01' });
  await ok('POST', `/api/v1/orgs/${p.cellB2}/transfer`, { ...decision('2020-09-01'), newParentId: p.communeA });
  const merged = (await ok('POST', '/api/v1/orgs/merge', {
    ...decision('2020-10-01'),
    sourceIds: [p.cellB1, cellB3],
    newOrg: { code: 'CB-HL-MOI', name: 'Chi bộ bản Huổi Luông mới', kind: 'chi_bo_truc_thuoc', hostType: 'thon_ban', parentId: p.communeB },
  })) as { orgId: string };

  // Full membership on the window's last day, recorded after the merger moved her.
  await event(m4, { kind: 'cong_nhan_chinh_thuc', effectiveDate: '2020-12-31', decisionNo: '4-QĐ/HU', issuer: 'Huyện ủy' });

  const unit = async (code: string, name: string, kind: string, orgId: string, cellOrgId: string | null) =>
    ((await ok('POST', '/api/v1/host-units', { effectiveDate: '2010-01-01', code, name, kind, orgId, cellOrgId })) as { id: string }).id;
  const u1 = await unit('U-NC', 'Bản Nậm Cười', 'thon_ban', p.communeA, p.cellA1);
  const u2 = await unit('U-PT', 'Bản Pa Tần', 'thon_ban', p.communeA, p.cellA2);
  await unit('U-XA', 'Bản Xa', 'thon_ban', p.communeB, null);
  await unit('U-TH', 'Trường Tiểu học Huổi Luông', 'truong_hoc', p.communeB, p.cellB2);

  const post = (body: Record<string, unknown>) => ok('POST', '/api/v1/posts', { validFrom: '2015-01-01', decisionNo: '7-QĐ/HU', ...body });
  await post({ orgId: p.cellA1, personId: m1.id, title: 'bi_thu' });
  await post({ orgId: p.communeA, personId: m1.id, title: 'truong_thon', hostUnitId: u1 });
  const { fullName: _f, admittedOn: _a, admissionDecisionNo: _d, admissionIssuer: _i, officialOn: _o, ...person } = memberInput(p.communeA, { sex: 'nam', birthDate: '1972-02-02' });
  const head = (await ok('POST', '/api/v1/people', { ...person, fullName: 'Giàng A Páo' })) as { id: string };
  await post({ orgId: p.communeA, personId: head.id, title: 'truong_thon', hostUnitId: u2 });

  await ok('POST', '/api/v1/rotations', { ...decision('2020-05-01', '12-QĐ/TU'), personId: m4.id, kind: 'dieu_dong', fromOrgId: p.district, toOrgId: p.communeB, newPost: { title: 'cap_uy_vien' } });
  await ok('POST', '/api/v1/admissions/targets', { orgId: p.province, fromYear: 2011, toYear: 2020, kind: 'count', value: 1, perYear: true, decisionNo: '05-NQ/TU' });

  return { ...p, cellB3, merged: merged.orgId, members: { m1, m2, m3, m4, m5, m6, m7 } };
}

export type BaseFixture = Awaited<ReturnType<typeof buildBaseFixture>>;

/** The base dataset, then the party-life records over it: ratings, meetings and inspections, training and study. */
export async function buildReportFixture(env: TestEnv) {
  const base = await buildBaseFixture(env);
  return { ...base, ratings: await addRatingsData(base), partyLife: await addPartyLifeData(base, env), learning: await addLearningData(base) };
}

export type ReportFixture = Awaited<ReturnType<typeof buildReportFixture>>;
export type { Session };

/**
 * Expected figures (table.row.column → value; a percent cell gives its numerator) for the
 * province, as of 2020-12-31 or over 2020, worked out from the dataset above.
 */
export const EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {
  // Base (hết 2019-12-31): M1, M3, M4, M5, M7 = 5. + kết nạp M2. − từ trần M3, xóa tên M7.
  // End (hết 2020-12-31): M1, M2, M4, M5 = 4 = 5 + 1 − 2. M5's move and M4's merger stay inside.
  'bien-dong': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: {
      'bien_dong.dau_ky.n': 5,
      'bien_dong.tang.n': 1,
      'bien_dong.ket_nap.n': 1,
      'bien_dong.noi_bo_den.n': 0,
      'bien_dong.giam.n': 2,
      'bien_dong.tu_tran.n': 1,
      'bien_dong.xoa_ten.n': 1,
      'bien_dong.noi_bo_di.n': 0,
      'bien_dong.sap_xep.n': 0,
      'bien_dong.cuoi_ky.n': 4,
    },
  },
  // Only M2 (admitted on the window's first day; M4 the day before and M6 after are out): 24, Thái, đoàn viên.
  'ket-nap': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: { 'tong.tong.n': 1, 'tong.nu.n': 0, 'tong.dtts.n': 1, 'tong.doan_vien.n': 1, 'tuoi.eband.le30.n': 1, 'tuoi.eband.31_40.n': 0 },
  },
  // M1 (60, nữ), M2 (25, dự bị, Thái, đoàn viên), M4 (35, nữ, Phật giáo, chính thức on the day), M5 (40, Tày).
  'chat-luong': {
    q: 'asOf=2020-12-31',
    figures: {
      'tong.tong.n': 4,
      'tong.chinh_thuc.n': 3,
      'tong.du_bi.n': 1,
      'tong.nu.n': 2,
      'tong.dtts.n': 2,
      'tong.ton_giao.n': 1,
      'tong.doan_vien.n': 1,
      'tuoi.band.le30.n': 1,
      'tuoi.band.31_40.n': 2,
      'tuoi.band.51_60.n': 1,
      'llct.theory.cao_cap.n': 1,
      'llct.theory.khong.n': 3,
    },
  },
  'dan-toc-ton-giao': {
    q: 'asOf=2020-12-31',
    figures: { 'tong.tong.n': 4, 'tong.dtts.n': 2, 'tong.ton_giao.n': 1, 'dan_toc.eth.01.n': 2, 'dan_toc.eth.02.n': 1, 'dan_toc.eth.03.n': 1, 'ton_giao.rel.phat_giao.n': 1 },
  },
  // Province, district, communes A and B, cells A1, A2, B2 (now under A) and the merged cell.
  'to-chuc': {
    q: 'asOf=2020-12-31',
    figures: { 'cap.dang_bo_tinh.n': 1, 'cap.dang_bo_huyen.n': 1, 'cap.dang_bo_co_so.n': 2, 'cap.chi_bo_truc_thuoc.n': 4, 'co_so.tong.n': 2, 'co_so.xa_phuong.n': 2, 'dang_vien.tong.n': 4, 'dang_vien.host.thon_ban.n': 4 },
  },
  // Every cell has fewer than three full members: A1 has M1, M5 (M2 is dự bị).
  'co-cau': { q: 'asOf=2020-12-31', figures: { 'co_cau.tccsd.n': 2, 'co_cau.chi_bo_truc_thuoc.n': 4, 'co_cau.chua_du.n': 4 } },
  // Villages: Nậm Cười (A1: M1, M2, M5), Pa Tần (A2: empty after M3 died), Xa (no cell). School: B2, empty since June.
  'bao-phu': {
    q: 'asOf=2020-12-31',
    figures: {
      'villages.all.n': 3,
      'villages.has.n': 2,
      'villages.own.n': 2,
      'villages.none.n': 1,
      'villages.nomember.n': 2,
      'villages.small.n': 2,
      'schools.all.n': 1,
      'schools.has.n': 1,
      'schools.nomember.n': 1,
      'health.all.n': 0,
    },
  },
  // thành lập B3, chuyển giao B2, sáp nhập B1 + B3 → 1 new (−1); base orgs 2 → 2; cells 4 → 4.
  'sap-xep': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: { 'sap_xep.thanh_lap.n': 1, 'sap_xep.sap_nhap.n': 1, 'sap_xep.chuyen_giao.n': 1, 'sap_xep.giai_the.n': 0, 'sap_xep.giam_sap_nhap.n': 1, 'sap_xep.tccsd_dau.n': 2, 'sap_xep.tccsd_cuoi.n': 2, 'sap_xep.cb_dau.n': 4, 'sap_xep.cb_cuoi.n': 4 },
  },
  // 2010-12-31: M1, M3, M5, M7 = 4; 2020-12-31: 4. Between: kết nạp M4 (2019), M2 (2020); lost M3, M7.
  'tong-so': { q: 'asOf=2020-12-31&baseline=2010-12-31', figures: { 'tong_so.hien_tai.n': 4, 'tong_so.moc.n': 4, 'tong_so.gap.n': 1, 'tong_so.chenh.n': 0, 'tong_so.tang.n': 2, 'tong_so.ket_nap.n': 2, 'tong_so.giam.n': 2 } },
  // 1 per year × 10 years = 10; admitted 2011–2020: M4, M2 = 2 → 20%.
  'chi-tieu-ket-nap': { q: 'from=2011-01-01&to=2020-12-31', figures: { 'chi_tieu.tong.admitted': 2 } },
  // Villages 3; heads: M1 (member), Giàng A Páo (not); M1 is bí thư A1 and trưởng bản.
  'kiem-nhiem': { q: 'asOf=2020-12-31', figures: { 'kiem_nhiem.don_vi.n': 3, 'kiem_nhiem.truong_thon.n': 2, 'kiem_nhiem.la_dang_vien.n': 1, 'kiem_nhiem.bi_thu_chi_bo_kiem_truong_thon.n': 1 } },
  // M4 điều động from the district to commune B.
  'luan-chuyen': { q: 'from=2020-01-01&to=2020-12-31', figures: { 'hinh_thuc.tong.n': 1, 'hinh_thuc.dieu_dong.n': 1, 'huong.huyen-xa.n': 1 } },
  ...RATINGS_EXPECTED,
  ...PARTY_LIFE_EXPECTED,
  ...LEARNING_EXPECTED,
};
