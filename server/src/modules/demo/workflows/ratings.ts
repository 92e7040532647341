import { isCellKind, ratingTier, ruleSetForYear, NONPARTY_KINDS, NONPARTY_LEVELS, type NonPartyKind, type RatingLevel, type RatingRuleSet, type RatingSubject } from '@dangvu/common';
import type { Insertable } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import type { NonPartyBodyTable, NonPartyRatingTable, RatingStepTable, RatingTable } from '../../ratings/ratings.tables.js';
import type { AwardTable } from '../../awards/awards.tables.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';

interface OrgV {
  id: string;
  name: string;
  kind: string;
  path: string;
  parentId: string | null;
  from: string;
  to: string | null;
}

const FIRST_YEAR = 2016;
const BELOW_BASE = new Set(['chi_bo_truc_thuoc', 'dang_bo_bo_phan']);
/** Member tiers: mostly "tốt", 10–20 % "xuất sắc", a few % "hoàn thành", under 1 % "không hoàn thành" (seed §3). */
const MEMBER_TIERS: readonly (readonly [1 | 2 | 3 | 4, number])[] = [
  [1, 15],
  [2, 78],
  [3, 6.4],
  [4, 0.6],
];
/** Organizations: 2018 base organizations were 14 / 47 / 4 of 65 (seed 1-33…1-35). */
const ORG_TIERS: readonly (readonly [1 | 2 | 3 | 4, number])[] = [
  [1, 21],
  [2, 72],
  [3, 6.5],
  [4, 0.5],
];
/** Commune governments were all "khá" or better (2-18); the Front and mass organizations averaged 38,9 % tốt, 43 % khá, 16,4 % trung bình (2-19…2-21). */
const GOV_LEVELS = [
  ['tot', 55],
  ['kha', 45],
] as const;
const MASS_LEVELS = [
  ['tot', 38.9],
  ['kha', 43],
  ['trung_binh', 16.4],
  ['yeu', 1.7],
] as const;
const BODY_NAMES: Record<NonPartyKind, string> = {
  ubnd_xa: 'Ủy ban nhân dân',
  hdnd_xa: 'Hội đồng nhân dân',
  mttq: 'Ủy ban MTTQ Việt Nam',
  doan_tn: 'Đoàn TNCS Hồ Chí Minh',
  hoi_phu_nu: 'Hội Liên hiệp Phụ nữ',
  hoi_nong_dan: 'Hội Nông dân',
  cong_doan: 'Công đoàn cơ sở',
  hoi_ccb: 'Hội Cựu chiến binh',
};
const DEMO_USER = 'demo';
/** Decided past ratings: the columns that stay empty are left out, which keeps the bulk insert small. */
type PastRating = Omit<RatingTable, 'self_level' | 'self_score' | 'proposed_level' | 'proposed_score' | 'created_by'>;
const at = (d: string) => `${d}T09:00:00.000Z`;

/**
 * Ten years of ratings (2016 on; the old scale before 2018), decided, one row each without
 * steps: members of every cell, grassroots organizations and cells, their secretaries and deputies, with the cap and the
 * discipline constraint respected, exemptions, giấy khen for every excellent organization and
 * part of the excellent members, and ten years of non-party body ratings. The current year is
 * in progress for a few cells, with its steps, so the flow shows on screen.
 */
