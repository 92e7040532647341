import type { ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';

// TODO(issue 6): report types over the meetings module.
export const meetingReports: ReportDefinition[] = [];
export const meetingDrills: Partial<Record<Source, DrillFn>> = {};
