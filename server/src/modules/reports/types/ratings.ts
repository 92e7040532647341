import type { ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';

// TODO(issue 6): report types over the ratings module.
export const ratingReports: ReportDefinition[] = [];
export const ratingDrills: Partial<Record<Source, DrillFn>> = {};
