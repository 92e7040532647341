import { todayIso } from '@dangvu/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../server/src/db/database.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { generateDemo } from '../server/src/modules/demo/generate.js';
import { refreshCellTallies } from '../server/src/modules/reports/cellTally/refresh.js';
import { refreshEventTallies } from '../server/src/modules/reports/eventTally/build.js';
import { FLOWS } from '../server/src/modules/reports/flows.js';
import { tallyEventRecords, tallyEvents, tallyMembers } from '../server/src/modules/reports/populations.js';
import { refreshRatingTallies } from '../server/src/modules/reports/ratingTally/build.js';
import { TALLIED_DIMS, tallyFromRecords } from '../server/src/modules/reports/tallyOracle.test-data.js';
import { RATED_POPULATIONS, tallyRated, tallyRatedFromRecords } from '../server/src/modules/reports/types/ratings.population.js';
import { createTestDatabase } from '../server/src/test/databases.js';
import { cloneCountry } from './cloneCountry.js';

/**
 * The national benchmark's copier is PostgreSQL only (it switches triggers off with
 * session_replication_role), so this suite has no SQLite run. A copied country must read like
 * a generated one: the records `copies` times over, and every tally equal to its records.
 */
describe.skipIf(!inject('pgAdminUrl'))('bench: a country copied to three times its size [postgres]', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let roots: string[];
  const today = todayIso();
  const y = Number(today.slice(0, 4)) - 1;
  const from = `${y - 1}-01-01`;
  const to = `${y}-12-31`;

  beforeAll(async () => {
    const created = await createTestDatabase('postgres', 'dangvu_clone');
    drop = created.drop;
    db = openDatabase(created.url);
    await migrateToLatest(db);
    ({ provinceRootIds: roots } = await generateDemo(db, { seed: 11, members: 1500, records: 'official', firstYear: y - 1 }));
    // As after the benchmark's first run: the year's rating tallies exist and are copied too.
    await refreshRatingTallies(db.kysely, y);
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('copies every province’s content with new ids, and the tallies equal the records after', { timeout: 300_000 }, async () => {
    const k = db.kysely;
    const prefixes = roots.map((r) => `/${r}/`);
    const indexes = async () => (await sql<{ n: number }>`select count(*)::int as n from pg_indexes where schemaname = 'public'`.execute(k)).rows[0]!.n;
    const before = {
      members: (await tallyFromRecords(k, today, prefixes)).total,
      yearEnd: await tallyFromRecords(k, to, prefixes),
      events: await tallyEventRecords(k, FLOWS, from, to, prefixes, ['sex']),
      rated: await Promise.all(RATED_POPULATIONS.map((pop) => tallyRatedFromRecords(k, pop, y, today, prefixes))),
      indexes: await indexes(),
      versions: Number((await k.selectFrom('organization_version').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    };
    expect(before.members).toBeGreaterThan(1000);
    expect(before.rated[0]!.xl).toBeGreaterThan(0);

    await cloneCountry(k, 3, roots, () => {});
    await refreshCellTallies(k);
    await refreshEventTallies(k);

    expect(await indexes()).toBe(before.indexes);
    // Roots are not copied: three times every other version.
    const versions = Number((await k.selectFrom('organization_version').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(versions).toBe(3 * before.versions - 2 * roots.length);
    const members = await tallyFromRecords(k, today, prefixes);
    expect(members.total).toBe(3 * before.members);
    expect(await tallyMembers(k, today, prefixes, TALLIED_DIMS)).toEqual(members);
    const yearEnd = await tallyFromRecords(k, to, prefixes);
    expect(yearEnd.by.sex).toEqual(Object.fromEntries(Object.entries(before.yearEnd.by.sex!).map(([v, n]) => [v, 3 * n])));
    expect(await tallyMembers(k, to, prefixes, TALLIED_DIMS)).toEqual(yearEnd);

    const events = await tallyEventRecords(k, FLOWS, from, to, prefixes, ['sex']);
    expect(events.total).toBe(3 * before.events.total);
    expect(await tallyEvents(k, FLOWS, from, to, prefixes, ['sex'])).toEqual(events);

    for (const [i, pop] of RATED_POPULATIONS.entries()) {
      const rated = await tallyRatedFromRecords(k, pop, y, today, prefixes);
      expect(rated.tong, pop).toBe(3 * before.rated[i]!.tong);
      expect(rated.xl, pop).toBe(3 * before.rated[i]!.xl);
      expect(await tallyRated(k, pop, y, today, prefixes), pop).toEqual(rated);
    }
  });
});
