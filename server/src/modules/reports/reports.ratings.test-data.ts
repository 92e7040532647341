import type { BaseFixture } from './reports.test-data.js';

/**
 * The ratings over the base dataset, recorded through the API (steps, decisions, corrections).
 * The province allows 50% "xuất sắc" from 2019 so that one of two can be rated so.
 *
 * Members (who is where on 31/12 is in reports.test-data.ts):
 *   2015  M1 đủ tư cách, HTT                                   (31/12/2015: the day before the window)
 *   2016  M1 ĐTC-HTXS, M3 ĐTC-HTT, M5 ĐTC-HTT, M7 ĐTC-HT        (old scale), decided 20/12/2016
 *   2019  M1 HTT, M3 HT, M5 HTT (in B2 under commune B)         decided 20/12/2019
 *         M4 không xếp loại, mới kết nạp (admitted 31/12/2019); M7 proposed HTT, never decided
 *   2020  M1 HTXS decided 31/12/2020 (the window's last day), corrected to HTT on 15/01/2021
 *         M3 HT decided 15/12/2020 (died 31/12/2020: counted in A2, his last cell)
 *         M4 proposed HTT, decided 05/01/2021: not yet decided at a window ending 31/12/2020
 *         M5 HTT (now in A1); M2 no record
 *
 * Organizations (communes A, B are the grassroots organizations; the cells are chi bộ trực thuộc):
 *   2015  A trong sạch, vững mạnh
 *   2016  A TSVM, B HTT (old); A1 TSVM, B1 HTT (old); A2, B2 no record
 *   2019  A HTT, B HT; A1 HTT, A2 HTT, B1 HT, B2 HTT (B2 then under B)
 *   2020  A HTXS (20/12/2020), B HTT decided 10/01/2021; A1 HTT, A2 KHT, B2 HTT (now under A),
 *         the merged cell không xếp loại (lý do khác); B1 and B3 ended in 2020 without a rating
 *
 * Non-party bodies: commune A's UBND, MTTQ, Đoàn TN; commune B's UBND, Hội Phụ nữ; the trade
 * union of the school led by cell B2 (moved from B to A on 01/09/2020).
 *   2018  UBND A khá                                            (31/12/2018: the day before that window)
 *   2019  UBND A tốt, MTTQ A khá, ĐTN A trung bình, UBND B khá, HPN B tốt, CĐ khá
 *   2020  UBND A tốt (31/12/2020), MTTQ A tốt, ĐTN A khá (corrected to trung bình 01/02/2021),
 *         UBND B khá, CĐ tốt; HPN B yếu decided 05/01/2021
 */
