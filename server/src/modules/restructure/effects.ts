import { OPEN_TRANSFER_STATES, type RestructureEffects } from '@dangvu/common';
import { onPostgres } from '../../db/sql.js';
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { minimalPrefixes, pathUpperBound, validOn } from '../../db/sql.js';
import { chunks } from '../members/ledger.repository.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { orgChanged } from '../organizations/organizations.service.js';
import { idsOfPath } from '../../platform/scope.js';

type Trx = Transaction<Database>;

/**
 * Where an operation can change things. Deep organizations change with their whole subtree
 * (moved, merged, split, dissolved): their sub-organizations and people are read. Shallow ones
 * are only named (a new parent, a merger's target, a renamed organization).
 */
export interface Footprint {
  deep: string[];
  shallow: string[];
}

interface Ver {
  version_id: string;
  org_id: string;
  code: string;
  name: string;
  kind: string;
  host_type: string;
  parent_id: string | null;
  path: string;
  depth: number;
}
interface PersonSnap {
  id: string;
  full_name: string;
  org_id: string;
  path: string;
  standing: string | null;
}
interface UnitSnap {
  id: string;
  name: string;
  kind: string;
  org_id: string;
  valid_to: string | null;
}
interface TransferSnap {
  id: string;
  state: string;
  from_org_id: string | null;
  to_org_id: string | null;
  base_org_id: string | null;
  upper_org_id: string | null;
}
interface PostSnap {
  id: string;
  person_id: string;
  org_id: string;
  title: string;
  valid_to: string | null;
}

export interface Snapshot {
  orgs: Map<string, Ver>;
  persons: Map<string, PersonSnap>;
  units: Map<string, UnitSnap>;
  posts: Map<string, PostSnap>;
  /** Open transfers whose route names an organization of the footprint. */
  transfers: Map<string, TransferSnap>;
}

const MEMBER_ITEMS = 200;
const TREE_NODES = 500;
const TREE_LEVELS = 2;

const currentVersions = (trx: Trx) =>
  trx
    .selectFrom('organization_version as v')
    .innerJoin('organization as o', 'o.id', 'v.org_id')
    .select(['v.id as version_id', 'v.org_id', 'o.code', 'v.name', 'v.kind', 'v.host_type', 'v.parent_id', 'v.path', 'v.depth'])
    .where('v.valid_to', 'is', null);

async function versionsOf(trx: Trx, ids: readonly string[]): Promise<Ver[]> {
  const out: Ver[] = [];
  for (const part of chunks([...new Set(ids)], 500)) out.push(...(await currentVersions(trx).where('v.org_id', 'in', part).execute()));
  return out;
}

async function unitsOf(trx: Trx, orgIds: readonly string[]): Promise<UnitSnap[]> {
  const out: UnitSnap[] = [];
  for (const part of chunks(orgIds, 500))
    out.push(...(await trx.selectFrom('host_unit').select(['id', 'name', 'kind', 'org_id', 'valid_to']).where('org_id', 'in', part).where('valid_to', 'is', null).execute()));
  return out;
}

async function postsOf(trx: Trx, orgIds: readonly string[]): Promise<PostSnap[]> {
  const out: PostSnap[] = [];
  for (const part of chunks(orgIds, 500))
    out.push(...(await trx.selectFrom('party_post').select(['id', 'person_id', 'org_id', 'title', 'valid_to']).where('org_id', 'in', part).where('valid_to', 'is', null).execute()));
  return out;
}

const TRANSFER_ROUTE = ['from_org_id', 'to_org_id', 'base_org_id', 'upper_org_id'] as const;

async function openTransfersOf(trx: Trx, orgIds: readonly string[]): Promise<TransferSnap[]> {
  const out = new Map<string, TransferSnap>();
  for (const part of chunks(orgIds, 500))
    for (const column of TRANSFER_ROUTE) {
      const rows = await trx
        .selectFrom('transfer')
        .select(['id', 'state', ...TRANSFER_ROUTE])
        .where(column, 'in', part)
        .where('state', 'in', [...OPEN_TRANSFER_STATES])
        .execute();
      for (const r of rows) out.set(r.id, r);
    }
  return [...out.values()];
}

