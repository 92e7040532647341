import {
  addMonths,
  isCellKind,
  lastDayOf,
  meetingScoreRulesOn,
  monthOf,
  type Existence,
  type MeetingClass,
  type MeetingScoreRuleSet,
  scoreMeeting,
} from '@dangvu/common';
import { inSubtrees } from '../../../db/sql.js';
import type { MeetingAttendanceTable, MeetingGuestTable, MeetingTable } from '../../meetings/meetings.tables.js';
import type { Rng } from '../prng.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';

/** Ten years of monthly history. */
const MONTHS = 120;
/** Completed months (before the current one) that get per-member attendance rows; older ones keep counts only. */
const DETAILED_MONTHS = 2;
/** Months with a per-criterion score breakdown; older meetings keep the total and class. */
const SCORED_DETAIL_MONTHS = 12;

const STATUS_ODDS = [['co_mat', 0.9], ['vang_co_ly_do', 0.08], ['vang_khong_ly_do', 0.02]] as const;
const FATE_ODDS = [['reported', 0.5], ['held', 0.2], ['planned', 0.18], ['none', 0.12]] as const;
const REASONS = ['Ốm', 'Đi công tác', 'Việc gia đình', 'Đi làm nương xa', 'Đưa con đi viện'];
const HIGHER = [
  ['Phó Bí thư Đảng ủy', 'Đảng ủy cấp trên'],
  ['Ủy viên Ban Thường vụ', 'Đảng ủy cấp trên'],
  ['Thành viên tổ công tác', 'Ban Tổ chức cấp trên'],
] as const;
const GIVEN = ['Văn Hùng', 'Thị Lan', 'Văn Thắng', 'Thị Hoa', 'Văn Sơn', 'Thị Mai', 'A Páo', 'Thị Dung'];
const FAMILY = ['Lò', 'Hoàng', 'Nguyễn', 'Giàng', 'Lường', 'Vàng', 'Trần', 'Đinh'];
/** Monthly class odds by the kind of cell (most are good; a few are weak), after seed-extraction §3.2. */
const QUALITY: readonly (readonly [readonly (readonly [MeetingClass, number])[], number])[] = [
  [[['tot', 0.88], ['kha', 0.12]], 0.8],
  [[['tot', 0.5], ['kha', 0.45], ['trung_binh', 0.05]], 0.15],
  [[['tot', 0.2], ['kha', 0.5], ['trung_binh', 0.27], ['kem', 0.03]], 0.05],
];

type OldMeeting = Omit<
  MeetingTable,
  'agenda' | 'location' | 'published_on' | 'duration_minutes' | 'chair_name' | 'secretary_name' | 'attendance_rows' | 'score_detail' | 'revision' | 'version' | 'created_by'
>;

interface Version {
  from: string;
  to: string | null;
  path: string;
}

/** A total within the class's band of the rule set, in half points. */
function totalFor(rng: Rng, rules: MeetingScoreRuleSet, cls: MeetingClass): number {
  const t = rules.thresholds;
  const [lo, hi] = cls === 'tot' ? [t.tot, 100] : cls === 'kha' ? [t.kha, t.tot - 0.5] : cls === 'trung_binh' ? [t.trung_binh, t.kha - 0.5] : [35, t.trung_binh - 0.5];
  return lo + rng.int(0, Math.round((hi - lo) * 2)) / 2;
}

/**
 * Criterion points adding up to the total: deductions fall first on criteria that need not be full.
 * A Khá meeting sometimes has 90+ points with a must-full criterion short: the case the score
 * screen explains.
 */
function breakdown(rng: Rng, rules: MeetingScoreRuleSet, cls: MeetingClass, total: number): Record<string, number> {
  const detail: Record<string, number> = Object.fromEntries(rules.criteria.map((c) => [c.code, c.max]));
  let cut = 100 - total;
  const must = rules.criteria.filter((c) => c.mustFull);
  if (cls === 'kha' && must.length && rng.chance(0.15)) {
    cut = 100 - (90 + rng.int(0, 14) / 2);
    const c = rng.pick(must);
    const d = Math.min(cut, rng.int(1, 3));
    detail[c.code] = c.max - d;
    cut -= d;
  }
  for (const c of [...rules.criteria].sort((x, y) => Number(x.mustFull) - Number(y.mustFull))) {
    if (cut <= 0) break;
    const d = Math.min(cut, detail[c.code]!);
    detail[c.code] = detail[c.code]! - d;
    cut -= d;
  }
  return detail;
}

/**
 * Monthly regular and quarterly thematic meetings for every cell for ten years, with scores whose
 * yearly roll-up is mostly Tốt and Khá. The current month is partly not yet met or not reported,
 * so the "chưa sinh hoạt / chưa báo cáo" list has data. Per-member attendance only for recent months.
 */
