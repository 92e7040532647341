import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { eventPlacePredicate } from '../stats/eventPlace.js';
import { cellTalliesOn, fewFullMembers } from './cellTally/read.js';
import { rootTalliesOn, splitAtRoots } from './rootTally/read.js';
import { eventTalliesIn } from './eventTally/read.js';
import { addCounts, loadCodes } from './cellTally/codes.js';
import type { TallyDim } from './cellTally/memberState.js';
import { dimExpr, type EventDim, type MemberDim } from './dimensions.js';
import type { Flow } from './flows.js';

/**
 * The record sets reports count and drill into. Each is one query builder used both for the
 * grouped counts and for the paged lists, so a figure always equals the length of its list.
 */

type Q = Kysely<Database>;

/** Primary episodes valid on a date in cells whose version then lay in the subtrees: one per member. */
function episodesOn(db: Q, asOf: string, prefixes: readonly string[]) {
  return db
    .selectFrom('membership_episode as e')
    .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
    .where('e.kind', '=', 'primary')
    .where((eb) => validOn(eb, 'e', asOf))
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes));
}

/** Members on a date, with their person rows for the breakdowns. */
export function membersOn(db: Q, asOf: string, prefixes: readonly string[]) {
  return episodesOn(db, asOf, prefixes).innerJoin('person as p', 'p.id', 'e.person_id');
}

export { ADD_FLOWS, FLOWS, LOSS_FLOWS, type Flow } from './flows.js';

/** The person's primary episode that the move ended lay in the subtrees the day before. */
const cameFromInside = (prefixes: readonly string[]) => sql<SqlBool>`exists (select 1 from membership_episode e2
  join organization_version v2 on v2.org_id = e2.org_id
  where e2.person_id = me.person_id and e2.kind = 'primary' and e2.valid_to = me.effective_date
    and v2.valid_from < me.effective_date and (v2.valid_to is null or v2.valid_to >= me.effective_date)
    and ${inSubtrees('v2.path', prefixes)})`;

export function flowPredicate(flows: readonly Flow[], from: string, to: string, prefixes: readonly string[]): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  const plain = flows.filter((f) => f !== 'noi_bo_den' && f !== 'noi_bo_di');
  if (plain.length) parts.push(eventPlacePredicate(plain, from, to, prefixes));
  if (flows.includes('noi_bo_den')) parts.push(sql<SqlBool>`(${eventPlacePredicate(['chuyen_noi_bo'], from, to, prefixes)} and not ${cameFromInside(prefixes)})`);
  if (flows.includes('noi_bo_di'))
    parts.push(sql<SqlBool>`(me.kind = 'chuyen_noi_bo' and me.effective_date >= ${from} and me.effective_date <= ${to} and ${cameFromInside(prefixes)}
      and not (${eventPlacePredicate(['chuyen_noi_bo'], from, to, prefixes)}))`);
  if (!parts.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export function eventsIn(db: Q, flows: readonly Flow[], from: string, to: string, prefixes: readonly string[]) {
  return db.selectFrom('member_event as me').innerJoin('person as p', 'p.id', 'me.person_id').where(flowPredicate(flows, from, to, prefixes));
}

/** Organizations on a date whose version then lay in the subtrees. */
export function orgsOn(db: Q, asOf: string, prefixes: readonly string[]) {
  return db
    .selectFrom('organization_version as v')
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes));
}

/** Restructuring decisions in the window touching an organization that lay in the subtrees on the day. */
export function orgEventsIn(db: Q, from: string, to: string, prefixes: readonly string[]) {
  return db
    .selectFrom('org_event as ev')
    .where('ev.effective_date', '>=', from)
    .where('ev.effective_date', '<=', to)
    .where(sql<SqlBool>`exists (select 1 from org_event_link l join organization_version v on v.org_id = l.from_org_id or v.org_id = l.to_org_id
      where l.event_id = ev.id and v.valid_from <= ev.effective_date and (v.valid_to is null or v.valid_to >= ev.effective_date)
        and ${inSubtrees('v.path', prefixes)})`);
}

