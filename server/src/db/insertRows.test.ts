import type { Insertable } from 'kysely';
import { expect, it } from 'vitest';
import { describeEngines } from '../test/engines.js';
import { insertRows } from './insertRows.js';
import type { Database } from './schema.js';

describeEngines('insertRows: bulk rows arrive exactly as given', (env) => {
  const db = () => env().db.kysely;

  it('keeps text, dates, nulls and numbers, over several statements', async () => {
    // More rows than one PostgreSQL JSON statement or one SQLite statement carries.
    const rows = Array.from({ length: 12_345 }, (_, i) => ({
      org_id: `o-${String(i).padStart(5, '0')}`,
      valid_from: '2025-12-31',
      valid_to: i % 3 ? null : '2026-01-01',
      total: i,
      full_members: i % 7,
      counts: i % 2 ? `"Lò Văn" \\ ' ${i}:1` : '',
    }));
    await insertRows(db(), 'cell_tally', rows);
    const back = await db().selectFrom('cell_tally').selectAll().orderBy('org_id').execute();
    expect(back).toEqual(rows);
    await db().deleteFrom('cell_tally').execute();
  });

  it('leaves a column a row does not name to its default, as a plain insert would', async () => {
    const user = (id: string) => ({ id, username: id, password_hash: 'x', role: 'xem', display_name: `Người dùng ${id}`, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
    // Mixed shapes: the row that names fewer columns must get the defaults, not NULL.
    // The schema types list defaulted columns as required; leaving them out is the point here.
    const users = (rows: object[]) => rows as unknown as Insertable<Database['app_user']>[];
    await insertRows(db(), 'app_user', users([{ ...user('bulk-a'), failed_logins: 3, active: 0 }, user('bulk-b')]));
    await insertRows(db(), 'app_user', users([user('bulk-c')]));
    const back = await db().selectFrom('app_user').select(['id', 'failed_logins', 'active', 'version']).where('id', 'like', 'bulk-%').orderBy('id').execute();
    expect(back).toEqual([
      { id: 'bulk-a', failed_logins: 3, active: 0, version: 1 },
      { id: 'bulk-b', failed_logins: 0, active: 1, version: 1 },
      { id: 'bulk-c', failed_logins: 0, active: 1, version: 1 },
    ]);
    await db().deleteFrom('app_user').where('id', 'like', 'bulk-%').execute();
  });

  it('writes nothing of a batch that breaks a constraint', async () => {
    const rows = [
      { code: 10, dim: 'sex', val: 'nam' },
      { code: 10, dim: 'sex', val: 'nu' },
    ];
    await expect(db().transaction().execute((trx) => insertRows(trx, 'cell_tally_value', rows))).rejects.toThrow();
    expect(await db().selectFrom('cell_tally_value').selectAll().execute()).toEqual([]);
  });
});
