import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Engine } from '../db/database.js';

export interface TestDatabase {
  /** What openDatabase takes. */
  url: string;
  /** The environment a child process (CLI, server) needs to use it. */
  env: Record<string, string>;
  drop: () => Promise<void>;
}

const root = resolve(import.meta.dirname, '../../..');

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('pgAdminUrl')! });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database for one suite: a SQLite directory or a new PostgreSQL database. */
export async function createTestDatabase(engine: Engine, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (engine === 'sqlite') {
    const dir = resolve(root, '.tmp', name);
    mkdirSync(dir, { recursive: true });
    return { url: resolve(dir, 'dangvu.sqlite'), env: { DANGVU_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  await admin((c) => c.query(`create database ${name}`));
  const u = new URL(inject('pgAdminUrl')!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    env: { DATABASE_URL: u.toString() },
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
