import type { Insertable } from 'kysely';
import type { HostUnitCellTable, HostUnitTable } from '../../db/schema.js';
import { dateBetween } from './days.js';
import { FOUNDED, type CellInfo, type CommuneInfo, type ProvinceBuild } from './layout.js';
import type { IdGen, Rng } from './prng.js';

/**
 * Host units (thôn/bản, tổ dân phố, schools, health stations, agencies, border posts) of
 * the communes, each anchored to today's commune organization (the one its commune was
 * merged into in 2025, as organizations.service moves host_unit.org_id to a successor),
 * and linked to the cell that serves it over that cell's life. Planted for the coverage
 * screen: villages with no cell, villages sharing a neighbour's cell, and a few tiny
 * cells that lose their last members (CellInfo.emptyFrom, which the member generator obeys).
 * Runs before the members are generated.
 */

export const VILLAGE_KINDS = new Set(['thon_ban', 'to_dan_pho']);
const UNIT_KINDS: Record<string, string> = {
  thon_ban: 'B',
  to_dan_pho: 'P',
  truong_hoc: 'T',
  tram_y_te: 'Y',
  co_quan_hanh_chinh: 'Q',
  luc_luong_vu_trang: 'L',
};
/** Shares of villages planted with no cell, and (in pairs) sharing one cell. */
const NO_CELL = 0.03;
const SHARED = 0.04;

export type HostUnitRow = Insertable<HostUnitTable> & { valid_to: string | null };
export type HostUnitCellRow = Insertable<HostUnitCellTable> & { valid_to: string | null };

export interface HostUnits {
  units: HostUnitRow[];
  links: HostUnitCellRow[];
  /** Cells left with no member today (the "trắng đảng viên" plant). */
  emptied: string[];
}

export function planHostUnits(b: ProvinceBuild, rng: Rng, ids: IdGen): HostUnits {
  const { model, spec } = b;
  const mountain = spec.profile === 'mountain';
  // The communes of before 2025 (those created by the restructuring have no cells of their own).
  const communes = b.communes.filter((c) => model.history(c.id)[0]!.kind === 'dang_bo_co_so');
  const byId = new Map<string, CommuneInfo>(communes.map((c) => [c.id, c]));
  const mergedInto = new Map<string, string>();
  for (const l of model.links) if (l.role === 'merged_into' && l.from_org_id && l.to_org_id) mergedInto.set(l.from_org_id, l.to_org_id);
  const anchorOf = (communeId: string) => {
    let id = communeId;
    while (!model.current(id) && mergedInto.has(id)) id = mergedInto.get(id)!;
    return id;
  };

  // Border posts mark their communes as border communes; others by chance, mostly true in the mountains.
  const borderPosts = new Set<string>();
  for (const cell of b.cells.values()) if (cell.hostType === 'luc_luong_vu_trang' && /^Đồn Biên phòng/.test(model.history(cell.id)[0]!.host_unit_name ?? '')) borderPosts.add(model.history(cell.id)[0]!.parent_id!);
  const flags = new Map<string, string>();
  for (const c of communes) {
    const rural = c.type !== 'phuong';
    flags.set(
      c.id,
      JSON.stringify({
        bien_gioi: borderPosts.has(c.id) || (rural && rng.chance(mountain ? 0.3 : 0.02)),
        dtts: rng.chance(mountain ? (rural ? 0.93 : 0.6) : rural ? 0.12 : 0.03),
        dbkk: c.type === 'xa' && rng.chance(mountain ? 0.45 : 0.03),
      }),
    );
  }

  const units: HostUnitRow[] = [];
  const links: HostUnitCellRow[] = [];
  const namesIn = new Map<string, Set<string>>();
  const unit = (commune: CommuneInfo, kind: string, name: string, from: string, to: string | null): HostUnitRow => {
    const row: HostUnitRow = {
      id: ids.next(),
      code: b.nextCode(b.codeCache.get(commune.id)!, UNIT_KINDS[kind]!),
      name,
      kind,
      org_id: anchorOf(commune.id),
      valid_from: from,
      valid_to: to,
      flags: flags.get(commune.id)!,
    };
    units.push(row);
    let names = namesIn.get(commune.id);
    if (!names) namesIn.set(commune.id, (names = new Set()));
    names.add(name);
    return row;
  };
  const link = (u: HostUnitRow, cell: CellInfo, from: string) =>
    links.push({ id: ids.next(), host_unit_id: u.id, cell_org_id: cell.id, valid_from: from, valid_to: cell.to });

  // One unit per cell of a commune, under the cell's latest name. Villages stand from the start
  // (some got their cell later); schools and the like from their cell. A village merged into
  // another ends with its cell; the receiving one goes on.
  const villageCells: { cell: CellInfo; commune: CommuneInfo }[] = [];
  for (const cell of b.cells.values()) {
    const first = model.history(cell.id)[0]!;
    const commune = first.parent_id ? byId.get(first.parent_id) : undefined;
    if (!commune || !(cell.hostType in UNIT_KINDS)) continue;
    const village = VILLAGE_KINDS.has(cell.hostType);
    const u = unit(commune, cell.hostType, model.last(cell.id).host_unit_name ?? first.name, village ? FOUNDED : cell.from, cell.to);
    link(u, cell, cell.from);
    if (village) villageCells.push({ cell, commune });
  }

  const villages = villageCells.length;
  const openToday = villageCells.filter(({ cell }) => cell.to === null && cell.from === FOUNDED);
  const receiving = new Set([...b.cells.values()].map((c) => c.mergedInto).filter((x) => x !== null));
  const pool = rng.shuffle(openToday.filter(({ cell }) => !receiving.has(cell.id)));

  // "Trắng đảng viên": tiny cells whose last members die or move away in 2022–2025.
  const emptied: string[] = [];
  for (const { cell } of pool.splice(0, Math.max(2, Math.round(villages * 0.004)))) {
    cell.emptyFrom = dateBetween(rng, '2022-01-01', '2025-03-31');
    cell.weight *= 0.15;
    emptied.push(cell.id);
  }

  const newName = (c: CommuneInfo, kind: string) => {
    for (;;) {
      const name = kind === 'to_dan_pho' ? `Tổ dân phố ${b.namer.next(false)}` : `${mountain ? 'Bản' : 'Thôn'} ${b.namer.next(false)}`;
      if (!namesIn.get(c.id)?.has(name)) return name;
    }
  };
  // A small village served by its neighbour's cell: two units on one cell.
  for (const { cell, commune } of pool.splice(0, Math.max(1, Math.round((villages * SHARED) / 2)))) {
    link(unit(commune, cell.hostType, newName(commune, cell.hostType), FOUNDED, null), cell, cell.from);
  }
  // "Trắng tổ chức đảng": villages no cell has ever served.
  const withVillages = [...new Set(villageCells.map((v) => v.commune))];
  for (let i = 0; i < Math.max(1, Math.round(villages * NO_CELL)); i++) {
    const c = rng.pick(withVillages);
    unit(c, c.type === 'phuong' ? 'to_dan_pho' : 'thon_ban', newName(c, c.type === 'phuong' ? 'to_dan_pho' : 'thon_ban'), FOUNDED, null);
  }
  return { units, links, emptied };
}
