import { foldMemberEvents, needsCell, type LedgerEvent, type MemberEventKind, type MemberState } from '@dangvu/common';
import { onPostgres } from '../../db/sql.js';
import { type Transaction } from 'kysely';
import type { Database, EpisodeRow, MemberEventRow } from '../../db/schema.js';
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

/** Splits a list for `in (…)` lists and multi-row inserts, within both engines' parameter limits. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** New rows for one person's ledger and the fold they lead to; throws the ledger's refusal. */
function prepare(personId: string, existing: readonly MemberEventRow[], news: readonly NewMemberEvent[], recordedBy: string | null) {
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
    // A temporary transfer's org is its destination (a secondary episode), and events that place
    // the member somewhere must name the cell: neither is filled in from where the member is.
    org_id: n.kind === 'tam_chuyen_di' ? (n.orgId ?? null) : needsCell(n.kind) ? (place = n.orgId ?? null) : (place = n.orgId ?? place),
    data: n.data ? JSON.stringify(n.data) : null,
    seq: ++seq,
    recorded_by: recordedBy,
    recorded_at: nowIso(),
  }));
  if (last && rows[0] && rows[0].effective_date < last.effective_date) {
    throw unprocessable(
      'EVENT_BEFORE_LAST',
      // The ledger is append-only and has no correction event: say what can really be done.
      `Ngày hiệu lực: không được trước sự kiện gần nhất của đảng viên (${last.effective_date.split('-').reverse().join('/')}); lịch sử chỉ được ghi tiếp, không chèn vào giữa, không sửa hay xóa sự kiện đã ghi. Nếu sự kiện gần nhất ghi nhầm, hãy ghi tiếp biến động đưa đảng viên về đúng trạng thái (ví dụ "Trở về sinh hoạt" sau "Đi làm ăn xa" ghi nhầm) và nêu lý do trong phần ghi chú.`,
      'effectiveDate',
    );
  }
  const folded = foldMemberEvents([...existing, ...rows].map(toLedger));
  if (!folded.ok) {
    const v = folded.violation;
    throw new AppError(422, v.code, v.message, v.field);
  }
  return { rows, state: folded.state };
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
  const out = await appendMemberEventsBatch(trx, [{ personId, events: news }], recordedBy);
  return out.get(personId)!;
}

/**
 * The same for many people at once (a merger moves a whole cell): every ledger is read, folded
 * and checked before anything is written, then events and episodes go in a few multi-row
 * statements instead of several queries per person.
 */
export async function appendMemberEventsBatch(
  trx: Transaction<Database>,
  items: readonly { personId: string; events: readonly NewMemberEvent[] }[],
  recordedBy: string | null,
): Promise<Map<string, { state: MemberState; eventIds: string[] }>> {
  const ids = items.map((i) => i.personId);
  await lockPeople(trx, ids);
  const existing = new Map<string, MemberEventRow[]>(ids.map((id) => [id, []]));
  for (const part of chunks(ids, 500)) {
    const rows = await trx.selectFrom('member_event').selectAll().where('person_id', 'in', part).orderBy('person_id').orderBy('effective_date').orderBy('seq').execute();
    for (const r of rows) existing.get(r.person_id)!.push(r);
  }
  const out = new Map<string, { state: MemberState; eventIds: string[] }>();
  const allRows: MemberEventRow[] = [];
  for (const item of items) {
    const { rows, state } = prepare(item.personId, existing.get(item.personId)!, item.events, recordedBy);
    allRows.push(...rows);
    out.set(item.personId, { state, eventIds: rows.map((r) => r.id) });
  }
  for (const part of chunks(allRows, 200)) await trx.insertInto('member_event').values(part).execute();
  await syncEpisodes(trx, new Map([...out].map(([id, v]) => [id, v.state])));
  return out;
}

/**
 * Two transactions appending to one ledger must not both fold the same old events (PostgreSQL's
 * read committed would let both pass the transition table, then both insert). Locking the person
 * rows first makes the second wait and fold what the first wrote. Always in id order, so two
 * appends over overlapping people take their locks in the same order and do not deadlock each
 * other. SQLite has one writer: nothing to do.
 */
async function lockPeople(trx: Transaction<Database>, ids: readonly string[]) {
  if (!onPostgres(trx)) return;
  const sorted = [...new Set(ids)].sort();
  for (const part of chunks(sorted, 500)) await trx.selectFrom('person').select('id').where('id', 'in', part).orderBy('id').forUpdate().execute();
}

/** Bring stored episodes in line with the fold: insert new ones, close ones the fold closed. */
async function syncEpisodes(trx: Transaction<Database>, states: ReadonlyMap<string, MemberState>) {
  const byCause = new Map<string, { id: string; valid_to: string | null }>();
  for (const part of chunks([...states.keys()], 500)) {
    const stored = await trx.selectFrom('membership_episode').select(['id', 'cause_event_id', 'valid_to']).where('person_id', 'in', part).execute();
    for (const s of stored) if (s.cause_event_id) byCause.set(s.cause_event_id, s);
  }
  const inserts: EpisodeRow[] = [];
  for (const [personId, state] of states) {
    for (const ep of state.episodes) {
      const s = byCause.get(ep.causeEventId);
      if (!s) {
        inserts.push({
          id: uuidv7(),
          person_id: personId,
          org_id: ep.orgId,
          kind: ep.kind,
          valid_from: ep.validFrom,
          valid_to: ep.validTo,
          cause_event_id: ep.causeEventId,
          end_event_id: ep.endEventId,
        });
      } else if (s.valid_to !== ep.validTo) {
        await trx.updateTable('membership_episode').set({ valid_to: ep.validTo, end_event_id: ep.endEventId }).where('id', '=', s.id).execute();
      }
    }
  }
  for (const part of chunks(inserts, 300)) await trx.insertInto('membership_episode').values(part).execute();
}
