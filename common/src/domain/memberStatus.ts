/**
 * What can be recorded next on a member's ledger, read from the ledger's own transition table,
 * so the profile offers exactly the changes the server will accept.
 */
import { MEMBER_EVENT_KINDS, MEMBER_TRANSITIONS, type LedgerEvent, type MemberEventKind, type MemberState } from './memberLedger.js';

/** Events that place the member in a cell: the target cell must be named, never assumed. */
export const MEMBER_EVENTS_WITH_CELL = ['ket_nap', 'chuyen_den', 'chuyen_noi_bo', 'phuc_hoi'] as const satisfies readonly MemberEventKind[];
export const needsCell = (k: MemberEventKind): boolean => (MEMBER_EVENTS_WITH_CELL as readonly string[]).includes(k);

/** Moves between cells and organizations: recorded through the transfer workflow, not as a plain status change. */
export const TRANSFER_EVENT_KINDS = ['chuyen_den', 'chuyen_noi_bo', 'chuyen_di', 'tam_chuyen_di', 'tam_chuyen_ve'] as const satisfies readonly MemberEventKind[];

/**
 * Recorded only by a discipline decision (inspections module), which keeps the decision's id on
 * the event: an expulsion without its decision is what the audit found missing.
 */
export const DISCIPLINE_EVENT_KINDS = ['khai_tru'] as const satisfies readonly MemberEventKind[];
export const isDisciplineEvent = (k: MemberEventKind): boolean => (DISCIPLINE_EVENT_KINDS as readonly string[]).includes(k);

/**
 * Why the plain status change (POST /members/:id/events) refuses a kind that has its own
 * workflow; null when it may be recorded there. The message names the field and the way to do it.
 */
export function statusEventRefusal(kind: MemberEventKind): { code: string; message: string; field: 'kind' } | null {
  if (isDisciplineEvent(kind))
    return {
      code: 'EVENT_NEEDS_DISCIPLINE',
      field: 'kind',
      message:
        'Loại biến động: khai trừ chỉ được ghi qua quyết định kỷ luật (mục Kiểm tra, giám sát → Kỷ luật), để sự kiện gắn với số quyết định kỷ luật; không ghi trực tiếp ở đây.',
    };
  return null;
}

export type StatusState = Pick<MemberState, 'standing' | 'activity' | 'admittedOn' | 'officialOn' | 'orgId'>;

/** Every kind the transition table allows from this state (a cell is supposed chosen where one is needed). */
export function allowedEventKinds(state: StatusState): MemberEventKind[] {
  const s: MemberState = { ...state, episodes: [] };
  return MEMBER_EVENT_KINDS.filter((kind) => {
    const e: LedgerEvent = { id: '', kind, effectiveDate: '', orgId: needsCell(kind) || kind === 'tam_chuyen_di' ? '\u0000another-cell' : null };
    return MEMBER_TRANSITIONS[kind].every((check) => check(s, e) === null);
  });
}

/**
 * The status changes the profile offers: allowed now, neither an admission (its own process),
 * nor a transfer (the transfer workflow), nor an expulsion (a discipline decision). Non-members get none.
 */
export function statusChangeKinds(state: StatusState): MemberEventKind[] {
  if (state.standing === null) return [];
  return allowedEventKinds(state).filter((k) => k !== 'ket_nap' && !(TRANSFER_EVENT_KINDS as readonly string[]).includes(k) && !isDisciplineEvent(k));
}

/** The member could be expelled now (an active member), which the profile points to the discipline screen for. */
export const mayBeExpelled = (state: StatusState): boolean => allowedEventKinds(state).some(isDisciplineEvent);
