import { todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../test/engines.js';
import { adminCtx } from '../../../test/factories.js';
import { generateDemo } from '../../demo/generate.js';
import { resolveSubtree } from '../../organizations/subtree.js';
import { tallyRated, tallyRatedFromRecords } from '../types/ratings.population.js';


describeEngines('reports: members’ rating tallies equal the records', (env) => {
  const db = () => env().db.kysely;
  let roots: string[] = [];
  let communes: string[] = [];
  const lastYear = Number(todayIso().slice(0, 4)) - 1;

  async function expectEqual(years: readonly number[], ends: (y: number) => string[], orgs: readonly string[]) {
    let counted = 0;
    for (const y of years)
      for (const end of ends(y))
        for (const org of orgs) {
          const { prefixes } = await resolveSubtree(db(), adminCtx(roots), org, end);
          const records = await tallyRatedFromRecords(db(), 'dv', y, end, prefixes);
          expect(await tallyRated(db(), 'dv', y, end, prefixes), `${org} ${y} at ${end}`).toEqual(records);
          counted += records.tong;
        }
    expect(counted).toBeGreaterThan(0);
  }
  const ends = (y: number) => [`${y}-12-31`, `${y + 1}-01-15`, `${y + 1}-06-30`].filter((d) => d <= todayIso());

  it('builds each year on first read and answers like the records, decisions dated before or after the year end', { timeout: 300_000 }, async () => {
    ({ provinceRootIds: roots, communeIds: communes } = await generateDemo(env().db, { seed: 5, members: 2500 }));
    await expectEqual([2017, 2020, 2024, 2025, lastYear].filter((y, i, a) => a.indexOf(y) === i), ends, [roots[0]!, ...communes.slice(0, 3)]);
    const built = (await db().selectFrom('rating_tally_year').select('year').execute()).map((r) => Number(r.year));
    expect(built).toEqual(expect.arrayContaining([2017, 2020, lastYear]));
  });

  it('follows new steps, discipline and moves in the writing transaction', { timeout: 120_000 }, async () => {
    const y = lastYear;
    const rated = await db()
      .selectFrom('rating as r')
      .innerJoin('membership_episode as e', 'e.person_id', 'r.person_id')
      .select(['r.id', 'r.person_id', 'r.level', 'e.org_id', 'e.id as episode_id'])
      .where('r.year', '=', y)
      .where('r.subject_kind', '=', 'dang_vien')
      .where('r.state', '=', 'quyet_dinh')
      .where('e.kind', '=', 'primary')
      .where('e.valid_to', 'is', null)
      .orderBy('r.id')
      .limit(3)
      .execute();
    expect(rated.length).toBe(3);
    const stale = async () => (await db().selectFrom('rating_tally_stale').select('org_id').execute()).map((r) => r.org_id);

    // A decision recorded as steps (a correction dated after the year): the cell turns stale with the write.
    await db()
      .insertInto('rating_step')
      .values({ id: 'tally-step-1', rating_id: rated[0]!.id, seq: 1, step: 'quyet_dinh', from_state: 'de_xuat', to_state: 'quyet_dinh', on_date: `${y + 1}-02-01`, level: 'ht', score: null, excellent_conditions: 0, exempt_reason: null, note: null, decision_no: '9-QĐ/ĐU', decision_date: `${y + 1}-02-01`, issuer: 'Đảng ủy', user_id: null, username: 'test', recorded_at: `${y + 1}-02-01T00:00:00Z` } as never)
      .execute();
    expect(await stale()).toContain(rated[0]!.org_id);
    // Discipline in the year, and a member leaving on the year's last day.
    await db()
      .insertInto('discipline')
      .values({ ...(await db().selectFrom('discipline').selectAll().orderBy('id').executeTakeFirstOrThrow()), member_event_id: null, id: 'tally-discipline-1', person_id: rated[1]!.person_id!, org_id: rated[1]!.org_id, effective_date: `${y}-05-05`, decision_date: `${y}-05-05` })
      .execute();
    await db().updateTable('membership_episode').set({ valid_to: `${y}-12-31` }).where('id', '=', rated[2]!.episode_id).execute();
    await expectEqual([y], (yy) => [`${yy}-12-31`, `${yy + 1}-01-31`, `${yy + 1}-02-01`].filter((d) => d <= todayIso()), [roots[0]!, ...communes.slice(0, 2)]);
    expect(await stale()).toEqual([]);
  });
});
