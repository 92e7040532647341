/** Tables owned by the awards module; merged into the Database interface in db/schema.ts. */

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
}

export interface AwardsTables {
  award: AwardTable;
}
