import type { Selectable } from 'kysely';

export interface DocumentTable {
  id: string;
  org_id: string;
  path: string;
  external_issuer: string | null;
  system: string;
  symbol: string;
  number: number;
  type_code: string;
  issuer_code: string;
  term: string | null;
  doc_date: string;
  title: string;
  folded_title: string;
  /** JSON array of topic tags. */
  tags: string;
  dup_key: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentTargetTable {
  id: string;
  document_id: string;
  metric: string;
  label: string;
  comparator: string;
  value: number;
  unit: string;
  period_from: number;
  period_to: number;
  note: string | null;
  created_at: string;
}

export interface DocumentAttachmentTable {
  id: string;
  document_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  content: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface StudySessionTable {
  id: string;
  org_id: string;
  path: string;
  held_on: string;
  form: string;
  title: string | null;
  member_count: number;
  non_member_count: number;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface StudySessionDocumentTable {
  session_id: string;
  document_id: string;
}

export interface StudyAttendanceTable {
  session_id: string;
  person_id: string;
  is_member: number;
}

/** Tables owned by the documents module; merged into the Database interface in db/schema.ts. */
export interface DocumentsTables {
  document: DocumentTable;
  document_target: DocumentTargetTable;
  document_attachment: DocumentAttachmentTable;
  study_session: StudySessionTable;
  study_session_document: StudySessionDocumentTable;
  study_attendance: StudyAttendanceTable;
}

export type DocumentRow = Selectable<DocumentTable>;
export type StudySessionRow = Selectable<StudySessionTable>;
