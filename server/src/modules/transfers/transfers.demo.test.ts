import { isOpenTransfer, todayIso, TRANSFER_STATES, type TransferState } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser } from '../../test/factories.js';

describeEngines('transfers: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds transfers in every state whose chains agree with the member ledger', async () => {
    const { provinceRootIds } = await generateDemo(env().db, { seed: 7, members: 3000 });
    const today = todayIso();
    const transfers = await db().selectFrom('transfer').selectAll().orderBy('id').execute();
    const steps = await db().selectFrom('transfer_step').selectAll().orderBy('transfer_id').orderBy('seq').execute();
    const states = new Set(transfers.map((t) => t.state));
    for (const s of TRANSFER_STATES) expect(states.has(s), s).toBe(true);
    expect(transfers.some((t) => t.state === 'cho_tiep_nhan' && t.receive_by! < today)).toBe(true);
    expect(transfers.some((t) => t.state === 'cho_tiep_nhan' && t.receive_by! >= today)).toBe(true);
    expect(transfers.some((t) => t.state === 'da_tiep_nhan' && t.completed_on! >= addDays(today, -366))).toBe(true);

    const byTransfer = new Map<string, typeof steps>();
    for (const s of steps) byTransfer.set(s.transfer_id, [...(byTransfer.get(s.transfer_id) ?? []), s]);
    const events = new Map((await db().selectFrom('member_event').selectAll().where('id', 'in', steps.map((s) => s.member_event_id).filter((x): x is string => !!x)).execute()).map((e) => [e.id, e]));
    const open = new Set<string>();
    for (const t of transfers) {
      const chain = byTransfer.get(t.id)!;
      expect(chain.map((s) => s.seq)).toEqual(chain.map((_, i) => i + 1));
      expect(chain.at(-1)!.to_state, t.id).toBe(t.state);
      expect(t.version).toBe(chain.length);
      // A temporary transfer says why (work or study); a permanent one has no purpose.
      if (t.kind === 'tam_thoi') expect(['cong_tac', 'hoc_tap'], t.id).toContain(t.purpose);
      else expect(t.purpose ?? null, t.id).toBeNull();
      for (let i = 1; i < chain.length; i++) {
        expect(chain[i]!.on_date >= chain[i - 1]!.on_date, t.id).toBe(true);
        expect(chain[i]!.from_state).toBe(chain[i - 1]!.to_state);
      }
      expect(chain.at(-1)!.on_date <= today).toBe(true);
      const receipt = chain.find((s) => s.action === 'tiep_nhan');
      if (t.state === 'da_tiep_nhan') {
        const e = events.get(receipt!.member_event_id!)!;
        expect(e).toMatchObject({ kind: 'chuyen_noi_bo', org_id: t.to_org_id, effective_date: receipt!.on_date, person_id: t.person_id });
      }
      if (t.state === 'da_chuyen_di') expect(events.get(chain.at(-1)!.member_event_id!)).toMatchObject({ kind: 'chuyen_di', person_id: t.person_id });
      if (t.state === 'da_tro_ve') expect(events.get(chain.at(-1)!.member_event_id!)).toMatchObject({ kind: 'tam_chuyen_ve', effective_date: t.completed_on });
      if (isOpenTransfer(t.state as TransferState)) {
        expect(open.has(t.person_id), 'one open transfer per member').toBe(false);
        open.add(t.person_id);
        const p = await db().selectFrom('person').select(['standing', 'activity', 'org_id']).where('id', '=', t.person_id).executeTakeFirstOrThrow();
        expect(p.standing).toBe('dang_sinh_hoat');
        if (t.state === 'dang_tam_thoi') expect(p.activity).toBe('tam_chuyen_di');
        else expect(p.org_id).toBe(t.from_org_id);
      }
    }

    // The API serves them, overdue ones listed apart.
    const admin = await buildUser(env(), 'quan_tri', provinceRootIds);
    const overdue = (await admin.call('GET', '/api/v1/transfers?box=overdue&pageSize=200')).json() as { total: number; items: { overdue: boolean }[] };
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    for (const t of transfers.slice(0, 40)) expect((await admin.call('GET', `/api/v1/transfers/${t.id}`)).statusCode).toBe(200);
  });
});

function addDays(iso: string, n: number) {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
