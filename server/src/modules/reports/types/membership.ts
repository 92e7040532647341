import { countCell, formatDateVi, lanVi, reportTypeInfo, soVi, type Cell, type Row } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { ADD_FLOWS, LOSS_FLOWS, tallyEvents, type Flow } from '../populations.js';
import { memberCount } from './movement.js';

const nextDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Tổng số đảng viên và mức tăng so với một mốc trước (MEM): "tăng 1,81 lần so với năm 2010", read as a ratio. */
export const membership: ReportDefinition = {
  info: reportTypeInfo('tong-so')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf' || !rc.period.baseline) throw new Error('as-of report with a baseline');
    const { asOf, baseline } = rc.period;
    const now = await memberCount(rc, asOf);
    const then = await memberCount(rc, baseline);
    const from = nextDay(baseline);
    const t = await tallyEvents(rc.db, [...ADD_FLOWS, ...LOSS_FLOWS], from, asOf, await rc.windowPrefixes(from, asOf), []);
    const sum = (fs: readonly Flow[]) => fs.reduce((a, f) => a + (t.byFlow[f]?.total ?? 0), 0);
    const e = (flows: readonly Flow[]) => fig('e', { f: from, t: asOf, flow: flows.join(',') });
    const times: Cell = { value: then > 0 ? now / then : null, times: { num: now, den: then } };
    const row = (key: string, label: string, cell: Cell, level?: number): Row => ({ key, label, ...(level ? { level } : {}), cells: { n: cell } });
    return {
      form: 'Tổng số đảng viên và mức tăng (seed-extraction §4 MEM)',
      tables: [
        {
          id: 'tong_so',
          title: 'Tổng số đảng viên tại hai thời điểm',
          columns: [{ key: 'n', label: 'Số liệu' }],
          rows: [
            row('hien_tai', `Tổng số đảng viên tại ngày ${formatDateVi(asOf)}`, countCell(now, fig('m', { d: asOf }))),
            row('moc', `Tổng số đảng viên tại ngày ${formatDateVi(baseline)}`, countCell(then, fig('m', { d: baseline }))),
            row('gap', 'Gấp (lần) so với mốc', times),
            row('chenh', 'Chênh lệch (người)', { value: now - then }),
            row('tang', `Đảng viên tăng từ ${formatDateVi(from)} đến ${formatDateVi(asOf)}`, countCell(sum(ADD_FLOWS), e(ADD_FLOWS)), 1),
            row('ket_nap', 'trong đó kết nạp mới', countCell(t.byFlow.ket_nap?.total ?? 0, e(['ket_nap'])), 1),
            row('giam', `Đảng viên giảm từ ${formatDateVi(from)} đến ${formatDateVi(asOf)}`, countCell(sum(LOSS_FLOWS), e(LOSS_FLOWS)), 1),
          ],
        },
      ],
      narrative: [
        `Tại ngày ${formatDateVi(asOf)}, tổng số đảng viên của ${rc.orgName} là ${soVi(now)}, ${then > 0 ? `gấp ${lanVi(now, then)}` : 'không so được'} so với ngày ${formatDateVi(baseline)} (${soVi(then)} đảng viên).`,
      ],
      notes: ['"Tăng … lần" được hiểu là tỷ số (số hiện tại / số tại mốc), không phải mức tăng phần trăm.', 'Phạm vi tại mốc tính theo tổ chức và các tổ chức đã sáp nhập vào nó.'],
    };
  },
};
