import type { OrgKind } from '@dangvu/common';
import { LAI_CHAU_DISTRICTS, PROVINCIAL_AGENCIES, AGENCY_SUBUNITS, PlaceNamer } from './places.js';
import type { Profile } from './names.js';
import { OrgModel, type Decision, type OrgSpec, type VersionRow } from './orgModel.js';
import type { IdGen, Rng } from './prng.js';

/**
 * The organization tree of one province as it stood when the province was
 * (re-)established on 2004-01-01: districts with their communes and cells, and the
 * bloc of provincial agencies. history.ts then plays the years after it.
 */

export const FOUNDED = '2004-01-01';
export const NEW_DISTRICT_DATE = '2012-01-02';
export const RESTRUCTURE_DATE = '2025-07-01';

export interface ProvinceSpec {
  index: number;
  name: string;
  city: boolean;
  cccd: string;
  profile: Profile;
  members: number;
  today: string;
}

/** What the member generator needs to know about each cell. */
export interface CellInfo {
  id: string;
  from: string;
  /** Closed by a merge on this date; members moved to mergedInto. */
  to: string | null;
  mergedInto: string | null;
  /** The merge decision, which the moved members' transfer events carry. */
  mergeDecision?: { decisionNo: string; issuer: string };
  weight: number;
  /** Locality (the original commune), so most transfers stay nearby. */
  group: number;
  hostType: string;
  place: string;
  /**
   * Set on a few tiny cells (units.ts): from this date the cell takes no one in, and its
   * last members die or move away by then, so it stands open with no member today.
   */
  emptyFrom?: string;
}

export interface Committee {
  /** "Huyện ủy Phong Thổ", "Đảng ủy xã Dào San", "Tỉnh ủy Lai Châu". */
  name: string;
  /** Decision number suffix: TU, HU, ThU, ĐU, ĐUK. */
  suffix: string;
  /** Set when the committee was renamed: its name before that date. */
  formerName?: string;
  renamedOn?: string;
}

const UPPER_KINDS = new Set(['dang_bo_tinh', 'dang_bo_huyen', 'dang_uy_khoi', 'dang_uy_xa']);

export type CommuneType = 'xa' | 'phuong' | 'thi_tran';
export interface CommuneInfo {
  id: string;
  place: string;
  type: CommuneType;
  districtId: string;
  group: number;
}

export class ProvinceBuild {
  readonly model: OrgModel;
  readonly namer: PlaceNamer;
  readonly cells = new Map<string, CellInfo>();
  readonly committees = new Map<string, Committee>();
  readonly communes: CommuneInfo[] = [];
  readonly districtIds: string[] = [];
  rootId = '';
  khoiId: string | null = null;
  /** Communes created under other districts in 2004 that form the new district in 2012. */
  newDistrict: { name: string; label: string; communeIds: string[] } | null = null;
  readonly scale: number;
  private readonly counters = new Map<string, number>();
  private readonly codeSeq = new Map<string, number>();

  constructor(
    readonly spec: ProvinceSpec,
    readonly rng: Rng,
    ids: IdGen,
  ) {
    this.model = new OrgModel(ids);
    this.namer = new PlaceNamer(rng, spec.profile);
    this.scale = spec.members / 30000;
  }

  get provinceLabel() {
    return `${this.spec.city ? 'thành phố' : 'tỉnh'} ${this.spec.name}`;
  }

  /** "245-QĐ/HU": numbered per committee and year. */
  decision(date: string, c: Committee, note?: string): Decision {
    const key = `${c.suffix}|${c.name}|${date.slice(0, 4)}`;
    const n = (this.counters.get(key) ?? this.rng.int(3, 40)) + 1;
    this.counters.set(key, n);
    const name = c.renamedOn && date < c.renamedOn ? c.formerName! : c.name;
    return { effectiveDate: date, decisionNo: `${n}-QĐ/${c.suffix}`, decisionDate: date, issuer: `Ban Thường vụ ${name}`, note: note ?? null };
  }

  /** The committee that decides for an organization on a date: its nearest upper-level ancestor (or itself). */
  committeeFor(orgId: string, date: string): Committee {
    let id: string | null = orgId;
    while (id) {
      const v: VersionRow = this.model.versionOn(id, date) ?? this.model.last(id);
      const c = this.committees.get(id);
      if (c && UPPER_KINDS.has(v.kind)) return c;
      id = v.parent_id;
    }
    return this.provincial;
  }

