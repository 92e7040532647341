import type { WorkflowSeeder } from './types.js';

export const seedCadres: WorkflowSeeder = async () => {};
