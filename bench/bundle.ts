import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface BundleReport {
  date: string;
  budgetKB: number;
  allChunksKB: number;
  screens: { screen: string; chunks: number; gzipKB: number; budgeted: boolean }[];
}

/**
 * The web bundle section of docs/benchmarks.md, from the report `npm run build -w web` writes,
 * so a benchmark run never drops the bundle figures.
 */
export function bundleSection(root: string): string {
  const file = resolve(root, 'web', '.bundle', 'report.json');
  if (!existsSync(file)) return '\n## Web bundle\n\nRun `npm run build -w web` first; its size report was not found.\n';
  const r = JSON.parse(readFileSync(file, 'utf8')) as BundleReport;
  const rows = r.screens.map((s) => `| ${s.screen} | ${s.chunks} | ${s.gzipKB.toFixed(1)} | ${s.budgeted ? `≤ ${r.budgetKB}` : ''} | ${s.budgeted ? (s.gzipKB <= r.budgetKB ? 'yes' : '**no**') : ''} |`);
  return [
    '',
    '## Web bundle',
    '',
    `JavaScript a first visit downloads, gzip -9, measured by \`web/scripts/bundle-report.mjs\` after \`vite build\` on ${r.date} (the build fails over budget). Charts (ECharts) and heavy widgets load on demand; all chunks together are ${r.allChunksKB} KB.`,
    '',
    '| Screen (shell + screen) | chunks | KB gz | budget | met |',
    '|---|--:|--:|---|---|',
    ...rows,
    '',
  ].join('\n');
}
