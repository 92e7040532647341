import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AdmissionsTables } from '../modules/admissions/admissions.tables.js';
import type { CadresTables } from '../modules/cadres/cadres.tables.js';
import type { TransfersTables } from '../modules/transfers/transfers.tables.js';
import type { InspectionsTables } from '../modules/inspections/inspections.tables.js';
import type { RatingsTables } from '../modules/ratings/ratings.tables.js';
import type { MeetingsTables } from '../modules/meetings/meetings.tables.js';
import type { CellTallyTables } from '../modules/reports/cellTally/cellTally.tables.js';
import type { RootTallyTables } from '../modules/reports/rootTally/rootTally.tables.js';
import type { EventTallyTables } from '../modules/reports/eventTally/eventTally.tables.js';
import type { RatingTallyTables } from '../modules/reports/ratingTally/ratingTally.tables.js';
import type { TrainingTables } from '../modules/training/training.tables.js';
import type { DocumentsTables } from '../modules/documents/documents.tables.js';
import type { AwardsTables } from '../modules/awards/awards.tables.js';

/**
 * Table shapes shared by both engines. Dates are `YYYY-MM-DD` strings and
 * timestamps UTC ISO strings on both, so code never branches on engine to read a row.
 */

export interface OrganizationTable {
  id: string;
  code: string;
  created_at: string;
}

/** One period of an organization's life: [valid_from, valid_to), valid_to null while current. */
export interface OrganizationVersionTable {
  id: string;
  org_id: string;
  valid_from: string;
  valid_to: string | null;
  parent_id: string | null;
  name: string;
  folded_name: string;
  kind: string;
  host_type: string;
  host_unit_name: string | null;
  /** Materialized path of ids, `/root/…/id/`, for prefix-range scope checks. */
  path: string;
  depth: number;
  event_id: string | null;
}

export interface OrgEventTable {
  id: string;
  kind: string;
  effective_date: string;
  decision_no: string;
  decision_date: string | null;
  issuer: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface OrgEventLinkTable {
  id: Generated<number>;
  event_id: string;
  from_org_id: string | null;
  to_org_id: string | null;
  role: string;
}

/**
 * The person registry (members and non-members). For members, the membership
 * columns hold the current state derived from `member_event`; they are never edited directly.
 */
export interface PersonTable {
  id: string;
  full_name: string;
  other_names: string | null;
  folded_name: string;
  display_key: string;
  sort_key: string;
  /** ` word word ` folded: names, CCCD, card number. Searched by default. */
  search_names: string;
  /** ` word word ` folded: birthplace, hometown, residence. Searched on request. */
  search_places: string;
  sex: string;
  birth_date: string;
  birthplace: string | null;
  hometown: string | null;
  residence: string | null;
  ethnicity: string;
  religion: string;
  cccd: string | null;
  general_education: string | null;
  professional_level: string | null;
  academic_title: string | null;
  political_theory: string | null;
  foreign_language: string | null;
  it_level: string | null;
  occupation: string | null;
  youth_union_on: string | null;
  /** Organization that manages this record: the primary cell for members. */
  org_id: string;
  path: string;
  card_no: string | null;
  file_no: string | null;
  admitted_on: string | null;
  admitted_org_id: string | null;
  sponsors: string | null;
  official_on: string | null;
  /** null for non-members; see common member-state for the codes. */
  standing: string | null;
  activity: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipEpisodeTable {
  id: string;
  person_id: string;
  org_id: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  cause_event_id: string | null;
  end_event_id: string | null;
}

export interface MemberEventTable {
  id: string;
  person_id: string;
  kind: string;
  effective_date: string;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  org_id: string | null;
  data: string | null;
  seq: number;
  recorded_by: string | null;
  recorded_at: string;
}

export interface QualificationTable {
  id: string;
  person_id: string;
  kind: string;
  level: string;
  obtained_on: string;
  note: string | null;
  recorded_at: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  display_name: string;
  person_id: string | null;
  failed_logins: number;
  locked_until: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserScopeTable {
  user_id: string;
  org_id: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  ok: number;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** Scope anchor: the path of the organization the change belongs to, so audit reads obey scope. */
  path: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

/**
 * A host unit's identity and life [valid_from, valid_to); name, org_id and flags mirror its
 * current version (host_unit_version holds what they were on any date).
 */
export interface HostUnitTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  org_id: string;
  valid_from: string;
  valid_to: string | null;
  flags: string | null;
  version: Generated<number>;
  /** The unit this one was merged into, when it ended by merger. */
  merged_into_id: string | null;
}

export interface HostUnitCellTable {
  id: string;
  host_unit_id: string;
  cell_org_id: string;
  valid_from: string;
  valid_to: string | null;
}

/** A committee post held by a member over [valid_from, valid_to), in a term. civic_post has the same columns. */
export interface PartyPostTable {
  id: string;
  org_id: string;
  person_id: string;
  title: string;
  term: string | null;
  decision_no: string | null;
  valid_from: string;
  valid_to: string | null;
  host_unit_id: string | null;
  term_id: string | null;
  decision_date: string | null;
  issuer: string | null;
  end_decision_no: string | null;
  end_reason: string | null;
  rotation_id: string | null;
  note: string | null;
  version: Generated<number>;
}

export interface Database
  extends AdmissionsTables,
    TransfersTables,
    CadresTables,
    InspectionsTables,
    RatingsTables,
    MeetingsTables,
    TrainingTables,
    DocumentsTables,
    AwardsTables,
    CellTallyTables,
    RootTallyTables,
    EventTallyTables,
    RatingTallyTables {
  host_unit: HostUnitTable;
  host_unit_cell: HostUnitCellTable;
  party_post: PartyPostTable;
  organization: OrganizationTable;
  organization_version: OrganizationVersionTable;
  org_event: OrgEventTable;
  org_event_link: OrgEventLinkTable;
  person: PersonTable;
  membership_episode: MembershipEpisodeTable;
  member_event: MemberEventTable;
  qualification: QualificationTable;
  app_user: AppUserTable;
  user_scope: UserScopeTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type OrgVersionRow = Selectable<OrganizationVersionTable>;
export type MemberEventRow = Selectable<MemberEventTable>;
export type EpisodeRow = Selectable<MembershipEpisodeTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type Count = ColumnType<number | string | bigint>;
