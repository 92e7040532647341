import { describe, expect, it } from 'vitest';
import { activeFilterCount, exportQueryString, filtersToSearch, listQueryString, parseFilters, withFilter } from './filters';

const parse = (s: string) => parseFilters(new URLSearchParams(s));

describe('member list filters in the URL', () => {
  it('reads a dashboard link as is', () => {
    const f = parse('sex=nu&asOf=2020-12-31&ageBand=31_40&theory=khong&ethnicity=08');
    expect(f).toEqual({ sex: 'nu', asOf: '2020-12-31', ageBand: '31_40', theory: 'khong', ethnicity: '08', page: 1, pageSize: 20 });
  });

  it('drops values the server would refuse, so a mistyped link still opens a list', () => {
    const f = parse('sex=x&asOf=2021-02-30&status=nope&ageBand=99&page=-3&pageSize=7&org=abc&eventYear=2020');
    expect(f).toEqual({ page: 1, pageSize: 20 });
  });

  it('keeps an event kind alone (any year) but never a year without its kind', () => {
    expect(parse('eventKind=tu_tran').eventKind).toBe('tu_tran');
    expect(parse('eventKind=tu_tran&eventYear=2023').eventYear).toBe('2023');
    expect(parse('eventYear=2023').eventYear).toBeUndefined();
  });

  it('writes short URLs and round-trips', () => {
    const f = parse('q=giang%20pao&status=du_bi&page=3&pageSize=50');
    const out = filtersToSearch(f);
    expect(out).toEqual({ q: 'giang pao', status: 'du_bi', page: '3', pageSize: '50' });
    expect(parse(new URLSearchParams(out).toString())).toEqual(f);
    expect(filtersToSearch(parse(''))).toEqual({});
  });

  it('goes back to page 1 when a filter changes, and clears what no longer applies', () => {
    const f = parse('page=4&status=mien_sinh_hoat&eventKind=xoa_ten&eventYear=2022');
    expect(withFilter(f, { sex: 'nam' })).toMatchObject({ page: 1, sex: 'nam', status: 'mien_sinh_hoat' });
    // A past date only distinguishes grade: an activity status would be refused by the server.
    expect(withFilter(f, { asOf: '2019-01-01' }).status).toBeUndefined();
    expect(withFilter(parse('status=du_bi'), { asOf: '2019-01-01' }).status).toBe('du_bi');
    expect(withFilter(f, { eventKind: undefined }).eventYear).toBeUndefined();
  });

  it('sends paging to the list but not to the export', () => {
    const f = parse('q=%20an%20&sex=nu&page=2');
    expect(listQueryString(f)).toBe('?q=an&sex=nu&page=2&pageSize=20');
    expect(exportQueryString(f)).toBe('?q=an&sex=nu');
  });

  it('counts narrowing filters', () => {
    expect(activeFilterCount(parse('q=a&asOf=2020-01-01'))).toBe(0);
    expect(activeFilterCount(parse('sex=nu&org=01941f29-7c00-7001-bc9c-06e7aa48a41c&eventKind=tu_tran&eventYear=2020'))).toBe(3);
  });
});
