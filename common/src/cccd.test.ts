import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCE_CODES, checkCccd, makeCccd, parseCccd } from './cccd.js';

describe('CCCD_PROVINCE_CODES', () => {
  it('lists the 63 pre-2025 provinces with 3-digit codes', () => {
    const codes = Object.keys(CCCD_PROVINCE_CODES);
    expect(codes).toHaveLength(63);
    for (const code of codes) expect(code).toMatch(/^0\d{2}$/);
    expect(new Set(Object.values(CCCD_PROVINCE_CODES)).size).toBe(63);
    expect(CCCD_PROVINCE_CODES['001']).toBe('Hà Nội');
    expect(CCCD_PROVINCE_CODES['079']).toBe('Hồ Chí Minh');
    expect(CCCD_PROVINCE_CODES['096']).toBe('Cà Mau');
    expect(CCCD_PROVINCE_CODES['003']).toBeUndefined();
  });
});

describe('makeCccd / parseCccd', () => {
  it('encodes province, sex, century, year and serial', () => {
    expect(makeCccd({ provinceCode: '001', sex: 'nam', birthYear: 1985, serial: 12345 })).toBe('001085012345');
    expect(makeCccd({ provinceCode: '079', sex: 'nu', birthYear: 1985, serial: 0 })).toBe('079185000000');
    expect(makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 2003, serial: 999999 })).toBe('012203999999');
    expect(makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 2000, serial: 7 })).toBe('012300000007');
    expect(makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 2101, serial: 7 })).toBe('012501000007');
    expect(makeCccd({ provinceCode: '012', sex: 'nam', birthYear: 2250, serial: 7 })).toBe('012650000007');
    expect(makeCccd({ provinceCode: '012', sex: 'nu', birthYear: 1899, serial: 7 })).toBe('012999000007');
  });

  it('round-trips through parseCccd', () => {
    for (const sex of ['nam', 'nu'] as const) {
      for (const birthYear of [1800, 1899, 1900, 1945, 1999, 2000, 2024, 2150, 2299]) {
        const cccd = makeCccd({ provinceCode: '046', sex, birthYear, serial: 4321 });
        expect(parseCccd(cccd)).toEqual({
          provinceCode: '046',
          provinceName: 'Thừa Thiên Huế',
          sex,
          birthYear,
          serial: '004321',
        });
      }
    }
  });

  it('rejects out-of-range arguments', () => {
    const ok = { provinceCode: '001', sex: 'nam', birthYear: 1990, serial: 1 } as const;
    expect(() => makeCccd({ ...ok, provinceCode: '1' })).toThrow(RangeError);
    expect(() => makeCccd({ ...ok, birthYear: 1799 })).toThrow(RangeError);
    expect(() => makeCccd({ ...ok, birthYear: 2300 })).toThrow(RangeError);
    expect(() => makeCccd({ ...ok, serial: 1_000_000 })).toThrow(RangeError);
    expect(() => makeCccd({ ...ok, serial: -1 })).toThrow(RangeError);
    expect(() => makeCccd({ ...ok, serial: 1.5 })).toThrow(RangeError);
  });

  it('parses nothing that is not 12 digits', () => {
    expect(parseCccd('00108501234')).toBeNull();
    expect(parseCccd('0010850123456')).toBeNull();
    expect(parseCccd('00108501234a')).toBeNull();
  });

  it('reports an unknown province as undefined', () => {
    expect(parseCccd('099085012345')?.provinceName).toBeUndefined();
  });
});

describe('checkCccd', () => {
  const valid = makeCccd({ provinceCode: '001', sex: 'nu', birthYear: 1985, serial: 123456 });

  it('accepts a CCCD consistent with the record', () => {
    expect(valid).toBe('001185123456');
    expect(checkCccd(valid)).toEqual([]);
    expect(checkCccd(valid, { sex: 'nu', birthYear: 1985 })).toEqual([]);
    expect(checkCccd(valid, { sex: null, birthYear: null })).toEqual([]);
    expect(checkCccd(valid, {})).toEqual([]);
  });

  it.each(['', '00118512345', '0011851234567', '001 185 123456', ' 001185123456', '00118512345O', '００１１８５１２３４５６'])(
    'CCCD_FORMAT for %j, reported alone',
    (cccd) => {
      expect(checkCccd(cccd, { sex: 'nam', birthYear: 1970 })).toEqual([
        { code: 'CCCD_FORMAT', message: 'Số CCCD phải gồm đúng 12 chữ số' },
      ]);
    },
  );

  it('CCCD_PROVINCE for a code outside the list', () => {
    expect(checkCccd('099185123456')).toEqual([
      { code: 'CCCD_PROVINCE', message: 'Mã tỉnh 3 số đầu của CCCD (099) không hợp lệ' },
    ]);
    expect(checkCccd('000185123456').map((i) => i.code)).toEqual(['CCCD_PROVINCE']);
  });

  it('CCCD_SEX when digit 4 contradicts the record', () => {
    expect(checkCccd('001085123456', { sex: 'nu', birthYear: 1985 })).toEqual([
      {
        code: 'CCCD_SEX',
        message: 'Chữ số thứ 4 của CCCD cho biết giới tính Nam, trái với giới tính Nữ trong hồ sơ',
      },
    ]);
    expect(checkCccd('001185123456', { sex: 'nam' })[0]?.message).toBe(
      'Chữ số thứ 4 của CCCD cho biết giới tính Nữ, trái với giới tính Nam trong hồ sơ',
    );
  });

  it('CCCD_BIRTH_YEAR when the year or the century contradicts the record', () => {
    expect(checkCccd(valid, { birthYear: 1986 })).toEqual([
      {
        code: 'CCCD_BIRTH_YEAR',
        message: 'Chữ số 4–6 của CCCD cho biết năm sinh 1985, trái với năm sinh 1986 trong hồ sơ',
      },
    ]);
    // Right last two digits, wrong century digit.
    expect(checkCccd('001385123456', { sex: 'nu', birthYear: 1985 })[0]?.message).toBe(
      'Chữ số 4–6 của CCCD cho biết năm sinh 2085, trái với năm sinh 1985 trong hồ sơ',
    );
  });

  it('CCCD_BIRTH_YEAR for a birth year in the future when the record has none', () => {
    const issues = checkCccd('001485123456');
    expect(issues.map((i) => i.code)).toEqual(['CCCD_BIRTH_YEAR']);
    expect(issues[0]?.message).toMatch(/^Chữ số 4–6 của CCCD cho biết năm sinh 2185, sau năm hiện tại \d{4}$/);
  });

  it('reports every independent problem at once', () => {
    expect(checkCccd('099285123456', { sex: 'nu', birthYear: 1985 }).map((i) => i.code)).toEqual([
      'CCCD_PROVINCE',
      'CCCD_SEX',
      'CCCD_BIRTH_YEAR',
    ]);
  });
});
