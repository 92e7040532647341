import type { ColumnType, Selectable } from 'kysely';

/** Tables owned by the admissions module; merged into the Database interface in db/schema.ts. */
export interface AdmissionCandidateTable {
  id: string;
  person_id: string;
  /** The cell that developed the candidate; the record's scope follows the person's cell. */
  cell_id: string;
  introduced_by_kind: string;
  introduced_by_name: string;
  /** Id of the rule set the candidate is judged by (common/domain/admission.ts). */
  rule_set: string;
  /** Derived from the steps on every write, for the lists. */
  stage: string;
  decision_date: string | null;
  probation_ends_on: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AdmissionStepTable {
  id: string;
  candidate_id: string;
  step: string;
  date: string;
  decision_no: string | null;
  issuer: string | null;
  result: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface AdmissionDocumentTable {
  id: string;
  candidate_id: string;
  doc: string;
  received_on: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

/** Helper assignments over [valid_from, valid_to). */
export interface AdmissionHelperTable {
  id: string;
  candidate_id: string;
  person_id: string;
  valid_from: string;
  valid_to: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface AdmissionOverrideTable {
  id: string;
  candidate_id: string;
  rule: string;
  reason: string;
  approving_body: string;
  user_id: string | null;
  username: string | null;
  role: string;
  at: string;
}

export interface AdmissionTargetTable {
  id: string;
  org_id: string;
  from_year: number;
  to_year: number;
  kind: string;
  value: number;
  /** 1: the value is per year. */
  per_year: number;
  /** 'tu' ("từ … trở lên", ≥) or 'hon' ("hơn", >); migration 014. */
  bound: ColumnType<string, string | undefined, string>;
  decision_no: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface AdmissionsTables {
  admission_candidate: AdmissionCandidateTable;
  admission_step: AdmissionStepTable;
  admission_document: AdmissionDocumentTable;
  admission_helper: AdmissionHelperTable;
  admission_override: AdmissionOverrideTable;
  admission_target: AdmissionTargetTable;
}

export type CandidateRow = Selectable<AdmissionCandidateTable>;
export type TargetRow = Selectable<AdmissionTargetTable>;
