import {
  formatDateVi,
  formatNumberVi,
  phanTramVi,
  ratio,
  ruleSetForYear,
  RATING_EXEMPT_LABELS,
  RATING_LEVEL_LABELS,
  RATING_LEVEL_TIER,
  RATING_RULE_SETS,
  soVi,
  type RatingExemptReason,
  type RatingLevel,
  type RatingRuleSet,
  type RatingSubject,
  type RatingTier,
  type ReportTable,
} from '@dangvu/common';
import { orgOn, rulesFor } from '../../ratings/ratings.repository.js';
import type { ReportContext } from '../context.js';
import { fig } from '../figures.js';
import { tallyRated, yearEnd, type RatedPopulation, type RatedTally } from './ratings.population.js';
import { averageTable, meanOfShares, shareVi, yearsText, yearTable, type AverageLine, type YearLine } from './ratings.tables.js';

/**
 * The tables and sentences of the member and organization rating reports: one table per
 * rating year on its own scale (old levels keep their old names), and one over the years by
 * comparable tier, with the pooled share and the mean of the yearly shares.
 */

export const NOUN: Record<RatedPopulation, string> = { dv: 'đảng viên', tccs: 'tổ chức cơ sở đảng', cbtt: 'chi bộ trực thuộc' };
const TITLE: Record<RatedPopulation, string> = { dv: 'Đảng viên', tccs: 'Tổ chức cơ sở đảng', cbtt: 'Chi bộ trực thuộc đảng ủy cơ sở' };
export const subjectOf = (pop: RatedPopulation): RatingSubject => (pop === 'dv' ? 'dang_vien' : 'to_chuc');

/** How a scale's top levels read in a sentence and as a row, keyed by the scale's best level. */
const PHRASES: Record<string, { best: string; good: string; goodRow: string }> = {
  htxs: { best: 'hoàn thành xuất sắc nhiệm vụ', good: 'hoàn thành tốt nhiệm vụ trở lên', goodRow: 'Từ hoàn thành tốt nhiệm vụ trở lên' },
  cu_tsvm: { best: 'đạt trong sạch, vững mạnh', good: 'đạt trong sạch, vững mạnh hoặc hoàn thành tốt nhiệm vụ', goodRow: 'Trong sạch, vững mạnh và hoàn thành tốt nhiệm vụ' },
  cu_dtc_xs: { best: 'đủ tư cách, hoàn thành xuất sắc nhiệm vụ', good: 'đủ tư cách, hoàn thành tốt nhiệm vụ trở lên', goodRow: 'Đủ tư cách, hoàn thành tốt nhiệm vụ trở lên' },
};
const phrasesOf = (scale: readonly RatingLevel[]) => PHRASES[scale[0]!] ?? PHRASES.htxs!;

export interface RatedYear {
  y: number;
  t: RatedTally;
  rules: RatingRuleSet;
  /** The year's levels: its scale, then any other level found in the records. */
  levels: RatingLevel[];
  /** The share of "xuất sắc" allowed that year where the report's organization is, null when uncapped. */
  cap: number | null;
}

const tierCount = (t: RatedTally, tiers: readonly number[]) => Object.entries(t.byLevel).reduce((a, [l, n]) => a + (tiers.includes(RATING_LEVEL_TIER[l as RatingLevel]) ? n : 0), 0);

export async function gatherRated(rc: ReportContext, pop: RatedPopulation, years: readonly number[], end: string): Promise<RatedYear[]> {
  const out: RatedYear[] = [];
  for (const y of years) {
    const prefixes = await rc.windowPrefixes(`${y}-01-01`, yearEnd(y));
    const t = await tallyRated(rc.db, pop, y, end, prefixes);
    const rules = ruleSetForYear(y);
    const scale = rules.scales[subjectOf(pop)];
    const extra = (Object.keys(t.byLevel) as RatingLevel[]).filter((l) => !scale.includes(l)).sort((a, b) => RATING_LEVEL_TIER[a] - RATING_LEVEL_TIER[b] || a.localeCompare(b));
    const root = rc.orgId ? await orgOn(rc.db, rc.orgId, yearEnd(y)) : null;
    out.push({ y, t, rules, levels: [...scale, ...extra], cap: (await rulesFor(rc.db, y, root?.path ?? '')).capShare });
  }
  return out;
}

type Fig = (params: Record<string, string | undefined>) => string;

