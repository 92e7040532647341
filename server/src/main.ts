#!/usr/bin/env node
import { isValidIsoDate, todayIso } from '@dangvu/common';
import { sql } from 'kysely';
import { buildApp } from './app.js';
import { flagString, parseFlags } from './cli/args.js';
import { runReportCommand } from './cli/report.js';
import { loadConfig, type Config } from './config/config.js';
import { openDatabase, type Db } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { generateDemo } from './modules/demo/generate.js';
import { statsFor } from './modules/stats/stats.service.js';
import { usersService } from './modules/users/users.service.js';
import { AppError } from './platform/errors.js';
import { systemActorName } from './platform/context.js';

const SYSTEM = { userId: null, username: systemActorName, requestId: null };

const HELP = `Đảng vụ — dòng lệnh / command line

  start                         migrate, create the demo province if the database is empty, serve
  serve                         serve the API and web app (PORT, default 3000)
  migrate                       apply database migrations
  demo [--seed N] [--members N] generate demo data into an empty database
  user add --username U --password P --role ROLE --scope ORG_ID[,ORG_ID…]
  user reset-password --username U --password P
  stats --org ID [--as-of YYYY-MM-DD] [--json]
  report --list | report TYPE --org ID (--as-of DATE | --from DATE --to DATE) --format json|xlsx|docx|csv [--out FILE]

Configuration: DATABASE_URL (PostgreSQL URL; default SQLite in DANGVU_DATA_DIR=./data),
PORT, DANGVU_ADMIN_PASSWORD.`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function demo(db: Db, seed: number, members: number) {
  const orgs = await db.kysely.selectFrom('organization').select('id').limit(1).execute();
  if (orgs.length) fail('Cơ sở dữ liệu đã có dữ liệu; chỉ tạo dữ liệu mẫu vào cơ sở dữ liệu trống.');
  const started = Date.now();
  let lastPhase = '';
  const result = await generateDemo(db, {
    seed,
    members,
    onProgress: (done, total, phase) => {
      if (!process.stdout.isTTY) {
        if (phase !== lastPhase) console.log(`  ${phase}…`);
      } else process.stdout.write(`\r  ${phase}: ${Math.round((100 * done) / Math.max(total, 1))}%   `);
      lastPhase = phase;
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  // Fresh statistics let the planner choose the name-order index for pages and the path index for counts.
  await sql`analyze`.execute(db.kysely);
  console.log(`Đã tạo dữ liệu mẫu (${members.toLocaleString('vi-VN')} đảng viên) trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`);
  return result;
}

async function serve(config: Config, db: Db) {
  const app = await buildApp(db, config);
  const close = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Đảng vụ đang chạy tại http://localhost:${config.port}  (API: /api/docs, cơ sở dữ liệu: ${db.engine})`);
}

async function main() {
  const { positional, flags } = parseFlags(process.argv.slice(2));
  const [cmd, sub] = positional;
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    fail((e as Error).message);
  }
  switch (cmd) {
    case 'start': {
      const db = openDatabase(config.databaseUrl);
      await migrateToLatest(db);
      if (!(await db.kysely.selectFrom('organization').select('id').limit(1).execute()).length) {
        console.log('Cơ sở dữ liệu trống: đang tạo tỉnh mẫu…');
        await demo(db, 1, config.demoMembers);
      }
      const admin = await usersService(db.kysely).ensureAdmin(SYSTEM, config.adminPassword);
      if (admin.generatedPassword)
        console.log(`\nTài khoản quản trị / admin account:\n  tên đăng nhập: admin\n  mật khẩu:      ${admin.generatedPassword}\n(Mật khẩu chỉ in một lần. Đổi bằng: npm run dangvu -- user reset-password --username admin --password ...)\n`);
      else if (admin.created) console.log('Tài khoản quản trị: admin (mật khẩu lấy từ DANGVU_ADMIN_PASSWORD).');
      else console.log('Đăng nhập bằng tài khoản admin (hoặc tài khoản đã tạo).');
      await serve(config, db);
      return;
    }
    case 'serve': {
      const db = openDatabase(config.databaseUrl);
      await migrateToLatest(db);
      await serve(config, db);
      return;
    }
    case 'migrate':
      await withDb(config, async (db) => console.log(`Đã áp dụng ${(await migrateToLatest(db)).length} migration; cơ sở dữ liệu đã mới nhất.`));
      return;
    case 'demo': {
      const seed = Number(flagString(flags, 'seed') ?? 1);
      const members = Number(flagString(flags, 'members') ?? 30000);
      if (!Number.isInteger(seed) || !Number.isInteger(members) || members < 100) fail('--seed và --members phải là số nguyên (members ≥ 100).');
      await withDb(config, (db) => demo(db, seed, members));
      return;
    }
    case 'user': {
      const svc = (db: Db) => usersService(db.kysely);
      const username = flagString(flags, 'username');
      const password = flagString(flags, 'password');
      if (!username || !password) fail('Cần --username và --password.');
      if (sub === 'add') {
        const role = flagString(flags, 'role');
        const scope = flagString(flags, 'scope');
        if (!role) fail('Cần --role.');
        const id = await withDb(config, (db) =>
          svc(db).add(SYSTEM, { username, password, role: role as never, scopeOrgIds: scope ? scope.split(',').map((s) => s.trim()) : [] }),
        );
        console.log(`Đã tạo người dùng ${username} (${id}).`);
      } else if (sub === 'reset-password') {
        await withDb(config, (db) => svc(db).resetPassword(SYSTEM, username, password));
        console.log(`Đã đặt lại mật khẩu cho ${username}; các phiên đăng nhập cũ đã bị hủy.`);
      } else fail(HELP);
      return;
    }
    case 'report': {
      process.exitCode = await withDb(config, (db) => runReportCommand(db, positional.slice(1), flags));
      return;
    }
    case 'stats': {
      const org = flagString(flags, 'org');
      const asOf = flagString(flags, 'as-of') ?? todayIso();
      if (!org) fail('Cần --org ORG_ID.');
      if (!isValidIsoDate(asOf)) fail('--as-of phải có dạng YYYY-MM-DD.');
      const stats = await withDb(config, (db) => statsFor(db.kysely, org, asOf, null));
      if (flags.json) console.log(JSON.stringify(stats, null, 2));
      else {
        console.log(`Tổ chức ${org}, ngày ${asOf.split('-').reverse().join('/')}`);
        console.log(`Đảng viên: ${stats.members.total} (chính thức ${stats.members.byGrade.chinh_thuc}, dự bị ${stats.members.byGrade.du_bi})`);
        console.log(`Theo giới tính: ${JSON.stringify(stats.members.bySex)}`);
        console.log(`Theo dân tộc: ${JSON.stringify(stats.members.byEthnicity)}`);
        console.log(`Tổ chức theo loại: ${JSON.stringify(stats.organizations.byKind)}`);
      }
      return;
    }
    default:
      console.log(HELP);
      if (cmd && cmd !== 'help') process.exit(2);
  }
}

main().catch((e: unknown) => {
  if (e instanceof AppError) fail(`Lỗi: ${e.message}`);
  console.error(e);
  process.exit(1);
});
