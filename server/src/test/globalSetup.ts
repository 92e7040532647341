import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
  }
}

/**
 * Finds the PostgreSQL server the suites run against. Under CI a missing server
 * fails the whole run instead of silently skipping half the suites.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    project.provide('pgAdminUrl', url);
  } catch (e) {
    if (process.env.CI === 'true' || process.env.TEST_DATABASE_URL)
      throw new Error(`PostgreSQL is required for the test run but ${url} did not answer: ${(e as Error).message}`);
    console.warn(`\n[dangvu] PostgreSQL not reachable at ${url}: PostgreSQL suites are skipped (not allowed under CI=true).\n`);
    project.provide('pgAdminUrl', null);
  } finally {
    await client.end().catch(() => undefined);
  }
}
