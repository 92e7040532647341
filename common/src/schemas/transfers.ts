import { z } from 'zod';
import { TRANSFER_KINDS, TRANSFER_PURPOSES, TRANSFER_STATES, TRANSFER_STEP_ACTIONS } from '../domain/transfer.js';
import { personFields } from './member.js';
import { id, isoDate, optionalText, page, pageSize } from './primitives.js';

const nullableDate = isoDate.nullish().transform((v) => v ?? null);
const nullableId = id.nullish().transform((v) => v ?? null);

/**
 * Proposing a transfer. One shape for the four kinds; which fields a kind needs is checked
 * in `superRefine` so each missing one is named (the form shows only the fields of the kind).
 */
export const proposeTransferIn = z
  .object({
    kind: z.enum(TRANSFER_KINDS),
    /** The member (all kinds except "đến", where it may be a person already on file). */
    personId: nullableId,
    /** A new person arriving from outside ("đến"). */
    person: personFields.nullish().transform((v) => v ?? null),
    /** Destination cell in the system (nội bộ, tạm thời). */
    toOrgId: nullableId,
    /** Destination outside the system (ra ngoài, tạm thời), or the origin for "đến". */
    outsideOrgName: optionalText(300),
    date: isoDate,
    decisionNo: optionalText(60),
    reason: optionalText(1000),
    /** Temporary: the day the member is expected back. */
    expectedEnd: nullableDate,
    /** Temporary: working away or study. */
    purpose: z.enum(TRANSFER_PURPOSES).nullish().transform((v) => v ?? null),
    /** "Đến": the incoming letter and the dates it certifies. */
    letterNo: optionalText(60),
    letterDate: nullableDate,
    admittedOn: nullableDate,
    officialOn: nullableDate,
    confirmDuplicate: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    const need = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (v.kind === 'den') {
      if (!v.personId && !v.person) need('person', 'Cần chọn người đã có hồ sơ hoặc nhập thông tin người chuyển đến');
      if (!v.toOrgId) need('toOrgId', 'Cần chọn chi bộ tiếp nhận');
      if (!v.outsideOrgName) need('outsideOrgName', 'Cần ghi tổ chức đảng nơi đi');
      if (!v.letterNo) need('letterNo', 'Cần ghi số giấy giới thiệu');
      if (!v.letterDate) need('letterDate', 'Cần ghi ngày giấy giới thiệu');
      if (!v.admittedOn) need('admittedOn', 'Cần ghi ngày vào Đảng theo giấy giới thiệu');
      if (v.purpose) need('purpose', 'Chỉ ghi mục đích cho chuyển sinh hoạt tạm thời; chuyển chính thức không có mục đích này');
      return;
    }
    if (!v.personId) need('personId', 'Cần chọn đảng viên');
    if (v.kind === 'noi_bo' && !v.toOrgId) need('toOrgId', 'Cần chọn chi bộ nơi đến');
    if (v.kind === 'ra_ngoai' && !v.outsideOrgName) need('outsideOrgName', 'Cần ghi tổ chức đảng nơi đến');
    if (v.kind === 'tam_thoi') {
      if (!v.toOrgId && !v.outsideOrgName) need('toOrgId', 'Cần chọn chi bộ nơi đến hoặc ghi tổ chức nơi đến ngoài hệ thống');
      if (!v.expectedEnd) need('expectedEnd', 'Cần ghi ngày dự kiến trở về');
      else if (v.expectedEnd <= v.date) need('expectedEnd', 'Ngày dự kiến trở về phải sau ngày đề xuất');
      if (!v.purpose) need('purpose', 'Cần chọn mục đích: đi công tác hay đi học tập');
    } else if (v.purpose) need('purpose', 'Chỉ ghi mục đích cho chuyển sinh hoạt tạm thời; chuyển chính thức không có mục đích này');
    if (v.toOrgId && v.outsideOrgName) need('outsideOrgName', 'Chỉ chọn một nơi đến: chi bộ trong hệ thống hoặc tổ chức ngoài hệ thống');
  });
export type ProposeTransferIn = z.infer<typeof proposeTransferIn>;

