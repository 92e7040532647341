import { addMonths, formatDateVi } from '../dates.js';
import type { Activity, Standing } from './memberLedger.js';
import { PARTY_POST_LABELS, type PostTitle } from './organization.js';

/**
 * Cadre work as pure rules: who may hold which post, when two holders collide, which
 * combinations of posts the reports name, and which committee terms are due. The server
 * enforces them; the screens use them to warn before sending.
 */

export const POST_CATEGORIES = ['dang', 'chinh_quyen', 'cong_dong'] as const;
export type PostCategory = (typeof POST_CATEGORIES)[number];
export const POST_CATEGORY_LABELS: Record<PostCategory, { vi: string; en: string }> = {
  dang: { vi: 'Chức vụ trong Đảng', en: 'Party posts' },
  chinh_quyen: { vi: 'Chính quyền', en: 'State posts' },
  cong_dong: { vi: 'Mặt trận, cộng đồng dân cư', en: 'Front and community posts' },
};

export interface PostRule {
  category: PostCategory;
  /** Only a member in ordinary activity on the day may hold it. */
  partyOnly: boolean;
  /** One holder at a time per organization ('org') or per host unit ('unit'); null = several. */
  single: 'org' | 'unit' | null;
  /** Host-unit kinds the post belongs to; null = not tied to a host unit. */
  hostKinds: readonly string[] | null;
}

const AGENCY_KINDS = ['truong_hoc', 'tram_y_te', 'co_quan_hanh_chinh', 'don_vi_su_nghiep', 'doanh_nghiep_nha_nuoc', 'doanh_nghiep_ngoai_nha_nuoc', 'luc_luong_vu_trang', 'khac'];

export const POST_RULES: Record<PostTitle, PostRule> = {
  bi_thu: { category: 'dang', partyOnly: true, single: 'org', hostKinds: null },
  pho_bi_thu: { category: 'dang', partyOnly: true, single: null, hostKinds: null },
  uy_vien_btv: { category: 'dang', partyOnly: true, single: null, hostKinds: null },
  cap_uy_vien: { category: 'dang', partyOnly: true, single: null, hostKinds: null },
  chu_tich_hdnd: { category: 'chinh_quyen', partyOnly: false, single: 'org', hostKinds: null },
  pho_chu_tich_hdnd: { category: 'chinh_quyen', partyOnly: false, single: null, hostKinds: null },
  chu_tich_ubnd: { category: 'chinh_quyen', partyOnly: false, single: 'org', hostKinds: null },
  pho_chu_tich_ubnd: { category: 'chinh_quyen', partyOnly: false, single: null, hostKinds: null },
  thu_truong: { category: 'chinh_quyen', partyOnly: false, single: 'unit', hostKinds: AGENCY_KINDS },
  chu_tich_ubmttq: { category: 'cong_dong', partyOnly: false, single: 'org', hostKinds: null },
  truong_thon: { category: 'cong_dong', partyOnly: false, single: 'unit', hostKinds: ['thon_ban', 'khu_dan_cu'] },
  to_truong_tdp: { category: 'cong_dong', partyOnly: false, single: 'unit', hostKinds: ['to_dan_pho', 'khu_dan_cu'] },
};

export const postCategoryOf = (title: PostTitle): PostCategory => POST_RULES[title].category;
export const VILLAGE_HEAD_TITLES: readonly PostTitle[] = ['truong_thon', 'to_truong_tdp'];
/** "Thường trực cấp ủy": the secretary and deputies. */
export const STANDING_SECRETARY_TITLES: readonly PostTitle[] = ['bi_thu', 'pho_bi_thu'];

export const ROTATION_KINDS = ['luan_chuyen', 'dieu_dong', 'tang_cuong'] as const;
export type RotationKind = (typeof ROTATION_KINDS)[number];
export const ROTATION_KIND_LABELS: Record<RotationKind, { vi: string; en: string }> = {
  luan_chuyen: { vi: 'Luân chuyển', en: 'Rotation' },
  dieu_dong: { vi: 'Điều động', en: 'Reassignment' },
  tang_cuong: { vi: 'Tăng cường', en: 'Reinforcement' },
};

