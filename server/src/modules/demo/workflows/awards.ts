import type { WorkflowSeeder } from './types.js';

/** Demo data of the awards module. */
export const seedAwards: WorkflowSeeder = async () => {};
