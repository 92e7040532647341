import { foldMemberEvents, type MemberEventKind } from '@dangvu/common';
import type { Transaction } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../db/schema.js';
import { describeEngines } from '../../test/engines.js';
import { buildMember, buildProvince } from '../../test/factories.js';
import { appendMemberEvents, appendMemberEventsBatch } from './ledger.repository.js';

/**
 * Two writers on one ledger. The first appends inside a transaction it keeps open; the second
 * starts meanwhile. On PostgreSQL it must wait for the person row lock and then fold the first
 * one's event (read committed alone would let it fold the old ledger); on SQLite it waits for the
 * single connection. Either way the second judges the ledger as the first left it.
 */
describeEngines('member ledger: concurrent appends', (env) => {
  let p: Awaited<ReturnType<typeof buildProvince>>;
  const db = () => env().db.kysely;
  const ledger = async (personId: string) =>
    db().selectFrom('member_event').select(['id', 'kind', 'effective_date', 'org_id', 'data', 'seq']).where('person_id', '=', personId).orderBy('effective_date').orderBy('seq').execute();

  /** Runs `first` in a transaction held open until `second` has had time to start and block. */
  async function race<A, B>(first: (trx: Transaction<Database>) => Promise<A>, second: () => Promise<B>) {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const appended = new Promise<void>((r) => (started = r));
    const one = db()
      .transaction()
      .execute(async (trx) => {
        const out = await first(trx);
        started();
        await held;
        return out;
      });
    await appended;
    const two = second().then(
      (v) => ({ ok: true as const, v }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    // Long enough for the second to reach the lock (or the connection queue) before the first commits.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await one;
    return two;
  }

  it('sets up a province', async () => {
    p = await buildProvince(env());
  });

  it('makes the second writer fold the first one’s event: a second loss is refused, not written beside it', async () => {
    const m = await buildMember(p.admin, p.cellA1, { cccd: null });
    const before = await ledger(m.id);
    const second = await race(
      (trx) => appendMemberEvents(trx, m.id, [{ kind: 'xoa_ten', effectiveDate: '2024-01-10' }], null),
      () => db().transaction().execute((trx) => appendMemberEvents(trx, m.id, [{ kind: 'tu_tran', effectiveDate: '2024-02-01' }], null)),
    );
    expect(second.ok).toBe(false);
    expect(second.ok ? null : second.e).toMatchObject({ code: 'MEMBER_TRANSITION_REFUSED', field: 'kind' });
    const after = await ledger(m.id);
    expect(after.map((e) => e.kind)).toEqual([...before.map((e) => e.kind), 'xoa_ten']);
    expect(new Set(after.map((e) => e.seq)).size).toBe(after.length);
  });

  it('lets an allowed second append follow the first in order, for a batch over the same people in another order', async () => {
    const a = await buildMember(p.admin, p.cellA1, { cccd: null });
    const b = await buildMember(p.admin, p.cellA2, { cccd: null });
    const ev = (kind: MemberEventKind, effectiveDate: string) => [{ kind, effectiveDate }];
    const second = await race(
      (trx) =>
        appendMemberEventsBatch(
          trx,
          [
            { personId: a.id, events: ev('mien_sinh_hoat', '2024-03-01') },
            { personId: b.id, events: ev('mien_sinh_hoat', '2024-03-01') },
          ],
          null,
        ),
      () =>
        db()
          .transaction()
          .execute((trx) =>
            appendMemberEventsBatch(
              trx,
              [
                { personId: b.id, events: ev('het_mien_sinh_hoat', '2024-09-01') },
                { personId: a.id, events: ev('het_mien_sinh_hoat', '2024-09-01') },
              ],
              null,
            ),
          ),
    );
    // "Thôi miễn sinh hoạt" is allowed only after the exemption: it saw the first batch's events.
    expect(second.ok, second.ok ? '' : String(second.e)).toBe(true);
    for (const id of [a.id, b.id]) {
      const rows = await ledger(id);
      expect(rows.slice(-2).map((e) => e.kind)).toEqual(['mien_sinh_hoat', 'het_mien_sinh_hoat']);
      expect(new Set(rows.map((e) => e.seq)).size).toBe(rows.length);
      const folded = foldMemberEvents(rows.map((e) => ({ id: e.id, kind: e.kind as MemberEventKind, effectiveDate: e.effective_date, orgId: e.org_id })));
      expect(folded.ok).toBe(true);
    }
  });
});
