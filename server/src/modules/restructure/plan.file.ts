import { foldVietnamese, type PlanRowError } from '@dangvu/common';
import ExcelJS from 'exceljs';

/** Rows read beyond the plan limit only to say the file is too long. */
const MAX_SHEET_ROWS = 5000;

export type Grid = string[][];
export type ReadResult = { grid: Grid } | { error: PlanRowError };

const fileError = (message: string): ReadResult => ({ error: { row: 0, column: 'file', message } });

/** A cell as the text a person sees; dates (Excel stores them as days) become YYYY-MM-DD. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText((v.result ?? '') as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v).trim();
}

async function readXlsx(buf: Buffer): Promise<ReadResult> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return fileError('Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx. Hãy lưu lại bằng Excel (định dạng .xlsx) rồi tải lên.');
  }
  // The plan sheet is the one with a "Thao tác" heading; the template also carries a guide and lists.
  const sheets = wb.worksheets;
  const hasHeading = (ws: ExcelJS.Worksheet) => {
    for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
      const values = ws.getRow(r).values as ExcelJS.CellValue[];
      if (values.some((c) => foldVietnamese(cellText(c)) === 'thao tac')) return true;
    }
    return false;
  };
  const ws = sheets.find(hasHeading) ?? sheets[0];
  if (!ws) return fileError('Tệp Excel không có trang tính nào.');
  if (ws.rowCount > MAX_SHEET_ROWS) return fileError(`Trang tính có quá nhiều dòng (${ws.rowCount}); tối đa ${MAX_SHEET_ROWS}.`);
  const grid: Grid = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    // exceljs rows are 1-based: index 0 is always empty.
    grid.push(Array.isArray(values) ? values.slice(1).map(cellText) : []);
  }
  return { grid };
}

/** RFC 4180 CSV, with the separator Excel used (',' or ';', read from the heading line). */
export function parseCsv(text: string): Grid {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: Grid = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows;
}

function readCsv(buf: Buffer): ReadResult {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  // Excel's plain "CSV" saves in the Windows code page and loses Vietnamese letters.
  if (text.includes('\uFFFD'))
    return fileError('Tệp CSV không ở dạng UTF-8 nên chữ tiếng Việt bị lỗi. Trong Excel hãy chọn “Lưu thành” → “CSV UTF-8”, hoặc tải lên tệp .xlsx.');
  const lines = text.split(/\r?\n/).length;
  if (lines > MAX_SHEET_ROWS) return fileError(`Tệp có quá nhiều dòng (${lines}); tối đa ${MAX_SHEET_ROWS}.`);
  return { grid: parseCsv(text) };
}

/** The plan file as rows of text cells; the kind is read from the content, the name only breaks ties. */
export async function readPlanFile(fileName: string, base64: string): Promise<ReadResult> {
  const buf = Buffer.from(base64, 'base64');
  if (buf.length === 0) return fileError('Tệp rỗng.');
  const isZip = buf[0] === 0x50 && buf[1] === 0x4b;
  if (isZip) return readXlsx(buf);
  if (/\.xlsx$/i.test(fileName)) return fileError('Tệp có đuôi .xlsx nhưng không phải tệp Excel. Hãy lưu lại bằng Excel rồi tải lên.');
  return readCsv(buf);
}
