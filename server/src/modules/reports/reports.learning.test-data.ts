import type { BaseFixture } from './reports.test-data.js';

/** Adds the training and study-session records to the base report dataset; returns the ids the tests need. */
export async function addLearningData(_f: BaseFixture) {
  return {};
}

/** Hand-worked figures for the training and resolution-study report types (same shape as EXPECTED). */
export const LEARNING_EXPECTED: Record<string, { q: string; figures: Record<string, number | null> }> = {};
