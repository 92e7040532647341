import type { Selectable } from 'kysely';

/** A subject's rating for a year; the current state, derived from its steps. */
export interface RatingTable {
  id: string;
  subject_kind: string;
  /** dv:<person> | tc:<org> | ld:<person>:<org>, unique with the year. */
  subject_key: string;
  person_id: string | null;
  org_id: string;
  unit_org_id: string;
  path: string;
  unit_path: string;
  year: number;
  rule_set: string;
  state: string;
  self_level: string | null;
  self_score: number | null;
  proposed_level: string | null;
  proposed_score: number | null;
  excellent_conditions: number;
  exempt_reason: string | null;
  level: string | null;
  score: number | null;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One dated, attributed step of a rating; never edited. */
export interface RatingStepTable {
  id: string;
  rating_id: string;
  seq: number;
  step: string;
  from_state: string;
  to_state: string;
  on_date: string;
  level: string | null;
  score: number | null;
  excellent_conditions: number;
  exempt_reason: string | null;
  note: string | null;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  user_id: string | null;
  username: string | null;
  recorded_at: string;
}

export interface RatingSettingTable {
  id: string;
  org_id: string;
  path: string;
  from_year: number;
  cap_percent: number | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface NonPartyBodyTable {
  id: string;
  kind: string;
  name: string;
  org_id: string;
  path: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NonPartyRatingTable {
  id: string;
  body_id: string;
  year: number;
  seq: number;
  level: string;
  decision_no: string;
  decision_date: string;
  issuer: string;
  note: string | null;
  path: string;
  user_id: string | null;
  username: string | null;
  recorded_at: string;
}

/** Tables owned by the ratings module; merged into the Database interface in db/schema.ts. */
export interface RatingsTables {
  rating: RatingTable;
  rating_step: RatingStepTable;
  rating_setting: RatingSettingTable;
  nonparty_body: NonPartyBodyTable;
  nonparty_rating: NonPartyRatingTable;
}

export type RatingRow = Selectable<RatingTable>;
export type RatingStepRow = Selectable<RatingStepTable>;
