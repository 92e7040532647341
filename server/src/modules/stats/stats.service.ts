import { todayIso } from '@dangvu/common';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { notFound } from '../../platform/errors.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { gradeOn, sumBy } from './tally.js';
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

/**
 * Member and organization counts for a subtree on a date, from episodes and
 * organization versions only, so any past date reads as it was then.
 * `scopePrefixes` is the caller's scope on that date; null means the system itself.
 */
export async function statsFor(db: Kysely<Database>, orgId: string, asOf: string, scopePrefixes: readonly string[] | null): Promise<Stats> {
  let prefixes = await subtreePathsOn(db, [orgId], asOf);
  if (scopePrefixes) prefixes = prefixes.filter((p) => pathWithin(p, scopePrefixes));
  if (prefixes.length === 0) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng vào ngày này (hoặc nằm ngoài phạm vi của bạn).');

  // One grouped pass. Today the person rows already hold the derived current state, so the
  // episodes need not be read; on a past date the episodes and versions valid then decide.
  const today = asOf === todayIso();
  const grade = gradeOn(asOf);
  const groups = today
    ? await db
        .selectFrom('person as p')
        .select([grade.as('grade'), 'p.sex', 'p.ethnicity', 'p.activity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('p.standing', '=', 'dang_sinh_hoat')
        .where(inSubtrees('p.path', prefixes))
        .groupBy([sql`1`, 'p.sex', 'p.ethnicity', 'p.activity'])
        .execute()
    : await db
        .selectFrom('membership_episode as e')
        .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .select([grade.as('grade'), 'p.sex', 'p.ethnicity', sql<string | null>`null`.as('activity'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.kind', '=', 'primary')
        .where((eb) => validOn(eb, 'e', asOf))
        .where((eb) => validOn(eb, 'v', asOf))
        .where(inSubtrees('v.path', prefixes))
        .groupBy([sql`1`, 'p.sex', 'p.ethnicity'])
        .execute();
  const sum = (key: (r: (typeof groups)[number]) => string | null) => sumBy(groups, key, 'khong_ro');
  const g = sum((r) => r.grade);
  const orgsByKind = await orgRepo.countsByKindOn(db, prefixes, asOf);
  const o = orgsByKind;
  return {
    orgId,
    asOf,
    members: {
      total: Object.values(g).reduce((a, b) => a + b, 0),
      byGrade: { du_bi: g.du_bi ?? 0, chinh_thuc: g.chinh_thuc ?? 0 },
      bySex: sum((r) => r.sex),
      byEthnicity: sum((r) => r.ethnicity),
      byActivity: today ? sum((r) => r.activity) : null,
    },
    organizations: { total: Object.values(o).reduce((a, b) => a + b, 0), byKind: o },
  };
}
