import type { Label } from './label.js';

/**
 * Religion codes used on the member form and in the ethnicity-and-religion
 * statistics. Codes are stable identifiers stored in the database; only the
 * labels may change.
 */
export const RELIGION_CODES = [
  'khong',
  'phat_giao',
  'cong_giao',
  'tin_lanh',
  'cao_dai',
  'hoa_hao',
  'hoi_giao',
  'khac',
] as const;

export type ReligionCode = (typeof RELIGION_CODES)[number];

export const RELIGION_LABELS: Readonly<Record<ReligionCode, Label>> = {
  khong: { vi: 'Không', en: 'None' },
  phat_giao: { vi: 'Phật giáo', en: 'Buddhism' },
  cong_giao: { vi: 'Công giáo', en: 'Catholicism' },
  tin_lanh: { vi: 'Tin lành', en: 'Protestantism' },
  cao_dai: { vi: 'Cao Đài', en: 'Caodaism' },
  hoa_hao: { vi: 'Phật giáo Hòa Hảo', en: 'Hoa Hao Buddhism' },
  hoi_giao: { vi: 'Hồi giáo', en: 'Islam' },
  khac: { vi: 'Khác', en: 'Other' },
};
