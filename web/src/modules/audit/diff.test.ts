import { describe, expect, it } from 'vitest';
import { diffRows, show, vnDateTime } from './diff';

describe('vnDateTime', () => {
  it('shows UTC timestamps in Vietnam time (UTC+7), across midnight and the year end', () => {
    expect(vnDateTime('2026-11-22T03:01:32.244Z')).toBe('22/11/2026 10:01');
    expect(vnDateTime('2025-12-31T17:30:00Z')).toBe('01/01/2026 00:30');
  });
  it('leaves text that is not a timestamp alone', () => {
    expect(vnDateTime('không rõ')).toBe('không rõ');
  });
});

describe('diffRows', () => {
  it('marks changed, added and removed keys, in first-seen order', () => {
    const rows = diffRows({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', d: true });
    expect(rows.map((r) => [r.key, r.changed])).toEqual([
      ['a', false],
      ['b', true],
      ['c', true],
      ['d', true],
    ]);
  });
  it('does not count a different key order inside nested objects as a change', () => {
    expect(diffRows({ o: { x: 1, y: 2 } }, { o: { y: 2, x: 1 } })[0]?.changed).toBe(false);
  });
  it('treats a missing side (create, delete) as every key changed', () => {
    expect(diffRows(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, changed: true }]);
    expect(diffRows(null, null)).toEqual([]);
  });
});

describe('show', () => {
  it('prints dates the Vietnamese way and timestamps in Vietnam time', () => {
    expect(show('2025-07-01')).toBe('01/07/2025');
    expect(show('2026-11-22T03:20:58.478Z')).toBe('22/11/2026 10:20');
    expect(show(null)).toBe('');
    expect(show(3)).toBe('3');
  });
});
