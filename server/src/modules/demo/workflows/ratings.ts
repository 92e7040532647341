import type { WorkflowSeeder } from './types.js';

/** Demo data of the ratings module. */
export const seedRatings: WorkflowSeeder = async () => {};
