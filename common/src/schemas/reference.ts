import { z } from 'zod';
import { ETHNICITY_CODES } from '../reference/ethnicities.js';
import {
  ACADEMIC_TITLES,
  GENERAL_EDUCATION,
  OCCUPATION_GROUPS,
  parseGeneralEducation,
  POLITICAL_THEORY_LEVELS,
  PROFESSIONAL_QUALIFICATIONS,
  SEXES,
} from '../reference/levels.js';
import { RELIGION_CODES } from '../reference/religions.js';

/**
 * Zod schemas of the reference codes. They live here, not beside the codes and labels, so that
 * a screen that only shows labels (the dashboard) does not pull zod into its bundle.
 */
export const ethnicityCodeSchema = z.enum(ETHNICITY_CODES);
export const religionCodeSchema = z.enum(RELIGION_CODES);
export const professionalQualificationSchema = z.enum(PROFESSIONAL_QUALIFICATIONS);
export const academicTitleSchema = z.enum(ACADEMIC_TITLES);
export const politicalTheoryLevelSchema = z.enum(POLITICAL_THEORY_LEVELS);
export const occupationGroupSchema = z.enum(OCCUPATION_GROUPS);
export const sexSchema = z.enum(SEXES);

/**
 * General education is written "grade/system": "12/12", "9/12", or "10/10"
 * for people schooled in the former 10-year system, which must stay
 * distinguishable from "10/12" (two years short of completion).
 */
export const generalEducationSchema = z
  .string()
  .regex(GENERAL_EDUCATION, 'Trình độ giáo dục phổ thông phải có dạng lớp/hệ, ví dụ 12/12 hoặc 9/12')
  // zod runs refinements after a failed regex too; skip so only one message shows.
  .refine(
    (s) => !GENERAL_EDUCATION.test(s) || parseGeneralEducation(s) !== null,
    'Lớp (số trước dấu /) không được lớn hơn hệ (10 hoặc 12)',
  );
