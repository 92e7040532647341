import { z } from 'zod';
import { COVERAGE_RULES, DOC_SYSTEMS, parseDocSymbol, STUDY_FORMS, TARGET_COMPARATORS, TARGET_METRICS, TARGET_UNITS, termDateProblem } from '../domain/document.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const yearNum = z.coerce.number().int().min(1945, { message: 'Năm không hợp lệ' }).max(2100, { message: 'Năm không hợp lệ' });

export const documentTargetIn = z
  .object({
    metric: z.enum(TARGET_METRICS),
    /** Wording of the target as the resolution puts it; required for "khác". */
    label: optionalText(300),
    comparator: z.enum(TARGET_COMPARATORS).default('>='),
    value: z.number({ message: 'Cần nhập một số' }).min(0, { message: 'Không được âm' }).max(1e9),
    unit: z.enum(TARGET_UNITS),
    periodFrom: yearNum,
    periodTo: yearNum,
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.metric === 'khac' && !v.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'Cần ghi nội dung chỉ tiêu' });
    if (v.unit === 'ty_le' && v.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Tỷ lệ không được quá 100%' });
    if (v.periodTo < v.periodFrom) ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'Năm kết thúc phải từ năm bắt đầu trở đi' });
  });
export type DocumentTargetIn = z.infer<typeof documentTargetIn>;

export const createDocumentIn = z
  .object({
    symbol: nonBlank(60),
    issuedOn: isoDate,
    /** Committee term of a party document ("2020-2025"); its numbering restarts each term. */
    term: optionalText(20),
    summary: nonBlank(500),
    tags: z.array(z.string().trim().min(1).max(40)).max(12, { message: 'Tối đa 12 chủ đề' }).default([]),
    /** The issuing organization or, with `externalIssuer`, the organization that keeps the document. */
    orgId: id,
    /** An issuer outside the tree: "Ban Chấp hành Trung ương", "UBND tỉnh"… */
    externalIssuer: optionalText(200),
    targets: z.array(documentTargetIn).max(30).default([]),
  })
  .superRefine((v, ctx) => {
    const r = parseDocSymbol(v.symbol);
    if (!r.ok) return ctx.addIssue({ code: 'custom', path: ['symbol'], message: r.message });
    if (r.symbol.system === 'dang') {
      if (!v.term) return ctx.addIssue({ code: 'custom', path: ['term'], message: 'Văn bản của Đảng cần ghi nhiệm kỳ (số văn bản đánh lại từ 01 mỗi nhiệm kỳ)' });
      const why = termDateProblem(v.term, v.issuedOn);
      if (why) ctx.addIssue({ code: 'custom', path: ['term'], message: why });
    }
  });
export type CreateDocumentIn = z.infer<typeof createDocumentIn>;

export const updateDocumentIn = z.object({
  version: z.number().int().min(1),
  summary: nonBlank(500),
  tags: z.array(z.string().trim().min(1).max(40)).max(12, { message: 'Tối đa 12 chủ đề' }).default([]),
  /**
   * Corrections of a mistyped register entry; omitted = unchanged. The number, type and issuer
   * are the document's identity and are not edited (a wrong one is a different document).
   */
  issuedOn: isoDate.optional(),
  /** Party documents only; a state document has no term. */
  term: nonBlank(20).optional(),
});
export type UpdateDocumentIn = z.infer<typeof updateDocumentIn>;

export const addTargetIn = documentTargetIn.and(z.object({ version: z.number().int().min(1) }));

export const attachmentIn = z.object({
  fileName: nonBlank(200),
  mimeType: z.string().trim().min(3).max(100).default('application/octet-stream'),
  /** File content, base64; the size limit (DOC_ATTACHMENT_MAX_BYTES) is checked on the decoded bytes. */
  contentBase64: z.string().min(1, { message: 'Tệp rỗng' }).max(800_000, { message: 'Tệp quá lớn (tối đa 512 KB)' }),
});
export type AttachmentIn = z.infer<typeof attachmentIn>;

export const documentListQuery = z.object({
  org: id.optional(),
  q: z.string().trim().max(100).optional(),
  type: z.string().trim().max(10).optional(),
  system: z.enum(DOC_SYSTEMS).optional(),
  year: yearNum.optional(),
  page,
  pageSize,
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

const targetOut = z.object({
  id: z.string(),
  metric: z.enum(TARGET_METRICS),
  label: z.string(),
  comparator: z.enum(TARGET_COMPARATORS),
  value: z.number(),
  unit: z.enum(TARGET_UNITS),
  periodFrom: z.number(),
  periodTo: z.number(),
  note: z.string().nullable(),
  text: z.string(),
});
export const documentSummaryOut = z.object({
  id: z.string(),
  symbol: z.string(),
  system: z.enum(DOC_SYSTEMS),
  typeCode: z.string(),
  issuerCode: z.string(),
  issuedOn: z.string(),
  term: z.string().nullable(),
  summary: z.string(),
  tags: z.array(z.string()),
  org: z.object({ id: z.string(), name: z.string() }),
  externalIssuer: z.string().nullable(),
  version: z.number(),
});
export type DocumentSummaryOut = z.infer<typeof documentSummaryOut>;
export const documentListOut = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(documentSummaryOut) });
export const documentDetailOut = documentSummaryOut.extend({
  targets: z.array(targetOut),
  attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), sizeBytes: z.number(), createdAt: z.string() })),
  study: z.object({ sessions: z.number(), memberTimes: z.number(), nonMemberTimes: z.number() }),
  canEdit: z.boolean(),
});
export type DocumentDetailOut = z.infer<typeof documentDetailOut>;

