import { addDaysIso as addDays, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../test/engines.js';
import { generateDemo } from '../../demo/generate.js';
import { resolveSubtree } from '../../organizations/subtree.js';
import { tallyMembers } from '../populations.js';
import { TALLIED_DIMS as DIMS, tallyFromRecords } from '../tallyOracle.test-data.js';
import { refreshCellTallies } from './refresh.js';
import { adminCtx } from '../../../test/factories.js';

describeEngines('reports: cell tallies equal the records on every date', (env) => {
  const db = () => env().db.kysely;
  let roots: string[] = [];
  let communes: string[] = [];

  async function expectEqualOn(dates: readonly string[], orgs: readonly string[]) {
    await refreshCellTallies(db());
    let counted = 0;
    for (const org of orgs)
      for (const d of dates) {
        const { prefixes } = await resolveSubtree(db(), adminCtx(roots), org, d);
        const records = await tallyFromRecords(db(), d, prefixes);
        expect(await tallyMembers(db(), d, prefixes, DIMS), `${org} on ${d}`).toEqual(records);
        counted += records.total;
      }
    expect(counted).toBeGreaterThan(0);
  }

  it('builds with the demo and answers like the records across ten years, restructurings and birthdays', { timeout: 300_000 }, async () => {
    ({ provinceRootIds: roots, communeIds: communes } = await generateDemo(env().db, { seed: 5, members: 2500 }));
    expect(Number((await db().selectFrom('cell_tally_stale').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    expect(Number((await db().selectFrom('cell_tally').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(0);
    const today = todayIso();
    const dates: string[] = [];
    for (let y = 2012; y <= Number(today.slice(0, 4)); y++) dates.push(`${y}-01-01`, `${y}-06-30`, `${y}-12-31`);
    // Around the 1 July 2025 mergers, and days that are nobody's special day.
    dates.push('2025-06-30', '2025-07-01', '2025-07-02', '2020-02-29', '2019-03-01', addDays(today, -1), today);
    await expectEqualOn(dates.filter((d) => d <= today), [roots[0]!, ...communes.slice(0, 3)]);
  });

  it('follows every change to the records in the same transaction, and reads them after the rebuild', { timeout: 120_000 }, async () => {
    const today = todayIso();
    const member = await db()
      .selectFrom('membership_episode as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['p.id', 'e.org_id', 'p.sex', 'p.birth_date'])
      .where('e.kind', '=', 'primary')
      .where('e.valid_to', 'is', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const stale = async () => (await db().selectFrom('cell_tally_stale').select('org_id').execute()).map((r) => r.org_id);

    // A person's counted column: their cells turn stale in the writing transaction.
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('person').set({ sex: member.sex === 'nu' ? 'nam' : 'nu', birth_date: '1994-02-28' }).where('id', '=', member.id).execute();
      expect((await trx.selectFrom('cell_tally_stale').select('org_id').execute()).map((r) => r.org_id)).toContain(member.org_id);
    });
    // A column no tally reads leaves them alone.
    await refreshCellTallies(db());
    await db().updateTable('person').set({ it_level: 'B' }).where('id', '=', member.id).execute();
    expect(await stale()).toEqual([]);

    // An episode ending (a move) and a theory result both mark the cell.
    await db().updateTable('membership_episode').set({ valid_to: today }).where('person_id', '=', member.id).where('valid_to', 'is', null).where('kind', '=', 'primary').execute();
    expect(await stale()).toContain(member.org_id);
    await expectEqualOn([addDays(today, -1), today, '2024-02-28', '2024-02-29'], [roots[0]!]);

    // The demo's theory courses raise levels; undoing what one recorded changes earlier dates.
    const raised = await db().selectFrom('training_enrolment').select(['id', 'person_id']).where('theory_changed', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    await db().updateTable('training_enrolment').set({ theory_before: null }).where('id', '=', raised.id).execute();
    expect((await stale()).length).toBeGreaterThan(0);
    await expectEqualOn(['2016-12-31', '2021-12-31', today], [roots[0]!, ...communes.slice(0, 2)]);
  });
});
