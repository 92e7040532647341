/**
 * `npm run bench -- --national`: the official statistics set for the whole country (default
 * 5.6 million members, 34 provinces) on PostgreSQL. Generation takes long, so the database is
 * kept (BENCH_PG_URL, default a `dangvu_bench_national` database on the local server) and reused.
 * Target: the whole set within 10 s, and under 1 s with precomputed aggregates (the cell
 * tallies of ADR 7 and the root tallies of ADR 8 are such aggregates, for the membership figures).
 *
 * The country is generated with the records the official set reads (the whole registry and
 * its history, discipline, theory training, ratings of the last two full years), not every
 * workflow's: years of meetings and ratings for 5.6 million members would take most of a
 * day on two cores, and no report of the set reads them.
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

interface Marker {
  members: number;
  generationSeconds: number;
  provinceRootIds: string[];
  /** Seconds spent in each generation phase, over all provinces. */
  phases?: Record<string, number>;
}
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
  let marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
  if (!marker || marker.members !== members) {
    if ((await db.kysely.selectFrom('organization').select('id').limit(1).execute()).length) throw new Error(`${name} holds other data: drop it or set BENCH_PG_URL`);
    console.log(`Generating ${members.toLocaleString('en')} members on PostgreSQL (${name}) …`);
    const t0 = performance.now();
    let shown = 0;
    let last = t0;
    let lastPhase = '';
    const phases: Record<string, number> = {};
    const lap = (phase: string) => {
      const now = performance.now();
      if (lastPhase) phases[lastPhase] = (phases[lastPhase] ?? 0) + (now - last) / 1000;
      last = now;
      lastPhase = phase.replace(/^.*: /, '');
    };
    const r = await generateDemo(db, {
      seed,
      members,
      records: 'official',
      firstYear: Number(todayIso().slice(0, 4)) - 2,
      onProgress: (done, total, phase) => {
        lap(phase);
        if (performance.now() - shown < 10_000 && done < total) return;
        shown = performance.now();
        console.log(`  ${((shown - t0) / 1000).toFixed(0)} s  ${phase}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      },
    });
    lap('');
    // After a bulk load: statistics, and the visibility map that lets index-only scans skip the table.
    await sql`vacuum analyze`.execute(db.kysely);
    marker = { members, generationSeconds: (performance.now() - t0) / 1000, provinceRootIds: r.provinceRootIds, phases };
    console.log('Generation by phase (s):', phases);
    writeFileSync(markerFile, JSON.stringify(marker, null, 2));
  }
  const ctx: RequestCtx = {
    actor: { userId: 'bench', username: 'bench', role: 'quan_tri', personId: null, scopeOrgIds: marker.provinceRootIds, sessionId: 'x', csrfToken: 'x' },
    requestId: 'bench',
  };
  const run = await measureReports(db.kysely, ctx, undefined, measure, 'National');
  const whole = run.results.at(-1)!;
  // The target is the country's; a scaled-down run only shows the trend.
  if (members >= 5_600_000) {
    whole.target = 'median ≤ 10 000 ms';
    whole.met = whole.median <= 10_000;
  }
  const settings = (await sql<{ name: string; value: string }>`select name, current_setting(name) as value from pg_settings where name in ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather') order by name`.execute(db.kysely)).rows;
  const server = `${(await sql<{ v: string }>`select version() as v`.execute(db.kysely)).rows[0]!.v.split(' on ')[0]}; ${settings.map((r) => `${r.name} ${r.value}`).join(', ')}`;
  const out: NationalRun = { label: members >= 5_600_000 ? 'National' : 'National layout (34 provinces, scaled down)', members, engine: 'PostgreSQL', ...run, note: `${generationNote(marker)} Server: ${server}.` };
  await db.close();
  const dir = resolve(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `${todayIso()}-postgres-national-${members}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(`Wrote bench/results/${todayIso()}-postgres-national-${members}.json`);
}

function generationNote(m: Marker): string {
  const phases = m.phases ? ` (${Object.entries(m.phases).map(([p, s]) => `${p} ${s.toFixed(0)} s`).join(', ')})` : '';
  return `Generated in ${m.generationSeconds.toFixed(0)} s${phases}, with the records the official set reads: the registry and its history since 2004, discipline, theory training, ratings of the last two full years.`;
}

/** The latest national run on record, for the benchmarks page. */
export function nationalRuns(resultsDir: string): NationalRun[] {
  if (!existsSync(resultsDir)) return [];
  const files = readdirSync(resultsDir).filter((f) => f.includes('-postgres-national-')).sort();
  return files.length ? [JSON.parse(readFileSync(resolve(resultsDir, files.at(-1)!), 'utf8')) as NationalRun] : [];
}