export async function addRatingsData(f: BaseFixture) {
  const a = f.admin;
  const ok = async (url: string, body: unknown) => {
    const r = await a.call('POST', url, body);
    if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version: number };
  };
  const decision = (date: string, no = '12-QĐ/ĐU') => ({ decisionNo: no, decisionDate: date, issuer: 'Ban Thường vụ Đảng ủy' });
  type Subject = { personId: string } | { orgId: string };
  const start = (s: Subject, year: number, body: Record<string, unknown>) =>
    ok('/api/v1/ratings', { subjectKind: 'personId' in s ? 'dang_vien' : 'to_chuc', ...s, year, ...body });
  const step = (r: { id: string; version: number }, body: Record<string, unknown>) => ok(`/api/v1/ratings/${r.id}/steps`, { version: r.version, ...body });
  const propose = (s: Subject, year: number, level: string, date: string) => start(s, year, { step: 'de_xuat', date, ratingLevel: level });
  const decide = (r: { id: string; version: number }, level: string, date: string) => step(r, { step: 'quyet_dinh', date, ratingLevel: level, ...decision(date) });
  const rate = async (s: Subject, year: number, level: string, decided: string) => decide(await propose(s, year, level, `${year}-12-10`), level, decided);
  const exempt = (s: Subject, year: number, reason: string, date: string, note: string | null = null) => start(s, year, { step: 'khong_xep_loai', date, exemptReason: reason, note });

  await ok('/api/v1/ratings/settings', { orgId: f.province, fromYear: 2019, capPercent: 50, note: 'Tỷ lệ xuất sắc của tỉnh (dữ liệu thử nghiệm)' });
  const { m1, m3, m4, m5, m7 } = f.members;
  const dv = (m: { id: string }) => ({ personId: m.id });
  const tc = (orgId: string) => ({ orgId });

  await rate(dv(m1), 2015, 'cu_dtc_tot', '2015-12-20');
  for (const [m, level] of [
    [m1, 'cu_dtc_xs'],
    [m3, 'cu_dtc_tot'],
    [m5, 'cu_dtc_tot'],
    [m7, 'cu_dtc_ht'],
  ] as const)
    await rate(dv(m), 2016, level, '2016-12-20');
  await rate(dv(m1), 2019, 'htt', '2019-12-20');
  await rate(dv(m3), 2019, 'ht', '2019-12-20');
  await rate(dv(m5), 2019, 'htt', '2019-12-20');
  await exempt(dv(m4), 2019, 'moi_ket_nap', '2019-12-31');
  await propose(dv(m7), 2019, 'htt', '2019-12-10');
  // The cap counts proposals: M5's HTT is proposed before M1's HTXS is decided (1 of 2 allowed at 50%).
  const m5r = await propose(dv(m5), 2020, 'htt', '2020-12-10');
  const m1r = await decide(await propose(dv(m1), 2020, 'htxs', '2020-12-10'), 'htxs', '2020-12-31');
  await decide(m5r, 'htt', '2020-12-20');
  await step(m1r, { step: 'dieu_chinh', date: '2021-01-15', ratingLevel: 'htt', ...decision('2021-01-15', '02-QĐ/ĐU'), note: 'Điều chỉnh sau khi rà soát' });
  await rate(dv(m3), 2020, 'ht', '2020-12-15');
  await decide(await propose(dv(m4), 2020, 'htt', '2020-12-20'), 'htt', '2021-01-05');

  await rate(tc(f.communeA), 2015, 'cu_tsvm', '2015-12-25');
  for (const [org, level] of [
    [f.communeA, 'cu_tsvm'],
    [f.communeB, 'cu_htt'],
    [f.cellA1, 'cu_tsvm'],
    [f.cellB1, 'cu_htt'],
  ] as const)
    await rate(tc(org), 2016, level, '2016-12-25');
  for (const [org, level] of [
    [f.communeA, 'htt'],
    [f.communeB, 'ht'],
    [f.cellA1, 'htt'],
    [f.cellA2, 'htt'],
    [f.cellB1, 'ht'],
    [f.cellB2, 'htt'],
  ] as const)
    await rate(tc(org), 2019, level, '2019-12-25');
  const bProposal = await propose(tc(f.communeB), 2020, 'htt', '2020-12-10');
  await rate(tc(f.communeA), 2020, 'htxs', '2020-12-20');
  await decide(bProposal, 'htt', '2021-01-10');
  await rate(tc(f.cellA1), 2020, 'htt', '2020-12-20');
  await rate(tc(f.cellA2), 2020, 'kht', '2020-12-20');
  await rate(tc(f.cellB2), 2020, 'htt', '2020-12-20');
  await exempt(tc(f.merged), 2020, 'khac', '2020-12-20', 'Chi bộ mới hợp nhất ngày 01/10/2020');

  const body = async (orgId: string, kind: string, name: string) => {
    let b = await ok('/api/v1/ratings/bodies', { orgId, kind, name });
    return async (year: number, level: string, date: string, note: string | null = null) => {
      b = await ok(`/api/v1/ratings/bodies/${b.id}/ratings`, { version: b.version, year, bodyLevel: level, decisionNo: `${year}-XL/ĐU`, decisionDate: date, issuer: 'Ban Thường vụ Đảng ủy xã', note });
    };
  };
  const ubndA = await body(f.communeA, 'ubnd_xa', 'Ủy ban nhân dân xã Pa Tần');
  const mttqA = await body(f.communeA, 'mttq', 'Ủy ban Mặt trận Tổ quốc xã Pa Tần');
  const dtnA = await body(f.communeA, 'doan_tn', 'Đoàn Thanh niên xã Pa Tần');
  const ubndB = await body(f.communeB, 'ubnd_xa', 'Ủy ban nhân dân xã Huổi Luông');
  const hpnB = await body(f.communeB, 'hoi_phu_nu', 'Hội Liên hiệp Phụ nữ xã Huổi Luông');
  const cd = await body(f.cellB2, 'cong_doan', 'Công đoàn Trường Tiểu học Huổi Luông');
  await ubndA(2018, 'kha', '2018-12-25');
  await ubndA(2019, 'tot', '2019-12-25');
  await mttqA(2019, 'kha', '2019-12-25');
  await dtnA(2019, 'trung_binh', '2019-12-25');
  await ubndB(2019, 'kha', '2019-12-25');
  await hpnB(2019, 'tot', '2019-12-25');
  await cd(2019, 'kha', '2019-12-25');
  await ubndA(2020, 'tot', '2020-12-31');
  await mttqA(2020, 'tot', '2020-12-20');
  await dtnA(2020, 'kha', '2020-12-20');
  await dtnA(2020, 'trung_binh', '2021-02-01', 'Điều chỉnh sau phúc tra');
  await ubndB(2020, 'kha', '2020-12-20');
  await cd(2020, 'tot', '2020-12-20');
  await hpnB(2020, 'yeu', '2021-01-05');
  return {};
}

