import { dateLineVi, formatDateVi, numberWordsVi, TRANSFER_PURPOSE_LABELS, type TransferPurpose } from '@dangvu/common';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

export interface LetterData {
  letterNo: string;
  letterDate: string;
  validUntil: string;
  validDays: number;
  issuer: string;
  /** The organization above the issuer, printed above it in the header. */
  issuerParent: string | null;
  temporary: boolean;
  /** Temporary transfers: working away or study, printed under the destination. */
  purpose: TransferPurpose | null;
  fullName: string;
  birthDate: string;
  admittedOn: string | null;
  officialOn: string | null;
  cardNo: string | null;
  fromOrg: string;
  toOrg: string;
  expectedEnd: string | null;
  reason: string | null;
}

const FONT = 'Times New Roman';
const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: o.size ?? 28, bold: o.bold, italics: o.italics });
const para = (children: TextRun[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT, after = 80) =>
  new Paragraph({ children, alignment: align, spacing: { after } });
const line = (label: string, value: string) => para([run(label), run(value, { bold: true })]);
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const d = (iso: string | null) => (iso ? formatDateVi(iso) : '……/……/…………');

/** Giấy giới thiệu sinh hoạt đảng, laid out like the paper form: header table, body, signature block. */
export async function buildIntroductionLetter(l: LetterData): Promise<Buffer> {
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 45, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              ...(l.issuerParent ? [para([run(l.issuerParent.toUpperCase(), { size: 26 })], AlignmentType.CENTER, 0)] : []),
              para([run(l.issuer.toUpperCase(), { bold: true, size: 26 })], AlignmentType.CENTER, 0),
              para([run('*', { size: 26 })], AlignmentType.CENTER, 0),
              para([run(`Số: ${l.letterNo}`, { size: 26 })], AlignmentType.CENTER, 0),
            ],
          }),
          new TableCell({
            width: { size: 55, type: WidthType.PERCENTAGE },
            borders: noBorders,
            children: [
              para([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, size: 28 })], AlignmentType.CENTER, 0),
              para([run('_______________', { size: 26 })], AlignmentType.CENTER, 120),
              para([run(dateLineVi(l.letterDate).replace(/^n/, 'N'), { italics: true, size: 26 })], AlignmentType.CENTER, 0),
            ],
          }),
        ],
      }),
    ],
  });
  const kind = l.temporary ? 'tạm thời' : 'chính thức';
  const body = [
    para([], AlignmentType.CENTER, 240),
    para([run('GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG', { bold: true, size: 32 })], AlignmentType.CENTER, 0),
    para([run(`(${kind})`, { italics: true })], AlignmentType.CENTER, 240),
    para([run('Kính gửi: '), run(l.toOrg, { bold: true })]),
    para([run(`${l.issuer} trân trọng giới thiệu đồng chí:`)]),
    line('Họ và tên: ', l.fullName),
    line('Sinh ngày: ', d(l.birthDate)),
    line('Ngày vào Đảng: ', d(l.admittedOn)),
    line('Ngày chính thức: ', l.officialOn ? d(l.officialOn) : 'đảng viên dự bị'),
    line('Số thẻ đảng viên: ', l.cardNo ?? '………………'),
    line('Hiện sinh hoạt tại: ', l.fromOrg),
    line(`Được chuyển sinh hoạt đảng ${kind} đến: `, l.toOrg),
    ...(l.temporary && l.purpose ? [line('Mục đích: ', TRANSFER_PURPOSE_LABELS[l.purpose].vi)] : []),
    ...(l.temporary && l.expectedEnd ? [line('Thời gian sinh hoạt tạm thời đến ngày: ', d(l.expectedEnd))] : []),
    ...(l.reason ? [line('Lý do: ', l.reason)] : []),
    para([run('Đề nghị các đồng chí tiếp nhận, quản lý và giúp đỡ đồng chí sinh hoạt đảng theo quy định của Điều lệ Đảng.')]),
    para([
      run('Giấy giới thiệu có giá trị đến hết '),
      run(dateLineVi(l.validUntil), { bold: true }),
      run(` (${numberWordsVi(l.validDays)} ngày kể từ ngày ký).`),
    ]),
  ];
  const signature = [
    para([], AlignmentType.RIGHT, 240),
    para([run(`T/M ${l.issuer.toUpperCase()}`, { bold: true })], AlignmentType.RIGHT, 0),
    para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 24 })], AlignmentType.RIGHT, 1200),
  ];
  const doc = new Document({
    creator: 'Đảng vụ',
    title: `Giấy giới thiệu sinh hoạt đảng ${l.letterNo}`,
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } }, children: [header, ...body, ...signature] }],
  });
  return Packer.toBuffer(doc);
}
