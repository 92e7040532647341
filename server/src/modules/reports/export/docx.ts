import { cellTextVi, type ReportResult } from '@dangvu/common';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? 26, bold: o.bold, italics: o.italics });
const para = (children: TextRun[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED, after = 120) => new Paragraph({ children, alignment: align, spacing: { after } });
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin };

/**
 * The report as a Word document: the narrative built from the figures first ("Tính từ ngày …,
 * toàn đảng bộ kết nạp 15.980 đảng viên mới, đạt 159,8% so với mục tiêu…"), then the tables
 * with numerators and denominators beside the percentages, then how the figures were computed.
 */
export async function reportDocx(r: ReportResult): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    para([run(r.org.name.toUpperCase(), { bold: true })], AlignmentType.CENTER, 60),
    para([run('BÁO CÁO', { bold: true, size: 30 })], AlignmentType.CENTER, 60),
    para([run(r.title, { bold: true })], AlignmentType.CENTER, 60),
    para([run(r.periodText, { italics: true })], AlignmentType.CENTER, 240),
    ...r.narrative.map((s) => para([run(s)])),
  ];
  for (const t of r.tables) {
    children.push(para([run(t.title, { bold: true })], AlignmentType.LEFT, 80));
    const cell = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
      new TableCell({ borders, children: [new Paragraph({ alignment: align, children: [run(text, { bold, size: 22 })] })] });
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: [cell('Chỉ tiêu', true, AlignmentType.CENTER), ...t.columns.map((c) => cell(c.label, true, AlignmentType.CENTER))] }),
          ...t.rows.map((row) => new TableRow({ children: [cell(`${'    '.repeat(row.level ?? 0)}${row.label}`, !row.level), ...t.columns.map((c) => cell(cellTextVi(row.cells[c.key]), false, AlignmentType.RIGHT))] })),
        ],
      }),
    );
    children.push(para([run('')], AlignmentType.LEFT, 60));
  }
  children.push(para([run('Cách tính', { bold: true })], AlignmentType.LEFT, 60), para([run(r.form, { italics: true })]), ...r.notes.map((n) => para([run(`– ${n}`, { italics: true })])));
  const doc = new Document({ creator: 'Đảng vụ', title: r.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
