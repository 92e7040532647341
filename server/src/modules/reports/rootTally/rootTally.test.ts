import { addDaysIso as addDays, todayIso } from '@dangvu/common';
import { sql, type SqlBool } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEngines } from '../../../test/engines.js';
import { adminCtx, buildUser } from '../../../test/factories.js';
import { generateDemo } from '../../demo/generate.js';
import { organizationsService } from '../../organizations/organizations.service.js';
import { refreshCellTallies } from '../cellTally/refresh.js';
import { tallyMembers } from '../populations.js';
import { TALLIED_DIMS, tallyFromRecords } from '../tallyOracle.test-data.js';
import { DeltaLine, decodeVec, encodeVec } from './line.js';
import { splitAtRoots } from './read.js';
import { backfill } from '../../../db/migrations/017_root_tally.js';

describe('root tallies: lines of dated changes', () => {
  const v = (total: number, full: number, counts = '') => decodeVec(total, full, counts, 6);

  it('sums spans into spans, joining only what changes, and leaves no span where nobody is', () => {
    const line = new DeltaLine();
    line.addSpans([{ from: '2020-01-01', to: '2020-03-01', v: v(2, 1, '0:2') }, { from: '2020-03-01', to: '2020-05-01', v: v(3, 1, '0:3') }], 1);
    line.addSpans([{ from: '2020-02-01', to: null, v: v(1, 1, '1:1') }], 1);
    expect(line.spans().map((s) => [s.from, s.to, encodeVec(s.v)])).toEqual([
      ['2020-01-01', '2020-02-01', { total: 2, full_members: 1, counts: '0:2' }],
      ['2020-02-01', '2020-03-01', { total: 3, full_members: 2, counts: '0:2 1:1' }],
      ['2020-03-01', '2020-05-01', { total: 4, full_members: 2, counts: '0:3 1:1' }],
      ['2020-05-01', null, { total: 1, full_members: 1, counts: '1:1' }],
    ]);
  });

  it('takes away what it added, and refuses counts below zero rather than storing them', () => {
    const line = new DeltaLine();
    const spans = [{ from: '2021-01-01', to: null, v: v(2, 0, '3:2') }];
    line.addSpans(spans, 1);
    line.addSpans(spans, -1);
    expect(line.firstChange()).toBeNull();
    expect(line.spans()).toEqual([]);
    line.addSpans([{ from: '2021-06-01', to: '2021-07-01', v: v(1, 0, '3:1') }], -1);
    expect(() => line.spans()).toThrow(/không khớp/);
  });

  it('reads a subtree that is a whole root from the root, and merges overlapping subtrees first', () => {
    expect(splitAtRoots(['/a/', '/a/b/', '/c/d/', '/c/d/e/'])).toEqual({ roots: ['a'], rest: ['/c/d/'] });
  });
});

