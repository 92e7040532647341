import { describe, expect, it } from 'vitest';
import {
  ACADEMIC_TITLES,
  ACADEMIC_TITLE_LABELS,
  OCCUPATION_GROUPS,
  OCCUPATION_GROUP_LABELS,
  POLITICAL_THEORY_LABELS,
  POLITICAL_THEORY_LEVELS,
  PROFESSIONAL_QUALIFICATIONS,
  PROFESSIONAL_QUALIFICATION_LABELS,
  SEXES,
  SEX_LABELS,
  parseGeneralEducation,
} from './levels.js';
import { generalEducationSchema, occupationGroupSchema, politicalTheoryLevelSchema, sexSchema } from '../schemas/reference.js';
import type { Label } from './label.js';

describe('generalEducationSchema', () => {
  it.each(['12/12', '9/12', '10/10', '7/10', '10/12', '0/12', '05/12'])('accepts %s', (s) => {
    expect(generalEducationSchema.safeParse(s).success).toBe(true);
  });

  it.each(['13/12', '11/10', '12', '12/11', '12/9', '12 / 12', '123/12', 'mười hai', ''])('rejects %j', (s) => {
    expect(generalEducationSchema.safeParse(s).success).toBe(false);
  });

  it('gives one Vietnamese message per problem', () => {
    const format = generalEducationSchema.safeParse('12');
    expect(format.error?.issues.map((i) => i.message)).toEqual([
      'Trình độ giáo dục phổ thông phải có dạng lớp/hệ, ví dụ 12/12 hoặc 9/12',
    ]);
    const range = generalEducationSchema.safeParse('11/10');
    expect(range.error?.issues.map((i) => i.message)).toEqual([
      'Lớp (số trước dấu /) không được lớn hơn hệ (10 hoặc 12)',
    ]);
  });

  it('parses grade and system', () => {
    expect(parseGeneralEducation('9/12')).toEqual({ grade: 9, system: 12 });
    expect(parseGeneralEducation('10/10')).toEqual({ grade: 10, system: 10 });
    expect(parseGeneralEducation('11/10')).toBeNull();
    expect(parseGeneralEducation('x')).toBeNull();
  });
});

describe('code lists', () => {
  const lists: [string, readonly string[], Readonly<Record<string, Label>>][] = [
    ['professional qualifications', PROFESSIONAL_QUALIFICATIONS, PROFESSIONAL_QUALIFICATION_LABELS],
    ['academic titles', ACADEMIC_TITLES, ACADEMIC_TITLE_LABELS],
    ['political theory', POLITICAL_THEORY_LEVELS, POLITICAL_THEORY_LABELS],
    ['occupation groups', OCCUPATION_GROUPS, OCCUPATION_GROUP_LABELS],
    ['sexes', SEXES, SEX_LABELS],
  ];

  it.each(lists)('%s: unique snake_case codes, each labelled in vi and en', (_name, codes, labels) => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(labels[code]?.vi).toBeTruthy();
      expect(labels[code]?.en).toBeTruthy();
    }
  });

  it('keeps the official orders', () => {
    expect(PROFESSIONAL_QUALIFICATIONS).toEqual(['so_cap', 'trung_cap', 'cao_dang', 'dai_hoc', 'thac_si', 'tien_si']);
    expect(ACADEMIC_TITLES).toEqual(['pho_giao_su', 'giao_su']);
    expect(POLITICAL_THEORY_LEVELS).toEqual(['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan']);
    expect(OCCUPATION_GROUPS).toHaveLength(10);
    expect(SEXES).toEqual(['nam', 'nu']);
    expect(SEX_LABELS.nu.vi).toBe('Nữ');
  });

  it('validates codes with zod', () => {
    expect(sexSchema.parse('nu')).toBe('nu');
    expect(sexSchema.safeParse('Nữ').success).toBe(false);
    expect(politicalTheoryLevelSchema.safeParse('cu_nhan').success).toBe(true);
    expect(occupationGroupSchema.safeParse('nghi_huu').success).toBe(true);
    expect(occupationGroupSchema.safeParse('retired').success).toBe(false);
  });
});