/** Rotations in the window from or to an organization that lay in the subtrees on the day. */
export function rotationsIn(db: Q, from: string, to: string, prefixes: readonly string[]) {
  return db
    .selectFrom('rotation as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .where('r.effective_date', '>=', from)
    .where('r.effective_date', '<=', to)
    .where(sql<SqlBool>`exists (select 1 from organization_version v where (v.org_id = r.from_org_id or v.org_id = r.to_org_id)
      and v.valid_from <= r.effective_date and (v.valid_to is null or v.valid_to > r.effective_date) and ${inSubtrees('v.path', prefixes)})`);
}

export type Tally = { total: number; by: Record<string, Record<string, number>> };

/**
 * The members on a date rolled up along each dimension, from the tallies: one row per root
 * organization the subtrees take whole (ADR 8) and one per cell of the rest, instead of one
 * per member. The drill-down lists read the records themselves (`membersOn`), and the tests
 * hold every figure equal to its list.
 */
export async function tallyMembers(db: Q, asOf: string, prefixes: readonly string[], dims: readonly MemberDim[]): Promise<Tally> {
  const stored = dims.filter((d): d is TallyDim => d !== 'host' && d !== 'kind');
  const { roots, rest } = splitAtRoots(prefixes);
  const cells = rest.length
    ? await cellTalliesOn(db, asOf, rest)
        .select(['v.kind', 'v.host_type', 't.total'])
        .$if(stored.length > 0, (q) => q.select('t.counts'))
        .execute()
    : [];
  const rootRows = await rootTalliesOn(db, asOf, roots);
  const by: Record<string, Record<string, number>> = Object.fromEntries(dims.map((d) => [d, {}]));
  // A root's counts hold its cells' kinds and host types as two more breakdowns.
  const fromRoots = new Set<string>(dims);
  const fromCells = new Set<string>(stored);
  const codes = dims.length ? await loadCodes(db) : null;
  let total = 0;
  const add = (dim: string, k: string, n: number) => {
    const to = by[dim]!;
    to[k] = (to[k] ?? 0) + n;
  };
  for (const r of cells) {
    const n = Number(r.total);
    total += n;
    if (dims.includes('kind')) add('kind', String(r.kind), n);
    if (dims.includes('host')) add('host', String(r.host_type), n);
    if (codes && stored.length) addCounts(codes, (r as { counts: string }).counts, fromCells, by);
  }
  for (const r of rootRows) {
    total += Number(r.total);
    if (codes) addCounts(codes, r.counts, fromRoots, by);
  }
  return { total, by };
}

/** How many members on a date, from the tallies (the same episodes, counted when they change). */
export const countMembersOn = async (db: Q, asOf: string, prefixes: readonly string[]): Promise<number> => (await tallyMembers(db, asOf, prefixes, [])).total;

/**
 * The events of some flows in a window, by flow and dimension: over whole roots from the event
 * tallies (ADR 8), otherwise from the records. Ledger flows are one grouped
 * pass; moves inside the system a second one that marks each move as arriving or leaving.
 * (As one query joined by "or", PostgreSQL took seconds over a country's moves; the drill-down
 * lists keep `flowPredicate`, and the tests hold each figure equal to its list.)
 */
export async function tallyEvents(db: Q, flows: readonly Flow[], from: string, to: string, prefixes: readonly string[], dims: readonly EventDim[]): Promise<Tally & { byFlow: Record<string, Tally> }> {
  const { roots, rest } = splitAtRoots(prefixes);
  if (roots.length && !rest.length) return eventTalliesIn(db, flows, from, to, roots, dims);
  return tallyEventRecords(db, flows, from, to, prefixes, dims);
}

/** `tallyEvents` straight from the records: for subtrees below a root, and the tests' yardstick. */
export async function tallyEventRecords(db: Q, flows: readonly Flow[], from: string, to: string, prefixes: readonly string[], dims: readonly EventDim[]): Promise<Tally & { byFlow: Record<string, Tally> }> {
  // Every event has its person (a foreign key), so leaving the join out changes no count.
  const source = (where: Expression<SqlBool>) =>
    dims.length ? db.selectFrom('member_event as me').innerJoin('person as p', 'p.id', 'me.person_id').where(where) : (db.selectFrom('member_event as me').where(where) as unknown as ReturnType<typeof eventsIn>);
  const dimColumns = dims.map((d) => dimExpr(d, from, true).as(d));
  const byColumns = (n: number) => Array.from({ length: n }, (_, i) => sql.raw(String(i + 1)));
  const rows: Record<string, string | number>[] = [];
  const plain = flows.filter((f) => f !== 'noi_bo_den' && f !== 'noi_bo_di');
  if (plain.length)
    rows.push(
      ...((await source(eventPlacePredicate(plain, from, to, prefixes))
        .select([sql<string>`me.kind`.as('flow'), ...dimColumns, (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(byColumns(1 + dims.length))
        .execute()) as unknown as Record<string, string | number>[]),
    );
  if (plain.length < flows.length) {
    const moves = (await source(sql<SqlBool>`me.kind = 'chuyen_noi_bo' and me.effective_date >= ${from} and me.effective_date <= ${to}`)
      .select([
        sql<number>`case when ${eventPlacePredicate(['chuyen_noi_bo'], from, to, prefixes)} then 1 else 0 end`.as('now_in'),
        sql<number>`case when ${cameFromInside(prefixes)} then 1 else 0 end`.as('came_in'),
        ...dimColumns,
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .groupBy(byColumns(2 + dims.length))
      .execute()) as unknown as Record<string, string | number>[];
    for (const r of moves) {
      const flow: Flow | null = Number(r.now_in) && !Number(r.came_in) ? 'noi_bo_den' : Number(r.came_in) && !Number(r.now_in) ? 'noi_bo_di' : null;
      if (flow && flows.includes(flow)) rows.push({ ...r, flow });
    }
  }
  const byFlow: Record<string, Tally> = {};
  for (const f of flows) byFlow[f] = rollUp(rows.filter((r) => r.flow === f), dims);
  return { ...rollUp(rows, dims), byFlow };
}

function rollUp(rows: readonly Record<string, string | number>[], dims: readonly string[]): Tally {
  const by: Record<string, Record<string, number>> = Object.fromEntries(dims.map((d) => [d, {}]));
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    for (const d of dims) {
      const k = String(r[d]);
      by[d]![k] = (by[d]![k] ?? 0) + n;
    }
  }
  return { total, by };
}

export { fewFullMembers };
