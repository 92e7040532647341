/**
 * Pure rules of the awards module: award kinds and levels, party-age badges (huy hiệu
 * … năm tuổi Đảng) and who is due one in a year, contests and prizes.
 */
import { addMonths } from '../dates.js';
import { addDaysIso } from './transfer.js';

/** The kinds the `award` table holds; `giay_khen` rows linked to a rating come from the ratings module. */
export const AWARD_KINDS = ['huan_chuong', 'huy_chuong', 'bang_khen', 'giay_khen', 'huy_hieu', 'danh_hieu', 'khac'] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
export const AWARD_KIND_LABELS: Record<AwardKind, { vi: string; en: string }> = {
  huan_chuong: { vi: 'Huân chương', en: 'Order' },
  huy_chuong: { vi: 'Huy chương', en: 'Medal' },
  bang_khen: { vi: 'Bằng khen', en: 'Certificate of merit' },
  giay_khen: { vi: 'Giấy khen', en: 'Commendation' },
  huy_hieu: { vi: 'Huy hiệu tuổi Đảng', en: 'Party-age badge' },
  danh_hieu: { vi: 'Danh hiệu thi đua', en: 'Emulation title' },
  khac: { vi: 'Khác', en: 'Other' },
};
export const AWARD_LEVELS = ['nha_nuoc', 'trung_uong', 'tinh', 'huyen', 'co_so'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const AWARD_LEVEL_LABELS: Record<AwardLevel, { vi: string; en: string }> = {
  nha_nuoc: { vi: 'Nhà nước', en: 'State' },
  trung_uong: { vi: 'Trung ương', en: 'Central' },
  tinh: { vi: 'Tỉnh', en: 'Province' },
  huyen: { vi: 'Huyện, xã (cấp trên cơ sở)', en: 'District / commune' },
  co_so: { vi: 'Cơ sở', en: 'Grassroots' },
};

// ---------------------------------------------------------------------------------------------
// Party-age badges. Rule sets are versioned data: the milestones in force for an award year.

export interface BadgeRuleSet {
  code: string;
  /** First award year the set applies to. */
  fromYear: number;
  milestones: readonly number[];
  /** The usual award days (MM-DD): 3/2, 19/5, 2/9, 7/11. */
  awardDays: readonly string[];
  note: string;
}

const AWARD_DAYS = ['02-03', '05-19', '09-02', '11-07'] as const;
/**
 * Earlier milestones stop at 75 years; today's list adds 80, 85 and 90. The year the longer
 * list took effect is configuration (check it against the regulation in force in the province);
 * history keeps whatever milestone was recorded on each badge.
 */
export const BADGE_RULE_SETS: readonly BadgeRuleSet[] = [
  { code: 'HH-75', fromYear: 1990, milestones: [30, 40, 45, 50, 55, 60, 65, 70, 75], awardDays: AWARD_DAYS, note: 'Mốc 30 đến 75 năm tuổi Đảng' },
  { code: 'HH-90', fromYear: 2021, milestones: [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90], awardDays: AWARD_DAYS, note: 'Mốc 30 đến 90 năm tuổi Đảng' },
];
export const DEFAULT_BADGE_RULE_SET = 'HH-90';
export const ALL_BADGE_MILESTONES = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90] as const;

/** The set in force for an award year; `code` pins one explicitly (province setting). */
export function badgeRuleSetFor(year: number, code?: string): BadgeRuleSet {
  if (code) {
    const pinned = BADGE_RULE_SETS.find((r) => r.code === code);
    if (pinned) return pinned;
  }
  const applicable = BADGE_RULE_SETS.filter((r) => r.fromYear <= year);
  return applicable[applicable.length - 1] ?? BADGE_RULE_SETS[0]!;
}