/** Host-unit flags; stored as JSON on each dated version of a unit. */
export const HOST_UNIT_FLAGS = ['bien_gioi', 'dtts', 'dbkk'] as const;
export type HostUnitFlag = (typeof HOST_UNIT_FLAGS)[number];
export type HostUnitFlags = Record<HostUnitFlag, boolean>;
export const HOST_UNIT_FLAG_LABELS: Record<HostUnitFlag, { vi: string; en: string }> = {
  bien_gioi: { vi: 'Xã biên giới', en: 'Border commune' },
  dtts: { vi: 'Vùng đồng bào dân tộc thiểu số', en: 'Ethnic-minority area' },
  dbkk: { vi: 'Đặc biệt khó khăn', en: 'Especially difficult' },
};
/** A host unit as the register stood on a date, with the cell serving it then. */
export interface UnitOnDate {
  id: string;
  code: string;
  kind: string;
  name: string;
  orgId: string;
  orgName: string;
  flags: HostUnitFlags;
  version: number;
  validFrom: string;
  validTo: string | null;
  cellOrgId: string | null;
  cellName: string | null;
  /** own: the cell serves only this unit on the date; shared: several. */
  link: 'own' | 'shared' | 'none';
  members: number;
  fullMembers: number;
}

export function parseFlags(json: string | null | undefined): HostUnitFlags {
  let raw: Partial<Record<HostUnitFlag, unknown>> = {};
  try {
    raw = json ? (JSON.parse(json) as typeof raw) : {};
  } catch {
    raw = {};
  }
  return { bien_gioi: raw.bien_gioi === true, dtts: raw.dtts === true, dbkk: raw.dbkk === true };
}

/** Coverage groups: each reported on its own, as the articles do. */
export const COVERAGE_GROUPS = ['villages', 'schools', 'health'] as const;
export type CoverageGroup = (typeof COVERAGE_GROUPS)[number];
export const COVERAGE_GROUP_KINDS: Record<CoverageGroup, readonly string[]> = {
  villages: ['thon_ban', 'to_dan_pho', 'khu_dan_cu'],
  schools: ['truong_hoc'],
  health: ['tram_y_te'],
};
/** A cell needs at least this many full members. */
export const MIN_FULL_MEMBERS = 3;

// ---------------------------------------------------------------------------------------------
// Intervals

/** A half-open period [from, to); to null = still running. */
export interface Period {
  from: string;
  to: string | null;
}
export function overlaps(a: Period, b: Period): boolean {
  return (a.to === null || b.from < a.to) && (b.to === null || a.from < b.to);
}

export interface Violation {
  code: string;
  message: string;
  field: string;
}
const dmy = (iso: string) => formatDateVi(iso);

// ---------------------------------------------------------------------------------------------
// Appointments

/** A person as the ledger says they were on the appointment day. */
export interface HolderOnDate {
  standing: Standing | null;
  activity: Activity | null;
}

export interface ExistingPost extends Period {
  id: string;
  personId: string;
  personName: string;
  title: PostTitle;
  orgId: string;
  hostUnitId: string | null;
}

export interface AppointmentInput {
  personId: string;
  title: PostTitle;
  orgId: string;
  hostUnitId: string | null;
  from: string;
  to: string | null;
  /** A current holder's post ended on `from` in the same change (an explicit handover). */
  replacePostId?: string | null;
}

export interface AppointmentContext {
  today: string;
  holder: HolderOnDate;
  /** The host unit named, with its kind, if one was named. */
  hostUnit: { kind: string; alive: boolean } | null;
  term: { from: string; to: string | null } | null;
  /** Posts of the same organization (and host unit) and every post of the person. */
  posts: readonly ExistingPost[];
}

