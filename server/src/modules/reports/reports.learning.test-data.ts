import { memberInput } from '../../test/factories.js';
import type { BaseFixture } from './reports.test-data.js';

/**
 * Training and study-session records over the base report dataset, through the API. Nothing
 * here touches the member ledger, and no member passes a political-theory course before 2021, so
 * every figure of the base dataset stays as it was.
 *
 * People who are not members: Q1 (commune A), Q2 (commune B), Q3 (managed by cell B2, which has
 * sat under commune A since 2020-09-01). M6 is admitted on 2021-01-01, so in 2020 he is not a member.
 *
 * Classes (course kind, organizer, opened → closed) and learners (sent on, by; result):
 *   C0 chuyên môn, tỉnh, 2019-12-31 (the day before) → 2020-01-10:
 *        M1 (A1) 2019-12-20 đạt khá 2020-01-10; M5 (B2, then under B) 2019-12-20 không đạt 2020-01-10
 *   C1 đảng viên mới, huyện, 2020-01-01 (first day) → 2020-01-05:
 *        M4 (B1) 2019-12-31 đạt xuất sắc 2020-01-05; M2 (A1) 2020-01-01 đạt giỏi 2020-01-05
 *   C2 nhận thức về Đảng, xã B, 2020-06-01 → 2020-06-05:
 *        Q2 by xã B 2020-05-20 đạt khá 2020-06-05; Q3 by chi bộ B2 (then under B) 2020-05-25, rút 2020-06-03
 *   C3 sơ cấp, huyện, 2020-12-31 (last day) → 2021-03-31:
 *        M2, M5 (A1) 2020-12-15: không đạt 2021-03-31, rút 2021-01-20; Q1 by xã A 2020-12-20 đạt trung bình 2021-03-31
 *   C4 đảng viên mới, huyện, 2021-01-01 (the day after) → 2021-01-05: M6 (A2) 2021-01-01 đạt khá 2021-01-05
 *   C5 chuyên môn, xã A, 2020-09-15 → 2020-09-20:
 *        M1, M5 (A1), M6 (not yet a member: by xã A) 2020-09-10: đạt trung bình, đạt (no grade), đạt khá 2020-09-20
 *   C6 chuyên môn, tỉnh, 2020-11-02 → 2021-01-15:
 *        M1 (A1), M4 (merged cell) 2020-10-20: đạt giỏi 2021-01-01, đạt khá 2020-12-31
 *   C7 sơ cấp, huyện, planned for 2020-10-01, never opened: M5 2020-09-01
 *
 * Documents D1 05-NQ/TU (2019-10-01) and D2 12-KH/HU (2020-02-10). Sessions (org, documents;
 * named attendees; numbers only):
 *   S0 2019-12-31 A1 D1; M1                      (the day before)
 *   S1 2020-01-01 A1 D1; M1, M2, Q1; +3 non-members
 *   S2 2020-06-15 B2 (then under B) D1, D2; +4 non-members
 *   S3 2020-12-31 xã B D2; M7 (struck off in March: not a member that day), Q2
 *   S4 2021-01-01 xã A D1; M1; +2 members     (the day after)
 *   S5 2020-05-01 huyện D1; M5 (then in B2); +1 non-member
 *   S6 2020-11-20 merged cell D2; M4; +2 non-members
 *   S7 2020-03-10 A2 D2; M3 (died 2020-12-31: attended, but not a member at the window's end)
 */
