import type { PartyPeriod } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

const STARTS = new Set(['ket_nap', 'chuyen_den', 'phuc_hoi']);
const ENDS = new Set(['xoa_ten', 'khai_tru', 'khong_cong_nhan']);

/**
 * Periods inside the Party, from the member ledger, for party-age milestones.
 *
 * What is implemented: party age runs from the first admission (kết nạp, or the admission date a
 * transfer-in letter certifies) and every period between leaving the Party (xóa tên, khai trừ,
 * không công nhận chính thức) and "phục hồi, kết nạp lại" is subtracted, as for a readmission.
 * The ledger has one event for both restoration (phục hồi đảng tịch after an annulled decision,
 * where party age would run on without a gap) and readmission; until it tells them apart the
 * gap is always subtracted, which can only make a badge later, never early.
 * Transfers out of the province (chuyển đi) do not interrupt party age.
 */
export function periodsFromLedger(events: readonly { kind: string; effective_date: string; data: string | null }[], admittedOn: string | null): PartyPeriod[] {
  const out: PartyPeriod[] = [];
  let open: PartyPeriod | null = null;
  for (const e of events) {
    if (STARTS.has(e.kind) && !open) {
      let from = e.effective_date;
      if (e.kind === 'chuyen_den') {
        const certified = e.data ? (JSON.parse(e.data) as { admittedOn?: string }).admittedOn : undefined;
        from = certified ?? admittedOn ?? from;
      }
      open = { from, to: null };
      out.push(open);
    } else if (ENDS.has(e.kind) && open) {
      open.to = e.effective_date;
      open = null;
    }
  }
  if (out.length === 0 && admittedOn) out.push({ from: admittedOn, to: null });
  return out;
}

/** Party periods of several people: one admission period for most, the ledger for the readmitted. */
export async function partyPeriods(
  db: Kysely<Database>,
  people: readonly { id: string; admitted_on: string | null }[],
  readmitted: ReadonlySet<string>,
): Promise<Map<string, PartyPeriod[]>> {
  const out = new Map<string, PartyPeriod[]>();
  for (const p of people) if (p.admitted_on && !readmitted.has(p.id)) out.set(p.id, [{ from: p.admitted_on, to: null }]);
  const ledgerIds = people.filter((p) => readmitted.has(p.id)).map((p) => p.id);
  for (let i = 0; i < ledgerIds.length; i += 500) {
    const events = await db
      .selectFrom('member_event')
      .select(['person_id', 'kind', 'effective_date', 'data'])
      .where('person_id', 'in', ledgerIds.slice(i, i + 500))
      .orderBy('person_id')
      .orderBy('effective_date')
      .orderBy('seq')
      .execute();
    const byPerson = new Map<string, typeof events>();
    for (const e of events) byPerson.set(e.person_id, [...(byPerson.get(e.person_id) ?? []), e]);
    for (const id of ledgerIds.slice(i, i + 500)) {
      const admitted = people.find((p) => p.id === id)?.admitted_on ?? null;
      out.set(id, periodsFromLedger(byPerson.get(id) ?? [], admitted));
    }
  }
  return out;
}
