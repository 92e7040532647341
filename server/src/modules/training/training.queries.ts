import { enrolmentStatus, tallyEnrolments, type CohortSummaryOut, type EnrolmentOut } from '@dangvu/common';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CohortRow, CourseRow, EnrolmentRow } from './training.tables.js';
import { idsOfPath } from '../../platform/scope.js';

type Db = Kysely<Database>;

export interface OrgNow {
  id: string;
  name: string;
  path: string;
}

/**
 * The latest version of an organization: today's for one that exists, the last one for one
 * dissolved or merged away (a district committee that ran classes before 2025 keeps its place
 * in the tree, so the province still sees and counts them).
 */
export const latestVersion = (alias: string) =>
  sql<SqlBool>`${sql.ref(`${alias}.valid_from`)} = (select max(lv.valid_from) from organization_version lv where lv.org_id = ${sql.ref(`${alias}.org_id`)})`;

/** Name and path of organizations in their latest version (what screens show and scope checks use today). */
export async function orgsNow(db: Db, ids: readonly (string | null)[]): Promise<Map<string, OrgNow>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, OrgNow>();
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('organization_version')
      .select(['org_id', 'name', 'path'])
      .where('org_id', 'in', wanted.slice(i, i + 500))
      .orderBy('valid_from')
      .execute();
    for (const r of rows) out.set(r.org_id, { id: r.org_id, name: r.name, path: r.path });
  }
  return out;
}

/** `/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`: the organizations above a subtree (and its root). */
export function selfAndAncestors(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const parts = idsOfPath(p);
    for (let i = 1; i <= parts.length; i++) out.add(`/${parts.slice(0, i).join('/')}/`);
  }
  return [...out];
}

export const ref = (orgs: Map<string, OrgNow>, id: string) => ({ id, name: orgs.get(id)?.name ?? id });

export function cohortSummary(c: CohortRow, course: Pick<CourseRow, 'id' | 'kind' | 'name' | 'provider'>, orgs: Map<string, OrgNow>, enrolled: number): CohortSummaryOut {
  return {
    id: c.id,
    name: c.name,
    course: { id: course.id, kind: course.kind, name: course.name, provider: course.provider },
    organizer: ref(orgs, c.organizer_org_id),
    place: c.place,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    state: c.state,
    openedOn: c.opened_on,
    closedOn: c.closed_on,
    plannedSize: c.planned_size,
    enrolled,
    version: c.version,
  };
}

export function enrolmentOut(
  e: EnrolmentRow,
  p: { full_name: string; birth_date: string },
  cohort: { name: string; kind: string },
  orgs: Map<string, OrgNow>,
): EnrolmentOut {
  return {
    id: e.id,
    cohortId: e.cohort_id,
    cohortName: cohort.name,
    courseKind: cohort.kind,
    personId: e.person_id,
    fullName: p.full_name,
    birthDate: p.birth_date,
    wasMember: e.was_member === 1,
    sentBy: ref(orgs, e.sent_by_org_id),
    sentOn: e.sent_on,
    decisionNo: e.decision_no,
    status: enrolmentStatus({ withdrawnOn: e.withdrawn_on, result: e.result }),
    withdrawnOn: e.withdrawn_on,
    withdrawReason: e.withdraw_reason,
    result: e.result,
    grade: e.grade,
    resultOn: e.result_on,
    certificateNo: e.certificate_no,
    certificateDate: e.certificate_date,
    version: e.version,
  };
}

/**
 * Results of the enrolments matching `where` (on `training_enrolment as e`, joined to its
 * cohort `c` and course `k`), grouped in SQL: person-times and distinct people from the same rows.
 */
export async function tallyWhere(db: Db, where: Expression<SqlBool>) {
  const base = db
    .selectFrom('training_enrolment as e')
    .innerJoin('training_cohort as c', 'c.id', 'e.cohort_id')
    .innerJoin('training_course as k', 'k.id', 'c.course_id')
    .innerJoin('organization_version as ov', (j) => j.onRef('ov.org_id', '=', 'c.organizer_org_id').on(latestVersion('ov')))
    .innerJoin('organization_version as sv', (j) => j.onRef('sv.org_id', '=', 'e.sent_by_org_id').on(latestVersion('sv')))
    .where(where);
  const withdrawn = sql<number>`case when e.withdrawn_on is null then 0 else 1 end`;
  const groups = await base
    .select([withdrawn.as('w'), 'e.result', 'e.grade', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy([sql`1`, 'e.result', 'e.grade'])
    .execute();
  const people = await base.select((eb) => eb.fn.count<number>('e.person_id').distinct().as('n')).executeTakeFirstOrThrow();
  return tallyEnrolments(
    groups.map((g) => ({ withdrawn: Number(g.w) === 1, result: g.result, grade: g.grade, n: Number(g.n) })),
    Number(people.n),
  );
}
