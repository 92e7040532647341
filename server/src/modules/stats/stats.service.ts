import { todayIso } from '@dangvu/common';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, subtreePathsOn } from '../../platform/scope.js';

export interface Stats {
  orgId: string;
  asOf: string;
  members: {
    total: number;
    byGrade: Record<string, number>;
    bySex: Record<string, number>;
    byEthnicity: Record<string, number>;
    /** Exemption, working away, temporary transfer: known for today only. */
    byActivity: Record<string, number> | null;
  };
  organizations: { total: number; byKind: Record<string, number> };
}

const tally = (rows: { k: string | null; n: number | string }[]) =>
  Object.fromEntries(rows.map((r) => [r.k ?? 'khong_ro', Number(r.n)]));

/**
 * Member and organization counts for a subtree on a date, from episodes and
 * organization versions only, so any past date reads as it was then.
 * `scopePrefixes` is the caller's scope on that date; null means the system itself.
 */
export async function statsFor(db: Kysely<Database>, orgId: string, asOf: string, scopePrefixes: readonly string[] | null): Promise<Stats> {
  let prefixes = await subtreePathsOn(db, [orgId], asOf);
  if (scopePrefixes) prefixes = prefixes.filter((p) => pathWithin(p, scopePrefixes));
  if (prefixes.length === 0) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng vào ngày này (hoặc nằm ngoài phạm vi của bạn).');

  const members = db
    .selectFrom('membership_episode as e')
    .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .where('e.kind', '=', 'primary')
    .where((eb) => validOn(eb, 'e', asOf))
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes));
  // Grouped by position: PostgreSQL would not match two copies of a parameterized expression.
  const grade = sql<string>`case when p.official_on is not null and p.official_on <= ${asOf} then 'chinh_thuc' else 'du_bi' end`;
  const [byGrade, bySex, byEthnicity] = await Promise.all([
    members.select([grade.as('k'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(sql`1`).execute(),
    members.select(['p.sex as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('p.sex').execute(),
    members.select(['p.ethnicity as k', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('p.ethnicity').execute(),
  ]);
  const byActivity =
    asOf === todayIso()
      ? tally(
          await members
            .select(['p.activity as k', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('p.activity')
            .execute(),
        )
      : null;
  const orgs = await db
    .selectFrom('organization_version as v')
    .select(['v.kind as k', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => validOn(eb, 'v', asOf))
    .where(inSubtrees('v.path', prefixes))
    .groupBy('v.kind')
    .execute();
  const g = tally(byGrade);
  const o = tally(orgs);
  return {
    orgId,
    asOf,
    members: {
      total: Object.values(g).reduce((a, b) => a + b, 0),
      byGrade: { du_bi: g.du_bi ?? 0, chinh_thuc: g.chinh_thuc ?? 0 },
      bySex: tally(bySex),
      byEthnicity: tally(byEthnicity),
      byActivity,
    },
    organizations: { total: Object.values(o).reduce((a, b) => a + b, 0), byKind: o },
  };
}
