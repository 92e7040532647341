import { MEETING_SCORE_RULES_2019, type MeetingClass } from '@dangvu/common';
import type { TestEnv } from '../../test/engines.js';
import { buildUser, type Session } from '../../test/factories.js';
import type { BaseFixture } from './reports.test-data.js';

/**
 * Meetings (sinh hoạt chi bộ) and inspections (kiểm tra, giám sát) over the base report dataset,
 * recorded through the API: meetings by the administrator, inspections by a provincial
 * inspection-commission user (the administrator has no inspection rights). No discipline
 * decision is recorded here: it would change members' ratings and, for khai trừ and cách chức,
 * their status and posts; reports.partylife.test.ts adds them on its own database.
 *
 * Cells in 2020 and the months they existed in full (all 2020 months are over):
 *   A1   thôn bản, all year                      12 months
 *   A2   thôn bản, all year                      12 months
 *   B1   thôn bản, merged away 2020-10-01         9 months (Jan–Sep)
 *   B2   trường học, moved B → A on 2020-09-01   12 months (Jan–Aug under B, Sep–Dec under A)
 *   B3   thôn bản, founded 2020-03-01, merged away 2020-10-01   7 months (Mar–Sep)
 *   HL   "Huổi Luông mới", thôn bản, from the merger 2020-10-01  3 months (Oct–Dec)
 * All are chi bộ trực thuộc. 55 cell-months in all.
 *
 * Regular meetings (held and scored unless said; score → class under KH99-2019):
 *   A1   Jan (held 2020-01-01, the window's first day) … Sep Tốt, Oct–Dec Khá (Dec held 2020-12-31,
 *        the last day); March with a higher-level attendee; a thematic meeting on 2020-06-25;
 *        Kém meetings on 2019-12-31 and 2021-01-01 (outside the window)
 *   A2   only a planned, never held meeting in May
 *   B1   Jan Tốt, Feb Khá, Mar–Jun Trung bình
 *   B2   Aug Khá (held 2020-08-31, its last day under B), Sep Tốt (2020-09-01, first day under A,
 *        higher-level attendee), Oct held but not scored
 *   B3   Mar (held 2020-03-01, its first day) Khá, Apr Khá, May Tốt, Jun–Aug Khá
 *   HL   Oct Tốt (held 2020-10-01, its first day), higher-level attendee
 *
 * Yearly classes (default roll-up NAM-2019: a month without a scored meeting counts Kém; Tốt needs
 * 2/3 of the months Tốt and none Kém; Khá 2/3 Khá or better and at most one Kém; Kém over 1/3 Kém;
 * under 6 months not classified):
 *   A1   12 months, 9 Tốt 3 Khá                       → Tốt
 *   A2   12 missing                                   → Kém
 *   B1   9 months: 1 Tốt 1 Khá 4 TB 3 missing (Kém 3, not over 3) → Trung bình
 *   B2   12 months: 1 Tốt 1 Khá 10 missing            → Kém
 *   B3   7 months: 1 Tốt 5 Khá 1 missing (need 5)     → Khá
 *   HL   3 months                                     → chưa đủ thời gian
 */
const SCORES: Record<MeetingClass, Record<string, number>> = (() => {
  const full = Object.fromEntries(MEETING_SCORE_RULES_2019.criteria.map((c) => [c.code, c.max]));
  return {
    tot: { ...full, noi_dung: 15 }, // 95
    kha: { ...full, chuan_bi: 5, noi_dung: 10 }, // 85
    trung_binh: { ...full, chuan_bi: 0, trinh_tu: 0, noi_dung: 5 }, // 60
    kem: { ...full, chuan_bi: 0, trinh_tu: 0, noi_dung: 0, ket_luan: 0, thoi_gian: 0 }, // 40
  };
})();

type Ok = (s: Session, method: 'POST', url: string, body: unknown) => Promise<Record<string, unknown>>;
const ok: Ok = async (s, method, url, body) => {
  const r = await s.call(method, url, body);
  if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
};

