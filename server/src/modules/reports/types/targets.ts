import { countCell, dayBefore, formatDateVi, phanTramVi, ratioCell, reportTypeInfo, soVi, targetAchievement, type Row, type TargetKind } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { tallyEvents } from '../populations.js';
import { memberCount } from './movement.js';

/**
 * Kết nạp đảng viên so với chỉ tiêu (ADM): every target of the organization that overlaps the
 * window, counted over the overlap; a per-year target counts once per year of it
 * ("hàng năm kết nạp hơn 1.000" over 2011–2020 is 10.000).
 */
export const targets: ReportDefinition = {
  info: reportTypeInfo('chi-tieu-ket-nap')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const admittedIn = async (f: string, t: string) => (await tallyEvents(rc.db, ['ket_nap'], f, t, await rc.windowPrefixes(f, t), [])).total;
    const total = await admittedIn(from, to);
    const fy = Number(from.slice(0, 4));
    const ty = Number(to.slice(0, 4));
    const list = rc.orgId
      ? await rc.db
          .selectFrom('admission_target')
          .selectAll()
          .where('org_id', '=', rc.orgId)
          .where('from_year', '<=', ty)
          .where('to_year', '>=', fy)
          .orderBy('from_year')
          .orderBy('to_year')
          .orderBy('id')
          .execute()
      : [];
    const rows: Row[] = [
      { key: 'tong', label: `Tổng số kết nạp từ ${formatDateVi(from)} đến ${formatDateVi(to)}`, cells: { admitted: countCell(total, fig('e', { f: from, t: to, flow: 'ket_nap' })) } },
    ];
    const narrative: string[] = [];
    for (const t of list) {
      const y1 = Math.max(t.from_year, fy);
      const y2 = Math.min(t.to_year, ty);
      const f = from > `${y1}-01-01` ? from : `${y1}-01-01`;
      const e = to < `${y2}-12-31` ? to : `${y2}-12-31`;
      const admitted = f === from && e === to ? total : await admittedIn(f, e);
      const base = t.kind === 'rate' ? await memberCount(rc, dayBefore(f)) : null;
      const perYear = t.per_year === 1;
      // A whole-term target seen through part of its term is compared as is, and says so.
      const a = targetAchievement({ kind: t.kind as TargetKind, value: t.value, fromYear: perYear ? y1 : t.from_year, toYear: perYear ? y2 : t.to_year, perYear, bound: t.bound === 'hon' ? 'hon' : 'tu' }, admitted, base);
      const label = `Chỉ tiêu ${t.from_year === t.to_year ? t.from_year : `${t.from_year}–${t.to_year}`}${t.decision_no ? ` (${t.decision_no})` : ''}`;
      rows.push({
        key: `target.${t.from_year}-${t.to_year}`,
        label,
        cells: {
          goal: { value: a.goal, text: a.explanation },
          admitted: countCell(admitted, fig('e', { f, t: e, flow: 'ket_nap' })),
          pct: a.goal !== null ? ratioCell(admitted, a.goal, fig('e', { f, t: e, flow: 'ket_nap' })) : { value: null },
        },
      });
      if (a.goal !== null)
        narrative.push(
          `Tính từ ngày ${formatDateVi(f)} đến ${formatDateVi(e)}, ${rc.orgName} kết nạp ${soVi(admitted)} đảng viên mới, đạt ${phanTramVi(a.percent)} so với mục tiêu (${a.explanation.charAt(0).toLowerCase()}${a.explanation.slice(1)}).`,
        );
    }
    if (!list.length) narrative.push(`Tính từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${rc.orgName} kết nạp ${soVi(total)} đảng viên mới; chưa có chỉ tiêu kết nạp cho giai đoạn này.`);
    return {
      form: 'Kết nạp đảng viên so với chỉ tiêu (seed-extraction §4 ADM)',
      tables: [
        {
          id: 'chi_tieu',
          title: 'Kết quả kết nạp so với chỉ tiêu',
          columns: [
            { key: 'goal', label: 'Chỉ tiêu (số phải kết nạp)', kind: 'text' },
            { key: 'admitted', label: 'Đã kết nạp', kind: 'count' },
            { key: 'pct', label: 'Tỷ lệ đạt so với chỉ tiêu (%)', kind: 'percent' },
          ],
          rows,
        },
      ],
      narrative,
      notes: [
        'Chỉ tiêu hằng năm nhân với số năm của kỳ nằm trong giai đoạn chỉ tiêu; chỉ tiêu cả giai đoạn so nguyên giá trị.',
        'Chỉ tiêu theo tỷ lệ tính trên số đảng viên hết ngày trước kỳ.',
      ],
    };
  },
};
