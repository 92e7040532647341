/**
 * The member status ledger. Current state and membership episodes are a pure fold
 * over the person's events, so the database rows derived from them can always be
 * rebuilt and checked, and every rule lives in one tested table.
 */

export const MEMBER_EVENT_KINDS = [
  'ket_nap',
  'cong_nhan_chinh_thuc',
  'khong_cong_nhan',
  'chuyen_den',
  'chuyen_noi_bo',
  'chuyen_di',
  'tam_chuyen_di',
  'tam_chuyen_ve',
  'mien_sinh_hoat',
  'het_mien_sinh_hoat',
  'di_lam_an_xa',
  'tro_ve_sinh_hoat',
  'xoa_ten',
  'khai_tru',
  'tu_tran',
  'phuc_hoi',
] as const;
export type MemberEventKind = (typeof MEMBER_EVENT_KINDS)[number];

export const MEMBER_EVENT_LABELS: Record<MemberEventKind, { vi: string; en: string }> = {
  ket_nap: { vi: 'Kết nạp', en: 'Admitted' },
  cong_nhan_chinh_thuc: { vi: 'Công nhận đảng viên chính thức', en: 'Full membership' },
  khong_cong_nhan: { vi: 'Không công nhận đảng viên chính thức', en: 'Full membership not recognized' },
  chuyen_den: { vi: 'Chuyển sinh hoạt đến (từ ngoài hệ thống)', en: 'Transferred in' },
  chuyen_noi_bo: { vi: 'Chuyển sinh hoạt chính thức (trong hệ thống)', en: 'Transferred within the system' },
  chuyen_di: { vi: 'Chuyển sinh hoạt đi (ra ngoài hệ thống)', en: 'Transferred out' },
  tam_chuyen_di: { vi: 'Chuyển sinh hoạt tạm thời', en: 'Temporary transfer out' },
  tam_chuyen_ve: { vi: 'Kết thúc sinh hoạt tạm thời', en: 'Return from temporary transfer' },
  mien_sinh_hoat: { vi: 'Miễn sinh hoạt và công tác', en: 'Exempted from activity' },
  het_mien_sinh_hoat: { vi: 'Thôi miễn sinh hoạt', en: 'Exemption ended' },
  di_lam_an_xa: { vi: 'Đi làm ăn xa', en: 'Working away' },
  tro_ve_sinh_hoat: { vi: 'Trở về sinh hoạt', en: 'Returned from working away' },
  xoa_ten: { vi: 'Xóa tên', en: 'Struck off' },
  khai_tru: { vi: 'Khai trừ', en: 'Expelled' },
  tu_tran: { vi: 'Từ trần', en: 'Deceased' },
  phuc_hoi: { vi: 'Phục hồi, kết nạp lại', en: 'Restored' },
};

/** Losses in the official "đảng viên giảm" statistic, by reason. */
export const LOSS_EVENT_KINDS = ['tu_tran', 'xoa_ten', 'khai_tru', 'chuyen_di', 'khong_cong_nhan'] as const satisfies readonly MemberEventKind[];

/** Event filters users can pick: every kind, plus all losses together. */
export const ANY_LOSS = 'giam' as const;
export const MEMBER_EVENT_FILTERS = [...MEMBER_EVENT_KINDS, ANY_LOSS] as const;
export type MemberEventFilter = (typeof MEMBER_EVENT_FILTERS)[number];
export const eventKindsOf = (f: MemberEventFilter): readonly MemberEventKind[] => (f === ANY_LOSS ? LOSS_EVENT_KINDS : [f]);

export const MEMBER_EVENT_FILTER_LABELS: Record<MemberEventFilter, { vi: string; en: string }> = {
  ...MEMBER_EVENT_LABELS,
  giam: { vi: 'Đảng viên giảm (mọi lý do)', en: 'Members lost (any reason)' },
};

/** Standing: whether and how the person is (or was) a member. null = never a member. */
export const STANDINGS = ['dang_sinh_hoat', 'da_chuyen_di', 'xoa_ten', 'khai_tru', 'tu_tran', 'khong_cong_nhan'] as const;
export type Standing = (typeof STANDINGS)[number];
export const ACTIVITIES = ['binh_thuong', 'mien_sinh_hoat', 'lam_an_xa', 'tam_chuyen_di'] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const STANDING_LABELS: Record<Standing, { vi: string; en: string }> = {
  dang_sinh_hoat: { vi: 'Đang sinh hoạt', en: 'Active' },
  da_chuyen_di: { vi: 'Đã chuyển đi', en: 'Transferred out' },
  xoa_ten: { vi: 'Đã xóa tên', en: 'Struck off' },
  khai_tru: { vi: 'Đã khai trừ', en: 'Expelled' },
  tu_tran: { vi: 'Đã từ trần', en: 'Deceased' },
  khong_cong_nhan: { vi: 'Không được công nhận chính thức', en: 'Not recognized' },
};