/**
 * What an operation was read against: the open version of every organization in its footprint.
 * A preview hands it out; an apply carrying it answers 409 when any of them has changed since.
 */
export function basisOf(s: Snapshot): string {
  const versions = [...s.orgs.values()].map((v) => `${v.org_id}:${v.version_id}`).sort();
  return createHash('sha256').update(versions.join('\n')).digest('base64url');
}

/**
 * Refuses (409) an apply whose preview read other versions than are open now. On PostgreSQL the
 * versions read are locked first, so a change committing meanwhile cannot slip between this
 * check and the operation: the second of two applies waits, then finds them closed. SQLite has
 * one writer, so the snapshot it just read is the state the operation runs on.
 */
export async function checkBasis(trx: Trx, before: Snapshot, basis: string): Promise<void> {
  if (onPostgres(trx)) {
    const ids = [...before.orgs.values()].map((v) => v.version_id).sort();
    let open = 0;
    for (const part of chunks(ids, 500))
      open += (await trx.selectFrom('organization_version').select('id').where('id', 'in', part).where('valid_to', 'is', null).orderBy('id').forUpdate().execute()).length;
    if (open !== ids.length) throw orgChanged();
  }
  if (basis !== basisOf(before)) throw orgChanged();
}

/** The footprint's current rows, read inside the transaction before the operation runs. */
export async function snapshot(trx: Trx, fp: Footprint): Promise<Snapshot> {
  const roots = await versionsOf(trx, fp.deep);
  const prefixes = minimalPrefixes(roots.map((r) => r.path));
  const orgs = new Map<string, Ver>();
  const persons = new Map<string, PersonSnap>();
  for (const p of prefixes) {
    const sub = await currentVersions(trx).where('v.path', '>=', p).where('v.path', '<', pathUpperBound(p)).execute();
    for (const v of sub) orgs.set(v.org_id, v);
    const people = await trx
      .selectFrom('person')
      .select(['id', 'full_name', 'org_id', 'path', 'standing'])
      .where('path', '>=', p)
      .where('path', '<', pathUpperBound(p))
      .execute();
    for (const x of people) persons.set(x.id, x);
  }
  for (const v of await versionsOf(trx, fp.shallow.filter((id) => !orgs.has(id)))) orgs.set(v.org_id, v);
  const ids = [...orgs.keys()];
  return {
    orgs,
    persons,
    units: new Map((await unitsOf(trx, ids)).map((u) => [u.id, u])),
    posts: new Map((await postsOf(trx, ids)).map((p) => [p.id, p])),
    transfers: new Map((await openTransfersOf(trx, ids)).map((t) => [t.id, t])),
  };
}

/** Names of organizations as they read now, or as they last read for those that have ended. */
async function namesOf(trx: Trx, ids: readonly string[], known: Map<string, string>): Promise<Map<string, string>> {
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  for (const part of chunks(missing, 500)) {
    const rows = await trx.selectFrom('organization_version').select(['org_id', 'name', 'valid_from']).where('org_id', 'in', part).orderBy('valid_from').execute();
    for (const r of rows) known.set(r.org_id, r.name);
  }
  return known;
}


