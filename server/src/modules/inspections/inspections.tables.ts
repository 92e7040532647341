import type { Selectable } from 'kysely';

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
  /** The khai_tru event this decision appended to the member's ledger. */
  member_event_id: string | null;
}

/** A later decision on a discipline (giảm hình thức, xóa kỷ luật); the original stays as it was. */
export interface DisciplineAmendmentTable {
  id: string;
  discipline_id: string;
  kind: string;
  new_form: string | null;
  decision_no: string;
  decision_date: string;
  issuer: string;
  effective_date: string;
  reason: string | null;
  created_by: string | null;
  created_at: string;
}

export interface InspectionPlanTable {
  id: string;
  year: number;
  body_kind: string;
  body_org_id: string;
  body_path: string;
  title: string;
  decision_no: string | null;
  decision_date: string | null;
  note: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
}

export interface InspectionCaseTable {
  id: string;
  plan_id: string | null;
  /** Id of the rule set the case was opened under. */
  rules: string;
  /** Year of the decision date. */
  year: number;
  activity: string;
  body_kind: string;
  body_org_id: string;
  /** Kind and path of the body's organization on the decision date. */
  body_org_kind: string;
  body_path: string;
  subject_type: string;
  /** Organization id or person id. */
  subject_id: string;
  /** Kind of the subject organization on the decision date; null for a member. */
  subject_org_kind: string | null;
  /** The subject organization's path, or the member's cell's path, on the decision date. */
  subject_path: string;
  kind: string;
  state: string;
  content: string;
  decision_no: string | null;
  decision_date: string;
  start_date: string | null;
  end_date: string | null;
  conclusion_date: string | null;
  conclusion: string | null;
  /** 1 | 0 once concluded. */
  violations_found: number | null;
  cancel_reason: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionRequirementTable {
  id: string;
  case_id: string;
  seq: number;
  content: string;
  deadline: string | null;
  done_on: string | null;
  result: string | null;
  version: number;
  created_at: string;
}

export interface InspectionsTables {
  discipline: DisciplineTable;
  discipline_amendment: DisciplineAmendmentTable;
  inspection_plan: InspectionPlanTable;
  inspection_case: InspectionCaseTable;
  inspection_requirement: InspectionRequirementTable;
}

export type DisciplineRow = Selectable<DisciplineTable>;
export type InspectionCaseRow = Selectable<InspectionCaseTable>;
export type InspectionPlanRow = Selectable<InspectionPlanTable>;
