import { docDuplicateKey, foldVietnamese, parseDocSymbol, STUDY_COVERAGE_KINDS, TARGET_METRIC_LABELS, type TargetMetric } from '@dangvu/common';
import { inSubtrees } from '../../../db/sql.js';
import type { DocumentTable, DocumentTargetTable, StudyAttendanceTable, StudySessionDocumentTable, StudySessionTable } from '../../documents/documents.tables.js';
import { addDays, dateBetween } from '../days.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';
import { idsOfPath } from '../../../platform/scope.js';

interface OrgV {
  org_id: string;
  name: string;
  kind: string;
  path: string;
  valid_from: string;
  valid_to: string | null;
}

/** Provincial documents a year by type (a few dozen); numbering restarts each committee term. */
const PROVINCE_MIX: [type: string, perYear: number, summary: string][] = [
  ['NQ', 4, 'Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về'],
  ['KL', 4, 'Kết luận của Ban Thường vụ Tỉnh ủy về'],
  ['KH', 10, 'Kế hoạch thực hiện'],
  ['CT', 2, 'Chỉ thị của Ban Thường vụ Tỉnh ủy về'],
  ['QĐ', 5, 'Quy định, quy chế về'],
  ['CTr', 2, 'Chương trình hành động thực hiện'],
  ['HD', 3, 'Hướng dẫn'],
];
const TOPICS: [string, string][] = [
  ['phát triển đảng viên ở thôn, bản, tổ dân phố', 'phát triển đảng'],
  ['nâng cao chất lượng sinh hoạt chi bộ', 'sinh hoạt chi bộ'],
  ['công tác kiểm tra, giám sát và thi hành kỷ luật đảng', 'kiểm tra, giám sát'],
  ['đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên', 'đánh giá, xếp loại'],
  ['công tác cán bộ và quy hoạch cán bộ', 'cán bộ'],
  ['xây dựng, chỉnh đốn Đảng và hệ thống chính trị', 'xây dựng Đảng'],
  ['học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'học tập Bác'],
  ['giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số', 'giảm nghèo'],
  ['phát triển kinh tế nông nghiệp, nông thôn', 'kinh tế'],
  ['công tác dân vận trong tình hình mới', 'dân vận'],
];
/** Subjects of central plenum resolutions, the "main resolutions" every organization studies. */
const CENTRAL_SUBJECTS = [
  'tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị',
  'tiếp tục đổi mới, nâng cao chất lượng hệ thống tổ chức cơ sở đảng và đảng viên',
  'tập trung xây dựng đội ngũ cán bộ các cấp',
  'tiếp tục đổi mới hệ thống tổ chức bộ máy của hệ thống chính trị',
  'chiến lược bảo vệ Tổ quốc trong tình hình mới',
  'đẩy mạnh công tác dân vận của Đảng',
];
/** Central committee terms (khóa) by the congress early in 2016, 2021, 2026. */
const centralTerm = (d: string) => {
  const y = Number(d.slice(0, 4));
  const start = 2016 + 5 * Math.floor((y - 2016) / 5) - (d.slice(5) < '02-01' && (y - 2016) % 5 === 0 ? 5 : 0);
  return `${start}-${start + 5}`;
};
const BASE_KINDS = new Set<string>(STUDY_COVERAGE_KINDS);
const UPPER_KINDS = new Set(['dang_bo_huyen', 'dang_uy_xa', 'dang_uy_khoi']);
const ISSUER_CODE: Record<string, string> = { dang_bo_huyen: 'HU', dang_uy_xa: 'ĐU', dang_uy_khoi: 'ĐUK', dang_bo_co_so: 'ĐU', chi_bo_co_so: 'CB' };

/** Provincial committee terms, congress in October: 2015-2020, 2020-2025, 2025-2030. */
const termOf = (d: string) => {
  const y = Number(d.slice(0, 4));
  const start = y - (y % 5) - (y % 5 === 0 && d.slice(5) < '10-15' ? 5 : 0);
  return `${start}-${start + 5}`;
};

/**
 * Ten years of documents and study sessions: a few dozen provincial documents a year, central
 * resolutions registered by the province, a few per upper-base committee, and a study session
 * of each year's main resolutions in every grassroots organization that existed on the day,
 * attendance counted (members 85–98 %, non-members 30–60 % of the members), and the latest
 * sessions with named members so person-level lists have data.
 */
export const seedDocuments: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const versions: OrgV[] = await k
    .selectFrom('organization_version')
    .select(['org_id', 'name', 'kind', 'path', 'valid_from', 'valid_to'])
    .where(inSubtrees('path', [root.path]))
    .orderBy('org_id')
    .orderBy('valid_from')
    .execute();
  const validOn = (v: OrgV, d: string) => v.valid_from <= d && (v.valid_to === null || v.valid_to > d);
  const members = await k
    .selectFrom('person')
    .select(['id', 'path', 'admitted_on'])
    .where(inSubtrees('path', [root.path]))
    .where('standing', '=', 'dang_sinh_hoat')
    .orderBy('id')
    .execute();
  const firstYear = Number(today.slice(0, 4)) - 9;
  const at = (d: string) => `${d}T08:00:00.000Z`;
  const docs: DocumentTable[] = [];
  const targets: DocumentTargetTable[] = [];
  const counters = new Map<string, number>();

  function addDoc(o: { orgId: string; path: string; symbolOf: (n: number) => string; counterKey: string; term: string | null; date: string; summary: string; tags: string[]; external: string | null }) {
    const n = (counters.get(o.counterKey) ?? 0) + 1;
    counters.set(o.counterKey, n);
    const parsed = parseDocSymbol(o.symbolOf(n));
    if (!parsed.ok) return null;
    const sym = parsed.symbol;
    const id = ids.next();
    const issuerKey = o.external ? `ext:${foldVietnamese(o.external)}` : o.orgId;
    docs.push({
      id,
      org_id: o.orgId,
      path: o.path,
      external_issuer: o.external,
      system: sym.system,
      symbol: sym.canonical,
      number: sym.number,
      type_code: sym.type,
      issuer_code: sym.issuer,
      term: sym.system === 'dang' ? o.term : null,
      doc_date: o.date,
      title: o.summary,
      folded_title: foldVietnamese(o.summary),
      tags: JSON.stringify(o.tags),
      dup_key: docDuplicateKey(sym, issuerKey, sym.system === 'dang' ? o.term : null, o.date),
      version: 1,
      created_by: null,
      created_at: at(o.date),
      updated_at: at(o.date),
    });
    return id;
  }
  const target = (documentId: string, metric: TargetMetric, value: number, unit: DocumentTargetTable['unit'], from: number, to: number, date: string) =>
    targets.push({ id: ids.next(), document_id: documentId, metric, label: TARGET_METRIC_LABELS[metric].vi, comparator: '>=', value, unit, period_from: from, period_to: to, note: null, created_at: at(date) });

  const memberCount = members.length;
  /** Each year's documents to study: central plenum resolutions plus the province's admission resolution. */
  const mainByYear = new Map<number, string[]>();
  for (let year = firstYear; year <= Number(today.slice(0, 4)); year++) {
    const end = `${year}-12-31` < today ? `${year}-12-31` : today;
    const main: string[] = [];
    for (const [type, perYear, lead] of PROVINCE_MIX) {
      for (let i = 0; i < perYear; i++) {
        const date = dateBetween(rng, `${year}-01-05`, end);
        const term = termOf(date);
        const [topic, tag] = rng.pick(TOPICS);
        const id = addDoc({
          orgId: rootId,
          path: root.path,
          symbolOf: (n) => `${n}-${type}/TU`,
          counterKey: `TU|${type}|${term}`,
          term,
          date,
          summary: `${lead} ${topic}`,
          tags: [tag],
          external: null,
        });
        if (id && type === 'NQ' && tag === 'phát triển đảng') {
          const t = term.split('-').map(Number);
          target(id, 'ket_nap_dang_vien', Math.max(10, Math.round(memberCount * 0.035 / 10) * 10), 'so_luong_nam', t[0]!, t[1]!, date);
          target(id, 'thon_ban_co_chi_bo', 100, 'ty_le', t[0]!, t[1]!, date);
          if (rng.chance(0.5)) main.push(id);
        }
      }
    }
    // Central resolutions, two a year, registered by the province as external documents.
    for (let j = 0; j < 2; j++) {
      const last = addDays(end, -60) > `${year}-01-10` ? addDays(end, -60) : end;
      const date = dateBetween(rng, `${year}-01-10`, last);
      const term = centralTerm(date);
      const id = addDoc({
        orgId: rootId,
        path: root.path,
        symbolOf: (n) => `${n + 19}-NQ/TW`,
        counterKey: `TW|${term}`,
        term,
        date,
        summary: `Nghị quyết Hội nghị Trung ương về ${CENTRAL_SUBJECTS[((year - firstYear) * 2 + j) % CENTRAL_SUBJECTS.length]}`,
        tags: ['xây dựng Đảng', 'nghị quyết Trung ương'],
        external: 'Ban Chấp hành Trung ương',
      });
      if (id) main.push(id);
    }
    // State documents of the provincial People's Committee (numbered per year).
    for (let j = 0; j < 3; j++) {
      const date = dateBetween(rng, `${year}-01-05`, end);
      const type = rng.pick(['CT', 'KH', 'TB']);
      addDoc({
        orgId: rootId,
        path: root.path,
        symbolOf: (n) => `${n * 7 + rng.int(0, 6)}/${type}-UBND`,
        counterKey: `UBND|${year}`,
        term: null,
        date,
        summary: `${type === 'CT' ? 'Chỉ thị' : type === 'KH' ? 'Kế hoạch' : 'Thông báo'} của UBND tỉnh về ${rng.pick(TOPICS)[0]}`,
        tags: [],
        external: 'UBND tỉnh',
      });
    }
    // Upper-base and grassroots committees: a few documents a year each.
    for (const v of versions) {
      if (!UPPER_KINDS.has(v.kind) && v.kind !== 'dang_bo_co_so') continue;
      const mid = `${year}-06-30` < today ? `${year}-06-30` : today;
      if (!validOn(v, mid)) continue;
      const n = UPPER_KINDS.has(v.kind) ? rng.int(2, 4) : rng.int(0, 2);
      for (let i = 0; i < n; i++) {
        const date = dateBetween(rng, `${year}-01-05`, end);
        if (!validOn(v, date)) continue;
        const type = rng.pick(['NQ', 'KH', 'KH', 'BC']);
        const term = termOf(date);
        const [topic, tag] = rng.pick(TOPICS);
        addDoc({
          orgId: v.org_id,
          path: v.path,
          symbolOf: (n) => `${n}-${type}/${ISSUER_CODE[v.kind] ?? 'ĐU'}`,
          counterKey: `${v.org_id}|${type}|${term}`,
          term,
          date,
          summary: `${type === 'NQ' ? 'Nghị quyết' : type === 'KH' ? 'Kế hoạch' : 'Báo cáo'} về ${topic}`,
          tags: [tag],
          external: null,
        });
      }
    }
    mainByYear.set(year, main);
  }

  // Study sessions: each grassroots organization studies the year's main documents once, a few weeks after they are issued.
  const docDate = new Map(docs.map((d) => [d.id, d.doc_date]));
  const sessions: StudySessionTable[] = [];
  const links: StudySessionDocumentTable[] = [];
  const named: StudyAttendanceTable[] = [];
  const bases = versions.filter((v) => BASE_KINDS.has(v.kind));
  const membersUnder = new Map<string, { id: string; admitted_on: string | null }[]>();
  for (const b of bases) if (b.valid_to === null) membersUnder.set(b.org_id, []);
  const currentBaseByPath = new Map(bases.filter((b) => b.valid_to === null).map((b) => [b.path, b.org_id]));
  for (const m of members) {
    const parts = idsOfPath(m.path);
    for (let i = parts.length; i > 0; i--) {
      const b = currentBaseByPath.get(`/${parts.slice(0, i).join('/')}/`);
      if (b) {
        membersUnder.get(b)!.push(m);
        break;
      }
    }
  }
  const average = Math.max(8, Math.round(memberCount / Math.max(1, currentBaseByPath.size)));
  const lastYear = Number(today.slice(0, 4));
  for (const [year, main] of mainByYear) {
    if (!main.length) continue;
    const latest = main.map((d) => docDate.get(d)!).sort().at(-1)!;
    const held = new Set<string>();
    for (const b of bases) {
      if (held.has(b.org_id)) continue;
      const from = addDays(latest, 14);
      const to = addDays(latest, 75) < today ? addDays(latest, 75) : today;
      if (from > to) continue;
      const date = dateBetween(rng, from, to);
      if (!validOn(b, date) || rng.chance(0.02)) continue;
      held.add(b.org_id);
      const inBase = membersUnder.get(b.org_id);
      const size = inBase?.length || average;
      const memberTimes = Math.round(size * (0.85 + rng.next() * 0.13));
      const id = ids.next();
      // This year's sessions of organizations still in place name their members; older ones are counted.
      const nameThem = year === lastYear && inBase && inBase.length > 0;
      const attendees = nameThem ? inBase.filter((m) => m.admitted_on && m.admitted_on <= date && rng.chance(0.92)) : [];
      sessions.push({
        id,
        org_id: b.org_id,
        path: b.path,
        held_on: date,
        form: 'hoc_tap',
        title: year === lastYear ? 'Học tập, quán triệt nghị quyết Trung ương và của Tỉnh ủy' : null,
        member_count: nameThem ? 0 : memberTimes,
        non_member_count: Math.round(size * (0.3 + rng.next() * 0.3)),
        version: 1,
        created_by: null,
        created_at: at(date),
        updated_at: at(date),
      });
      for (const d of main) links.push({ session_id: id, document_id: d });
      for (const m of attendees) named.push({ session_id: id, person_id: m.id, is_member: 1 });
    }
  }

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'document', docs);
    await insertRows(trx, 'document_target', targets);
    await insertRows(trx, 'study_session', sessions);
    await insertRows(trx, 'study_session_document', links);
    await insertRows(trx, 'study_attendance', named);
  });
};