  private readonly committeeCache = new Map<string, Committee>();
  /** committeeFor, cached per era (the tree above a cell changes only on the dates of history.ts). */
  committeeOfCell(cellId: string, date: string): Committee {
    const era = date < NEW_DISTRICT_DATE ? 0 : date < RESTRUCTURE_DATE ? 1 : 2;
    const key = `${cellId}|${era}`;
    let c = this.committeeCache.get(key);
    if (!c) this.committeeCache.set(key, (c = this.committeeFor(cellId, date)));
    return c;
  }

  perCommune = 10;

  get provincial(): Committee {
    return this.committees.get(this.rootId)!;
  }

  nextCode(prefix: string, letter: string): string {
    const n = (this.codeSeq.get(prefix + letter) ?? 0) + 1;
    this.codeSeq.set(prefix + letter, n);
    return `${prefix}.${letter}${String(n).padStart(2, '0')}`;
  }

  codeOf(orgId: string): string {
    return this.model.organizations.find((o) => o.id === orgId)!.code;
  }

  addCell(parentId: string, spec: Omit<OrgSpec, 'kind' | 'code'> & { kind?: OrgKind }, d: Decision, info: { weight: number; group: number; place: string }) {
    const parentCode = this.codeCache.get(parentId) ?? this.codeOf(parentId);
    const code = this.nextCode(parentCode, 'C');
    const id = this.model.establish({ ...spec, kind: spec.kind ?? 'chi_bo_truc_thuoc', code }, parentId, d);
    this.codeCache.set(id, code);
    this.cells.set(id, { id, from: d.effectiveDate, to: null, mergedInto: null, hostType: spec.hostType, ...info });
    return id;
  }

  readonly codeCache = new Map<string, string>();

  establishUnit(parentId: string | null, spec: OrgSpec, d: Decision): string {
    const id = this.model.establish(spec, parentId, d);
    this.codeCache.set(id, spec.code);
    return id;
  }
}

const villageWeight = (t: CommuneType) => (t === 'xa' ? 1 : 1.2);

/** Cells of one commune: villages or residential groups, schools, health station, agency cells. */
export function populateCommune(b: ProvinceBuild, c: CommuneInfo, perCommune: number, d: Decision) {
  const { rng } = b;
  const x = c.type === 'xa' ? 'xã' : c.type === 'phuong' ? 'phường' : 'thị trấn';
  const small = perCommune < 9;
  const schools = small ? 1 : rng.int(2, 3);
  const health = small ? (rng.chance(0.5) ? 1 : 0) : 1;
  const agencies = small ? 1 : 1 + (rng.chance(0.5) ? 1 : 0) + (rng.chance(0.3) ? 1 : 0);
  const villages = Math.max(1, Math.round((perCommune - schools - health - agencies) * (0.75 + rng.next() * 0.5)));
  const info = (weight: number) => ({ weight, group: c.group, place: `${x} ${c.place}, ${b.provinceLabel}` });
  const mountain = b.spec.profile === 'mountain';
  for (let i = 1; i <= villages; i++) {
    const urban = c.type === 'phuong' || (c.type === 'thi_tran' && rng.chance(0.6));
    if (urban) {
      const unit = `Tổ dân phố số ${i}`;
      b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'to_dan_pho', hostUnitName: unit }, d, { ...info(1.2), place: `${unit}, ${info(0).place}` });
    } else {
      const unit = `${mountain ? 'Bản' : 'Thôn'} ${mountain || rng.chance(0.7) ? b.namer.next(false) : String(i)}`;
      b.addCell(c.id, { name: `Chi bộ ${unit.replace(/^B/, 'b').replace(/^T/, 't')}`, hostType: 'thon_ban', hostUnitName: unit }, d, {
        ...info(villageWeight(c.type)),
        place: `${unit}, ${info(0).place}`,
      });
    }
  }
  const levels = ['Trường Tiểu học', mountain ? 'Trường PTDTBT THCS' : 'Trường THCS', 'Trường Mầm non'];
  for (let i = 0; i < schools; i++) {
    const unit = `${levels[i]!} ${c.place}`;
    b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'truong_hoc', hostUnitName: unit }, d, info(1.1));
  }
  if (health) {
    const unit = `Trạm Y tế ${x} ${c.place}`;
    b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'tram_y_te', hostUnitName: unit }, d, info(0.6));
  }
  const agencyKinds: [string, string, string, number][] = [
    ['Cơ quan', `Ủy ban nhân dân ${x} ${c.place}`, 'co_quan_hanh_chinh', 1.6],
    ['Quân sự', `Ban Chỉ huy Quân sự ${x} ${c.place}`, 'luc_luong_vu_trang', 0.7],
    ['Công an', `Công an ${x} ${c.place}`, 'luc_luong_vu_trang', 0.7],
  ];
  for (let i = 0; i < agencies; i++) {
    const [label, unit, host, weight] = agencyKinds[i]!;
    b.addCell(c.id, { name: `Chi bộ ${label} ${x} ${c.place}`, hostType: host, hostUnitName: unit }, d, info(weight));
  }
}