/** One continuous period inside the Party: [from, to) with `to` null while still a member. */
export interface PartyPeriod {
  from: string;
  to: string | null;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The day a member reaches `years` of party age.
 *
 * Rule implemented (Điều lệ Đảng, Điều 5: "tuổi đảng tính từ ngày ghi trong quyết định kết nạp,
 * trừ thời gian không tham gia sinh hoạt đảng"): party age runs from the first admission
 * decision; any time outside the Party (struck off, expelled, then readmitted or restored)
 * is not counted, so the milestone moves later by exactly the days of each gap. Periods
 * are taken from the member ledger (kết nạp / chuyển đến … xóa tên / khai trừ … phục hồi).
 * A member not in the Party on the milestone day is not due.
 */
export function partyAgeMilestone(periods: readonly PartyPeriod[], years: number): string | null {
  const sorted = [...periods].sort((a, b) => a.from.localeCompare(b.from));
  const first = sorted[0];
  if (!first) return null;
  let target = addMonths(first.from, years * 12);
  for (let i = 1; i < sorted.length; i++) {
    const prevEnd = sorted[i - 1]!.to;
    if (prevEnd === null) break;
    // Only gaps that start before the (moving) milestone delay it.
    if (prevEnd >= target) break;
    const gap = daysBetween(prevEnd, sorted[i]!.from);
    if (gap > 0) target = addDaysIso(target, gap);
  }
  const inParty = sorted.some((p) => p.from <= target && (p.to === null || p.to > target));
  return inParty ? target : null;
}

export interface BadgeDue {
  milestone: number;
  /** The day the member reaches it. */
  reachedOn: string;
  /** The next usual award day on or after it (3/2, 19/5, 2/9, 7/11), possibly next year. */
  awardDay: string;
}

/** The first usual award day on or after `iso`. */
export function nextBadgeAwardDay(iso: string, days: readonly string[] = AWARD_DAYS): string {
  const year = Number(iso.slice(0, 4));
  for (const y of [year, year + 1]) for (const d of days) if (`${y}-${d}` >= iso) return `${y}-${d}`;
  return `${year + 1}-${days[0]}`;
}

/**
 * Milestones a member reaches in `year` and has not yet received (`received` = milestones
 * already awarded). Usually one; none when the year holds no milestone.
 */
export function badgesDueInYear(periods: readonly PartyPeriod[], year: number, received: ReadonlySet<number>, rules: BadgeRuleSet = badgeRuleSetFor(year)): BadgeDue[] {
  const out: BadgeDue[] = [];
  for (const m of rules.milestones) {
    if (received.has(m)) continue;
    const reachedOn = partyAgeMilestone(periods, m);
    if (reachedOn && Number(reachedOn.slice(0, 4)) === year) out.push({ milestone: m, reachedOn, awardDay: nextBadgeAwardDay(reachedOn, rules.awardDays) });
  }
  return out;
}

/** Refusal for recording a badge: the member must have reached the milestone by the award date. */
export function badgeAwardProblem(periods: readonly PartyPeriod[], milestone: number, awardDate: string, rules: BadgeRuleSet): string | null {
  if (!rules.milestones.includes(milestone)) return `Không có mốc huy hiệu ${milestone} năm tuổi Đảng (các mốc: ${rules.milestones.join(', ')})`;
  const reached = partyAgeMilestone(periods, milestone);
  if (!reached) return `Đảng viên chưa đủ hoặc không còn trong Đảng khi đủ ${milestone} năm tuổi Đảng`;
  // A badge may be awarded at the ceremony before the exact day within the same year.
  if (Number(reached.slice(0, 4)) > Number(awardDate.slice(0, 4)))
    return `Đảng viên đủ ${milestone} năm tuổi Đảng vào ngày ${reached.split('-').reverse().join('/')}, sau năm trao`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Contests ("Bí thư chi bộ giỏi"…): rounds and prizes.

export const CONTEST_ROUND_KINDS = ['so_khao', 'ban_ket', 'chung_khao', 'khac'] as const;
export type ContestRoundKind = (typeof CONTEST_ROUND_KINDS)[number];
export const CONTEST_ROUND_LABELS: Record<ContestRoundKind, { vi: string; en: string }> = {
  so_khao: { vi: 'Vòng sơ khảo', en: 'Preliminary round' },
  ban_ket: { vi: 'Vòng bán kết', en: 'Semi-final' },
  chung_khao: { vi: 'Vòng chung khảo', en: 'Final' },
  khac: { vi: 'Vòng khác', en: 'Other round' },
};
export const CONTEST_PRIZES = ['nhat', 'nhi', 'ba', 'khuyen_khich'] as const;
export type ContestPrize = (typeof CONTEST_PRIZES)[number];
export const CONTEST_PRIZE_LABELS: Record<ContestPrize, { vi: string; en: string }> = {
  nhat: { vi: 'Giải nhất', en: 'First prize' },
  nhi: { vi: 'Giải nhì', en: 'Second prize' },
  ba: { vi: 'Giải ba', en: 'Third prize' },
  khuyen_khich: { vi: 'Giải khuyến khích', en: 'Encouragement prize' },
};
