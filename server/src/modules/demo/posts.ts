import type { Insertable } from 'kysely';
import type { PartyPostTable } from '../../db/schema.js';
import { dateBetween, dayNo, isoOf, maxIso } from './days.js';
import type { GenEvent } from './ledger.js';
import { RESTRUCTURE_DATE, type ProvinceBuild } from './layout.js';
import type { IdGen, Rng } from './prng.js';

/**
 * Committees (party_post): for every cell a bí thư, and a phó bí thư where it has ten
 * members or more, for the 2020–2025 and 2025–2030 terms; for every commune a committee
 * of 9–15 for the term it stood in on each side of the 2025 restructuring. Holders are
 * drawn among the members who were active, full and in ordinary activity in the
 * organization on the day the post starts; a secretary who leaves is replaced that day.
 * Posts end with their organization (merge, dissolution), as organizations.service ends them.
 */

/** Segments ending before this day are of no use to any term. */
const FIRST_TERM = '2020-01-01';
const OPEN = Number.MAX_SAFE_INTEGER;

/** One stretch of a member's life in one cell, in day numbers [from, to). */
interface Seg {
  p: number;
  from: number;
  to: number;
  /** Full member in ordinary activity: can hold a post. */
  ok: boolean;
}

/** Where each member was, and whether they could hold a post, from 2020 on. */
export class MemberTimeline {
  readonly personIds: string[] = [];
  readonly birthYears: number[] = [];
  readonly byCell = new Map<string, Seg[]>();
  private readonly cutoff = dayNo(FIRST_TERM);

  /** Reads a generated life the way the ledger fold would. */
  add(personId: string, birthYear: number, events: readonly GenEvent[]) {
    let cell: string | null = null;
    let official = false;
    let normal = true;
    let open: { cell: string; from: number; ok: boolean } | null = null;
    let p = -1;
    const close = (at: number) => {
      if (!open) return;
      if (at > open.from && at > this.cutoff) {
        if (p < 0) {
          p = this.personIds.length;
          this.personIds.push(personId);
          this.birthYears.push(birthYear);
        }
        let list = this.byCell.get(open.cell);
        if (!list) this.byCell.set(open.cell, (list = []));
        list.push({ p, from: open.from, to: at, ok: open.ok });
      }
      open = null;
    };
    for (const e of events) {
      switch (e.kind) {
        case 'ket_nap':
        case 'phuc_hoi':
          cell = e.orgId;
          official = false;
          normal = true;
          break;
        case 'chuyen_den':
          cell = e.orgId;
          official = !!e.data?.officialOn;
          normal = true;
          break;
        case 'chuyen_noi_bo':
          cell = e.orgId;
          break;
        case 'cong_nhan_chinh_thuc':
          official = true;
          break;
        case 'tam_chuyen_di':
        case 'mien_sinh_hoat':
        case 'di_lam_an_xa':
          normal = false;
          break;
        case 'tam_chuyen_ve':
        case 'het_mien_sinh_hoat':
        case 'tro_ve_sinh_hoat':
          normal = true;
          break;
        case 'chuyen_di':
        case 'xoa_ten':
        case 'khai_tru':
        case 'tu_tran':
        case 'khong_cong_nhan':
          cell = null;
          break;
      }
      const ok = official && normal;
      const o = open as { cell: string; from: number; ok: boolean } | null;
      if (o && o.cell === cell && o.ok === ok) continue;
      const day = dayNo(e.date);
      close(day);
      if (cell) open = { cell, from: day, ok };
    }
    close(OPEN);
  }
}

type PostRow = Insertable<PartyPostTable> & { valid_to: string | null };
type Title = 'bi_thu' | 'pho_bi_thu' | 'uy_vien_btv' | 'cap_uy_vien';

/** A post's holder and days: [from, to), to = OPEN while held today. */
interface Held {
  p: number;
  from: number;
  to: number;
}

const AGENCY_WEIGHT: Record<string, number> = { co_quan_hanh_chinh: 5, luc_luong_vu_trang: 2, truong_hoc: 1.5, tram_y_te: 1.5, don_vi_su_nghiep: 1.5 };

