import type { WorkflowSeeder } from './types.js';

/** Demo data of the documents module. */
export const seedDocuments: WorkflowSeeder = async () => {};
