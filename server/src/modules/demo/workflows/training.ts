import type { WorkflowSeeder } from './types.js';

/** Demo data of the training module. */
export const seedTraining: WorkflowSeeder = async () => {};