/** Compares the footprint after the operation with the snapshot before it, inside the same transaction. */
export async function diff(trx: Trx, before: Snapshot, eventIds: readonly string[], effectiveDate: string): Promise<RestructureEffects> {
  const createdIds = new Set<string>();
  for (const part of chunks(eventIds, 500)) {
    const rows = await trx.selectFrom('organization_version').select('org_id').distinct().where('event_id', 'in', part).execute();
    for (const r of rows) if (!before.orgs.has(r.org_id)) createdIds.add(r.org_id);
  }
  const after = new Map((await versionsOf(trx, [...before.orgs.keys(), ...createdIds])).map((v) => [v.org_id, v]));

  const names = new Map<string, string>();
  for (const v of [...before.orgs.values(), ...after.values()]) names.set(v.org_id, v.name);
  const ancestry = [...before.orgs.values(), ...after.values()].flatMap((v) => idsOfPath(v.path));
  await namesOf(trx, [...ancestry, ...[...before.persons.values()].map((p) => p.org_id)], names);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const side = (v: Ver | undefined) =>
    v
      ? {
          name: v.name,
          kind: v.kind,
          hostType: v.host_type,
          parentId: v.parent_id,
          parentName: nameOf(v.parent_id),
          path: idsOfPath(v.path)
            .map((id) => names.get(id) ?? '?')
            .join(' › '),
        }
      : null;

  const organizations: RestructureEffects['organizations'] = [];
  for (const id of [...before.orgs.keys(), ...createdIds]) {
    const b = before.orgs.get(id);
    const a = after.get(id);
    const change = !b ? 'created' : !a ? 'ended' : b.name !== a.name || b.kind !== a.kind || b.parent_id !== a.parent_id || b.path !== a.path || b.host_type !== a.host_type ? 'changed' : null;
    if (!change) continue;
    organizations.push({ orgId: id, code: (a ?? b)!.code, change, before: side(b), after: side(a) });
  }
  // Tree order: outer organizations first, then by name, so the list reads like the tree.
  organizations.sort((x, y) => ((x.after ?? x.before)!.path.split('›').length - (y.after ?? y.before)!.path.split('›').length) || (x.after ?? x.before)!.name.localeCompare((y.after ?? y.before)!.name, 'vi'));

  const movedItems: RestructureEffects['members']['items'] = [];
  let rehomed = 0;
  for (const part of chunks([...before.persons.keys()], 500)) {
    const rows = await trx.selectFrom('person').select(['id', 'org_id', 'path']).where('id', 'in', part).execute();
    for (const r of rows) {
      const b = before.persons.get(r.id)!;
      if (r.org_id !== b.org_id)
        movedItems.push({ personId: r.id, fullName: b.full_name, member: b.standing !== null, fromOrgId: b.org_id, fromName: nameOf(b.org_id), toOrgId: r.org_id, toName: null });
      else if (r.path !== b.path) rehomed++;
    }
  }
  await namesOf(trx, movedItems.map((m) => m.toOrgId), names);
  for (const m of movedItems) m.toName = nameOf(m.toOrgId);
  movedItems.sort((x, y) => x.fullName.localeCompare(y.fullName, 'vi') || x.personId.localeCompare(y.personId));

  const hostUnits: RestructureEffects['hostUnits'] = [];
  for (const part of chunks([...before.units.keys()], 500)) {
    const rows = await trx.selectFrom('host_unit').select(['id', 'org_id', 'valid_to']).where('id', 'in', part).execute();
    for (const r of rows) {
      const b = before.units.get(r.id)!;
      const ended = r.valid_to !== null;
      if (r.org_id === b.org_id && !ended) continue;
      hostUnits.push({ id: r.id, name: b.name, kind: b.kind, fromOrgId: b.org_id, fromName: nameOf(b.org_id), toOrgId: ended ? null : r.org_id, toName: ended ? null : nameOf(r.org_id) });
    }
  }
  await namesOf(trx, hostUnits.map((u) => u.toOrgId).filter((x): x is string => !!x), names);
  for (const u of hostUnits) u.toName = nameOf(u.toOrgId);
  hostUnits.sort((x, y) => x.name.localeCompare(y.name, 'vi'));

  const posts: RestructureEffects['posts'] = [];
  const personNames = new Map<string, string>();
  for (const part of chunks([...before.posts.keys()], 500)) {
    const rows = await trx.selectFrom('party_post').select(['id', 'valid_to']).where('id', 'in', part).execute();
    for (const r of rows) {
      const b = before.posts.get(r.id)!;
      if (r.valid_to !== null) posts.push({ id: r.id, personId: b.person_id, fullName: '', title: b.title, orgId: b.org_id, orgName: nameOf(b.org_id), endedOn: r.valid_to });
    }
  }
  for (const part of chunks([...new Set(posts.map((p) => p.personId))], 500))
    for (const r of await trx.selectFrom('person').select(['id', 'full_name']).where('id', 'in', part).execute()) personNames.set(r.id, r.full_name);
  for (const p of posts) p.fullName = personNames.get(p.personId) ?? '';
  posts.sort((x, y) => x.fullName.localeCompare(y.fullName, 'vi') || x.id.localeCompare(y.id));

  const transfers = { rerouted: 0, refused: 0 };
  for (const part of chunks([...before.transfers.keys()], 500))
    for (const r of await trx.selectFrom('transfer').select(['id', 'state', ...TRANSFER_ROUTE]).where('id', 'in', part).execute()) {
      const b = before.transfers.get(r.id)!;
      if (r.state === 'tu_choi' && b.state !== 'tu_choi') transfers.refused++;
      else if (TRANSFER_ROUTE.some((c) => r[c] !== b[c])) transfers.rerouted++;
    }

  return {
    effectiveDate,
    organizations,
    members: { moved: movedItems.length, rehomed, items: movedItems.slice(0, MEMBER_ITEMS) },
    hostUnits,
    posts,
    transfers,
    basis: basisOf(before),
    tree: await treeAfter(trx, organizations, effectiveDate),
  };
}

