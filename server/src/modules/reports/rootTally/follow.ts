import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { insertRows } from '../../../db/insertRows.js';
import { codeOf, codeValues, loadCodes, vecWidth, type ValueCodes } from '../cellTally/codes.js';
import { chunksOf, inChunks } from '../tallyKit.js';
import { decodeVec, DeltaLine, encodeVec } from './line.js';
import { placeSpans, type CellRow, type Placement } from './place.js';
import { rootIdOfPath } from '../../../platform/scope.js';

type Trx = Transaction<Database>;
type StoredPlacement = Database['cell_placement'];
type StoredCellRow = CellRow & { org_id: string };

/** Past this many stale cells a refresh builds the roots they touch whole instead of patching them. */
export const WHOLE_BUILD_FROM = 3000;


function byOrg<T extends { org_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.org_id);
    if (list) list.push(r);
    else out.set(r.org_id, [r]);
  }
  return out;
}

async function codePlacements(trx: Trx, codes: ValueCodes, rows: readonly StoredPlacement[]): Promise<void> {
  await codeValues(trx, codes, rows.flatMap((r) => [['kind', r.kind] as const, ['host', r.host_type] as const]));
}

const asPlacements = (codes: ValueCodes, rows: readonly StoredPlacement[]): Placement[] =>
  [...rows]
    .sort((a, b) => (a.valid_from < b.valid_from ? -1 : 1))
    .map((r) => ({ from: r.valid_from, to: r.valid_to, root: r.root_id, extra: [codeOf(codes, 'kind', r.kind), codeOf(codes, 'host', r.host_type)] }));

const byStart = (a: CellRow, b: CellRow) => (a.valid_from < b.valid_from ? -1 : 1);

/** Adds `sign` × each cell's placed spans to its roots' lines. */
function addCells(lines: Map<string, DeltaLine>, codes: ValueCodes, rows: readonly StoredCellRow[], places: readonly StoredPlacement[], sign: 1 | -1, only?: string): void {
  const width = vecWidth(codes);
  const placesOf = byOrg(places);
  for (const [orgId, cellRows] of byOrg(rows)) {
    const placed = placeSpans([...cellRows].sort(byStart), asPlacements(codes, placesOf.get(orgId) ?? []), width);
    for (const [root, spans] of placed) {
      if (only !== undefined && root !== only) continue;
      let line = lines.get(root);
      if (!line) lines.set(root, (line = new DeltaLine()));
      line.addSpans(spans, sign);
    }
  }
}

const readCellRows = (trx: Trx, orgIds: readonly string[]) =>
  inChunks(orgIds, (c) => trx.selectFrom('cell_tally').select(['org_id', 'valid_from', 'valid_to', 'total', 'full_members', 'counts']).where('org_id', 'in', c).execute());
const readPlacements = (trx: Trx, orgIds: readonly string[]) => inChunks(orgIds, (c) => trx.selectFrom('cell_placement').selectAll().where('org_id', 'in', c).execute());

/** The placements the organizations' versions give now. */
async function currentPlacements(trx: Trx, orgIds: readonly string[]): Promise<StoredPlacement[]> {
  const versions = await inChunks(orgIds, (c) =>
    trx.selectFrom('organization_version').select(['org_id', 'valid_from', 'valid_to', 'path', 'kind', 'host_type']).where('org_id', 'in', c).execute(),
  );
  return versions
    .filter((v) => v.valid_to === null || v.valid_to > v.valid_from)
    .map((v) => ({ org_id: v.org_id, valid_from: v.valid_from, valid_to: v.valid_to, root_id: rootIdOfPath(v.path), kind: v.kind, host_type: v.host_type }));
}

