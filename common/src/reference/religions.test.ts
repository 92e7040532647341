import { describe, expect, it } from 'vitest';
import { religionCodeSchema } from '../schemas/reference.js';
import { RELIGION_CODES, RELIGION_LABELS } from './religions.js';

describe('religions', () => {
  it('labels every code in both languages', () => {
    expect(RELIGION_CODES).toEqual([
      'khong', 'phat_giao', 'cong_giao', 'tin_lanh', 'cao_dai', 'hoa_hao', 'hoi_giao', 'khac',
    ]);
    expect(Object.keys(RELIGION_LABELS).sort()).toEqual([...RELIGION_CODES].sort());
    expect(RELIGION_LABELS.hoa_hao).toEqual({ vi: 'Phật giáo Hòa Hảo', en: 'Hoa Hao Buddhism' });
    for (const code of RELIGION_CODES) {
      expect(RELIGION_LABELS[code].vi).not.toBe('');
      expect(RELIGION_LABELS[code].en).not.toBe('');
    }
  });

  it('validates codes with zod', () => {
    expect(religionCodeSchema.parse('cong_giao')).toBe('cong_giao');
    expect(religionCodeSchema.safeParse('Công giáo').success).toBe(false);
  });
});
