import { HOST_TYPE_LABELS, HOST_TYPES, ORG_EVENT_KINDS, ORG_EVENT_LABELS, ORG_KIND_LABELS, ORG_KINDS, PLAN_COLUMNS, PLAN_OP_HELP } from '@dangvu/common';
import ExcelJS from 'exceljs';

const OPS = ORG_EVENT_KINDS.map((k) => ORG_EVENT_LABELS[k].vi.toLowerCase());
const HEADINGS = PLAN_COLUMNS.map((c) => c.vi);

/**
 * The plan template: the plan sheet first (headings only, with pick lists), then a guide with a
 * worked 1 July 2025-style example, then the lists the pick lists read from.
 */
export async function planTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đảng vụ';
  const plan = wb.addWorksheet('Kế hoạch', { views: [{ state: 'frozen', ySplit: 1 }] });
  plan.columns = PLAN_COLUMNS.map((c) => ({ header: c.vi, key: c.key, width: c.key === 'stt' ? 6 : c.key === 'note' || c.key === 'name' ? 36 : 22 }));
  const head = plan.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9D9' } };
  // Dates stay text, typed dd/mm/yyyy, so no spreadsheet locale turns 01/07 into 7 January.
  for (const key of ['effectiveDate', 'decisionDate'] as const) plan.getColumn(key).numFmt = '@';

  const lists = wb.addWorksheet('Danh mục');
  lists.columns = [
    { header: 'Thao tác', width: 16 },
    { header: 'Loại tổ chức', width: 48 },
    { header: 'Loại hình', width: 36 },
  ];
  OPS.forEach((o, i) => (lists.getCell(i + 2, 1).value = o));
  ORG_KINDS.forEach((k, i) => (lists.getCell(i + 2, 2).value = ORG_KIND_LABELS[k].vi));
  HOST_TYPES.forEach((k, i) => (lists.getCell(i + 2, 3).value = HOST_TYPE_LABELS[k].vi));
  const pick = (col: string, range: string) => {
    for (let r = 2; r <= 1001; r++)
      plan.getCell(`${col}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [range], showErrorMessage: false };
  };
  pick('B', `'Danh mục'!$A$2:$A$${OPS.length + 1}`);
  pick('F', `'Danh mục'!$B$2:$B$${ORG_KINDS.length + 1}`);
  pick('G', `'Danh mục'!$C$2:$C$${HOST_TYPES.length + 1}`);

  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 22 }, { width: 110 }];
  const line = (a: string, b = '') => guide.addRow([a, b]);
  line('Kế hoạch sắp xếp tổ chức đảng').font = { bold: true, size: 14 };
  line('', 'Mỗi dòng của trang “Kế hoạch” là một thao tác. Các dòng chạy lần lượt từ trên xuống, tất cả trong một lần: có một dòng lỗi thì không dòng nào được ghi.');
  line('', 'Một dòng có thể dùng mã của tổ chức được thành lập ở dòng trước. Ngày ghi dạng dd/mm/yyyy và không sau ngày hôm nay.');
  line('', 'Trước khi ghi, hệ thống cho xem trước: tổ chức nào thay đổi, đảng viên nào chuyển, thôn, bản và chức vụ nào chuyển hoặc kết thúc.');
  line('');
  for (const k of ORG_EVENT_KINDS) line(ORG_EVENT_LABELS[k].vi, PLAN_OP_HELP[k]);
  line('');
  line('Ví dụ (1/7/2025)').font = { bold: true };
  guide.addRow(HEADINGS).font = { bold: true };
  const ex = (cells: string[]) => guide.addRow(cells);
  ex(['1', 'thành lập', 'XA-MOI', 'TINH', 'Đảng bộ xã Mường Mới', 'Đảng bộ xã, phường (cấp trên cơ sở)', 'Xã, phường, đặc khu', '01/07/2025', '1250-QĐ/TU', '27/06/2025', 'Ban Thường vụ Tỉnh ủy', '']);
  ex(['2', 'sáp nhập', 'XA-A;XA-B', 'XA-MOI', '', '', '', '01/07/2025', '1250-QĐ/TU', '27/06/2025', 'Ban Thường vụ Tỉnh ủy', 'Các chi bộ và đảng viên chuyển sang xã mới']);
  ex(['3', 'chuyển giao', 'XA-C', 'TINH', '', 'Đảng bộ xã, phường (cấp trên cơ sở)', '', '01/07/2025', '1251-QĐ/TU', '27/06/2025', 'Ban Thường vụ Tỉnh ủy', '']);
  ex(['4', 'chuyển giao', 'CB-BAN-1', 'XA-MOI', '', '', '', '01/07/2025', '1252-QĐ/TU', '27/06/2025', 'Ban Thường vụ Tỉnh ủy', '']);
  ex(['5', 'giải thể', 'HUYEN', '', '', '', '', '01/07/2025', '1253-QĐ/TU', '27/06/2025', 'Ban Thường vụ Tỉnh ủy', 'Kết thúc hoạt động cấp huyện']);
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same headings as CSV (UTF-8 with BOM, so Excel reads the Vietnamese letters). */
export function planTemplateCsv(): string {
  return '\uFEFF' + HEADINGS.map((h) => (h.includes(',') ? `"${h}"` : h)).join(',') + '\r\n';
}
