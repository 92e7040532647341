import { partyAgeMilestone, todayIso, type BadgeDueOut, type StudyCoverageOut } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser } from '../../test/factories.js';

describeEngines('documents and awards: demo seeders', (env) => {
  const db = () => env().db.kysely;

  it('seeds ten years of documents, study sessions, badges consistent with admissions, and contests', { timeout: 240_000 }, async () => {
    const { provinceRootIds } = await generateDemo(env().db, { seed: 11, members: 3000 });
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const docs = await db().selectFrom('document').select(['id', 'doc_date', 'org_id', 'system', 'external_issuer']).execute();
    const years = new Set(docs.map((d) => Number(d.doc_date.slice(0, 4))));
    for (let y = year - 9; y <= year; y++) expect(years.has(y), String(y)).toBe(true);
    expect(docs.every((d) => d.doc_date <= today)).toBe(true);
    const provincial = docs.filter((d) => d.org_id === provinceRootIds[0] && !d.external_issuer && d.doc_date.startsWith(String(year - 1)));
    expect(provincial.length).toBeGreaterThan(20);
    expect(docs.some((d) => d.system === 'nha_nuoc')).toBe(true);
    expect(Number((await db().selectFrom('document_target').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);

    const admin = await buildUser(env(), 'quan_tri', provinceRootIds);
    // Last year's central resolutions: nearly every grassroots organization studied them, in person-times.
    const central = await db().selectFrom('document').select('id').where('external_issuer', '=', 'Ban Chấp hành Trung ương').where('doc_date', '>=', `${year - 1}-01-01`).where('doc_date', '<=', `${year - 1}-12-31`).execute();
    const cov = (await admin.call('GET', `/api/v1/study/coverage?documents=${central.map((c) => c.id).join(',')}&from=${year - 1}-01-01&to=${year}-03-31&coverageRule=all`)).json() as StudyCoverageOut;
    expect(cov.total).toBeGreaterThan(0);
    expect(cov.covered / cov.total).toBeGreaterThan(0.9);
    expect(cov.memberTimes).toBeGreaterThan(1000);
    expect(cov.nonMemberTimes).toBeGreaterThan(cov.memberTimes * 0.2);
    expect(cov.nonMemberTimes).toBeLessThan(cov.memberTimes);

    // Badges: each one reached by its holder's admission date, never twice.
    const badges = await db()
      .selectFrom('award as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'a.badge_years', 'a.decision_date', 'p.admitted_on'])
      .where('a.kind', '=', 'huy_hieu')
      .execute();
    expect(badges.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const b of badges) {
      const reached = partyAgeMilestone([{ from: b.admitted_on!, to: null }], b.badge_years!)!;
      expect(Number(reached.slice(0, 4)) <= Number(b.decision_date!.slice(0, 4)), `${b.person_id} ${b.badge_years}`).toBe(true);
      expect(seen.has(`${b.person_id}|${b.badge_years}`)).toBe(false);
      seen.add(`${b.person_id}|${b.badge_years}`);
    }
    const due = (await admin.call('GET', `/api/v1/awards/badges/due?year=${year}`)).json() as BadgeDueOut;
    for (const d of due.items) expect(seen.has(`${d.personId}|${d.milestone}`)).toBe(false);

    const contests = (await admin.call('GET', '/api/v1/contests')).json() as { total: number; items: { id: string; prizes: number; entrants: number }[] };
    expect(contests.total).toBe(2);
    expect(contests.items[0]!.prizes).toBe(10);
  });
});
