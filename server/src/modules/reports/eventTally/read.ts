import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { addCounts, loadCodes } from '../cellTally/codes.js';
import type { EventDim } from '../dimensions.js';
import { isInsideFlow, type Flow } from '../flows.js';
import type { Tally } from '../populations.js';
import { refreshEventTallies } from './build.js';

type Q = Kysely<Database>;

const emptyTally = (dims: readonly string[]): Tally => ({ total: 0, by: Object.fromEntries(dims.map((d) => [d, {}])) });

/**
 * The events of some flows in a window over whole roots, from the event tallies: the same
 * figures as the grouped passes over the records (`tallyEvents`), read as a row per day, root
 * and kind. A move inside the system arrives when its cell's root is in the set and the root
 * it came from is not, and leaves the other way round.
 */
export async function eventTalliesIn(db: Q, flows: readonly Flow[], from: string, to: string, roots: readonly string[], dims: readonly EventDim[]): Promise<Tally & { byFlow: Record<string, Tally> }> {
  await refreshEventTallies(db);
  const plain = flows.filter((f) => !isInsideFlow(f));
  const inside = plain.length < flows.length;
  const rows = await db
    .selectFrom('event_tally')
    .select(['root_id', 'kind', 'src_root', 'n', 'counts'])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where((eb) =>
      eb.or([
        ...(plain.length ? [eb.and([eb('kind', 'in', plain), eb('root_id', 'in', roots)])] : []),
        ...(inside ? [eb.and([eb('kind', '=', 'chuyen_noi_bo'), eb.or([eb('root_id', 'in', roots), eb('src_root', 'in', roots)])])] : []),
      ]),
    )
    .execute();
  const inSet = new Set(roots);
  const wanted = new Set<string>(dims);
  const codes = dims.length ? await loadCodes(db) : null;
  const all = emptyTally(dims);
  const byFlow: Record<string, Tally> = Object.fromEntries(flows.map((f) => [f, emptyTally(dims)]));
  for (const r of rows) {
    let flow: string = r.kind;
    if (r.kind === 'chuyen_noi_bo') {
      const nowIn = inSet.has(r.root_id);
      const cameIn = inSet.has(r.src_root);
      flow = nowIn && !cameIn ? 'noi_bo_den' : cameIn && !nowIn ? 'noi_bo_di' : '';
    }
    const f = byFlow[flow];
    if (!f) continue;
    const n = Number(r.n);
    all.total += n;
    f.total += n;
    if (!codes) continue;
    addCounts(codes, r.counts, wanted, all.by);
    addCounts(codes, r.counts, wanted, f.by);
  }
  return { ...all, byFlow };
}
