import type { DrillFn } from './drillKit.js';
import type { Source } from './figures.js';
import { inspectionDrills } from './types/inspections.js';
import { meetingDrills } from './types/meetings.js';
import { ratingDrills } from './types/ratings.js';
import { studyDrills } from './types/study.js';
import { trainingDrills } from './types/training.js';

/** Drill-downs of the sources that report types over the party-life modules bring with them. */
export const MORE_DRILLS: Partial<Record<Source, DrillFn>> = { ...ratingDrills, ...meetingDrills, ...inspectionDrills, ...trainingDrills, ...studyDrills };
