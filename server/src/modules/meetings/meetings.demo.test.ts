import { addMonths, MEETING_SCORE_RULE_SETS, monthOf, scoreMeeting, todayIso } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser } from '../../test/factories.js';

describeEngines('meetings: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds ten years of meetings with believable classes, recent attendance rows and an unfinished month', async () => {
    const { provinceRootIds } = await generateDemo(env().db, { seed: 7, members: 3000 });
    const current = monthOf(todayIso());
    const meetings = await db().selectFrom('meeting').select(['month', 'kind', 'state', 'score_class', 'score_detail', 'score_rules', 'score_total', 'attendance_rows', 'n_members', 'n_present', 'n_excused', 'n_unexcused', 'n_exempt']).execute();
    const months = new Set(meetings.map((m) => m.month));
    expect(months.size).toBeGreaterThanOrEqual(120);
    expect(meetings.some((m) => m.kind === 'chuyen_de')).toBe(true);

    // Stored classes agree with the rule set on the stored points.
    for (const m of meetings.filter((x) => x.score_detail)) {
      const r = scoreMeeting(MEETING_SCORE_RULE_SETS[m.score_rules]!, JSON.parse(m.score_detail!) as Record<string, number>);
      expect(r.cls).toBe(m.score_class);
      expect(r.total).toBe(m.score_total);
    }
    const scored = meetings.filter((m) => m.score_class);
    const share = (c: string) => scored.filter((m) => m.score_class === c).length / scored.length;
    expect(share('tot')).toBeGreaterThan(0.6);
    expect(share('kha')).toBeGreaterThan(0.1);
    expect(share('kem')).toBeLessThan(0.02);
    // Counts add up; per-member rows only on recent meetings.
    for (const m of meetings.filter((x) => x.n_members !== null)) expect(m.n_present! + m.n_excused! + m.n_unexcused! + m.n_exempt!).toBe(m.n_members);
    const detailed = meetings.filter((m) => m.attendance_rows === 1);
    expect(detailed.length).toBeGreaterThan(0);
    expect(detailed.every((m) => m.month >= monthOf(addMonths(`${current}-01`, -2)))).toBe(true);
    // This month: some cells have not met or not reported.
    const thisMonth = meetings.filter((m) => m.month === current && m.kind === 'thuong_ky');
    expect(thisMonth.some((m) => m.state === 'da_hop')).toBe(true);
    expect(thisMonth.some((m) => m.state === 'ke_hoach' || m.state === 'da_thong_bao')).toBe(true);

    const admin = await buildUser(env(), 'quan_tri', [provinceRootIds[0]!]);
    const status = (await admin.call('GET', '/api/v1/meetings/status')).json() as { cells: number; notMet: number; notReported: number; reported: number };
    expect(status.notMet).toBeGreaterThan(0);
    expect(status.notReported).toBeGreaterThan(0);
    expect(status.reported).toBeGreaterThan(0);
    const lastYear = Number(current.slice(0, 4)) - 1;
    const y = (await admin.call('GET', `/api/v1/meetings/yearly?year=${lastYear}`)).json() as { items: { cls: string }[] };
    const tot = y.items.filter((i) => i.cls === 'tot').length / y.items.length;
    const good = y.items.filter((i) => i.cls === 'tot' || i.cls === 'kha').length / y.items.length;
    expect(tot).toBeGreaterThan(0.5);
    expect(good).toBeGreaterThan(0.85);
  });
});
