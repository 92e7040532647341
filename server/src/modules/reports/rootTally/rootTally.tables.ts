/** Root organizations' member tallies over time, and where each cell was added (migration 017, ADR 8). */
export interface RootTallyTables {
  root_tally: { org_id: string; valid_from: string; valid_to: string | null; total: number; full_members: number; counts: string };
  cell_placement: { org_id: string; valid_from: string; valid_to: string | null; root_id: string; kind: string; host_type: string };
  root_tally_rebuild: { org_id: string };
}
