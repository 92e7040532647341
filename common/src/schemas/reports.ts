import { z } from 'zod';
import { id, isoDate } from './primitives.js';

export * from '../domain/reports/index.js';

/** Vietnamese names of the report inputs, for error messages. */
export const REPORTS_FIELD_LABELS_VI: Record<string, string> = {
  type: 'Loại báo cáo',
  org: 'Tổ chức đảng',
  asOf: 'Ngày báo cáo',
  from: 'Từ ngày',
  to: 'Đến ngày',
  baseline: 'Ngày so sánh',
  figure: 'Chỉ tiêu',
  format: 'Định dạng',
  compareAsOf: 'Ngày so sánh',
  compareFrom: 'Từ ngày (kỳ so sánh)',
  compareTo: 'Đến ngày (kỳ so sánh)',
  years: 'Số năm',
};

export const REPORT_FORMATS = ['json', 'xlsx', 'docx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One report run: an organization (default: the caller's scope), and a date or a window. */
export const reportQuery = z.object({
  org: id.optional(),
  asOf: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  baseline: isoDate.optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export const drillQuery = reportQuery.extend({
  figure: z.string().min(1).max(300),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type DrillQuery = z.infer<typeof drillQuery>;

/** Two dates or two periods side by side. */
export const compareQuery = reportQuery.extend({
  compareAsOf: isoDate.optional(),
  compareFrom: isoDate.optional(),
  compareTo: isoDate.optional(),
});
export type CompareQuery = z.infer<typeof compareQuery>;

export const trendQuery = reportQuery.extend({ years: z.coerce.number().int().min(2).max(20).default(10) });