export const seedRatings: WorkflowSeeder = async ({ db, rng, ids, today, rootId, firstYear }) => {
  const fromYear = Math.max(FIRST_YEAR, firstYear ?? FIRST_YEAR);
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const versions: OrgV[] = (
    await k
      .selectFrom('organization_version')
      .select(['org_id', 'name', 'kind', 'path', 'parent_id', 'valid_from', 'valid_to'])
      .where(inSubtrees('path', [root.path]))
      .orderBy('org_id')
      .orderBy('valid_from')
      .execute()
  ).map((v) => ({ id: v.org_id, name: v.name, kind: v.kind, path: v.path, parentId: v.parent_id, from: v.valid_from, to: v.valid_to }));
  const byOrg = new Map<string, OrgV[]>();
  for (const v of versions) {
    const list = byOrg.get(v.id);
    if (list) list.push(v);
    else byOrg.set(v.id, [v]);
  }
  const on = (id: string, day: string) => byOrg.get(id)?.find((v) => v.from <= day && (v.to === null || v.to > day));
  const baseOf = (o: OrgV, day: string): OrgV => {
    let cur = o;
    while (BELOW_BASE.has(cur.kind) && cur.parentId) cur = on(cur.parentId, day) ?? cur;
    return cur;
  };

  const episodes = await k
    .selectFrom('membership_episode as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.org_id', 'e.valid_from', 'e.valid_to', 'p.admitted_on', 'p.birth_date'])
    .where('e.kind', '=', 'primary')
    .where('e.org_id', 'in', k.selectFrom('organization_version').select('org_id').where(inSubtrees('path', [root.path])))
    .orderBy('e.person_id')
    .orderBy('e.valid_from')
    .execute();
  const disciplined = new Set(
    (await k.selectFrom('discipline').select(['person_id', 'effective_date']).where(inSubtrees('path', [root.path])).execute()).map((d) => `${d.person_id}:${d.effective_date.slice(0, 4)}`),
  );

  const thisYear = Number(today.slice(0, 4));
  const past: PastRating[] = [];
  const ratings: RatingTable[] = [];
  const steps: RatingStepTable[] = [];
  const awards: Insertable<AwardTable>[] = [];
  let decisionNo = 1;

  /** One decided rating; the cap is kept per unit by the caller. */
  function decided(subject: RatingSubject, key: string, personId: string | null, org: OrgV, unit: OrgV, year: number, rules: RatingRuleSet, level: RatingLevel | null, exempt: string | null, issuer: OrgV) {
    const decisionDate = `${year + (rng.chance(0.6) ? 1 : 0)}-${rng.chance(0.6) ? '01' : '12'}-${String(rng.int(10, 28)).padStart(2, '0')}`;
    const clipped = decisionDate > today ? today : decisionDate;
    const tier = level ? ratingTier(level) : null;
    const score = rules.scoreBands && tier ? ({ 1: rng.int(90, 98), 2: rng.int(70, 89), 3: rng.int(50, 69), 4: rng.int(30, 49) } as const)[tier] : null;
    const row: PastRating = {
      id: ids.next(),
      subject_kind: subject,
      subject_key: key,
      person_id: personId,
      org_id: org.id,
      unit_org_id: unit.id,
      path: org.path,
      unit_path: unit.path,
      year,
      rule_set: rules.id,
      state: exempt ? 'khong_xep_loai' : 'quyet_dinh',
      excellent_conditions: tier === 1 && rules.excellentNeedsConditions ? 1 : 0,
      exempt_reason: exempt,
      level,
      score,
      decision_no: exempt ? null : `${decisionNo++}-QĐ/${issuer.kind === 'dang_bo_tinh' ? 'TU' : 'ĐU'}`,
      decision_date: exempt ? null : clipped,
      issuer: exempt ? null : issuer.name,
      version: 1,
      created_at: at(clipped),
      updated_at: at(clipped),
    };
    past.push(row);
    return row;
  }

  function commend(r: PastRating, org: OrgV, issuer: OrgV) {
    const date = r.decision_date!;
    awards.push({
      id: ids.next(),
      person_id: r.subject_kind === 'to_chuc' ? null : r.person_id,
      org_id: r.subject_kind === 'to_chuc' ? r.org_id : null,
      path: org.path,
      kind: 'giay_khen',
      title: `Giấy khen hoàn thành xuất sắc nhiệm vụ năm ${r.year}`,
      year: r.year,
      decision_no: `${decisionNo++}-QĐKT/${issuer.kind === 'dang_bo_tinh' ? 'TU' : 'ĐU'}`,
      decision_date: date,
      issuer: issuer.name,
      rating_id: r.id,
      version: 1,
      created_by: null,
      created_at: at(date),
    });
  }

  /** Tiers for a unit's subjects with the cap applied: excess "xuất sắc" become "tốt". */
  function tiersFor(n: number, table: typeof MEMBER_TIERS, capShare: number | null): (1 | 2 | 3 | 4)[] {
    return capped(
      Array.from({ length: n }, () => rng.weighted(table)),
      capShare,
    );
  }
  function capped(tiers: (1 | 2 | 3 | 4)[], capShare: number | null): (1 | 2 | 3 | 4)[] {
    if (capShare === null) return tiers;
    const good = tiers.filter((t) => t <= 2).length;
    let room = Math.floor(capShare * good + 1e-9);
    return tiers.map((t) => (t === 1 ? (room-- > 0 ? 1 : 2) : t));
  }

  for (let year = fromYear; year < thisYear; year++) {
    const day = `${year}-12-31`;
    const rules = ruleSetForYear(year);
    const memberScale = rules.scales.dang_vien;
    // Members, cell by cell.
    const byCell = new Map<string, typeof episodes>();
    for (const e of episodes) {
      if (e.valid_from > day || (e.valid_to !== null && e.valid_to <= day) || !e.admitted_on || e.admitted_on > day) continue;
      const list = byCell.get(e.org_id);
      if (list) list.push(e);
      else byCell.set(e.org_id, [e]);
    }
    for (const [cellId, list] of [...byCell].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const cell = on(cellId, day);
      if (!cell || !isCellKind(cell.kind)) continue;
      const base = baseOf(cell, day);
      const exempts = list.map((e) => {
        if (e.admitted_on! >= `${year}-07-01`) return rng.chance(0.85) ? 'moi_ket_nap' : null;
        if (e.birth_date < `${year - 75}-01-01` && rng.chance(0.3)) return 'mien_sinh_hoat';
        return rng.chance(0.006) ? rng.pick(['om_dau', 'thai_san', 'khac']) : null;
      });
      const rated = list.filter((_, i) => !exempts[i]);
      // Discipline lowers first, so the cap counts the unit as it will be decided.
      const drawn = rated.map((e) => {
        const t = rng.weighted(MEMBER_TIERS);
        return disciplined.has(`${e.person_id}:${year}`) ? (Math.max(t, rules.disciplinedBestTier) as 1 | 2 | 3 | 4) : t;
      });
      const final = capped(drawn, rules.capShare);
      const tiers = new Map(rated.map((e, i) => [e, final[i]!]));
      list.forEach((e, i) => {
        const exempt = exempts[i]!;
        const tier = tiers.get(e) ?? 2;
        const r = decided('dang_vien', `dv:${e.person_id}`, e.person_id, cell, cell, year, rules, exempt ? null : memberScale[tier - 1]!, exempt, base);
        if (!exempt && tier === 1 && rng.chance(0.4)) commend(r, cell, base);
      });
    }
    // Grassroots organizations and cells, counted for the cap under the committee above.
    const orgs = versions.filter((v) => v.from <= day && (v.to === null || v.to > day) && (v.kind === 'dang_bo_co_so' || v.kind === 'chi_bo_co_so' || v.kind === 'chi_bo_truc_thuoc'));
    const byUnit = new Map<string, OrgV[]>();
    for (const o of orgs) {
      const list = byUnit.get(o.parentId ?? o.id);
      if (list) list.push(o);
      else byUnit.set(o.parentId ?? o.id, [o]);
    }
    for (const [unitId, list] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const unit = on(unitId, day) ?? list[0]!;
      const tiers = tiersFor(list.length, ORG_TIERS, rules.capShare);
      list.forEach((o, i) => {
        const r = decided('to_chuc', `tc:${o.id}`, null, o, unit, year, rules, rules.scales.to_chuc[tiers[i]! - 1]!, null, unit);
        // Every excellent organization gets its giấy khen (seed 1-36 = 1-33).
        if (tiers[i] === 1) commend(r, o, unit);
      });
    }
  }

  // Leaders: secretaries and deputies of grassroots committees and above, rated under the committee above
  // (from the 2020–2025 term, the first whose posts the demo records).
  const leaderPosts = await k
    .selectFrom('party_post')
    .select(['person_id', 'org_id', 'valid_from', 'valid_to'])
    .where('title', 'in', ['bi_thu', 'pho_bi_thu'])
    .orderBy('org_id')
    .orderBy('person_id')
    .orderBy('valid_from')
    .execute();
  for (let year = fromYear; year < thisYear; year++) {
    const day = `${year}-12-31`;
    const rules = ruleSetForYear(year);
    const byUnit = new Map<string, { personId: string; org: OrgV }[]>();
    const seen = new Set<string>();
    for (const pp of leaderPosts) {
      if (pp.valid_from > day || (pp.valid_to !== null && pp.valid_to <= day)) continue;
      const org = on(pp.org_id, day);
      if (!org || BELOW_BASE.has(org.kind) || !org.path.startsWith(root.path) || seen.has(`${pp.person_id}:${org.id}`)) continue;
      seen.add(`${pp.person_id}:${org.id}`);
      const unitId = org.parentId ?? org.id;
      byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), { personId: pp.person_id, org }]);
    }
    for (const [unitId, list] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const unit = on(unitId, day) ?? list[0]!.org;
      const drawn = list.map((l) => {
        const t = rng.weighted(MEMBER_TIERS);
        return disciplined.has(`${l.personId}:${year}`) ? (Math.max(t, rules.disciplinedBestTier) as 1 | 2 | 3 | 4) : t;
      });
      const tiers = capped(drawn, rules.capShare);
      list.forEach((l, i) => decided('lanh_dao', `ld:${l.personId}:${l.org.id}`, l.personId, l.org, unit, year, rules, rules.scales.lanh_dao[tiers[i]! - 1]!, null, unit));
    }
  }

  // The current year in progress for a few cells: self-assessments and proposals, with their steps.
  const nowDay = today;
  const rulesNow = ruleSetForYear(thisYear);
  const openCells = [...new Set(episodes.filter((e) => e.valid_to === null).map((e) => e.org_id))].sort().slice(0, 4);
  if (today >= `${thisYear}-11-15`) {
    for (const cellId of openCells) {
      const cell = on(cellId, nowDay);
      if (!cell) continue;
      const list = episodes.filter((e) => e.org_id === cellId && e.valid_to === null && e.admitted_on && e.admitted_on <= nowDay);
      const tiers = tiersFor(list.length, MEMBER_TIERS, rulesNow.capShare);
      list.forEach((e, i) => {
        const tier = disciplined.has(`${e.person_id}:${thisYear}`) ? (Math.max(tiers[i]!, 3) as 1 | 2 | 3 | 4) : tiers[i]!;
        const level = rulesNow.scales.dang_vien[tier - 1]!;
        const score = rulesNow.scoreBands ? ({ 1: rng.int(90, 97), 2: rng.int(70, 89), 3: rng.int(50, 69), 4: rng.int(35, 49) } as const)[tier] : null;
        const proposed = rng.chance(0.6);
        const selfOn = `${thisYear}-11-${String(rng.int(15, 25)).padStart(2, '0')}`;
        const row: RatingTable = {
          id: ids.next(),
          subject_kind: 'dang_vien',
          subject_key: `dv:${e.person_id}`,
          person_id: e.person_id,
          org_id: cell.id,
          unit_org_id: cell.id,
          path: cell.path,
          unit_path: cell.path,
          year: thisYear,
          rule_set: rulesNow.id,
          state: proposed ? 'de_xuat' : 'tu_danh_gia',
          self_level: level,
          self_score: score,
          proposed_level: proposed ? level : null,
          proposed_score: proposed ? score : null,
          excellent_conditions: proposed && tier === 1 ? 1 : 0,
          exempt_reason: null,
          level: null,
          score: null,
          decision_no: null,
          decision_date: null,
          issuer: null,
          version: proposed ? 3 : 2,
          created_by: null,
          created_at: at(selfOn),
          updated_at: at(proposed ? today : selfOn),
        };
        ratings.push(row);
        const step = (seq: number, kind: string, from: string, to: string, date: string) =>
          steps.push({
            id: ids.next(),
            rating_id: row.id,
            seq,
            step: kind,
            from_state: from,
            to_state: to,
            on_date: date,
            level,
            score,
            excellent_conditions: kind === 'de_xuat' && tier === 1 ? 1 : 0,
            exempt_reason: null,
            note: null,
            decision_no: null,
            decision_date: null,
            issuer: null,
            user_id: null,
            username: DEMO_USER,
            recorded_at: at(date),
          });
        step(1, 'tu_danh_gia', 'moi', 'tu_danh_gia', selfOn);
        if (proposed) step(2, 'de_xuat', 'tu_danh_gia', 'de_xuat', today);
      });
    }
  }

  // Non-party bodies of today's communes (and grassroots organizations hosted by a commune), ten years rated.
  const communes = versions.filter((v) => v.to === null && (v.kind === 'dang_uy_xa' || (v.kind === 'dang_bo_co_so' && /xã|phường|thị trấn/i.test(v.name))));
  const bodies: NonPartyBodyTable[] = [];
  const bodyRatings: NonPartyRatingTable[] = [];
  for (const c of communes) {
    const place = c.name.replace(/^Đảng (bộ|ủy)\s*/i, '');
    for (const kind of NONPARTY_KINDS) {
      const created = at(`${fromYear}-01-15`);
      const body: NonPartyBodyTable = { id: ids.next(), kind, name: `${BODY_NAMES[kind]} ${place}`, org_id: c.id, path: c.path, version: 1, created_by: null, created_at: created, updated_at: created };
      bodies.push(body);
      for (let year = fromYear; year < thisYear; year++) {
        const level = rng.weighted(kind === 'ubnd_xa' || kind === 'hdnd_xa' ? GOV_LEVELS : MASS_LEVELS);
        const date = `${year + 1}-01-${String(rng.int(10, 25)).padStart(2, '0')}`;
        const clipped = date > today ? today : date;
        bodyRatings.push({
          id: ids.next(),
          body_id: body.id,
          year,
          seq: 1,
          level: (NONPARTY_LEVELS as readonly string[]).includes(level) ? level : 'kha',
          decision_no: `${decisionNo++}-QĐ/${kind === 'ubnd_xa' || kind === 'hdnd_xa' ? 'UBND' : 'ĐU'}`,
          decision_date: clipped,
          issuer: kind === 'ubnd_xa' || kind === 'hdnd_xa' ? 'Ủy ban nhân dân cấp trên' : c.name,
          note: null,
          path: c.path,
          user_id: null,
          username: DEMO_USER,
          recorded_at: at(clipped),
        });
        body.version++;
      }
    }
  }

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'rating', past);
    await insertRows(trx, 'rating', ratings);
    await insertRows(trx, 'rating_step', steps);
    await insertRows(trx, 'award', awards);
    await insertRows(trx, 'nonparty_body', bodies);
    await insertRows(trx, 'nonparty_rating', bodyRatings);
  });
};
