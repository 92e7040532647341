import type { ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';

// TODO(issue 6): report types over the study module.
export const studyReports: ReportDefinition[] = [];
export const studyDrills: Partial<Record<Source, DrillFn>> = {};
