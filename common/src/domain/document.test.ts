import { describe, expect, it } from 'vitest';
import { describeTarget, docDuplicateKey, isCovered, parseDocSymbol, parseTerm, personTimes, termDateProblem, type DocSymbol } from './document.js';

const sym = (raw: string): DocSymbol => {
  const r = parseDocSymbol(raw);
  if (!r.ok) throw new Error(r.message);
  return r.symbol;
};

describe('document symbols', () => {
  it.each([
    ['08-NQ/TU', 'dang', 8, 'NQ', 'TU', '08-NQ/TU'],
    ['330-KL/TU', 'dang', 330, 'KL', 'TU', '330-KL/TU'],
    ['99-KH/TU', 'dang', 99, 'KH', 'TU', '99-KH/TU'],
    ['06-NQ/ĐUK', 'dang', 6, 'NQ', 'ĐUK', '06-NQ/ĐUK'],
    ['26-NQ/TW', 'dang', 26, 'NQ', 'TW', '26-NQ/TW'],
    ['13-CTr/TU', 'dang', 13, 'CTr', 'TU', '13-CTr/TU'],
    ['13-ctr/tu', 'dang', 13, 'CTr', 'TU', '13-CTr/TU'],
    ['8 - nq / tu', 'dang', 8, 'NQ', 'TU', '08-NQ/TU'],
    ['06-NQ/\u00d0UK', 'dang', 6, 'NQ', 'ĐUK', '06-NQ/ĐUK'],
    ['17/CT-UBND', 'nha_nuoc', 17, 'CT', 'UBND', '17/CT-UBND'],
    ['3505/KH-UBND', 'nha_nuoc', 3505, 'KH', 'UBND', '3505/KH-UBND'],
    ['12/2020/NĐ-CP', 'nha_nuoc', 12, 'NĐ', 'CP', '12/2020/NĐ-CP'],
  ])('%s', (raw, system, number, type, issuer, canonical) => {
    expect(sym(raw)).toMatchObject({ system, number, type, issuer, canonical });
  });

  it('reads an official letter without a type code as a công văn of the agency', () => {
    expect(sym('3600/UBND-VX')).toMatchObject({ system: 'nha_nuoc', type: 'CV', issuer: 'UBND', unit: 'VX', canonical: '3600/UBND-VX' });
  });

  it.each(['', 'NQ-08/TU', 'Chỉ thị số 05', '08/NQ', '0-NQ/TU', '08-NQ-TU', '123456789-NQ/TU'])('refuses %j', (raw) => {
    expect(parseDocSymbol(raw).ok).toBe(false);
  });
});

describe('duplicate key', () => {
  it('is the same for the same party number written differently, within one term', () => {
    expect(docDuplicateKey(sym('8-NQ/TU'), 'org1', '2020-2025', '2021-03-01')).toBe(docDuplicateKey(sym('08-NQ/TU'), 'org1', '2020-2025', '2024-06-01'));
  });
  it('differs by term, type, issuer body and system', () => {
    const base = docDuplicateKey(sym('08-NQ/TU'), 'org1', '2020-2025', '2021-03-01');
    expect(docDuplicateKey(sym('08-NQ/TU'), 'org1', '2025-2030', '2026-03-01')).not.toBe(base);
    expect(docDuplicateKey(sym('08-KL/TU'), 'org1', '2020-2025', '2021-03-01')).not.toBe(base);
    expect(docDuplicateKey(sym('08-NQ/TU'), 'org2', '2020-2025', '2021-03-01')).not.toBe(base);
  });
  it('numbers state documents per year', () => {
    const a = docDuplicateKey(sym('17/CT-UBND'), 'ext:ubnd tinh', null, '2019-05-01');
    expect(docDuplicateKey(sym('17/CT-UBND'), 'ext:ubnd tinh', null, '2019-11-30')).toBe(a);
    expect(docDuplicateKey(sym('17/CT-UBND'), 'ext:ubnd tinh', null, '2020-01-02')).not.toBe(a);
  });
});

describe('terms', () => {
  it('parses and bounds', () => {
    expect(parseTerm('2020-2025')).toEqual({ from: 2020, to: 2025 });
    expect(parseTerm('2025-2020')).toBeNull();
    expect(parseTerm('khóa XII')).toBeNull();
    expect(termDateProblem('2020-2025', '2025-12-31')).toBeNull();
    expect(termDateProblem('2020-2025', '2020-01-01')).toBeNull();
    expect(termDateProblem('2020-2025', '2026-01-01')).toMatch(/không nằm trong nhiệm kỳ/);
  });
});

describe('targets and study counts', () => {
  it('describes a target the Vietnamese way', () => {
    expect(describeTarget({ comparator: '>=', value: 1000, unit: 'so_luong_nam' })).toBe('≥ 1.000/năm');
    expect(describeTarget({ comparator: '>=', value: 67.5, unit: 'ty_le' })).toBe('≥ 67,5%');
  });
  it('adds named and counted attendance into lượt', () => {
    expect(personTimes({ namedMembers: 3, namedNonMembers: 1, countedMembers: 40, countedNonMembers: 20 })).toEqual({ members: 43, nonMembers: 21, total: 64 });
  });
  it('covers with any or all of the documents', () => {
    const studied = new Set(['a', 'b']);
    expect(isCovered(studied, ['a', 'c'], 'any')).toBe(true);
    expect(isCovered(studied, ['a', 'c'], 'all')).toBe(false);
    expect(isCovered(studied, ['a', 'b'], 'all')).toBe(true);
  });
});
