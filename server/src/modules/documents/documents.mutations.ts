import type { MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const documentsMutations: MutationSuite = async () => ({ cases: {}, bad: [], tables: [] });