/**
 * Hand-worked figures for the ratings report types (same shape as EXPECTED); a percent cell
 * gives its numerator, its denominator is in the comment.
 */
export const RATINGS_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {
  // Years 2016–2020 (2015's 31/12 is the day before the window). Members on 31/12:
  //   2016 M1 M3 M5 M7 = 4, all rated: ĐTC-HTXS 1, ĐTC-HTT 2, ĐTC-HT 1 → good 3/4.
  //   2017, 2018 the same four, no record → 4 chưa đánh giá each.
  //   2019 M1 M3 M4 M5 M7 = 5: rated M1 HTT, M3 HT, M5 HTT (3); M4 exempt; M7 undecided → good 2/3, xs 0/2.
  //   2020 M1 M2 M4 M5 + M3 (rated, died on 31/12) = 5: rated M1 HTXS, M3 HT, M5 HTT (3; M1's
  //        correction is after the end); M4 decided after the end; M2 no record → good 2/3, xs 1/2.
  //   Together: 22 to rate, 10 rated; tier 1: 2016 M1 + 2020 M1 = 2; tier 2: 2 + 2 + 1 = 5;
  //   tier 3: 1 + 1 + 1 = 3 → good 7/10 (pooled 70%; mean of 75%, 66,67%, 66,67% = 69,44%);
  //   exempt 1; undecided 2 (M7 2019, M4 2020); no record 0 + 4 + 4 + 0 + 1 = 9.
  'xep-loai-dang-vien': {
    q: 'from=2016-01-01&to=2020-12-31',
    figures: {
      'nam_2016.tong.n': 4,
      'nam_2016.xep_loai.pct': 4,
      'nam_2016.lv.cu_dtc_xs.n': 1,
      'nam_2016.lv.cu_dtc_tot.n': 2,
      'nam_2016.lv.cu_dtc_ht.n': 1,
      'nam_2016.lv.cu_vi_pham.n': 0,
      'nam_2016.tot_tro_len.pct': 3,
      'nam_2016.ky_luat.n': 0,
      'nam_2017.tong.n': 4,
      'nam_2017.xep_loai.n': 0,
      'nam_2017.chua_danh_gia.n': 4,
      'nam_2018.chua_danh_gia.pct': 4,
      'nam_2019.tong.n': 5,
      'nam_2019.xep_loai.n': 3,
      'nam_2019.lv.htxs.n': 0,
      'nam_2019.lv.htt.n': 2,
      'nam_2019.lv.ht.n': 1,
      'nam_2019.tot_tro_len.n': 2,
      'nam_2019.xs_tren_tot.pct': 0,
      'nam_2019.khong_xep_loai.n': 1,
      'nam_2019.kxl.moi_ket_nap.n': 1,
      'nam_2019.chua_quyet_dinh.n': 1,
      'nam_2019.chua_danh_gia.n': 0,
      'nam_2020.tong.n': 5,
      'nam_2020.xep_loai.n': 3,
      'nam_2020.lv.htxs.n': 1,
      'nam_2020.lv.htt.n': 1,
      'nam_2020.lv.ht.n': 1,
      'nam_2020.tot_tro_len.pct': 2,
      'nam_2020.xs_tren_tot.pct': 1,
      'nam_2020.khong_xep_loai.n': 0,
      'nam_2020.chua_quyet_dinh.n': 1,
      'nam_2020.chua_danh_gia.n': 1,
      'tong_hop.tong.n': 22,
      'tong_hop.xep_loai.pct': 10,
      'tong_hop.tier.1.n': 2,
      'tong_hop.tier.2.n': 5,
      'tong_hop.tier.3.n': 3,
      'tong_hop.tier.4.n': 0,
      'tong_hop.tot_tro_len.pct': 7,
      'tong_hop.khong_xep_loai.n': 1,
      'tong_hop.chua_quyet_dinh.n': 2,
      'tong_hop.chua_danh_gia.n': 9,
    },
  },
  // Grassroots organizations (communes A, B): 2016 TSVM + HTT (old) → 2/2; 2017, 2018 none;
  //   2019 HTT + HT → 1/2; 2020 A HTXS, B decided after the end → 1/1, xs 1/1.
  //   Together 10 to rate, 5 rated: tier 1 2, tier 2 2, tier 3 1 → good 4/5; no record 4; undecided 1.
  // Cells: 2016 A1 A2 B1 B2 (A1 TSVM, B1 HTT; A2, B2 none); 2017, 2018 four without record;
  //   2019 the same four: HTT 3, HT 1; 2020 A1 A2 B2 merged (B1, B3 ended unrated): HTT 2, KHT 1, exempt 1.
  //   Together 20 to rate, 9 rated: tier 1 1, tier 2 1 + 3 + 2 = 6, tier 3 1, tier 4 1; no record 2 + 4 + 4 = 10.
  'xep-loai-to-chuc': {
    q: 'from=2016-01-01&to=2020-12-31',
    figures: {
      'tccs_nam_2016.tong.n': 2,
      'tccs_nam_2016.lv.cu_tsvm.pct': 1,
      'tccs_nam_2016.lv.cu_htt.n': 1,
      'tccs_nam_2016.tot_tro_len.pct': 2,
      'tccs_nam_2017.chua_danh_gia.n': 2,
      'tccs_nam_2019.xep_loai.n': 2,
      'tccs_nam_2019.lv.htt.n': 1,
      'tccs_nam_2019.lv.ht.n': 1,
      'tccs_nam_2019.tot_tro_len.pct': 1,
      'tccs_nam_2020.tong.n': 2,
      'tccs_nam_2020.xep_loai.pct': 1,
      'tccs_nam_2020.lv.htxs.n': 1,
      'tccs_nam_2020.tot_tro_len.pct': 1,
      'tccs_nam_2020.xs_tren_tot.pct': 1,
      'tccs_nam_2020.chua_quyet_dinh.n': 1,
      'tccs_tong_hop.tong.n': 10,
      'tccs_tong_hop.xep_loai.n': 5,
      'tccs_tong_hop.tier.1.pct': 2,
      'tccs_tong_hop.tier.2.n': 2,
      'tccs_tong_hop.tier.3.n': 1,
      'tccs_tong_hop.tot_tro_len.pct': 4,
      'tccs_tong_hop.chua_quyet_dinh.n': 1,
      'tccs_tong_hop.chua_danh_gia.n': 4,
      'cbtt_nam_2016.tong.n': 4,
      'cbtt_nam_2016.xep_loai.n': 2,
      'cbtt_nam_2016.chua_danh_gia.n': 2,
      'cbtt_nam_2019.tong.n': 4,
      'cbtt_nam_2019.lv.htt.pct': 3,
      'cbtt_nam_2019.lv.ht.n': 1,
      'cbtt_nam_2020.tong.n': 4,
      'cbtt_nam_2020.xep_loai.n': 3,
      'cbtt_nam_2020.lv.htt.n': 2,
      'cbtt_nam_2020.lv.kht.n': 1,
      'cbtt_nam_2020.tot_tro_len.pct': 2,
      'cbtt_nam_2020.khong_xep_loai.n': 1,
      'cbtt_nam_2020.kxl.khac.n': 1,
      'cbtt_nam_2020.chua_danh_gia.n': 0,
      'cbtt_tong_hop.tong.n': 20,
      'cbtt_tong_hop.xep_loai.n': 9,
      'cbtt_tong_hop.tier.1.n': 1,
      'cbtt_tong_hop.tier.2.n': 6,
      'cbtt_tong_hop.tier.3.n': 1,
      'cbtt_tong_hop.tier.4.n': 1,
      'cbtt_tong_hop.tot_tro_len.pct': 7,
      'cbtt_tong_hop.chua_danh_gia.n': 10,
    },
  },
  // 2019 (six bodies, all rated): tốt 2 (UBND A, HPN B), khá 3 (MTTQ A, UBND B, CĐ under B), TB 1 (ĐTN A);
  //   government 2: tốt 1, khá 1; Front and mass organizations 4: tốt 1, khá 2, TB 1.
  // 2020 (six bodies, five decided by 31/12: HPN B's yếu is dated 05/01/2021): tốt 3 (UBND A on
  //   the last day, MTTQ A, CĐ now under A), khá 2 (ĐTN A — its correction is later —, UBND B);
  //   government 2: tốt 1, khá 1; Front and mass organizations 3: tốt 2, khá 1.
  // Together: 12 to rate, 11 rated; tốt 5, khá 5, TB 1; Front and mass organizations tốt 3/7.
  'xep-loai-doan-the': {
    q: 'from=2019-01-01&to=2020-12-31',
    figures: {
      'nam_2019.tong.n': 6,
      'nam_2019.xep_loai.pct': 6,
      'nam_2019.lv.tot.pct': 2,
      'nam_2019.lv.kha.n': 3,
      'nam_2019.lv.trung_binh.n': 1,
      'nam_2019.lv.yeu.n': 0,
      'nam_2019.kha_tro_len.pct': 5,
      'nam_2019.cq.xep_loai.n': 2,
      'nam_2019.cq.kha_tro_len.pct': 2,
      'nam_2019.mt.xep_loai.n': 4,
      'nam_2019.mt.lv.tot.pct': 1,
      'nam_2019.mt.lv.kha.n': 2,
      'nam_2019.mt.lv.trung_binh.n': 1,
      'nam_2020.tong.n': 6,
      'nam_2020.xep_loai.n': 5,
      'nam_2020.lv.tot.n': 3,
      'nam_2020.lv.kha.n': 2,
      'nam_2020.lv.yeu.n': 0,
      'nam_2020.chua_xep_loai.pct': 1,
      'nam_2020.cq.lv.tot.n': 1,
      'nam_2020.cq.lv.kha.n': 1,
      'nam_2020.mt.xep_loai.n': 3,
      'nam_2020.mt.lv.tot.pct': 2,
      'nam_2020.mt.lv.kha.n': 1,
      'tong_hop.tong.n': 12,
      'tong_hop.xep_loai.pct': 11,
      'tong_hop.lv.tot.n': 5,
      'tong_hop.lv.kha.n': 5,
      'tong_hop.lv.trung_binh.n': 1,
      'tong_hop.kha_tro_len.pct': 10,
      'tong_hop.chua_xep_loai.n': 1,
      'tong_hop.mt.lv.tot.pct': 3,
      'tong_hop.mt.xep_loai.n': 7,
      'tong_hop.cq.kha_tro_len.pct': 4,
    },
  },
};
