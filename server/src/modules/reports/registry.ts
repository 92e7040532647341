import type { ReportDefinition } from './context.js';
import { admissions } from './types/admissions.js';
import { coverage } from './types/coverage.js';
import { inspectionReports } from './types/inspections.js';
import { meetingReports } from './types/meetings.js';
import { ratingReports } from './types/ratings.js';
import { studyReports } from './types/study.js';
import { trainingReports } from './types/training.js';
import { ethnicityReligion } from './types/ethnicity.js';
import { membership } from './types/membership.js';
import { movement } from './types/movement.js';
import { organizations, structure } from './types/organizations.js';
import { concurrency } from './types/posts.js';
import { quality } from './types/quality.js';
import { restructuring } from './types/restructuring.js';
import { rotations } from './types/rotations.js';
import { targets } from './types/targets.js';

/** Every report type: one file each (the party-life files bring several). */
export const REPORTS: Record<string, ReportDefinition> = Object.fromEntries(
  [movement, admissions, ethnicityReligion, quality, organizations, coverage, structure, restructuring, membership, targets, concurrency, rotations, ...ratingReports, ...meetingReports, ...inspectionReports, ...trainingReports, ...studyReports].map((d) => [d.info.type, d]),
);
