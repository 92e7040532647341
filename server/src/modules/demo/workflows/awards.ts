import { ALL_BADGE_MILESTONES, badgeRuleSetFor, CONTEST_PRIZE_LABELS, nextBadgeAwardDay, partyAgeMilestone, type ContestPrize } from '@dangvu/common';
import { inSubtrees } from '../../../db/sql.js';
import type { AwardTable, ContestEntryTable, ContestRoundTable, ContestTable } from '../../awards/awards.tables.js';
import { addDays, dateBetween } from '../days.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';

const PROVINCE_ISSUER = 'Ban Thường vụ Tỉnh ủy';
const at = (d: string) => `${d}T08:00:00.000Z`;

/**
 * Ten years of awards: party-age badges for every member who reached a milestone (consistent
 * with the admission date; a few of this year's still due), bằng khen to some grassroots
 * organizations and members each year, a handful of orders for long-serving members, and two
 * "Bí thư chi bộ giỏi" contests with their rounds and prizes.
 */
export const seedAwards: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const thisYear = Number(today.slice(0, 4));
  const firstYear = thisYear - 9;
  const members = await k
    .selectFrom('person')
    .select(['id', 'path', 'admitted_on', 'full_name'])
    .where(inSubtrees('path', [root.path]))
    .where('standing', '=', 'dang_sinh_hoat')
    .where('admitted_on', 'is not', null)
    .orderBy('id')
    .execute();
  // The readmitted have a party age the ledger must compute; the demo leaves their badges to users.
  const readmitted = new Set(
    (await k.selectFrom('member_event').select('person_id').where('kind', '=', 'phuc_hoi').orderBy('person_id').execute()).map((r) => r.person_id),
  );
  const awards: AwardTable[] = [];
  const award = (a: Pick<AwardTable, 'person_id' | 'org_id' | 'path' | 'kind' | 'title' | 'year' | 'decision_no' | 'decision_date' | 'issuer' | 'level' | 'badge_years'>) =>
    awards.push({ id: ids.next(), rating_id: null, version: 1, created_by: null, created_at: at(a.decision_date!), note: null, updated_at: at(a.decision_date!), ...a });

  let decisionNo = 100;
  for (const m of members) {
    if (readmitted.has(m.id)) continue;
    const periods = [{ from: m.admitted_on!, to: null }];
    for (const milestone of ALL_BADGE_MILESTONES) {
      const reachedOn = partyAgeMilestone(periods, milestone);
      const year = reachedOn ? Number(reachedOn.slice(0, 4)) : 0;
      if (!reachedOn || year < firstYear || year > thisYear || !badgeRuleSetFor(year).milestones.includes(milestone)) continue;
      // Awarded on the usual day after the milestone; this year's not all handed out yet.
      const awardDay = nextBadgeAwardDay(reachedOn);
      if (awardDay > today || (year === thisYear && rng.chance(0.3))) continue;
      award({
        person_id: m.id,
        org_id: null,
        path: m.path,
        kind: 'huy_hieu',
        title: `Huy hiệu ${milestone} năm tuổi Đảng`,
        year: Number(awardDay.slice(0, 4)),
        decision_no: `${decisionNo++}-QĐ/TU`,
        decision_date: addDays(awardDay, -rng.int(3, 20)),
        issuer: PROVINCE_ISSUER,
        level: 'tinh',
        badge_years: milestone,
      });
    }
  }

  const bases = await k
    .selectFrom('organization_version')
    .select(['org_id', 'path', 'valid_from', 'valid_to'])
    .where(inSubtrees('path', [root.path]))
    .where('kind', 'in', ['dang_bo_co_so', 'chi_bo_co_so'])
    .orderBy('org_id')
    .orderBy('valid_from')
    .execute();
  for (let year = firstYear; year < thisYear; year++) {
    const date = `${year + 1}-01-${String(rng.int(10, 28)).padStart(2, '0')}`;
    if (date > today) continue;
    const no = `${rng.int(1000, 3000)}-QĐ/TU`;
    for (const b of bases) {
      if (!(b.valid_from <= `${year}-12-31` && (b.valid_to === null || b.valid_to > `${year}-12-31`)) || !rng.chance(0.06)) continue;
      award({ person_id: null, org_id: b.org_id, path: b.path, kind: 'bang_khen', title: `Bằng khen tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ năm ${year}`, year, decision_no: no, decision_date: date, issuer: PROVINCE_ISSUER, level: 'tinh', badge_years: null });
    }
    for (const m of members) {
      if (!m.admitted_on || m.admitted_on > `${year - 4}-12-31` || !rng.chance(0.003)) continue;
      award({ person_id: m.id, org_id: null, path: m.path, kind: 'bang_khen', title: `Bằng khen đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền (${year - 4}-${year})`, year, decision_no: no, decision_date: date, issuer: PROVINCE_ISSUER, level: 'tinh', badge_years: null });
    }
  }
  for (const m of members.filter((x) => x.admitted_on! <= `${thisYear - 40}-12-31`).slice(0, 6)) {
    const year = rng.int(firstYear, thisYear - 1);
    award({ person_id: m.id, org_id: null, path: m.path, kind: 'huan_chuong', title: 'Huân chương Lao động hạng Ba', year, decision_no: `${rng.int(100, 2000)}/QĐ-CTN`, decision_date: `${year}-08-${String(rng.int(10, 28)).padStart(2, '0')}`, issuer: 'Chủ tịch nước', level: 'nha_nuoc', badge_years: null });
  }

  // Contests among cell secretaries, three and one years ago.
  const secretaries = await k
    .selectFrom('party_post as pp')
    .innerJoin('person as p', 'p.id', 'pp.person_id')
    .select(['pp.person_id'])
    .where('pp.title', '=', 'bi_thu')
    .where('pp.valid_to', 'is', null)
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('pp.person_id')
    .execute();
  const contests: ContestTable[] = [];
  const rounds: ContestRoundTable[] = [];
  const entries: ContestEntryTable[] = [];
  const pool = [...new Set(secretaries.map((s) => s.person_id))];
  for (const year of [thisYear - 3, thisYear - 1]) {
    if (pool.length < 12) break;
    const id = ids.next();
    const first = dateBetween(rng, `${year}-05-01`, `${year}-06-30`);
    const final = addDays(first, rng.int(30, 60));
    contests.push({ id, org_id: rootId, path: root.path, name: `Hội thi Bí thư chi bộ giỏi năm ${year}`, year, decision_no: `${rng.int(100, 900)}-QĐ/TU`, version: 1, created_by: null, created_at: at(first), updated_at: at(final) });
    const r1 = { id: ids.next(), contest_id: id, seq: 1, kind: 'so_khao', name: 'Vòng sơ khảo', held_on: first };
    const r2 = { id: ids.next(), contest_id: id, seq: 2, kind: 'chung_khao', name: 'Vòng chung khảo', held_on: final };
    rounds.push(r1, r2);
    const entrants = rng.shuffle([...pool]).slice(0, Math.min(40, pool.length));
    const scored = entrants.map((p) => ({ p, score: Math.round((60 + rng.next() * 38) * 2) / 2 })).sort((a, b) => b.score - a.score);
    const finalists = scored.slice(0, 12);
    for (const e of scored) entries.push({ id: ids.next(), contest_id: id, round_id: r1.id, person_id: e.p, score: e.score, advanced: finalists.includes(e) ? 1 : 0, prize: null, created_at: at(first) });
    const finalScores = finalists.map((f) => ({ p: f.p, score: Math.round((70 + rng.next() * 29) * 2) / 2 })).sort((a, b) => b.score - a.score);
    const prizes: ContestPrize[] = ['nhat', 'nhi', 'nhi', 'ba', 'ba', 'ba', 'khuyen_khich', 'khuyen_khich', 'khuyen_khich', 'khuyen_khich'];
    finalScores.forEach((f, i) => {
      const prize = prizes[i] ?? null;
      entries.push({ id: ids.next(), contest_id: id, round_id: r2.id, person_id: f.p, score: f.score, advanced: 0, prize, created_at: at(final) });
      if (prize && prize !== 'khuyen_khich')
        award({ person_id: f.p, org_id: null, path: members.find((m) => m.id === f.p)?.path ?? root.path, kind: 'giay_khen', title: `${CONTEST_PRIZE_LABELS[prize].vi} Hội thi Bí thư chi bộ giỏi năm ${year}`, year, decision_no: `${rng.int(900, 999)}-QĐ/TU`, decision_date: addDays(final, 7) > today ? final : addDays(final, 7), issuer: PROVINCE_ISSUER, level: 'tinh', badge_years: null });
    });
  }

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'award', awards);
    await insertRows(trx, 'contest', contests);
    await insertRows(trx, 'contest_round', rounds);
    await insertRows(trx, 'contest_entry', entries);
  });
};
