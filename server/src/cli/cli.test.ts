import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/database.js';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';

const root = resolve(import.meta.dirname, '../../..');
const main = resolve(root, 'server/src/main.ts');

/** The real command line in a child process, as an operator runs it. */
function run(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describe.skipIf(engine === 'postgres' && !inject('pgAdminUrl'))(`command line [${engine}]`, () => {
    let db: TestDatabase;
    afterAll(async () => db?.drop());

    it('migrates, generates a demo, adds users, prints stats as of a date', async () => {
      db = await createTestDatabase(engine, 'dangvu_cli');
      expect(run(db.env, 'migrate').code).toBe(0);
      const demo = run(db.env, 'demo', '--members', '400', '--seed', '5');
      expect(demo.code, demo.err).toBe(0);
      expect(run(db.env, 'demo', '--members', '400').code).toBe(2);
      const probe = run(db.env, 'stats', '--org', '00000000-0000-7000-8000-000000000000', '--json');
      expect(probe.code).toBe(2);
      expect(probe.err).toContain('Không tìm thấy tổ chức');

      const handle = openDatabase(db.url);
      const rootOrg = await handle.kysely.selectFrom('organization_version').select('org_id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
      await handle.close();

      const now = JSON.parse(run(db.env, 'stats', '--org', rootOrg.org_id, '--json').out) as { members: { total: number }; organizations: { byKind: Record<string, number> } };
      const then = JSON.parse(run(db.env, 'stats', '--org', rootOrg.org_id, '--as-of', '2020-12-31', '--json').out) as typeof now;
      expect(now.members.total).toBeGreaterThan(200);
      expect(then.organizations.byKind.dang_bo_huyen).toBeGreaterThan(0);
      expect(now.organizations.byKind.dang_bo_huyen).toBeUndefined();

      expect(run(db.env, 'user', 'add', '--username', 'can.bo', '--password', 'mot-mat-khau-dai', '--role', 'can_bo_to_chuc', '--scope', rootOrg.org_id).code).toBe(0);
      const dup = run(db.env, 'user', 'add', '--username', 'can.bo', '--password', 'mot-mat-khau-dai', '--role', 'can_bo_to_chuc', '--scope', rootOrg.org_id);
      expect(dup.code).toBe(2);
      expect(dup.err).toContain('đã có');
      expect(run(db.env, 'user', 'add', '--username', 'x1', '--password', 'ngan', '--role', 'chi_xem', '--scope', rootOrg.org_id).code).toBe(2);
      expect(run(db.env, 'user', 'reset-password', '--username', 'can.bo', '--password', 'mat-khau-moi-dai').code).toBe(0);
    });

    it('starts: serves the API and the page, and prints the admin password once', async () => {
      const port = String(31000 + Math.floor(Math.random() * 2000));
      const start = () =>
        new Promise<string>((resolvePromise, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', main, 'start'], { cwd: root, env: { ...process.env, ...db.env, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', DANGVU_ADMIN_PASSWORD: '' } });
          let out = '';
          const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`server did not start: ${out}`));
          }, 90_000);
          child.stdout.on('data', async (d: Buffer) => {
            out += d.toString();
            if (out.includes('Đảng vụ đang chạy')) {
              clearTimeout(timer);
              try {
                const health = await fetch(`http://127.0.0.1:${port}/api/health`);
                expect(health.status).toBe(200);
                const page = await fetch(`http://127.0.0.1:${port}/`);
                expect(await page.text()).toContain('Đảng vụ');
                const docs = await fetch(`http://127.0.0.1:${port}/api/docs/json`);
                expect(((await docs.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/members');
              } finally {
                child.kill('SIGTERM');
              }
              resolvePromise(out);
            }
          });
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        });
      // DANGVU_ADMIN_PASSWORD is set empty above: an empty variable means unset, so one is generated.
      const first = await start();
      expect(first).toMatch(/mật khẩu:\s+\S{12,}/);
      const second = await start();
      expect(second).not.toMatch(/mật khẩu:\s+\S{12,}/);
    });
  });
}
