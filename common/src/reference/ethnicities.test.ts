import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../text/fold.js';
import {
  ETHNICITIES,
  ETHNICITY_CODES,
  type EthnicityCode,
  ethnicityByCode,
  findEthnicityCode,
} from './ethnicities.js';
import { ethnicityCodeSchema } from '../schemas/reference.js';

describe('ETHNICITIES', () => {
  it('has the 54 recognized groups plus foreign origin, coded 01..55 in order', () => {
    expect(ETHNICITIES).toHaveLength(55);
    ETHNICITIES.forEach((e, i) => expect(e.code).toBe(String(i + 1).padStart(2, '0')));
    expect(ETHNICITIES[0]).toEqual({ code: '01', vi: 'Kinh', en: 'Kinh' });
    expect(ethnicityByCode('08')?.vi).toBe('Hmông (Mông)');
    expect(ethnicityByCode('54')?.vi).toBe('Rơ-măm');
    expect(ethnicityByCode('55')?.en).toBe('Foreign origin');
    expect(ethnicityByCode('56')).toBeUndefined();
  });

  it('has unique labels stored in NFC', () => {
    expect(new Set(ETHNICITIES.map((e) => e.vi)).size).toBe(55);
    expect(new Set(ETHNICITIES.map((e) => e.en)).size).toBe(55);
    for (const e of ETHNICITIES) {
      expect(e.vi).toBe(e.vi.normalize('NFC'));
      expect(e.en).toMatch(/^[A-Za-z -]+$/);
    }
  });

  it('exposes the codes as a tuple usable with zod', () => {
    expect(ETHNICITY_CODES).toEqual(ETHNICITIES.map((e) => e.code));
    const code: EthnicityCode = ethnicityCodeSchema.parse('17');
    expect(code).toBe('17');
    expect(ethnicityCodeSchema.safeParse('00').success).toBe(false);
    expect(ethnicityCodeSchema.safeParse('1').success).toBe(false);
  });
});

describe('findEthnicityCode', () => {
  it.each([
    ['Kinh', '01'],
    ['kinh', '01'],
    ['Khơ-me', '05'],
    ['Khmer', '05'],
    ['Khơ Me', '05'],
    ['Mông', '08'],
    ['Hmông', '08'],
    ['H\'Mông', '08'],
    ['Hmông (Mông)', '08'],
    ['Ê Đê', '12'],
    ['Ede', '12'],
    ['Bru - Vân Kiều', '23'],
    ['Mạ', '28'],
    ['Lự', '42'],
    ['  rơ măm ', '54'],
  ])('%j → %s', (name, code) => {
    expect(findEthnicityCode(name)).toBe(code);
  });

  it('returns undefined for unknown names', () => {
    expect(findEthnicityCode('')).toBeUndefined();
    expect(findEthnicityCode('Việt')).toBeUndefined();
  });

  it('never lets two groups meet after folding', () => {
    const owner = new Map<string, string>();
    for (const e of ETHNICITIES) {
      for (const v of [e.vi, e.en, ...e.vi.split(/[()]/)]) {
        const key = foldVietnamese(v).replace(/[\s\-'’]/g, '');
        if (key === '') continue;
        const prev = owner.get(key);
        expect(prev === undefined || prev === e.code, `${v} (${e.code}) collides with ${prev}`).toBe(true);
        owner.set(key, e.code);
      }
    }
  });
});
