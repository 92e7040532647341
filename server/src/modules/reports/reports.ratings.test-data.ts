import type { BaseFixture } from './reports.test-data.js';

/** Adds the ratings records to the base report dataset; returns the ids the tests need. */
export async function addRatingsData(_f: BaseFixture) {
  return {};
}

/** Hand-worked figures for the ratings report types (same shape as EXPECTED). */
export const RATINGS_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {};