export async function addLearningData(f: BaseFixture) {
  const a = f.admin;
  const ok = async (method: 'POST', url: string, body: unknown) => {
    const r = await a.call(method, url, body);
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as Record<string, unknown>;
  };
  const { m1, m2, m3, m4, m5, m6, m7 } = f.members;

  const person = async (orgId: string, fullName: string, sex: 'nam' | 'nu', birthDate: string) => {
    const { fullName: _f, admittedOn: _a, admissionDecisionNo: _d, admissionIssuer: _i, officialOn: _o, ...rest } = memberInput(orgId, { sex, birthDate });
    return ((await ok('POST', '/api/v1/people', { ...rest, fullName })) as { id: string }).id;
  };
  const q1 = await person(f.communeA, 'Lò Thị Hoa', 'nu', '1998-03-03');
  const q2 = await person(f.communeB, 'Vì Văn Sơn', 'nam', '1997-07-07');
  const q3 = await person(f.cellB2, 'Lường Thị Mai', 'nu', '1999-09-09');

  type Detail = { id: string; version: number; enrolments: { id: string; personId: string; version: number }[] };
  // Every cohort call answers with the cohort as it now is: its versions serve the next call.
  const latest = new Map<string, Detail>();
  const call = async (url: string, body: unknown, id?: string) => {
    const d = (await ok('POST', url, body)) as unknown as Detail;
    latest.set(id ?? d.id, d);
    return d;
  };
  const course = async (kind: string, name: string, orgId: string) =>
    ((await ok('POST', '/api/v1/training/courses', { kind, name, provider: 'Trung tâm chính trị huyện Núi Cao', orgId })) as { id: string }).id;
  const cohort = async (courseId: string, organizerOrgId: string, name: string, startsOn: string, endsOn: string) =>
    (await call('/api/v1/training/cohorts', { courseId, organizerOrgId, name, startsOn, endsOn })).id;
  const enrol = (id: string, personIds: string[], sentByOrgId: string, sentOn: string) =>
    call(`/api/v1/training/cohorts/${id}/enrolments`, { personIds, sentByOrgId, sentOn, decisionNo: '15-QĐ/HU' }, id);
  const state = (id: string, s: 'dang_hoc' | 'ket_thuc', date: string) => call(`/api/v1/training/cohorts/${id}/state`, { version: latest.get(id)!.version, state: s, date }, id);
  const enrolment = (id: string, personId: string) => latest.get(id)!.enrolments.find((e) => e.personId === personId)!;
  const result = (id: string, personId: string, r: 'dat' | 'khong_dat', grade: string | null, resultOn: string) => {
    const e = enrolment(id, personId);
    return call(`/api/v1/training/enrolments/${e.id}/result`, { version: e.version, result: r, grade, resultOn }, id);
  };
  const withdraw = (id: string, personId: string, date: string) => {
    const e = enrolment(id, personId);
    return call(`/api/v1/training/enrolments/${e.id}/withdraw`, { version: e.version, date, reason: 'Thay đổi công tác' }, id);
  };

  const nhanThuc = await course('nhan_thuc', 'Bồi dưỡng nhận thức về Đảng', f.district);
  const dangVienMoi = await course('dang_vien_moi', 'Bồi dưỡng lý luận chính trị cho đảng viên mới', f.district);
  const soCap = await course('so_cap', 'Sơ cấp lý luận chính trị', f.district);
  const chuyenMon = await course('chuyen_mon', 'Nghiệp vụ công tác đảng', f.province);

  const c0 = await cohort(chuyenMon, f.province, 'Lớp nghiệp vụ công tác đảng khóa 1/2019', '2019-12-31', '2020-01-10');
  await enrol(c0, [m1.id, m5.id], f.district, '2019-12-20');
  await state(c0, 'dang_hoc', '2019-12-31');
  await result(c0, m1.id, 'dat', 'kha', '2020-01-10');
  await result(c0, m5.id, 'khong_dat', null, '2020-01-10');
  await state(c0, 'ket_thuc', '2020-01-10');

  const c1 = await cohort(dangVienMoi, f.district, 'Lớp bồi dưỡng đảng viên mới khóa 1/2020', '2020-01-01', '2020-01-05');
  await enrol(c1, [m4.id], f.communeB, '2019-12-31');
  await enrol(c1, [m2.id], f.communeA, '2020-01-01');
  await state(c1, 'dang_hoc', '2020-01-01');
  await result(c1, m4.id, 'dat', 'xuat_sac', '2020-01-05');
  await result(c1, m2.id, 'dat', 'gioi', '2020-01-05');
  await state(c1, 'ket_thuc', '2020-01-05');

  const c2 = await cohort(nhanThuc, f.communeB, 'Lớp bồi dưỡng nhận thức về Đảng khóa 1/2020', '2020-06-01', '2020-06-05');
  await enrol(c2, [q2], f.communeB, '2020-05-20');
  await enrol(c2, [q3], f.cellB2, '2020-05-25');
  await state(c2, 'dang_hoc', '2020-06-01');
  await withdraw(c2, q3, '2020-06-03');
  await result(c2, q2, 'dat', 'kha', '2020-06-05');
  await state(c2, 'ket_thuc', '2020-06-05');

  const c3 = await cohort(soCap, f.district, 'Lớp sơ cấp lý luận chính trị khóa 1/2020', '2020-12-31', '2021-03-31');
  await enrol(c3, [m2.id, m5.id], f.communeA, '2020-12-15');
  await enrol(c3, [q1], f.communeA, '2020-12-20');
  await state(c3, 'dang_hoc', '2020-12-31');
  await withdraw(c3, m5.id, '2021-01-20');
  await result(c3, m2.id, 'khong_dat', null, '2021-03-31');
  await result(c3, q1, 'dat', 'trung_binh', '2021-03-31');
  await state(c3, 'ket_thuc', '2021-03-31');

  const c4 = await cohort(dangVienMoi, f.district, 'Lớp bồi dưỡng đảng viên mới khóa 1/2021', '2021-01-01', '2021-01-05');
  await enrol(c4, [m6.id], f.communeA, '2021-01-01');
  await state(c4, 'dang_hoc', '2021-01-01');
  await result(c4, m6.id, 'dat', 'kha', '2021-01-05');
  await state(c4, 'ket_thuc', '2021-01-05');

  const c5 = await cohort(chuyenMon, f.communeA, 'Lớp nghiệp vụ chi ủy khóa 1/2020', '2020-09-15', '2020-09-20');
  await enrol(c5, [m1.id, m5.id, m6.id], f.communeA, '2020-09-10');
  await state(c5, 'dang_hoc', '2020-09-15');
  await result(c5, m1.id, 'dat', 'trung_binh', '2020-09-20');
  await result(c5, m5.id, 'dat', null, '2020-09-20');
  await result(c5, m6.id, 'dat', 'kha', '2020-09-20');
  await state(c5, 'ket_thuc', '2020-09-20');

  const c6 = await cohort(chuyenMon, f.province, 'Lớp nghiệp vụ kiểm tra khóa 2/2020', '2020-11-02', '2021-01-15');
  await enrol(c6, [m1.id], f.communeA, '2020-10-20');
  await enrol(c6, [m4.id], f.communeB, '2020-10-20');
  await state(c6, 'dang_hoc', '2020-11-02');
  await result(c6, m4.id, 'dat', 'kha', '2020-12-31');
  await result(c6, m1.id, 'dat', 'gioi', '2021-01-01');
  await state(c6, 'ket_thuc', '2021-01-15');

  const c7 = await cohort(soCap, f.district, 'Lớp sơ cấp lý luận chính trị khóa 2/2020', '2020-10-01', '2020-12-20');
  await enrol(c7, [m5.id], f.communeA, '2020-09-01');

  const doc = async (symbol: string, issuedOn: string, term: string, summary: string, orgId: string) =>
    ((await ok('POST', '/api/v1/documents', { symbol, issuedOn, term, summary, orgId })) as { id: string }).id;
  const d1 = await doc('05-NQ/TU', '2019-10-01', '2015-2020', 'Nghị quyết về phát triển đảng viên ở thôn, bản', f.province);
  const d2 = await doc('12-KH/HU', '2020-02-10', '2020-2025', 'Kế hoạch thực hiện Nghị quyết 05-NQ/TU', f.district);
  const session = (orgId: string, studiedOn: string, documentIds: string[], attendeeIds: string[], memberCount = 0, nonMemberCount = 0) =>
    ok('POST', '/api/v1/study/sessions', { orgId, studiedOn, studyForm: 'hoc_tap', documentIds, attendeeIds, memberCount, nonMemberCount });
  await session(f.cellA1, '2019-12-31', [d1], [m1.id]);
  await session(f.cellA1, '2020-01-01', [d1], [m1.id, m2.id, q1], 0, 3);
  await session(f.cellB2, '2020-06-15', [d1, d2], [], 0, 4);
  await session(f.communeB, '2020-12-31', [d2], [m7.id, q2]);
  await session(f.communeA, '2021-01-01', [d1], [m1.id], 2, 0);
  await session(f.district, '2020-05-01', [d1], [m5.id], 0, 1);
  await session(f.merged, '2020-11-20', [d2], [m4.id], 0, 2);
  await session(f.cellA2, '2020-03-10', [d2], [m3.id]);

  return { people: { q1, q2, q3 }, cohorts: { c0, c1, c2, c3, c4, c5, c6, c7 }, documents: { d1, d2 } };
}

