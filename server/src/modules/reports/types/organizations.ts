import { formatDateVi, HOST_TYPE_LABELS, HOST_TYPES, ORG_KIND_LABELS, ORG_KINDS, reportTypeInfo, soVi } from '@dangvu/common';
import type { ReportContext, ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { fewFullMembers, orgsOn, tallyMembers } from '../populations.js';
import { countTable, dimLines, labelsOf, shareTable } from '../tables.js';

/** Grassroots organizations (tổ chức cơ sở đảng): a đảng bộ cơ sở or a chi bộ cơ sở. */
export const BASE_KINDS = ['dang_bo_co_so', 'chi_bo_co_so'] as const;

/** Organizations on a date grouped by kind and host type. */
export async function orgTally(rc: ReportContext, d: string) {
  const rows = await orgsOn(rc.db, d, await rc.prefixesOn(d))
    .select(['v.kind', 'v.host_type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['v.kind', 'v.host_type'])
    .execute();
  const byKind: Record<string, number> = {};
  const baseByHost: Record<string, number> = {};
  for (const r of rows) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + Number(r.n);
    if ((BASE_KINDS as readonly string[]).includes(r.kind)) baseByHost[r.host_type] = (baseByHost[r.host_type] ?? 0) + Number(r.n);
  }
  const base = BASE_KINDS.reduce((a, k) => a + (byKind[k] ?? 0), 0);
  return { byKind, baseByHost, base };
}

const KIND_ROWS = (byKind: Record<string, number>, d: string) =>
  ORG_KINDS.map((k) => ({ key: k, label: ORG_KIND_LABELS[k].vi, n: byKind[k] ?? 0, figure: fig('o', { d, kind: k }) }));

/** Tổ chức đảng và đảng viên theo loại hình (Hướng dẫn 11-HD/BTCTW). */
export const organizations: ReportDefinition = {
  info: reportTypeInfo('to-chuc')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const o = await orgTally(rc, d);
    const members = await tallyMembers(rc.db, d, await rc.prefixesOn(d), ['host']);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Tổ chức đảng và đảng viên theo loại hình',
      tables: [
        countTable('cap', 'I. Tổ chức đảng theo cấp, loại', KIND_ROWS(o.byKind, d), 'Số tổ chức'),
        countTable(
          'co_so',
          'II. Tổ chức cơ sở đảng theo loại hình đơn vị',
          [
            { key: 'tong', label: 'Tổng số tổ chức cơ sở đảng', n: o.base, figure: fig('o', { d, kind: BASE_KINDS.join(',') }) },
            ...HOST_TYPES.map((h) => ({ key: h, label: HOST_TYPE_LABELS[h].vi, n: o.baseByHost[h] ?? 0, figure: fig('o', { d, kind: BASE_KINDS.join(','), host: h }), level: 1 })),
          ],
          'Số tổ chức',
        ),
        shareTable('dang_vien', 'III. Đảng viên theo loại hình đơn vị của chi bộ', members.total, [
          { key: 'tong', label: 'Tổng số đảng viên', n: members.total, figure: fig('m', { d }) },
          ...dimLines(members, 'host', labelsOf(HOST_TYPES, HOST_TYPE_LABELS), (v) => fig('m', { d, host: v }), { level: 1 }),
        ]),
      ],
      narrative: [`Tại ngày ${formatDateVi(d)}, ${rc.orgName} có ${soVi(o.base)} tổ chức cơ sở đảng (${soVi(o.byKind.dang_bo_co_so ?? 0)} đảng bộ cơ sở, ${soVi(o.byKind.chi_bo_co_so ?? 0)} chi bộ cơ sở) và ${soVi(o.byKind.chi_bo_truc_thuoc ?? 0)} chi bộ trực thuộc, với ${soVi(members.total)} đảng viên.`],
      notes: ['Tổ chức tính theo phiên bản có hiệu lực vào ngày báo cáo, kể cả tổ chức được chọn; đảng viên theo loại hình đơn vị của chi bộ nơi sinh hoạt.'],
    };
  },
};

/** Cơ cấu tổ chức cơ sở đảng (ORG): grassroots organizations by kind and sector, and the cells under them. */
export const structure: ReportDefinition = {
  info: reportTypeInfo('co-cau')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const o = await orgTally(rc, d);
    const small = await orgsOn(rc.db, d, await rc.prefixesOn(d))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('v.kind', 'in', ['chi_bo_co_so', 'chi_bo_truc_thuoc'])
      .where(fewFullMembers(d))
      .executeTakeFirstOrThrow();
    const lines = [
      { key: 'tccsd', label: 'Tổ chức cơ sở đảng', n: o.base, figure: fig('o', { d, kind: BASE_KINDS.join(',') }) },
      { key: 'dang_bo_co_so', label: 'Đảng bộ cơ sở', n: o.byKind.dang_bo_co_so ?? 0, figure: fig('o', { d, kind: 'dang_bo_co_so' }), level: 1 },
      { key: 'chi_bo_co_so', label: 'Chi bộ cơ sở', n: o.byKind.chi_bo_co_so ?? 0, figure: fig('o', { d, kind: 'chi_bo_co_so' }), level: 1 },
      { key: 'dang_bo_bo_phan', label: 'Đảng bộ bộ phận', n: o.byKind.dang_bo_bo_phan ?? 0, figure: fig('o', { d, kind: 'dang_bo_bo_phan' }) },
      { key: 'chi_bo_truc_thuoc', label: 'Chi bộ trực thuộc', n: o.byKind.chi_bo_truc_thuoc ?? 0, figure: fig('o', { d, kind: 'chi_bo_truc_thuoc' }) },
      { key: 'chua_du', label: 'Chi bộ có dưới 3 đảng viên chính thức', n: Number(small.n), figure: fig('o', { d, kind: 'chi_bo_co_so,chi_bo_truc_thuoc', small: '1' }) },
    ];
    return {
      form: 'Cơ cấu tổ chức đảng (seed-extraction §4 ORG)',
      tables: [
        countTable('co_cau', 'I. Tổ chức cơ sở đảng và chi bộ', lines, 'Số tổ chức'),
        shareTable(
          'linh_vuc',
          'II. Tổ chức cơ sở đảng theo loại hình đơn vị',
          o.base,
          HOST_TYPES.map((h) => ({ key: h, label: HOST_TYPE_LABELS[h].vi, n: o.baseByHost[h] ?? 0, figure: fig('o', { d, kind: BASE_KINDS.join(','), host: h }) })).filter((l) => l.n > 0),
        ),
      ],
      narrative: [`${rc.orgName} hiện có ${soVi(o.base)} tổ chức cơ sở đảng (tại ngày ${formatDateVi(d)}), gồm ${soVi(o.byKind.dang_bo_co_so ?? 0)} đảng bộ và ${soVi(o.byKind.chi_bo_co_so ?? 0)} chi bộ cơ sở.`],
      notes: ['Chi bộ chưa đủ đảng viên: dưới 3 đảng viên chính thức sinh hoạt tại chi bộ vào ngày báo cáo.'],
    };
  },
};