function yearLines(pop: RatedPopulation, d: RatedYear, end: string, f: Fig): YearLine[] {
  const { t } = d;
  const p = phrasesOf(d.rules.scales[subjectOf(pop)]);
  const good = tierCount(t, [1, 2]);
  const lines: YearLine[] = [
    { key: 'tong', label: `Tổng số ${NOUN[pop]} phải đánh giá năm ${d.y}`, n: t.tong, figure: f({ st: 'tong' }) },
    { key: 'xep_loai', label: `Đã được xếp loại (có quyết định đến ngày ${formatDateVi(end)})`, n: t.xl, den: t.tong, figure: f({ st: 'xl' }) },
    ...d.levels.map((l) => ({ key: `lv.${l}`, label: RATING_LEVEL_LABELS[l].vi, level: 1, n: t.byLevel[l] ?? 0, den: t.xl, figure: f({ st: 'xl', lv: l }) })),
    { key: 'tot_tro_len', label: p.goodRow, n: good, den: t.xl, figure: f({ st: 'xl', tier: '1,2' }) },
  ];
  if (d.cap !== null)
    lines.push({
      key: 'xs_tren_tot',
      label: `Hoàn thành xuất sắc so với số từ hoàn thành tốt trở lên (giới hạn ${formatNumberVi(d.cap * 100)}%)`,
      n: tierCount(t, [1]),
      den: good,
      figure: f({ st: 'xl', tier: '1' }),
    });
  if (pop === 'dv') lines.push({ key: 'ky_luat', label: 'Bị kỷ luật trong năm (chỉ được xếp từ hoàn thành nhiệm vụ trở xuống)', n: t.kl, den: t.xl, figure: f({ st: 'kl' }) });
  lines.push({ key: 'khong_xep_loai', label: 'Không xếp loại', n: t.kxl, den: t.tong, figure: f({ st: 'kxl' }) });
  for (const [reason, n] of Object.entries(t.byReason).sort(([a], [b]) => a.localeCompare(b)))
    lines.push({ key: `kxl.${reason}`, label: RATING_EXEMPT_LABELS[reason as RatingExemptReason]?.vi ?? reason, level: 1, n, figure: f({ st: 'kxl', ly: reason }) });
  lines.push(
    { key: 'chua_quyet_dinh', label: `Đã đánh giá, chưa có quyết định xếp loại đến ngày ${formatDateVi(end)}`, n: t.cqd, den: t.tong, figure: f({ st: 'cqd' }) },
    { key: 'chua_danh_gia', label: 'Chưa có bản đánh giá', n: t.cdg, den: t.tong, figure: f({ st: 'cdg' }) },
  );
  return lines;
}

/** The levels of each tier seen over the years (the years' scales and the records), new scale first. */
function tierLabel(tier: RatingTier, data: readonly RatedYear[], subject: RatingSubject): string {
  const seen = new Set<RatingLevel>();
  for (const d of data) for (const l of [...d.rules.scales[subject], ...(Object.keys(d.t.byLevel) as RatingLevel[])]) if (RATING_LEVEL_TIER[l] === tier) seen.add(l);
  const newFirst = [...seen].sort((a, b) => Number(a.startsWith('cu_')) - Number(b.startsWith('cu_')) || a.localeCompare(b));
  return newFirst.map((l) => RATING_LEVEL_LABELS[l].vi).join(' / ') || RATING_LEVEL_LABELS[RATING_RULE_SETS['QD124-2023']!.scales[subject][tier - 1]!].vi;
}

function averageLines(pop: RatedPopulation, data: readonly RatedYear[], f: (years: string, params: Record<string, string | undefined>) => string): AverageLine[] {
  const by = new Map(data.map((d) => [d.y, d.t]));
  const t = (y: number) => by.get(y)!;
  const subject = subjectOf(pop);
  return [
    { key: 'tong', label: `Tổng số lượt ${NOUN[pop]} phải đánh giá`, n: (y) => t(y).tong, figure: (ys) => f(ys, { st: 'tong' }) },
    { key: 'xep_loai', label: 'Đã được xếp loại', n: (y) => t(y).xl, den: (y) => t(y).tong, figure: (ys) => f(ys, { st: 'xl' }) },
    ...([1, 2, 3, 4] as const).map((tier) => ({
      key: `tier.${tier}`,
      label: tierLabel(tier, data, subject),
      level: 1,
      n: (y: number) => tierCount(t(y), [tier]),
      den: (y: number) => t(y).xl,
      figure: (ys: string) => f(ys, { st: 'xl', tier: String(tier) }),
    })),
    { key: 'tot_tro_len', label: 'Từ hoàn thành tốt nhiệm vụ (hoặc tương đương) trở lên', n: (y) => tierCount(t(y), [1, 2]), den: (y) => t(y).xl, figure: (ys) => f(ys, { st: 'xl', tier: '1,2' }) },
    { key: 'khong_xep_loai', label: 'Không xếp loại', n: (y) => t(y).kxl, den: (y) => t(y).tong, figure: (ys) => f(ys, { st: 'kxl' }) },
    { key: 'chua_quyet_dinh', label: 'Đã đánh giá, chưa có quyết định xếp loại', n: (y) => t(y).cqd, den: (y) => t(y).tong, figure: (ys) => f(ys, { st: 'cqd' }) },
    { key: 'chua_danh_gia', label: 'Chưa có bản đánh giá', n: (y) => t(y).cdg, den: (y) => t(y).tong, figure: (ys) => f(ys, { st: 'cdg' }) },
  ];
}