/** The filter codes users pick from: one list covering grade, activity and standing. */
export const MEMBER_STATUS_FILTERS = [
  'dang_sinh_hoat',
  'du_bi',
  'chinh_thuc',
  'mien_sinh_hoat',
  'lam_an_xa',
  'tam_chuyen_di',
  'da_chuyen_di',
  'xoa_ten',
  'khai_tru',
  'tu_tran',
  'khong_cong_nhan',
] as const;
export type MemberStatusFilter = (typeof MEMBER_STATUS_FILTERS)[number];

export const MEMBER_STATUS_LABELS: Record<MemberStatusFilter, { vi: string; en: string }> = {
  dang_sinh_hoat: { vi: 'Đang sinh hoạt', en: 'Active' },
  du_bi: { vi: 'Dự bị', en: 'Probationary' },
  chinh_thuc: { vi: 'Chính thức', en: 'Full member' },
  mien_sinh_hoat: { vi: 'Miễn sinh hoạt', en: 'Exempted' },
  lam_an_xa: { vi: 'Đi làm ăn xa', en: 'Working away' },
  tam_chuyen_di: { vi: 'Sinh hoạt tạm thời nơi khác', en: 'Temporarily elsewhere' },
  da_chuyen_di: STANDING_LABELS.da_chuyen_di,
  xoa_ten: STANDING_LABELS.xoa_ten,
  khai_tru: STANDING_LABELS.khai_tru,
  tu_tran: STANDING_LABELS.tu_tran,
  khong_cong_nhan: STANDING_LABELS.khong_cong_nhan,
};

export interface LedgerEvent {
  id: string;
  kind: MemberEventKind;
  effectiveDate: string;
  /** Target cell for events that place the member somewhere. */
  orgId?: string | null;
  /** Carried by a transfer in: the member's dates from the sending organization. */
  admittedOn?: string | null;
  officialOn?: string | null;
}

export interface DerivedEpisode {
  causeEventId: string;
  endEventId: string | null;
  orgId: string;
  kind: 'primary' | 'secondary';
  validFrom: string;
  validTo: string | null;
}

export interface MemberState {
  standing: Standing | null;
  activity: Activity | null;
  admittedOn: string | null;
  officialOn: string | null;
  orgId: string | null;
  episodes: DerivedEpisode[];
}

export interface LedgerViolation {
  code: string;
  message: string;
  field: string;
  eventId: string;
}

export type FoldResult = { ok: true; state: MemberState } | { ok: false; violation: LedgerViolation };

type Check = (s: MemberState, e: LedgerEvent) => string | null;

const active: Check = (s) => (s.standing === 'dang_sinh_hoat' ? null : 'chỉ áp dụng cho đảng viên đang sinh hoạt');
const activityIs =
  (a: Activity, what: string): Check =>
  (s, e) =>
    active(s, e) ?? (s.activity === a ? null : what);
const needsOrg: Check = (_s, e) => (e.orgId ? null : 'cần chỉ rõ chi bộ');

/** For each event kind: which states allow it. A message means refused. */
export const MEMBER_TRANSITIONS: Record<MemberEventKind, Check[]> = {
  ket_nap: [(s) => (s.standing === null ? null : 'người này đã từng là đảng viên; dùng "Phục hồi, kết nạp lại"'), needsOrg],
  cong_nhan_chinh_thuc: [active, (s) => (s.officialOn === null ? null : 'đảng viên đã là chính thức')],
  khong_cong_nhan: [active, (s) => (s.officialOn === null ? null : 'đảng viên đã là chính thức')],
  chuyen_den: [
    (s) => (s.standing === null || s.standing === 'da_chuyen_di' ? null : 'đảng viên đang sinh hoạt hoặc đã ra khỏi Đảng'),
    needsOrg,
  ],
  chuyen_noi_bo: [active, needsOrg, (s, e) => (s.orgId !== e.orgId ? null : 'chi bộ chuyển đến trùng chi bộ hiện tại')],
  chuyen_di: [active],
  tam_chuyen_di: [activityIs('binh_thuong', 'đảng viên đang miễn sinh hoạt, đi làm ăn xa hoặc sinh hoạt tạm thời')],
  tam_chuyen_ve: [activityIs('tam_chuyen_di', 'đảng viên không sinh hoạt tạm thời nơi khác')],
  mien_sinh_hoat: [activityIs('binh_thuong', 'đảng viên không ở trạng thái sinh hoạt bình thường')],
  het_mien_sinh_hoat: [activityIs('mien_sinh_hoat', 'đảng viên không được miễn sinh hoạt')],
  di_lam_an_xa: [activityIs('binh_thuong', 'đảng viên không ở trạng thái sinh hoạt bình thường')],
  tro_ve_sinh_hoat: [activityIs('lam_an_xa', 'đảng viên không đi làm ăn xa')],
  xoa_ten: [active],
  khai_tru: [active],
  tu_tran: [active],
  phuc_hoi: [(s) => (s.standing === 'xoa_ten' || s.standing === 'khai_tru' ? null : 'chỉ phục hồi người đã bị xóa tên hoặc khai trừ'), needsOrg],
};

