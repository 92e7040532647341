import type { MemberState } from '@dangvu/common';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../platform/ids.js';

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
