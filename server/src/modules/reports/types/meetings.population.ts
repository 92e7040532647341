import { CELL_KINDS, existedWholeMonth, firstDayOf, lastDayOf, rollupYear, todayIso, type MeetingClass, type YearClass, type YearRollup } from '@dangvu/common';
import { sql } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import { existenceOf, rulesFor } from '../../meetings/meetings.repository.js';
import type { ReportContext } from '../context.js';
import { badFigure } from '../drillKit.js';

/**
 * The record sets of the meeting-quality report (sinh hoạt chi bộ), built once per request and
 * filtered by one function for both the figures and their drill-down lists.
 *
 * The unit is a cell-month: a month lying wholly in the window and already over, of a cell that
 * existed on every day of it (the months the meetings module judges a cell on) and whose version
 * on the 15th lay in the subtree (resolved at both ends of the window, as every window report
 * does). A cell founded, merged or moved inside the window is counted only for such months. A month's class is the score class of its regular
 * meeting; the year's class comes from the meetings module's roll-up rule set in force for the
 * cell (rollupYear with rulesFor), over the counted months of that calendar year.
 */

export interface MonthMeeting {
  id: string;
  kind: string;
  state: string;
  plannedOn: string;
  heldOn: string | null;
  total: number | null;
  cls: MeetingClass | null;
  higher: number;
}

export interface CellMonth {
  orgId: string;
  month: string;
  name: string;
  kind: string;
  host: string;
  path: string;
  /** The regular (thường kỳ) meeting of the month, if one was planned. */
  regular: MonthMeeting | null;
  /** Every meeting of the cell in the month, regular and thematic. */
  meetings: MonthMeeting[];
}

export interface CellYear {
  orgId: string;
  year: number;
  name: string;
  kind: string;
  host: string;
  months: CellMonth[];
  rollup: YearRollup;
  rules: string;
}

export interface MeetingPopulation {
  months: CellMonth[];
  years: CellYear[];
}

const HELD = new Set(['da_hop', 'da_dong']);
export const isHeld = (m: MonthMeeting | null): m is MonthMeeting => !!m && HELD.has(m.state);
const midMonth = (month: string) => `${month}-15`;

