import { formatDateVi, reportTypeInfo } from '@dangvu/common';
import type { ReportContext, ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';
import { bodyNarrative, bodyTables, gatherBodies } from './ratings.bodies.js';
import { ratingDrills as drills } from './ratings.drill.js';
import { gatherRated, mappingNote, ratedNarrative, ratedTables } from './ratings.rated.js';
import { ratingYears, yearsRuleNote } from './ratings.tables.js';

/**
 * Rating distributions (seed-extraction §4 RAT and MAS; Hướng dẫn 11-HD/BTCTW): for each rating
 * year of the window and over all of them, with the pooled share and the mean of yearly shares.
 */

function window(rc: ReportContext) {
  if (rc.period.kind !== 'window') throw new Error('window report');
  const { from, to } = rc.period;
  return { from, to, years: ratingYears(from, to) };
}

const noYear = (from: string, to: string) =>
  `Kỳ báo cáo từ ${formatDateVi(from)} đến ${formatDateVi(to)} không chứa ngày 31/12 nào nên chưa có năm xếp loại; hãy chọn kỳ đến hết ngày 31/12 của năm cần xem.`;

const DECISION_NOTE = (to: string) =>
  `Chỉ tính xếp loại đã có quyết định của cấp ủy có thẩm quyền (quyết định công nhận, hoặc quyết định điều chỉnh sau đó) với ngày quyết định không sau ngày ${formatDateVi(to)}; quyết định ký sau ngày đó chưa được tính ("chưa có quyết định"), quyết định điều chỉnh sau ngày đó không làm thay đổi báo cáo này. "Không xếp loại" là bước không xếp loại ghi đến ngày đó, kèm lý do.`;
const SHARES_NOTE = 'Tỷ lệ từng mức tính trên số đã được xếp loại; tỷ lệ không xếp loại, chưa có quyết định, chưa có bản đánh giá tính trên tổng số phải đánh giá.';
const SCOPE_NOTE =
  'Phạm vi tổ chức của mỗi năm xếp loại được xác định tại cả ngày 01/01 và ngày 31/12 năm đó, nên việc sắp xếp tổ chức trong năm (sáp nhập, chuyển giao) không làm mất bản đánh giá nào.';

/** Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng (and, apart, the cells under them). */
const organizations: ReportDefinition = {
  info: reportTypeInfo('xep-loai-to-chuc')!,
  async build(rc) {
    const { from, to, years } = window(rc);
    const tccs = await gatherRated(rc, 'tccs', years, to);
    const cbtt = await gatherRated(rc, 'cbtt', years, to);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng (seed-extraction §4 RAT)',
      tables: [...ratedTables('tccs', tccs, to), ...ratedTables('cbtt', cbtt, to)],
      narrative: years.length ? [...ratedNarrative('tccs', tccs, to, rc.orgName), ...ratedNarrative('cbtt', cbtt, to, rc.orgName)] : [noYear(from, to)],
      notes: [
        yearsRuleNote(from, to, years),
        DECISION_NOTE(to),
        'Tổ chức cơ sở đảng gồm đảng bộ cơ sở và chi bộ cơ sở; chi bộ trực thuộc đảng ủy cơ sở (không phải tổ chức cơ sở đảng) ở các bảng riêng. Loại tổ chức và nơi trực thuộc xét tại ngày 31/12 của năm xếp loại; tổ chức đã có bản đánh giá nhưng giải thể, sáp nhập trong năm thì xét theo phiên bản cuối cùng trong năm.',
        'Phải đánh giá: tổ chức tồn tại ngày 31/12, cộng tổ chức đã có bản đánh giá năm đó nhưng kết thúc trong năm.',
        SCOPE_NOTE,
        SHARES_NOTE,
        mappingNote('to_chuc'),
        'Giới hạn tỷ lệ "hoàn thành xuất sắc" là giới hạn của quy định năm đó (có biến thể của tỉnh nơi tổ chức báo cáo); tỷ lệ thực tế tính trên số từ hoàn thành tốt trở lên.',
      ],
    };
  },
};

