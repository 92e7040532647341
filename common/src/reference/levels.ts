import type { Label } from './label.js';

/**
 * Levels and groups used on the member form (2-HSĐV) and as dimensions of the
 * official statistics (Hướng dẫn 11-HD/BTCTW). Codes are stable database
 * values; tuples are ordered from lowest to highest level because the
 * statistics forms list them that way. Labels may change, codes may not.
 */

// General education ------------------------------------------------------------

/** "grade/system": "12/12", "9/12", or "10/10" for the former 10-year system. */
export const GENERAL_EDUCATION = /^(\d{1,2})\/(10|12)$/;

export type GeneralEducation = { grade: number; system: 10 | 12 };

/** Parsed "grade/system", or null when the text is not valid general education. */
export function parseGeneralEducation(s: string): GeneralEducation | null {
  const match = GENERAL_EDUCATION.exec(s);
  if (!match) return null;
  const grade = Number(match[1]);
  const system = match[2] === '10' ? 10 : 12;
  return grade <= system ? { grade, system } : null;
}

// Professional qualification (trình độ chuyên môn) ----------------------------------

export const PROFESSIONAL_QUALIFICATIONS = [
  'so_cap',
  'trung_cap',
  'cao_dang',
  'dai_hoc',
  'thac_si',
  'tien_si',
] as const;
export type ProfessionalQualification = (typeof PROFESSIONAL_QUALIFICATIONS)[number];
export const PROFESSIONAL_QUALIFICATION_LABELS: Readonly<Record<ProfessionalQualification, Label>> = {
  so_cap: { vi: 'Sơ cấp', en: 'Elementary vocational' },
  trung_cap: { vi: 'Trung cấp', en: 'Intermediate vocational' },
  cao_dang: { vi: 'Cao đẳng', en: 'College' },
  dai_hoc: { vi: 'Đại học', en: "Bachelor's degree" },
  thac_si: { vi: 'Thạc sĩ', en: "Master's degree" },
  tien_si: { vi: 'Tiến sĩ', en: 'Doctorate' },
};
// Academic title (học hàm) ----------------------------------------------------------

export const ACADEMIC_TITLES = ['pho_giao_su', 'giao_su'] as const;
export type AcademicTitle = (typeof ACADEMIC_TITLES)[number];
export const ACADEMIC_TITLE_LABELS: Readonly<Record<AcademicTitle, Label>> = {
  pho_giao_su: { vi: 'Phó giáo sư', en: 'Associate professor' },
  giao_su: { vi: 'Giáo sư', en: 'Professor' },
};
// Political theory (lý luận chính trị) ----------------------------------------------

/** "Cử nhân" (bachelor in political theory) ranks with "cao cấp" but is a separate column in the statistics. */
export const POLITICAL_THEORY_LEVELS = ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan'] as const;
export type PoliticalTheoryLevel = (typeof POLITICAL_THEORY_LEVELS)[number];
export const POLITICAL_THEORY_LABELS: Readonly<Record<PoliticalTheoryLevel, Label>> = {
  so_cap: { vi: 'Sơ cấp', en: 'Elementary' },
  trung_cap: { vi: 'Trung cấp', en: 'Intermediate' },
  cao_cap: { vi: 'Cao cấp', en: 'Advanced' },
  cu_nhan: { vi: 'Cử nhân', en: 'Bachelor' },
};
// Occupation groups (statistics dimension) -----------------------------------------

export const OCCUPATION_GROUPS = [
  'cong_chuc',
  'can_bo_dang_doan_the',
  'can_bo_xa',
  'vien_chuc',
  'doanh_nghiep',
  'nong_lam_ngu',
  'luc_luong_vu_trang',
  'hoc_sinh_sinh_vien',
  'nghi_huu',
  'khac',
] as const;
export type OccupationGroup = (typeof OCCUPATION_GROUPS)[number];
export const OCCUPATION_GROUP_LABELS: Readonly<Record<OccupationGroup, Label>> = {
  cong_chuc: { vi: 'Công chức', en: 'Civil servants' },
  can_bo_dang_doan_the: {
    vi: 'Cán bộ Đảng, Mặt trận, đoàn thể',
    en: 'Party, Fatherland Front and mass-organization staff',
  },
  can_bo_xa: { vi: 'Cán bộ, công chức cấp xã', en: 'Commune officials' },
  vien_chuc: { vi: 'Viên chức', en: 'Public employees' },
  doanh_nghiep: { vi: 'Người lao động trong doanh nghiệp', en: 'Enterprise employees' },
  nong_lam_ngu: { vi: 'Nông, lâm, ngư nghiệp', en: 'Farming, forestry, fishing' },
  luc_luong_vu_trang: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
  hoc_sinh_sinh_vien: { vi: 'Học sinh, sinh viên', en: 'Students' },
  nghi_huu: { vi: 'Nghỉ hưu', en: 'Retired' },
  khac: { vi: 'Khác', en: 'Other' },
};
// Sex ---------------------------------------------------------------------------

export const SEXES = ['nam', 'nu'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Readonly<Record<Sex, Label>> = {
  nam: { vi: 'Nam', en: 'Male' },
  nu: { vi: 'Nữ', en: 'Female' },
};
