import { formatDateVi, isCellKind, OPEN_TRANSFER_STATES, transferStep, type TransferActor } from '@dangvu/common';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { staleTransfer, shapeOf } from './transfers.service.js';
import { committeesOf, orgNames, orgsNow, type OrgNow } from './transfers.orgs.js';
import type { TransferRow } from './transfers.tables.js';

type Trx = Transaction<Database>;

/** A restructuring that ends an organization: what it was, its decision, and who recorded it. */
export interface OrgEnding {
  orgId: string;
  /** Merger target, or the first part of a split; null for a dissolution. */
  successorId: string | null;
  kind: 'sap_nhap' | 'chia_tach' | 'giai_the';
  date: string;
  decisionNo: string | null;
  decisionDate?: string | null;
  issuer: string | null;
  userId: string | null;
  username: string | null;
}

const COLUMN: Record<TransferActor, 'from_org_id' | 'to_org_id' | 'base_org_id' | 'upper_org_id'> = {
  from: 'from_org_id',
  to: 'to_org_id',
  base: 'base_org_id',
  upper: 'upper_org_id',
};
const ROLES = Object.keys(COLUMN) as TransferActor[];

const ROLE_WORDS: Record<TransferActor, string> = {
  from: 'chi bộ nơi đi',
  to: 'chi bộ nơi đến',
  base: 'đảng ủy cơ sở duyệt',
  upper: 'cấp ủy cấp trên duyệt',
};

const EVENT_WORDS: Record<OrgEnding['kind'], string> = { sap_nhap: 'Sáp nhập', chia_tach: 'Chia tách', giai_the: 'Giải thể' };

const decisionText = (e: OrgEnding) =>
  [
    EVENT_WORDS[e.kind],
    e.decisionNo ? ` theo Quyết định số ${e.decisionNo}` : '',
    e.decisionNo && e.decisionDate ? ` ngày ${formatDateVi(e.decisionDate)}` : '',
    e.decisionNo && e.issuer ? ` của ${e.issuer}` : '',
    `, có hiệu lực từ ${formatDateVi(e.date)}`,
  ].join('');

/**
 * Open transfers whose route names an organization that a restructuring ends. Without this,
 * every step (refusal included) asks for the scope of an organization that no longer exists:
 * 403 for everyone, and the open transfer blocks any new one for the member.
 *
 * Each such transfer gets, in the restructuring's transaction (its audit row covers it):
 * - the organization that now holds each role: the member's cell after the move for the
 *   sending cell, the successor for the receiving cell, and for the approving committees the
 *   ones above the sending cell in the tree as it now stands (else the successor);
 * - a dated `sap_xep` step naming the decision and what changed;
 * - or, where a role has no one left to hold it (a dissolved destination, a destination merged
 *   into the sending cell), a refusal (`tu_choi`) giving that reason.
 * The approval chain itself (which steps, whether the upper committee signs) stays as proposed.
 * A temporary transfer already in effect cannot be refused; what can be handed on is, and its
 * return is taken by the home cell as before.
 */
