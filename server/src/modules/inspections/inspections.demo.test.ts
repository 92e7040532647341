import { INSPECTION_ACTIVITIES, INSPECTION_BODY_KINDS, INSPECTION_KINDS, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { validOn } from '../../db/sql.js';

describeEngines('inspections: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds ten years of cases and discipline consistent with the organizations and the ledger', async () => {
    await generateDemo(env().db, { seed: 7, members: 3000 });
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const cases = await db().selectFrom('inspection_case').selectAll().orderBy('id').execute();
    expect(new Set(cases.map((c) => c.year)).size).toBeGreaterThanOrEqual(9);
    for (const a of INSPECTION_ACTIVITIES) expect(cases.some((c) => c.activity === a), a).toBe(true);
    for (const b of INSPECTION_BODY_KINDS) expect(cases.some((c) => c.body_kind === b), b).toBe(true);
    for (const k of INSPECTION_KINDS) expect(cases.some((c) => c.kind === k), k).toBe(true);
    const signs = cases.filter((c) => c.kind === 'dau_hieu_vi_pham');
    expect(signs.every((c) => c.activity === 'kiem_tra')).toBe(true);
    expect(signs.length / cases.length).toBeLessThan(0.1);
    // Per year: tens of organizations and more members than organizations.
    const lastFull = cases.filter((c) => Number(c.year) === year - 1);
    expect(lastFull.filter((c) => c.subject_type === 'to_chuc').length).toBeGreaterThan(10);
    expect(lastFull.filter((c) => c.subject_type === 'dang_vien').length).toBeGreaterThan(lastFull.filter((c) => c.subject_type === 'to_chuc').length);

    for (const c of cases) {
      expect(c.subject_path.startsWith(c.body_path), c.id).toBe(true);
      expect(c.decision_date <= today).toBe(true);
      const dates = [c.decision_date, c.start_date, c.end_date, c.conclusion_date].filter((d): d is string => !!d);
      expect([...dates].sort()).toEqual(dates);
      expect(dates.at(-1)! <= today).toBe(true);
      if (c.state === 'ket_luan' || c.state === 'ky_luat') expect(c.conclusion_date && c.violations_found !== null).toBeTruthy();
      if (c.activity === 'giam_sat') expect(c.state).not.toBe('ky_luat');
    }
    const members = cases.filter((c) => c.subject_type === 'dang_vien').slice(0, 200);
    for (const c of members) {
      const ep = await db()
        .selectFrom('membership_episode as e')
        .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'e.org_id'))
        .select('v.path')
        .where('e.person_id', '=', c.subject_id)
        .where('e.kind', '=', 'primary')
        .where((eb) => validOn(eb, 'e', c.decision_date))
        .where((eb) => validOn(eb, 'v', c.decision_date))
        .executeTakeFirst();
      expect(ep?.path, c.id).toBe(c.subject_path);
    }

    const disc = await db().selectFrom('discipline').selectAll().orderBy('id').execute();
    const active = Number((await db().selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('standing', '=', 'dang_sinh_hoat').executeTakeFirstOrThrow()).n);
    const perYear = disc.filter((d) => d.effective_date.startsWith(String(year - 1))).length / active;
    expect(perYear).toBeGreaterThan(0.0005);
    expect(perYear).toBeLessThan(0.005);
    expect(disc.filter((d) => d.form === 'khien_trach' || d.form === 'canh_cao').length).toBeGreaterThan(disc.length * 0.8);
    for (const d of disc.filter((x) => x.form !== 'khai_tru')) {
      const ep = await db().selectFrom('membership_episode as e').select('e.org_id').where('e.person_id', '=', d.person_id).where('e.kind', '=', 'primary').where((eb) => validOn(eb, 'e', d.effective_date)).executeTakeFirst();
      expect(ep?.org_id, d.id).toBe(d.org_id);
    }
    const expelled = disc.filter((d) => d.form === 'khai_tru');
    const events = await db().selectFrom('member_event').select(['id', 'person_id', 'effective_date']).where('kind', '=', 'khai_tru').execute();
    expect(expelled.length).toBe(events.length);
    for (const d of expelled) expect(events.find((e) => e.id === d.member_event_id)).toMatchObject({ person_id: d.person_id, effective_date: d.effective_date });
    // Cách chức only for post holders, whose party posts end on the decision's day with its number.
    const removals = disc.filter((d) => d.form === 'cach_chuc');
    expect(removals.length).toBeGreaterThan(0);
    for (const d of removals) {
      const ended = await db().selectFrom('party_post').select(['valid_to', 'end_decision_no']).where('person_id', '=', d.person_id).where('end_decision_no', '=', d.decision_no).execute();
      expect(ended.length, d.id).toBeGreaterThan(0);
      for (const pp of ended) expect(pp.valid_to).toBe(d.effective_date);
    }
    const linked = new Set(disc.map((d) => d.case_id).filter(Boolean));
    for (const c of cases.filter((x) => x.state === 'ky_luat')) expect(linked.has(c.id), c.id).toBe(true);
  });
});