describeEngines('root tallies equal the records across provinces and restructurings', (env) => {
  const db = () => env().db.kysely;
  const today = todayIso();
  let roots: string[] = [];

  async function expectEqualOn(dates: readonly string[], prefixSets: readonly (readonly string[])[]) {
    let counted = 0;
    for (const prefixes of prefixSets)
      for (const d of dates.filter((x) => x <= today)) {
        const records = await tallyFromRecords(db(), d, prefixes);
        expect(await tallyMembers(db(), d, prefixes, TALLIED_DIMS), `${prefixes.join(',')} on ${d}`).toEqual(records);
        counted += records.total;
      }
    expect(counted).toBeGreaterThan(0);
  }
  const rootRows = async (root: string) =>
    (await db().selectFrom('root_tally').select(['valid_from', 'valid_to', 'total', 'full_members', 'counts']).where('org_id', '=', root).orderBy('valid_from').execute()).map((r) => ({
      ...r,
      total: Number(r.total),
      full_members: Number(r.full_members),
    }));
  const YEAR_ENDS = Array.from({ length: 16 }, (_, i) => `${2010 + i}-12-31`);

  it('builds each root with the demo, and a root patched by many writes equals the same root built whole', { timeout: 300_000 }, async () => {
    ({ provinceRootIds: roots } = await generateDemo(env().db, { seed: 11, members: 1500 }));
    const root = roots[0]!;
    expect((await rootRows(root)).length).toBeGreaterThan(100);
    await expectEqualOn([...YEAR_ENDS, '2025-06-30', '2025-07-01', today], [[`/${root}/`]]);

    // Small writes patch the root from the day they change: a birth date, then a member's episode ended today.
    const member = await db()
      .selectFrom('membership_episode')
      .select(['person_id', 'org_id'])
      .where('kind', '=', 'primary')
      .where('valid_to', 'is', null)
      .orderBy('person_id')
      .executeTakeFirstOrThrow();
    await db().updateTable('person').set({ birth_date: '1960-02-29' }).where('id', '=', member.person_id).execute();
    await db().updateTable('membership_episode').set({ valid_to: today }).where('person_id', '=', member.person_id).where('valid_to', 'is', null).where('kind', '=', 'primary').execute();
    expect(await refreshCellTallies(db())).toBeGreaterThan(0);
    const patched = await rootRows(root);
    await db().insertInto('root_tally_rebuild').values({ org_id: root }).execute();
    await refreshCellTallies(db());
    expect(patched).toEqual(await rootRows(root));
    await expectEqualOn(['2015-12-31', '2020-02-28', '2020-02-29', '2020-03-01', addDays(today, -1), today], [[`/${root}/`]]);
  });

  it('fills in a database made before root tallies: placements from the versions, and each root built on first read', { timeout: 120_000 }, async () => {
    const root = roots[0]!;
    const built = await rootRows(root);
    const placements = await db().selectFrom('cell_placement').selectAll().orderBy('org_id').orderBy('valid_from').execute();
    await db().deleteFrom('root_tally').execute();
    await db().deleteFrom('cell_placement').execute();
    await backfill(db() as never, env().db.engine);
    expect(await db().selectFrom('cell_placement').selectAll().orderBy('org_id').orderBy('valid_from').execute()).toEqual(placements);
    expect(await db().selectFrom('root_tally_rebuild').select('org_id').execute()).toEqual([{ org_id: root }]);
    await refreshCellTallies(db());
    expect(await rootRows(root)).toEqual(built);
  });

  it('moves a commune to another province: the old root loses it and the new one gains it from that day, and earlier dates stay', { timeout: 300_000 }, async () => {
    const orgs = organizationsService(db());
    // A new root is put in its creator's scope, so the creator must be a real user.
    const { userId } = await buildUser(env(), 'quan_tri', roots);
    const asAdmin = (scope: readonly string[]) => ({ ...adminCtx(scope), actor: { ...adminCtx(scope).actor, userId } });
    const ctx = asAdmin(roots);
    const decision = (effectiveDate: string, decisionNo: string) => ({ effectiveDate, decisionNo, issuer: 'Ban Chấp hành Trung ương', decisionDate: effectiveDate });
    const other = await orgs.establish(ctx, { ...decision('2008-01-01', '1-QĐ/TW'), code: 'TINH-THU', name: 'Đảng bộ tỉnh Thử', kind: 'dang_bo_tinh', hostType: 'xa_phuong' });
    const both = asAdmin([...roots, other.orgId]);
    // The commune with the most members today, moved the day after its subtree last changed.
    const commune = await db()
      .selectFrom('organization_version as v')
      .innerJoin('organization_version as c', (j) => j.on(sql<SqlBool>`c.path like v.path || '%'`))
      .innerJoin('membership_episode as e', 'e.org_id', 'c.org_id')
      .select(['v.org_id', 'v.path', (eb) => eb.fn.max('c.valid_from').as('last'), (eb) => eb.fn.countAll().as('n')])
      .where('v.kind', '=', 'dang_uy_xa')
      .where('v.valid_to', 'is', null)
      .where('c.valid_to', 'is', null)
      .where('e.valid_to', 'is', null)
      .where('e.kind', '=', 'primary')
      .groupBy(['v.org_id', 'v.path'])
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const moved = addDays(String(commune.last) > '2025-07-01' ? String(commune.last) : '2025-07-01', 10);
    expect(moved <= today).toBe(true);
    await orgs.transfer(both, commune.org_id, { ...decision(moved, '7-QĐ/TW'), newParentId: other.orgId });
    await refreshCellTallies(db());
    const a = [`/${roots[0]}/`];
    const b = [`/${other.orgId}/`];
    await expectEqualOn([addDays(moved, -1), moved, today], [a, b, [...a, ...b]]);
    await expectEqualOn(['2012-12-31', '2024-12-31'], [a]);
    expect(await tallyMembers(db(), addDays(moved, -1), b, [])).toEqual({ total: 0, by: {} });

    // Moved back, and a member in it changed, in one refresh that builds the touched roots whole.
    await orgs.transfer(both, commune.org_id, { ...decision(addDays(moved, 3), '8-QĐ/TW'), newParentId: roots[0]! });
    await db()
      .updateTable('person')
      .set({ sex: 'nu', birth_date: '1990-06-15' })
      .where('id', '=', db().selectFrom('membership_episode as e').innerJoin('organization_version as c', 'c.org_id', 'e.org_id').select('e.person_id').where('c.path', 'like', `${commune.path}%`).where('e.valid_to', 'is', null).limit(1))
      .execute();
    await refreshCellTallies(db(), { wholeBuildFrom: 1 });
    await expectEqualOn([addDays(moved, 1), addDays(moved, 3), today, '2021-06-15'], [a, b, [...a, ...b]]);
    expect(await tallyMembers(db(), today, b, [])).toEqual({ total: 0, by: {} });
  });
});
