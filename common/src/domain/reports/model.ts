/**
 * The shape every report answers with, whatever its type: tables of figures laid out like the
 * official forms, each figure carrying the key of the records behind it, and each percentage
 * its numerator and denominator. Server, web, CLI and the exports all read this one shape.
 */

/** A ratio shown as a percent, always with what it was computed from. */
export interface Ratio {
  num: number;
  den: number;
  /** num / den × 100, unrounded; null when the denominator is 0. */
  percent: number | null;
}

export interface Cell {
  value: number | null;
  /** Drill-down key: the records that make this figure (same scope, same dates). */
  figure?: string;
  ratio?: Ratio;
  /** A multiple (× 1,81): value is num / den. */
  times?: { num: number; den: number };
  /** Free text for cells that are not numbers (an explanation of a goal). */
  text?: string;
}

export interface Column {
  key: string;
  label: string;
  /** How the column is shown: a count, a percent, a multiple or text. */
  kind?: 'count' | 'percent' | 'times' | 'text';
}

export interface Row {
  key: string;
  label: string;
  /** Indent level of the row label (0 = main line, 1 = "trong đó"). */
  level?: number;
  cells: Record<string, Cell>;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  note?: string;
}

export type ReportPeriod = { kind: 'asOf'; asOf: string; baseline?: string } | { kind: 'window'; from: string; to: string };

export interface ReportResult {
  type: string;
  title: string;
  /** The official form or the article figure it follows. */
  form: string;
  org: { id: string; name: string };
  period: ReportPeriod;
  /** The period in words, with the rule for its ends. */
  periodText: string;
  tables: ReportTable[];
  /** Sentences built from the figures, for the .docx narrative. */
  narrative: string[];
  /** How the figures were computed (sources, rules, known limits). */
  notes: string[];
}

export function ratio(num: number, den: number): Ratio {
  return { num, den, percent: den > 0 ? (num / den) * 100 : null };
}

export const countCell = (value: number, figure?: string): Cell => (figure ? { value, figure } : { value });
export const ratioCell = (num: number, den: number, figure?: string): Cell => {
  const r = ratio(num, den);
  return { value: r.percent, ratio: r, ...(figure ? { figure } : {}) };
};

/** The day before an ISO date (the base of a window is counted at the end of that day). */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Every figure of a report, flattened: for tests and for comparing two runs. */
export function figuresOf(r: ReportResult): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const t of r.tables) for (const row of t.rows) for (const [c, cell] of Object.entries(row.cells)) out[`${t.id}.${row.key}.${c}`] = cell.ratio ? cell.ratio.num : cell.value;
  return out;
}

/** One record behind a figure, by column key. */
export type DrillRow = Record<string, string | number | null>;

/** A page of the records behind a figure; `total` equals the figure. */
export interface DrillPage {
  figure: string;
  title: string;
  total: number;
  page: number;
  pageSize: number;
  columns: Column[];
  rows: DrillRow[];
}
