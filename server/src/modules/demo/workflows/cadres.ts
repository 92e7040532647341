import { addMonths, COVERAGE_GROUP_KINDS } from '@dangvu/common';
import { sql, type Insertable } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import type { CivicPostTable, CommitteeTermTable, HostUnitEventTable, HostUnitVersionTable, RotationTable } from '../../cadres/cadres.tables.js';
import { addDays, dateBetween, maxIso } from '../days.js';
import { RESTRUCTURE_DATE } from '../layout.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';

interface OrgV {
  org_id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  host_type: string;
  path: string;
  valid_from: string;
  valid_to: string | null;
}
const on = (v: { valid_from: string; valid_to: string | null }, d: string) => v.valid_from <= d && (v.valid_to === null || v.valid_to > d);
const at = (d: string) => `${d}T08:00:00.000Z`;
const COMMUNE_KINDS = new Set(['dang_bo_co_so', 'dang_uy_xa']);
const VILLAGES = new Set(COVERAGE_GROUP_KINDS.villages);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI', 'XXII', 'XXIII', 'XXIV', 'XXV'];

/**
 * The cadre records of one province, on top of the generated host units and committees:
 * the register's history (a version per unit, re-anchored to the merged commune on
 * 1/7/2025; village mergers recorded with the decision that merged their cells; some
 * neighbouring villages merged in 2025), committee terms for the existing posts, village
 * heads for every village (about two in three of them members, some the cell's secretary),
 * HĐND / UBND / MTTQ chairs per commune (often the secretary or a deputy), and rotations
 * (commune secretaries sent from the former districts in 2025; border-guard officers on
 * border communes' committees).
 */
