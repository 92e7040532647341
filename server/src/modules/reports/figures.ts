import { isValidIsoDate } from '@dangvu/common';
import { unprocessable } from '../../platform/errors.js';

/**
 * A figure's key names the records behind it: a source and its filters, e.g.
 * `m:sex=nu` (members on the report date who are women) or `e:flow=ket_nap;f=2011-01-01`.
 * The drill-down re-reads the key inside the caller's scope, so a key is not a secret.
 */
// rt: ratings of members and organizations; nb: ratings of non-party bodies; mt: cell meetings;
// ins: inspections and discipline; tr: training; st: study sessions.
export const SOURCES = ['m', 'e', 'o', 'oe', 'u', 'p', 'r', 'rt', 'nb', 'mt', 'ins', 'tr', 'st'] as const;
export type Source = (typeof SOURCES)[number];

export interface FigureKey {
  source: Source;
  params: Record<string, string>;
}

export function fig(source: Source, params: Record<string, string | undefined> = {}): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  return `${source}:${parts.join(';')}`;
}

const TOKEN = /^[a-z0-9_,.-]{1,80}$/i;

export function parseFigure(key: string): FigureKey {
  const bad = () => unprocessable('BAD_FIGURE', 'Chỉ tiêu: mã chỉ tiêu không hợp lệ.', 'figure');
  const i = key.indexOf(':');
  if (i < 0) throw bad();
  const source = key.slice(0, i) as Source;
  if (!SOURCES.includes(source)) throw bad();
  const params: Record<string, string> = {};
  for (const part of key.slice(i + 1).split(';').filter(Boolean)) {
    const [k, v] = part.split('=', 2);
    if (!k || v === undefined || !TOKEN.test(k) || !TOKEN.test(v) || k in params) throw bad();
    if (['d', 'f', 't'].includes(k) && !isValidIsoDate(v)) throw bad();
    params[k] = v;
  }
  return { source, params };
}
