import type { WorkflowSeeder } from './types.js';

/** Demo data of the inspections module. */
export const seedInspections: WorkflowSeeder = async () => {};