/** `YYYY-MM` of the months lying wholly in the window and over before today. */
export function windowMonths(from: string, to: string, today = todayIso()): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (firstDayOf(month) > to) break;
    if (firstDayOf(month) >= from && lastDayOf(month) <= to && lastDayOf(month) < today) out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export async function meetingPopulation(rc: ReportContext, from: string, to: string): Promise<MeetingPopulation> {
  const db = rc.db;
  const months = windowMonths(from, to);
  if (!months.length) return { months: [], years: [] };
  const prefixes = await rc.windowPrefixes(from, to);
  if (!prefixes.length) return { months: [], years: [] };
  const versions = await db
    .selectFrom('organization_version as v')
    .select(['v.org_id', 'v.name', 'v.kind', 'v.host_type', 'v.path', 'v.valid_from', 'v.valid_to'])
    .where('v.kind', 'in', [...CELL_KINDS])
    .where('v.valid_from', '<=', midMonth(months.at(-1)!))
    .where((eb) => eb.or([eb('v.valid_to', 'is', null), eb('v.valid_to', '>', midMonth(months[0]!))]))
    .where(inSubtrees('v.path', prefixes))
    .orderBy('v.org_id')
    .orderBy('v.valid_from')
    .execute();
  const ids = [...new Set(versions.map((v) => v.org_id))];
  const existence = await existenceOf(db, ids);
  const meetings = new Map<string, MonthMeeting[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('meeting')
      .select(['id', 'org_id', 'month', 'kind', 'state', 'planned_on', 'held_on', 'score_total', 'score_class', 'n_higher'])
      .where('org_id', 'in', ids.slice(i, i + 500))
      .where('month', '>=', months[0]!)
      .where('month', '<=', months.at(-1)!)
      // Not by held_on alone: the engines sort nulls differently.
      .orderBy(sql`coalesce(held_on, planned_on)`)
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const k = `${r.org_id}|${r.month}`;
      const list = meetings.get(k) ?? [];
      list.push({
        id: r.id,
        kind: r.kind,
        state: r.state,
        plannedOn: r.planned_on,
        heldOn: r.held_on,
        total: r.score_total === null ? null : Number(r.score_total),
        cls: (r.score_class as MeetingClass | null) ?? null,
        higher: Number(r.n_higher ?? 0),
      });
      meetings.set(k, list);
    }
  }

  const cellMonths: CellMonth[] = [];
  for (const v of versions)
    for (const m of months) {
      const mid = midMonth(m);
      if (v.valid_from > mid || (v.valid_to !== null && v.valid_to <= mid)) continue;
      if (!existedWholeMonth(existence.get(v.org_id) ?? [], m)) continue;
      const all = meetings.get(`${v.org_id}|${m}`) ?? [];
      cellMonths.push({ orgId: v.org_id, month: m, name: v.name, kind: v.kind, host: v.host_type, path: v.path, regular: regularOf(all), meetings: all });
    }
  cellMonths.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.orgId.localeCompare(b.orgId) || a.month.localeCompare(b.month));

  const groups = new Map<string, CellMonth[]>();
  for (const cm of cellMonths) {
    const k = `${cm.orgId}|${cm.month.slice(0, 4)}`;
    groups.set(k, [...(groups.get(k) ?? []), cm]);
  }
  const rulesCache = new Map<string, Awaited<ReturnType<typeof rulesFor>>>();
  const years: CellYear[] = [];
  for (const list of groups.values()) {
    const last = list.at(-1)!;
    const year = Number(last.month.slice(0, 4));
    // As the meetings module does: the rule set of the cell's parent at the end of the year.
    const parent = last.path.slice(0, last.path.slice(0, -1).lastIndexOf('/') + 1);
    const key = `${parent}|${year}`;
    let rules = rulesCache.get(key);
    if (!rules) rulesCache.set(key, (rules = await rulesFor(db, last.path, `${year}-12-31`)));
    const judged = new Map<string, MeetingClass | null>(list.map((cm) => [cm.month, cm.regular?.cls ?? null]));
    years.push({ orgId: last.orgId, year, name: last.name, kind: last.kind, host: last.host, months: list, rollup: rollupYear(rules.rollup, judged), rules: rules.rollup.id });
  }
  return { months: cellMonths, years };
}

/** The month's regular meeting: the scored one if any (the last, as the module reads it), else a held one, else the planned one. */
function regularOf(all: readonly MonthMeeting[]): MonthMeeting | null {
  const regular = all.filter((m) => m.kind === 'thuong_ky');
  return regular.filter((m) => m.cls !== null).at(-1) ?? regular.find((m) => isHeld(m)) ?? regular[0] ?? null;
}

// ------------------------------------------------------------------ one filter for figures and lists

/** Units a figure counts: cell-years (nam), cell-months (thang), held meetings (buoi) or cells (chibo). */
export const MEETING_UNITS = ['nam', 'thang', 'buoi', 'chibo'] as const;
export type MeetingUnit = (typeof MEETING_UNITS)[number];

export const YEAR_FILTERS = ['xep', 'tot', 'kha', 'trung_binh', 'kem', 'chua_du_thoi_gian'] as const;
export const MONTH_FILTERS = ['hop', 'khong_hop', 'cham', 'chua_cham', 'tot', 'kha', 'trung_binh', 'kem'] as const;
export const MEETING_FILTERS = ['chuyen_de', 'cap_tren'] as const;
export const CELL_FILTERS = ['khong_hop', 'cap_tren'] as const;

