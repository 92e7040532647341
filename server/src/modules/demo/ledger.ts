import { addMonths, type MemberEventKind } from '@dangvu/common';
import { addDays, dateBetween, dayNo, maxIso, minIso, yearOf } from './days.js';
import type { CellInfo, ProvinceBuild } from './layout.js';
import type { Rng } from './prng.js';

/**
 * One member's life in the ledger: entry (admission, or transfer in), full membership,
 * transfers, exemptions, working away, leaving, death. Produces events in ledger
 * order; the fold in @dangvu/common turns them into state and episodes.
 */

export interface GenEvent {
  kind: MemberEventKind;
  date: string;
  orgId: string | null;
  decisionNo: string | null;
  issuer: string | null;
  data: Record<string, unknown> | null;
}

/** Weighted choice among cells valid on a date. */
export class CellPicker {
  private readonly cells: CellInfo[];
  private readonly cumulative: number[] = [];
  private readonly byGroup = new Map<number, CellInfo[]>();
  readonly byId = new Map<string, CellInfo>();

  constructor(cells: Iterable<CellInfo>) {
    this.cells = [...cells];
    let sum = 0;
    for (const c of this.cells) {
      sum += c.weight;
      this.cumulative.push(sum);
      let g = this.byGroup.get(c.group);
      if (!g) this.byGroup.set(c.group, (g = []));
      g.push(c);
      this.byId.set(c.id, c);
    }
  }

  /** Open on the date and still taking members in. */
  static validOn(c: CellInfo, d: string) {
    return c.from <= d && (c.to === null || c.to > d) && (c.emptyFrom === undefined || c.emptyFrom > d);
  }

