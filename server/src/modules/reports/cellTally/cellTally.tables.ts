/** Per-cell member tallies over time (migration 012, ADR 7). */
export interface CellTallyTable {
  org_id: string;
  valid_from: string;
  valid_to: string | null;
  total: number;
  full_members: number;
  /** JSON {"dim": {"value": n}}, zeros left out. */
  counts: string;
}

export interface CellTallyTables {
  cell_tally: CellTallyTable;
  cell_tally_stale: { org_id: string };
}
