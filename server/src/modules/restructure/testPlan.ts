import { PLAN_COLUMNS } from '@dangvu/common';
import ExcelJS from 'exceljs';

/** A plan row by column key; missing cells are blank. */
export type Row = Partial<Record<(typeof PLAN_COLUMNS)[number]['key'], string>>;

const HEADINGS = PLAN_COLUMNS.map((c) => c.vi);
const cells = (r: Row) => PLAN_COLUMNS.map((c) => r[c.key] ?? '');

/** Test helper: a plan as the .xlsx a user would upload, base64 as the web sends it. */
export async function planXlsx(rows: Row[], opts: { titleRow?: boolean } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch');
  if (opts.titleRow) ws.addRow(['Kế hoạch sắp xếp tổ chức đảng năm 2025']);
  ws.addRow(HEADINGS);
  for (const r of rows) ws.addRow(cells(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** The same as CSV; `sep` as Excel writes it in the user's locale. */
export function planCsv(rows: Row[], sep = ','): string {
  const q = (v: string) => (v.includes(sep) || v.includes('"') || v.includes(';') || v.includes(',') ? `"${v.replaceAll('"', '""')}"` : v);
  const text = [HEADINGS, ...rows.map(cells)].map((line) => line.map(q).join(sep)).join('\r\n');
  return Buffer.from('\uFEFF' + text, 'utf8').toString('base64');
}

export const july = (over: Row): Row => ({
  effectiveDate: '01/07/2025',
  decisionNo: '1250-QĐ/TU',
  decisionDate: '27/06/2025',
  issuer: 'Ban Thường vụ Tỉnh ủy',
  ...over,
});