/** One step of the chain on an existing transfer. */
export const transferStepIn = z
  .object({
    action: z.enum(TRANSFER_STEP_ACTIONS),
    version: z.number().int().min(1),
    date: isoDate,
    /** Decision or letter number; the step that issues the introduction letter needs it. */
    number: optionalText(60),
    reason: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'tu_choi' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Cần ghi lý do từ chối' });
  });
export type TransferStepIn = z.infer<typeof transferStepIn>;

export const TRANSFER_BOXES = ['outgoing', 'incoming', 'overdue', 'all'] as const;
export type TransferBox = (typeof TRANSFER_BOXES)[number];

export const transferListQuery = z.object({
  box: z.enum(TRANSFER_BOXES).default('all'),
  state: z.enum(TRANSFER_STATES).optional(),
  kind: z.enum(TRANSFER_KINDS).optional(),
  personId: id.optional(),
  q: z.string().trim().max(100).optional(),
  page,
  pageSize,
});
export type TransferListQuery = z.infer<typeof transferListQuery>;

export const transferDestinationQuery = z.object({ q: z.string().trim().max(100).default('') });

const orgRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const transferSummaryOut = z.object({
  id: z.string(),
  kind: z.enum(TRANSFER_KINDS),
  state: z.enum(TRANSFER_STATES),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  from: orgRef,
  to: orgRef,
  outsideOrgName: z.string().nullable(),
  proposedOn: z.string(),
  letterNo: z.string().nullable(),
  letterDate: z.string().nullable(),
  receiveBy: z.string().nullable(),
  expectedEnd: z.string().nullable(),
  /** Temporary transfers: working away or study (null for the permanent kinds, and for temporary ones recorded before it was asked). */
  purpose: z.enum(TRANSFER_PURPOSES).nullable(),
  completedOn: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
});
export type TransferSummaryOut = z.infer<typeof transferSummaryOut>;

export const transferListOut = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  overdueDays: z.number(),
  items: z.array(transferSummaryOut),
});

export const transferStepOut = z.object({
  id: z.string(),
  /** `sap_xep`: a restructuring handed the transfer to the successor organization. */
  action: z.enum(['de_xuat', ...TRANSFER_STEP_ACTIONS, 'sap_xep']),
  fromState: z.string().nullable(),
  toState: z.string(),
  date: z.string(),
  number: z.string().nullable(),
  note: z.string().nullable(),
  username: z.string().nullable(),
  org: orgRef,
  recordedAt: z.string(),
});

export const transferDetailOut = transferSummaryOut.extend({
  reason: z.string().nullable(),
  needsUpper: z.boolean(),
  toInSystem: z.boolean(),
  base: orgRef,
  upper: orgRef,
  letterIssuer: z.string().nullable(),
  person: z.object({
    fullName: z.string(),
    birthDate: z.string(),
    cardNo: z.string().nullable(),
    admittedOn: z.string().nullable(),
    officialOn: z.string().nullable(),
  }),
  steps: z.array(transferStepOut),
  chain: z.array(z.string()),
  /** The step the transfer waits for and whether the caller may take it (or refuse it). */
  next: z.object({ action: z.string(), actorOrg: orgRef, allowed: z.boolean(), canRefuse: z.boolean() }).nullable(),
  letterAvailable: z.boolean(),
});
export type TransferDetailOut = z.infer<typeof transferDetailOut>;

/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const TRANSFERS_FIELD_LABELS_VI: Record<string, string> = {
  personId: 'Đảng viên',
  person: 'Người chuyển đến',
  toOrgId: 'Chi bộ nơi đến',
  outsideOrgName: 'Tổ chức đảng ngoài hệ thống',
  date: 'Ngày thực hiện',
  reason: 'Lý do',
  expectedEnd: 'Ngày dự kiến trở về',
  purpose: 'Mục đích',
  letterNo: 'Số giấy giới thiệu',
  letterDate: 'Ngày giấy giới thiệu',
  action: 'Bước xử lý',
  number: 'Số quyết định / giấy giới thiệu',
  box: 'Danh sách',
};
