import type { ReportDefinition } from '../context.js';
import type { DrillFn } from '../drillKit.js';
import type { Source } from '../figures.js';

// TODO(issue 6): report types over the inspections module.
export const inspectionReports: ReportDefinition[] = [];
export const inspectionDrills: Partial<Record<Source, DrillFn>> = {};
