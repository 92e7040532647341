/**
 * The report catalog and the headings of the official forms (Hướng dẫn 11-HD/BTCTW) and of the
 * article report types (seed-extraction §4). A report type is one entry here and one file in
 * the server registry; types whose data arrives with later modules are listed as waiting.
 */

export type PeriodKind = 'asOf' | 'window';

export interface ReportTypeInfo {
  type: string;
  /** seed-extraction §4 code or the official form family. */
  group: 'HD11' | 'COV' | 'ORG' | 'RST' | 'MEM' | 'ADM' | 'KIE' | 'ROT' | 'RAT' | 'MTG' | 'INS' | 'TRN' | 'STU' | 'NPB';
  period: PeriodKind;
  /** Takes a second date to compare with (MEM growth). */
  baseline?: boolean;
  /** Counts whole years (ratings): without dates it shows the last full year, not this year so far. */
  yearly?: boolean;
  /** Which date puts a record in a window, when it is not the decision's effective date. */
  windowRule?: string;
  vi: string;
  en: string;
}

const RATING_RULE = 'tính theo năm đánh giá có ngày 31/12 trong kỳ, với quyết định đến hết ngày cuối kỳ';

export const REPORT_TYPES = [
  { type: 'bien-dong', group: 'HD11', period: 'window', vi: 'Đảng viên tăng, giảm trong kỳ và lý do', en: 'Members added and removed, with reasons' },
  { type: 'ket-nap', group: 'HD11', period: 'window', vi: 'Đảng viên mới kết nạp và thành phần', en: 'Newly admitted members and their composition' },
  { type: 'dan-toc-ton-giao', group: 'HD11', period: 'asOf', vi: 'Đảng viên là người dân tộc thiểu số, có tôn giáo', en: 'Members by ethnicity and religion' },
  { type: 'chat-luong', group: 'HD11', period: 'asOf', vi: 'Chất lượng đội ngũ đảng viên', en: 'Membership quality' },
  { type: 'to-chuc', group: 'HD11', period: 'asOf', vi: 'Tổ chức đảng và đảng viên theo loại hình', en: 'Organizations and members by kind' },
  { type: 'bao-phu', group: 'COV', period: 'asOf', vi: 'Thôn, bản, tổ dân phố, trường học, trạm y tế có chi bộ', en: 'Coverage of villages, schools and health stations' },
  { type: 'co-cau', group: 'ORG', period: 'asOf', vi: 'Cơ cấu tổ chức cơ sở đảng', en: 'Grassroots organization structure' },
  { type: 'sap-xep', group: 'RST', period: 'window', vi: 'Sắp xếp tổ chức đảng trong kỳ và tăng, giảm thực tế', en: 'Restructuring in a period and net change' },
  { type: 'tong-so', group: 'MEM', period: 'asOf', baseline: true, vi: 'Tổng số đảng viên, so với một mốc trước', en: 'Membership total and growth against a past date' },
  { type: 'chi-tieu-ket-nap', group: 'ADM', period: 'window', vi: 'Kết nạp đảng viên so với chỉ tiêu', en: 'Admissions against targets' },
  { type: 'kiem-nhiem', group: 'KIE', period: 'asOf', vi: 'Trưởng thôn, tổ dân phố là đảng viên; kiêm nhiệm', en: 'Village heads who are members; concurrent posts' },
  { type: 'luan-chuyen', group: 'ROT', period: 'window', vi: 'Luân chuyển, điều động, tăng cường cán bộ', en: 'Rotation, reassignment and reinforcement' },
  { type: 'xep-loai-to-chuc', yearly: true, windowRule: RATING_RULE, group: 'HD11', period: 'window', vi: 'Xếp loại chất lượng tổ chức cơ sở đảng', en: 'Ratings of grassroots organizations' },
  { type: 'xep-loai-dang-vien', yearly: true, windowRule: RATING_RULE, group: 'HD11', period: 'window', vi: 'Xếp loại chất lượng đảng viên (một năm, bình quân nhiều năm)', en: 'Ratings of members (one year, multi-year average)' },
  { type: 'xep-loai-doan-the', yearly: true, windowRule: RATING_RULE, group: 'NPB', period: 'window', vi: 'Xếp loại chính quyền, Mặt trận, đoàn thể', en: 'Ratings of non-party bodies' },
  { type: 'sinh-hoat', windowRule: 'tính theo các tháng trọn vẹn trong kỳ đã kết thúc', group: 'MTG', period: 'window', vi: 'Chất lượng sinh hoạt chi bộ', en: 'Meeting quality by cell population' },
  { type: 'kiem-tra', windowRule: 'tính theo ngày quyết định kiểm tra, giám sát; kỷ luật theo ngày hiệu lực của quyết định', group: 'INS', period: 'window', vi: 'Kiểm tra, giám sát theo chủ thể, đối tượng, loại', en: 'Inspections and supervision' },
  { type: 'dao-tao', windowRule: 'tính theo ngày khai giảng của lớp, ngày có kết quả của học viên', group: 'TRN', period: 'window', vi: 'Đào tạo, bồi dưỡng: người, lượt người, lớp, kết quả', en: 'Training: people, person-times, classes, results' },
  { type: 'hoc-tap-nghi-quyet', windowRule: 'tính theo ngày học tập, quán triệt', group: 'STU', period: 'window', vi: 'Học tập, quán triệt nghị quyết', en: 'Resolution study' },
] as const satisfies readonly ReportTypeInfo[];

export type ReportType = (typeof REPORT_TYPES)[number]['type'];
export const REPORT_TYPE_KEYS = REPORT_TYPES.map((t) => t.type) as [ReportType, ...ReportType[]];
export const reportTypeInfo = (type: string): ReportTypeInfo | undefined => (REPORT_TYPES as readonly ReportTypeInfo[]).find((t) => t.type === type);



/** General education groups of the quality form, from the "N/12" or "N/10" record. */
export const EDUCATION_GROUPS = ['tieu_hoc', 'thcs', 'thpt', 'khong_ro'] as const;
export const EDUCATION_GROUP_LABELS: Record<(typeof EDUCATION_GROUPS)[number], string> = {
  tieu_hoc: 'Tiểu học',
  thcs: 'Trung học cơ sở',
  thpt: 'Trung học phổ thông',
  khong_ro: 'Chưa ghi',
};
/** Which recorded grades fall in which group (12-year system; the old 10-year system 1–4, 5–7, 8–10). */
export function educationGroupOf(grade: number, system: 10 | 12): (typeof EDUCATION_GROUPS)[number] {
  if (system === 12) return grade <= 5 ? 'tieu_hoc' : grade <= 9 ? 'thcs' : 'thpt';
  return grade <= 4 ? 'tieu_hoc' : grade <= 7 ? 'thcs' : 'thpt';
}

/** The name of the "none" value of a dimension on the forms. */
export const NONE_LABEL = 'Chưa có';