export const seedCadres: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const versions: OrgV[] = await k
    .selectFrom('organization_version')
    .select(['org_id', 'parent_id', 'kind', 'name', 'host_type', 'path', 'valid_from', 'valid_to'])
    .where(inSubtrees('path', [root.path]))
    .orderBy('org_id')
    .orderBy('valid_from')
    .execute();
  const history = new Map<string, OrgV[]>();
  for (const v of versions) history.set(v.org_id, [...(history.get(v.org_id) ?? []), v]);
  const versionOn = (id: string, d: string) => history.get(id)?.find((v) => on(v, d));
  const current = (id: string) => history.get(id)?.find((v) => v.valid_to === null);
  const communeOf = (orgId: string, d: string): string | null => {
    let v = versionOn(orgId, d);
    for (let i = 0; v && i < 6; i++) {
      if (COMMUNE_KINDS.has(v.kind)) return v.org_id;
      v = v.parent_id ? versionOn(v.parent_id, d) : undefined;
    }
    return null;
  };
  const restructured = today >= RESTRUCTURE_DATE;
  const beforeR = addDays(RESTRUCTURE_DATE, -1);

  const units = await k
    .selectFrom('host_unit as h')
    .innerJoin('organization_version as a', (j) => j.onRef('a.org_id', '=', 'h.org_id').on('a.valid_to', 'is', null))
    .selectAll('h')
    .where(inSubtrees('a.path', [root.path]))
    .orderBy('h.id')
    .execute();
  if (!units.length) return;
  const unitIds = new Set(units.map((u) => u.id));
  const links = (await k.selectFrom('host_unit_cell').selectAll().orderBy('id').execute()).filter((l) => unitIds.has(l.host_unit_id));
  const linksOf = new Map<string, typeof links>();
  for (const l of links) linksOf.set(l.host_unit_id, [...(linksOf.get(l.host_unit_id) ?? []), l]);
  const mergedFrom = await k.selectFrom('org_event_link as l').innerJoin('org_event as e', 'e.id', 'l.event_id').select(['l.from_org_id', 'l.to_org_id', 'e.effective_date', 'e.decision_no', 'e.decision_date', 'e.issuer']).where('l.role', '=', 'merged_into').orderBy('l.id').execute();
  const mergedInto = new Map(mergedFrom.filter((m) => m.from_org_id && history.has(m.from_org_id)).map((m) => [m.from_org_id!, m]));
  const predecessors = new Map<string, string[]>();
  for (const m of mergedFrom) if (m.from_org_id && m.to_org_id && history.has(m.to_org_id)) predecessors.set(m.to_org_id, [...(predecessors.get(m.to_org_id) ?? []), m.from_org_id]);

  const events: HostUnitEventTable[] = [];
  const event = (unitId: string, kind: string, date: string, d: { decision_no?: string | null; decision_date?: string | null; issuer?: string | null }, data?: unknown) =>
    events.push({ id: ids.next(), host_unit_id: unitId, kind, effective_date: date, decision_no: d.decision_no ?? null, decision_date: d.decision_date ?? null, issuer: d.issuer ?? null, note: null, data: data === undefined ? null : JSON.stringify(data), recorded_by: null, recorded_at: at(date) });
  const unitUpdates: { id: string; valid_to: string; merged_into_id: string }[] = [];
  const linkEnds: { id: string; valid_to: string }[] = [];
  const endOf = new Map(units.map((u) => [u.id, u.valid_to]));

  // Villages that ended with their cell's merger: merged into the unit the receiving cell serves.
  for (const u of units) {
    if (!u.valid_to || !VILLAGES.has(u.kind)) continue;
    const last = linksOf.get(u.id)?.at(-1);
    const m = last ? mergedInto.get(last.cell_org_id) : undefined;
    if (!m || m.effective_date !== u.valid_to) continue;
    const target = links.find((l) => l.cell_org_id === m.to_org_id && on(l, u.valid_to!) && l.host_unit_id !== u.id);
    if (!target) continue;
    unitUpdates.push({ id: u.id, valid_to: u.valid_to, merged_into_id: target.host_unit_id });
    event(u.id, 'sap_nhap', u.valid_to, m, { targetId: target.host_unit_id });
    event(target.host_unit_id, 'tiep_nhan', u.valid_to, m, { sourceIds: [u.id] });
  }
  // 2025: half of the small villages served by a neighbour's cell merge into that neighbour.
  if (restructured) {
    const perCell = new Map<string, string[]>();
    for (const l of links) if (on(l, RESTRUCTURE_DATE) && l.valid_from < RESTRUCTURE_DATE) perCell.set(l.cell_org_id, [...(perCell.get(l.cell_org_id) ?? []), l.host_unit_id]);
    const shared = [...perCell.entries()].filter(([, us]) => us.length === 2).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [cell, [keep, small]] of shared.slice(0, Math.floor(shared.length / 2))) {
      const u = units.find((x) => x.id === small)!;
      if (!VILLAGES.has(u.kind) || u.valid_to !== null || u.valid_from >= RESTRUCTURE_DATE) continue;
      const d = { decision_no: `${rng.int(10, 60)}/NQ-HĐND`, decision_date: addDays(RESTRUCTURE_DATE, -rng.int(20, 60)), issuer: 'Hội đồng nhân dân tỉnh' };
      unitUpdates.push({ id: small!, valid_to: RESTRUCTURE_DATE, merged_into_id: keep! });
      endOf.set(small!, RESTRUCTURE_DATE);
      for (const l of linksOf.get(small!) ?? []) if (l.valid_to === null && l.cell_org_id === cell) linkEnds.push({ id: l.id, valid_to: RESTRUCTURE_DATE });
      event(small!, 'sap_nhap', RESTRUCTURE_DATE, d, { targetId: keep });
      event(keep!, 'tiep_nhan', RESTRUCTURE_DATE, d, { sourceIds: [small] });
    }
  }

  // One version per period of anchoring: the commune of before 1/7/2025, then the merged one.
  const unitVersions: HostUnitVersionTable[] = [];
  const oldAnchor = new Map<string, string>();
  for (const u of units) {
    const end = endOf.get(u.id) ?? null;
    event(u.id, 'thanh_lap', u.valid_from, {});
    const day = end && end <= RESTRUCTURE_DATE ? addDays(end, -1) : beforeR;
    let before: string | null = null;
    if (restructured && u.valid_from < RESTRUCTURE_DATE) {
      const link = (linksOf.get(u.id) ?? []).find((l) => on(l, day));
      before = link ? communeOf(link.cell_org_id, day) : null;
      if (!before) {
        const preds = (predecessors.get(u.org_id) ?? []).filter((p) => versionOn(p, day));
        before = preds.length ? rng.pick(preds) : null;
      }
    }
    if (before && before !== u.org_id) {
      oldAnchor.set(u.id, before);
      const split = end && end <= RESTRUCTURE_DATE ? end : RESTRUCTURE_DATE;
      unitVersions.push({ id: ids.next(), host_unit_id: u.id, name: u.name, org_id: before, flags: u.flags, valid_from: u.valid_from, valid_to: split, event_id: null });
      if (split === RESTRUCTURE_DATE && end !== RESTRUCTURE_DATE)
        unitVersions.push({ id: ids.next(), host_unit_id: u.id, name: u.name, org_id: u.org_id, flags: u.flags, valid_from: RESTRUCTURE_DATE, valid_to: end, event_id: null });
    } else unitVersions.push({ id: ids.next(), host_unit_id: u.id, name: u.name, org_id: u.org_id, flags: u.flags, valid_from: u.valid_from, valid_to: end, event_id: null });
  }

  // Committee terms for the posts the generator wrote, grouped by organization and term label.
  const posts = await k
    .selectFrom('party_post as pp')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'pp.org_id').on(sql<boolean>`v.valid_from <= pp.valid_from and (v.valid_to is null or v.valid_to > pp.valid_from)`))
    .selectAll('pp')
    .where(inSubtrees('v.path', [root.path]))
    .orderBy('pp.id')
    .execute();
  const groups = new Map<string, typeof posts>();
  for (const p of posts) if (p.term) groups.set(`${p.org_id}|${p.term}`, [...(groups.get(`${p.org_id}|${p.term}`) ?? []), p]);
  const terms: CommitteeTermTable[] = [];
  const congressNo = new Map<string, number>();
  for (const [key, list] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [orgId, label] = key.split('|') as [string, string];
    const start = list.map((p) => p.valid_from).sort()[0]!;
    const open = list.some((p) => p.valid_to === null);
    const kind = history.get(orgId)![0]!.kind;
    const commune = COMMUNE_KINDS.has(kind) || COMMUNE_KINDS.has(versionOn(orgId, start)?.kind ?? '');
    let congress: string;
    if (commune) {
      const first = current(orgId)?.kind === 'dang_uy_xa' && label.startsWith('2025');
      const n = first ? 1 : (congressNo.get(orgId) ?? rng.int(17, 24)) + (label.startsWith('2025') ? 1 : 0);
      congressNo.set(orgId, n);
      congress = `Đại hội đại biểu lần thứ ${ROMAN[n - 1] ?? n}`;
    } else congress = `Đại hội chi bộ nhiệm kỳ ${label}`;
    const lead = list.find((p) => p.valid_from === start && p.title === 'bi_thu') ?? list[0]!;
    terms.push({
      id: ids.next(),
      org_id: orgId,
      name: `Nhiệm kỳ ${label}`,
      congress,
      start_date: start,
      planned_end_date: addMonths(start, 60),
      end_date: open ? null : list.map((p) => p.valid_to!).sort().at(-1)!,
      decision_no: lead.decision_no,
      decision_date: null,
      issuer: null,
      version: 1,
      created_at: at(start),
    });
  }

  // Reminders: every term started in 2020 or 2025 for five years, so none would end within six
  // months. One open cell term in twenty is called early (the upper committee set the congress
  // ahead, say before a planned merger of cells): its planned end falls within the next six
  // months; one in sixty is already past it. Only the planned end moves. Its own stream, so the
  // other draws stay as they were.
  const callEarly = rng.fork(91);
  const cellTerms = terms.filter((t) => t.end_date === null && current(t.org_id)?.kind.startsWith('chi_bo'));
  cellTerms.forEach((t, i) => {
    if (i % 20 === 7) t.planned_end_date = addDays(today, callEarly.int(15, 170));
    else if (i % 60 === 31) t.planned_end_date = maxIso(addDays(t.start_date, 1), addDays(today, -callEarly.int(5, 60)));
  });

  // Who can head a village: members active in its cell today, and non-members of the commune.
  const active = await k
    .selectFrom('membership_episode as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'e.org_id').on('v.valid_to', 'is', null))
    .select(['e.person_id', 'e.org_id', 'e.valid_from', 'p.official_on'])
    .where('e.kind', '=', 'primary')
    .where('e.valid_to', 'is', null)
    .where('p.activity', '=', 'binh_thuong')
    .where(inSubtrees('v.path', [root.path]))
    .orderBy('e.person_id')
    .execute();
  const membersOf = new Map<string, typeof active>();
  for (const a of active) membersOf.set(a.org_id, [...(membersOf.get(a.org_id) ?? []), a]);
  const others = await k.selectFrom('person').select(['id', 'path']).where('standing', 'is', null).where(inSubtrees('path', [root.path])).orderBy('id').execute();
  const communesToday = versions.filter((v) => v.valid_to === null && COMMUNE_KINDS.has(v.kind));
  const nonMembersOf = new Map<string, string[]>();
  for (const o of others) {
    const c = communesToday.find((v) => o.path.startsWith(v.path));
    if (c) nonMembersOf.set(c.org_id, [...(nonMembersOf.get(c.org_id) ?? []), o.id]);
  }
  const open = posts.filter((p) => p.valid_to === null);
  const secretaryOf = new Map(open.filter((p) => p.title === 'bi_thu').map((p) => [p.org_id, p]));
  const used = new Set<string>();
  const civic: Insertable<CivicPostTable>[] = [];
  const civicPost = (orgId: string, personId: string, title: string, category: string, from: string, hostUnitId: string | null, decisionNo: string | null, to: string | null = null) =>
    civic.push({ id: ids.next(), org_id: orgId, person_id: personId, title, category, term: null, term_id: null, host_unit_id: hostUnitId, decision_no: decisionNo, decision_date: null, issuer: null, valid_from: from, valid_to: to, end_decision_no: null, end_reason: null, rotation_id: null, note: null, version: 1 });

  for (const u of units) {
    if (!VILLAGES.has(u.kind) || endOf.get(u.id) !== null || u.valid_from > today) continue;
    const cell = (linksOf.get(u.id) ?? []).find((l) => l.valid_to === null && !linkEnds.some((e) => e.id === l.id))?.cell_org_id;
    const secretary = cell ? secretaryOf.get(cell) : undefined;
    const members = (cell ? (membersOf.get(cell) ?? []) : []).filter((m) => !used.has(m.person_id) && m.official_on);
    const outsiders = (nonMembersOf.get(u.org_id) ?? []).filter((id) => !used.has(id));
    const r = rng.next();
    let personId: string | null = null;
    let earliest = u.valid_from;
    if (r < 0.3 && secretary && !used.has(secretary.person_id)) {
      personId = secretary.person_id;
      earliest = maxIso(earliest, secretary.valid_from);
    } else if ((r < 0.68 || !outsiders.length) && members.length) {
      const m = rng.pick(members);
      personId = m.person_id;
      earliest = maxIso(earliest, maxIso(m.valid_from, m.official_on!));
    } else if (outsiders.length) personId = rng.pick(outsiders);
    if (!personId) continue;
    used.add(personId);
    const title = u.kind === 'to_dan_pho' ? 'to_truong_tdp' : 'truong_thon';
    const from = maxIso(dateBetween(rng, '2022-03-01', '2025-06-30'), earliest);
    if (from > today) continue;
    const decisionNo = `${rng.int(5, 300)}/QĐ-UBND`;
    const before = oldAnchor.get(u.id);
    if (restructured && before && from < RESTRUCTURE_DATE) {
      // The commune ended on 1/7/2025 and its posts with it; the new commune confirmed the head that day.
      civicPost(before, personId, title, 'cong_dong', from, u.id, decisionNo, RESTRUCTURE_DATE);
      civicPost(u.org_id, personId, title, 'cong_dong', RESTRUCTURE_DATE, u.id, `${rng.int(5, 300)}/QĐ-UBND`);
    } else civicPost(u.org_id, personId, title, 'cong_dong', maxIso(from, current(u.org_id)!.valid_from), u.id, decisionNo);
  }

  // Commune chairs: HĐND often the secretary, UBND often a deputy, MTTQ a standing member.
  const rotations: RotationTable[] = [];
  const rotated: { id: string; rotation: string }[] = [];
  const committeeOf = new Map<string, typeof open>();
  for (const p of open) committeeOf.set(p.org_id, [...(committeeOf.get(p.org_id) ?? []), p]);
  const borderGuards = new Set(versions.filter((v) => v.host_type === 'luc_luong_vu_trang').map((v) => v.org_id));
  const seats = [...committeeOf.entries()].filter(([orgId]) => current(orgId)?.kind === 'dang_uy_xa').sort((a, b) => a[0].localeCompare(b[0]));
  const seatCells = await k
    .selectFrom('membership_episode')
    .select(['person_id', 'org_id', 'valid_from', 'valid_to'])
    .where('kind', '=', 'primary')
    .where('person_id', 'in', [...new Set(seats.flatMap(([, list]) => list.map((p) => p.person_id))), ''])
    .orderBy('person_id')
    .orderBy('valid_from')
    .execute();
  for (const [orgId, list] of seats) {
    const secretary = list.find((p) => p.title === 'bi_thu');
    const deputies = list.filter((p) => p.title === 'pho_bi_thu');
    const standing = list.filter((p) => p.title === 'uy_vien_btv');
    const start = current(orgId)!.valid_from;
    if (start > today) continue;
    const hdnd = secretary && rng.chance(0.6) ? secretary : (standing[0] ?? secretary);
    const ubnd = deputies.length && rng.chance(0.75) ? deputies[0]! : (standing[1] ?? deputies[0]);
    if (hdnd) civicPost(orgId, hdnd.person_id, 'chu_tich_hdnd', 'chinh_quyen', maxIso(start, hdnd.valid_from), null, `${rng.int(1, 40)}/NQ-HĐND`);
    if (ubnd && ubnd.person_id !== hdnd?.person_id) civicPost(orgId, ubnd.person_id, 'chu_tich_ubnd', 'chinh_quyen', maxIso(start, ubnd.valid_from), null, `${rng.int(1, 40)}/NQ-HĐND`);
    const front = standing.find((p) => p.person_id !== hdnd?.person_id && p.person_id !== ubnd?.person_id);
    if (front) civicPost(orgId, front.person_id, 'chu_tich_ubmttq', 'cong_dong', maxIso(start, front.valid_from), null, null);

    // Secretaries sent from the former district to the new commune.
    const preds = predecessors.get(orgId) ?? [];
    const district = preds.map((p) => versionOn(p, beforeR)?.parent_id).find((x) => x && history.get(x)?.[0]?.kind === 'dang_bo_huyen');
    if (secretary && district && secretary.valid_from === start && rng.chance(0.3)) {
      const id = ids.next();
      rotations.push(rotation(id, secretary, rng.chance(0.5) ? 'luan_chuyen' : 'dieu_dong', district, orgId));
      rotated.push({ id: secretary.id, rotation: id });
    }
    // Border-guard officers added to the commune committee.
    for (const p of list) {
      if (p.title !== 'cap_uy_vien' && p.title !== 'uy_vien_btv') continue;
      const cellThen = seatCells.find((e) => e.person_id === p.person_id && on(e, p.valid_from))?.org_id;
      if (!cellThen || !borderGuards.has(cellThen)) continue;
      const id = ids.next();
      rotations.push(rotation(id, p, 'tang_cuong', cellThen, orgId));
      rotated.push({ id: p.id, rotation: id });
    }
  }
  function rotation(id: string, post: (typeof open)[number], kind: string, from: string, to: string): RotationTable {
    return {
      id,
      person_id: post.person_id,
      kind,
      effective_date: post.valid_from,
      decision_no: post.decision_no ?? `${rng.int(100, 900)}-QĐ/TU`,
      decision_date: null,
      issuer: 'Ban Thường vụ Tỉnh ủy',
      from_org_id: from,
      to_org_id: to,
      from_post_id: null,
      to_post_id: post.id,
      note: null,
      recorded_by: null,
      recorded_at: at(post.valid_from),
    };
  }

  await k.transaction().execute(async (trx) => {
    for (const u of unitUpdates) await trx.updateTable('host_unit').set((eb) => ({ valid_to: u.valid_to, merged_into_id: u.merged_into_id, version: eb('version', '+', 1) })).where('id', '=', u.id).execute();
    for (const l of linkEnds) await trx.updateTable('host_unit_cell').set({ valid_to: l.valid_to }).where('id', '=', l.id).execute();
    await insertRows(trx, 'host_unit_version', unitVersions);
    await insertRows(trx, 'host_unit_event', events);
    await insertRows(trx, 'committee_term', terms);
    // Posts of this province have no term yet; earlier provinces' already do.
    await trx
      .updateTable('party_post')
      .set({ term_id: sql<string>`(select t.id from committee_term t where t.org_id = party_post.org_id and t.name = ${'Nhiệm kỳ '} || party_post.term)` })
      .where('term_id', 'is', null)
      .where('term', 'is not', null)
      .execute();
    await insertRows(trx, 'civic_post', civic);
    await insertRows(trx, 'rotation', rotations);
    for (const r of rotated) await trx.updateTable('party_post').set({ rotation_id: r.rotation }).where('id', '=', r.id).execute();
  });
};
