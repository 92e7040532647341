import { ratingTier, ruleSetForYear, todayIso, type RatingLevel } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';

describeEngines('ratings: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds ten years of ratings on the scale of each year, near the published shapes, within the rules', async () => {
    await generateDemo(env().db, { seed: 11, members: 3000 });
    const thisYear = Number(todayIso().slice(0, 4));
    const rows = await db().selectFrom('rating').select(['id', 'year', 'subject_kind', 'state', 'level', 'rule_set', 'unit_org_id', 'person_id', 'subject_key']).execute();
    const years = [...new Set(rows.map((r) => r.year))].sort();
    expect(years.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => 2016 + i));
    for (const r of rows) {
      const rules = ruleSetForYear(r.year);
      expect(r.rule_set).toBe(rules.id);
      if (r.level) expect(rules.scales[r.subject_kind as 'dang_vien']).toContain(r.level);
    }

    // Members: mostly "tốt", 10–20 % "xuất sắc", under 1 % "không hoàn thành", every year.
    for (let y = 2016; y < thisYear; y++) {
      const decided = rows.filter((r) => r.year === y && r.subject_kind === 'dang_vien' && r.state === 'quyet_dinh');
      const share = (t: number) => decided.filter((r) => ratingTier(r.level as RatingLevel) === t).length / decided.length;
      expect(decided.length, String(y)).toBeGreaterThan(1000);
      expect(share(1), String(y)).toBeGreaterThan(0.08);
      expect(share(1), String(y)).toBeLessThan(0.2);
      expect(share(2), String(y)).toBeGreaterThan(0.7);
      expect(share(4), String(y)).toBeLessThan(0.015);
      expect(rows.some((r) => r.year === y && r.state === 'khong_xep_loai'), `exemptions ${y}`).toBe(true);
    }

    // The cap holds in every unit and year of the new scales.
    const units = new Map<string, { xs: number; good: number; year: number }>();
    for (const r of rows.filter((x) => x.state === 'quyet_dinh' && x.year >= 2018)) {
      const k = `${r.subject_kind}:${r.unit_org_id}:${r.year}`;
      const u = units.get(k) ?? { xs: 0, good: 0, year: r.year };
      const t = ratingTier(r.level as RatingLevel);
      if (t === 1) u.xs++;
      if (t <= 2) u.good++;
      units.set(k, u);
    }
    for (const [k, u] of units) expect(u.xs, k).toBeLessThanOrEqual(Math.floor(0.2 * u.good + 1e-9));

    // Leaders (secretaries and deputies of grassroots committees and above) are rated every year
    // since the 2020–2025 term, the first whose posts the demo records.
    for (let y = 2021; y < thisYear; y++) expect(rows.filter((r) => r.year === y && r.subject_kind === 'lanh_dao' && r.state === 'quyet_dinh').length, `leaders ${y}`).toBeGreaterThan(5);

    // A member disciplined in a year is rated at most "hoàn thành" that year, as a member and as a leader.
    const disc = await db().selectFrom('discipline').select(['person_id', 'effective_date']).execute();
    for (const d of disc) {
      const year = Number(d.effective_date.slice(0, 4));
      const theirs = rows.filter((x) => x.person_id === d.person_id && x.year === year && x.state === 'quyet_dinh');
      for (const r of theirs) expect(ratingTier(r.level as RatingLevel), `${d.person_id} ${r.subject_kind}`).toBeGreaterThanOrEqual(3);
    }

    // Every excellent organization has its giấy khen; some excellent members too; none for others.
    const awards = await db().selectFrom('award').select(['rating_id']).where('kind', '=', 'giay_khen').where('rating_id', 'is not', null).execute();
    const commended = new Set(awards.map((a) => a.rating_id));
    const xsOrgs = rows.filter((r) => r.subject_kind === 'to_chuc' && r.state === 'quyet_dinh' && ratingTier(r.level as RatingLevel) === 1);
    expect(xsOrgs.length).toBeGreaterThan(0);
    for (const r of xsOrgs) expect(commended.has(r.id)).toBe(true);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of commended) expect(ratingTier(byId.get(id!)!.level as RatingLevel)).toBe(1);
    expect(awards.length).toBeGreaterThan(xsOrgs.length);

    // Non-party bodies: ten years; commune governments never below "khá".
    const bodies = await db().selectFrom('nonparty_rating as r').innerJoin('nonparty_body as b', 'b.id', 'r.body_id').select(['b.kind', 'r.year', 'r.level']).execute();
    expect(new Set(bodies.map((b) => b.year)).size).toBe(10);
    for (const b of bodies.filter((x) => x.kind === 'ubnd_xa' || x.kind === 'hdnd_xa')) expect(['tot', 'kha']).toContain(b.level);
    expect(bodies.some((b) => b.level === 'trung_binh')).toBe(true);
  });
});
