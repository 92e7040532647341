import { figuresOf, todayIso, type ReportResult } from '@dangvu/common';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEngines } from '../../test/engines.js';
import { buildOrganization, buildUser } from '../../test/factories.js';
import { buildReportFixture, EXPECTED, type ReportFixture } from './reports.test-data.js';

/** Figures per engine, to check that both engines give identical numbers. */
const byEngine: Record<string, Record<string, Record<string, number | null>>> = {};

describeEngines('reports: the fixed dataset, traced and exported', (env) => {
  let f: ReportFixture;
  const get = async (url: string, as = f.admin) => {
    const r = await as.call('GET', url);
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r;
  };
  const report = async (type: string, q: string, org = f.province) => (await get(`/api/v1/reports/${type}?org=${org}&${q}`)).json() as ReportResult;

  it('builds the dataset through the services', { timeout: 180_000 }, async () => {
    f = await buildReportFixture(env());
    const list = (await get('/api/v1/reports')).json() as { types: { type: string }[]; waiting: { type: string }[] };
    expect(list.types.map((t) => t.type).sort()).toEqual(Object.keys(EXPECTED).concat('co-cau').filter((x, i, a) => a.indexOf(x) === i).sort());
    // Every type in the catalog is built: none is left waiting for a module.
    expect(list.waiting).toEqual([]);
  });

  it('computes every report type to the hand-worked figures', async () => {
    const all: Record<string, Record<string, number | null>> = {};
    for (const [type, { q, figures }] of Object.entries(EXPECTED)) {
      const r = await report(type, q);
      const got = figuresOf(r);
      for (const [k, v] of Object.entries(figures)) expect(got[k], `${type} ${k}`).toBe(v);
      all[type] = got;
    }
    byEngine[env().engine] = all;
  });

  it('shows numerator and denominator beside every percentage, and states the window rule', async () => {
    const t = await report('chi-tieu-ket-nap', EXPECTED['chi-tieu-ket-nap']!.q);
    const row = t.tables[0]!.rows.find((r) => r.key.startsWith('target.'))!;
    expect(row.cells.pct!.ratio).toEqual({ num: 2, den: 10, percent: 20 });
    expect(t.narrative.join(' ')).toContain('Tính từ ngày 01/01/2011 đến 31/12/2020, Đảng bộ tỉnh Thử Nghiệm kết nạp 2 đảng viên mới, đạt 20,0% so với mục tiêu');
    expect(t.periodText).toBe('Từ ngày 01/01/2011 đến hết ngày 31/12/2020, tính theo ngày hiệu lực của quyết định (gồm cả hai ngày đầu và cuối kỳ)');
    const q = await report('chat-luong', 'asOf=2020-12-31');
    for (const tb of q.tables) for (const r of tb.rows) if (r.cells.pct?.ratio) expect(r.cells.pct.ratio.den).toBe(4);
    const k = await report('kiem-nhiem', 'asOf=2020-12-31');
    expect(k.narrative[0]).toContain('1/3 trưởng thôn, bản, tổ dân phố là đảng viên, đạt 33,33%');
    const m = await report('tong-so', 'asOf=2020-12-31&baseline=2010-12-31');
    expect(m.narrative[0]).toContain('gấp 1,00 lần so với ngày 31/12/2010');
  });

  it('opens the records behind every figure, and their export has as many rows', { timeout: 180_000 }, async () => {
    for (const [type, { q }] of Object.entries(EXPECTED)) {
      const r = await report(type, q);
      for (const t of r.tables)
        for (const row of t.rows)
          for (const [col, cell] of Object.entries(row.cells)) {
            if (!cell.figure) continue;
            const expected = cell.ratio ? cell.ratio.num : cell.value;
            const url = `/api/v1/reports/${type}/drill?org=${f.province}&${q}&figure=${encodeURIComponent(cell.figure)}`;
            // Inspection lists are for the inspection commission only; others get 403 (reports.partylife.test.ts).
            const as = cell.figure.startsWith('ins:') ? f.partyLife.inspector : f.admin;
            const d = (await get(`${url}&pageSize=500`, as)).json() as { total: number; rows: unknown[] };
            expect(d.total, `${type} ${t.id}.${row.key}.${col} ${cell.figure}`).toBe(expected);
            expect(d.rows.length).toBe(expected);
            if (expected && col === 'n' && row.key.length % 3 === 0) {
              const csv = (await get(url.replace('/drill?', '/drill/export.csv?'), as)).body;
              expect(csv.trim().split('\r\n').length - 1).toBe(expected);
            }
          }
    }
  });

  it('lists the person counted once although she was in two cells in the window', async () => {
    const d = (await get(`/api/v1/reports/chat-luong/drill?org=${f.province}&asOf=2020-12-31&figure=${encodeURIComponent('m:d=2020-12-31;sex=nu')}`)).json() as { rows: { id: string }[] };
    expect(d.rows.map((r) => r.id).sort()).toEqual([f.members.m1.id, f.members.m4.id].sort());
  });

  it('keeps a commune user inside the commune, and counts moves across its edge', async () => {
    const u = await buildUser(env(), 'can_bo_to_chuc', [f.communeA]);
    expect((await u.call('GET', `/api/v1/reports/bien-dong?org=${f.province}&from=2020-01-01&to=2020-12-31`)).statusCode).toBe(404);
    const r = (await u.call('GET', '/api/v1/reports/bien-dong?from=2020-01-01&to=2020-12-31')).json() as ReportResult;
    // A: base M1, M3; + M2 (kết nạp), M5 (from B); − M3; end M1, M2, M5.
    expect(figuresOf(r)).toMatchObject({ 'bien_dong.dau_ky.n': 2, 'bien_dong.ket_nap.n': 1, 'bien_dong.noi_bo_den.n': 1, 'bien_dong.giam.n': 1, 'bien_dong.cuoi_ky.n': 3, 'bien_dong.sap_xep.n': 0 });
    const b = await buildUser(env(), 'can_bo_to_chuc', [f.communeB]);
    const rb = (await b.call('GET', '/api/v1/reports/bien-dong?from=2020-01-01&to=2020-12-31')).json() as ReportResult;
    // B: base M4, M5, M7; − M5 (to A), M7; the merger keeps M4 inside.
    expect(figuresOf(rb)).toMatchObject({ 'bien_dong.dau_ky.n': 3, 'bien_dong.noi_bo_di.n': 1, 'bien_dong.xoa_ten.n': 1, 'bien_dong.cuoi_ky.n': 1, 'bien_dong.tang.n': 0 });
    // A province figure key asked by the commune user lists only the commune's part.
    const d = (await u.call('GET', `/api/v1/reports/chat-luong/drill?asOf=2020-12-31&figure=${encodeURIComponent('m:d=2020-12-31')}`)).json() as { total: number };
    expect(d.total).toBe(3);
  });

  it('refuses bad input with the field named, and unknown types with 404', async () => {
    const bad = async (url: string, field: string, status = 422) => {
      const r = await f.admin.call('GET', url);
      expect(r.statusCode, r.body).toBe(status);
      expect((r.json() as { error: { field: string } }).error.field).toBe(field);
    };
    await bad(`/api/v1/reports/chat-luong?org=${f.province}&from=2020-01-01`, 'from');
    await bad(`/api/v1/reports/bien-dong?org=${f.province}&from=2020-02-01&to=2020-01-01`, 'from');
    await bad(`/api/v1/reports/bien-dong?org=${f.province}&asOf=2020-01-01`, 'asOf');
    await bad(`/api/v1/reports/chat-luong?org=${f.province}&asOf=2020-13-01`, 'asOf', 400);
    await bad(`/api/v1/reports/chat-luong/drill?org=${f.province}&asOf=2020-12-31&figure=zz:x`, 'figure');
    await bad(`/api/v1/reports/chat-luong/drill?org=${f.province}&asOf=2020-12-31&figure=${encodeURIComponent('m:d=2020-12-31;nope=1')}`, 'figure');
    await bad(`/api/v1/reports/tong-so?org=${f.province}&asOf=2020-12-31&baseline=2021-01-01`, 'baseline');
    expect((await f.admin.call('GET', `/api/v1/reports/khong-co?org=${f.province}`)).statusCode).toBe(404);
  });

  it('compares two periods side by side', async () => {
    const c = (await get(`/api/v1/reports/bien-dong/compare?org=${f.province}&from=2020-01-01&to=2020-12-31&compareFrom=2019-01-01&compareTo=2019-12-31`)).json() as { diff: Record<string, number> };
    // 2019: kết nạp M4 on 2019-12-31.
    expect(c.diff['bien_dong.ket_nap.n']).toBe(0);
    expect(c.diff['bien_dong.giam.n']).toBe(2);
    const t = (await get(`/api/v1/reports/bien-dong/trend?org=${f.province}&to=2020-12-31&years=3`)).json() as { series: { year: number; figures: Record<string, number> }[] };
    expect(t.series.map((s) => [s.year, s.figures['bien_dong.ket_nap.n']])).toEqual([
      [2018, 0],
      [2019, 1],
      [2020, 1],
    ]);
  });

  it('exports .xlsx with the same numbers, user text never as a formula, and .docx and CSV', async () => {
    const x = await get(`/api/v1/reports/chat-luong/export.xlsx?org=${f.province}&asOf=2020-12-31`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rowOf = (label: string) => ws.getRows(1, ws.rowCount)!.find((r) => String(r.getCell(1).value).trim() === label)!;
    expect(rowOf('Tổng số đảng viên').getCell(2).value).toBe(4);
    expect(rowOf('Đảng viên nữ').getCell(2).value).toBe(2);
    expect(rowOf('Đảng viên nữ').getCell(3).value).toBe(50);
    expect([rowOf('Đảng viên nữ').getCell(4).value, rowOf('Đảng viên nữ').getCell(5).value]).toEqual([2, 4]);

    const evil = await buildOrganization(f.admin, { name: '=HYPERLINK("http://x","bấm")', kind: 'chi_bo_truc_thuoc', parentId: f.communeA, hostType: 'thon_ban', effectiveDate: '2021-01-01' });
    const today = todayIso();
    const rx = await get(`/api/v1/reports/to-chuc/export.xlsx?org=${evil}&asOf=${today}`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(rx.rawPayload as unknown as ArrayBuffer);
    const name = wb2.worksheets[0]!.getRow(2).getCell(1);
    expect(name.type).toBe(ExcelJS.ValueType.String);
    expect(name.value).toBe('=HYPERLINK("http://x","bấm")');
    const dx = await get(`/api/v1/reports/to-chuc/drill/export.xlsx?org=${f.province}&asOf=${today}&figure=${encodeURIComponent(`o:d=${today};kind=chi_bo_truc_thuoc`)}`);
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.load(dx.rawPayload as unknown as ArrayBuffer);
    const cells = wb3.worksheets[0]!.getRows(1, wb3.worksheets[0]!.rowCount)!.map((r) => r.getCell(2));
    const c = cells.find((cell) => String(cell.value).startsWith('=HYPERLINK'))!;
    expect(c.type).toBe(ExcelJS.ValueType.String);

    const docx = await get(`/api/v1/reports/chi-tieu-ket-nap/export.docx?org=${f.province}&from=2011-01-01&to=2020-12-31`);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('đạt 20,0% so với mục tiêu');
    const csv = (await get(`/api/v1/reports/bien-dong/export.csv?org=${f.province}&from=2020-01-01&to=2020-12-31`)).body;
    expect(csv).toContain('Đảng viên giảm trong kỳ,2');
  });

  it('gives identical numbers on both engines', () => {
    const engines = Object.keys(byEngine);
    if (engines.length === 2) expect(byEngine[engines[1]!]).toEqual(byEngine[engines[0]!]);
  });
});
