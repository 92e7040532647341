import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMonths, ageOn, formatDateVi, formatNumberVi, isValidIsoDate, todayIso } from './dates.js';

describe('isValidIsoDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-02-28', '2025-12-31', '1900-01-01', '0001-01-01', '2025-04-30'])(
    'accepts %s',
    (s) => expect(isValidIsoDate(s)).toBe(true),
  );

  it.each([
    '2023-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025/01/01',
    '01/01/2025',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
  ])('rejects %j', (s) => expect(isValidIsoDate(s)).toBe(false));
});

describe('addMonths', () => {
  it('adds and subtracts whole months across years', () => {
    expect(addMonths('2025-07-01', 1)).toBe('2025-08-01');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2025-03-10', -27)).toBe('2022-12-10');
    expect(addMonths('2025-03-10', 0)).toBe('2025-03-10');
    expect(addMonths('2020-06-30', 60)).toBe('2025-06-30');
  });

  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('handles 29 February: 12 months later is 28/02 in a common year, 29/02 in a leap year', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2023-02-28', 12)).toBe('2024-02-28');
  });

  it('rejects bad input', () => {
    expect(() => addMonths('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1985-06-15', '2025-06-14')).toBe(39);
    expect(ageOn('1985-06-15', '2025-06-15')).toBe(40);
    expect(ageOn('1985-06-15', '2025-12-31')).toBe(40);
    expect(ageOn('2007-07-01', '2025-07-01')).toBe(18);
    expect(ageOn('2007-07-01', '2025-06-30')).toBe(17);
    expect(ageOn('2025-01-01', '2025-01-01')).toBe(0);
  });

  it('lets someone born on 29/02 age on 28/02 in common years and 29/02 in leap years', () => {
    expect(ageOn('2004-02-29', '2022-02-27')).toBe(17);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-28')).toBe(19);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('is negative when the date precedes the birth', () => {
    expect(ageOn('2000-05-10', '2000-01-01')).toBe(-1);
  });

  it('rejects invalid dates', () => {
    expect(() => ageOn('2023-02-29', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-01-01', 'today')).toThrow(RangeError);
  });
});

describe('todayIso', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('uses the UTC date of the given instant', () => {
    expect(todayIso(new Date('2025-07-01T00:30:00+07:00'))).toBe('2025-06-30');
    expect(todayIso(new Date('2024-02-29T23:59:59Z'))).toBe('2024-02-29');
  });

  it('defaults to the current UTC date', () => {
    vi.stubEnv('DANGVU_TODAY', '');
    expect(todayIso()).toBe(new Date().toISOString().slice(0, 10));
  });

  it('honours DANGVU_TODAY when no instant is given', () => {
    vi.stubEnv('DANGVU_TODAY', '2026-01-15');
    expect(todayIso()).toBe('2026-01-15');
    expect(todayIso(new Date('2025-07-01T12:00:00Z'))).toBe('2025-07-01');
  });

  it('refuses an invalid DANGVU_TODAY rather than ignoring it', () => {
    vi.stubEnv('DANGVU_TODAY', '15/01/2026');
    expect(() => todayIso()).toThrow(/DANGVU_TODAY/);
  });

  it('rejects an invalid Date', () => {
    expect(() => todayIso(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDateVi', () => {
  it('writes dd/mm/yyyy', () => {
    expect(formatDateVi('2025-07-01')).toBe('01/07/2025');
    expect(formatDateVi('2024-02-29')).toBe('29/02/2024');
  });

  it('rejects invalid dates', () => {
    expect(() => formatDateVi('2023-02-29')).toThrow(RangeError);
  });
});

describe('formatNumberVi', () => {
  it.each([
    [1234.5, undefined, '1.234,5'],
    [1046, undefined, '1.046'],
    [5_600_000, undefined, '5.600.000'],
    [0, undefined, '0'],
    [-1234.5, undefined, '-1.234,5'],
    [2 / 3, undefined, '0,667'],
    [67.7777, 2, '67,78'],
    [159.8, 1, '159,8'],
    [12, 2, '12,00'],
    [1234567.891, 2, '1.234.567,89'],
    [1.005, 2, '1,01'],
    [-0.001, 2, '0,00'],
    [0.4, 0, '0'],
  ])('%d with %s digits → %s', (n, digits, expected) => {
    expect(formatNumberVi(n, digits)).toBe(expected);
  });
});
