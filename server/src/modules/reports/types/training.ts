import type { ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';

// TODO(issue 6): report types over the training module.
export const trainingReports: ReportDefinition[] = [];
export const trainingDrills: Partial<Record<Source, DrillFn>> = {};