export const seedMeetings: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const versions = await k
    .selectFrom('organization_version')
    .select(['org_id', 'valid_from', 'valid_to', 'path', 'kind'])
    .where(inSubtrees('path', [root.path]))
    .where('kind', 'in', ['chi_bo_co_so', 'chi_bo_truc_thuoc'])
    .orderBy('org_id')
    .orderBy('valid_from')
    .execute();
  const cells = new Map<string, Version[]>();
  for (const v of versions) {
    if (!isCellKind(v.kind)) continue;
    const list = cells.get(v.org_id) ?? [];
    list.push({ from: v.valid_from, to: v.valid_to, path: v.path });
    cells.set(v.org_id, list);
  }
  if (!cells.size) return;

  const episodes = await k.selectFrom('membership_episode').select(['org_id', 'person_id', 'valid_from', 'valid_to']).orderBy('org_id').orderBy('person_id').orderBy('valid_from').execute();
  const byCell = new Map<string, typeof episodes>();
  for (const e of episodes) {
    if (!cells.has(e.org_id)) continue;
    const list = byCell.get(e.org_id) ?? [];
    list.push(e);
    byCell.set(e.org_id, list);
  }
  const exemptions = await k
    .selectFrom('member_event')
    .select(['person_id', 'kind', 'effective_date'])
    .where('kind', 'in', ['mien_sinh_hoat', 'het_mien_sinh_hoat'])
    .orderBy('person_id')
    .orderBy('effective_date')
    .orderBy('seq')
    .execute();
  const exemptEvents = new Map<string, typeof exemptions>();
  for (const e of exemptions) {
    const list = exemptEvents.get(e.person_id) ?? [];
    list.push(e);
    exemptEvents.set(e.person_id, list);
  }
  const exemptOn = (personId: string, d: string) => {
    let on = false;
    for (const e of exemptEvents.get(personId) ?? []) if (e.effective_date <= d) on = e.kind === 'mien_sinh_hoat';
    return on;
  };
  const rosterOn = (cell: string, d: string) => (byCell.get(cell) ?? []).filter((e) => e.valid_from <= d && (e.valid_to === null || e.valid_to > d));

  const current = monthOf(today);
  const first = monthOf(addMonths(`${current}-01`, -MONTHS));
  const months: string[] = [];
  for (let m = first; m <= current; m = monthOf(addMonths(`${m}-01`, 1))) months.push(m);
  // Per-month constants, computed once rather than per cell.
  const ends = new Map(months.map((m) => [m, lastDayOf(m)]));
  const ruleSets = new Map(months.map((m) => [m, meetingScoreRulesOn(`${m}-15`)]));
  const todayDay = Number(today.slice(8, 10));
  const detailedFrom = monthOf(addMonths(`${current}-01`, -DETAILED_MONTHS));
  const scoredFrom = monthOf(addMonths(`${current}-01`, -SCORED_DETAIL_MONTHS));

  const meetings: MeetingTable[] = [];
  const old: OldMeeting[] = [];
  const attendance: MeetingAttendanceTable[] = [];
  const guests: MeetingGuestTable[] = [];
  const at = (d: string) => `${d}T09:00:00.000Z`;

  for (const [cellId, vs] of [...cells.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const periods: Existence[] = vs.map((v) => ({ from: v.from, to: v.to }));
    const odds = rng.weighted(QUALITY);
    const pathOn = (d: string) => vs.find((v) => v.from <= d && (v.to === null || v.to > d))?.path;
    for (const month of months) {
      const isCurrent = month === current;
      const end = ends.get(month)!;
      // A month the cell existed in full (the current month: from its first day until today).
      const start = `${month}-01`;
      if (!periods.some((p) => p.from <= start && (p.to === null || p.to > (isCurrent ? today : end)))) continue;
      const quarterly = Number(month.slice(5)) % 3 === 0;
      for (const kind of quarterly ? (['thuong_ky', 'chuyen_de'] as const) : (['thuong_ky'] as const)) {
        // This month: some cells have only a plan, some met but have not reported, a few nothing yet.
        const fate = isCurrent ? rng.weighted(FATE_ODDS) : 'reported';
        if (fate === 'none' || (isCurrent && kind === 'chuyen_de')) continue;
        const maxDay = isCurrent ? Math.max(1, Math.min(28, todayDay)) : 28;
        const day = `${month}-${String(rng.int(Math.min(maxDay, kind === 'thuong_ky' ? 3 : 10), maxDay)).padStart(2, '0')}`;
        const path = pathOn(day) ?? pathOn(`${month}-01`);
        if (!path) continue;
        const held = fate === 'reported' || fate === 'held';
        const rules = ruleSets.get(month)!;
        const cls: MeetingClass | null = fate === 'reported' && kind === 'thuong_ky' ? rng.weighted(odds) : null;
        let total = cls ? totalFor(rng, rules, cls) : null;
        const detail = cls && month >= scoredFrom ? breakdown(rng, rules, cls, total!) : null;
        // The stored class is always what the rule set gives for the stored points.
        const scored = detail ? scoreMeeting(rules, detail) : null;
        if (scored) total = scored.total;
        const finalClass = scored?.cls ?? cls;
        const id = ids.next();
        const detailed = held && fate === 'reported' && month >= detailedFrom;
        const roster = held ? rosterOn(cellId, day) : [];
        let present = 0;
        let excused = 0;
        let unexcused = 0;
        let exempt = 0;
        let exemptPresent = 0;
        for (const r of roster) {
          const ex = exemptOn(r.person_id, day);
          const status = ex ? (rng.chance(0.3) ? 'co_mat' : 'vang_co_ly_do') : rng.weighted(STATUS_ODDS);
          if (ex) {
            exempt++;
            if (status === 'co_mat') exemptPresent++;
          } else if (status === 'co_mat') present++;
          else if (status === 'vang_co_ly_do') excused++;
          else unexcused++;
          if (detailed) attendance.push({ meeting_id: id, person_id: r.person_id, status, exempt: ex ? 1 : 0, reason: status === 'vang_co_ly_do' ? (ex ? 'Miễn sinh hoạt' : rng.pick(REASONS)) : null });
        }
        const higher = held && rng.chance(kind === 'chuyen_de' ? 0.2 : 0.05) ? 1 : 0;
        const nGuests = held && rng.chance(0.1) ? 1 : 0;
        if (detailed && higher) {
          const [post, org] = rng.pick(HIGHER);
          guests.push({ id: ids.next(), meeting_id: id, kind: 'cap_tren', name: `${rng.pick(FAMILY)} ${rng.pick(GIVEN)}`, organization: org, post });
        }
        if (detailed && nGuests) guests.push({ id: ids.next(), meeting_id: id, kind: 'khach', name: `${rng.pick(FAMILY)} ${rng.pick(GIVEN)}`, organization: 'Trưởng bản', post: null });
        const reported = fate === 'reported';
        const recent = month >= scoredFrom;
        const published = `${monthOf(addMonths(`${month}-01`, -1))}-20`;
        const state = reported ? 'da_dong' : held ? 'da_hop' : rng.chance(0.6) ? 'da_thong_bao' : 'ke_hoach';
        const title = kind === 'thuong_ky' ? `Sinh hoạt thường kỳ tháng ${month.slice(5)}/${month.slice(0, 4)}` : `Sinh hoạt chuyên đề quý ${Number(month.slice(5)) / 3}/${month.slice(0, 4)}`;
        // Old meetings carry only what history needs (class, counts); the other columns keep
        // their defaults, which keeps ten years of rows cheap to write.
        const row: OldMeeting = {
          id,
          org_id: cellId,
          path,
          kind,
          month,
          state,
          title,
          planned_on: day,
          held_on: held ? day : null,
          minutes: reported ? (recent ? 'Biên bản lưu tại chi bộ.' : 'Bản giấy') : null,
          attendance_recorded: reported ? 1 : 0,
          n_members: reported ? roster.length : null,
          n_present: reported ? present : null,
          n_excused: reported ? excused : null,
          n_unexcused: reported ? unexcused : null,
          n_exempt: reported ? exempt : null,
          n_exempt_present: reported ? exemptPresent : null,
          n_guests: reported ? nGuests : null,
          n_higher: reported ? higher : null,
          score_rules: rules.id,
          score_total: total,
          score_class: finalClass,
          created_at: at(day < end ? day : end),
          updated_at: at(day),
        };
        if (!recent) old.push(row);
        else
          meetings.push({
            ...row,
            agenda: kind === 'thuong_ky' ? 'Đánh giá kết quả tháng; triển khai nhiệm vụ tháng tới' : 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
            location: 'Nhà văn hóa',
            published_on: published <= day ? published : null,
            duration_minutes: held ? rng.int(90, 150) : null,
            chair_name: null,
            secretary_name: null,
            attendance_rows: detailed ? 1 : 0,
            score_detail: detail ? JSON.stringify(detail) : null,
            revision: 1,
            version: 1,
            created_by: null,
          });
      }
    }
  }
  await k.transaction().execute(async (trx) => {
    // Same table, fewer columns: the omitted ones take their defaults.
    await insertRows(trx, 'meeting', old as MeetingTable[]);
    await insertRows(trx, 'meeting', meetings);
    await insertRows(trx, 'meeting_attendance', attendance);
    await insertRows(trx, 'meeting_guest', guests);
  });
};
