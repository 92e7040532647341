import { countCell, dayBefore, formatDateVi, ORG_EVENT_KINDS, ORG_EVENT_LABELS, reportTypeInfo, soVi, type Row } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { orgEventsIn } from '../populations.js';
import { BASE_KINDS, orgTally } from './organizations.js';

/** Sắp xếp tổ chức đảng trong kỳ (RST): decisions by kind, what merges removed, and the net change in grassroots organizations. */
export const restructuring: ReportDefinition = {
  info: reportTypeInfo('sap-xep')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const prefixes = await rc.windowPrefixes(from, to);
    const byKind = await orgEventsIn(rc.db, from, to, prefixes)
      .select(['ev.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('ev.kind')
      .execute();
    const count = (k: string) => Number(byKind.find((r) => r.kind === k)?.n ?? 0);
    // A merge of N organizations into one (new or existing) removes N − 1 (or N into an existing one).
    const links = await rc.db
      .selectFrom('org_event_link as l')
      .select(['l.role', (eb) => eb.fn.countAll<number>().as('n')])
      .where('l.event_id', 'in', orgEventsIn(rc.db, from, to, prefixes).select('ev.id').where('ev.kind', '=', 'sap_nhap'))
      .groupBy('l.role')
      .execute();
    const linkCount = (role: string) => Number(links.find((l) => l.role === role)?.n ?? 0);
    const mergedAway = linkCount('merged_into') - linkCount('established');
    const base = dayBefore(from);
    const start = await orgTally(rc, base);
    const end = await orgTally(rc, to);
    const o = (d: string, kinds: readonly string[]) => fig('o', { d, kind: kinds.join(',') });
    const row = (key: string, label: string, n: number, figure?: string, level?: number): Row => ({ key, label, ...(level ? { level } : {}), cells: { n: countCell(n, figure) } });
    const rows: Row[] = [
      ...ORG_EVENT_KINDS.map((k) => row(k, `Quyết định ${ORG_EVENT_LABELS[k].vi.toLowerCase()}`, count(k), fig('oe', { f: from, t: to, kind: k }))),
      row('giam_sap_nhap', 'Số tổ chức giảm do sáp nhập', mergedAway, fig('oe', { f: from, t: to, kind: 'sap_nhap' })),
      row('tccsd_dau', `Tổ chức cơ sở đảng đầu kỳ (hết ngày ${formatDateVi(base)})`, start.base, o(base, BASE_KINDS)),
      row('tccsd_cuoi', `Tổ chức cơ sở đảng cuối kỳ (hết ngày ${formatDateVi(to)})`, end.base, o(to, BASE_KINDS)),
      row('tccsd_chenh', 'Tăng (+), giảm (−) thực tế tổ chức cơ sở đảng', end.base - start.base),
      row('cb_dau', 'Chi bộ trực thuộc đầu kỳ', start.byKind.chi_bo_truc_thuoc ?? 0, o(base, ['chi_bo_truc_thuoc'])),
      row('cb_cuoi', 'Chi bộ trực thuộc cuối kỳ', end.byKind.chi_bo_truc_thuoc ?? 0, o(to, ['chi_bo_truc_thuoc'])),
      row('cb_chenh', 'Tăng (+), giảm (−) thực tế chi bộ trực thuộc', (end.byKind.chi_bo_truc_thuoc ?? 0) - (start.byKind.chi_bo_truc_thuoc ?? 0)),
    ];
    const net = end.base - start.base;
    return {
      form: 'Sắp xếp tổ chức đảng (seed-extraction §4 RST)',
      tables: [{ id: 'sap_xep', title: 'Sắp xếp, kiện toàn tổ chức đảng trong kỳ', columns: [{ key: 'n', label: 'Số lượng', kind: 'count' }], rows }],
      narrative: [
        `Từ ngày ${formatDateVi(from)} đến hết ngày ${formatDateVi(to)}, ${rc.orgName} thành lập ${soVi(count('thanh_lap'))} tổ chức đảng, sáp nhập giảm ${soVi(mergedAway)} tổ chức; số tổ chức cơ sở đảng ${net < 0 ? `giảm ${soVi(-net)}` : `tăng ${soVi(net)}`} (từ ${soVi(start.base)} còn ${soVi(end.base)}).`,
      ],
      notes: ['Mỗi quyết định tính một lần theo ngày hiệu lực, nếu liên quan một tổ chức thuộc phạm vi vào ngày đó.', 'Tăng, giảm thực tế = số cuối kỳ − số đầu kỳ, tính theo cây tổ chức tại hai ngày.'],
    };
  },
};
