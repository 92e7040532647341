import type { WorkflowSeeder } from './types.js';

export const seedAdmissions: WorkflowSeeder = async () => {};
