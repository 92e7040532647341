import type { BaseFixture } from './reports.test-data.js';

/** Adds the meeting and inspection records to the base report dataset; returns the ids the tests need. */
export async function addPartyLifeData(_f: BaseFixture) {
  return {};
}

/** Hand-worked figures for the meeting-quality and inspection report types (same shape as EXPECTED). */
export const PARTY_LIFE_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {};
