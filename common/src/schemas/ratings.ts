import { z } from 'zod';
import { NONPARTY_KINDS, NONPARTY_LEVELS, RATING_EXEMPT_REASONS, RATING_LEVELS, RATING_STATES, RATING_STEPS, RATING_SUBJECTS } from '../domain/rating.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const nullableId = id.nullish().transform((v) => v ?? null);
const nullableDate = isoDate.nullish().transform((v) => v ?? null);
export const ratingYear = z.coerce.number().int().min(1990, { message: 'Năm không hợp lệ' }).max(2100, { message: 'Năm không hợp lệ' });
const score = z.number().min(0, { message: 'Điểm từ 0 đến 100' }).max(100, { message: 'Điểm từ 0 đến 100' }).nullish().transform((v) => v ?? null);
const level = z.enum(RATING_LEVELS).nullish().transform((v) => v ?? null);
const exempt = z.enum(RATING_EXEMPT_REASONS).nullish().transform((v) => v ?? null);

/** Fields of one step; which of them a step needs is checked in the service against the year's rule set. */
const stepFields = {
  step: z.enum(RATING_STEPS),
  date: isoDate,
  ratingLevel: level,
  score,
  /** QĐ 366: the extra conditions of "xuất sắc" are met (the committee confirms them). */
  excellentConditions: z.boolean().default(false),
  exemptReason: exempt,
  note: optionalText(1000),
  decisionNo: optionalText(60),
  decisionDate: nullableDate,
  issuer: optionalText(200),
};

function refineStep(v: { step: string; ratingLevel: unknown; exemptReason: unknown; decisionNo: unknown; decisionDate: unknown; issuer: unknown; note: unknown }, ctx: z.RefinementCtx) {
  const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (v.step === 'khong_xep_loai') {
    if (!v.exemptReason) need('exemptReason', 'Cần chọn lý do không xếp loại');
    if (v.ratingLevel) need('ratingLevel', 'Trường hợp không xếp loại thì không ghi mức xếp loại');
  } else {
    if (!v.ratingLevel) need('ratingLevel', 'Cần chọn mức xếp loại');
    if (v.exemptReason) need('exemptReason', 'Chỉ ghi lý do ở bước "Không xếp loại"');
  }
  if (v.step === 'quyet_dinh' || v.step === 'dieu_chinh') {
    if (!v.decisionNo) need('decisionNo', 'Cần ghi số quyết định');
    if (!v.decisionDate) need('decisionDate', 'Cần ghi ngày quyết định');
    if (!v.issuer) need('issuer', 'Cần ghi cấp ủy ra quyết định');
  }
  if (v.step === 'dieu_chinh' && !v.note) need('note', 'Cần ghi lý do điều chỉnh');
}

/** Starting a rating: the subject, the year and its first step. */
export const createRatingIn = z
  .object({
    subjectKind: z.enum(RATING_SUBJECTS),
    /** The member or the leader. */
    personId: nullableId,
    /** The organization rated, or the organization a leader leads. */
    orgId: nullableId,
    year: ratingYear,
    ...stepFields,
  })
  .superRefine((v, ctx) => {
    if (v.subjectKind !== 'to_chuc' && !v.personId) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Cần chọn người được đánh giá' });
    if (v.subjectKind !== 'dang_vien' && !v.orgId) ctx.addIssue({ code: 'custom', path: ['orgId'], message: 'Cần chọn tổ chức' });
    refineStep(v, ctx);
  });
export type CreateRatingIn = z.infer<typeof createRatingIn>;

/** A further step on a rating; `version` guards against two people acting at once. */
export const ratingStepIn = z
  .object({ version: z.number().int().min(1), ...stepFields })
  .superRefine((v, ctx) => refineStep(v, ctx));
export type RatingStepIn = z.infer<typeof ratingStepIn>;