export async function onOrgEndedTransfers(trx: Trx, e: OrgEnding): Promise<void> {
  const open = await trx
    .selectFrom('transfer')
    .selectAll()
    .where('state', 'in', [...OPEN_TRANSFER_STATES])
    .where((eb) => eb.or(ROLES.map((r) => eb(COLUMN[r], '=', e.orgId))))
    .orderBy('id')
    .execute();
  if (!open.length) return;
  // The ended organization may still read as current here (a merger closes its version last).
  const current = async (id: string | null): Promise<OrgNow | undefined> => (id && id !== e.orgId ? (await orgsNow(trx, [id])).get(id) : undefined);
  const successor = await current(e.successorId);

  for (const t of open) {
    const next: Record<TransferActor, string | null> = { from: t.from_org_id, to: t.to_org_id, base: t.base_org_id, upper: t.upper_org_id };
    const lost: string[] = [];

    if (t.from_org_id === e.orgId) {
      // The restructuring has already moved the member: their cell now is the sending cell.
      const person = await trx.selectFrom('person').select('org_id').where('id', '=', t.person_id).executeTakeFirstOrThrow();
      const cell = [await current(person.org_id), successor].find((o) => o && isCellKind(o.kind));
      if (cell) next.from = cell.id;
      else lost.push(`${ROLE_WORDS.from} không còn chi bộ kế thừa`);
    }
    if (t.to_org_id === e.orgId) {
      if (successor && isCellKind(successor.kind)) next.to = successor.id;
      else lost.push(e.kind === 'giai_the' ? `${ROLE_WORDS.to} đã giải thể` : `${ROLE_WORDS.to} không còn chi bộ kế thừa`);
    }
    if (t.base_org_id === e.orgId || t.upper_org_id === e.orgId) {
      const fromCell = await current(next.from);
      const now = fromCell ? await committeesOf(trx, fromCell) : null;
      for (const role of ['base', 'upper'] as const) {
        if (t[COLUMN[role]] !== e.orgId) continue;
        const holder = now && now[role].id !== e.orgId ? now[role] : successor;
        if (holder) next[role] = holder.id;
        else lost.push(`${ROLE_WORDS[role]} đã giải thể, không có tổ chức kế thừa`);
      }
    }
    if (next.from && next.from === next.to) lost.push('sau sắp xếp, chi bộ nơi đi và chi bộ nơi đến là một');

    const refuse = lost.length > 0 && transferStep(shapeOf(t), 'tu_choi').ok;
    const changed = ROLES.filter((r) => next[r] !== t[COLUMN[r]] && next[r] !== null);
    if (!refuse && !changed.length) continue;
    await record(trx, e, t, refuse ? { refuse: lost } : { next, changed });
  }
}

async function record(trx: Trx, e: OrgEnding, t: TransferRow, what: { refuse: string[] } | { next: Record<TransferActor, string | null>; changed: TransferActor[] }) {
  const last = await trx.selectFrom('transfer_step').select(['seq', 'on_date']).where('transfer_id', '=', t.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  // Steps stay in date order: a decision recorded late is dated on the day it reaches the transfer.
  const onDate = e.date > last.on_date ? e.date : last.on_date;
  let note: string;
  let set: Partial<TransferRow>;
  let stepOrg: string;
  if ('refuse' in what) {
    note = `Tự động từ chối do sắp xếp tổ chức: ${what.refuse.join('; ')}. ${decisionText(e)}.`;
    set = { state: 'tu_choi', completed_on: onDate };
    stepOrg = e.orgId;
  } else {
    const names = await orgNames(trx, what.changed.flatMap((r) => [t[COLUMN[r]], what.next[r]]));
    const name = (id: string | null) => (id ? (names.get(id) ?? id) : '');
    note = `${decisionText(e)}: ${what.changed.map((r) => `${ROLE_WORDS[r]} ${name(t[COLUMN[r]])} → ${name(what.next[r])}`).join('; ')}.`;
    set = Object.fromEntries(what.changed.map((r) => [COLUMN[r], what.next[r]]));
    stepOrg = what.next[what.changed[0]!]!;
  }
  const now = nowIso();
  const claimed = await trx
    .updateTable('transfer')
    .set({ ...set, version: t.version + 1, updated_at: now })
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .executeTakeFirst();
  // Someone took a step on it while the restructuring ran (PostgreSQL): the restructuring gives way.
  if (Number(claimed.numUpdatedRows) !== 1) throw staleTransfer();
  await trx
    .insertInto('transfer_step')
    .values({
      id: uuidv7(),
      transfer_id: t.id,
      seq: last.seq + 1,
      action: 'refuse' in what ? 'tu_choi' : 'sap_xep',
      from_state: t.state,
      to_state: 'refuse' in what ? 'tu_choi' : t.state,
      on_date: onDate,
      number: e.decisionNo,
      note,
      org_id: stepOrg,
      member_event_id: null,
      user_id: e.userId,
      username: e.username,
      recorded_at: now,
    })
    .execute();
}
