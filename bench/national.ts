/**
 * `npm run bench -- --national`: the official statistics set for the whole country (default
 * 5.6 million members, 34 provinces) on PostgreSQL. Generation takes long, so the database is
 * kept (BENCH_PG_URL, default a `dangvu_bench_national` database on the local server) and reused.
 * Target: the whole set within 10 s, without precomputed aggregates.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { todayIso } from '@dangvu/common';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { generateDemo } from '../server/src/modules/demo/generate.js';
import type { RequestCtx } from '../server/src/platform/context.js';
import type { Measurement } from './report.js';
import { measureReports } from './reports.js';

type Measure = (name: string, fn: (i: number) => Promise<unknown>, opts?: { min?: number }) => Promise<Measurement>;
interface NationalRun {
  label: string;
  members: number;
  engine: string;
  scan: Measurement;
  results: Measurement[];
  note?: string;
}

export async function runNational(root: string, measure: Measure, members: number, seed: number) {
  const url = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/dangvu_bench_national';
  const u = new URL(url);
  const admin = new pg.Client({ connectionString: `${u.protocol}//${u.username}${u.password ? `:${u.password}` : ''}@${u.host}/postgres` });
  await admin.connect();
  const name = u.pathname.slice(1);
  if (!(await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
  const db = openDatabase(url);
  await migrateToLatest(db);
  const markerFile = resolve(root, '.tmp', 'bench', `national-${name}.json`);
  mkdirSync(resolve(root, '.tmp', 'bench'), { recursive: true });
  let marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as { members: number; generationSeconds: number; provinceRootIds: string[] }) : null;
  if (!marker || marker.members !== members) {
    if ((await db.kysely.selectFrom('organization').select('id').limit(1).execute()).length) throw new Error(`${name} holds other data: drop it or set BENCH_PG_URL`);
    console.log(`Generating ${members.toLocaleString('en')} members on PostgreSQL (${name}) …`);
    const t0 = performance.now();
    let shown = 0;
    const r = await generateDemo(db, {
      seed,
      members,
      onProgress: (done, total, phase) => {
        if (performance.now() - shown < 10_000 && done < total) return;
        shown = performance.now();
        console.log(`  ${((shown - t0) / 1000).toFixed(0)} s  ${phase}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      },
    });
    await sql`analyze`.execute(db.kysely);
    marker = { members, generationSeconds: (performance.now() - t0) / 1000, provinceRootIds: r.provinceRootIds };
    writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  }
  const ctx: RequestCtx = {
    actor: { userId: 'bench', username: 'bench', role: 'quan_tri', personId: null, scopeOrgIds: marker.provinceRootIds, sessionId: 'x', csrfToken: 'x' },
    requestId: 'bench',
  };
  const run = await measureReports(db.kysely, ctx, undefined, measure, 'National');
  const whole = run.results.at(-1)!;
  whole.target = 'median ≤ 10 000 ms';
  whole.met = whole.median <= 10_000;
  await db.close();
  const out: NationalRun = { label: 'National', members, engine: 'PostgreSQL', ...run, note: `Generated in ${marker.generationSeconds.toFixed(0)} s.` };
  const dir = resolve(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${todayIso()}-postgres-national-${members}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(`Wrote bench/results/${todayIso()}-postgres-national-${members}.json`);
}

/** The latest national run on record, for the benchmarks page. */
export function nationalRuns(resultsDir: string): NationalRun[] {
  if (!existsSync(resultsDir)) return [];
  const files = readdirSync(resultsDir).filter((f) => f.includes('-postgres-national-')).sort();
  return files.length ? [JSON.parse(readFileSync(resolve(resultsDir, files.at(-1)!), 'utf8')) as NationalRun] : [];
}
