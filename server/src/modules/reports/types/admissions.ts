import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  EDUCATION_GROUP_LABELS,
  EDUCATION_GROUPS,
  formatDateVi,
  NONE_LABEL,
  OCCUPATION_GROUP_LABELS,
  OCCUPATION_GROUPS,
  phanTramVi,
  PROFESSIONAL_QUALIFICATION_LABELS,
  PROFESSIONAL_QUALIFICATIONS,
  ratio,
  reportTypeInfo,
  soVi,
} from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { tallyEvents } from '../populations.js';
import { dimLines, labelsOf, shareTable } from '../tables.js';

/** Đảng viên mới kết nạp và thành phần (Hướng dẫn 11-HD/BTCTW): each admission decision in the window, where it was made. */
export const admissions: ReportDefinition = {
  info: reportTypeInfo('ket-nap')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const t = await tallyEvents(rc.db, ['ket_nap'], from, to, await rc.windowPrefixes(from, to), ['sex', 'min', 'rel', 'eyouth', 'eband', 'edu', 'prof', 'occ']);
    const e = (p: Record<string, string> = {}) => fig('e', { f: from, t: to, flow: 'ket_nap', ...p });
    const n = (dim: string, v: string) => t.by[dim]?.[v] ?? 0;
    const youth = n('eyouth', 'co');
    const share = (x: number) => phanTramVi(ratio(x, t.total).percent);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Đảng viên mới kết nạp',
      tables: [
        shareTable('tong', 'I. Số đảng viên mới kết nạp', t.total, [
          { key: 'tong', label: 'Tổng số kết nạp', n: t.total, figure: e() },
          { key: 'nu', label: 'Nữ', n: n('sex', 'nu'), figure: e({ sex: 'nu' }), level: 1 },
          { key: 'dtts', label: 'Người dân tộc thiểu số', n: n('min', 'dtts'), figure: e({ min: 'dtts' }), level: 1 },
          { key: 'ton_giao', label: 'Người có đạo', n: t.total - n('rel', 'khong'), figure: e({ relnot: 'khong' }), level: 1 },
          { key: 'doan_vien', label: 'Đoàn viên TNCS Hồ Chí Minh (vào ngày kết nạp)', n: youth, figure: e({ eyouth: 'co' }), level: 1 },
        ]),
        shareTable('tuoi', 'II. Tuổi đời khi kết nạp', t.total, dimLines(t, 'eband', labelsOf(AGE_BANDS, AGE_BAND_LABELS), (v) => e({ eband: v }))),
        shareTable('gdpt', 'III. Trình độ giáo dục phổ thông', t.total, dimLines(t, 'edu', labelsOf(EDUCATION_GROUPS, EDUCATION_GROUP_LABELS), (v) => e({ edu: v }))),
        shareTable('cmnv', 'IV. Trình độ chuyên môn, nghiệp vụ', t.total, dimLines(t, 'prof', labelsOf(PROFESSIONAL_QUALIFICATIONS, PROFESSIONAL_QUALIFICATION_LABELS, { key: 'khong', label: NONE_LABEL }), (v) => e({ prof: v }))),
        shareTable('nghe', 'V. Nghề nghiệp', t.total, dimLines(t, 'occ', labelsOf(OCCUPATION_GROUPS, OCCUPATION_GROUP_LABELS, { key: 'khong_ro', label: 'Chưa ghi' }), (v) => e({ occ: v }))),
      ],
      narrative: [
        `Tính từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${rc.orgName} kết nạp ${soVi(t.total)} đảng viên mới, trong đó ${soVi(youth)} đoàn viên thanh niên (${share(youth)}), ${soVi(n('sex', 'nu'))} nữ (${share(n('sex', 'nu'))}), ${soVi(n('min', 'dtts'))} người dân tộc thiểu số (${share(n('min', 'dtts'))}).`,
      ],
      notes: ['Mỗi quyết định kết nạp tính một lần, theo chi bộ kết nạp vào ngày hiệu lực của quyết định; tuổi và đoàn viên tính vào ngày đó.'],
    };
  },
};
