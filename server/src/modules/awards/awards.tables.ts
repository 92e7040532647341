/** Tables owned by the awards module; merged into the Database interface in db/schema.ts. */
import type { Selectable } from 'kysely';

/** An award or commendation. Fixed columns: the ratings module writes giấy khen linked to a rating. */
export interface AwardTable {
  id: string;
  person_id: string | null;
  org_id: string | null;
  path: string;
  kind: string;
  title: string;
  year: number;
  decision_no: string | null;
  decision_date: string | null;
  issuer: string | null;
  rating_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  // Added by the awards module (nullable: rows the ratings module writes leave them empty).
  level: string | null;
  badge_years: number | null;
  note: string | null;
  updated_at: string | null;
}

export interface ContestTable {
  id: string;
  org_id: string;
  path: string;
  name: string;
  year: number;
  decision_no: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContestRoundTable {
  id: string;
  contest_id: string;
  seq: number;
  kind: string;
  name: string;
  held_on: string;
}

export interface ContestEntryTable {
  id: string;
  contest_id: string;
  round_id: string;
  person_id: string;
  score: number | null;
  advanced: number;
  prize: string | null;
  created_at: string;
}

export interface AwardsTables {
  award: AwardTable;
  contest: ContestTable;
  contest_round: ContestRoundTable;
  contest_entry: ContestEntryTable;
}

export type AwardRow = Selectable<AwardTable>;