/** The tables of one population: each year, then the years together. */
export function ratedTables(pop: RatedPopulation, data: readonly RatedYear[], end: string): ReportTable[] {
  const prefix = pop === 'dv' ? '' : `${pop}_`;
  const key = (years: string, params: Record<string, string | undefined>) => fig('rt', { s: pop, y: years, d: end, ...params });
  const tables = data.map((d) =>
    yearTable(`${prefix}nam_${d.y}`, `${TITLE[pop]} — năm ${d.y} (${d.rules.name})`, yearLines(pop, d, end, (params) => key(String(d.y), params))),
  );
  const years = data.map((d) => d.y);
  if (years.length)
    tables.push(
      averageTable(
        `${prefix}tong_hop`,
        years.length > 1 ? `${TITLE[pop]} — bình quân ${yearsText(years)}, quy về mức tương đương` : `${TITLE[pop]} — năm ${years[0]}, quy về mức tương đương để so sánh qua các năm`,
        years,
        averageLines(pop, data, key),
        years.length > 1
          ? 'Tỷ lệ gộp = tổng số lượt đạt mức qua các năm / tổng số lượt được xếp loại (hoặc phải đánh giá) qua các năm; bình quân tỷ lệ từng năm = trung bình cộng tỷ lệ của từng năm, chỉ tính những năm có mẫu số khác 0 (năm không có ai được xếp loại không tính vào bình quân tỷ lệ các mức).'
          : undefined,
      ),
    );
  return tables;
}

/** "Năm 2020, có 3/4 tổ chức cơ sở đảng (75,0%) hoàn thành tốt nhiệm vụ trở lên, trong đó …", then the averages. */
export function ratedNarrative(pop: RatedPopulation, data: readonly RatedYear[], end: string, orgName: string): string[] {
  const noun = NOUN[pop];
  const out: string[] = [];
  for (const d of data) {
    const { t } = d;
    if (!t.xl) {
      out.push(`Năm ${d.y}, chưa có ${noun} nào được xếp loại có quyết định đến ngày ${formatDateVi(end)} (phải đánh giá: ${soVi(t.tong)}).`);
      continue;
    }
    const p = phrasesOf(d.rules.scales[subjectOf(pop)]);
    const good = tierCount(t, [1, 2]);
    const levels = d.levels.map((l) => `${RATING_LEVEL_LABELS[l].vi.toLowerCase()}: ${soVi(t.byLevel[l] ?? 0)}`).join('; ');
    const rest = [
      t.kxl ? `${soVi(t.kxl)} không xếp loại` : '',
      t.cqd ? `${soVi(t.cqd)} chưa có quyết định xếp loại` : '',
      t.cdg ? `${soVi(t.cdg)} chưa có bản đánh giá` : '',
      pop === 'dv' && t.kl ? `${soVi(t.kl)} đảng viên bị kỷ luật trong năm nên chỉ được xếp từ hoàn thành nhiệm vụ trở xuống` : '',
    ].filter(Boolean);
    out.push(
      `Năm ${d.y}, có ${soVi(good)}/${soVi(t.xl)} ${noun} (${phanTramVi(ratio(good, t.xl).percent)}) ${p.good}, trong đó ${shareVi(tierCount(t, [1]), t.xl)} ${p.best} (${levels})${rest.length ? `; ${rest.join(', ')}` : ''}.`,
    );
  }
  const rated = data.filter((d) => d.t.xl > 0);
  if (data.length > 1 && rated.length) {
    const years = data.map((d) => d.y);
    const of = (y: number) => data.find((d) => d.y === y)!.t;
    const xl = years.reduce((a, y) => a + of(y).xl, 0);
    const avg = (tiers: number[]) => {
      const n = years.reduce((a, y) => a + tierCount(of(y), tiers), 0);
      const mean = meanOfShares(years, (y) => tierCount(of(y), tiers), (y) => of(y).xl).value;
      return `tỷ lệ gộp ${phanTramVi(ratio(n, xl).percent)} (${soVi(n)}/${soVi(xl)} lượt được xếp loại), bình quân tỷ lệ từng năm ${phanTramVi(mean)}`;
    };
    out.push(
      `Bình quân ${yearsText(years)} (${rated.length} năm có xếp loại), ${orgName}: ${noun} hoàn thành tốt nhiệm vụ (hoặc tương đương) trở lên — ${avg([1, 2])}; hoàn thành xuất sắc nhiệm vụ (hoặc tương đương) — ${avg([1])}.`,
    );
  }
  return out;
}

/** How the old scales are counted with the new one, from the system's own tier table. */
export function mappingNote(subject: RatingSubject): string {
  const oldScale = RATING_RULE_SETS['TRUOC-2018']!.scales[subject];
  const newScale = RATING_RULE_SETS['QD124-2023']!.scales[subject];
  const pairs = oldScale.map((l) => `"${RATING_LEVEL_LABELS[l].vi}" → "${RATING_LEVEL_LABELS[newScale[RATING_LEVEL_TIER[l] - 1]!].vi}"`);
  return `Mỗi năm giữ thang xếp loại của năm đó (trước 2018: thang cũ; từ 2018: Quy định 132-QĐ/TW, 124-QĐ/TW, 366-QĐ/TW). Để cộng dồn và lấy bình quân, mức của thang cũ được quy về mức tương đương theo bảng quy đổi của hệ thống: ${pairs.join('; ')}.`;
}