  pick(rng: Rng, date: string, except?: CellInfo): CellInfo {
    const total = this.cumulative[this.cumulative.length - 1]!;
    for (let attempt = 0; attempt < 40; attempt++) {
      const r = rng.next() * total;
      let lo = 0;
      let hi = this.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.cumulative[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      const c = this.cells[lo]!;
      if (c !== except && CellPicker.validOn(c, date)) return c;
    }
    const valid = this.cells.filter((c) => c !== except && CellPicker.validOn(c, date));
    if (!valid.length) throw new Error(`no cell valid on ${date}`);
    return rng.pick(valid);
  }

  /** Mostly a neighbouring cell (same original commune), sometimes anywhere. */
  nearby(rng: Rng, date: string, from: CellInfo): CellInfo {
    if (rng.chance(0.65)) {
      const g = (this.byGroup.get(from.group) ?? []).filter((c) => c !== from && CellPicker.validOn(c, date));
      if (g.length) return rng.pick(g);
    }
    return this.pick(rng, date, from);
  }
}

/** Annual death probability by age. */
function deathRate(age: number): number {
  if (age < 50) return 0.001;
  if (age < 60) return 0.004;
  if (age < 70) return 0.01;
  if (age < 80) return 0.025;
  return 0.06;
}

export interface LifeInput {
  birth: string;
  admittedOn: string;
  /** Date of entry into this province's ledger; after admittedOn for transfers in. */
  entry: { kind: 'ket_nap' | 'chuyen_den'; date: string; cell: CellInfo };
  today: string;
}

/** Events whose org_id is where they put the member; every other event records the member's cell then. */
const PLACEMENT = new Set<MemberEventKind>(['ket_nap', 'chuyen_den', 'chuyen_noi_bo', 'phuc_hoi']);

export function simulateLife(rng: Rng, b: ProvinceBuild, picker: CellPicker, p: LifeInput): GenEvent[] {
  const events: GenEvent[] = [];
  const dec = (date: string, cell: CellInfo) => {
    const c = b.committeeOfCell(cell.id, date);
    return { decisionNo: `${rng.int(1, 999)}-QĐ/${c.suffix}`, issuer: `Ban Thường vụ ${c.renamedOn && date < c.renamedOn ? c.formerName : c.name}` };
  };
  /**
   * `orgId` is the target of a placement or the destination of a temporary transfer; any
   * other event takes the member's cell, as ledger.repository's appendMemberEvents does.
   */
  const push = (kind: MemberEventKind, date: string, cell: CellInfo, orgId: string | null, data: Record<string, unknown> | null, decided = true) => {
    const d = decided ? dec(date, cell) : { decisionNo: null, issuer: null };
    events.push({ kind, date, orgId: kind === 'tam_chuyen_di' || PLACEMENT.has(kind) ? orgId : cell.id, ...d, data });
  };

  const official = addDays(addMonths(p.admittedOn, 12), rng.int(0, 60));
  let cell = p.entry.cell;
  let activity: 'binh_thuong' | 'mien' | 'xa' | 'tam' = 'binh_thuong';
  let isOfficial = false;
  if (p.entry.kind === 'ket_nap') push('ket_nap', p.entry.date, cell, cell.id, null);
  else {
    isOfficial = official <= p.entry.date;
    push('chuyen_den', p.entry.date, cell, cell.id, {
      note: 'Chuyển sinh hoạt đảng chính thức đến',
      admittedOn: p.admittedOn,
      officialOn: isOfficial ? official : null,
    });
  }
  const scheduled: { kind: MemberEventKind | 'official'; date: string; orgId?: string | null }[] = [];
  if (!isOfficial && official <= p.today) scheduled.push({ kind: 'official', date: official });
  const refused = rng.chance(0.004);
  const birthYear = yearOf(p.birth);

  let t = p.entry.date;
  let active = true;
  // A cell that empties (CellInfo.emptyFrom) loses each member on a day of their own before that date.
  let leaveOn: string | null = null;
  const enter = (c: CellInfo, date: string) => {
    cell = c;
    leaveOn = c.emptyFrom === undefined ? null : c.emptyFrom <= date ? date : dateBetween(rng, maxIso(addDays(date, 1), addDays(c.emptyFrom, -900)), c.emptyFrom);
  };
  enter(cell, t);
  const followEmptying = (until: string) => {
    while (active && leaveOn !== null && leaveOn <= until) {
      const d = leaveOn;
      t = d;
      if (yearOf(d) - birthYear >= 75 && rng.chance(0.5)) {
        push('tu_tran', d, cell, null, null, false);
        active = false;
      } else if (rng.chance(0.4)) {
        push('chuyen_di', d, cell, null, { note: 'Chuyển sinh hoạt đảng chính thức ra ngoài tỉnh' });
        active = false;
      } else {
        const target = picker.nearby(rng, d, cell);
        push('chuyen_noi_bo', d, cell, target.id, null);
        enter(target, d);
      }
    }
  };
  // Merged cells hand their members to the receiving cell on the merge date.
  const followMerges = (until: string) => {
    while (active && cell.to !== null && cell.to <= until) {
      const target = picker.byId.get(cell.mergedInto!)!;
      const date = cell.to;
      const m = cell.mergeDecision!;
      events.push({ kind: 'chuyen_noi_bo', date, orgId: target.id, decisionNo: m.decisionNo, issuer: m.issuer, data: { reason: 'sap_nhap' } });
      enter(target, date);
      t = date;
    }
  };

  for (let y = yearOf(t); y <= yearOf(p.today) && active; y++) {
    const jan1 = `${y}-01-01`;
    const from = t < jan1 ? jan1 : addDays(t, 1);
    const to = minIso(`${y}-12-31`, p.today);
    if (from > to) continue;
    const share = from === jan1 && to.endsWith('12-31') ? 1 : (dayNo(to) - dayNo(from) + 1) / 365;
    const age = y - birthYear;
    const when = () => dateBetween(rng, from, to);
    const cands: { kind: MemberEventKind | 'official'; date: string; orgId?: string | null }[] = [];
    const maybe = (rate: number, kind: MemberEventKind) => {
      if (rng.chance(rate * share)) cands.push({ kind, date: when() });
    };
    maybe(deathRate(age), 'tu_tran');
    maybe(age < 50 ? 0.009 : 0.003, 'chuyen_di');
    maybe(0.0006, 'xoa_ten');
    maybe(0.0001, 'khai_tru');
    maybe(0.025, 'chuyen_noi_bo');
    if (age >= 68) maybe(0.05, 'mien_sinh_hoat');
    if (age < 45) maybe(0.006, 'di_lam_an_xa');
    maybe(0.003, 'tam_chuyen_di');
    for (let i = scheduled.length - 1; i >= 0; i--) {
      const s = scheduled[i]!;
      if (s.date >= from && s.date <= to) {
        cands.push(s);
        scheduled.splice(i, 1);
      }
    }
    cands.sort((a, z) => (a.date < z.date ? -1 : a.date > z.date ? 1 : 0));
    // Follow-ups (returns) that fall in this year join the queue in date order.
    const later = (kind: MemberEventKind, date: string) => {
      if (date > to) return scheduled.push({ kind, date });
      let i = cands.length;
      while (i > 0 && cands[i - 1]!.date > date) i--;
      cands.splice(i, 0, { kind, date });
    };
    for (let ci = 0; ci < cands.length; ci++) {
      const c = cands[ci]!;
      if (!active) break;
      followMerges(c.date);
      followEmptying(c.date);
      if (!active) break;
      const d = c.date;
      switch (c.kind) {
        case 'official':
          if (isOfficial) break;
          push(refused ? 'khong_cong_nhan' : 'cong_nhan_chinh_thuc', d, cell, null, null);
          if (refused) active = false;
          isOfficial = true;
          break;
        case 'tu_tran':
          push('tu_tran', d, cell, null, null, false);
          active = false;
          break;
        case 'chuyen_di':
          push('chuyen_di', d, cell, null, { note: 'Chuyển sinh hoạt đảng chính thức ra ngoài tỉnh' });
          active = false;
          break;
        case 'xoa_ten':
        case 'khai_tru':
          push(c.kind, d, cell, null, null);
          active = false;
          break;
        case 'chuyen_noi_bo': {
          if (activity === 'tam' || activity === 'xa') break;
          const target = picker.nearby(rng, d, cell);
          push('chuyen_noi_bo', d, cell, target.id, null);
          enter(target, d);
          break;
        }
        case 'mien_sinh_hoat':
          if (activity !== 'binh_thuong') break;
          push('mien_sinh_hoat', d, cell, null, { note: 'Tuổi cao, sức yếu' });
          activity = 'mien';
          break;
        case 'di_lam_an_xa':
          if (activity !== 'binh_thuong') break;
          push('di_lam_an_xa', d, cell, null, null, false);
          activity = 'xa';
          if (rng.chance(0.75)) later('tro_ve_sinh_hoat', addDays(d, rng.int(200, 1100)));
          break;
        case 'tro_ve_sinh_hoat':
          if (activity !== 'xa') break;
          push('tro_ve_sinh_hoat', d, cell, null, null, false);
          activity = 'binh_thuong';
          break;
        case 'tam_chuyen_di': {
          if (activity !== 'binh_thuong') break;
          const host = rng.chance(0.7) ? picker.pick(rng, d, cell).id : null;
          push('tam_chuyen_di', d, cell, host, { note: 'Sinh hoạt tạm thời nơi công tác, học tập' });
          activity = 'tam';
          if (rng.chance(0.85)) later('tam_chuyen_ve', addDays(d, rng.int(180, 720)));
          break;
        }
        case 'tam_chuyen_ve':
          if (activity !== 'tam') break;
          push('tam_chuyen_ve', d, cell, null, null);
          activity = 'binh_thuong';
          break;
      }
      t = d;
    }
    followMerges(to);
    followEmptying(to);
  }
  return events;
}
