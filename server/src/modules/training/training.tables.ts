import type { Selectable } from 'kysely';

export interface TrainingCourseTable {
  id: string;
  kind: string;
  name: string;
  /** The teaching body (trường chính trị, trung tâm chính trị…), free text. */
  provider: string;
  /** The party organization whose catalogue holds the course (scope). */
  org_id: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface TrainingCohortTable {
  id: string;
  course_id: string;
  name: string;
  organizer_org_id: string;
  place: string | null;
  starts_on: string;
  ends_on: string;
  planned_size: number | null;
  state: string;
  opened_on: string | null;
  closed_on: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per person-time (lượt): one person sent to one cohort. */
export interface TrainingEnrolmentTable {
  id: string;
  cohort_id: string;
  person_id: string;
  sent_by_org_id: string;
  sent_on: string;
  decision_no: string | null;
  was_member: number;
  withdrawn_on: string | null;
  withdraw_reason: string | null;
  result: string | null;
  grade: string | null;
  result_on: string | null;
  certificate_no: string | null;
  certificate_date: string | null;
  qualification_id: string | null;
  theory_before: string | null;
  /** 1 when this completion raised the person's political-theory level. */
  theory_changed: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Tables owned by the training module; merged into the Database interface in db/schema.ts. */
export interface TrainingTables {
  training_course: TrainingCourseTable;
  training_cohort: TrainingCohortTable;
  training_enrolment: TrainingEnrolmentTable;
}

export type CourseRow = Selectable<TrainingCourseTable>;
export type CohortRow = Selectable<TrainingCohortTable>;
export type EnrolmentRow = Selectable<TrainingEnrolmentTable>;
