/** Members' yearly ratings tallied per cell (migration 015, ADR 7). */
export interface RatingTallyTables {
  rating_tally: { year: number; org_id: string; vfrom: string; valid_from: string; valid_to: string | null; counts: string };
  rating_tally_year: { year: number };
  rating_tally_stale: { org_id: string };
}
