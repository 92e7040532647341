import { cellTextVi, formatNumberVi, type ReportResult } from '@dangvu/common';
import { csvCell } from '../../members/members.export.js';
import type { DrillPage } from '../drill.js';

const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',') + '\r\n';

/** A report as CSV: one line per figure row, percents with numerator and denominator in their own columns. */
export function reportCsv(r: ReportResult): string {
  let out = '\uFEFF' + line([r.title]) + line([r.org.name]) + line([r.periodText]);
  for (const t of r.tables) {
    out += line([]) + line([t.title]);
    out += line(['Chỉ tiêu', ...t.columns.flatMap((c) => (c.kind === 'percent' ? [c.label, 'Tử số', 'Mẫu số'] : [c.label]))]);
    for (const row of t.rows)
      out += line([
        row.label,
        ...t.columns.flatMap((c) => {
          const cell = row.cells[c.key];
          if (c.kind === 'percent') return [cell?.ratio?.percent != null ? formatNumberVi(cell.ratio.percent, 2) : '', cell?.ratio?.num ?? '', cell?.ratio?.den ?? ''];
          if (cell?.text !== undefined || cell?.times) return [cellTextVi(cell)];
          return [cell?.value ?? ''];
        }),
      ]);
  }
  return out;
}

/** The records behind a figure as CSV: a header line, then exactly one line per record. */
export function drillCsv(d: DrillPage): string {
  return '\uFEFF' + line(d.columns.map((c) => c.label)) + d.rows.map((r) => line(d.columns.map((c) => r[c.key] ?? null))).join('');
}
