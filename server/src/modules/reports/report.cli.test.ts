import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../test/databases.js';
import { buildReportFixture, type ReportFixture } from './reports.test-data.js';

const root = resolve(import.meta.dirname, '../../../..');
const main = resolve(root, 'server/src/main.ts');

/** The real command line in a child process, as a scheduled job runs it. */
function run(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !inject('pgAdminUrl'))(`report command line [${engine}]`, () => {
    let tdb: TestDatabase;
    let f: ReportFixture;
    const api: Record<string, unknown> = {};
    afterAll(async () => tdb?.drop());

    // The first test builds the whole report dataset through the API, which takes long under load.
    it('gives the same numbers as the API', { timeout: 180_000 }, async () => {
      tdb = await createTestDatabase(engine, 'dangvu_rcli');
      const db = openDatabase(tdb.url);
      await migrateToLatest(db);
      const app = await buildApp(db, { logLevel: 'silent', sessionIdleMinutes: 120, sessionMaxHours: 12, secureCookies: false });
      f = await buildReportFixture({ engine, db, app });
      for (const [type, q] of [
        ['chat-luong', 'asOf=2020-12-31'],
        ['bien-dong', 'from=2020-01-01&to=2020-12-31'],
        ['chi-tieu-ket-nap', 'from=2011-01-01&to=2020-12-31'],
      ] as const)
        api[type] = (await f.admin.call('GET', `/api/v1/reports/${type}?org=${f.province}&${q}`)).json();
      await app.close();
      await db.close();

      const cli = (type: string, ...args: string[]) => {
        const r = run(tdb.env, 'report', type, '--org', f.province, ...args, '--format', 'json');
        expect(r.code, r.err).toBe(0);
        return JSON.parse(r.out) as unknown;
      };
      expect(cli('chat-luong', '--as-of', '2020-12-31')).toEqual(api['chat-luong']);
      expect(cli('bien-dong', '--from', '2020-01-01', '--to', '2020-12-31')).toEqual(api['bien-dong']);
      expect(cli('chi-tieu-ket-nap', '--from', '2011-01-01', '--to', '2020-12-31')).toEqual(api['chi-tieu-ket-nap']);
    });

    it('writes .xlsx, lists the types and refuses bad input naming the field', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'dangvu-report-')), 'bao-cao.xlsx');
      const r = run(tdb.env, 'report', 'chat-luong', '--org', f.province, '--as-of', '2020-12-31', '--format', 'xlsx', '--out', out);
      expect(r.code, r.err).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
      const total = wb.worksheets[0]!.getRows(1, wb.worksheets[0]!.rowCount)!.find((x) => String(x.getCell(1).value).trim() === 'Tổng số đảng viên')!;
      expect(total.getCell(2).value).toBe(4);
      const list = run(tdb.env, 'report', '--list');
      expect(list.code).toBe(0);
      expect(list.out).toContain('bien-dong');
      expect(list.out).toContain('xep-loai-dang-vien');
      const bad = run(tdb.env, 'report', 'chat-luong', '--org', f.province, '--as-of', '2020-02-30');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('Ngày báo cáo');
      const wrong = run(tdb.env, 'report', 'bien-dong', '--org', f.province, '--as-of', '2020-12-31');
      expect(wrong.code).toBe(2);
      expect(wrong.err).toContain('Ngày báo cáo');
      expect(run(tdb.env, 'report', 'khong-co', '--org', f.province).code).toBe(2);
    });
  });
}
