/** Tables owned by the inspections module; merged into the Database interface in db/schema.ts. */

/** A discipline decision. Fixed columns: the ratings module reads them. */
export interface DisciplineTable {
  id: string;
  person_id: string;
  /** The member's cell on the effective date and its path then. */
  org_id: string;
  path: string;
  /** khien_trach | canh_cao | cach_chuc | khai_tru */
  form: string;
  decision_no: string;
  decision_date: string;
  issuer: string;
  effective_date: string;
  reason: string | null;
  case_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
}

export interface InspectionsTables {
  discipline: DisciplineTable;
}