interface MeetingOpts {
  kind?: 'thuong_ky' | 'chuyen_de';
  /** Planned only, never held. */
  planned?: boolean;
  higher?: boolean;
}

/** Plans, holds, takes attendance (everyone present) and scores one meeting; `cls` null leaves it unscored. */
export async function recordMeeting(s: Session, orgId: string, heldOn: string, cls: MeetingClass | null, o: MeetingOpts = {}) {
  const m = (await ok(s, 'POST', '/api/v1/meetings', { orgId, kind: o.kind ?? 'thuong_ky', plannedOn: heldOn, title: `Sinh hoạt chi bộ tháng ${heldOn.slice(5, 7)}/${heldOn.slice(0, 4)}` })) as { id: string; version: number };
  if (o.planned) return m.id;
  const held = (await ok(s, 'POST', `/api/v1/meetings/${m.id}/held`, { version: m.version, heldOn, durationMinutes: 120 })) as { version: number; roster: { personId: string }[] };
  const guests = o.higher ? [{ kind: 'cap_tren', name: 'Đồng chí Lường Văn Thử', organization: 'Đảng ủy xã', post: 'Ủy viên Ban Thường vụ' }] : [];
  const att = (await ok(s, 'POST', `/api/v1/meetings/${m.id}/attendance`, { version: held.version, rows: held.roster.map((r) => ({ personId: r.personId, status: 'co_mat' })), guests })) as { version: number };
  if (cls) await ok(s, 'POST', `/api/v1/meetings/${m.id}/score`, { version: att.version, scores: SCORES[cls] });
  return m.id;
}

