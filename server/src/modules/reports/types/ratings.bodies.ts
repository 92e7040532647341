import { formatDateVi, NONPARTY_LEVEL_LABELS, NONPARTY_LEVELS, phanTramVi, ratio, soVi, type ReportTable } from '@dangvu/common';
import type { ReportContext } from '../context.js';
import { fig } from '../figures.js';
import { BODY_GROUPS, tallyBodies, yearEnd, type BodyGroup, type BodyTally } from './ratings.population.js';
import { averageTable, meanOfShares, shareVi, yearsText, yearTable } from './ratings.tables.js';

/**
 * Ratings of commune governments, the Fatherland Front and the mass organizations (tốt, khá,
 * trung bình, yếu): each year, and the years together with both averages, for all bodies and
 * for the two groups the articles report apart (seed-extraction 2-18 … 2-21).
 */

const GROUP_LABELS: Record<BodyGroup, string> = {
  cq: 'Chính quyền cấp xã (Ủy ban nhân dân, Hội đồng nhân dân)',
  mt: 'Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội',
};
const GROUP_SHORT: Record<BodyGroup, string> = { cq: 'chính quyền cấp xã', mt: 'Mặt trận và các đoàn thể' };

export interface BodyYear {
  y: number;
  t: BodyTally;
}

export async function gatherBodies(rc: ReportContext, years: readonly number[], end: string): Promise<BodyYear[]> {
  const out: BodyYear[] = [];
  for (const y of years) out.push({ y, t: await tallyBodies(rc.db, y, end, await rc.windowPrefixes(`${y}-01-01`, yearEnd(y))) });
  return out;
}

/** Bodies rated at some levels, in one group or in both. */
function rated(t: BodyTally, grp?: BodyGroup, levels: readonly string[] = NONPARTY_LEVELS): number {
  let n = 0;
  for (const g of grp ? [grp] : BODY_GROUPS) for (const l of levels) n += t.rated[g][l] ?? 0;
  return n;
}

interface Spec {
  key: string;
  label: string;
  level?: number;
  n: (t: BodyTally) => number;
  den?: (t: BodyTally) => number;
  params: Record<string, string>;
}

/** The lines of a year, and of the years together: all bodies, then each group. */
function specs(end: string): Spec[] {
  const levels = (grp: BodyGroup | undefined, prefix: string): Spec[] => [
    ...NONPARTY_LEVELS.map((l) => ({
      key: `${prefix}lv.${l}`,
      label: NONPARTY_LEVEL_LABELS[l].vi,
      level: 1,
      n: (t: BodyTally) => rated(t, grp, [l]),
      den: (t: BodyTally) => rated(t, grp),
      params: { st: 'xl', lv: l, ...(grp ? { grp } : {}) },
    })),
    { key: `${prefix}kha_tro_len`, label: 'Từ khá trở lên', level: 1, n: (t) => rated(t, grp, ['tot', 'kha']), den: (t) => rated(t, grp), params: { st: 'xl', lv: 'tot,kha', ...(grp ? { grp } : {}) } },
  ];
  return [
    { key: 'tong', label: 'Tổng số cơ quan, đoàn thể thuộc diện xếp loại', n: (t) => t.tong, params: { st: 'tong' } },
    { key: 'xep_loai', label: `Đã được xếp loại (có quyết định đến ngày ${formatDateVi(end)})`, n: (t) => rated(t), den: (t) => t.tong, params: { st: 'xl' } },
    ...levels(undefined, ''),
    { key: 'chua_xep_loai', label: `Chưa có kết quả xếp loại đến ngày ${formatDateVi(end)}`, n: (t) => t.chua, den: (t) => t.tong, params: { st: 'chua' } },
    ...(['cq', 'mt'] as const).flatMap((g): Spec[] => [
      { key: `${g}.xep_loai`, label: `${GROUP_LABELS[g]} được xếp loại`, n: (t) => rated(t, g), params: { st: 'xl', grp: g } },
      ...levels(g, `${g}.`),
    ]),
  ];
}

