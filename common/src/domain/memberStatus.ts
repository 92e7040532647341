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
 * The status changes the profile offers: allowed now, neither an admission (its own process)
 * nor a transfer (the transfer workflow). Non-members get none.
 */
export function statusChangeKinds(state: StatusState): MemberEventKind[] {
  if (state.standing === null) return [];
  return allowedEventKinds(state).filter((k) => k !== 'ket_nap' && !(TRANSFER_EVENT_KINDS as readonly string[]).includes(k));
}
