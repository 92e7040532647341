/** A village or residential group on a date, and how a party cell covers it. */
export interface CoverageUnit {
  hostUnitId: string;
  name: string;
  kind: string;
  /** The cell serving the unit on the date, if any. */
  orgId: string | null;
  communeName: string;
  status: 'own' | 'shared' | 'none';
  members: number;
}

/** The coverage figures, each of which opens the list of units behind it. */
export const COVERAGE_STATUSES = ['all', 'ownCell', 'sharedCell', 'noCell', 'noMember', 'gaps'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