/** Kết quả đánh giá, xếp loại chất lượng đảng viên, one year and on average over years. */
const members: ReportDefinition = {
  info: reportTypeInfo('xep-loai-dang-vien')!,
  async build(rc) {
    const { from, to, years } = window(rc);
    const dv = await gatherRated(rc, 'dv', years, to);
    return {
      form: 'Hướng dẫn 11-HD/BTCTW — Kết quả đánh giá, xếp loại chất lượng đảng viên (seed-extraction §4 RAT)',
      tables: ratedTables('dv', dv, to),
      narrative: years.length ? ratedNarrative('dv', dv, to, rc.orgName) : [noYear(from, to)],
      notes: [
        yearsRuleNote(from, to, years),
        DECISION_NOTE(to),
        'Đảng viên được tính tại chi bộ nơi sinh hoạt ngày 31/12 của năm xếp loại (đảng viên chuyển sinh hoạt trong năm tính ở nơi sinh hoạt cuối năm). Đảng viên đã có bản đánh giá năm đó nhưng ra khỏi chi bộ trước 31/12 (từ trần, xóa tên, chuyển đi) được tính tại chi bộ sinh hoạt cuối cùng trong năm.',
        'Phải đánh giá: đảng viên sinh hoạt tại chi bộ trong phạm vi ngày 31/12, cộng người đã có bản đánh giá năm đó như trên.',
        SCOPE_NOTE,
        SHARES_NOTE,
        mappingNote('dang_vien'),
        'Đảng viên có quyết định kỷ luật hiệu lực trong năm chỉ được xếp từ mức hoàn thành nhiệm vụ trở xuống; dòng "bị kỷ luật trong năm" đếm những người đã được xếp loại có kỷ luật như vậy.',
        'Giới hạn tỷ lệ "hoàn thành xuất sắc" là giới hạn của quy định năm đó (có biến thể của tỉnh nơi tổ chức báo cáo); tỷ lệ thực tế tính trên số từ hoàn thành tốt trở lên.',
      ],
    };
  },
};

/** Xếp loại chính quyền cấp xã, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội. */
const bodies: ReportDefinition = {
  info: reportTypeInfo('xep-loai-doan-the')!,
  async build(rc) {
    const { from, to, years } = window(rc);
    const data = await gatherBodies(rc, years, to);
    return {
      form: 'Xếp loại chính quyền cấp xã, Mặt trận và các đoàn thể (seed-extraction §4 MAS)',
      tables: bodyTables(data, to),
      narrative: years.length ? bodyNarrative(data, to, rc.orgName) : [noYear(from, to)],
      notes: [
        yearsRuleNote(from, to, years),
        `Mức xếp loại của một năm là kết quả ghi sau cùng (kể cả kết quả điều chỉnh) có ngày quyết định không sau ngày ${formatDateVi(to)}.`,
        'Cơ quan, đoàn thể tính theo danh sách đã đăng ký, gắn với tổ chức đảng lãnh đạo; nơi trực thuộc xét theo tổ chức đảng lãnh đạo tại ngày 31/12 của năm xếp loại (hoặc ngày cuối cùng tổ chức đó tồn tại trong năm). Danh sách không ghi ngày thành lập của cơ quan, đoàn thể, nên "chưa có kết quả xếp loại" gồm mọi cơ quan, đoàn thể đã đăng ký có tổ chức đảng lãnh đạo tồn tại ngày 31/12.',
        SCOPE_NOTE,
        'Tỷ lệ từng mức tính trên số đã được xếp loại (của cả nhóm hoặc của từng nhóm); tỷ lệ chưa có kết quả tính trên tổng số thuộc diện xếp loại.',
      ],
    };
  },
};

export const ratingReports: ReportDefinition[] = [organizations, members, bodies];
export const ratingDrills: Partial<Record<Source, DrillFn>> = drills;
