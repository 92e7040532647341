import { describe, expect, it } from 'vitest';
import { vnDayStartUtc } from './audit.routes.js';

describe('audit date filter', () => {
  it('reads dates as Vietnam calendar days', () => {
    expect(vnDayStartUtc('2026-01-10', 0)).toBe('2026-01-09T17:00:00.000Z');
    expect(vnDayStartUtc('2026-01-10', 1)).toBe('2026-01-10T17:00:00.000Z');
    expect(vnDayStartUtc('2024-12-31', 1)).toBe('2024-12-31T17:00:00.000Z');
  });
});
