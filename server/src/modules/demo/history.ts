import { dateBetween, minIso, yearOf } from './days.js';
import { NEW_DISTRICT_DATE, RESTRUCTURE_DATE, populateCommune, type CommuneInfo, type CommuneType, type ProvinceBuild } from './layout.js';

/**
 * The years after the founding tree: a new district in 2012, cells established and
 * renamed every year, villages merged in 2019–2020, and on 2025-07-01 the national
 * restructuring (communes merged N→1 into đảng ủy xã, districts dissolved).
 */

interface Action {
  date: string;
  seq: number;
  run: () => void;
}

const DISTRICT_FORMED = '2011-12-26';
const RESERVED = new Set([NEW_DISTRICT_DATE, RESTRUCTURE_DATE]);

export function playHistory(b: ProvinceBuild) {
  const { rng, spec, model } = b;
  const today = spec.today;
  const actions: Action[] = [];
  let seq = 0;
  const at = (date: string, run: () => void) => {
    if (date <= today) actions.push({ date, seq: seq++, run });
  };
  const freeDate = (from: string, to: string) => {
    const d = dateBetween(rng, from, minIso(to, today));
    return RESERVED.has(d) ? `${d.slice(0, 8)}15` : d;
  };

  if (b.newDistrict) {
    let districtId = '';
    at(DISTRICT_FORMED, () => (districtId = formNewDistrict(b)));
    at(NEW_DISTRICT_DATE, () => {
      for (const cid of b.newDistrict!.communeIds) {
        b.model.transfer(cid, districtId, b.decision(NEW_DISTRICT_DATE, b.provincial));
        b.communes.find((c) => c.id === cid)!.districtId = districtId;
      }
    });
  }

  const lastYear = yearOf(today);
  const perYear = 3 * Math.pow(b.scale, 0.7);
  for (let y = 2012; y <= lastYear; y++) {
    const from = `${y}-01-01`;
    if (from > today) break;
    const nNew = Math.max(1, Math.round(perYear * (0.6 + rng.next() * 0.8)));
    for (let i = 0; i < nNew; i++) {
      const d = freeDate(from, `${y}-12-31`);
      at(d, () => newCell(b, d));
    }
    const nRename = Math.round(perYear * 0.7 * (0.5 + rng.next()));
    for (let i = 0; i < nRename; i++) {
      const d = freeDate(from, `${y}-12-31`);
      at(d, () => renameCell(b, d));
    }
  }
  // Villages merged in the 2019–2020 campaign.
  const villages = [...b.cells.values()].filter((c) => c.hostType === 'thon_ban').length;
  for (let i = 0; i < Math.round(villages * 0.03); i++) {
    const d = freeDate('2019-10-01', '2020-06-30');
    at(d, () => mergeVillages(b, d));
  }
  if (b.khoiId) {
    const khoiId = b.khoiId;
    at('2025-02-01', () => {
      const c = b.committees.get(khoiId)!;
      model.rename(khoiId, b.decision('2025-02-01', b.provincial), { name: `Đảng bộ các cơ quan Đảng ${b.provinceLabel}` });
      Object.assign(c, { formerName: c.name, renamedOn: '2025-02-01', name: `Đảng ủy các cơ quan Đảng ${b.provinceLabel}` });
    });
  }
  at(RESTRUCTURE_DATE, () => restructure(b));

  actions.sort((a, z) => (a.date < z.date ? -1 : a.date > z.date ? 1 : a.seq - z.seq));
  for (const a of actions) a.run();
}

function currentCommunes(b: ProvinceBuild): CommuneInfo[] {
  return b.communes.filter((c) => {
    const v = b.model.current(c.id);
    return v && v.host_type === 'xa_phuong';
  });
}

