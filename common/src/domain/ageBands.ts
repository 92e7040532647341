/** The official age bands (Hướng dẫn 11-HD/BTCTW): ≤30, 31–40, 41–50, 51–60, 61–70, >70. */
export const AGE_BANDS = ['le30', '31_40', '41_50', '51_60', '61_70', 'gt70'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS: Record<AgeBand, { vi: string; en: string }> = {
  le30: { vi: 'Đến 30 tuổi', en: 'Up to 30' },
  '31_40': { vi: '31–40 tuổi', en: '31–40' },
  '41_50': { vi: '41–50 tuổi', en: '41–50' },
  '51_60': { vi: '51–60 tuổi', en: '51–60' },
  '61_70': { vi: '61–70 tuổi', en: '61–70' },
  gt70: { vi: 'Trên 70 tuổi', en: 'Over 70' },
};

const UPPER_AGE: Record<AgeBand, number | null> = { le30: 30, '31_40': 40, '41_50': 50, '51_60': 60, '61_70': 70, gt70: null };
const LOWER_AGE: Record<AgeBand, number> = { le30: 0, '31_40': 31, '41_50': 41, '51_60': 51, '61_70': 61, gt70: 71 };

function minusYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) - years;
  const md = iso.slice(5);
  // 29/02 in a non-leap year: the birthday is taken as 28/02.
  const safe = md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? '02-28' : md;
  return `${String(y).padStart(4, '0')}-${safe}`;
}

/**
 * Birth-date bounds for a band on a date, so the filter is a range an index can serve:
 * age ≥ L means born on or before asOf − L years; age ≤ U means born after asOf − (U+1) years.
 */
export function ageBandBirthRange(band: AgeBand, asOf: string): { bornAfter: string | null; bornOnOrBefore: string | null } {
  const upper = UPPER_AGE[band];
  const lower = LOWER_AGE[band];
  return {
    bornAfter: upper === null ? null : minusYears(asOf, upper + 1),
    bornOnOrBefore: lower === 0 ? null : minusYears(asOf, lower),
  };
}
