import type { Selectable } from 'kysely';

/** A meeting; counts are derived from the attendance rows when `attendance_rows` = 1 (see migration 008). */
export interface MeetingTable {
  id: string;
  org_id: string;
  path: string;
  kind: string;
  month: string;
  state: string;
  title: string;
  agenda: string | null;
  location: string | null;
  planned_on: string;
  published_on: string | null;
  held_on: string | null;
  duration_minutes: number | null;
  chair_name: string | null;
  secretary_name: string | null;
  minutes: string | null;
  attendance_rows: number;
  attendance_recorded: number;
  n_members: number | null;
  n_present: number | null;
  n_excused: number | null;
  n_unexcused: number | null;
  n_exempt: number | null;
  n_exempt_present: number | null;
  n_guests: number | null;
  n_higher: number | null;
  score_rules: string;
  score_detail: string | null;
  score_total: number | null;
  score_class: string | null;
  revision: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  person_id: string;
  status: string;
  exempt: number;
  reason: string | null;
}

export interface MeetingGuestTable {
  id: string;
  meeting_id: string;
  kind: string;
  name: string;
  organization: string | null;
  post: string | null;
}

export interface MeetingDocumentTable {
  id: string;
  meeting_id: string;
  kind: string;
  name: string | null;
  mime_type: string | null;
  size: number | null;
  content: Buffer | null;
  ref_number: string | null;
  ref_title: string | null;
  created_by: string | null;
  created_at: string;
}

export interface MeetingStepTable {
  id: string;
  meeting_id: string;
  seq: number;
  action: string;
  revision: number;
  note: string | null;
  snapshot: string | null;
  user_id: string | null;
  username: string | null;
  recorded_at: string;
}

export interface MeetingRuleChoiceTable {
  id: string;
  org_id: string;
  valid_from: string;
  score_rules: string;
  rollup_rules: string;
  decision_no: string | null;
  created_by: string | null;
  created_at: string;
}

/** Tables owned by the meetings module; merged into the Database interface in db/schema.ts. */
export interface MeetingsTables {
  meeting: MeetingTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_guest: MeetingGuestTable;
  meeting_document: MeetingDocumentTable;
  meeting_step: MeetingStepTable;
  meeting_rule_choice: MeetingRuleChoiceTable;
}

export type MeetingRow = Selectable<MeetingTable>;
