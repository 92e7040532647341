import type { MemberState } from '@dangvu/common';
import type { Transaction } from 'kysely';
import type { Database, PersonUpdate } from '../../db/schema.js';
import { nowIso } from '../../platform/ids.js';
import { chunks } from './ledger.repository.js';

/** Writes the fold's current state onto the person row; the only writer of these columns. */
export async function applyDerivedState(trx: Transaction<Database>, personId: string, state: MemberState): Promise<void> {
  let placement = {};
  if (state.orgId) {
    const org = await trx
      .selectFrom('organization_version')
      .select('path')
      .where('org_id', '=', state.orgId)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (org) placement = { org_id: state.orgId, path: org.path };
  }
  await trx
    .updateTable('person')
    .set((eb) => ({
      standing: state.standing,
      activity: state.activity,
      admitted_on: state.admittedOn,
      official_on: state.officialOn,
      ...placement,
      version: eb('version', '+', 1),
      updated_at: nowIso(),
    }))
    .where('id', '=', personId)
    .execute();
}

/**
 * The same for many people. Only the columns whose value changes are written, and people with
 * the same changes (a cell moving together) share one statement, so a merger of thousands
 * costs a handful of updates.
 */
export async function applyDerivedStates(trx: Transaction<Database>, items: readonly { personId: string; state: MemberState }[]): Promise<void> {
  const orgIds = [...new Set(items.map((i) => i.state.orgId).filter((o): o is string => !!o))];
  const paths = new Map<string, string>();
  for (const part of chunks(orgIds, 500)) {
    const rows = await trx.selectFrom('organization_version').select(['org_id', 'path']).where('org_id', 'in', part).where('valid_to', 'is', null).execute();
    for (const r of rows) paths.set(r.org_id, r.path);
  }
  const current = new Map<string, Record<string, string | null>>();
  for (const part of chunks(items.map((i) => i.personId), 500)) {
    const rows = await trx.selectFrom('person').select(['id', 'standing', 'activity', 'admitted_on', 'official_on', 'org_id', 'path']).where('id', 'in', part).execute();
    for (const r of rows) current.set(r.id, r);
  }
  const groups = new Map<string, { set: PersonUpdate; ids: string[] }>();
  for (const { personId, state } of items) {
    const path = state.orgId ? paths.get(state.orgId) : undefined;
    const target: Record<string, string | null> = {
      standing: state.standing,
      activity: state.activity,
      admitted_on: state.admittedOn,
      official_on: state.officialOn,
      ...(state.orgId && path ? { org_id: state.orgId, path } : {}),
    };
    const now = current.get(personId) ?? {};
    const set = Object.fromEntries(Object.entries(target).filter(([k, v]) => now[k] !== v)) as PersonUpdate;
    const key = JSON.stringify(set);
    const g = groups.get(key) ?? { set, ids: [] };
    g.ids.push(personId);
    groups.set(key, g);
  }
  const at = nowIso();
  for (const g of groups.values())
    for (const part of chunks(g.ids, 500))
      await trx
        .updateTable('person')
        .set((eb) => ({ ...g.set, version: eb('version', '+', 1), updated_at: at }))
        .where('id', 'in', part)
        .execute();
}