/** The tree on the founding date. */
export function buildInitialTree(b: ProvinceBuild) {
  const { rng, spec, scale } = b;
  const laiChau = spec.name === 'Lai Châu';
  const tw: Committee = { name: 'Bộ Chính trị', suffix: 'TW' };
  const rootCode = `T${spec.cccd}`;
  b.rootId = b.establishUnit(null, { code: rootCode, name: `Đảng bộ ${b.provinceLabel}`, kind: 'dang_bo_tinh', hostType: 'khac' }, b.decision(FOUNDED, tw));
  b.committees.set(b.rootId, { name: `${spec.city ? 'Thành ủy' : 'Tỉnh ủy'} ${spec.name}`, suffix: spec.city ? 'ThU' : 'TU' });
  const d0 = b.decision(FOUNDED, b.provincial, 'Kiện toàn tổ chức đảng khi chia tách, tái lập tỉnh');

  const D = Math.max(3, Math.round(8 * Math.sqrt(scale)));
  const C = Math.max(D * 2, Math.round(106 * Math.pow(scale, 0.6)));
  const cellsTarget = Math.max(C * 2, Math.round(spec.members / 19));
  const agencyUnits = Math.max(2, Math.round(20 * Math.sqrt(scale)));
  const districtUnits = (D - 1) * 4;
  const perCommune = Math.max(2, (cellsTarget - agencyUnits * 1.4 - districtUnits) / C);
  b.perCommune = perCommune;

  // Districts: the provincial city first, then (for Lai Châu) the real district names.
  const districts: { id: string; label: string; urban: boolean; communes: number }[] = [];
  for (let i = 0; i < D; i++) {
    const isNew = i === D - 1;
    const urban = i === 0 || (spec.city && i < D * 0.4);
    const place = !laiChau ? b.namer.next() : i === 0 ? 'Lai Châu' : isNew ? 'Nậm Nhùn' : i <= 6 ? LAI_CHAU_DISTRICTS[i - 1]! : b.namer.next();
    const city = i === 0 && !spec.city;
    const label = `${city ? 'thành phố' : urban ? 'quận' : 'huyện'} ${place}`;
    const committee: Committee = { name: `${city ? 'Thành ủy' : urban ? 'Quận ủy' : 'Huyện ủy'} ${place}`, suffix: city ? 'ThU' : urban ? 'QU' : 'HU' };
    const share = city ? 0.6 : 1 + (rng.next() - 0.5) * 0.3;
    const communes = Math.max(2, Math.round((C / D) * share));
    if (isNew) {
      // Its communes exist from 2004 under neighbouring districts; the district is formed on NEW_DISTRICT_DATE.
      b.newDistrict = { name: place, label, communeIds: [] };
      b.committees.set(`new:${place}`, committee);
      districts.push({ id: '', label, urban: false, communes });
      continue;
    }
    const id = b.establishUnit(b.rootId, { code: b.nextCode(rootCode, 'H'), name: `Đảng bộ ${label}`, kind: 'dang_bo_huyen', hostType: 'khac' }, d0);
    b.committees.set(id, committee);
    b.districtIds.push(id);
    districts.push({ id, label, urban, communes });
  }
  const ids = b.districtIds;
  const donors = ids.length >= 4 ? [ids[2]!, ids[3]!] : [ids[ids.length - 1]!];

  let group = 0;
  for (const dist of districts) {
    for (let j = 0; j < dist.communes; j++) {
      const host = dist.id || donors[j % donors.length]!;
      const type: CommuneType = dist.urban ? (spec.city || rng.chance(0.7) ? 'phuong' : 'xa') : j === 0 && dist.id ? 'thi_tran' : 'xa';
      const place = b.namer.next();
      const x = type === 'xa' ? 'xã' : type === 'phuong' ? 'phường' : 'thị trấn';
      const unit = `${x[0]!.toUpperCase()}${x.slice(1)} ${place}`;
      const code = b.nextCode(b.codeCache.get(host)!, 'X');
      const id = b.establishUnit(host, { code, name: `Đảng bộ ${x} ${place}`, kind: 'dang_bo_co_so', hostType: 'xa_phuong', hostUnitName: unit }, d0);
      const c: CommuneInfo = { id, place: `${place}, ${dist.label}`, type, districtId: host, group: group++ };
      b.communes.push(c);
      if (!dist.id) b.newDistrict!.communeIds.push(id);
      populateCommune(b, c, perCommune * (type === 'phuong' ? 1.3 : 1), b.decision(FOUNDED, b.committees.get(host)!));
    }
    if (dist.id) {
      // Units directly under the district: its agencies, high school, health centre, armed forces.
      const name = dist.label.replace(/^\S+ /, '');
      const units: [string, string, number][] = [
        [`Cơ quan Ủy ban nhân dân ${dist.label}`, 'co_quan_hanh_chinh', 1.8],
        [`Trường THPT ${name}`, 'truong_hoc', 1.4],
        [`Trung tâm Y tế ${dist.label}`, 'don_vi_su_nghiep', 1.6],
        [`Ban Chỉ huy Quân sự ${dist.label}`, 'luc_luong_vu_trang', 1.2],
      ];
      const dd = b.decision(FOUNDED, b.committees.get(dist.id)!);
      for (const [unit, hostType, weight] of units)
        b.addCell(dist.id, { name: `Chi bộ ${unit}`, kind: 'chi_bo_co_so', hostType, hostUnitName: unit }, dd, { weight, group, place: `${dist.label}, ${b.provinceLabel}` });
      group++;
    }
  }

  // Border-guard posts under a few border communes (mountain provinces).
  if (spec.profile === 'mountain') {
    const rural = b.communes.filter((c) => c.type === 'xa');
    const posts = Math.max(1, Math.round(b.communes.length / 25));
    for (let i = 0; i < posts && i < rural.length; i++) {
      const c = rural[Math.floor((i * rural.length) / posts)]!;
      const unit = `Đồn Biên phòng ${c.place.split(',')[0]}`;
      b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'luc_luong_vu_trang', hostUnitName: unit }, b.decision(FOUNDED, b.committees.get(c.districtId)!), {
        weight: 1.2,
        group: c.group,
        place: `${c.place}, ${b.provinceLabel}`,
      });
    }
  }

  buildAgencyBloc(b, agencyUnits, d0, group);
}

