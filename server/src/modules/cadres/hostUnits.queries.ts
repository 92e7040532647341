import { parseFlags, type UnitOnDate } from '@dangvu/common';
import { sql } from 'kysely';
import { validOn } from '../../db/sql.js';
import { pathWithin } from '../../platform/scope.js';
import { orgPathsOn, type Q } from './cadres.shared.js';


/**
 * Units valid on `asOf` inside the subtrees: each by its dated version (or its own row when it
 * has none, as rows written before versions existed), and in scope by the cell serving it or
 * the organization it belongs to on that date.
 */
export async function unitsOn(db: Q, asOf: string, prefixes: readonly string[], kinds?: readonly string[]): Promise<UnitOnDate[]> {
  let q = db
    .selectFrom('host_unit as h')
    .leftJoin('host_unit_version as hv', (j) => j.onRef('hv.host_unit_id', '=', 'h.id').on((eb) => validOn(eb, 'hv', asOf)))
    .leftJoin('host_unit_cell as c', (j) => j.onRef('c.host_unit_id', '=', 'h.id').on((eb) => validOn(eb, 'c', asOf)))
    .select([
      'h.id',
      'h.code',
      'h.kind',
      'h.version',
      'h.valid_from',
      'h.valid_to',
      'h.org_id as current_org_id',
      sql<string>`coalesce(hv.name, h.name)`.as('name'),
      sql<string>`coalesce(hv.org_id, h.org_id)`.as('org_id'),
      sql<string | null>`coalesce(hv.flags, h.flags)`.as('flags'),
      'c.cell_org_id',
    ])
    .where((eb) => validOn(eb, 'h', asOf))
    .where((eb) => eb.or([eb('hv.id', 'is not', null), eb.not(eb.exists(eb.selectFrom('host_unit_version as x').select('x.id').whereRef('x.host_unit_id', '=', 'h.id')))]));
  if (kinds) q = q.where('h.kind', 'in', [...kinds]);
  const rows = await q.orderBy('h.id').execute();
  const orgs = await orgPathsOn(db, rows.flatMap((r) => [r.org_id, r.current_org_id, ...(r.cell_org_id ? [r.cell_org_id] : [])]), asOf);
  const inScope = rows.filter((r) => {
    const cell = r.cell_org_id ? orgs.get(r.cell_org_id) : undefined;
    const anchor = orgs.get(r.org_id) ?? orgs.get(r.current_org_id);
    return (cell && pathWithin(cell.path, prefixes)) || (anchor && pathWithin(anchor.path, prefixes));
  });
  // Sharing is judged over every unit of the day, not only the visible ones: a cell serving
  // a unit outside the caller's scope still serves two.
  const perCell = new Map<string, number>();
  const allLinks = await db
    .selectFrom('host_unit_cell as c')
    .innerJoin('host_unit as h', 'h.id', 'c.host_unit_id')
    .select(['c.cell_org_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => validOn(eb, 'c', asOf))
    .where((eb) => validOn(eb, 'h', asOf))
    .where('c.cell_org_id', 'in', [...new Set(inScope.map((r) => r.cell_org_id).filter((x): x is string => !!x)), ''])
    .groupBy('c.cell_org_id')
    .execute();
  for (const l of allLinks) perCell.set(l.cell_org_id, Number(l.n));
  const cells = [...perCell.keys()].filter((id) => orgs.get(id)?.valid);
  const counts = await memberCountsOn(db, cells, asOf);
  return inScope.map((r) => {
    // A link to an organization that did not exist that day serves nobody.
    const cell = r.cell_org_id && orgs.get(r.cell_org_id)?.valid ? r.cell_org_id : null;
    const c = cell ? counts.get(cell) : undefined;
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      name: r.name,
      orgId: r.org_id,
      orgName: (orgs.get(r.org_id) ?? orgs.get(r.current_org_id))?.name ?? '',
      flags: parseFlags(r.flags),
      version: Number(r.version),
      validFrom: r.valid_from,
      validTo: r.valid_to,
      cellOrgId: cell,
      cellName: cell ? (orgs.get(cell)?.name ?? null) : null,
      link: !cell ? 'none' : (perCell.get(cell) ?? 0) > 1 ? 'shared' : 'own',
      members: c?.members ?? 0,
      fullMembers: c?.full ?? 0,
    };
  });
}

/** Members (primary episodes) and full members of each organization on a date. */
export async function memberCountsOn(db: Q, orgIds: readonly string[], asOf: string): Promise<Map<string, { members: number; full: number }>> {
  const out = new Map<string, { members: number; full: number }>();
  for (let i = 0; i < orgIds.length; i += 500) {
    const rows = await db
      .selectFrom('membership_episode as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select([
        'e.org_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`sum(case when p.official_on is not null and p.official_on <= ${asOf} then 1 else 0 end)`.as('full'),
      ])
      .where('e.org_id', 'in', orgIds.slice(i, i + 500))
      .where('e.kind', '=', 'primary')
      .where((eb) => validOn(eb, 'e', asOf))
      .groupBy('e.org_id')
      .execute();
    for (const r of rows) out.set(r.org_id, { members: Number(r.n), full: Number(r.full) });
  }
  return out;
}