// ---------------------------------------------------------------------------------------------
// Study sessions

export const createStudySessionIn = z
  .object({
    orgId: id,
    studiedOn: isoDate,
    studyForm: z.enum(STUDY_FORMS).default('hoc_tap'),
    topic: optionalText(300),
    documentIds: z.array(id).min(1, { message: 'Cần chọn ít nhất một văn bản được học tập' }).max(20),
    /** Named attendees, members and non-members alike (people on file). */
    attendeeIds: z.array(id).max(5000).default([]),
    /** Attendees recorded as a number only (added to the named ones). */
    memberCount: z.number().int().min(0).max(100000).default(0),
    nonMemberCount: z.number().int().min(0).max(100000).default(0),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.documentIds).size !== v.documentIds.length) ctx.addIssue({ code: 'custom', path: ['documentIds'], message: 'Một văn bản được chọn hai lần' });
    if (new Set(v.attendeeIds).size !== v.attendeeIds.length) ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'Một người được ghi hai lần' });
    if (v.attendeeIds.length + v.memberCount + v.nonMemberCount === 0)
      ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'Cần ghi người dự hoặc số lượt người dự' });
  });
export type CreateStudySessionIn = z.infer<typeof createStudySessionIn>;

export const studyAttendanceIn = z
  .object({
    version: z.number().int().min(1),
    attendeeIds: z.array(id).max(5000).default([]),
    memberCount: z.number().int().min(0).max(100000).default(0),
    nonMemberCount: z.number().int().min(0).max(100000).default(0),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.attendeeIds).size !== v.attendeeIds.length) ctx.addIssue({ code: 'custom', path: ['attendeeIds'], message: 'Một người được ghi hai lần' });
  });
export type StudyAttendanceIn = z.infer<typeof studyAttendanceIn>;

export const studyListQuery = z.object({
  org: id.optional(),
  documentId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page,
  pageSize,
});
export type StudyListQuery = z.infer<typeof studyListQuery>;

const times = { memberTimes: z.number(), nonMemberTimes: z.number() };
export const studySessionSummaryOut = z.object({
  id: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  studiedOn: z.string(),
  studyForm: z.enum(STUDY_FORMS),
  topic: z.string().nullable(),
  documents: z.array(z.object({ id: z.string(), symbol: z.string() })),
  ...times,
  version: z.number(),
});
export type StudySessionSummaryOut = z.infer<typeof studySessionSummaryOut>;
export const studyListOut = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Over every session matching the filter, not only this page. */
  totals: z.object({ sessions: z.number(), ...times }),
  items: z.array(studySessionSummaryOut),
});
export const studySessionDetailOut = studySessionSummaryOut.extend({
  memberCount: z.number(),
  nonMemberCount: z.number(),
  attendees: z.array(z.object({ personId: z.string(), fullName: z.string(), isMember: z.boolean() })),
});
export type StudySessionDetailOut = z.infer<typeof studySessionDetailOut>;

export const studyCoverageQuery = z.object({
  org: id.optional(),
  /** Comma-separated document ids. */
  documents: z
    .string()
    .trim()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(id).min(1, { message: 'Cần chọn văn bản' }).max(20)),
  coverageRule: z.enum(COVERAGE_RULES).default('any'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const studyCoverageOut = z.object({
  rule: z.enum(COVERAGE_RULES),
  asOf: z.string(),
  covered: z.number(),
  total: z.number(),
  ...times,
  orgs: z.array(z.object({ id: z.string(), name: z.string(), covered: z.boolean(), sessions: z.number() })),
});
export type StudyCoverageOut = z.infer<typeof studyCoverageOut>;

/** Vietnamese names of this module's input fields, for error messages. */
export const DOCUMENTS_FIELD_LABELS_VI: Record<string, string> = {
  symbol: 'Số, ký hiệu văn bản',
  issuedOn: 'Ngày ban hành',
  term: 'Nhiệm kỳ',
  summary: 'Trích yếu nội dung',
  tags: 'Chủ đề',
  externalIssuer: 'Cơ quan ban hành ngoài hệ thống',
  targets: 'Chỉ tiêu',
  metric: 'Loại chỉ tiêu',
  label: 'Nội dung chỉ tiêu',
  comparator: 'So sánh',
  unit: 'Đơn vị tính',
  periodFrom: 'Từ năm',
  periodTo: 'Đến năm',
  studiedOn: 'Ngày học tập',
  studyForm: 'Hình thức học tập',
  topic: 'Nội dung buổi học tập',
  documentIds: 'Văn bản được học tập',
  documentId: 'Văn bản',
  documents: 'Văn bản',
  attendeeIds: 'Người dự',
  memberCount: 'Số lượt đảng viên (không ghi tên)',
  nonMemberCount: 'Số lượt quần chúng (không ghi tên)',
  coverageRule: 'Cách tính bao phủ',
};
