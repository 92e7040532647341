import { isCellKind } from '@dangvu/common';
import { uuidv7 } from '../../platform/ids.js';
import { onOrgEndedTransfers, type OrgEnding } from '../transfers/transfers.orgEnded.js';
import type { Trx } from './cadres.shared.js';

/** The restructuring that ends the organization: its kind, decision and who recorded it. */
export type EndingDecision = Omit<OrgEnding, 'orgId' | 'successorId' | 'date'>;

/**
 * What an organization's end (merger, split, dissolution) does to the cadre records, dated so
 * that the register still says what it said before `date`:
 * - its posts and its open committee term end on `date`;
 * - host units anchored to it get a new version anchored to the successor from `date`;
 * - host units its cell served are served by the successor from `date` when that is a cell,
 *   else they lose their cell link on `date`.
 * - open transfers whose route names it are handed to the successor, or refused when no one
 *   is left to take them (transfers/transfers.orgEnded.ts), with a step naming the decision.
 * Run inside the restructuring transaction, after the successor exists and the members moved.
 */
export async function onOrganizationEnded(trx: Trx, orgId: string, successorId: string | null, date: string, decision?: EndingDecision): Promise<void> {
  for (const t of ['party_post', 'civic_post'] as const)
    await trx
      .updateTable(t as 'party_post')
      .set((eb) => ({ valid_to: date, end_reason: 'Tổ chức kết thúc hoạt động', version: eb('version', '+', 1) }))
      .where('org_id', '=', orgId)
      .where('valid_to', 'is', null)
      .execute();
  await trx.updateTable('committee_term').set((eb) => ({ end_date: date, version: eb('version', '+', 1) })).where('org_id', '=', orgId).where('end_date', 'is', null).execute();

  if (successorId) {
    const units = await trx.selectFrom('host_unit').selectAll().where('org_id', '=', orgId).where('valid_to', 'is', null).orderBy('id').execute();
    for (const u of units) {
      const open = await trx.selectFrom('host_unit_version').selectAll().where('host_unit_id', '=', u.id).where('valid_to', 'is', null).executeTakeFirst();
      if (open && open.valid_from >= date) {
        // A version that starts on the day itself is re-anchored rather than left empty.
        await trx.updateTable('host_unit_version').set({ org_id: successorId }).where('id', '=', open.id).execute();
      } else {
        if (open) await trx.updateTable('host_unit_version').set({ valid_to: date }).where('id', '=', open.id).execute();
        else
          await trx
            .insertInto('host_unit_version')
            .values({ id: uuidv7(), host_unit_id: u.id, name: u.name, org_id: u.org_id, flags: u.flags, valid_from: u.valid_from, valid_to: date, event_id: null })
            .execute();
        await trx
          .insertInto('host_unit_version')
          .values({ id: uuidv7(), host_unit_id: u.id, name: open?.name ?? u.name, org_id: successorId, flags: open?.flags ?? u.flags, valid_from: date, valid_to: null, event_id: null })
          .execute();
      }
      await trx.updateTable('host_unit').set({ org_id: successorId, version: u.version + 1 }).where('id', '=', u.id).execute();
    }
  }

  const successor = successorId
    ? await trx.selectFrom('organization_version').select('kind').where('org_id', '=', successorId).where('valid_to', 'is', null).executeTakeFirst()
    : undefined;
  const links = await trx.selectFrom('host_unit_cell').selectAll().where('cell_org_id', '=', orgId).where('valid_to', 'is', null).orderBy('id').execute();
  for (const l of links) {
    if (l.valid_from >= date) await trx.deleteFrom('host_unit_cell').where('id', '=', l.id).execute();
    else await trx.updateTable('host_unit_cell').set({ valid_to: date }).where('id', '=', l.id).execute();
    if (successorId && successor && isCellKind(successor.kind))
      await trx.insertInto('host_unit_cell').values({ id: uuidv7(), host_unit_id: l.host_unit_id, cell_org_id: successorId, valid_from: date, valid_to: null }).execute();
  }

  // The restructuring services always name their decision; a caller without one still hands transfers on.
  const by: EndingDecision = decision ?? { kind: successorId ? 'sap_nhap' : 'giai_the', decisionNo: null, issuer: null, userId: null, username: null };
  await onOrgEndedTransfers(trx, { orgId, successorId, date, ...by });
}
