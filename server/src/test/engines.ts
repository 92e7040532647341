import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase, type Db, type Engine } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export interface TestEnv {
  engine: Engine;
  db: Db;
  app: FastifyInstance;
}

const tmpRoot = resolve(process.cwd(), '.tmp', 'test-db');

async function createDatabase(engine: Engine): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dangvu_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (engine === 'sqlite') {
    mkdirSync(tmpRoot, { recursive: true });
    const file = resolve(tmpRoot, `${name}.sqlite`);
    return { url: file, drop: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true })) };
  }
  const admin = inject('pgAdminUrl')!;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

/**
 * Runs the same suite on SQLite and on PostgreSQL, each on a fresh database with
 * the real app in front of it. PostgreSQL is skipped only outside CI when no server answers.
 */
export function describeEngines(name: string, body: (env: () => TestEnv) => void) {
  const engines: Engine[] = ['sqlite', 'postgres'];
  for (const engine of engines) {
    const unavailable = engine === 'postgres' && !inject('pgAdminUrl');
    describe.skipIf(unavailable)(`${name} [${engine}]`, () => {
      let env: TestEnv | null = null;
      let drop: (() => Promise<void>) | null = null;
      beforeAll(async () => {
        const created = await createDatabase(engine);
        drop = created.drop;
        const db = openDatabase(created.url);
        await migrateToLatest(db);
        const app = await buildApp(db, { logLevel: process.env.TEST_LOG ?? 'silent', sessionIdleMinutes: 120, sessionMaxHours: 12, secureCookies: false });
        env = { engine, db, app };
      });
      afterAll(async () => {
        await env?.app.close();
        await env?.db.close();
        await drop?.();
      });
      body(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}
