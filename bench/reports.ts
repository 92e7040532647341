/**
 * The official statistics set (Hướng dẫn 11-HD/BTCTW) through the report engine, timed against
 * a plain full scan of the members table in the same run. Target: each province report at most
 * 3 × one full scan. Membership breakdowns read the per-cell tallies (ADR 7), or a whole
 * province's root tally (ADR 8); flows over whole provinces read the event tallies (ADR 8);
 * ratings read per-cell rating tallies, or a whole province's rating tallies (ADR 8). The
 * first, untimed run of each builds what is missing.
 */
import { todayIso } from '@dangvu/common';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../server/src/db/schema.js';
import { reportsEngine } from '../server/src/modules/reports/engine.js';
import type { RequestCtx } from '../server/src/platform/context.js';
import type { Measurement } from './report.js';

type Measure = (name: string, fn: (i: number) => Promise<unknown>, opts?: { min?: number }) => Promise<Measurement>;

/** The seven official forms: two flows and two ratings over the last full year, three as of its last day, plus today. */
export function officialSet(today = todayIso()) {
  const y = Number(today.slice(0, 4)) - 1;
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  return [
    { type: 'bien-dong', q: { from, to } },
    { type: 'ket-nap', q: { from, to } },
    { type: 'dan-toc-ton-giao', q: { asOf: to } },
    { type: 'chat-luong', q: { asOf: to } },
    { type: 'to-chuc', q: { asOf: to } },
    { type: 'xep-loai-to-chuc', q: { from, to } },
    { type: 'xep-loai-dang-vien', q: { from, to } },
    { type: 'chat-luong', q: { asOf: today }, label: 'today' },
  ];
}

export async function measureReports(db: Kysely<Database>, ctx: RequestCtx, org: string | undefined, measure: Measure, label: string): Promise<{ scan: Measurement; results: Measurement[] }> {
  const engine = reportsEngine(db);
  // The baseline reads every row of the members table (no index can answer it).
  const scan = await measure(`${label}: full scan of person (rows read)`, () =>
    db.executeQuery(sql`select count(*) as n from person where coalesce(religion, '') <> '#' and birth_date > '1900-01-01'`.compile(db)),
  );
  const results: Measurement[] = [];
  const set = officialSet();
  for (const r of set) {
    const m = await measure(`${label}: ${r.type} (${'asOf' in r.q ? `as of ${r.q.asOf}` : `${r.q.from} – ${r.q.to}`})`, () => engine.run(ctx, r.type, { org, ...r.q }), { min: 5 });
    results.push(m);
  }
  results.push(await measure(`${label}: the whole official set (${set.length} reports)`, async () => {
    for (const r of set) await engine.run(ctx, r.type, { org, ...r.q });
  }, { min: 3 }));
  for (const m of results) {
    m.ratio = m.median / scan.median;
    if (!m.name.includes('whole')) {
      m.target = 'median ≤ 3 × full scan';
      m.met = m.ratio <= 3;
    }
  }
  scan.ratio = 1;
  return { scan, results };
}

/** The markdown section of the report benchmarks, one table per data set measured. */
export function reportsSection(runs: { label: string; members: number; engine: string; scan: Measurement; results: Measurement[]; note?: string }[]): string {
  const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  const lines = ['', '## Reports (official statistics set)', '', 'Each report goes through `reportsEngine(...).run` exactly as the API and the CLI call it; membership breakdowns read the per-cell tallies of ADR 7, or the root tallies of ADR 8 when the subtree is a whole province; flows in a window over whole provinces read the event tallies of ADR 8 (a row per day, province and kind); ratings read per-cell rating tallies (members) or their records (organizations), or a whole province\'s rating tallies per year (ADR 8); all are kept in step with the writing transactions. The baseline is a plain full scan reading every row of `person` in the same run; the target is each report ≤ 3 × that scan.', ''];
  for (const r of runs) {
    lines.push(`### ${r.label}: ${r.members.toLocaleString('en')} members, ${r.engine}`, '');
    if (r.note) lines.push(r.note, '');
    lines.push('| Measurement | median ms | p95 ms | × full scan | target | met |', '|---|---:|---:|---:|---|---|');
    for (const m of [r.scan, ...r.results]) lines.push(`| ${m.name} | ${ms(m.median)} | ${ms(m.p95)} | ${(m.ratio ?? 1).toFixed(2)} | ${m.target ?? ''} | ${m.met === undefined ? '' : m.met ? 'yes' : '**no**'} |`);
    lines.push('');
  }
  return lines.join('\n');
}

