/** Ledger events per day, root organization and kind (migration 018, ADR 8). */
export interface EventTallyTables {
  event_tally: { day: string; root_id: string; kind: string; src_root: string; n: number; counts: string };
  event_tally_stale: { day: string };
  event_tally_stale_from: { day: string };
}
