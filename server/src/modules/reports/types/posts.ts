import { CONCURRENCY_COMBO_LABELS, CONCURRENCY_COMBOS, COVERAGE_GROUP_KINDS, formatDateVi, phanTramVi, ratio, ratioCell, countCell, reportTypeInfo, soVi, type Row } from '@dangvu/common';
import { unitsOn } from '../../cadres/hostUnits.queries.js';
import { postsService } from '../../cadres/posts.service.js';
import type { ReportContext, ReportDefinition } from '../context.js';
import { fig } from '../figures.js';

/** The people behind each concurrency figure, from the cadres module's own queries. */
export async function postSets(rc: ReportContext, d: string) {
  const svc = postsService(rc.db);
  const heads = await svc.villageHeads(rc.ctx, rc.orgId, d);
  const conc = await svc.concurrency(rc.ctx, rc.orgId, d);
  const sets: Record<string, { personId: string; fullName: string; detail: string; isMember: boolean }[]> = {
    heads: heads.items.map((i) => ({ personId: i.personId, fullName: i.fullName, detail: `${i.hostUnitName ?? ''} — ${i.orgName}`, isMember: i.isMember })),
  };
  sets.heads_member = sets.heads!.filter((h) => h.isMember);
  for (const c of CONCURRENCY_COMBOS)
    sets[c] = conc.people.filter((p) => p.combos.includes(c)).map((p) => ({ personId: p.personId, fullName: p.fullName, detail: p.posts.map((x) => `${x.title} — ${x.orgName}`).join('; '), isMember: p.isMember }));
  return sets;
}

/** Kiêm nhiệm (KIE): "648/956 trưởng bản, tổ dân phố là đảng viên", "bí thư chi bộ kiêm trưởng bản", on a date. */
export const concurrency: ReportDefinition = {
  info: reportTypeInfo('kiem-nhiem')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const sets = await postSets(rc, d);
    const units = (await unitsOn(rc.db, d, await rc.prefixesOn(d), COVERAGE_GROUP_KINDS.villages)).length;
    const p = (set: string) => fig('p', { d, set });
    const rows: Row[] = [
      { key: 'don_vi', label: 'Thôn, bản, tổ dân phố, khu dân cư (mẫu số)', cells: { n: countCell(units, fig('u', { d, grp: 'villages', st: 'all' })), pct: { value: null } } },
      { key: 'truong_thon', label: 'Trưởng thôn, bản, tổ trưởng tổ dân phố đương nhiệm', cells: { n: countCell(sets.heads!.length, p('heads')), pct: ratioCell(sets.heads!.length, units, p('heads')) } },
      { key: 'la_dang_vien', label: 'Trưởng thôn, bản, tổ dân phố là đảng viên', cells: { n: countCell(sets.heads_member!.length, p('heads_member')), pct: ratioCell(sets.heads_member!.length, units, p('heads_member')) } },
      ...CONCURRENCY_COMBOS.map((c) => ({ key: c, label: CONCURRENCY_COMBO_LABELS[c].vi, cells: { n: countCell(sets[c]!.length, p(c)), pct: ratioCell(sets[c]!.length, units, p(c)) } })),
    ];
    const heads = sets.heads_member!.length;
    return {
      form: 'Kiêm nhiệm chức vụ (seed-extraction §4 KIE)',
      tables: [
        {
          id: 'kiem_nhiem',
          title: 'Trưởng thôn là đảng viên và kiêm nhiệm',
          columns: [
            { key: 'n', label: 'Số người', kind: 'count' },
            { key: 'pct', label: 'Tỷ lệ so với số thôn, bản, tổ dân phố (%)', kind: 'percent' },
          ],
          rows,
        },
      ],
      narrative: [
        `Tại ngày ${formatDateVi(d)}, ${rc.orgName} có ${soVi(heads)}/${soVi(units)} trưởng thôn, bản, tổ dân phố là đảng viên, đạt ${phanTramVi(ratio(heads, units).percent, 2)}; ${soVi(sets.bi_thu_chi_bo_kiem_truong_thon!.length)}/${soVi(units)} bí thư chi bộ kiêm trưởng thôn, bản, tổ dân phố.`,
      ],
      notes: ['Mẫu số là số thôn, bản, tổ dân phố, khu dân cư theo sổ đơn vị vào ngày báo cáo; chức vụ tính theo thời hạn giữ chức có hiệu lực vào ngày đó.'],
    };
  },
};