export function buildPosts(b: ProvinceBuild, tl: MemberTimeline, rng: Rng, ids: IdGen): PostRow[] {
  const { model } = b;
  const today = dayNo(b.spec.today);
  const rows: PostRow[] = [];
  const decisionSeq = new Map<string, number>();

  /** "57-QĐ/ĐU": the committee that approves the result, numbered per committee and year. */
  const decisionOf = (orgId: string, date: string, provincial = false): string => {
    if (provincial) return b.decision(date, b.provincial).decisionNo;
    const parent = model.versionOn(orgId, date)?.parent_id ?? null;
    const pv = parent ? model.versionOn(parent, date) : undefined;
    // A cell's congress is approved by its grassroots committee, which has no entry in b.committees.
    if (pv && (pv.kind === 'dang_bo_co_so' || pv.kind === 'dang_uy_xa')) {
      const key = `${pv.org_id}|${date.slice(0, 4)}`;
      const n = (decisionSeq.get(key) ?? rng.int(2, 20)) + 1;
      decisionSeq.set(key, n);
      return `${n}-QĐ/ĐU`;
    }
    return b.decision(date, b.committeeFor(orgId, date)).decisionNo;
  };

  const emit = (orgId: string, title: Title, term: string, decisionNo: string, h: Held) => {
    rows.push({
      id: ids.next(),
      org_id: orgId,
      person_id: tl.personIds[h.p]!,
      title,
      term,
      decision_no: decisionNo,
      valid_from: isoOf(h.from),
      valid_to: h.to === OPEN ? null : isoOf(h.to),
    });
  };

  /**
   * Pick one eligible person at day t, weighted towards working age, the cell kind (`weights`,
   * parallel to `segs`), and who stays longest. `held`: whoever has held another post of the
   * organization in the term, so nobody holds two at once.
   */
  const choose = (segs: readonly Seg[], t: number, end: number, held: ReadonlySet<number>, weights?: readonly number[]): Seg | null => {
    let total = 0;
    const cands: [Seg, number][] = [];
    const year = Number(isoOf(t).slice(0, 4));
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i]!;
      if (!s.ok || s.from > t || s.to <= t || held.has(s.p)) continue;
      const age = year - tl.birthYears[s.p]!;
      const stay = Math.min(Math.min(s.to, end, today + 1) - t, 1_800) / 1_800;
      const w = (age >= 30 && age <= 58 ? 3 : age < 70 ? 1 : 0.2) * (0.1 + stay) * (weights ? weights[i]! : 1);
      total += w;
      cands.push([s, w]);
    }
    if (!cands.length) return null;
    let r = rng.next() * total;
    for (const [s, w] of cands) if ((r -= w) < 0) return s;
    return cands[cands.length - 1]![0];
  };

  /**
   * Holders of one post over [start, end): each until they leave, then the next from that day
   * (a former holder back in the cell may take it again); when nobody can hold it, the post waits
   * for the first who can. Its holders are then added to `held`.
   */
  const chain = (segs: readonly Seg[], start: number, end: number, held: Set<number>, weights?: readonly number[]): Held[] => {
    const out: Held[] = [];
    let t = start;
    while (t < end && t <= today) {
      const s = choose(segs, t, end, held, weights);
      if (!s) {
        let next = OPEN;
        for (const x of segs) if (x.ok && x.from > t && x.from < next && !held.has(x.p)) next = x.from;
        if (next >= end || next > today) break;
        t = next;
        continue;
      }
      const h = { p: s.p, from: t, to: Math.min(s.to, end) };
      out.push(h);
      if (h.to === OPEN) break;
      t = h.to;
    }
    for (const h of out) held.add(h.p);
    return out;
  };

  const membersOn = (segs: readonly Seg[], t: number) => {
    const seen = new Set<number>();
    for (const s of segs) if (s.from <= t && s.to > t) seen.add(s.p);
    return seen.size;
  };

  // Cells: the 2020 congress (or the cell's creation, with an appointed secretary) to the 2025 one, and on.
  for (const cell of b.cells.values()) {
    const segs = tl.byCell.get(cell.id) ?? [];
    const last = model.last(cell.id);
    const end = last.valid_to ? dayNo(last.valid_to) : OPEN;
    const c2020 = dateBetween(rng, '2020-03-01', '2020-05-31');
    const c2025 = maxIso(dateBetween(rng, '2025-04-01', '2025-05-31'), cell.from);
    const terms: [string, string, number][] = [
      ['2020–2025', maxIso(c2020, cell.from), Math.min(end, dayNo(c2025) <= today ? dayNo(c2025) : OPEN)],
      ['2025–2030', c2025, end],
    ];
    for (const [term, from, to] of terms) {
      const start = dayNo(from);
      if (start >= to || start > today) continue;
      const held = new Set<number>();
      const secretaries = chain(segs, start, to, held);
      if (!secretaries.length) continue;
      const decision = decisionOf(cell.id, isoOf(secretaries[0]!.from));
      secretaries.forEach((h, i) => emit(cell.id, 'bi_thu', term, i === 0 ? decision : decisionOf(cell.id, isoOf(h.from)), h));
      if (membersOn(segs, start) >= 10) {
        chain(segs, start, to, held).forEach((h, i) => emit(cell.id, 'pho_bi_thu', term, i === 0 ? decision : decisionOf(cell.id, isoOf(h.from)), h));
      }
    }
  }

  // Communes: those standing at their 2020 congress, and today's đảng ủy xã from the restructuring.
  const restructured = dayNo(RESTRUCTURE_DATE) <= today ? dayNo(RESTRUCTURE_DATE) : OPEN;
  // Cells by every parent they have had: a commune's cells on any date are among its children.
  const cellsUnder = new Map<string, string[]>();
  for (const cell of b.cells.values()) {
    for (const parent of new Set(model.history(cell.id).map((v) => v.parent_id))) {
      if (!parent) continue;
      let list = cellsUnder.get(parent);
      if (!list) cellsUnder.set(parent, (list = []));
      list.push(cell.id);
    }
  }
  const seen = new Set<string>();
  for (const c of b.communes) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    const history = model.history(c.id);
    const last = history[history.length - 1]!;
    const end = last.valid_to ? dayNo(last.valid_to) : OPEN;
    const c2020 = dateBetween(rng, '2020-06-15', '2020-08-31');
    const v2020 = model.versionOn(c.id, c2020);
    const xa = history.find((v) => v.kind === 'dang_uy_xa');
    if (v2020 && v2020.kind === 'dang_bo_co_so') {
      const to = Math.min(end, xa ? dayNo(xa.valid_from) : OPEN, restructured);
      committee(c.id, '2020–2025', c2020, to, false);
    }
    if (xa && last.valid_to === null) committee(c.id, '2025–2030', xa.valid_from, end, true);
  }

  function committee(orgId: string, term: string, from: string, end: number, provincial: boolean) {
    const start = dayNo(from);
    if (start >= end || start > today) return;
    // Members of its cells on the first day, weighted towards the commune's own agencies.
    const segs: Seg[] = [];
    const weights: number[] = [];
    for (const id of cellsUnder.get(orgId) ?? []) {
      const v = model.versionOn(id, from);
      if (!v || v.parent_id !== orgId) continue;
      const w = AGENCY_WEIGHT[b.cells.get(id)!.hostType] ?? 1;
      for (const s of tl.byCell.get(id) ?? []) {
        segs.push(s);
        weights.push(w);
      }
    }
    const eligible = new Set(segs.filter((s) => s.ok && s.from <= start && s.to > start).map((s) => s.p)).size;
    if (eligible < 3) return;
    const size = Math.min(eligible, rng.int(9, 11) + Math.min(4, Math.floor(segs.length / 150)));
    const deputies = size >= 11 ? 2 : 1;
    const standing = Math.min(size - 1 - deputies, size >= 12 ? 4 : 3);
    const decision = decisionOf(orgId, from, provincial);
    const held = new Set<number>();
    const at = (h: Held) => (h.from === start ? decision : decisionOf(orgId, isoOf(h.from), provincial));
    for (const h of chain(segs, start, end, held, weights)) emit(orgId, 'bi_thu', term, at(h), h);
    for (let i = 0; i < deputies; i++) for (const h of chain(segs, start, end, held, weights)) emit(orgId, 'pho_bi_thu', term, at(h), h);
    for (let i = 0; i < size - 1 - deputies; i++) {
      // Other seats are not filled again within the term: one left empty waits for the next congress.
      const s = choose(segs, start, end, held, weights);
      if (!s) break;
      const h = { p: s.p, from: start, to: Math.min(s.to, end) };
      held.add(h.p);
      emit(orgId, i < standing ? 'uy_vien_btv' : 'cap_uy_vien', term, decision, h);
    }
  }

  return rows;
}