/** Why an appointment is refused, or null. Every refusal names the field to fix. */
export function checkAppointment(a: AppointmentInput, c: AppointmentContext): Violation | null {
  const rule = POST_RULES[a.title];
  const label = PARTY_POST_LABELS[a.title].vi;
  if (a.from > c.today) return { code: 'DATE_IN_FUTURE', message: 'Ngày bắt đầu giữ chức vụ không được sau hôm nay.', field: 'validFrom' };
  if (a.to !== null && a.to <= a.from) return { code: 'END_BEFORE_START', message: 'Ngày thôi giữ chức vụ phải sau ngày bắt đầu.', field: 'validTo' };
  if (a.to !== null && a.to > c.today) return { code: 'DATE_IN_FUTURE', message: 'Ngày thôi giữ chức vụ không được sau hôm nay.', field: 'validTo' };
  if (rule.partyOnly) {
    if (c.holder.standing !== 'dang_sinh_hoat')
      return { code: 'NOT_ACTIVE_MEMBER', message: `Chức vụ ${label} chỉ dành cho đảng viên đang sinh hoạt vào ngày bắt đầu.`, field: 'personId' };
    if (c.holder.activity === 'mien_sinh_hoat' || c.holder.activity === 'lam_an_xa')
      return {
        code: 'MEMBER_NOT_AVAILABLE',
        message: `Không thể bổ nhiệm ${label}: đảng viên đang ${c.holder.activity === 'mien_sinh_hoat' ? 'được miễn sinh hoạt và công tác' : 'đi làm ăn xa'} vào ngày bắt đầu.`,
        field: 'personId',
      };
  }
  if (rule.hostKinds) {
    if (!c.hostUnit) return { code: 'HOST_UNIT_REQUIRED', message: `Chức vụ ${label} phải gắn với một thôn, bản, tổ dân phố hoặc đơn vị.`, field: 'hostUnitId' };
    if (!rule.hostKinds.includes(c.hostUnit.kind))
      return { code: 'HOST_UNIT_KIND', message: `Chức vụ ${label} không thuộc loại đơn vị đã chọn.`, field: 'hostUnitId' };
    if (!c.hostUnit.alive) return { code: 'HOST_UNIT_ENDED', message: 'Đơn vị không tồn tại vào ngày bắt đầu.', field: 'hostUnitId' };
  }
  if (c.term && (a.from < c.term.from || (c.term.to !== null && a.from >= c.term.to)))
    return { code: 'OUTSIDE_TERM', message: `Ngày bắt đầu phải nằm trong nhiệm kỳ (từ ${dmy(c.term.from)}${c.term.to ? ` đến trước ${dmy(c.term.to)}` : ''}).`, field: 'validFrom' };
  const mine: Period = { from: a.from, to: a.to };
  // The handed-over post counts as ending on the new holder's first day.
  const posts = c.posts.map((p) => (p.id === a.replacePostId ? { ...p, to: a.from } : p));
  const replaced = c.posts.find((p) => p.id === a.replacePostId);
  if (a.replacePostId && (!replaced || replaced.title !== a.title || replaced.orgId !== a.orgId || replaced.hostUnitId !== a.hostUnitId))
    return { code: 'REPLACED_POST_MISMATCH', message: 'Chức vụ được thay thế không phải cùng chức vụ của tổ chức, đơn vị này.', field: 'replacePostId' };
  if (replaced && (replaced.from >= a.from || (replaced.to !== null && replaced.to < a.from)))
    return { code: 'REPLACED_POST_DATES', message: 'Chức vụ được thay thế phải đang giữ vào ngày bàn giao.', field: 'replacePostId' };
  const same = posts.find(
    (p) => p.personId === a.personId && p.title === a.title && p.orgId === a.orgId && p.hostUnitId === a.hostUnitId && overlaps(p, mine),
  );
  if (same) return { code: 'POST_OVERLAP', message: `Người này đã giữ chức vụ ${label} ở đây từ ${dmy(same.from)}; thời gian bị trùng.`, field: 'validFrom' };
  if (rule.single) {
    const other = posts.find(
      (p) => p.title === a.title && p.personId !== a.personId && (rule.single === 'org' ? p.orgId === a.orgId : p.hostUnitId === a.hostUnitId) && overlaps(p, mine),
    );
    if (other)
      return {
        code: 'SECOND_HOLDER',
        message: `${rule.single === 'org' ? 'Tổ chức' : 'Đơn vị'} đã có ${label} (${other.personName}) từ ${dmy(other.from)}. Hãy cho thôi chức vụ đó cùng ngày (chọn "thay thế") trước khi bổ nhiệm người mới.`,
        field: 'personId',
      };
  }
  return null;
}