const MIN_PROBATION_MONTHS = 12;

function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function close(s: MemberState, kind: 'primary' | 'secondary' | 'all', on: string, endEventId: string) {
  for (const ep of s.episodes) {
    if (ep.validTo === null && (kind === 'all' || ep.kind === kind)) {
      ep.validTo = on;
      ep.endEventId = endEventId;
    }
  }
}

function open(s: MemberState, e: LedgerEvent, kind: 'primary' | 'secondary') {
  s.episodes.push({ causeEventId: e.id, endEventId: null, orgId: e.orgId!, kind, validFrom: e.effectiveDate, validTo: null });
}

export const emptyMemberState = (): MemberState => ({
  standing: null,
  activity: null,
  admittedOn: null,
  officialOn: null,
  orgId: null,
  episodes: [],
});

/** Apply one event; returns a refusal message or mutates the state. */
function apply(s: MemberState, e: LedgerEvent): LedgerViolation | null {
  const refuse = (message: string, field = 'kind', code = 'MEMBER_TRANSITION_REFUSED'): LedgerViolation => ({
    code,
    message,
    field,
    eventId: e.id,
  });
  for (const check of MEMBER_TRANSITIONS[e.kind]) {
    const why = check(s, e);
    if (why) return refuse(`Không thể ghi "${MEMBER_EVENT_LABELS[e.kind].vi}": ${why}.`, why === 'cần chỉ rõ chi bộ' ? 'orgId' : 'kind');
  }
  const d = e.effectiveDate;
  switch (e.kind) {
    case 'ket_nap':
    case 'phuc_hoi':
      s.standing = 'dang_sinh_hoat';
      s.activity = 'binh_thuong';
      s.admittedOn = d;
      s.officialOn = null;
      s.orgId = e.orgId!;
      open(s, e, 'primary');
      break;
    case 'cong_nhan_chinh_thuc': {
      const earliest = addMonthsIso(s.admittedOn!, MIN_PROBATION_MONTHS);
      if (d < earliest)
        return refuse(
          `Ngày công nhận chính thức phải sau ngày kết nạp ít nhất 12 tháng (sớm nhất ${earliest.split('-').reverse().join('/')}).`,
          'effectiveDate',
          'PROBATION_TOO_SHORT',
        );
      s.officialOn = d;
      break;
    }
    case 'chuyen_den':
      s.standing = 'dang_sinh_hoat';
      s.activity = 'binh_thuong';
      s.admittedOn = e.admittedOn ?? s.admittedOn ?? d;
      s.officialOn = e.officialOn ?? s.officialOn;
      s.orgId = e.orgId!;
      open(s, e, 'primary');
      break;
    case 'chuyen_noi_bo':
      close(s, 'primary', d, e.id);
      s.orgId = e.orgId!;
      open(s, e, 'primary');
      break;
    case 'tam_chuyen_di':
      s.activity = 'tam_chuyen_di';
      // Temporary activity elsewhere is a secondary episode; the home cell keeps the member.
      if (e.orgId) open(s, e, 'secondary');
      break;
    case 'tam_chuyen_ve':
      s.activity = 'binh_thuong';
      close(s, 'secondary', d, e.id);
      break;
    case 'mien_sinh_hoat':
      s.activity = 'mien_sinh_hoat';
      break;
    case 'di_lam_an_xa':
      s.activity = 'lam_an_xa';
      break;
    case 'het_mien_sinh_hoat':
    case 'tro_ve_sinh_hoat':
      s.activity = 'binh_thuong';
      break;
    case 'chuyen_di':
    case 'xoa_ten':
    case 'khai_tru':
    case 'tu_tran':
    case 'khong_cong_nhan': {
      const standing: Record<string, Standing> = {
        chuyen_di: 'da_chuyen_di',
        xoa_ten: 'xoa_ten',
        khai_tru: 'khai_tru',
        tu_tran: 'tu_tran',
        khong_cong_nhan: 'khong_cong_nhan',
      };
      s.standing = standing[e.kind]!;
      s.activity = null;
      close(s, 'all', d, e.id);
      break;
    }
  }
  return null;
}

/** Events must be in ledger order (effective date, then recording order). */
export function foldMemberEvents(events: readonly LedgerEvent[]): FoldResult {
  const s = emptyMemberState();
  let last = '';
  for (const e of events) {
    if (e.effectiveDate < last)
      return {
        ok: false,
        violation: { code: 'EVENT_OUT_OF_ORDER', message: 'Các sự kiện phải theo thứ tự ngày hiệu lực.', field: 'effectiveDate', eventId: e.id },
      };
    last = e.effectiveDate;
    const v = apply(s, e);
    if (v) return { ok: false, violation: v };
  }
  return { ok: true, state: s };
}

export function isProbationaryOn(state: Pick<MemberState, 'admittedOn' | 'officialOn'>, on: string): boolean {
  return state.admittedOn !== null && state.admittedOn <= on && (state.officialOn === null || state.officialOn > on);
}
