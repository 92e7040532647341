import { sql, type Kysely } from 'kysely';
import type { Database, OrgVersionRow } from '../../db/schema.js';
import { inSubtrees, pathUpperBound, validOn } from '../../db/sql.js';

export type OrgVersionWithCode = OrgVersionRow & { code: string };

const withCode = (db: Kysely<Database>) =>
  db.selectFrom('organization_version as v').innerJoin('organization as o', 'o.id', 'v.org_id').selectAll('v').select('o.code');

export const orgRepo = {
  versionOn(db: Kysely<Database>, orgId: string, asOf: string): Promise<OrgVersionWithCode | undefined> {
    return withCode(db).where('v.org_id', '=', orgId).where((eb) => validOn(eb, 'v', asOf)).executeTakeFirst();
  },

  current(db: Kysely<Database>, orgId: string): Promise<OrgVersionWithCode | undefined> {
    return withCode(db).where('v.org_id', '=', orgId).where('v.valid_to', 'is', null).executeTakeFirst();
  },

  history(db: Kysely<Database>, orgId: string): Promise<OrgVersionWithCode[]> {
    return withCode(db).where('v.org_id', '=', orgId).orderBy('v.valid_from').execute();
  },

  /** Versions valid on a date under the given subtrees, in tree order. */
  treeOn(db: Kysely<Database>, asOf: string, prefixes: readonly string[]): Promise<OrgVersionWithCode[]> {
    return withCode(db)
      .where((eb) => validOn(eb, 'v', asOf))
      .where(inSubtrees('v.path', prefixes))
      .orderBy('v.depth')
      .orderBy('v.name')
      .execute();
  },

  childrenOn(db: Kysely<Database>, orgId: string, asOf: string): Promise<OrgVersionWithCode[]> {
    return withCode(db).where('v.parent_id', '=', orgId).where((eb) => validOn(eb, 'v', asOf)).orderBy('v.name').execute();
  },

  /** Current versions of the whole subtree under a path, root included. */
  currentSubtree(db: Kysely<Database>, path: string): Promise<OrgVersionRow[]> {
    return db
      .selectFrom('organization_version')
      .selectAll()
      .where('valid_to', 'is', null)
      .where('path', '>=', path)
      .where('path', '<', pathUpperBound(path))
      .execute();
  },

  eventsFor(db: Kysely<Database>, orgId: string) {
    return db
      .selectFrom('org_event as e')
      .selectAll('e')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('org_event_link as l')
            .select('l.id')
            .whereRef('l.event_id', '=', 'e.id')
            .where((w) => w.or([w('l.from_org_id', '=', orgId), w('l.to_org_id', '=', orgId)])),
        ),
      )
      .orderBy('e.effective_date')
      .orderBy('e.recorded_at')
      .execute();
  },

  linksFor(db: Kysely<Database>, eventIds: readonly string[]) {
    if (eventIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('org_event_link').selectAll().where('event_id', 'in', eventIds).orderBy('id').execute();
  },

  codeExists(db: Kysely<Database>, code: string) {
    return db.selectFrom('organization').select('id').where(sql`lower(code)`, '=', code.toLowerCase()).executeTakeFirst();
  },

  /** Organizations valid on a date under the subtrees, counted by kind. */
  async countsByKindOn(db: Kysely<Database>, prefixes: readonly string[], asOf: string): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('organization_version as v')
      .select(['v.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where((eb) => validOn(eb, 'v', asOf))
      .where(inSubtrees('v.path', prefixes))
      .groupBy('v.kind')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  },

  /** Primary-episode member counts per organization on a date. */
  async memberCountsOn(db: Kysely<Database>, orgIds: readonly string[], asOf: string): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < orgIds.length; i += 500) {
      const chunk = orgIds.slice(i, i + 500);
      const rows = await db
        .selectFrom('membership_episode as e')
        .select(['e.org_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.org_id', 'in', chunk)
        .where('e.kind', '=', 'primary')
        .where((eb) => validOn(eb, 'e', asOf))
        .groupBy('e.org_id')
        .execute();
      for (const r of rows) out.set(r.org_id, Number(r.n));
    }
    return out;
  },
};
