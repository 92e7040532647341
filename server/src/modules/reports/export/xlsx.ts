import { cellTextVi, type Column, type ReportResult } from '@dangvu/common';
import ExcelJS from 'exceljs';
import type { DrillPage } from '../drill.js';

/**
 * Text from user data ("=CMD()", "+84…", "@x") is always written as a string cell, never as
 * a formula: exceljs only writes a formula for a `{ formula }` value, and nothing here builds one.
 */
export function setText(cell: ExcelJS.Cell, s: string): void {
  cell.value = s;
}

const FONT = { name: 'Times New Roman', size: 12 };
const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const COUNT_FMT = '#,##0';
const PCT_FMT = '0.00';

function header(ws: ExcelJS.Worksheet, lines: string[], width: number) {
  for (const [i, text] of lines.entries()) {
    const row = ws.addRow([]);
    setText(row.getCell(1), text);
    row.getCell(1).font = { ...FONT, bold: i === 0, size: i === 0 ? 14 : 12 };
    ws.mergeCells(row.number, 1, row.number, Math.max(width, 1));
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  }
  ws.addRow([]);
}

/**
 * A report as a workbook laid out like the forms: title, organization and period on top, then
 * each table with its Vietnamese headings; a percent column is followed by its numerator and
 * denominator so every share can be checked.
 */
export async function reportXlsx(r: ReportResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đảng vụ';
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widest = Math.max(...r.tables.map((t) => 1 + t.columns.reduce((a, c) => a + (c.kind === 'percent' ? 3 : 1), 0)), 2);
  header(ws, [r.title.toUpperCase(), r.org.name, r.periodText, r.form], widest);
  ws.getColumn(1).width = 60;
  for (let i = 2; i <= widest; i++) ws.getColumn(i).width = 16;
  for (const t of r.tables) {
    const title = ws.addRow([]);
    setText(title.getCell(1), t.title);
    title.getCell(1).font = { ...FONT, bold: true };
    const heads = ['Chỉ tiêu', ...t.columns.flatMap((c) => (c.kind === 'percent' ? [c.label, 'Tử số', 'Mẫu số'] : [c.label]))];
    const h = ws.addRow(heads);
    h.eachCell((c) => {
      c.font = { ...FONT, bold: true };
      c.border = BORDER;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    for (const row of t.rows) {
      const xr = ws.addRow([]);
      setText(xr.getCell(1), `${'   '.repeat(row.level ?? 0)}${row.label}`);
      let col = 2;
      for (const c of t.columns) {
        const cell = row.cells[c.key];
        const put = (v: number | null, fmt: string) => {
          const x = xr.getCell(col++);
          x.value = v === null || v === undefined || Number.isNaN(v) ? null : v;
          x.numFmt = fmt;
        };
        if (c.kind === 'percent') {
          put(cell?.ratio?.percent !== undefined && cell.ratio.percent !== null ? Math.round(cell.ratio.percent * 100) / 100 : null, PCT_FMT);
          put(cell?.ratio?.num ?? null, COUNT_FMT);
          put(cell?.ratio?.den ?? null, COUNT_FMT);
        } else if (c.kind === 'text' || cell?.text !== undefined || cell?.times) {
          setText(xr.getCell(col++), cellTextVi(cell));
        } else put(cell?.value ?? null, COUNT_FMT);
      }
      xr.eachCell({ includeEmpty: true }, (c) => {
        c.border = BORDER;
        c.font = { ...FONT, bold: !row.level };
      });
    }
    if (t.note) setText(ws.addRow([]).getCell(1), t.note);
    ws.addRow([]);
  }
  for (const n of r.notes) {
    const row = ws.addRow([]);
    setText(row.getCell(1), `Ghi chú: ${n}`);
    row.getCell(1).font = { ...FONT, italic: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The records behind a figure as a workbook: one row per record, so the row count equals the figure. */
export async function drillXlsx(d: DrillPage, heading: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  header(ws, [d.title.toUpperCase(), ...heading, `Tổng số: ${d.total}`], d.columns.length);
  const h = ws.addRow(d.columns.map((c) => c.label));
  h.eachCell((c) => {
    c.font = { ...FONT, bold: true };
    c.border = BORDER;
  });
  for (const row of d.rows) {
    const xr = ws.addRow([]);
    d.columns.forEach((c: Column, i) => {
      const v = row[c.key];
      const cell = xr.getCell(i + 1);
      if (typeof v === 'number') {
        cell.value = v;
        cell.numFmt = COUNT_FMT;
      } else if (v !== null && v !== undefined) setText(cell, /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}` : v);
      cell.border = BORDER;
    });
  }
  ws.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The header row of a drill-down sheet (row number of the column headings), for readers of the file. */
export const DRILL_HEADER_ROWS = 4;