/** One row of the cell secretary's table. */
export const cellRatingRow = z.object({
  personId: id,
  /** The rating's version when it already exists, null when the row is new. */
  version: z.number().int().min(1).nullish().transform((v) => v ?? null),
  selfLevel: level,
  selfScore: score,
  proposedLevel: level,
  score,
  excellentConditions: z.boolean().default(false),
  exemptReason: exempt,
  note: optionalText(1000),
});
export type CellRatingRow = z.infer<typeof cellRatingRow>;

export const cellRatingsIn = z.object({
  year: ratingYear,
  date: isoDate,
  rows: z.array(cellRatingRow).min(1, { message: 'Chưa có dòng nào để lưu' }).max(500, { message: 'Tối đa 500 dòng mỗi lần' }),
});
export type CellRatingsIn = z.infer<typeof cellRatingsIn>;

export const commendationIn = z.object({
  decisionNo: nonBlank(60),
  decisionDate: isoDate,
  issuer: nonBlank(200),
});
export type CommendationIn = z.infer<typeof commendationIn>;

/** A province's variation (e.g. the cap share) from a year on. */
export const ratingSettingIn = z.object({
  orgId: id,
  fromYear: ratingYear,
  capPercent: z.number().min(0, { message: 'Tỷ lệ từ 0 đến 100' }).max(100, { message: 'Tỷ lệ từ 0 đến 100' }).nullable(),
  note: optionalText(500),
});
export type RatingSettingIn = z.infer<typeof ratingSettingIn>;

export const ratingListQuery = z.object({
  year: ratingYear.optional(),
  subjectKind: z.enum(RATING_SUBJECTS).optional(),
  org: id.optional(),
  state: z.enum(RATING_STATES).optional(),
  personId: id.optional(),
  page,
  pageSize,
});
export type RatingListQuery = z.infer<typeof ratingListQuery>;

export const ratingSummaryQuery = z.object({
  org: id.optional(),
  subjectKind: z.enum(RATING_SUBJECTS).default('dang_vien'),
  fromYear: ratingYear.optional(),
  toYear: ratingYear.optional(),
});
export type RatingSummaryQuery = z.infer<typeof ratingSummaryQuery>;

export const cellRatingsQuery = z.object({ year: ratingYear });

// Non-party bodies ----------------------------------------------------------------------

export const nonPartyBodyIn = z.object({
  kind: z.enum(NONPARTY_KINDS),
  name: nonBlank(300),
  /** The party organization that leads the body. */
  orgId: id,
});
export type NonPartyBodyIn = z.infer<typeof nonPartyBodyIn>;

/** A year's rating of a body; a second one for the same year is a correction and needs `version` of the body. */
export const nonPartyRatingIn = z.object({
  version: z.number().int().min(1),
  year: ratingYear,
  bodyLevel: z.enum(NONPARTY_LEVELS),
  decisionNo: nonBlank(60),
  decisionDate: isoDate,
  issuer: nonBlank(200),
  note: optionalText(1000),
});
export type NonPartyRatingIn = z.infer<typeof nonPartyRatingIn>;

export const nonPartyListQuery = z.object({
  org: id.optional(),
  year: ratingYear.optional(),
  kind: z.enum(NONPARTY_KINDS).optional(),
});
export type NonPartyListQuery = z.infer<typeof nonPartyListQuery>;

/** Vietnamese names of this module's input fields, for error messages. */
export const RATINGS_FIELD_LABELS_VI: Record<string, string> = {
  subjectKind: 'Đối tượng đánh giá',
  year: 'Năm đánh giá',
  step: 'Bước đánh giá',
  ratingLevel: 'Mức xếp loại',
  score: 'Điểm',
  excellentConditions: 'Điều kiện xuất sắc',
  exemptReason: 'Lý do không xếp loại',
  selfLevel: 'Mức tự xếp loại',
  selfScore: 'Điểm tự chấm',
  proposedLevel: 'Mức đề xuất',
  rows: 'Danh sách đảng viên',
  fromYear: 'Áp dụng từ năm',
  toYear: 'Đến năm',
  capPercent: 'Tỷ lệ xuất sắc tối đa',
  bodyLevel: 'Mức xếp loại',
  subject: 'Đối tượng',
};
