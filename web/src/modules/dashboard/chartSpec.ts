/**
 * What a dashboard chart shows, independent of ECharts: the page builds these plain objects,
 * and only the lazily loaded chart module turns them into ECharts options. Every data point
 * carries the address of the records behind it.
 */
export interface ChartSeries {
  name: string;
  values: number[];
  /** One per category: where a click on that point leads; null when nothing to open. */
  links: (string | null)[];
  stack?: string;
  color?: string;
}

export interface ChartSpec {
  type: 'pie' | 'bar' | 'hbar';
  categories: string[];
  series: ChartSeries[];
}

/** Distinct, colour-blind-tolerant colours; the party red first. */
export const PALETTE = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#757575', '#ad1457'];
