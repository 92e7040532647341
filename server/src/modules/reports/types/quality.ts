import {
  ACADEMIC_TITLE_LABELS,
  ACADEMIC_TITLES,
  AGE_BAND_LABELS,
  AGE_BANDS,
  EDUCATION_GROUP_LABELS,
  EDUCATION_GROUPS,
  NONE_LABEL,
  OCCUPATION_GROUP_LABELS,
  OCCUPATION_GROUPS,
  phanTramVi,
  POLITICAL_THEORY_LABELS,
  POLITICAL_THEORY_LEVELS,
  PROFESSIONAL_QUALIFICATION_LABELS,
  PROFESSIONAL_QUALIFICATIONS,
  ratio,
  reportTypeInfo,
  formatDateVi,
  soVi,
} from '@dangvu/common';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { tallyMembers } from '../populations.js';
import { dimLines, labelsOf, shareTable } from '../tables.js';

/** Chất lượng đội ngũ đảng viên (Hướng dẫn 11-HD/BTCTW): the composition of the members on a date. */
export const quality: ReportDefinition = {
  info: reportTypeInfo('chat-luong')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const t = await tallyMembers(rc.db, d, await rc.prefixesOn(d), ['grade', 'sex', 'min', 'rel', 'youth', 'band', 'edu', 'prof', 'title', 'theory', 'occ']);
    const m = (params: Record<string, string> = {}) => fig('m', { d, ...params });
    const n = (dim: string, v: string) => t.by[dim]?.[v] ?? 0;
    const religious = t.total - n('rel', 'khong');
    const tables = [
      shareTable('tong', 'I. Tổng số đảng viên', t.total, [
        { key: 'tong', label: 'Tổng số đảng viên', n: t.total, figure: m() },
        { key: 'chinh_thuc', label: 'Đảng viên chính thức', n: n('grade', 'chinh_thuc'), figure: m({ grade: 'chinh_thuc' }), level: 1 },
        { key: 'du_bi', label: 'Đảng viên dự bị', n: n('grade', 'du_bi'), figure: m({ grade: 'du_bi' }), level: 1 },
        { key: 'nu', label: 'Đảng viên nữ', n: n('sex', 'nu'), figure: m({ sex: 'nu' }), level: 1 },
        { key: 'dtts', label: 'Đảng viên là người dân tộc thiểu số', n: n('min', 'dtts'), figure: m({ min: 'dtts' }), level: 1 },
        { key: 'ton_giao', label: 'Đảng viên có đạo (theo tôn giáo)', n: religious, figure: m({ relnot: 'khong' }), level: 1 },
        { key: 'doan_vien', label: 'Đảng viên là đoàn viên TNCS Hồ Chí Minh', n: n('youth', 'co'), figure: m({ youth: 'co' }), level: 1 },
      ]),
      shareTable('tuoi', 'II. Tuổi đời', t.total, dimLines(t, 'band', labelsOf(AGE_BANDS, AGE_BAND_LABELS), (v) => m({ band: v }))),
      shareTable('gdpt', 'III. Trình độ giáo dục phổ thông', t.total, dimLines(t, 'edu', labelsOf(EDUCATION_GROUPS, EDUCATION_GROUP_LABELS), (v) => m({ edu: v }))),
      shareTable('cmnv', 'IV. Trình độ chuyên môn, nghiệp vụ', t.total, dimLines(t, 'prof', labelsOf(PROFESSIONAL_QUALIFICATIONS, PROFESSIONAL_QUALIFICATION_LABELS, { key: 'khong', label: NONE_LABEL }), (v) => m({ prof: v }))),
      shareTable('hoc_ham', 'V. Học hàm', t.total, dimLines(t, 'title', labelsOf(ACADEMIC_TITLES, ACADEMIC_TITLE_LABELS, { key: 'khong', label: 'Không có học hàm' }), (v) => m({ title: v }))),
      shareTable('llct', 'VI. Trình độ lý luận chính trị', t.total, dimLines(t, 'theory', labelsOf(POLITICAL_THEORY_LEVELS, POLITICAL_THEORY_LABELS, { key: 'khong', label: NONE_LABEL }), (v) => m({ theory: v }))),
      shareTable('nghe', 'VII. Nghề nghiệp', t.total, dimLines(t, 'occ', labelsOf(OCCUPATION_GROUPS, OCCUPATION_GROUP_LABELS, { key: 'khong_ro', label: 'Chưa ghi' }), (v) => m({ occ: v }))),
    ];
    const share = (x: number) => phanTramVi(ratio(x, t.total).percent, 2);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Chất lượng đội ngũ đảng viên',
      tables,
      narrative: [
        `Tại ngày ${formatDateVi(d)}, ${rc.orgName} có ${soVi(t.total)} đảng viên, trong đó ${soVi(n('grade', 'du_bi'))} đảng viên dự bị; đảng viên nữ ${soVi(n('sex', 'nu'))} (${share(n('sex', 'nu'))}), đảng viên là người dân tộc thiểu số ${soVi(n('min', 'dtts'))} (${share(n('min', 'dtts'))}).`,
      ],
      notes: [
        'Đảng viên tính theo sinh hoạt chính thức (đảng viên đang sinh hoạt tại chi bộ thuộc phạm vi vào ngày báo cáo), mỗi người một lần.',
        'Tuổi đời, dự bị/chính thức, đoàn viên và trình độ lý luận chính trị (theo các khóa học đã ghi) tính theo ngày báo cáo; học vấn, chuyên môn, học hàm và nghề nghiệp theo hồ sơ hiện tại vì chưa có lịch sử ghi theo ngày.',
      ],
    };
  },
};
