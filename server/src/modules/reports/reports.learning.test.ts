import { figuresOf, type ReportResult } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildUser, type Session } from '../../test/factories.js';
import { LEARNING_EXPECTED } from './reports.learning.test-data.js';
import { buildReportFixture, type ReportFixture } from './reports.test-data.js';

const YEAR_2020 = 'from=2020-01-01&to=2020-12-31';
const TYPES = Object.keys(LEARNING_EXPECTED);

/** Figures per engine and run, to check that both engines give identical numbers. */
const byEngine: Record<string, Record<string, Record<string, number | null>>> = {};

describeEngines('reports: training and resolution study', (env) => {
  let f: ReportFixture;
  let communeA: Session;
  let communeB: Session;
  const seen: Record<string, Record<string, number | null>> = {};

  const report = async (s: Session, type: string, q: string) => {
    const r = await s.call('GET', `/api/v1/reports/${type}?${q}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as ReportResult;
    // Organization ids differ between the engines' databases; who asked and the period identify the run.
    seen[`${type} ${q.replace(/org=[^&]*&/, '')} ${s === f.admin ? 'tinh' : s === communeA ? 'xa-a' : 'xa-b'}`] = figuresOf(body);
    return body;
  };
  type Drill = { total: number; rows: Record<string, string | number | null>[] };
  const drill = async (s: Session, type: string, q: string, figure: string) => {
    const r = await s.call('GET', `/api/v1/reports/${type}/drill?${q}&figure=${encodeURIComponent(figure)}&pageSize=500`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Drill;
  };
  /** Every figure of the report opens exactly as many records, and the CSV export of its list has as many rows. */
  const traced = async (s: Session, type: string, q: string) => {
    const r = await report(s, type, q);
    for (const t of r.tables)
      for (const row of t.rows)
        for (const [c, cell] of Object.entries(row.cells)) {
          if (!cell.figure) continue;
          const expected = cell.ratio ? cell.ratio.num : cell.value;
          const d = await drill(s, type, q, cell.figure);
          expect(d.total, `${type} ${q} ${t.id}.${row.key}.${c} ${cell.figure}`).toBe(expected);
          expect(d.rows.length).toBe(expected);
          if (expected) {
            const csv = await s.call('GET', `/api/v1/reports/${type}/drill/export.csv?${q}&figure=${encodeURIComponent(cell.figure)}`);
            expect(csv.body.trim().split('\r\n').length - 1).toBe(expected);
          }
        }
    return r;
  };

  it('builds the dataset through the services', { timeout: 180_000 }, async () => {
    f = await buildReportFixture(env());
    communeA = await buildUser(env(), 'can_bo_to_chuc', [f.communeA]);
    communeB = await buildUser(env(), 'can_bo_to_chuc', [f.communeB]);
  });

  it('computes the province figures by hand, and every figure opens its records', async () => {
    for (const [type, { q, figures }] of Object.entries(LEARNING_EXPECTED)) {
      const got = figuresOf(await traced(f.admin, type, `org=${f.province}&${q}`));
      for (const [k, v] of Object.entries(figures)) expect(got[k], `${type} ${k}`).toBe(v);
    }
  });

  it('counts a person in two classes twice in person-times and once in people', async () => {
    const q = `org=${f.province}&${YEAR_2020}`;
    const people = await drill(f.admin, 'dao-tao', q, 'tr:f=2020-01-01;kind=chuyen_mon;set=hv;t=2020-12-31;u=nguoi');
    expect(people.total).toBe(4);
    expect(people.rows.find((r) => r.id === f.members.m1.id)!.times).toBe(2);
    // M6 was sent on 2020-09-10, before his admission on 2021-01-01: a quần chúng that day, placed by the commune that sent him.
    const others = await drill(f.admin, 'dao-tao', q, 'tr:f=2020-01-01;kind=chuyen_mon;m=qc;set=hv;t=2020-12-31');
    expect(others.rows.map((r) => [r.id, r.member, r.place])).toEqual([[f.members.m6.id, 'Không', 'Đảng bộ xã Pa Tần']]);
  });

  it('places people where they were on the day, and keeps commune users inside their commune', async () => {
    expect((await communeA.call('GET', `/api/v1/reports/dao-tao?org=${f.province}&${YEAR_2020}`)).statusCode).toBe(404);
    expect((await communeA.call('GET', `/api/v1/reports/hoc-tap-nghi-quyet/drill?org=${f.communeB}&${YEAR_2020}&figure=${encodeURIComponent('st:f=2020-01-01;set=buoi;t=2020-12-31')}`)).statusCode).toBe(404);
    for (const type of TYPES) {
      await traced(communeA, type, YEAR_2020);
      await traced(communeB, type, YEAR_2020);
    }
    // A: class C5 (its own); M2 (C1, C3), M5 (C3, C5), Q1 (C3), M1 (C5, C6), M6 (C5). Q3 is not here: cell B2 sent her
    // in May, when it still sat under commune B, although it (and her record) sits under A now.
    const a = figuresOf(await report(communeA, 'dao-tao', YEAR_2020));
    expect(a).toMatchObject({ 'lop.tong.lop': 1, 'lop.chuyen_mon.lop': 1, 'hoc_vien.tong.luot': 8, 'hoc_vien.tong.nguoi': 5, 'hoc_vien.tong.dv': 6, 'hoc_vien.tong.qc': 2 });
    // C0 M1 khá, C1 M2 giỏi, C5 M1, M5, M6; M5's "không đạt" in C0 was sent from B2 under B.
    expect(a).toMatchObject({ 'ket_qua.tong.co': 5, 'ket_qua.tong.dat': 5, 'ket_qua.tong.kha_gioi': 3, 'ket_qua.tong.khong_dat': 0, 'ket_qua.tong.rut': 0 });
    // B: class C2; M4 (C1 from B1, C6 from the merged cell), Q2, Q3 (C2); results C0 M5, C1 M4, C2 Q2 (Q3 rút), C6 M4.
    const b = figuresOf(await report(communeB, 'dao-tao', YEAR_2020));
    expect(b).toMatchObject({ 'lop.tong.lop': 1, 'lop.nhan_thuc.lop': 1, 'hoc_vien.tong.luot': 4, 'hoc_vien.tong.nguoi': 3, 'hoc_vien.tong.dv': 2, 'hoc_vien.tong.qc': 2 });
    expect(b).toMatchObject({ 'ket_qua.tong.co': 4, 'ket_qua.tong.dat': 3, 'ket_qua.tong.khong_dat': 1, 'ket_qua.tong.kha_gioi': 3, 'ket_qua.tong.rut': 1 });
    const q3 = await drill(communeB, 'dao-tao', YEAR_2020, 'tr:f=2020-01-01;kind=nhan_thuc;r=rut;set=kq;t=2020-12-31');
    expect(q3.rows.map((r) => [r.id, r.place])).toEqual([[f.learning.people.q3, 'Chi bộ trường Tiểu học Huổi Luông']]);

    // Study, A: S1 (A1), S7 (A2); B2's June session was B's. Coverage is read on 31/12, where B2 now sits under A.
    const d1 = '05-nq-tu_20191001';
    const d2 = '12-kh-hu_20200210';
    const sa = await report(communeA, 'hoc-tap-nghi-quyet', YEAR_2020);
    expect(figuresOf(sa)).toMatchObject({ 'van_ban.tong.buoi': 2, 'van_ban.tong.luot_dv': 3, 'van_ban.tong.luot_qc': 4, 'van_ban.tong.dv': 2, [`van_ban.${d1}.to_chuc`]: 1, [`van_ban.${d2}.to_chuc`]: 1, [`van_ban.${d2}.dv`]: 0, 'mau_so.tccs.n': 1, 'mau_so.dang_vien.n': 3 });
    expect(sa.tables[0]!.rows[0]!.cells.dv!.ratio).toEqual({ num: 2, den: 3, percent: (2 / 3) * 100 });
    // B: S2, S3, S6; D1 was studied in B only by B2, which now counts for A.
    const sb = figuresOf(await report(communeB, 'hoc-tap-nghi-quyet', YEAR_2020));
    expect(sb).toMatchObject({ 'van_ban.tong.buoi': 3, 'van_ban.tong.luot_dv': 1, 'van_ban.tong.luot_qc': 8, [`van_ban.${d1}.buoi`]: 1, [`van_ban.${d1}.to_chuc`]: 0, [`van_ban.${d2}.to_chuc`]: 1, [`van_ban.${d2}.dv`]: 1, 'mau_so.tccs.n': 1 });
  });

  it('counts the day after the window in the next one, with attendance recorded as numbers', async () => {
    const q = `org=${f.province}&from=2021-01-01&to=2021-12-31`;
    // C4 opened on 2021-01-01 (M6, now a member); results C3 M2 không đạt, Q1 trung bình, C4 M6 khá, C6 M1 giỏi; C3 M5 rút.
    const t = figuresOf(await traced(f.admin, 'dao-tao', q));
    expect(t).toMatchObject({ 'lop.tong.lop': 1, 'lop.dang_vien_moi.lop': 1, 'hoc_vien.tong.luot': 1, 'hoc_vien.tong.dv': 1, 'ket_qua.tong.co': 4, 'ket_qua.tong.dat': 3, 'ket_qua.tong.kha_gioi': 2, 'ket_qua.tong.rut': 1 });
    // S4: M1 named and two members recorded as a number: three person-times, each one a row of the list.
    const s = await traced(f.admin, 'hoc-tap-nghi-quyet', q);
    expect(figuresOf(s)).toMatchObject({ 'van_ban.tong.buoi': 1, 'van_ban.tong.luot_dv': 3, 'van_ban.tong.luot_qc': 0, 'van_ban.05-nq-tu_20191001.to_chuc': 1 });
    const rows = (await drill(f.admin, 'hoc-tap-nghi-quyet', q, 'st:f=2021-01-01;m=dv;set=luot;t=2021-12-31')).rows;
    expect(rows.map((r) => r.full_name)).toEqual([expect.stringMatching(/./), 'Đảng viên (ghi số lượng, 1/2)', 'Đảng viên (ghi số lượng, 2/2)']);
  });

  it('pages a list of person-times the same as the whole list', async () => {
    const q = `org=${f.province}&${YEAR_2020}`;
    const figure = encodeURIComponent('st:f=2020-01-01;m=qc;set=luot;t=2020-12-31');
    const page = async (n: number, size: number) => ((await f.admin.call('GET', `/api/v1/reports/hoc-tap-nghi-quyet/drill?${q}&figure=${figure}&page=${n}&pageSize=${size}`)).json() as Drill).rows;
    const all = await page(1, 500);
    expect(all).toHaveLength(13);
    expect([...(await page(1, 5)), ...(await page(2, 5)), ...(await page(3, 5))]).toEqual(all);
    expect(all.map((r) => r.stt)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });

  it('agrees with the study module on coverage', async () => {
    const { d1, d2 } = f.learning.documents;
    const r = await report(f.admin, 'hoc-tap-nghi-quyet', `org=${f.province}&${YEAR_2020}`);
    const row = (key: string) => r.tables[0]!.rows.find((x) => x.key === key)!.cells.to_chuc!.ratio!;
    for (const [id, key] of [
      [d1, '05-nq-tu_20191001'],
      [d2, '12-kh-hu_20200210'],
    ] as const) {
      const c = (await f.admin.call('GET', `/api/v1/study/coverage?org=${f.province}&documents=${id}&from=2020-01-01&to=2020-12-31`)).json() as { covered: number; total: number };
      expect([row(key).num, row(key).den]).toEqual([c.covered, c.total]);
    }
    const covered = await drill(f.admin, 'hoc-tap-nghi-quyet', `org=${f.province}&${YEAR_2020}`, `st:doc=${d1};f=2020-01-01;set=cov;t=2020-12-31`);
    expect(covered.rows.map((o) => [o.id, o.sessions])).toEqual([[f.communeA, 2]]);
  });

  it('states its rules and the denominators, and writes the narrative from the figures', async () => {
    const t = await report(f.admin, 'dao-tao', `org=${f.province}&${YEAR_2020}`);
    expect(t.notes.join(' ')).toContain('theo ngày khai giảng thực tế');
    expect(t.notes.join(' ')).toContain('vào ngày được cử đi học');
    expect(t.narrative.join(' ')).toContain('khai giảng 5 lớp đào tạo, bồi dưỡng (1 lớp sơ cấp lý luận chính trị; 1 lớp bồi dưỡng đảng viên mới; 1 lớp bồi dưỡng nhận thức về Đảng; 2 lớp chuyên môn, nghiệp vụ)');
    expect(t.narrative.join(' ')).toContain('cử 12 lượt người (8 người) đi học');
    expect(t.narrative.join(' ')).toContain('8 lượt đạt yêu cầu, đạt 88,9%');
    const ketQua = t.tables.find((x) => x.id === 'ket_qua')!.rows[0]!;
    expect(ketQua.cells.kha_gioi!.ratio).toEqual({ num: 6, den: 9, percent: (6 / 9) * 100 });
    const s = await report(f.admin, 'hoc-tap-nghi-quyet', `org=${f.province}&${YEAR_2020}`);
    expect(s.notes.join(' ')).toContain('tại ngày 31/12/2020 (ngày cuối kỳ)');
    const docx = await f.admin.call('GET', `/api/v1/reports/hoc-tap-nghi-quyet/export.docx?org=${f.province}&${YEAR_2020}`);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('3/4 đảng viên (75,0%) đã dự học tập');
    expect((await f.admin.call('GET', `/api/v1/reports/dao-tao/export.xlsx?org=${f.province}&${YEAR_2020}`)).statusCode).toBe(200);
    expect(s.narrative[0]).toContain('tổ chức 6 buổi học tập, quán triệt nghị quyết, văn bản cho 5 lượt đảng viên và 13 lượt quần chúng; 2/2 tổ chức cơ sở đảng (100,0%)');
    expect(s.narrative).toContain('Văn bản 05-NQ/TU: 1/2 tổ chức cơ sở đảng (50,0%) đã tổ chức học tập, quán triệt, với 3 buổi, cho 3 lượt đảng viên và 9 lượt quần chúng; 3/4 đảng viên (75,0%) đã dự học tập.');
  });

  it('refuses figure keys it does not know, naming the field', async () => {
    const q = `org=${f.province}&${YEAR_2020}`;
    for (const [type, figure] of [
      ['dao-tao', 'tr:f=2020-01-01;set=zz;t=2020-12-31'],
      ['dao-tao', 'tr:f=2020-01-01;r=gioi;set=hv;t=2020-12-31'],
      ['dao-tao', 'tr:f=2020-01-01;kind=lop_khac;set=lop;t=2020-12-31'],
      ['dao-tao', 'tr:f=2020-01-01;set=kq;t=2020-12-31'],
      ['hoc-tap-nghi-quyet', 'st:f=2020-01-01;lvl=thon;set=buoi;t=2020-12-31'],
      ['hoc-tap-nghi-quyet', 'st:f=2020-01-01;set=luot;t=2020-12-31'],
      ['hoc-tap-nghi-quyet', 'st:f=2020-01-01;set=buoi'],
    ] as const) {
      const r = await f.admin.call('GET', `/api/v1/reports/${type}/drill?${q}&figure=${encodeURIComponent(figure)}`);
      expect(r.statusCode, `${figure}: ${r.body}`).toBe(422);
      expect((r.json() as { error: { field: string } }).error.field).toBe('figure');
    }
  });

  it('gives identical numbers on both engines', () => {
    byEngine[env().engine] = { ...seen };
    const engines = Object.keys(byEngine);
    if (engines.length === 2) expect(byEngine[engines[1]!]).toEqual(byEngine[engines[0]!]);
  });
});
