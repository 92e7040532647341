import { figuresOf, todayIso, type ReportResult } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildUser, type Session } from '../../test/factories.js';
import { RATINGS_EXPECTED } from './reports.ratings.test-data.js';
import { buildReportFixture, type ReportFixture } from './reports.test-data.js';

/** The rating figures per engine (more windows than EXPECTED's), to check both engines agree. */
const byEngine: Record<string, Record<string, Record<string, number | null>>> = {};

/**
 * The rating reports beyond the fixed figures of EXPECTED: the wording, both averages, decisions
 * after the report's end, the window's year rule at its edges, the organization scope across
 * the 2020 restructuring, the discipline line, and refused figure keys.
 */
describeEngines('reports: ratings of organizations, members and non-party bodies', (env) => {
  let f: ReportFixture;
  const report = async (s: Session, type: string, q: string) => {
    const r = await s.call('GET', `/api/v1/reports/${type}?${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as ReportResult;
  };
  const figures = async (s: Session, type: string, q: string) => figuresOf(await report(s, type, q));
  const drill = async (s: Session, type: string, q: string, figure: string) => {
    const r = await s.call('GET', `/api/v1/reports/${type}/drill?${q}&figure=${encodeURIComponent(figure)}&pageSize=500`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { total: number; rows: Record<string, string | number | null>[] };
  };
  const cell = (r: ReportResult, table: string, row: string, col: string) => r.tables.find((t) => t.id === table)!.rows.find((x) => x.key === row)!.cells[col]!;

  it('builds the report dataset', { timeout: 180_000 }, async () => {
    f = await buildReportFixture(env());
  });

  it('writes the year sentences and both averages, the pooled one with its numerator and denominator', async () => {
    const q = `org=${f.province}&from=2016-01-01&to=2020-12-31`;
    const o = await report(f.admin, 'xep-loai-to-chuc', q);
    expect(o.narrative).toContain(
      'Năm 2019, có 1/2 tổ chức cơ sở đảng (50,0%) hoàn thành tốt nhiệm vụ trở lên, trong đó 0/2 (0,0%) hoàn thành xuất sắc nhiệm vụ (hoàn thành xuất sắc nhiệm vụ: 0; hoàn thành tốt nhiệm vụ: 1; hoàn thành nhiệm vụ: 1; không hoàn thành nhiệm vụ: 0).',
    );
    // The old scale keeps its own names, in the table and in the sentence.
    expect(o.tables.find((t) => t.id === 'tccs_nam_2016')!.rows.map((r) => r.label)).toContain('Trong sạch, vững mạnh');
    expect(o.narrative.find((s) => s.startsWith('Năm 2016, có 2/2 tổ chức cơ sở đảng (100,0%) đạt trong sạch, vững mạnh hoặc hoàn thành tốt nhiệm vụ'))).toBeTruthy();
    expect(o.notes.join(' ')).toContain('"Trong sạch, vững mạnh" → "Hoàn thành xuất sắc nhiệm vụ"');
    expect(o.notes[0]).toBe('Năm xếp loại: các năm có ngày 31/12 nằm trong kỳ báo cáo (từ 01/01/2016 đến 31/12/2020, gồm cả hai ngày) — 2016, 2017, 2018, 2019, 2020.');

    const m = await report(f.admin, 'xep-loai-dang-vien', q);
    // Pooled 7/10; mean of the yearly shares 3/4, 2/3, 2/3 (2017 and 2018 had no rating).
    expect(cell(m, 'tong_hop', 'tot_tro_len', 'pct').ratio).toEqual({ num: 7, den: 10, percent: 70 });
    expect(cell(m, 'tong_hop', 'tot_tro_len', 'mean').value).toBeCloseTo((75 + 200 / 3 + 200 / 3) / 3, 9);
    expect(cell(m, 'tong_hop', 'tot_tro_len', 'mean').text).toBe('69,44% (bình quân 3 năm: 75,00%; 66,67%; 66,67%)');
    expect(cell(m, 'tong_hop', 'tier.1', 'pct').ratio).toEqual({ num: 2, den: 10, percent: 20 });
    expect(m.tables.find((t) => t.id === 'tong_hop')!.rows.find((r) => r.key === 'tier.1')!.label).toBe('Hoàn thành xuất sắc nhiệm vụ / Đủ tư cách, hoàn thành xuất sắc nhiệm vụ');
    expect(m.narrative.at(-1)).toBe(
      'Bình quân 2016–2020 (3 năm có xếp loại), Đảng bộ tỉnh Thử Nghiệm: đảng viên hoàn thành tốt nhiệm vụ (hoặc tương đương) trở lên — tỷ lệ gộp 70,0% (7/10 lượt được xếp loại), bình quân tỷ lệ từng năm 69,4%; hoàn thành xuất sắc nhiệm vụ (hoặc tương đương) — tỷ lệ gộp 20,0% (2/10 lượt được xếp loại), bình quân tỷ lệ từng năm 19,4%.',
    );
    // The province's cap (50% from 2019) is stated on the line that compares with it.
    expect(m.tables.find((t) => t.id === 'nam_2020')!.rows.find((r) => r.key === 'xs_tren_tot')!.label).toContain('giới hạn 50%');
    expect(cell(m, 'nam_2020', 'xs_tren_tot', 'pct').ratio).toEqual({ num: 1, den: 2, percent: 50 });

    const b = await report(f.admin, 'xep-loai-doan-the', `org=${f.province}&from=2019-01-01&to=2020-12-31`);
    // Front and mass organizations rated tốt: 1/4 in 2019, 2/3 in 2020 → pooled 3/7, mean 45,83%.
    expect(cell(b, 'tong_hop', 'mt.lv.tot', 'mean').value).toBeCloseTo((25 + 200 / 3) / 2, 9);
    expect(b.narrative[0]).toBe(
      'Năm 2019, có 5/6 cơ quan, đoàn thể (83,3%) được xếp loại khá, tốt trở lên; chính quyền cấp xã: 2/2 (100,0%) khá, tốt trở lên; Mặt trận và các đoàn thể: tốt 1/4 (25,0%), khá 2/4 (50,0%), trung bình 1/4 (25,0%), yếu 0/4 (0,0%).',
    );
    expect(b.narrative[1]).toContain('; 1 chưa có kết quả xếp loại.');
    expect(b.narrative[2]).toContain('Mặt trận và các đoàn thể xếp loại tốt — tỷ lệ gộp 42,9% (3/7), bình quân tỷ lệ từng năm 45,8%');
  });

  it('counts a decision only from its date: later decisions and corrections change later reports only', async () => {
    const at = (to: string) => `org=${f.province}&from=2020-01-01&to=${to}`;
    // 31/01/2021: M4's decision (05/01) and M1's correction to HTT (15/01) are in.
    const m = await figures(f.admin, 'xep-loai-dang-vien', at('2021-01-31'));
    expect(m).toMatchObject({ 'nam_2020.xep_loai.n': 4, 'nam_2020.lv.htxs.n': 0, 'nam_2020.lv.htt.n': 3, 'nam_2020.chua_quyet_dinh.n': 0 });
    const d = await drill(f.admin, 'xep-loai-dang-vien', at('2021-01-31'), 'rt:d=2021-01-31;s=dv;st=xl;lv=htt;y=2020');
    expect(d.rows.find((r) => r.id === f.members.m1.id)).toMatchObject({ muc: 'Hoàn thành tốt nhiệm vụ', decision_no: '02-QĐ/ĐU', decision_date: '2021-01-15' });
    // The day before the correction, M1 is still HTXS with the first decision.
    expect(await figures(f.admin, 'xep-loai-dang-vien', at('2021-01-14'))).toMatchObject({ 'nam_2020.lv.htxs.n': 1, 'nam_2020.xep_loai.n': 4 });
    // The day before M4's decision.
    expect(await figures(f.admin, 'xep-loai-dang-vien', at('2021-01-04'))).toMatchObject({ 'nam_2020.xep_loai.n': 3, 'nam_2020.chua_quyet_dinh.n': 1 });
    expect(await figures(f.admin, 'xep-loai-to-chuc', at('2021-01-31'))).toMatchObject({ 'tccs_nam_2020.xep_loai.n': 2, 'tccs_nam_2020.lv.htt.n': 1 });
    // Hội Phụ nữ B's "yếu" (05/01/2021) counts; Đoàn TN A's correction (01/02/2021) only from that day.
    expect(await figures(f.admin, 'xep-loai-doan-the', at('2021-01-31'))).toMatchObject({ 'nam_2020.lv.yeu.n': 1, 'nam_2020.lv.kha.n': 2, 'nam_2020.lv.trung_binh.n': 0 });
    expect(await figures(f.admin, 'xep-loai-doan-the', at('2021-02-01'))).toMatchObject({ 'nam_2020.lv.kha.n': 1, 'nam_2020.lv.trung_binh.n': 1 });
  });

  it('takes the rating years whose 31/12 lies in the window, both ends included', async () => {
    // From 31/12/2015 the year 2015 is in (M1's old-scale rating, A's TSVM); from 01/01/2016 it is not.
    const with2015 = await figures(f.admin, 'xep-loai-dang-vien', `org=${f.province}&from=2015-12-31&to=2016-12-31`);
    expect(with2015).toMatchObject({ 'nam_2015.lv.cu_dtc_tot.n': 1, 'nam_2016.xep_loai.n': 4, 'tong_hop.xep_loai.n': 5 });
    const o = await figures(f.admin, 'xep-loai-to-chuc', `org=${f.province}&from=2016-01-01&to=2016-12-31`);
    expect(Object.keys(o).some((k) => k.includes('2015'))).toBe(false);
    // Ending on 30/12 leaves the year out; UBND A's 2018 rating is in a window ending 31/12/2018 only.
    const none = await report(f.admin, 'xep-loai-doan-the', `org=${f.province}&from=2020-01-01&to=2020-12-30`);
    expect(none.tables).toEqual([]);
    expect(none.narrative[0]).toContain('không chứa ngày 31/12 nào');
    expect(await figures(f.admin, 'xep-loai-doan-the', `org=${f.province}&from=2018-12-31&to=2018-12-31`)).toMatchObject({ 'nam_2018.lv.kha.n': 1, 'nam_2018.chua_xep_loai.n': 5 });
  });

  it('opens on the last full year when no dates are given, not on this year so far', async () => {
    const last = Number(todayIso().slice(0, 4)) - 1;
    for (const type of ['xep-loai-to-chuc', 'xep-loai-dang-vien', 'xep-loai-doan-the'])
      expect((await report(f.admin, type, `org=${f.province}`)).period, type).toEqual({ kind: 'window', from: `${last}-01-01`, to: `${last}-12-31` });
    // Other window reports still run from 1 January to today.
    expect((await report(f.admin, 'bien-dong', `org=${f.province}`)).period).toMatchObject({ from: `${last + 1}-01-01`, to: todayIso() });
  });

  it('keeps a commune user inside the commune, counting each rating where it was on 31/12 and losing none', async () => {
    const a = await buildUser(env(), 'can_bo_to_chuc', [f.communeA]);
    const b = await buildUser(env(), 'can_bo_to_chuc', [f.communeB]);
    const q = 'from=2019-01-01&to=2020-12-31';
    // Members. A: 2019 M1 HTT, M3 HT; 2020 M1 HTXS, M3 HT (his last cell A2), M5 HTT (moved in from B2), M2 no record.
    const ma = await figures(a, 'xep-loai-dang-vien', q);
    expect(ma).toMatchObject({ 'nam_2019.tong.n': 2, 'nam_2019.xep_loai.n': 2, 'nam_2020.tong.n': 4, 'nam_2020.xep_loai.n': 3, 'nam_2020.chua_danh_gia.n': 1 });
    // B: 2019 M5 HTT (then in B2), M4 exempt, M7 undecided; 2020 M4 (the merged cell), undecided.
    const mb = await figures(b, 'xep-loai-dang-vien', q);
    expect(mb).toMatchObject({ 'nam_2019.tong.n': 3, 'nam_2019.lv.htt.n': 1, 'nam_2019.khong_xep_loai.n': 1, 'nam_2019.chua_quyet_dinh.n': 1, 'nam_2020.tong.n': 1, 'nam_2020.chua_quyet_dinh.n': 1 });
    const mp = await figures(f.admin, 'xep-loai-dang-vien', `org=${f.province}&${q}`);
    for (const k of ['nam_2019.tong.n', 'nam_2020.tong.n', 'tong_hop.xep_loai.n', 'tong_hop.tier.2.n']) expect(ma[k]! + mb[k]!, k).toBe(mp[k]);

    // Cells. A: 2019 A1, A2; 2020 A1, A2 and B2 (moved from B on 01/09/2020). B: 2019 B1, B2; 2020 the merged cell.
    const oa = await figures(a, 'xep-loai-to-chuc', q);
    expect(oa).toMatchObject({ 'cbtt_nam_2019.tong.n': 2, 'cbtt_nam_2020.tong.n': 3, 'cbtt_nam_2020.lv.htt.n': 2, 'cbtt_nam_2020.lv.kht.n': 1, 'tccs_nam_2020.lv.htxs.n': 1 });
    const ob = await figures(b, 'xep-loai-to-chuc', q);
    expect(ob).toMatchObject({ 'cbtt_nam_2019.tong.n': 2, 'cbtt_nam_2019.lv.htt.n': 1, 'cbtt_nam_2019.lv.ht.n': 1, 'cbtt_nam_2020.tong.n': 1, 'cbtt_nam_2020.khong_xep_loai.n': 1, 'tccs_nam_2020.chua_quyet_dinh.n': 1 });
    const b2019 = await drill(b, 'xep-loai-to-chuc', q, 'rt:d=2020-12-31;s=cbtt;st=tong;y=2019');
    expect(b2019.rows.map((r) => r.id).sort()).toEqual([f.cellB1, f.cellB2].sort());

    // Bodies: the school's trade union (led by B2) is B's in 2019 and A's in 2020.
    expect(await figures(a, 'xep-loai-doan-the', q)).toMatchObject({ 'nam_2019.tong.n': 3, 'nam_2020.tong.n': 4, 'nam_2020.mt.lv.tot.n': 2 });
    expect(await figures(b, 'xep-loai-doan-the', q)).toMatchObject({ 'nam_2019.tong.n': 3, 'nam_2020.tong.n': 2, 'nam_2020.chua_xep_loai.n': 1 });

    // A province-wide figure key asked by a commune user lists only the commune's part; the province is not theirs.
    const d = await drill(a, 'xep-loai-dang-vien', q, 'rt:d=2020-12-31;s=dv;st=tong;y=2019-2020');
    expect(d.total).toBe(6);
    expect((await a.call('GET', `/api/v1/reports/xep-loai-dang-vien?org=${f.province}&${q}`)).statusCode).toBe(404);
  });

  it('answers for what merged into an organization: the merged cell has B1 in 2019', async () => {
    const r = await figures(f.admin, 'xep-loai-dang-vien', `org=${f.merged}&from=2019-01-01&to=2020-12-31`);
    // 2019: M4 (exempt) and M7 (undecided) were in B1; 2020: M4.
    expect(r).toMatchObject({ 'nam_2019.tong.n': 2, 'nam_2019.khong_xep_loai.n': 1, 'nam_2019.chua_quyet_dinh.n': 1, 'nam_2020.tong.n': 1 });
  });

  it('lists the members rated while disciplined in the year', async () => {
    const inspector = await buildUser(env(), 'uy_ban_kiem_tra', [f.province]);
    const r = await inspector.call('POST', '/api/v1/discipline', {
      personId: f.members.m7.id,
      form: 'khien_trach',
      decisionNo: '05-QĐ/UBKT',
      decisionDate: '2016-05-10',
      issuer: 'Ủy ban Kiểm tra Đảng ủy xã',
      effectiveDate: '2016-05-10',
      reason: null,
      caseId: null,
    });
    expect(r.statusCode, r.body).toBe(201);
    const q = `org=${f.province}&from=2016-01-01&to=2016-12-31`;
    expect(await figures(f.admin, 'xep-loai-dang-vien', q)).toMatchObject({ 'nam_2016.ky_luat.n': 1, 'nam_2016.ky_luat.pct': 1 });
    const d = await drill(f.admin, 'xep-loai-dang-vien', q, 'rt:d=2016-12-31;s=dv;st=kl;y=2016');
    expect(d.rows.map((x) => [x.id, x.muc])).toEqual([[f.members.m7.id, 'Đủ tư cách, hoàn thành nhiệm vụ']]);
    expect((await report(f.admin, 'xep-loai-dang-vien', q)).narrative[0]).toContain('1 đảng viên bị kỷ luật trong năm nên chỉ được xếp từ hoàn thành nhiệm vụ trở xuống');
  });

  it('pages a list that runs over several years as one list', async () => {
    const q = `org=${f.province}&from=2016-01-01&to=2020-12-31`;
    const key = encodeURIComponent('rt:d=2020-12-31;s=dv;st=tong;y=2016-2020');
    const all = await drill(f.admin, 'xep-loai-dang-vien', q, 'rt:d=2020-12-31;s=dv;st=tong;y=2016-2020');
    expect(all.total).toBe(22);
    expect(all.rows.map((r) => r.nam)).toEqual([...'44455'].flatMap((n, i) => Array<string>(Number(n)).fill(String([2016, 2017, 2018, 2019, 2020][i]))));
    const page = (await f.admin.call('GET', `/api/v1/reports/xep-loai-dang-vien/drill?${q}&figure=${key}&page=2&pageSize=7`)).json() as { total: number; rows: Record<string, unknown>[] };
    expect(page.total).toBe(22);
    expect(page.rows.map((r) => [r.stt, r.id, r.nam])).toEqual(all.rows.slice(7, 14).map((r) => [r.stt, r.id, r.nam]));
    const csv = (await f.admin.call('GET', `/api/v1/reports/xep-loai-dang-vien/drill/export.csv?${q}&figure=${key}`)).body;
    expect(csv.trim().split('\r\n')).toHaveLength(23);
  });

  it('exports the tables with the mean of yearly shares as text and the narrative in the .docx', async () => {
    const q = `org=${f.province}&from=2016-01-01&to=2020-12-31`;
    const csv = (await f.admin.call('GET', `/api/v1/reports/xep-loai-dang-vien/export.csv?${q}`)).body;
    expect(csv).toContain('Từ hoàn thành tốt nhiệm vụ (hoặc tương đương) trở lên,7,"70,00",7,10,"69,44% (bình quân 3 năm: 75,00%; 66,67%; 66,67%)"');
    const docx = await f.admin.call('GET', `/api/v1/reports/xep-loai-to-chuc/export.docx?${q}`);
    expect(docx.statusCode).toBe(200);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Năm 2019, có 3/4 chi bộ trực thuộc (75,0%) hoàn thành tốt nhiệm vụ trở lên');
  });

  it('gives identical numbers on both engines, over several windows and for a commune', async () => {
    const all: Record<string, Record<string, number | null>> = {};
    for (const [type, { q }] of Object.entries(RATINGS_EXPECTED))
      for (const w of [q, 'from=2015-01-01&to=2021-02-01', 'from=2020-01-01&to=2021-01-10'])
        for (const org of [f.province, f.communeA, f.communeB, f.merged]) all[`${type} ${org === f.province ? 'P' : org === f.communeA ? 'A' : org === f.communeB ? 'B' : 'M'} ${w}`] = await figures(f.admin, type, `org=${org}&${w}`);
    byEngine[env().engine] = all;
    const engines = Object.keys(byEngine);
    if (engines.length === 2) expect(byEngine[engines[1]!]).toEqual(byEngine[engines[0]!]);
  });

  it('refuses figure keys it cannot answer, naming the field', async () => {
    const q = `org=${f.province}&from=2019-01-01&to=2020-12-31`;
    for (const key of ['rt:d=2020-12-31;s=xx;st=xl;y=2020', 'rt:d=2020-12-31;s=tccs;st=kl;y=2020', 'rt:d=2020-12-31;s=dv;st=xl;y=2021-2019', 'rt:d=2020-12-31;s=dv;st=xl;y=2020;tier=5', 'rt:s=dv;st=xl;y=2020', 'nb:d=2020-12-31;st=xl;y=2020;lv=kem', 'nb:d=2020-12-31;st=xl;y=2020;grp=dv', 'nb:d=2020-12-31;st=xl;y=2020;who=1']) {
      const r = await f.admin.call('GET', `/api/v1/reports/xep-loai-dang-vien/drill?${q}&figure=${encodeURIComponent(key)}`);
      expect(r.statusCode, key).toBe(422);
      expect((r.json() as { error: { field: string } }).error.field).toBe('figure');
    }
  });
  it('counts a rating carried over without steps from its row: decided from its decision date, or exempt', async () => {
    // An earlier register's 2017 results, kept as rows only (as imports and the demo's past years are).
    const db = env().db.kysely;
    const template = await db.selectFrom('rating').selectAll().where('person_id', '=', f.members.m1.id).where('year', '=', 2016).executeTakeFirstOrThrow();
    const row = (id: string, personId: string, over: Record<string, unknown>) => ({ ...template, id, person_id: personId, subject_key: `dv:${personId}`, year: 2017, version: 1, ...over });
    await db
      .insertInto('rating')
      .values([
        row('rating-carried-1', f.members.m1.id, { state: 'quyet_dinh', level: 'cu_dtc_xs', decision_no: '03-QĐ/ĐU', decision_date: '2018-01-10', exempt_reason: null }),
        row('rating-carried-2', f.members.m5.id, { state: 'khong_xep_loai', level: null, decision_no: null, decision_date: null, exempt_reason: 'om_dau' }),
      ])
      .execute();
    const q = (to: string) => `org=${f.province}&from=2017-01-01&to=${to}`;
    expect(await figures(f.admin, 'xep-loai-dang-vien', q('2017-12-31'))).toMatchObject({ 'nam_2017.xep_loai.n': 0, 'nam_2017.chua_quyet_dinh.n': 1, 'nam_2017.khong_xep_loai.n': 1 });
    expect(await figures(f.admin, 'xep-loai-dang-vien', q('2018-01-31'))).toMatchObject({ 'nam_2017.xep_loai.n': 1, 'nam_2017.lv.cu_dtc_xs.n': 1, 'nam_2017.khong_xep_loai.n': 1 });
    const d = await drill(f.admin, 'xep-loai-dang-vien', q('2018-01-31'), 'rt:d=2018-01-31;s=dv;st=xl;y=2017');
    expect(d.rows.map((r) => [r.id, r.decision_no, r.decision_date])).toEqual([[f.members.m1.id, '03-QĐ/ĐU', '2018-01-10']]);
  });
});
