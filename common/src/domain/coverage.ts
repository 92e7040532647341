import type { HostUnitFlags } from './cadres.js';

/** A host unit (village, residential group, school, health station) on a date, and how a party cell covers it. */
export interface CoverageUnit {
  hostUnitId: string;
  name: string;
  kind: string;
  /** The cell serving the unit on the date, if any. */
  orgId: string | null;
  communeName: string;
  status: 'own' | 'shared' | 'none';
  members: number;
  /** Full members (chính thức) of the serving cell on the date. */
  fullMembers?: number;
  cellName?: string | null;
  flags?: HostUnitFlags;
}

/** A cell serving units of a coverage group with fewer full members than a cell needs. */
export interface CoverageCell {
  orgId: string;
  name: string;
  fullMembers: number;
  members: number;
  units: string[];
}

/** The coverage figures, each of which opens the list of units behind it. */
export const COVERAGE_STATUSES = ['all', 'ownCell', 'sharedCell', 'noCell', 'noMember', 'gaps', 'smallCell'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