async function addMeetings(f: BaseFixture) {
  const a = f.admin;
  const day = (m: number, d = 20) => `2020-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  await recordMeeting(a, f.cellA1, '2019-12-31', 'kem');
  for (let m = 1; m <= 12; m++) await recordMeeting(a, f.cellA1, m === 1 ? day(1, 1) : m === 12 ? day(12, 31) : day(m), m <= 9 ? 'tot' : 'kha', { higher: m === 3 });
  await recordMeeting(a, f.cellA1, '2020-06-25', null, { kind: 'chuyen_de' });
  await recordMeeting(a, f.cellA1, '2021-01-01', 'kem');
  await recordMeeting(a, f.cellA2, day(5), null, { planned: true });
  const b1: MeetingClass[] = ['tot', 'kha', 'trung_binh', 'trung_binh', 'trung_binh', 'trung_binh'];
  for (const [i, cls] of b1.entries()) await recordMeeting(a, f.cellB1, day(i + 1), cls);
  await recordMeeting(a, f.cellB2, day(8, 31), 'kha');
  await recordMeeting(a, f.cellB2, day(9, 1), 'tot', { higher: true });
  await recordMeeting(a, f.cellB2, day(10), null);
  const b3: MeetingClass[] = ['kha', 'kha', 'tot', 'kha', 'kha', 'kha'];
  for (const [i, cls] of b3.entries()) await recordMeeting(a, f.cellB3, i === 0 ? day(3, 1) : day(i + 3), cls);
  await recordMeeting(a, f.merged, day(10, 1), 'tot', { higher: true });
}

/**
 * Inspection cases (decision date → in the 2020 window or not), recorded by `inspector`:
 *   C0  2019-12-31 (the day before)  kiểm tra  UBKT huyện    → xã B            theo kế hoạch        out
 *   C1  2020-01-01 (the first day)   kiểm tra  UBKT huyện    → xã A            theo kế hoạch; started 01-10,
 *       concluded 2020-03-01 without violations; requirement R1 due 06-30, done 05-20
 *   C2  2020-06-01                   giám sát  UBKT huyện    → xã A            chuyên đề; started, not concluded
 *   C3  2020-07-01                   kiểm tra  cấp ủy xã B   → M4 (cấp ủy viên xã B since 05-01)  dấu hiệu vi phạm;
 *       concluded 2020-08-15 with violations; R2 due 2020-10-31 never done (overdue), R3 due 2021-03-31 done 2021-02-01
 *   C4  2020-12-31 (the last day)    kiểm tra  chi bộ A1     → M2 (dự bị)      theo kế hoạch; not started
 *   C5  2021-01-01 (the day after)   giám sát  chi bộ A1     → M1                                    out
 *   C6  2020-09-15                   kiểm tra  UBKT xã A     → chi bộ B2 (under A since 09-01)  dấu hiệu vi phạm;
 *       concluded 2020-11-30 with violations
 *   C7  2020-05-10                   giám sát  cấp ủy xã B   → M5 (then in B2)  theo kế hoạch
 *   C8  2020-10-15                   kiểm tra  UBKT xã A     → M5 (in A1 since 06-01)  chuyên đề
 *   C9  2020-04-01                   kiểm tra  UBKT huyện    → xã B            theo kế hoạch; cancelled 04-10
 *   C10 2020-03-20                   kiểm tra  UBKT tỉnh     → M1 (bí thư A1)   chuyên đề
 */
export async function addInspections(f: BaseFixture, s: Session) {
  const { m1, m2, m4, m5 } = f.members;
  type Case = { id: string; version: number };
  const open = async (decisionDate: string, activity: string, bodyKind: string, bodyOrgId: string, subject: { org?: string; person?: string }, kind: string) =>
    (await ok(s, 'POST', '/api/v1/inspections/cases', {
      activity,
      bodyKind,
      bodyOrgId,
      subjectType: subject.org ? 'to_chuc' : 'dang_vien',
      subjectOrgId: subject.org ?? null,
      subjectPersonId: subject.person ?? null,
      kind,
      decisionNo: `${decisionDate.slice(8)}${decisionDate.slice(5, 7)}-QĐ/UBKT`,
      decisionDate,
      content: 'Kiểm tra, giám sát việc chấp hành Điều lệ Đảng',
    })) as Case;
  const step = async (c: Case, action: string, date: string, extra: Record<string, unknown> = {}) => (await ok(s, 'POST', `/api/v1/inspections/cases/${c.id}/steps`, { action, version: c.version, date, ...extra })) as Case;
  const conclude = async (c: Case, started: string, concluded: string, violationsFound: boolean) =>
    step(await step(c, 'bat_dau', started), 'ket_luan', concluded, { conclusion: violationsFound ? 'Có vi phạm, yêu cầu khắc phục' : 'Chấp hành tốt', violationsFound });
  const requirement = async (c: Case, deadline: string, doneOn: string | null) => {
    const d = (await ok(s, 'POST', `/api/v1/inspections/cases/${c.id}/requirements`, { version: c.version, content: `Khắc phục trước ngày ${deadline}`, deadline })) as Case & {
      requirements: { id: string; version: number }[];
    };
    const r = d.requirements.at(-1)!;
    if (doneOn) await ok(s, 'POST', `/api/v1/inspections/requirements/${r.id}/follow-up`, { version: r.version, doneOn, result: 'Đã khắc phục' });
    return (await s.call('GET', `/api/v1/inspections/cases/${c.id}`)).json() as Case;
  };

  await open('2019-12-31', 'kiem_tra', 'ubkt', f.district, { org: f.communeB }, 'theo_ke_hoach');
  const c1 = await conclude(await open('2020-01-01', 'kiem_tra', 'ubkt', f.district, { org: f.communeA }, 'theo_ke_hoach'), '2020-01-10', '2020-03-01', false);
  await requirement(c1, '2020-06-30', '2020-05-20');
  await step(await open('2020-06-01', 'giam_sat', 'ubkt', f.district, { org: f.communeA }, 'chuyen_de'), 'bat_dau', '2020-06-05');
  let c3 = await conclude(await open('2020-07-01', 'kiem_tra', 'cap_uy', f.communeB, { person: m4.id }, 'dau_hieu_vi_pham'), '2020-07-05', '2020-08-15', true);
  c3 = await requirement(c3, '2020-10-31', null);
  await requirement(c3, '2021-03-31', '2021-02-01');
  await open('2020-12-31', 'kiem_tra', 'chi_bo', f.cellA1, { person: m2.id }, 'theo_ke_hoach');
  await open('2021-01-01', 'giam_sat', 'chi_bo', f.cellA1, { person: m1.id }, 'theo_ke_hoach');
  await conclude(await open('2020-09-15', 'kiem_tra', 'ubkt', f.communeA, { org: f.cellB2 }, 'dau_hieu_vi_pham'), '2020-09-20', '2020-11-30', true);
  await open('2020-05-10', 'giam_sat', 'cap_uy', f.communeB, { person: m5.id }, 'theo_ke_hoach');
  await open('2020-10-15', 'kiem_tra', 'ubkt', f.communeA, { person: m5.id }, 'chuyen_de');
  await step(await open('2020-04-01', 'kiem_tra', 'ubkt', f.district, { org: f.communeB }, 'theo_ke_hoach'), 'huy', '2020-04-10', { reason: 'Đã kiểm tra chuyên đề cùng nội dung' });
  await open('2020-03-20', 'kiem_tra', 'ubkt', f.province, { person: m1.id }, 'chuyen_de');
  return { c3: c3.id };
}

/**
 * Adds the meeting and inspection records to the base report dataset. Inspections need a user of
 * the inspection commission, hence the test environment.
 */
export async function addPartyLifeData(f: BaseFixture, env: TestEnv) {
  await addMeetings(f);
  const inspector = await buildUser(env, 'uy_ban_kiem_tra', [f.province]);
  return { inspector, cases: await addInspections(f, inspector) };
}

/**
 * Hand-worked figures for the meeting-quality and inspection report types (same shape as EXPECTED),
 * for the province over 2020.
 */
export const PARTY_LIFE_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {
  // Yearly: A1 Tốt, A2 Kém, B1 TB, B2 Kém, B3 Khá, HL not classified; B2 is the school cell.
  // Months: 55 due, held A1 12 + B1 6 + B2 3 + B3 6 + HL 1 = 28, not met 27 (cells A2, B1, B2, B3, HL);
  // scored 27: Tốt 9 + 1 + 1 + 1 + 1 = 13, Khá 3 + 1 + 1 + 5 = 10, TB 4, Kém 0 (the Kém meetings are
  // outside the window); B2's October meeting held, not scored. Thematic 1 (A1); higher-level
  // attendees at 3 meetings of 3 cells (A1 March, B2 September, HL October).
  'sinh-hoat': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: {
      'nam.tong.n': 6,
      'nam.tong.xep': 5,
      'nam.tong.tot': 1,
      'nam.tong.kha': 1,
      'nam.tong.trung_binh': 1,
      'nam.tong.kem': 2,
      'nam.tong.chua_du': 1,
      'nam.kind.chi_bo_truc_thuoc.n': 6,
      'nam.kind.chi_bo_truc_thuoc.tot': 1,
      'nam.kind.chi_bo_co_so.n': 0,
      'nam.kind.chi_bo_co_so.xep': 0,
      'nam.host.thon_ban.n': 5,
      'nam.host.thon_ban.xep': 4,
      'nam.host.thon_ban.kem': 1,
      'nam.host.truong_hoc.n': 1,
      'nam.host.truong_hoc.kem': 1,
      'thang.tong.phai': 55,
      'thang.tong.hop': 28,
      'thang.tong.khong_hop': 27,
      'thang.tong.chi_bo_khong_hop': 5,
      'thang.host.thon_ban.phai': 43,
      'thang.host.thon_ban.hop': 25,
      'thang.host.truong_hoc.phai': 12,
      'thang.host.truong_hoc.khong_hop': 9,
      'loai_thang.tong.cham': 27,
      'loai_thang.tong.tot': 13,
      'loai_thang.tong.kha': 10,
      'loai_thang.tong.trung_binh': 4,
      'loai_thang.tong.kem': 0,
      'loai_thang.tong.chua_cham': 1,
      'loai_thang.host.truong_hoc.cham': 2,
      'khac.tong.chuyen_de': 1,
      'khac.tong.cap_tren': 3,
      'khac.tong.chi_bo_cap_tren': 3,
      'khac.host.thon_ban.cap_tren': 2,
    },
  },
  // In the window and not cancelled: C1, C2, C3, C4, C6, C7, C8, C10 (8); kiểm tra 6, giám sát 2.
  // UBKT: C1, C2, C6, C8, C10 — organizations xã A, B2; members M5, M1 (M1 bí thư A1 on 03-20).
  // Cấp ủy: C3, C7 — members M4 (cấp ủy viên on 07-01), M5. Chi bộ: C4 — M2.
  // Distinct in all: organizations xã A (inspected and supervised), B2 = 2; members M1, M2, M4, M5 = 4
  // (M5 once although taken up by two bodies); cấp ủy viên M1, M4 = 2.
  // Concluded by 31/12: C1, C3, C6; with violations C3, C6. Requirements R1 done, R2 overdue,
  // R3 not yet due (done only in 2021). No discipline in this dataset.
  'kiem-tra': {
    q: 'from=2020-01-01&to=2020-12-31',
    figures: {
      'chu_the.tong.cuoc': 8,
      'chu_the.tong.kiem_tra': 6,
      'chu_the.tong.giam_sat': 2,
      'chu_the.tong.to_chuc': 2,
      'chu_the.tong.dang_vien': 4,
      'chu_the.tong.cap_uy_vien': 2,
      'chu_the.body.ubkt.cuoc': 5,
      'chu_the.body.ubkt.kiem_tra': 4,
      'chu_the.body.ubkt.to_chuc': 2,
      'chu_the.body.ubkt.dang_vien': 2,
      'chu_the.body.ubkt.cap_uy_vien': 1,
      'chu_the.body.cap_uy.cuoc': 2,
      'chu_the.body.cap_uy.dang_vien': 2,
      'chu_the.body.cap_uy.cap_uy_vien': 1,
      'chu_the.body.chi_bo.cuoc': 1,
      'chu_the.body.chi_bo.dang_vien': 1,
      'chu_the.body.chi_bo.cap_uy_vien': 0,
      'loai.kind.theo_ke_hoach.cuoc': 3,
      'loai.kind.theo_ke_hoach.dang_vien': 2,
      'loai.kind.chuyen_de.cuoc': 3,
      'loai.kind.chuyen_de.cap_uy_vien': 1,
      'loai.kind.dau_hieu_vi_pham.cuoc': 2,
      'loai.kind.dau_hieu_vi_pham.to_chuc': 1,
      'loai.kind.dau_hieu_vi_pham.dang_vien': 1,
      'doi_tuong.to_chuc.kiem_tra': 2,
      'doi_tuong.to_chuc.giam_sat': 1,
      'doi_tuong.to_chuc.doi_tuong': 2,
      'doi_tuong.sok.dang_bo_co_so.doi_tuong': 1,
      'doi_tuong.sok.chi_bo_truc_thuoc.kiem_tra': 1,
      'doi_tuong.dang_vien.kiem_tra': 4,
      'doi_tuong.dang_vien.giam_sat': 1,
      'doi_tuong.dang_vien.doi_tuong': 4,
      'doi_tuong.cap_uy_vien.kiem_tra': 2,
      'doi_tuong.cap_uy_vien.doi_tuong': 2,
      'ket_qua.cuoc.n': 8,
      'ket_qua.ket_luan.n': 3,
      'ket_qua.vi_pham.n': 2,
      'ket_qua.ky_luat.n': 0,
      'ket_qua.huy.n': 1,
      'ket_qua.yeu_cau.n': 3,
      'ket_qua.xong.n': 1,
      'ket_qua.qua_han.n': 1,
      'ket_qua.chua_den_han.n': 1,
      'ky_luat.tong.n': 0,
    },
  },
};