function formNewDistrict(b: ProvinceBuild): string {
  const nd = b.newDistrict!;
  // organizations.service refuses a transfer into a parent that opened the same day,
  // so the district committee is set up a few days before the communes move in.
  const d = b.decision(DISTRICT_FORMED, b.provincial, `Thành lập Đảng bộ ${nd.label}`);
  const rootCode = b.codeCache.get(b.rootId)!;
  const code = b.nextCode(rootCode, 'H');
  const id = b.establishUnit(b.rootId, { code, name: `Đảng bộ ${nd.label}`, kind: 'dang_bo_huyen', hostType: 'khac' }, d);
  b.committees.set(id, b.committees.get(`new:${nd.name}`)!);
  b.districtIds.push(id);
  // One commune newly formed with the district.
  const place = b.namer.next();
  const cid = b.establishUnit(id, { code: b.nextCode(code, 'X'), name: `Đảng bộ xã ${place}`, kind: 'dang_bo_co_so', hostType: 'xa_phuong', hostUnitName: `Xã ${place}` }, d);
  const c: CommuneInfo = { id: cid, place: `${place}, ${nd.label}`, type: 'xa', districtId: id, group: nextGroup(b) };
  b.communes.push(c);
  populateCommune(b, c, b.perCommune, b.decision(DISTRICT_FORMED, b.committees.get(id)!));
  return id;
}

const nextGroup = (b: ProvinceBuild) => b.communes.reduce((m, c) => Math.max(m, c.group), 0) + 1000;

function newCell(b: ProvinceBuild, date: string) {
  const { rng } = b;
  const communes = currentCommunes(b).filter((c) => b.model.current(c.id)!.valid_from < date);
  if (!communes.length) return;
  const c = rng.pick(communes);
  const d = b.decision(date, b.committeeFor(c.id, date), 'Thành lập chi bộ');
  const x = c.type === 'xa' ? 'xã' : c.type === 'phuong' ? 'phường' : 'thị trấn';
  const place = `${x} ${c.place}, ${b.provinceLabel}`;
  const kind = rng.weighted([['village', 55], ['school', 25], ['coop', 20]] as const);
  if (kind === 'village') {
    const unit = c.type === 'phuong' ? `Tổ dân phố ${b.namer.next(false)}` : `${b.spec.profile === 'mountain' ? 'Bản' : 'Thôn'} ${b.namer.next(false)}`;
    const host = c.type === 'phuong' ? 'to_dan_pho' : 'thon_ban';
    b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: host, hostUnitName: unit }, d, { weight: 1, group: c.group, place: `${unit}, ${place}` });
  } else if (kind === 'school') {
    const unit = `Trường ${rng.pick(['Mầm non', 'Tiểu học', 'THCS', 'PTDTBT Tiểu học'])} ${b.namer.next(false)}`;
    b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'truong_hoc', hostUnitName: unit }, d, { weight: 1, group: c.group, place });
  } else {
    const unit = `Hợp tác xã ${rng.pick(['Nông nghiệp', 'Chè', 'Dịch vụ', 'Thảo quả'])} ${b.namer.next(false)}`;
    b.addCell(c.id, { name: `Chi bộ ${unit}`, hostType: 'doanh_nghiep_ngoai_nha_nuoc', hostUnitName: unit }, d, { weight: 0.8, group: c.group, place });
  }
}

function renameCell(b: ProvinceBuild, date: string) {
  const { rng, model } = b;
  for (let attempt = 0; attempt < 20; attempt++) {
    const cell = rng.pick([...b.cells.values()]);
    const v = model.current(cell.id);
    if (!v || v.valid_from >= date || (cell.hostType !== 'thon_ban' && cell.hostType !== 'truong_hoc')) continue;
    let unit: string;
    if (cell.hostType === 'truong_hoc') {
      if (v.name.includes('PTDTBT') || !v.host_unit_name) continue;
      unit = v.host_unit_name.replace(/^Trường /, 'Trường PTDTBT ');
    } else unit = `${v.host_unit_name?.split(' ')[0] ?? 'Bản'} ${b.namer.next(false)}`;
    model.rename(cell.id, b.decision(date, b.committeeOfCell(cell.id, date), 'Đổi tên chi bộ theo tên đơn vị'), { name: `Chi bộ ${unit}`, hostUnitName: unit });
    return;
  }
}

