/**
 * Transfers of party activity (chuyển sinh hoạt đảng): kinds, states and the approval chain
 * as one pure transition table, so the server refuses exactly what the screens grey out.
 */
import type { MemberEventKind } from './memberLedger.js';

export const TRANSFER_KINDS = ['noi_bo', 'ra_ngoai', 'den', 'tam_thoi'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_KIND_LABELS: Record<TransferKind, { vi: string; en: string }> = {
  noi_bo: { vi: 'Chuyển chính thức trong hệ thống', en: 'Permanent, within the system' },
  ra_ngoai: { vi: 'Chuyển chính thức ra ngoài hệ thống', en: 'Permanent, out of the system' },
  den: { vi: 'Chuyển đến từ ngoài hệ thống', en: 'Permanent, in from outside' },
  tam_thoi: { vi: 'Chuyển sinh hoạt tạm thời', en: 'Temporary' },
};

/**
 * Why a member goes away temporarily (DOMAIN.md: "temporary transfers for working away or
 * study"). Required for `tam_thoi`, refused for the permanent kinds; printed on the letter.
 */
export const TRANSFER_PURPOSES = ['cong_tac', 'hoc_tap'] as const;
export type TransferPurpose = (typeof TRANSFER_PURPOSES)[number];

export const TRANSFER_PURPOSE_LABELS: Record<TransferPurpose, { vi: string; en: string }> = {
  cong_tac: { vi: 'Đi công tác', en: 'Working away' },
  hoc_tap: { vi: 'Đi học tập', en: 'Study' },
};

export const TRANSFER_STATES = ['de_xuat', 'da_duyet', 'cho_tiep_nhan', 'da_tiep_nhan', 'da_chuyen_di', 'dang_tam_thoi', 'da_tro_ve', 'tu_choi'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

export const TRANSFER_STATE_LABELS: Record<TransferState, { vi: string; en: string }> = {
  de_xuat: { vi: 'Đề xuất', en: 'Proposed' },
  da_duyet: { vi: 'Đảng ủy cơ sở đã duyệt, chờ cấp trên', en: 'Approved by the base committee, awaiting the upper committee' },
  cho_tiep_nhan: { vi: 'Đã cấp giấy, chờ tiếp nhận', en: 'Letter issued, awaiting receipt' },
  da_tiep_nhan: { vi: 'Đã tiếp nhận', en: 'Received' },
  da_chuyen_di: { vi: 'Đã chuyển ra ngoài', en: 'Transferred out' },
  dang_tam_thoi: { vi: 'Đang sinh hoạt tạm thời', en: 'Temporary transfer in effect' },
  da_tro_ve: { vi: 'Đã trở về', en: 'Returned' },
  tu_choi: { vi: 'Từ chối', en: 'Refused' },
};

/** States in which the transfer still holds the member: a second one is refused. */
export const OPEN_TRANSFER_STATES: readonly TransferState[] = ['de_xuat', 'da_duyet', 'cho_tiep_nhan', 'dang_tam_thoi'];
export const isOpenTransfer = (s: TransferState): boolean => OPEN_TRANSFER_STATES.includes(s);

/**
 * `sap_xep` is not taken by anyone: a restructuring that ends an organization on the route
 * writes it when it hands the transfer to the successor (see transfers.orgEnded.ts).
 */
export const TRANSFER_ACTIONS = ['de_xuat', 'duyet', 'duyet_cap_tren', 'tiep_nhan', 'tu_choi', 'tro_ve', 'sap_xep'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
/** Actions taken on an existing transfer (proposing creates it). */
export const TRANSFER_STEP_ACTIONS = ['duyet', 'duyet_cap_tren', 'tiep_nhan', 'tu_choi', 'tro_ve'] as const;
export type TransferStepAction = (typeof TRANSFER_STEP_ACTIONS)[number];

export const TRANSFER_ACTION_LABELS: Record<TransferAction, { vi: string; en: string }> = {
  de_xuat: { vi: 'Chi bộ đề xuất', en: 'Proposed by the cell' },
  duyet: { vi: 'Đảng ủy cơ sở duyệt', en: 'Approved by the base committee' },
  duyet_cap_tren: { vi: 'Cấp ủy cấp trên duyệt', en: 'Approved by the upper committee' },
  tiep_nhan: { vi: 'Chi bộ nơi đến tiếp nhận', en: 'Received by the destination cell' },
  tu_choi: { vi: 'Từ chối', en: 'Refused' },
  tro_ve: { vi: 'Trở về sinh hoạt tại chi bộ', en: 'Returned to the home cell' },
  sap_xep: { vi: 'Chuyển theo sắp xếp tổ chức', en: 'Handed on by a restructuring' },
};

/** Whose scope an action needs: the sending cell, its base committee, the upper committee, or the receiving cell. */
export type TransferActor = 'from' | 'base' | 'upper' | 'to';

export interface TransferShape {
  kind: TransferKind;
  state: TransferState;
  /** The destination lies outside the sending base organization's subtree (or outside the system). */
  needsUpper: boolean;
  /** The destination is a cell in the database. */
  toInSystem: boolean;
}

export interface TransferStepOutcome {
  state: TransferState;
  /** This step issues the introduction letter: it needs a letter number, and the receipt clock starts. */
  issuesLetter: boolean;
  /** The ledger event the step writes, if any. */
  ledger: MemberEventKind | null;
  actor: TransferActor;
}

export type TransferStepResult = ({ ok: true } & TransferStepOutcome) | { ok: false; message: string };

/** What issuing the letter leads to: in the system someone must receive; outside, the sending side is done. */
function issue(t: TransferShape): Pick<TransferStepOutcome, 'state' | 'ledger'> {
  if (t.toInSystem) return { state: 'cho_tiep_nhan', ledger: null };
  if (t.kind === 'ra_ngoai') return { state: 'da_chuyen_di', ledger: 'chuyen_di' };
  return { state: 'dang_tam_thoi', ledger: 'tam_chuyen_di' };
}

const RECEIVED: Record<TransferKind, Pick<TransferStepOutcome, 'state' | 'ledger'>> = {
  noi_bo: { state: 'da_tiep_nhan', ledger: 'chuyen_noi_bo' },
  den: { state: 'da_tiep_nhan', ledger: 'chuyen_den' },
  tam_thoi: { state: 'dang_tam_thoi', ledger: 'tam_chuyen_di' },
  ra_ngoai: { state: 'da_chuyen_di', ledger: null },
};

/** The transition table: one step from the current state, or why not. */
export function transferStep(t: TransferShape, action: TransferAction): TransferStepResult {
  const no = (why: string): TransferStepResult => ({ ok: false, message: `Không thể "${TRANSFER_ACTION_LABELS[action].vi}": ${why}.` });
  const state = TRANSFER_STATE_LABELS[t.state].vi.toLowerCase();
  switch (action) {
    case 'de_xuat':
      return no('hồ sơ chuyển sinh hoạt đã được lập');
    case 'sap_xep':
      return no('bước này chỉ được ghi khi sắp xếp tổ chức (sáp nhập, chia tách, giải thể)');
    case 'duyet':
      if (t.kind === 'den') return no('hồ sơ chuyển đến đã có giấy giới thiệu của nơi đi, chỉ còn bước tiếp nhận');
      if (t.state !== 'de_xuat') return no(`hồ sơ đang ở trạng thái "${state}", chỉ duyệt được hồ sơ mới đề xuất`);
      if (t.needsUpper) return { ok: true, state: 'da_duyet', issuesLetter: false, ledger: null, actor: 'base' };
      return { ok: true, ...issue(t), issuesLetter: true, actor: 'base' };
    case 'duyet_cap_tren':
      if (t.kind === 'den') return no('hồ sơ chuyển đến đã có giấy giới thiệu của nơi đi, chỉ còn bước tiếp nhận');
      if (!t.needsUpper) return no('nơi đến nằm trong đảng bộ cơ sở, không cần cấp trên duyệt');
      if (t.state !== 'da_duyet') return no(`hồ sơ đang ở trạng thái "${state}", cần đảng ủy cơ sở duyệt trước`);
      return { ok: true, ...issue(t), issuesLetter: true, actor: 'upper' };
    case 'tiep_nhan':
      if (!t.toInSystem) return no('nơi đến ở ngoài hệ thống, không có bước tiếp nhận');
      if (t.state !== 'cho_tiep_nhan') return no(`hồ sơ đang ở trạng thái "${state}", chưa có giấy giới thiệu chờ tiếp nhận`);
      return { ok: true, ...RECEIVED[t.kind], issuesLetter: false, actor: 'to' };
    case 'tu_choi': {
      const actor = pendingActor(t);
      if (!actor || t.state === 'dang_tam_thoi') return no(`hồ sơ đang ở trạng thái "${state}", không còn bước nào để từ chối`);
      return { ok: true, state: 'tu_choi', issuesLetter: false, ledger: null, actor };
    }
    case 'tro_ve':
      if (t.kind !== 'tam_thoi') return no('chỉ áp dụng cho chuyển sinh hoạt tạm thời');
      if (t.state !== 'dang_tam_thoi') return no(`hồ sơ đang ở trạng thái "${state}", đảng viên chưa đi sinh hoạt tạm thời`);
      return { ok: true, state: 'da_tro_ve', issuesLetter: false, ledger: 'tam_chuyen_ve', actor: 'from' };
  }
}

/** The step the transfer waits for, and whose scope it needs; null when nothing is pending. */
export function pendingAction(t: TransferShape): Exclude<TransferAction, 'tu_choi' | 'de_xuat'> | null {
  switch (t.state) {
    case 'de_xuat':
      return 'duyet';
    case 'da_duyet':
      return 'duyet_cap_tren';
    case 'cho_tiep_nhan':
      return 'tiep_nhan';
    case 'dang_tam_thoi':
      return 'tro_ve';
    default:
      return null;
  }
}

export function pendingActor(t: TransferShape): TransferActor | null {
  const a = pendingAction(t);
  if (!a) return null;
  const r = transferStep(t, a);
  return r.ok ? r.actor : null;
}

/** Every step the chain will have, in order, for showing it as steps. */
export function transferChain(t: Pick<TransferShape, 'kind' | 'needsUpper' | 'toInSystem'>): TransferAction[] {
  if (t.kind === 'den') return ['de_xuat', 'tiep_nhan'];
  const chain: TransferAction[] = ['de_xuat', 'duyet'];
  if (t.needsUpper) chain.push('duyet_cap_tren');
  if (t.toInSystem) chain.push('tiep_nhan');
  if (t.kind === 'tam_thoi') chain.push('tro_ve');
  return chain;
}

/** ISO date plus whole days, in UTC so no time zone shifts it. */
export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days a letter stays valid before an unreceived transfer counts as overdue (quá hạn). */
export const DEFAULT_RECEIPT_DAYS = 30;

export function receiptDeadline(letterDate: string, days = DEFAULT_RECEIPT_DAYS): string {
  return addDaysIso(letterDate, days);
}

/** Letter issued, not received, deadline passed. Derived, never stored. */
export function isTransferOverdue(t: { state: TransferState; receiveBy: string | null }, today: string): boolean {
  return t.state === 'cho_tiep_nhan' && t.receiveBy !== null && t.receiveBy < today;
}

/**
 * Whether the destination needs the upper committee: anything outside the sending base
 * organization's subtree (another commune, or outside the system).
 */
export function needsUpperApproval(basePath: string, destPath: string | null): boolean {
  return destPath === null || !destPath.startsWith(basePath);
}

/** Who may be transferred: only active members, and only one temporary absence at a time. */
export function transferRefusal(kind: TransferKind, p: { standing: string | null; activity: string | null }): string | null {
  if (kind === 'den') {
    return p.standing === null || p.standing === 'da_chuyen_di' ? null : 'Người này đang là đảng viên trong hệ thống (hoặc đã ra khỏi Đảng); không thể ghi chuyển đến.';
  }
  if (p.standing !== 'dang_sinh_hoat') return 'Chỉ chuyển sinh hoạt cho đảng viên đang sinh hoạt (không áp dụng cho người đã từ trần, xóa tên, khai trừ hoặc đã chuyển đi).';
  if (p.activity === 'tam_chuyen_di') return 'Đảng viên đang sinh hoạt tạm thời nơi khác; hãy ghi trở về trước khi chuyển tiếp.';
  if (kind === 'tam_thoi' && p.activity !== 'binh_thuong')
    return 'Đảng viên đang miễn sinh hoạt hoặc đi làm ăn xa; không thể chuyển sinh hoạt tạm thời.';
  return null;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** "ngày 05 tháng 3 năm 2026", as party letters date themselves (Hướng dẫn thể thức văn bản của Đảng). */
export function dateLineVi(iso: string): string {
  const [y, m, d] = iso.split('-');
  // Day written with two digits, month without a leading zero except as the rule allows: "ngày 05 tháng 3".
  return `ngày ${d} tháng ${Number(m)} năm ${y}`;
}

/** A day number spelled out, for the validity line read aloud at receipt ("ba mươi ngày"). */
export function numberWordsVi(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const unit = n % 10;
    const head = tens === 1 ? 'mười' : `${DIGITS[tens]} mươi`;
    if (unit === 0) return head;
    if (unit === 1 && tens > 1) return `${head} mốt`;
    if (unit === 5) return `${head} lăm`;
    return `${head} ${DIGITS[unit]}`;
  }
  return String(n);
}
