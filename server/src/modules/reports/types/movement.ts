import { countCell, dayBefore, formatDateVi, reportTypeInfo, soVi, type Row } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { ADD_FLOWS, countMembersOn, LOSS_FLOWS, tallyEvents, type Flow } from '../populations.js';

export const FLOW_LABELS: Record<Flow, string> = {
  ket_nap: 'Kết nạp mới',
  phuc_hoi: 'Phục hồi đảng tịch, kết nạp lại',
  chuyen_den: 'Chuyển sinh hoạt chính thức đến (từ ngoài hệ thống)',
  noi_bo_den: 'Chuyển đến từ đơn vị khác trong hệ thống',
  tu_tran: 'Từ trần',
  xoa_ten: 'Xóa tên',
  khai_tru: 'Khai trừ',
  chuyen_di: 'Chuyển sinh hoạt chính thức đi (ra ngoài hệ thống)',
  khong_cong_nhan: 'Không công nhận đảng viên chính thức',
  noi_bo_di: 'Chuyển đi đơn vị khác trong hệ thống',
};

export async function memberCount(rc: Parameters<ReportDefinition['build']>[0], d: string): Promise<number> {
  return countMembersOn(rc.db, d, await rc.prefixesOn(d));
}

/** Đảng viên tăng, giảm trong kỳ và lý do (Hướng dẫn 11-HD/BTCTW), reconciled with the totals at both ends. */
export const movement: ReportDefinition = {
  info: reportTypeInfo('bien-dong')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const base = dayBefore(from);
    const prefixes = await rc.windowPrefixes(from, to);
    const t = await tallyEvents(rc.db, [...ADD_FLOWS, ...LOSS_FLOWS], from, to, prefixes, []);
    const n = (f: Flow) => t.byFlow[f]?.total ?? 0;
    const added = ADD_FLOWS.reduce((a, f) => a + n(f), 0);
    const lost = LOSS_FLOWS.reduce((a, f) => a + n(f), 0);
    const start = await memberCount(rc, base);
    const end = await memberCount(rc, to);
    const e = (flows: readonly Flow[]) => fig('e', { f: from, t: to, flow: flows.join(',') });
    const row = (key: string, label: string, value: number, figure?: string, level?: number): Row => ({ key, label, ...(level ? { level } : {}), cells: { n: countCell(value, figure) } });
    const adjust = end - start - added + lost;
    const rows: Row[] = [
      row('dau_ky', `Số đảng viên đầu kỳ (hết ngày ${formatDateVi(base)})`, start, fig('m', { d: base })),
      row('tang', 'Đảng viên tăng trong kỳ', added, e(ADD_FLOWS)),
      ...ADD_FLOWS.map((f) => row(f, FLOW_LABELS[f], n(f), e([f]), 1)),
      row('giam', 'Đảng viên giảm trong kỳ', lost, e(LOSS_FLOWS)),
      ...LOSS_FLOWS.map((f) => row(f, FLOW_LABELS[f], n(f), e([f]), 1)),
      row('sap_xep', 'Thay đổi do sắp xếp tổ chức (chuyển cả chi bộ vào, ra phạm vi)', adjust),
      row('cuoi_ky', `Số đảng viên cuối kỳ (hết ngày ${formatDateVi(to)})`, end, fig('m', { d: to })),
    ];
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Đảng viên tăng, giảm trong kỳ',
      tables: [{ id: 'bien_dong', title: 'Đảng viên tăng, giảm và lý do', columns: [{ key: 'n', label: 'Số đảng viên', kind: 'count' }], rows }],
      narrative: [
        `Từ ngày ${formatDateVi(from)} đến hết ngày ${formatDateVi(to)}, ${rc.orgName} tăng ${soVi(added)} đảng viên (kết nạp mới ${soVi(n('ket_nap'))}) và giảm ${soVi(lost)} đảng viên (từ trần ${soVi(n('tu_tran'))}, xóa tên ${soVi(n('xoa_ten'))}, khai trừ ${soVi(n('khai_tru'))}); tổng số đảng viên từ ${soVi(start)} lên ${soVi(end)}.`,
      ],
      notes: [
        'Tăng, giảm tính theo sổ biến động đảng viên: mỗi quyết định một lần, theo nơi đảng viên sinh hoạt vào ngày hiệu lực.',
        'Chuyển sinh hoạt giữa hai đơn vị cùng trong phạm vi không tính tăng, giảm; thay đổi do chuyển cả tổ chức đảng (sắp xếp) ghi riêng để cuối kỳ = đầu kỳ + tăng − giảm + thay đổi do sắp xếp.',
      ],
    };
  },
};
