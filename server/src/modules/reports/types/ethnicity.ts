import { ETHNICITIES, formatDateVi, RELIGION_CODES, RELIGION_LABELS, reportTypeInfo, soVi } from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { tallyMembers } from '../populations.js';
import { dimLines, labelsOf, shareTable } from '../tables.js';

/** Đảng viên là người dân tộc thiểu số và có tôn giáo: every group in the official order. */
export const ethnicityReligion: ReportDefinition = {
  info: reportTypeInfo('dan-toc-ton-giao')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const t = await tallyMembers(rc.db, d, await rc.prefixesOn(d), ['eth', 'min', 'rel']);
    const m = (p: Record<string, string> = {}) => fig('m', { d, ...p });
    const minority = t.by.min?.dtts ?? 0;
    const religious = t.total - (t.by.rel?.khong ?? 0);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Đảng viên theo dân tộc, tôn giáo',
      tables: [
        shareTable('tong', 'I. Tổng hợp', t.total, [
          { key: 'tong', label: 'Tổng số đảng viên', n: t.total, figure: m() },
          { key: 'dtts', label: 'Đảng viên là người dân tộc thiểu số', n: minority, figure: m({ min: 'dtts' }), level: 1 },
          { key: 'ton_giao', label: 'Đảng viên có đạo', n: religious, figure: m({ relnot: 'khong' }), level: 1 },
        ]),
        shareTable('dan_toc', 'II. Theo dân tộc (các dân tộc có đảng viên)', t.total, dimLines(t, 'eth', ETHNICITIES.map((e) => ({ key: e.code, label: e.vi })), (v) => m({ eth: v }), { skipZero: true })),
        shareTable('ton_giao', 'III. Theo tôn giáo', t.total, dimLines(t, 'rel', labelsOf(RELIGION_CODES, RELIGION_LABELS), (v) => m({ rel: v }))),
      ],
      narrative: [
        `Tại ngày ${formatDateVi(d)}, ${rc.orgName} có ${soVi(minority)} đảng viên là người dân tộc thiểu số và ${soVi(religious)} đảng viên có đạo trong tổng số ${soVi(t.total)} đảng viên.`,
      ],
      notes: ['Dân tộc thiểu số: mọi dân tộc trừ Kinh và người nước ngoài nhập quốc tịch.'],
    };
  },
};
