import {
  AGE_BANDS,
  ageBandBirthRange,
  COVERAGE_GROUP_KINDS,
  LOSS_EVENT_KINDS,
  MIN_FULL_MEMBERS,
  todayIso,
  type CoverageCell,
  type CoverageGroup,
  type CoverageStatus,
  type CoverageUnit,
} from '@dangvu/common';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, PersonTable } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import type { RequestCtx } from '../../platform/context.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { resolveSubtree as resolveSubtreeIn } from '../organizations/subtree.js';
import { eventPlacePredicate, windowPrefixes } from '../stats/eventPlace.js';
import { unitsOn } from '../cadres/hostUnits.queries.js';
import { gradeOn, sumBy } from '../stats/tally.js';
import { theoryOnSql } from '../training/training.qualification.js';

const COVERAGE_FILTERS: Record<CoverageStatus, (u: CoverageUnit) => boolean> = {
  all: () => true,
  ownCell: (u) => u.status === 'own',
  sharedCell: (u) => u.status === 'shared',
  noCell: (u) => u.status === 'none',
  noMember: (u) => u.members === 0,
  gaps: (u) => u.status === 'none' || u.members === 0,
  smallCell: (u) => u.orgId !== null && (u.fullMembers ?? 0) < MIN_FULL_MEMBERS,
};

const tally = (rows: { k: string | null; n: number | string }[]) => Object.fromEntries(rows.map((r) => [r.k ?? 'khong', Number(r.n)]));

/**
 * The overview of a subtree on a date. Every figure is computed with the same predicates
 * the member list uses for its drill-down filters, so a number and its list always agree.
 */