function mergeVillages(b: ProvinceBuild, date: string) {
  const { rng, model } = b;
  for (let attempt = 0; attempt < 10; attempt++) {
    const communes = currentCommunes(b);
    if (!communes.length) return;
    const c = rng.pick(communes);
    const villages = model
      .currentChildren(c.id)
      .map((id) => model.current(id)!)
      .filter((v) => v.host_type === 'thon_ban' && v.valid_from < date && b.cells.has(v.org_id));
    if (villages.length < 3) continue;
    const [target, source] = rng.shuffle(villages).slice(0, 2) as [typeof villages[number], typeof villages[number]];
    const d = b.decision(date, b.committeeOfCell(source.org_id, date), `Sáp nhập ${source.host_unit_name} vào ${target.host_unit_name}`);
    model.merge([source.org_id], { targetId: target.org_id }, d);
    const info = b.cells.get(source.org_id)!;
    info.to = date;
    info.mergedInto = target.org_id;
    info.mergeDecision = { decisionNo: d.decisionNo, issuer: d.issuer };
    return;
  }
}

const GROUP_SIZES = [[1, 15], [2, 30], [3, 40], [4, 15]] as const;

function restructure(b: ProvinceBuild) {
  const { rng, model } = b;
  const date = RESTRUCTURE_DATE;
  const rootCode = b.codeCache.get(b.rootId)!;
  for (const districtId of b.districtIds) {
    if (!model.current(districtId)) continue;
    const children = model.currentChildren(districtId).map((id) => model.current(id)!);
    const communes = rng.shuffle(children.filter((v) => v.kind === 'dang_bo_co_so' && v.host_type === 'xa_phuong'));
    const others = children.filter((v) => !communes.includes(v));
    while (communes.length) {
      const size = Math.min(communes.length, rng.weighted(GROUP_SIZES));
      const group = communes.splice(0, size);
      const infos = group.map((v) => b.communes.find((c) => c.id === v.org_id)!);
      const type: CommuneType = infos.every((c) => c.type === 'phuong') ? 'phuong' : 'xa';
      const x = type === 'phuong' ? 'phường' : 'xã';
      if (group.length === 1) {
        const info = infos[0]!;
        model.transfer(info.id, b.rootId, b.decision(date, b.provincial, 'Sắp xếp đơn vị hành chính cấp xã'), 'dang_uy_xa');
        b.committees.set(info.id, { name: `Đảng ủy ${model.current(info.id)!.name.replace(/^Đảng bộ /, '')}`, suffix: 'ĐU' });
        continue;
      }
      const place = rng.chance(0.6) ? infos[0]!.place.split(',')[0]! : b.namer.next();
      const spec = {
        code: b.nextCode(rootCode, 'XM'),
        name: `Đảng bộ ${x} ${place}`,
        kind: 'dang_uy_xa' as const,
        hostType: 'xa_phuong',
        hostUnitName: `${type === 'phuong' ? 'Phường' : 'Xã'} ${place}`,
      };
      const note = `Sáp nhập ${group.map((v) => v.name.replace(/^Đảng bộ /, '')).join(', ')}`;
      const id = model.merge(
        group.map((v) => v.org_id),
        { spec, parentId: b.rootId },
        b.decision(date, b.provincial, note),
      );
      b.codeCache.set(id, spec.code);
      b.committees.set(id, { name: `Đảng ủy ${x} ${place}`, suffix: 'ĐU' });
      b.communes.push({ id, place: `${place}`, type, districtId: b.rootId, group: nextGroup(b) });
    }
    for (const v of others) model.transfer(v.org_id, b.rootId, b.decision(date, b.provincial, 'Chuyển giao khi kết thúc hoạt động cấp huyện'));
    model.dissolve(districtId, b.decision(date, b.provincial, 'Kết thúc hoạt động của đảng bộ cấp huyện'));
  }
}
