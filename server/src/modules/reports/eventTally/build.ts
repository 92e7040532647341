import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertRows } from '../../../db/insertRows.js';
import { rootOfPath } from '../../../db/sql.js';
import { loadTalliedPeople } from '../cellTally/people.js';
import { codeValues, encodeCounts, loadCodes, type ValueCodes } from '../cellTally/codes.js';
import { FLOW_KINDS } from '../flows.js';
import { chunksOf, lockRebuild } from '../tallyKit.js';
import { eventStateOn } from './eventState.js';

type Trx = Transaction<Database>;

/** Past this many stale days a refresh recounts every day from the first of them. */
const MANY_DAYS = 1500;

interface Bucket {
  day: string;
  root_id: string;
  kind: string;
  src_root: string;
  n: number;
  /** Each breakdown value and its count, by `valueKey`. */
  values: Map<string, [dim: string, val: string, n: number]>;
}

const valueKey = (dim: string, val: string) => `${dim}\u0000${val}`;

/**
 * The events of the kinds the flows count, each with the root of its cell on its day and, for
 * a move inside the system, the root the member came from: the root of the cell version
 * holding the day before, of the primary episode the move ended (as `cameFromInside` reads it).
 */
function placedEvents(trx: Trx) {
  const src = sql<string>`(select ${rootOfPath(trx, 'v2.path')} from membership_episode e2 join organization_version v2 on v2.org_id = e2.org_id
    where e2.person_id = me.person_id and e2.kind = 'primary' and e2.valid_to = me.effective_date
      and v2.valid_from < me.effective_date and (v2.valid_to is null or v2.valid_to >= me.effective_date)
    order by 1 limit 1)`;
  return trx
    .selectFrom('member_event as me')
    .innerJoin('organization_version as v', (j) =>
      j.onRef('v.org_id', '=', 'me.org_id').on(sql<SqlBool>`v.valid_from <= me.effective_date and (v.valid_to is null or v.valid_to > me.effective_date)`),
    )
    .select(['me.person_id', 'me.kind', 'me.effective_date as day', rootOfPath(trx, 'v.path').as('root_id'), sql<string>`case when me.kind = 'chuyen_noi_bo' then coalesce(${src}, '') else '' end`.as('src_root')])
    .where('me.kind', 'in', FLOW_KINDS);
}
type PlacedEvent = Awaited<ReturnType<ReturnType<typeof placedEvents>['execute']>>[number];

/** Counts the events into buckets by day, root, kind and source root, and stores them. */
async function store(trx: Trx, codes: ValueCodes, events: readonly PlacedEvent[]): Promise<void> {
  if (!events.length) return;
  const { people, raises } = await loadTalliedPeople(trx, [...new Set(events.map((e) => e.person_id))]);
  const buckets = new Map<string, Bucket>();
  for (const e of events) {
    const p = people.get(e.person_id)!;
    const key = `${e.day}\u0000${e.root_id}\u0000${e.kind}\u0000${e.src_root}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { day: e.day, root_id: e.root_id, kind: e.kind, src_root: e.src_root, n: 0, values: new Map() }));
    b.n++;
    for (const [dim, val] of Object.entries(eventStateOn(p, raises.get(e.person_id) ?? [], e.kind, e.day))) {
      const k = valueKey(dim, val);
      const v = b.values.get(k);
      if (v) v[2]++;
      else b.values.set(k, [dim, val, 1]);
    }
  }
  await codeValues(trx, codes, [...buckets.values()].flatMap((b) => [...b.values.values()]));
  await insertRows(
    trx,
    'event_tally',
    [...buckets.values()].map((b) => ({
      day: b.day,
      root_id: b.root_id,
      kind: b.kind,
      src_root: b.src_root,
      n: b.n,
      counts: encodeCounts(codes, [...b.values.values()]),
    })),
  );
}

const nextMonth = (d: string) => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${d.slice(0, 4)}-${String(m + 1).padStart(2, '0')}-01`;
};

/** Recounts every day from `from` on, a month at a time. */
async function recountFrom(trx: Trx, codes: ValueCodes, from: string): Promise<void> {
  await trx.deleteFrom('event_tally').where('day', '>=', from).execute();
  // The first event from `from` on, kind by kind through the (kind, date) index.
  let first: string | null = null;
  let last: string | null = null;
  for (const kind of FLOW_KINDS) {
    const r = await trx
      .selectFrom('member_event')
      .select((eb) => [eb.fn.min('effective_date').as('lo'), eb.fn.max('effective_date').as('hi')])
      .where('kind', '=', kind)
      .where('effective_date', '>=', from)
      .executeTakeFirst();
    if (r?.lo && (first === null || String(r.lo) < first)) first = String(r.lo);
    if (r?.hi && (last === null || String(r.hi) > last)) last = String(r.hi);
  }
  if (first === null || last === null) return;
  for (let lo = first; lo <= last; lo = nextMonth(lo)) {
    const hi = nextMonth(lo);
    await store(trx, codes, await placedEvents(trx).where('me.effective_date', '>=', lo).where('me.effective_date', '<', hi).execute());
  }
}

/**
 * Brings the event tallies up to date before a read: the days triggers marked in the writing
 * transactions are counted again from the records. On PostgreSQL one reader does it at a
 * time; the others wait, then find nothing left.
 */
export async function refreshEventTallies(db: Kysely<Database>): Promise<void> {
  const day = await db.selectFrom('event_tally_stale').select('day').limit(1).executeTakeFirst();
  const from = await db.selectFrom('event_tally_stale_from').select('day').limit(1).executeTakeFirst();
  if (!day && !from) return;
  await db.transaction().execute(async (trx) => {
    await lockRebuild(trx, 'event_tally_refresh');
    const froms = (await trx.selectFrom('event_tally_stale_from').select('day').execute()).map((r) => String(r.day));
    const days = (await trx.selectFrom('event_tally_stale').select('day').execute()).map((r) => String(r.day)).sort();
    let onward = froms.length ? froms.reduce((a, b) => (a < b ? a : b)) : null;
    if (days.length > MANY_DAYS && (onward === null || days[0]! < onward)) onward = days[0]!;
    const codes = await loadCodes(trx);
    if (onward !== null) await recountFrom(trx, codes, onward);
    for (const chunk of chunksOf(days.filter((d) => onward === null || d < onward))) {
      await trx.deleteFrom('event_tally').where('day', 'in', chunk).execute();
      await store(trx, codes, await placedEvents(trx).where('me.effective_date', 'in', chunk).execute());
    }
    for (const chunk of chunksOf(froms)) await trx.deleteFrom('event_tally_stale_from').where('day', 'in', chunk).execute();
    for (const chunk of chunksOf(days)) await trx.deleteFrom('event_tally_stale').where('day', 'in', chunk).execute();
  });
}