export function dashboardService(db: Kysely<Database>) {
  const resolveSubtree = (ctx: RequestCtx, orgIdIn: string | undefined, asOf: string) => resolveSubtreeIn(db, ctx, orgIdIn, asOf);

  return {
    /** The units behind a coverage figure of a group (and the small cells behind theirs). */
    async coverageUnits(ctx: RequestCtx, orgIdIn: string | undefined, asOfIn: string | undefined, status: CoverageStatus, group: CoverageGroup = 'villages') {
      const asOf = asOfIn ?? todayIso();
      const { prefixes } = await resolveSubtree(ctx, orgIdIn, asOf);
      const c = await this.coverage(ctx, prefixes, asOf, group);
      const items = c.units.filter(COVERAGE_FILTERS[status]);
      return { asOf, status, group, total: items.length, counts: { ...c.coverage, ...c.small }, items, smallCells: c.smallCells };
    },

    async overview(ctx: RequestCtx, orgIdIn: string | undefined, asOfIn: string | undefined) {
      const asOf = asOfIn ?? todayIso();
      const { scope, roots, prefixes } = await resolveSubtree(ctx, orgIdIn, asOf);
      const org = orgIdIn ? await orgRepo.versionOn(db, orgIdIn, asOf) : null;

      const grade = gradeOn(asOf);
      const bands = AGE_BANDS.map((b) => ({ b, r: ageBandBirthRange(b, asOf) }));
      const band = sql<string>`case ${sql.join(
        bands.map(({ b, r }) => sql`when ${r.bornAfter === null ? sql`1=1` : sql`p.birth_date > ${r.bornAfter}`} and ${r.bornOnOrBefore === null ? sql`1=1` : sql`p.birth_date <= ${r.bornOnOrBefore}`} then ${b}`),
        sql` `,
      )} end`;
      // One grouped pass over every dimension; today from the person rows' derived state,
      // on a past date from the episodes and versions valid then. Grouped by position:
      // PostgreSQL would not match two copies of a parameterized expression.
      const isToday = asOf === todayIso();
      // Today the recorded level is the level held; on a past date, the one held then.
      const theory = isToday ? sql<string>`p.political_theory` : theoryOnSql(sql`${asOf}`);
      const dims = [grade.as('grade'), band.as('band'), 'p.sex', 'p.ethnicity', theory.as('political_theory'), (eb: ExpressionBuilder<Database & { p: PersonTable }, 'p'>) => eb.fn.countAll<number>().as('n')] as const;
      const groupBy = [sql`1`, sql`2`, 'p.sex', 'p.ethnicity', sql`5`] as const;
      const groups =
        isToday
          ? await db
              .selectFrom('person as p')
              .select([...dims])
              .where('p.standing', '=', 'dang_sinh_hoat')
              .where(inSubtrees('p.path', prefixes))
              .groupBy([...groupBy])
              .execute()
          : await db
              .selectFrom('membership_episode as e')
              .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
              .innerJoin('person as p', 'p.id', 'e.person_id')
              .select([...dims])
              .where('e.kind', '=', 'primary')
              .where((eb) => validOn(eb, 'e', asOf))
              .where((eb) => validOn(eb, 'v', asOf))
              .where(inSubtrees('v.path', prefixes))
              .groupBy([...groupBy])
              .execute();
      const sum = (key: (r: (typeof groups)[number]) => string | null) => sumBy(groups, key, 'khong');
      const orgsByKind = await orgRepo.countsByKindOn(db, prefixes, asOf);

      const events = async (kinds: readonly string[], from: string, to: string) => {
        const p = await windowPrefixes(db, roots, from, to, (d) => scope.pathsOn(d));
        const rows = await db
          .selectFrom('member_event as me')
          .select(['me.kind as k', (eb) => eb.fn.countAll<number>().as('n')])
          .where(eventPlacePredicate(kinds, from, to, p))
          .groupBy('me.kind')
          .execute();
        return tally(rows);
      };
      const year = Number(asOf.slice(0, 4));
      const flows = [];
      for (let y = year - 9; y <= year; y++) {
        const to = y === year ? asOf : `${y}-12-31`;
        const t = await events(['ket_nap', ...LOSS_EVENT_KINDS], `${y}-01-01`, to);
        const lost = Object.fromEntries(LOSS_EVENT_KINDS.map((k) => [k, t[k] ?? 0]));
        flows.push({ year: y, admitted: t.ket_nap ?? 0, lost, lostTotal: Object.values(lost).reduce((a, b) => a + b, 0) });
      }

      const g = sum((r) => r.grade);
      const coverage = await this.coverage(ctx, prefixes, asOf);
      return {
        asOf,
        org: org ? { orgId: org.org_id, name: org.name } : null,
        totals: {
          members: (g.chinh_thuc ?? 0) + (g.du_bi ?? 0),
          chinhThuc: g.chinh_thuc ?? 0,
          duBi: g.du_bi ?? 0,
          admissionsThisYear: flows[flows.length - 1]!.admitted,
          orgsByKind,
        },
        bySex: sum((r) => r.sex),
        byEthnicity: sum((r) => r.ethnicity),
        byAgeBand: Object.fromEntries(AGE_BANDS.map((b) => [b, sum((r) => r.band)[b] ?? 0])),
        byTheory: sum((r) => r.political_theory),
        flows,
        coverage: coverage.coverage,
        gaps: coverage.gaps,
      };
    },

    /**
     * Host units of a group on a date (villages and residential groups by default; schools;
     * health stations): own cell (the cell serves only this unit), shared cell, no cell
     * ("trắng tổ chức đảng"), no member ("trắng đảng viên"), and the serving cells with fewer
     * than 3 full members. Read through the host-unit register as it stood on that date.
     */
    async coverage(_ctx: RequestCtx, prefixes: readonly string[], asOf: string, group: CoverageGroup = 'villages') {
      const found = await unitsOn(db, asOf, prefixes, COVERAGE_GROUP_KINDS[group]);
      const units: CoverageUnit[] = found.map((u) => ({
        hostUnitId: u.id,
        name: u.name,
        kind: u.kind,
        orgId: u.cellOrgId,
        communeName: u.orgName,
        status: u.link,
        members: u.members,
        fullMembers: u.fullMembers,
        cellName: u.cellName,
        flags: u.flags,
      }));
      units.sort((a, b) => a.communeName.localeCompare(b.communeName, 'vi') || a.name.localeCompare(b.name, 'vi'));
      const gaps = units
        .filter((u) => u.status === 'none' || u.members === 0)
        .map((u) => ({ hostUnitId: u.hostUnitId, name: u.name, kind: u.kind, orgId: u.orgId, communeName: u.communeName, problem: u.status === 'none' ? ('no_cell' as const) : ('no_member' as const) }));
      const cells = new Map<string, CoverageCell>();
      for (const u of units) {
        if (!u.orgId || (u.fullMembers ?? 0) >= MIN_FULL_MEMBERS) continue;
        const c = cells.get(u.orgId) ?? { orgId: u.orgId, name: u.cellName ?? '', fullMembers: u.fullMembers ?? 0, members: u.members, units: [] };
        c.units.push(u.name);
        cells.set(u.orgId, c);
      }
      const smallCells = [...cells.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      const coverage = {
        total: units.length,
        ownCell: units.filter((u) => u.status === 'own').length,
        sharedCell: units.filter((u) => u.status === 'shared').length,
        noCell: units.filter((u) => u.status === 'none').length,
        // A unit without a cell has no member in a cell of its own either ("trắng đảng viên").
        noMember: units.filter((u) => u.members === 0).length,
      };
      // Kept apart from `coverage`, whose shape the dashboard has always answered with.
      const small = { smallCells: smallCells.length, smallCellUnits: units.filter(COVERAGE_FILTERS.smallCell).length };
      return { coverage, small, gaps: gaps.slice(0, 500), units, smallCells };
    },
  };
}
