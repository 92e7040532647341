import type { WorkflowSeeder } from './types.js';

/** Demo data of the meetings module. */
export const seedMeetings: WorkflowSeeder = async () => {};