const monthTest: Record<(typeof MONTH_FILTERS)[number], (cm: CellMonth) => boolean> = {
  hop: (cm) => isHeld(cm.regular),
  khong_hop: (cm) => !isHeld(cm.regular),
  cham: (cm) => isHeld(cm.regular) && cm.regular.cls !== null,
  chua_cham: (cm) => isHeld(cm.regular) && cm.regular.cls === null,
  tot: (cm) => isHeld(cm.regular) && cm.regular.cls === 'tot',
  kha: (cm) => isHeld(cm.regular) && cm.regular.cls === 'kha',
  trung_binh: (cm) => isHeld(cm.regular) && cm.regular.cls === 'trung_binh',
  kem: (cm) => isHeld(cm.regular) && cm.regular.cls === 'kem',
};
const yearTest = (st: (typeof YEAR_FILTERS)[number]) => (cy: CellYear) => (st === 'xep' ? cy.rollup.cls !== 'chua_du_thoi_gian' : cy.rollup.cls === (st as YearClass));
const meetingTest: Record<(typeof MEETING_FILTERS)[number], (m: MonthMeeting) => boolean> = {
  chuyen_de: (m) => isHeld(m) && m.kind === 'chuyen_de',
  cap_tren: (m) => isHeld(m) && m.higher > 0,
};

type Attrs = { orgId: string; kind: string; host: string };
const attrTest = (p: Record<string, string>) => (x: Attrs & { year?: number; month?: string }) =>
  (!p.kind || x.kind === p.kind) &&
  (!p.host || x.host === p.host) &&
  (!p.org || x.orgId === p.org) &&
  (!p.y || String(x.year ?? x.month?.slice(0, 4)) === p.y);

function pick<T extends string>(allowed: readonly T[], v: string | undefined): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw badFigure(`bộ lọc "${v}" không hợp lệ`);
  return v as T;
}

export type MeetingSelection =
  | { unit: 'nam'; rows: CellYear[] }
  | { unit: 'thang'; rows: CellMonth[] }
  | { unit: 'buoi'; rows: (MonthMeeting & { cell: CellMonth })[] }
  | { unit: 'chibo'; rows: { orgId: string; name: string; kind: string; host: string; months: CellMonth[] }[] };

/**
 * The records a figure key names, from its parameters: `u` (unit), `st` (class or status),
 * and the population filters `kind` (organization kind), `host` (host type), `org`, `y` (year).
 */
export function selectMeetings(pop: MeetingPopulation, p: Record<string, string>): MeetingSelection {
  for (const k of Object.keys(p)) if (!['f', 't', 'u', 'st', 'kind', 'host', 'org', 'y'].includes(k)) throw badFigure(`không có bộ lọc "${k}"`);
  const unit = pick(MEETING_UNITS, p.u) ?? 'thang';
  const attr = attrTest(p);
  if (unit === 'nam') {
    const st = pick(YEAR_FILTERS, p.st);
    return { unit, rows: pop.years.filter((cy) => attr(cy) && (!st || yearTest(st)(cy))) };
  }
  if (unit === 'thang') {
    const st = pick(MONTH_FILTERS, p.st);
    return { unit, rows: pop.months.filter((cm) => attr(cm) && (!st || monthTest[st](cm))) };
  }
  if (unit === 'buoi') {
    const st = pick(MEETING_FILTERS, p.st) ?? 'chuyen_de';
    return { unit, rows: pop.months.filter(attr).flatMap((cm) => cm.meetings.filter(meetingTest[st]).map((m) => ({ ...m, cell: cm }))) };
  }
  const st = pick(CELL_FILTERS, p.st);
  const cells = new Map<string, { orgId: string; name: string; kind: string; host: string; months: CellMonth[] }>();
  for (const cm of pop.months.filter(attr)) {
    const c = cells.get(cm.orgId) ?? { orgId: cm.orgId, name: cm.name, kind: cm.kind, host: cm.host, months: [] };
    // The cell's latest counted month names it and places it in a population.
    Object.assign(c, { name: cm.name, kind: cm.kind, host: cm.host });
    c.months.push(cm);
    cells.set(cm.orgId, c);
  }
  const test = st === 'khong_hop' ? (c: { months: CellMonth[] }) => c.months.some(monthTest.khong_hop) : st === 'cap_tren' ? (c: { months: CellMonth[] }) => c.months.some((cm) => cm.meetings.some(meetingTest.cap_tren)) : () => true;
  return { unit, rows: [...cells.values()].filter(test) };
}

export const countMeetings = (pop: MeetingPopulation, p: Record<string, string>) => selectMeetings(pop, p).rows.length;
