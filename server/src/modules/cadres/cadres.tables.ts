import type { PartyPostTable } from '../../db/schema.js';

/** Tables owned by the cadres module; merged into the Database interface in db/schema.ts. */

/** What the register said about a host unit over [valid_from, valid_to). */
export interface HostUnitVersionTable {
  id: string;
  host_unit_id: string;
  name: string;
  /** The commune-level organization the unit belonged to then: the scope anchor. */
  org_id: string;
  /** JSON of HostUnitFlags. */
  flags: string | null;
  valid_from: string;
  valid_to: string | null;
  event_id: string | null;
}

/** A dated change to the register (thành lập, đổi tên, đặc điểm, gắn chi bộ, sáp nhập, giải thể) and its decision. */
export interface HostUnitEventTable {
  id: string;
  host_unit_id: string;
  kind: string;
  effective_date: string;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  note: string | null;
  data: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface CommitteeTermTable {
  id: string;
  org_id: string;
  name: string;
  congress: string | null;
  start_date: string;
  planned_end_date: string;
  end_date: string | null;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  version: number;
  created_at: string;
}

/** Luân chuyển, điều động, tăng cường: one post ended, another started elsewhere, on one decision. */
export interface RotationTable {
  id: string;
  person_id: string;
  kind: string;
  effective_date: string;
  decision_no: string;
  decision_date: string | null;
  issuer: string;
  from_org_id: string;
  to_org_id: string;
  from_post_id: string | null;
  to_post_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/**
 * State and community posts (chủ tịch HĐND, UBND, UBMTTQ, trưởng thôn, tổ trưởng tổ dân phố,
 * thủ trưởng): the columns of party_post plus a category, so one code path reads both tables.
 */
export interface CivicPostTable extends PartyPostTable {
  category: string;
}

export interface CadresTables {
  civic_post: CivicPostTable;
  host_unit_version: HostUnitVersionTable;
  host_unit_event: HostUnitEventTable;
  committee_term: CommitteeTermTable;
  rotation: RotationTable;
}
