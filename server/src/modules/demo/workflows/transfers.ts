import type { WorkflowSeeder } from './types.js';

export const seedTransfers: WorkflowSeeder = async () => {};
