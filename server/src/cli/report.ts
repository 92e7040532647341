import { REPORT_FORMATS, REPORT_TYPES, reportQuery, REPORTS_FIELD_LABELS_VI, type ReportFormat } from '@dangvu/common';
import { writeFile } from 'node:fs/promises';
import type { Db } from '../db/database.js';
import { reportsEngine } from '../modules/reports/engine.js';
import { REPORTS } from '../modules/reports/registry.js';
import { renderReport } from '../modules/reports/reports.routes.js';
import type { RequestCtx } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { systemActorName } from '../platform/context.js';

/** The command line reads as the system: scoped to every root of the tree, like an administrator. */
async function systemCtx(db: Db): Promise<RequestCtx> {
  const roots = await db.kysely.selectFrom('organization_version').select('org_id').distinct().where('parent_id', 'is', null).orderBy('org_id').execute();
  return {
    actor: { userId: systemActorName, username: systemActorName, role: 'quan_tri', personId: null, scopeOrgIds: roots.map((r) => r.org_id), sessionId: 'cli', csrfToken: '' },
    requestId: 'cli',
  };
}

const flag = (flags: Record<string, string | true>, k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);

/** `report <type> --org ID (--as-of DATE | --from DATE --to DATE) --format …` and `report --list`. Returns the exit code. */
export async function runReportCommand(db: Db, positional: string[], flags: Record<string, string | true>): Promise<number> {
  if (flags.list || positional.length === 0) {
    console.log('Các loại báo cáo (report TYPE):');
    for (const t of REPORT_TYPES.filter((x) => REPORTS[x.type])) console.log(`  ${t.type.padEnd(20)} ${t.period === 'asOf' ? '--as-of' : '--from --to'}${'baseline' in t ? ' [--baseline]' : ''}  ${t.vi}`);
    const waiting = REPORT_TYPES.filter((x) => !REPORTS[x.type]);
    if (waiting.length) console.log(`Chưa có: ${waiting.map((t) => t.type).join(', ')}`);
    return positional.length === 0 && !flags.list ? 2 : 0;
  }
  const type = positional[0]!;
  const format = (flag(flags, 'format') ?? 'json') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    console.error(`--format phải là một trong: ${REPORT_FORMATS.join(', ')}.`);
    return 2;
  }
  const parsed = reportQuery.safeParse({ org: flag(flags, 'org'), asOf: flag(flags, 'as-of'), from: flag(flags, 'from'), to: flag(flags, 'to'), baseline: flag(flags, 'baseline') });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    console.error(`${REPORTS_FIELD_LABELS_VI[field] ?? field}: ${issue.message}`);
    return 2;
  }
  try {
    const r = await reportsEngine(db.kysely).run(await systemCtx(db), type, parsed.data);
    const body = await renderReport(r, format);
    const out = flag(flags, 'out');
    if (out) {
      await writeFile(out, body);
      console.log(`Đã ghi ${out}`);
    } else if (typeof body === 'string') process.stdout.write(body + (format === 'json' ? '\n' : ''));
    else process.stdout.write(body);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}
