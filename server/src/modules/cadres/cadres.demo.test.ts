import { addMonths, CONCURRENCY_COMBOS, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser } from '../../test/factories.js';

describeEngines('cadres: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds terms with reminders due soon and overdue, every kind of concurrency, and rotations the API serves', async () => {
    const { provinceRootIds } = await generateDemo(env().db, { seed: 7, members: 3000 });
    const today = todayIso();
    const admin = await buildUser(env(), 'quan_tri', provinceRootIds);

    // Terms: every planned end after the start; the reminder list has terms ending within six months and overdue ones.
    const terms = await db().selectFrom('committee_term').selectAll().execute();
    expect(terms.length).toBeGreaterThan(0);
    for (const t of terms) expect(t.planned_end_date > t.start_date, t.id).toBe(true);
    const rem = (await admin.call('GET', '/api/v1/terms/reminders')).json() as { total: number; items: { id: string; orgId: string; plannedEndDate: string; endDate: string | null; reminder: string }[] };
    const soon = rem.items.filter((i) => i.reminder === 'due_soon');
    const overdue = rem.items.filter((i) => i.reminder === 'overdue');
    expect(soon.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    for (const i of soon) expect(i.plannedEndDate > today && i.plannedEndDate <= addMonths(today, 6), i.id).toBe(true);
    for (const i of overdue) expect(i.endDate !== null || i.plannedEndDate <= today, i.id).toBe(true);
    // One reminder per organization, for its latest term.
    expect(new Set(rem.items.map((i) => i.orgId)).size).toBe(rem.items.length);
    const one = (await admin.call('GET', '/api/v1/terms/reminders?months=1')).json() as { total: number };
    expect(one.total).toBeLessThanOrEqual(rem.total);

    // Concurrency today: each combination is present, and a combination's people hold both posts.
    const conc = (await admin.call('GET', '/api/v1/posts/concurrency')).json() as {
      total: number;
      combos: Record<string, number>;
      people: { personId: string; combos: string[]; posts: { title: string }[] }[];
    };
    expect(conc.total).toBeGreaterThan(0);
    for (const c of CONCURRENCY_COMBOS) expect(conc.combos[c], c).toBeGreaterThan(0);
    for (const person of conc.people) expect(person.posts.length).toBeGreaterThan(1);
    const villageSecretary = conc.people.find((x) => x.combos.includes('bi_thu_chi_bo_kiem_truong_thon'))!;
    expect(villageSecretary.posts.map((x) => x.title)).toEqual(expect.arrayContaining(['bi_thu']));

    // Rotations: the post they led to starts on the rotation's date.
    const rotations = await db().selectFrom('rotation as r').innerJoin('party_post as p', 'p.id', 'r.to_post_id').select(['r.id', 'r.effective_date', 'r.kind', 'p.valid_from', 'p.rotation_id']).execute();
    expect(rotations.length).toBeGreaterThan(0);
    for (const r of rotations) expect([r.effective_date, r.rotation_id]).toEqual([r.valid_from, r.id]);
    const listed = (await admin.call('GET', '/api/v1/rotations')).json() as { total?: number; items: unknown[] };
    expect(listed.items.length).toBeGreaterThan(0);
  });
});