export function bodyTables(data: readonly BodyYear[], end: string): ReportTable[] {
  const key = (y: string, params: Record<string, string>) => fig('nb', { y, d: end, ...params });
  const lines = specs(end);
  const tables = data.map((d) =>
    yearTable(
      `nam_${d.y}`,
      `Năm ${d.y}`,
      lines.map((s) => ({ key: s.key, label: s.label, ...(s.level ? { level: s.level } : {}), n: s.n(d.t), ...(s.den ? { den: s.den(d.t) } : {}), figure: key(String(d.y), s.params) })),
    ),
  );
  const years = data.map((d) => d.y);
  const of = (y: number) => data.find((d) => d.y === y)!.t;
  if (years.length)
    tables.push(
      averageTable(
        'tong_hop',
        years.length > 1 ? `Bình quân ${yearsText(years)}` : `Năm ${years[0]} — tổng hợp`,
        years,
        lines.map((s) => ({
          key: s.key,
          label: s.label,
          ...(s.level ? { level: s.level } : {}),
          n: (y: number) => s.n(of(y)),
          ...(s.den ? { den: (y: number) => s.den!(of(y)) } : {}),
          figure: (ys: string) => key(ys, s.params),
        })),
        years.length > 1 ? 'Tỷ lệ gộp = tổng số lượt đạt mức qua các năm / tổng số lượt được xếp loại (hoặc thuộc diện xếp loại) qua các năm; bình quân tỷ lệ từng năm = trung bình cộng tỷ lệ của từng năm, chỉ tính những năm có mẫu số khác 0.' : undefined,
      ),
    );
  return tables;
}

export function bodyNarrative(data: readonly BodyYear[], end: string, orgName: string): string[] {
  const out: string[] = [];
  const each = (t: BodyTally, g: BodyGroup) => NONPARTY_LEVELS.map((l) => `${NONPARTY_LEVEL_LABELS[l].vi.toLowerCase()} ${shareVi(rated(t, g, [l]), rated(t, g))}`).join(', ');
  for (const { y, t } of data) {
    const all = rated(t);
    if (!all) {
      out.push(`Năm ${y}, chưa có cơ quan, đoàn thể nào được xếp loại có quyết định đến ngày ${formatDateVi(end)} (thuộc diện xếp loại: ${soVi(t.tong)}).`);
      continue;
    }
    const parts = [`Năm ${y}, có ${soVi(rated(t, undefined, ['tot', 'kha']))}/${soVi(all)} cơ quan, đoàn thể (${phanTramVi(ratio(rated(t, undefined, ['tot', 'kha']), all).percent)}) được xếp loại khá, tốt trở lên`];
    if (rated(t, 'cq')) parts.push(`${GROUP_SHORT.cq}: ${shareVi(rated(t, 'cq', ['tot', 'kha']), rated(t, 'cq'))} khá, tốt trở lên`);
    if (rated(t, 'mt')) parts.push(`${GROUP_SHORT.mt}: ${each(t, 'mt')}`);
    out.push(`${parts.join('; ')}${t.chua ? `; ${soVi(t.chua)} chưa có kết quả xếp loại` : ''}.`);
  }
  if (data.length > 1 && data.some((d) => rated(d.t) > 0)) {
    const years = data.map((d) => d.y);
    const of = (y: number) => data.find((d) => d.y === y)!.t;
    const avg = (g: BodyGroup, levels: string[]) => {
      const n = years.reduce((a, y) => a + rated(of(y), g, levels), 0);
      const den = years.reduce((a, y) => a + rated(of(y), g), 0);
      const mean = meanOfShares(years, (y) => rated(of(y), g, levels), (y) => rated(of(y), g)).value;
      return `tỷ lệ gộp ${phanTramVi(ratio(n, den).percent)} (${soVi(n)}/${soVi(den)}), bình quân tỷ lệ từng năm ${phanTramVi(mean)}`;
    };
    out.push(
      `Bình quân ${yearsText(years)}, ${orgName}: ${GROUP_SHORT.mt} xếp loại ${NONPARTY_LEVELS.map((l) => `${NONPARTY_LEVEL_LABELS[l].vi.toLowerCase()} — ${avg('mt', [l])}`).join('; ')}; ${GROUP_SHORT.cq} khá, tốt trở lên — ${avg('cq', ['tot', 'kha'])}.`,
    );
  }
  return out;
}
