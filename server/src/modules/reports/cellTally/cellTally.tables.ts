/** Per-cell member tallies over time (migration 012, ADR 7). */
export interface CellTallyTable {
  org_id: string;
  valid_from: string;
  valid_to: string | null;
  total: number;
  full_members: number;
  /** "code:n code:n …" over cell_tally_value, zeros left out. */
  counts: string;
}

export interface CellTallyTables {
  cell_tally: CellTallyTable;
  cell_tally_stale: { org_id: string };
  cell_tally_value: { code: number; dim: string; val: string };
}
