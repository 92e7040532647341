import { describe, expect, it } from 'vitest';
import { cellTextVi, dayBefore, educationGroupOf, figuresOf, lanVi, periodTextVi, phanTramVi, ratio, ratioCell, soVi, type ReportResult } from './index.js';

describe('report figures and their Vietnamese wording', () => {
  it('keeps numerator and denominator with every percentage', () => {
    expect(ratio(648, 956)).toEqual({ num: 648, den: 956, percent: (648 / 956) * 100 });
    expect(ratio(1, 0).percent).toBeNull();
    expect(cellTextVi(ratioCell(648, 956))).toBe('67,78% (648/956)');
    expect(cellTextVi(ratioCell(206, 956))).toBe('21,55% (206/956)');
  });

  it('writes numbers the Vietnamese way', () => {
    expect(soVi(15980)).toBe('15.980');
    expect(phanTramVi((15980 / 10000) * 100)).toBe('159,8%');
    expect(lanVi(29849, 16491)).toBe('1,81 lần');
    expect(phanTramVi(null)).toBe('—');
  });

  it('states the window rule and the base day', () => {
    expect(periodTextVi({ kind: 'window', from: '2011-01-01', to: '2020-12-31' })).toBe(
      'Từ ngày 01/01/2011 đến hết ngày 31/12/2020, tính theo ngày hiệu lực của quyết định (gồm cả hai ngày đầu và cuối kỳ)',
    );
    expect(periodTextVi({ kind: 'asOf', asOf: '2012-12-31' })).toBe('Tại ngày 31/12/2012 (số liệu tính đến hết ngày)');
    expect(dayBefore('2020-01-01')).toBe('2019-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });

  it('groups general education as the form does, in both school systems', () => {
    expect([5, 6, 9, 10, 12].map((g) => educationGroupOf(g, 12))).toEqual(['tieu_hoc', 'thcs', 'thcs', 'thpt', 'thpt']);
    expect([4, 5, 7, 8, 10].map((g) => educationGroupOf(g, 10))).toEqual(['tieu_hoc', 'thcs', 'thcs', 'thpt', 'thpt']);
  });

  it('flattens a report into comparable figures', () => {
    const r = {
      tables: [{ id: 't', title: '', columns: [], rows: [{ key: 'a', label: '', cells: { n: { value: 3 }, pct: ratioCell(3, 4) } }] }],
    } as unknown as ReportResult;
    expect(figuresOf(r)).toEqual({ 't.a.n': 3, 't.a.pct': 3 });
  });
});