/** Why ending a post on `to` is refused, or null. */
export function checkPostEnd(post: Period, to: string, today: string): Violation | null {
  if (post.to !== null) return { code: 'POST_ALREADY_ENDED', message: `Chức vụ đã kết thúc ngày ${dmy(post.to)}.`, field: 'validTo' };
  if (to <= post.from) return { code: 'END_BEFORE_START', message: `Ngày thôi giữ chức vụ phải sau ngày bắt đầu (${dmy(post.from)}).`, field: 'validTo' };
  if (to > today) return { code: 'DATE_IN_FUTURE', message: 'Ngày thôi giữ chức vụ không được sau hôm nay.', field: 'validTo' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Committee terms

export interface TermLike {
  id: string;
  orgId: string;
  startDate: string;
  plannedEndDate: string;
  endDate: string | null;
}

export function checkTerm(t: Omit<TermLike, 'id' | 'orgId'> & { id?: string }, others: readonly TermLike[], today: string): Violation | null {
  if (t.startDate > today) return { code: 'DATE_IN_FUTURE', message: 'Ngày bắt đầu nhiệm kỳ không được sau hôm nay.', field: 'startDate' };
  if (t.plannedEndDate <= t.startDate) return { code: 'END_BEFORE_START', message: 'Ngày kết thúc dự kiến phải sau ngày bắt đầu nhiệm kỳ.', field: 'plannedEndDate' };
  if (t.endDate !== null && t.endDate <= t.startDate) return { code: 'END_BEFORE_START', message: 'Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.', field: 'endDate' };
  if (t.endDate !== null && t.endDate > today) return { code: 'DATE_IN_FUTURE', message: 'Ngày kết thúc nhiệm kỳ không được sau hôm nay.', field: 'endDate' };
  const mine = { from: t.startDate, to: t.endDate };
  const clash = others.find((o) => o.id !== t.id && overlaps({ from: o.startDate, to: o.endDate }, mine));
  if (clash)
    return {
      code: 'TERM_OVERLAP',
      message: `Tổ chức đã có nhiệm kỳ từ ${dmy(clash.startDate)}${clash.endDate ? ` đến ${dmy(clash.endDate)}` : ' chưa kết thúc'}; các nhiệm kỳ không được trùng nhau. Hãy kết thúc nhiệm kỳ đó trước.`,
      field: 'startDate',
    };
  return null;
}

export type TermReminder = 'overdue' | 'due_soon';
/**
 * The latest term of each organization that needs a congress: its planned end within
 * `months` (due soon), or passed (or the term ended) with no newer term (overdue).
 */
export function termReminders<T extends TermLike>(terms: readonly T[], today: string, months = 6): { term: T; reminder: TermReminder }[] {
  const latest = new Map<string, T>();
  for (const t of terms) {
    const cur = latest.get(t.orgId);
    if (!cur || t.startDate > cur.startDate) latest.set(t.orgId, t);
  }
  const horizon = addMonths(today, months);
  const out: { term: T; reminder: TermReminder }[] = [];
  for (const t of latest.values()) {
    if (t.endDate !== null || t.plannedEndDate <= today) out.push({ term: t, reminder: 'overdue' });
    else if (t.plannedEndDate <= horizon) out.push({ term: t, reminder: 'due_soon' });
  }
  return out.sort((a, b) => a.term.plannedEndDate.localeCompare(b.term.plannedEndDate));
}

// ---------------------------------------------------------------------------------------------
// Concurrent posts

export const CONCURRENCY_COMBOS = ['bi_thu_chi_bo_kiem_truong_thon', 'thuong_truc_kiem_chu_tich_hdnd', 'thuong_truc_kiem_chu_tich_ubnd'] as const;
export type ConcurrencyCombo = (typeof CONCURRENCY_COMBOS)[number];
export const CONCURRENCY_COMBO_LABELS: Record<ConcurrencyCombo, { vi: string; en: string }> = {
  bi_thu_chi_bo_kiem_truong_thon: { vi: 'Bí thư chi bộ kiêm trưởng thôn, bản (tổ trưởng tổ dân phố)', en: 'Cell secretary who is also village head' },
  thuong_truc_kiem_chu_tich_hdnd: { vi: 'Thường trực cấp ủy (bí thư, phó bí thư) đồng thời là Chủ tịch HĐND', en: "Secretary or deputy who is also People's Council chair" },
  thuong_truc_kiem_chu_tich_ubnd: { vi: 'Thường trực cấp ủy (bí thư, phó bí thư) đồng thời là Chủ tịch UBND', en: "Secretary or deputy who is also People's Committee chair" },
};

export interface HeldPost {
  title: PostTitle;
  orgId: string;
  /** Kind of the organization the post belongs to, on the date. */
  orgKind: string;
}
const CELL_KINDS = ['chi_bo_co_so', 'chi_bo_truc_thuoc'];

/**
 * The named combinations one person's posts on a date make. State chairs are recorded on the
 * commune's party organization, so "đồng thời" means the same organization.
 */
export function combosOf(posts: readonly HeldPost[]): ConcurrencyCombo[] {
  const out: ConcurrencyCombo[] = [];
  const has = (p: (x: HeldPost) => boolean) => posts.some(p);
  if (has((p) => p.title === 'bi_thu' && CELL_KINDS.includes(p.orgKind)) && has((p) => VILLAGE_HEAD_TITLES.includes(p.title))) out.push('bi_thu_chi_bo_kiem_truong_thon');
  const standingOrgs = new Set(posts.filter((p) => STANDING_SECRETARY_TITLES.includes(p.title)).map((p) => p.orgId));
  if (posts.some((p) => p.title === 'chu_tich_hdnd' && standingOrgs.has(p.orgId))) out.push('thuong_truc_kiem_chu_tich_hdnd');
  if (posts.some((p) => p.title === 'chu_tich_ubnd' && standingOrgs.has(p.orgId))) out.push('thuong_truc_kiem_chu_tich_ubnd');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Host units

/** Why a dated change to a unit (rename, flags, cell link, end, merge) is refused, or null. */
export function checkUnitChange(u: { from: string; to: string | null; lastChange: string }, on: string, today: string, field = 'effectiveDate'): Violation | null {
  if (on > today) return { code: 'DATE_IN_FUTURE', message: 'Ngày hiệu lực không được sau hôm nay.', field };
  if (u.to !== null) return { code: 'UNIT_ENDED', message: `Đơn vị đã thôi tồn tại từ ${dmy(u.to)}.`, field };
  if (on <= u.lastChange)
    return {
      code: 'BEFORE_LAST_CHANGE',
      message: `Ngày hiệu lực phải sau lần thay đổi gần nhất của đơn vị (${dmy(u.lastChange)}). Lịch sử trước đó không bị ghi đè.`,
      field,
    };
  return null;
}
