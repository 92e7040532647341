import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { eventPlacePredicate } from '../stats/eventPlace.js';
import { dimExpr, type EventDim, type MemberDim } from './dimensions.js';

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

/** How many members on a date: the same episodes, without reading the person rows. */
export async function countMembersOn(db: Q, asOf: string, prefixes: readonly string[]): Promise<number> {
  return Number((await episodesOn(db, asOf, prefixes).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/**
 * Ledger flows of the "tăng, giảm" form. A move inside the system counts only where it crosses
 * the subtree's edge: arriving from outside it is an addition, leaving for outside a removal.
 */
export const ADD_FLOWS = ['ket_nap', 'phuc_hoi', 'chuyen_den', 'noi_bo_den'] as const;
export const LOSS_FLOWS = ['tu_tran', 'xoa_ten', 'khai_tru', 'chuyen_di', 'khong_cong_nhan', 'noi_bo_di'] as const;
export const FLOWS = [...ADD_FLOWS, ...LOSS_FLOWS] as const;
export type Flow = (typeof FLOWS)[number];

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

/** The flow an event row belongs to, for grouped counts. */
export const flowOf = (prefixes: readonly string[]) =>
  sql<string>`case when me.kind = 'chuyen_noi_bo' then (case when ${cameFromInside(prefixes)} then 'noi_bo_di' else 'noi_bo_den' end) else me.kind end`;

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

/** One grouped pass over the members on a date, rolled up along each dimension. */
export async function tallyMembers(db: Q, asOf: string, prefixes: readonly string[], dims: readonly MemberDim[]): Promise<Tally> {
  // Without the cell's own columns, the person table is read in order against the set of
  // members (one primary episode each on a date), which SQLite answers faster than a lookup per episode.
  const needsCell = dims.some((d) => d === 'host' || d === 'kind');
  const from = needsCell
    ? membersOn(db, asOf, prefixes)
    : db.selectFrom('person as p').where('p.id', 'in', episodesOn(db, asOf, prefixes).select('e.person_id'));
  const rows = (await (from as ReturnType<typeof membersOn>)
    .select([...dims.map((d) => dimExpr(d, asOf).as(d)), (eb) => eb.fn.countAll<number>().as('n')])
    // Grouped by position: PostgreSQL would not match two copies of a parameterized expression.
    .groupBy(dims.map((_, i) => sql.raw(String(i + 1))))
    .execute()) as unknown as Record<string, string | number>[];
  return rollUp(rows, dims);
}

/** One grouped pass over the events of some flows in a window, by flow and dimension. */
export async function tallyEvents(db: Q, flows: readonly Flow[], from: string, to: string, prefixes: readonly string[], dims: readonly EventDim[]): Promise<Tally & { byFlow: Record<string, Tally> }> {
  const all: readonly string[] = ['flow', ...dims];
  const rows = (await eventsIn(db, flows, from, to, prefixes)
    .select([flowOf(prefixes).as('flow'), ...dims.map((d) => dimExpr(d, from, true).as(d)), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(all.map((_, i) => sql.raw(String(i + 1))))
    .execute()) as unknown as Record<string, string | number>[];
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

/** An organization `v` with fewer than three full members on the date ("chưa đủ đảng viên" to hold a valid cell). */
export const fewFullMembers = (d: string) => sql<SqlBool>`(select count(*) from membership_episode e join person p on p.id = e.person_id
  where e.org_id = v.org_id and e.kind = 'primary' and e.valid_from <= ${d} and (e.valid_to is null or e.valid_to > ${d})
    and p.official_on is not null and p.official_on <= ${d}) < 3`;
