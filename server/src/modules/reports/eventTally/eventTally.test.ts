import { addDaysIso as addDays, todayIso } from '@dangvu/common';
import { sql, type SqlBool } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../test/engines.js';
import { adminCtx, buildUser } from '../../../test/factories.js';
import { generateDemo } from '../../demo/generate.js';
import { organizationsService } from '../../organizations/organizations.service.js';
import { EVENT_DIMS } from '../dimensions.js';
import { FLOWS } from '../flows.js';
import { tallyEventRecords, tallyEvents } from '../populations.js';

describeEngines('event tallies equal the records for whole provinces, across restructurings and corrections', (env) => {
  const db = () => env().db.kysely;
  const today = todayIso();
  let roots: string[] = [];

  async function expectEqualIn(windows: readonly (readonly [string, string])[], rootSets: readonly (readonly string[])[]) {
    let counted = 0;
    for (const ids of rootSets)
      for (const [from, to] of windows) {
        const prefixes = ids.map((id) => `/${id}/`);
        const records = await tallyEventRecords(db(), [...FLOWS], from, to, prefixes, [...EVENT_DIMS]);
        expect(await tallyEvents(db(), [...FLOWS], from, to, prefixes, [...EVENT_DIMS]), `${ids.join(',')} ${from}–${to}`).toEqual(records);
        counted += records.total;
      }
    expect(counted).toBeGreaterThan(0);
  }
  const years = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => [`${a + i}-01-01`, `${a + i}-12-31`] as const);

  it('counts the demo province by day: whole years, a decade, single days and month edges', { timeout: 300_000 }, async () => {
    ({ provinceRootIds: roots } = await generateDemo(env().db, { seed: 13, members: 1500 }));
    expect(Number((await db().selectFrom('event_tally').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(100);
    expect(await db().selectFrom('event_tally_stale').selectAll().execute()).toEqual([]);
    const busiest = await db().selectFrom('member_event').select('effective_date').groupBy('effective_date').orderBy(sql`count(*)`, 'desc').limit(1).executeTakeFirstOrThrow();
    await expectEqualIn([...years(2014, Number(today.slice(0, 4))), ['2011-01-01', '2020-12-31'], [busiest.effective_date, busiest.effective_date], ['2025-06-30', '2025-07-01'], ['2024-01-31', '2024-03-01']], [roots]);
  });

  it('follows corrections in the writing transaction: a birth date, the reason of an event, a theory result undone', { timeout: 120_000 }, async () => {
    const e = await db().selectFrom('member_event').select(['id', 'person_id', 'effective_date']).where('kind', '=', 'ket_nap').orderBy('effective_date', 'desc').executeTakeFirstOrThrow();
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('person').set({ birth_date: '1999-02-28', sex: 'nu' }).where('id', '=', e.person_id).execute();
      expect((await trx.selectFrom('event_tally_stale').select('day').execute()).map((r) => r.day)).toContain(e.effective_date);
    });
    const other = await db().selectFrom('member_event').select(['id', 'effective_date']).where('kind', '=', 'tu_tran').orderBy('id').executeTakeFirstOrThrow();
    await db().updateTable('member_event').set({ kind: 'xoa_ten' }).where('id', '=', other.id).execute();
    const raised = await db().selectFrom('training_enrolment').select(['id']).where('theory_changed', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    await db().updateTable('training_enrolment').set({ theory_before: null }).where('id', '=', raised.id).execute();
    await expectEqualIn([[e.effective_date, e.effective_date], [other.effective_date, other.effective_date], ...years(2016, Number(today.slice(0, 4)))], [roots]);
  });

  it('moves a commune to another province back-dated: moves across the new edge become arrivals and departures from that day', { timeout: 300_000 }, async () => {
    const orgs = organizationsService(db());
    const { userId } = await buildUser(env(), 'quan_tri', roots);
    const asAdmin = (scope: readonly string[]) => ({ ...adminCtx(scope), actor: { ...adminCtx(scope).actor, userId } });
    const decision = (effectiveDate: string, decisionNo: string) => ({ effectiveDate, decisionNo, issuer: 'Ban Chấp hành Trung ương', decisionDate: effectiveDate });
    const other = await orgs.establish(asAdmin(roots), { ...decision('2008-01-01', '1-QĐ/TW'), code: 'TINH-SU-KIEN', name: 'Đảng bộ tỉnh Sự Kiện', kind: 'dang_bo_tinh', hostType: 'xa_phuong' });
    const both = [...roots, other.orgId];
    // The commune whose cells saw the most moves inside the system, moved the day after its subtree last changed.
    const commune = await db()
      .selectFrom('organization_version as v')
      .innerJoin('organization_version as c', (j) => j.on(sql<SqlBool>`c.path like v.path || '%'`))
      .innerJoin('member_event as me', 'me.org_id', 'c.org_id')
      .select(['v.org_id', (eb) => eb.fn.max('c.valid_from').as('last'), (eb) => eb.fn.countAll().as('n')])
      .where('v.kind', '=', 'dang_uy_xa')
      .where('v.valid_to', 'is', null)
      .where('c.valid_to', 'is', null)
      .where('me.kind', '=', 'chuyen_noi_bo')
      .groupBy('v.org_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const moved = addDays(String(commune.last) > '2025-07-01' ? String(commune.last) : '2025-07-01', 5);
    expect(moved <= today).toBe(true);
    await orgs.transfer(asAdmin(both), commune.org_id, { ...decision(moved, '9-QĐ/TW'), newParentId: other.orgId });
    expect((await db().selectFrom('event_tally_stale_from').select('day').execute()).map((r) => String(r.day))).toContain(moved);
    const edge = await tallyEvents(db(), ['noi_bo_den', 'noi_bo_di'], moved, today, [`/${other.orgId}/`], []);
    expect(edge.total).toBeGreaterThan(0);
    expect((await tallyEvents(db(), ['noi_bo_den', 'noi_bo_di'], moved, today, both.map((id) => `/${id}/`), [])).total).toBe(0);
    await expectEqualIn([[moved, today], [addDays(moved, -400), addDays(moved, -1)], ...years(2024, Number(today.slice(0, 4)))], [roots, [other.orgId], both]);
  });
});