/**
 * The part of the tree the change touched, as it reads on the effective date: from the parents
 * of every changed organization, two levels down.
 */
async function treeAfter(trx: Trx, changed: RestructureEffects['organizations'], asOf: string): Promise<RestructureEffects['tree']> {
  const changedIds = new Set(changed.map((c) => c.orgId));
  const rootIds = new Set<string>();
  for (const c of changed) {
    const parent = c.after?.parentId ?? c.before?.parentId ?? null;
    rootIds.add(parent ?? c.orgId);
  }
  const roots: { path: string; depth: number }[] = [];
  for (const part of chunks([...rootIds], 500)) {
    const rows = await trx
      .selectFrom('organization_version as v')
      .select(['v.path', 'v.depth'])
      .where('v.org_id', 'in', part)
      .where((eb) => validOn(eb, 'v', asOf))
      .execute();
    roots.push(...rows);
  }
  const keep = minimalPrefixes(roots.map((r) => r.path));
  const nodes: RestructureEffects['tree']['nodes'] = [];
  let truncated = false;
  for (const prefix of keep) {
    const depth = roots.find((r) => r.path === prefix)!.depth;
    const rows = await trx
      .selectFrom('organization_version as v')
      .innerJoin('organization as o', 'o.id', 'v.org_id')
      .select(['v.org_id', 'o.code', 'v.name', 'v.kind', 'v.parent_id', 'v.depth'])
      .where((eb) => validOn(eb, 'v', asOf))
      .where('v.path', '>=', prefix)
      .where('v.path', '<', pathUpperBound(prefix))
      .where('v.depth', '<=', depth + TREE_LEVELS)
      .orderBy('v.depth')
      .orderBy(sql`v.name`)
      .limit(TREE_NODES - nodes.length + 1)
      .execute();
    if (nodes.length + rows.length > TREE_NODES) truncated = true;
    for (const r of rows.slice(0, TREE_NODES - nodes.length))
      nodes.push({ orgId: r.org_id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, depth: r.depth, memberCount: 0, changed: changedIds.has(r.org_id) });
    if (truncated) break;
  }
  const counts = await orgRepo.memberCountsOn(trx, nodes.map((n) => n.orgId), asOf);
  for (const n of nodes) n.memberCount = counts.get(n.orgId) ?? 0;
  return { asOf, truncated, nodes };
}