/** Rewrites the root's spans from the line's first change on, with the line added. */
async function patchRoot(trx: Trx, root: string, change: DeltaLine, width: number): Promise<void> {
  const first = change.firstChange();
  if (first === null) return;
  const stored = await trx
    .selectFrom('root_tally')
    .select(['valid_from', 'valid_to', 'total', 'full_members', 'counts'])
    .where('org_id', '=', root)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', first)]))
    .orderBy('valid_from')
    .execute();
  const line = new DeltaLine();
  line.addSpans(stored.map((r) => ({ from: r.valid_from, to: r.valid_to, v: decodeVec(Number(r.total), Number(r.full_members), r.counts, width) })), 1);
  // The change comes after the stored spans, so one sum gives the new spans from the earlier start.
  line.merge(change);
  await trx
    .deleteFrom('root_tally')
    .where('org_id', '=', root)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', first)]))
    .execute();
  await insertRows(trx, 'root_tally', line.spans().map((s) => ({ org_id: root, valid_from: s.from, valid_to: s.to, ...encodeVec(s.v) })));
}

/** Builds the root's spans whole from the tallies of every cell ever placed in it. */
async function buildRoot(trx: Trx, root: string, codes: ValueCodes): Promise<void> {
  await trx.deleteFrom('root_tally').where('org_id', '=', root).execute();
  const cells = (await trx.selectFrom('cell_placement').select('org_id').distinct().where('root_id', '=', root).execute()).map((r) => r.org_id);
  const lines = new Map<string, DeltaLine>();
  for (const chunk of chunksOf(cells)) {
    const places = await trx.selectFrom('cell_placement').selectAll().where('org_id', 'in', chunk).where('root_id', '=', root).execute();
    await codePlacements(trx, codes, places);
    addCells(lines, codes, await readCellRows(trx, chunk), places, 1, root);
  }
  const spans = lines.get(root)?.spans() ?? [];
  await insertRows(trx, 'root_tally', spans.map((s) => ({ org_id: root, valid_from: s.from, valid_to: s.to, ...encodeVec(s.v) })));
}

/**
 * Keeps the roots' tallies in step with a refresh of cell tallies, inside its transaction:
 * before a batch of cells is rebuilt, `before` reads what they added to their roots; after,
 * `after` places the new spans. `finish` then patches each root from the first day that
 * changed, or, for a refresh of thousands of cells (the demo generator, a province's
 * restructuring), builds the roots they touch whole.
 */
export async function followRoots(trx: Trx, wholeBuildFrom = WHOLE_BUILD_FROM) {
  const stale = Number((await trx.selectFrom('cell_tally_stale').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const whole = stale >= wholeBuildFrom;
  const codes = await loadCodes(trx);
  const lines = new Map<string, DeltaLine>();
  const touched = new Set<string>();
  return {
    /** The value codes the cell rebuilds share, so each new value gets one code. */
    codes,
    async before(orgIds: readonly string[]) {
      const places = await readPlacements(trx, orgIds);
      if (whole) {
        for (const p of places) touched.add(p.root_id);
        return;
      }
      await codePlacements(trx, codes, places);
      addCells(lines, codes, await readCellRows(trx, orgIds), places, -1);
    },
    async after(orgIds: readonly string[], rows: readonly StoredCellRow[]) {
      const places = await currentPlacements(trx, orgIds);
      for (const c of chunksOf(orgIds)) await trx.deleteFrom('cell_placement').where('org_id', 'in', c).execute();
      await insertRows(trx, 'cell_placement', places);
      if (whole) {
        for (const p of places) touched.add(p.root_id);
        return;
      }
      await codePlacements(trx, codes, places);
      addCells(lines, codes, rows, places, 1);
    },
    async finish() {
      for (const r of await trx.selectFrom('root_tally_rebuild').select('org_id').execute()) touched.add(r.org_id);
      await trx.deleteFrom('root_tally_rebuild').execute();
      for (const [root, line] of lines) if (!touched.has(root)) await patchRoot(trx, root, line, vecWidth(codes));
      for (const root of [...touched].sort()) await buildRoot(trx, root, codes);
    },
  };
}
