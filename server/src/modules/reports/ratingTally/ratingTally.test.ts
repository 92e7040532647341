import { addDaysIso as addDays, todayIso } from '@dangvu/common';
import { sql, type SqlBool } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../test/engines.js';
import { adminCtx, buildUser } from '../../../test/factories.js';
import { generateDemo } from '../../demo/generate.js';
import { organizationsService } from '../../organizations/organizations.service.js';
import { resolveSubtree } from '../../organizations/subtree.js';
import { RATED_POPULATIONS, tallyRated, tallyRatedFromRecords } from '../types/ratings.population.js';
import { refreshRatedRoots } from './ratedRoots.js';

describeEngines('reports: rating tallies of cells and roots equal the records', (env) => {
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
          await expectEqualIn(y, end, prefixes, org);
          counted += (await tallyRatedFromRecords(db(), 'dv', y, end, prefixes)).tong;
        }
    expect(counted).toBeGreaterThan(0);
  }
  /** Every population: a whole root is read from the roots' tallies, a commune from cells or records. */
  async function expectEqualIn(y: number, end: string, prefixes: readonly string[], label: string) {
    for (const pop of RATED_POPULATIONS) expect(await tallyRated(db(), pop, y, end, prefixes), `${pop} ${label} ${y} at ${end}`).toEqual(await tallyRatedFromRecords(db(), pop, y, end, prefixes));
  }
  const ends = (y: number) => [`${y}-12-31`, `${y + 1}-01-15`, `${y + 1}-06-30`].filter((d) => d <= todayIso());

  it('builds each year on first read and answers like the records, decisions dated before or after the year end', { timeout: 300_000 }, async () => {
    ({ provinceRootIds: roots, communeIds: communes } = await generateDemo(env().db, { seed: 5, members: 2500 }));
    await expectEqual([2017, 2020, 2024, 2025, lastYear].filter((y, i, a) => a.indexOf(y) === i), ends, [roots[0]!, ...communes.slice(0, 3)]);
    const built = (await db().selectFrom('rating_tally_year').select('year').execute()).map((r) => Number(r.year));
    expect(built).toEqual(expect.arrayContaining([2017, 2020, lastYear]));
    const rootsBuilt = (await db().selectFrom('rated_root_year').select('year').execute()).map((r) => Number(r.year));
    expect(rootsBuilt.sort()).toEqual([...built].sort());
    const organizationsRated = await tallyRated(db(), 'tccs', lastYear, `${lastYear + 1}-06-30`, [`/${roots[0]}/`]);
    expect(organizationsRated.xl).toBeGreaterThan(0);
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
    // An organization's rating corrected after the year: its root turns stale with the write.
    const orgRating = await db()
      .selectFrom('rating')
      .select(['id', 'org_id', 'level'])
      .where('year', '=', y)
      .where('subject_kind', '=', 'to_chuc')
      .where('level', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('rating_step')
      .values({ id: 'tally-step-2', rating_id: orgRating.id, seq: 1, step: 'dieu_chinh', from_state: 'quyet_dinh', to_state: 'quyet_dinh', on_date: `${y + 1}-01-31`, level: orgRating.level === 'khong_ht' ? 'ht' : 'khong_ht', score: null, excellent_conditions: 0, exempt_reason: null, note: null, decision_no: '10-QĐ/ĐU', decision_date: `${y + 1}-01-31`, issuer: 'Đảng ủy', user_id: null, username: 'test', recorded_at: `${y + 1}-01-31T00:00:00Z` } as never)
      .execute();
    expect((await db().selectFrom('rated_root_stale').select('root_id').execute()).map((r) => r.root_id)).toContain(roots[0]);
    await expectEqual([y], (yy) => [`${yy}-12-31`, `${yy + 1}-01-30`, `${yy + 1}-01-31`, `${yy + 1}-02-01`].filter((d) => d <= todayIso()), [roots[0]!, ...communes.slice(0, 2)]);
    expect(await stale()).toEqual([]);
    expect(await db().selectFrom('rated_root_stale').select('root_id').execute()).toEqual([]);

    // The roots' member counts were patched from the rebuilt cells: the same rows as the year built whole.
    const rootRows = () => db().selectFrom('rated_root_tally').selectAll().where('year', '=', y).orderBy('pop').orderBy('root_id').orderBy('valid_from').execute();
    const patched = await rootRows();
    await db().deleteFrom('rated_root_tally').where('year', '=', y).execute();
    await db().deleteFrom('rated_root_year').where('year', '=', y).execute();
    await refreshRatedRoots(db(), y);
    expect(await rootRows()).toEqual(patched);
  });

  it('moves a commune to another province within a rating year: each root counts it where it stood on 31/12', { timeout: 300_000 }, async () => {
    const y = lastYear;
    const orgs = organizationsService(db());
    const { userId } = await buildUser(env(), 'quan_tri', roots);
    const asAdmin = (scope: readonly string[]) => ({ ...adminCtx(scope), actor: { ...adminCtx(scope).actor, userId } });
    const decision = (effectiveDate: string, decisionNo: string) => ({ effectiveDate, decisionNo, issuer: 'Ban Chấp hành Trung ương', decisionDate: effectiveDate });
    const other = await orgs.establish(asAdmin(roots), { ...decision('2008-01-01', '1-QĐ/TW'), code: 'TINH-XL', name: 'Đảng bộ tỉnh Xếp Loại', kind: 'dang_bo_tinh', hostType: 'xa_phuong' });
    const both = asAdmin([...roots, other.orgId]);
    // The commune whose subtree changed last earliest, so the move can fall inside the year.
    const commune = await db()
      .selectFrom('organization_version as v')
      .innerJoin('organization_version as c', (j) => j.on(sql<SqlBool>`c.path like v.path || '%'`))
      .select(['v.org_id', (eb) => eb.fn.max('c.valid_from').as('last')])
      .where('v.kind', '=', 'dang_uy_xa')
      .where('v.valid_to', 'is', null)
      .groupBy('v.org_id')
      .orderBy('last')
      .executeTakeFirstOrThrow();
    const moved = addDays(String(commune.last) > `${y}-07-01` ? String(commune.last) : `${y}-07-01`, 10);
    expect(moved < `${y}-12-31`).toBe(true);
    await orgs.transfer(both, commune.org_id, { ...decision(moved, '9-QĐ/TW'), newParentId: other.orgId });
    const a = [`/${roots[0]}/`];
    const b = [`/${other.orgId}/`];
    for (const end of [`${y}-12-31`, `${y + 1}-03-31`].filter((d) => d <= todayIso()))
      for (const prefixes of [a, b, [...a, ...b]]) {
        await expectEqualIn(y, end, prefixes, prefixes.join());
        await expectEqualIn(y - 1, end, prefixes, prefixes.join());
      }
    expect((await tallyRated(db(), 'dv', y, `${y}-12-31`, b)).tong).toBeGreaterThan(0);
    expect((await tallyRated(db(), 'dv', y - 1, `${y}-12-31`, b)).tong).toBe(0);
  });
});
