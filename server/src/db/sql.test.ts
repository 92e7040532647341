import { expect, it } from 'vitest';
import { describeEngines } from '../test/engines.js';
import { inSubtrees, MANY_SUBTREES } from './sql.js';

describeEngines('inSubtrees: a path lies in a subtree exactly when it starts with its prefix', (env) => {
  const db = () => env().db.kysely;

  it('answers the same with a few subtrees (ranges) and with many (a list of starts), for neighbours that share a start', async () => {
    // Any text column will do; this one has no other constraints.
    const paths = ['/a/', '/a/b/', '/a/b/c/', '/ab/', '/a0/', '/a./', '/b/', '/b/a/', '/bb/', '/c/', '/ca/x/', '/d/e/', '/ee/', '/f/', '/gg/h/', '/h/', '/i/', '/j/', '/kk/'];
    await db().insertInto('cell_tally_stale').values(paths.map((org_id) => ({ org_id }))).execute();
    const sets = [['/a/'], ['/a/b/', '/b/'], ['/a/', '/b/', '/c/', '/d/', '/ee/', '/f/', '/h/', '/i/'], ['/a/b/', '/ab/', '/b/a/', '/bb/', '/ca/', '/d/e/', '/gg/', '/j/', '/kk/', '/zz/']];
    expect(sets.some((s) => s.length >= MANY_SUBTREES) && sets.some((s) => s.length < MANY_SUBTREES)).toBe(true);
    for (const prefixes of sets) {
      const got = (await db().selectFrom('cell_tally_stale').select('org_id').where(inSubtrees('org_id', prefixes)).orderBy('org_id').execute()).map((r) => r.org_id);
      expect(got, prefixes.join(' ')).toEqual(paths.filter((p) => prefixes.some((x) => p.startsWith(x))).sort());
    }
    await db().deleteFrom('cell_tally_stale').execute();
  });
});
