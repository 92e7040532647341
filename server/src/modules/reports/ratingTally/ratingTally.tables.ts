/** Members' yearly ratings tallied per cell (migration 015, ADR 7), and every rated population per root (migration 019, ADR 8). */
export interface RatingTallyTables {
  rating_tally: { year: number; org_id: string; vfrom: string; valid_from: string; valid_to: string | null; counts: string };
  rating_tally_year: { year: number };
  rating_tally_stale: { org_id: string };
  rated_root_tally: { year: number; pop: string; root_id: string; valid_from: string; valid_to: string | null; counts: string };
  rated_root_year: { year: number };
  rated_root_stale: { root_id: string };
}
