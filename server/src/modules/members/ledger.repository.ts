import { foldMemberEvents, type LedgerEvent, type MemberEventKind, type MemberState } from '@dangvu/common';
import type { Transaction } from 'kysely';
import type { Database, MemberEventRow } from '../../db/schema.js';
import { AppError, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';

export interface NewMemberEvent {
  kind: MemberEventKind;
  effectiveDate: string;
  decisionNo?: string | null;
  decisionDate?: string | null;
  issuer?: string | null;
  orgId?: string | null;
  data?: Record<string, unknown> | null;
}

function toLedger(r: MemberEventRow): LedgerEvent {
  const data = r.data ? (JSON.parse(r.data) as Record<string, unknown>) : {};
  return {
    id: r.id,
    kind: r.kind as MemberEventKind,
    effectiveDate: r.effective_date,
    orgId: r.org_id,
    admittedOn: (data.admittedOn as string | undefined) ?? null,
    officialOn: (data.officialOn as string | undefined) ?? null,
  };
}

export function eventsOf(trx: Transaction<Database>, personId: string) {
  return trx.selectFrom('member_event').selectAll().where('person_id', '=', personId).orderBy('effective_date').orderBy('seq').execute();
}

/**
 * Appends events to a person's ledger and re-derives everything that depends on it:
 * the current-state columns and the membership episodes. Runs inside the caller's
 * transaction so the audit row commits with it. Refusals throw before anything is written.
 */
export async function appendMemberEvents(
  trx: Transaction<Database>,
  personId: string,
  news: readonly NewMemberEvent[],
  recordedBy: string | null,
): Promise<{ state: MemberState; eventIds: string[] }> {
  const existing = await eventsOf(trx, personId);
  const last = existing[existing.length - 1];
  let seq = last ? last.seq : 0;
  // Every event records where it happened: events without a target take the member's cell then,
  // so "deaths in commune X in 2023" is a question about events, not about where people are now.
  const before = foldMemberEvents(existing.map(toLedger));
  let place = before.ok ? before.state.orgId : null;
  const rows: MemberEventRow[] = news.map((n) => ({
    id: uuidv7(),
    person_id: personId,
    kind: n.kind,
    effective_date: n.effectiveDate,
    decision_no: n.decisionNo ?? null,
    decision_date: n.decisionDate ?? null,
    issuer: n.issuer ?? null,
    // A temporary transfer's org is its destination (a secondary episode), never filled in.
    org_id: n.kind === 'tam_chuyen_di' ? (n.orgId ?? null) : (place = n.orgId ?? place),
    data: n.data ? JSON.stringify(n.data) : null,
    seq: ++seq,
    recorded_by: recordedBy,
    recorded_at: nowIso(),
  }));
  if (last && rows[0] && rows[0].effective_date < last.effective_date) {
    throw unprocessable(
      'EVENT_BEFORE_LAST',
      `Ngày hiệu lực không được trước sự kiện gần nhất của đảng viên (${last.effective_date.split('-').reverse().join('/')}). Muốn sửa lịch sử, hãy ghi sự kiện điều chỉnh.`,
      'effectiveDate',
    );
  }
  const folded = foldMemberEvents([...existing, ...rows].map(toLedger));
  if (!folded.ok) {
    const v = folded.violation;
    throw new AppError(422, v.code, v.message, v.field);
  }
  if (rows.length) await trx.insertInto('member_event').values(rows).execute();
  await syncEpisodes(trx, personId, folded.state);
  return { state: folded.state, eventIds: rows.map((r) => r.id) };
}

/** Bring stored episodes in line with the fold: insert new ones, close ones the fold closed. */
async function syncEpisodes(trx: Transaction<Database>, personId: string, state: MemberState) {
  const stored = await trx.selectFrom('membership_episode').selectAll().where('person_id', '=', personId).execute();
  const byCause = new Map(stored.map((s) => [s.cause_event_id, s]));
  for (const ep of state.episodes) {
    const s = byCause.get(ep.causeEventId);
    if (!s) {
      await trx
        .insertInto('membership_episode')
        .values({
          id: uuidv7(),
          person_id: personId,
          org_id: ep.orgId,
          kind: ep.kind,
          valid_from: ep.validFrom,
          valid_to: ep.validTo,
          cause_event_id: ep.causeEventId,
          end_event_id: ep.endEventId,
        })
        .execute();
    } else if (s.valid_to !== ep.validTo) {
      await trx.updateTable('membership_episode').set({ valid_to: ep.validTo, end_event_id: ep.endEventId }).where('id', '=', s.id).execute();
    }
  }
}