function buildAgencyBloc(b: ProvinceBuild, units: number, d0: Decision, firstGroup: number) {
  const { rng, spec } = b;
  const khoiCode = b.nextCode(`T${spec.cccd}`, 'K');
  b.khoiId = b.establishUnit(b.rootId, { code: khoiCode, name: `Đảng bộ Khối các cơ quan ${b.provinceLabel}`, kind: 'dang_uy_khoi', hostType: 'co_quan_hanh_chinh' }, d0);
  const kc: Committee = { name: `Đảng ủy Khối các cơ quan ${b.provinceLabel}`, suffix: 'ĐUK' };
  b.committees.set(b.khoiId, kc);
  const dk = b.decision(FOUNDED, kc);
  const place = `${b.provinceLabel}`;
  for (let i = 0; i < units; i++) {
    const base = PROVINCIAL_AGENCIES[i % PROVINCIAL_AGENCIES.length]!;
    const agency = i < PROVINCIAL_AGENCIES.length ? base : `${base} (đơn vị ${Math.floor(i / PROVINCIAL_AGENCIES.length) + 1})`;
    const hostType = /Trường|Bệnh viện|Đài|Trung tâm/.test(agency) ? 'don_vi_su_nghiep' : 'co_quan_hanh_chinh';
    const group = firstGroup + i;
    if (rng.chance(0.35)) {
      const code = b.nextCode(khoiCode, 'U');
      const unitId = b.establishUnit(b.khoiId, { code, name: `Đảng bộ ${agency}`, kind: 'dang_bo_co_so', hostType, hostUnitName: agency }, dk);
      const subs = rng.int(2, 4);
      for (let s = 0; s < subs; s++) {
        const sub = `${AGENCY_SUBUNITS[s]!} ${agency}`;
        b.addCell(unitId, { name: `Chi bộ ${sub}`, hostType, hostUnitName: sub }, dk, { weight: 1.5, group, place });
      }
    } else {
      b.addCell(b.khoiId, { name: `Chi bộ ${agency}`, kind: 'chi_bo_co_so', hostType, hostUnitName: agency }, dk, { weight: 2.2, group, place });
    }
  }
}
