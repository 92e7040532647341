import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createTestDatabase } from './databases.js';
import { buildApp } from '../app.js';
import { openDatabase, type Db, type Engine } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export interface TestEnv {
  engine: Engine;
  db: Db;
  app: FastifyInstance;
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
        const created = await createTestDatabase(engine, 'dangvu_t');
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
