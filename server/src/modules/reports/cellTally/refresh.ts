import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { loadTalliedPeople } from './people.js';
import { insertRows } from '../../../db/insertRows.js';
import { chunksOf, inChunks, lockRebuild } from '../tallyKit.js';
import { codeValues, encodeCounts, loadCodes, type ValueCodes } from './codes.js';
import { followRoots } from '../rootTally/follow.js';
import { cellTimeline, type CellEpisode } from './timeline.js';

type Q = Kysely<Database> | Transaction<Database>;

const BATCH = 400;

/** Rebuilds these cells' tallies from their records (episodes, people, theory results), and gives the new rows. */
export async function rebuildCells(trx: Q, orgIds: readonly string[], codes?: ValueCodes): Promise<Database['cell_tally'][]> {
  const episodes = await inChunks(orgIds, (chunk) =>
    trx.selectFrom('membership_episode').select(['org_id', 'person_id', 'valid_from', 'valid_to']).where('kind', '=', 'primary').where('org_id', 'in', chunk).execute(),
  );
  const personIds = [...new Set(episodes.map((e) => e.person_id))];
  const { people, raises } = await loadTalliedPeople(trx, personIds);
  const byOrg = new Map<string, CellEpisode[]>(orgIds.map((id) => [id, []]));
  for (const e of episodes) byOrg.get(e.org_id)!.push({ personId: e.person_id, from: e.valid_from, to: e.valid_to });
  const timelines = [...byOrg].map(([orgId, eps]) => [orgId, cellTimeline(eps, people, raises)] as const);
  codes ??= await loadCodes(trx);
  await codeValues(trx, codes, timelines.flatMap(([, vs]) => vs.flatMap((v) => v.entries)));
  const rows = timelines.flatMap(([orgId, vs]) =>
    vs.map((v) => ({ org_id: orgId, valid_from: v.from, valid_to: v.to, total: v.total, full_members: v.full, counts: encodeCounts(codes, v.entries) })),
  );
  for (const c of chunksOf(orgIds)) await trx.deleteFrom('cell_tally').where('org_id', 'in', c).execute();
  await insertRows(trx, 'cell_tally', rows);
  return rows;
}

/**
 * Brings every stale cell up to date before a read. The triggers that mark cells stale run in
 * the transactions that change the records, so after this the tallies answer exactly as the
 * records would. On PostgreSQL one reader rebuilds at a time; the others wait for it.
 */
export async function refreshCellTallies(db: Kysely<Database>, opts: { wholeBuildFrom?: number } = {}): Promise<number> {
  const stale = await db.selectFrom('cell_tally_stale').select('org_id').limit(1).executeTakeFirst();
  const rootsToBuild = await db.selectFrom('root_tally_rebuild').select('org_id').limit(1).executeTakeFirst();
  if (!stale && !rootsToBuild) return 0;
  return db.transaction().execute(async (trx) => {
    await lockRebuild(trx, 'cell_tally_refresh');
    const roots = await followRoots(trx, opts.wholeBuildFrom);
    let done = 0;
    for (;;) {
      const batch = (await trx.selectFrom('cell_tally_stale').select('org_id').orderBy('org_id').limit(BATCH).execute()).map((r) => r.org_id);
      if (!batch.length) break;
      await trx.deleteFrom('cell_tally_stale').where('org_id', 'in', batch).execute();
      await roots.before(batch);
      await roots.after(batch, await rebuildCells(trx, batch, roots.codes));
      done += batch.length;
    }
    await roots.finish();
    return done;
  });
}