/**
 * Hand-worked figures for the training and resolution-study report types (same shape as EXPECTED),
 * for the province over 2020.
 */
export const LEARNING_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {
  // Classes opened in 2020: C1 (đảng viên mới), C2 (nhận thức), C3 (sơ cấp, on the last day), C5, C6 (chuyên môn);
  // C0 opened the day before, C4 the day after, C7 never opened. Closed by 2020-12-31: C1, C2, C5.
  // Learners of those classes: C1 M2, M4; C2 Q2, Q3; C3 M2, M5, Q1; C5 M1, M5, M6 (not yet a member); C6 M1, M4
  // = 12 lượt of 8 people (M1, M2, M4, M5 twice each), 8 lượt of members, 4 of others.
  // Results dated in 2020: C0 M1 khá, M5 không đạt; C1 M4 xuất sắc, M2 giỏi; C2 Q2 khá (Q3 rút);
  // C5 M1 trung bình, M5 no grade, M6 khá; C6 M4 khá (on the last day; M1's, on the day after, is not) = 9 with a result,
  // 8 đạt, 6 khá or better (1 xuất sắc, 1 giỏi, 4 khá), 1 không đạt, 1 rút.
  'dao-tao': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: {
      'lop.tong.lop': 5,
      'lop.tong.be_giang': 3,
      'lop.so_cap.lop': 1,
      'lop.so_cap.be_giang': 0,
      'lop.dang_vien_moi.lop': 1,
      'lop.nhan_thuc.lop': 1,
      'lop.chuyen_mon.lop': 2,
      'lop.chuyen_mon.be_giang': 1,
      'lop.trung_cap.lop': 0,
      'hoc_vien.tong.luot': 12,
      'hoc_vien.tong.nguoi': 8,
      'hoc_vien.tong.dv': 8,
      'hoc_vien.tong.qc': 4,
      'hoc_vien.so_cap.luot': 3,
      'hoc_vien.so_cap.qc': 1,
      'hoc_vien.dang_vien_moi.luot': 2,
      'hoc_vien.dang_vien_moi.dv': 2,
      'hoc_vien.nhan_thuc.luot': 2,
      'hoc_vien.nhan_thuc.qc': 2,
      'hoc_vien.chuyen_mon.luot': 5,
      'hoc_vien.chuyen_mon.nguoi': 4,
      'hoc_vien.chuyen_mon.dv': 4,
      'hoc_vien.chuyen_mon.qc': 1,
      'ket_qua.tong.co': 9,
      'ket_qua.tong.dat': 8,
      'ket_qua.tong.xuat_sac': 1,
      'ket_qua.tong.gioi': 1,
      'ket_qua.tong.kha': 4,
      'ket_qua.tong.trung_binh': 1,
      'ket_qua.tong.kha_gioi': 6,
      'ket_qua.tong.khong_dat': 1,
      'ket_qua.tong.rut': 1,
      'ket_qua.chuyen_mon.co': 6,
      'ket_qua.chuyen_mon.dat': 5,
      'ket_qua.chuyen_mon.kha_gioi': 3,
      'ket_qua.chuyen_mon.khong_dat': 1,
      'ket_qua.dang_vien_moi.kha_gioi': 2,
      'ket_qua.nhan_thuc.dat': 1,
      'ket_qua.nhan_thuc.rut': 1,
      'ket_qua.so_cap.co': 0,
    },
  },
  // Sessions in 2020: S1, S2, S3, S5, S6, S7 (S0 the day before, S4 the day after).
  // D1: S1 (2 members, 4 others), S2 (0, 4), S5 (1, 1) = 3 sessions, 3 + 9 lượt; members attending M1, M2, M5 = 3 of 4
  //     on 2020-12-31; grassroots organizations on 2020-12-31: communes A and B; A via A1, and via B2 which now sits
  //     under A; S5 was held by the district, above them → 1 of 2.
  // D2: S2 (0, 4), S3 (0, 2: M7 struck off), S6 (1, 2), S7 (1: M3, dead by the end) = 4 sessions, 2 + 8 lượt;
  //     members attending still members at the end: M4 → 1 of 4; A (S2, S7) and B (S3, S6: the merged cell) → 2 of 2.
  // All documents, each session once: 6 sessions, 5 + 13 lượt; M1, M2, M4, M5 → 4 of 4; 2 of 2 organizations.
  // By level: district S5 (1, 1); commune B S3 (0, 2); cells S1, S2, S6, S7 (4 sessions; 4, 10).
  'hoc-tap-nghi-quyet': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: {
      'van_ban.tong.to_chuc': 2,
      'van_ban.tong.buoi': 6,
      'van_ban.tong.luot_dv': 5,
      'van_ban.tong.luot_qc': 13,
      'van_ban.tong.dv': 4,
      'van_ban.05-nq-tu_20191001.to_chuc': 1,
      'van_ban.05-nq-tu_20191001.buoi': 3,
      'van_ban.05-nq-tu_20191001.luot_dv': 3,
      'van_ban.05-nq-tu_20191001.luot_qc': 9,
      'van_ban.05-nq-tu_20191001.dv': 3,
      'van_ban.12-kh-hu_20200210.to_chuc': 2,
      'van_ban.12-kh-hu_20200210.buoi': 4,
      'van_ban.12-kh-hu_20200210.luot_dv': 2,
      'van_ban.12-kh-hu_20200210.luot_qc': 8,
      'van_ban.12-kh-hu_20200210.dv': 1,
      'cap.tong.buoi': 6,
      'cap.tinh.buoi': 0,
      'cap.tren_co_so.buoi': 1,
      'cap.tren_co_so.luot_dv': 1,
      'cap.co_so.buoi': 1,
      'cap.co_so.luot_qc': 2,
      'cap.duoi_co_so.buoi': 4,
      'cap.duoi_co_so.luot_dv': 4,
      'cap.duoi_co_so.luot_qc': 10,
      'mau_so.tccs.n': 2,
      'mau_so.dang_vien.n': 4,
    },
  },
};
