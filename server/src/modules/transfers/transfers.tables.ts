import type { Selectable } from 'kysely';

export interface TransferTable {
  id: string;
  kind: string;
  state: string;
  person_id: string;
  from_org_id: string | null;
  to_org_id: string | null;
  /** Destination outside the system, or the origin of a transfer in. */
  outside_org_name: string | null;
  base_org_id: string | null;
  upper_org_id: string | null;
  needs_upper: number;
  reason: string | null;
  proposed_on: string;
  expected_end: string | null;
  /**
   * Temporary transfers: cong_tac | hoc_tap (migration 013). Optional in this type because rows
   * written before the column (and the demo's completed temporary transfers) carry none.
   */
  purpose?: string | null;
  letter_no: string | null;
  letter_date: string | null;
  letter_issuer: string | null;
  receive_by: string | null;
  /** Transfer in: the dates the incoming letter certifies. */
  admitted_on: string | null;
  official_on: string | null;
  completed_on: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TransferStepTable {
  id: string;
  transfer_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  on_date: string;
  number: string | null;
  note: string | null;
  org_id: string | null;
  member_event_id: string | null;
  user_id: string | null;
  username: string | null;
  recorded_at: string;
}

/** Tables owned by the transfers module; merged into the Database interface in db/schema.ts. */
export interface TransfersTables {
  transfer: TransferTable;
  transfer_step: TransferStepTable;
}

export type TransferRow = Selectable<TransferTable>;
export type TransferStepRow = Selectable<TransferStepTable>;
