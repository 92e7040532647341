import { z } from 'zod';
import { ATTENDANCE_STATUSES, GUEST_KINDS, MEETING_KINDS, MEETING_STATES, MEETING_SCORE_RULE_SETS, MEETING_ROLLUP_RULE_SETS } from '../domain/meeting.js';
import { id, isoDate, nonBlank, optionalText, page, pageSize } from './primitives.js';

const version = z.number().int().min(1);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng cần dạng YYYY-MM' });
const year = z.coerce.number().int().min(1990).max(2100);

/** Planning a meeting: the cell, kind, planned date and agenda. */
export const planMeetingIn = z.object({
  orgId: id,
  kind: z.enum(MEETING_KINDS),
  plannedOn: isoDate,
  title: nonBlank(300),
  agenda: optionalText(5000),
  location: optionalText(300),
});
export type PlanMeetingIn = z.infer<typeof planMeetingIn>;

/** Publishing the date and agenda ahead of time (the secretary does it around the 20th). */
export const publishMeetingIn = z.object({
  version,
  publishedOn: isoDate,
  plannedOn: isoDate.nullish().transform((v) => v ?? null),
  agenda: optionalText(5000),
});
export type PublishMeetingIn = z.infer<typeof publishMeetingIn>;

export const heldMeetingIn = z.object({
  version,
  heldOn: isoDate,
  durationMinutes: z.number().int().min(1, { message: 'Thời lượng phải lớn hơn 0' }).max(600, { message: 'Tối đa 600 phút' }),
  chairName: optionalText(200),
  secretaryName: optionalText(200),
});
export type HeldMeetingIn = z.infer<typeof heldMeetingIn>;

export const attendanceIn = z.object({
  version,
  rows: z
    .array(
      z
        .object({ personId: id, status: z.enum(ATTENDANCE_STATUSES), reason: optionalText(300) })
        .superRefine((v, ctx) => {
          if (v.status === 'vang_co_ly_do' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Vắng có lý do cần ghi lý do' });
        }),
    )
    .max(2000),
  guests: z
    .array(z.object({ kind: z.enum(GUEST_KINDS), name: nonBlank(200), organization: optionalText(300), post: optionalText(200) }))
    .max(200)
    .default([]),
});
export type AttendanceIn = z.infer<typeof attendanceIn>;

export const minutesIn = z.object({ version, minutes: nonBlank(50_000) });
export type MinutesIn = z.infer<typeof minutesIn>;

export const scoreMeetingIn = z.object({ version, scores: z.record(z.string().max(40), z.number()) });
export type ScoreMeetingIn = z.infer<typeof scoreMeetingIn>;

export const closeMeetingIn = z.object({ version });
export const reopenMeetingIn = z.object({ version, reason: nonBlank(1000) });
export type ReopenMeetingIn = z.infer<typeof reopenMeetingIn>;

/** An attachment (stored in the database) or a reference to a registered document by number. */
export const meetingDocumentIn = z
  .object({
    version,
    kind: z.enum(['tep', 'van_ban']),
    name: optionalText(300),
    mimeType: optionalText(200),
    contentBase64: z.string().max(9_000_000, { message: 'Tệp quá lớn' }).nullish().transform((v) => v ?? null),
    refNumber: optionalText(60),
    refTitle: optionalText(500),
  })
  .superRefine((v, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.kind === 'tep') {
      if (!v.name) need('name', 'Cần tên tệp');
      if (!v.mimeType) need('mimeType', 'Cần loại tệp');
      if (!v.contentBase64) need('contentBase64', 'Cần nội dung tệp');
      else if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v.contentBase64)) need('contentBase64', 'Nội dung tệp không đúng dạng base64');
    } else {
      if (!v.refNumber) need('refNumber', 'Cần số văn bản (ví dụ 99-KH/TU)');
      if (!v.refTitle) need('refTitle', 'Cần trích yếu văn bản');
    }
  });
export type MeetingDocumentIn = z.infer<typeof meetingDocumentIn>;

export const meetingListQuery = z.object({
  org: id.optional(),
  year: year.optional(),
  month: month.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  state: z.enum(MEETING_STATES).optional(),
  page,
  pageSize,
});
export type MeetingListQuery = z.infer<typeof meetingListQuery>;

/** `include=all` lists every cell with its status, for pickers; the default lists only cells still owing. */
export const meetingStatusQuery = z.object({ org: id.optional(), month: month.optional(), include: z.enum(['pending', 'all']).default('pending') });
export type MeetingStatusQuery = z.infer<typeof meetingStatusQuery>;

export const meetingYearQuery = z.object({ org: id.optional(), year: year.optional() });
export type MeetingYearQuery = z.infer<typeof meetingYearQuery>;

/** Choosing the rule sets of a province (or any organization) from a date on. */
export const meetingRuleChoiceIn = z.object({
  orgId: id,
  validFrom: isoDate,
  scoreRules: z.string().refine((s) => s in MEETING_SCORE_RULE_SETS, { message: 'Bộ tiêu chí chấm điểm không tồn tại' }),
  rollupRules: z.string().refine((s) => s in MEETING_ROLLUP_RULE_SETS, { message: 'Quy tắc xếp loại năm không tồn tại' }),
  decisionNo: optionalText(60),
});
export type MeetingRuleChoiceIn = z.infer<typeof meetingRuleChoiceIn>;

/** Vietnamese names of this module's input fields, for error messages. */
export const MEETINGS_FIELD_LABELS_VI: Record<string, string> = {
  plannedOn: 'Ngày dự kiến họp',
  title: 'Tiêu đề buổi sinh hoạt',
  agenda: 'Nội dung, chương trình',
  location: 'Địa điểm',
  publishedOn: 'Ngày thông báo',
  heldOn: 'Ngày họp',
  durationMinutes: 'Thời lượng (phút)',
  chairName: 'Người chủ trì',
  secretaryName: 'Thư ký',
  rows: 'Danh sách điểm danh',
  guests: 'Khách mời, cấp trên dự',
  minutes: 'Biên bản',
  scores: 'Điểm các tiêu chí',
  contentBase64: 'Nội dung tệp',
  mimeType: 'Loại tệp',
  refNumber: 'Số văn bản',
  refTitle: 'Trích yếu văn bản',
  scoreRules: 'Bộ tiêu chí chấm điểm',
  rollupRules: 'Quy tắc xếp loại năm',
  validFrom: 'Áp dụng từ ngày',
  month: 'Tháng',
  year: 'Năm',
};
