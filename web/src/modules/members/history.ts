import type { MemberEpisode, MemberEvent, MemberHistory, MemberQualification } from './api';

export type HistoryItem =
  | { type: 'event'; key: string; date: string; event: MemberEvent; orgName: string | null; episode?: MemberEpisode }
  | { type: 'episode'; key: string; date: string; episode: MemberEpisode }
  | { type: 'qualification'; key: string; date: string; qualification: MemberQualification };

const TYPE_ORDER: Record<HistoryItem['type'], number> = { event: 0, episode: 1, qualification: 2 };

/**
 * One time line from the three histories, oldest first: events (with the cell they name),
 * membership episodes and qualifications. An episode opened by a decision on the same day in
 * the same cell (admission, transfer) is shown inside that decision rather than repeated;
 * other episodes stand on their own. On the same day a decision comes before an episode, and
 * the server's order is kept within each kind.
 */
export function mergeHistory(h: MemberHistory): HistoryItem[] {
  const orgNames = new Map<string, string>();
  for (const ep of h.episodes) orgNames.set(ep.orgId, ep.orgName);
  const opened = new Map<string, MemberEpisode>();
  for (const ep of h.episodes) {
    const cause = h.events.find((e) => e.orgId === ep.orgId && e.effectiveDate === ep.validFrom && !opened.has(e.id));
    if (cause) opened.set(cause.id, ep);
  }
  const folded = new Set([...opened.values()].map((ep) => ep.id));
  const items: (HistoryItem & { seq: number })[] = [
    ...h.events.map((event, seq) => ({
      type: 'event' as const,
      key: `e-${event.id}`,
      date: event.effectiveDate,
      event,
      orgName: event.orgId ? (orgNames.get(event.orgId) ?? null) : null,
      episode: opened.get(event.id),
      seq,
    })),
    ...h.episodes
      .filter((ep) => !folded.has(ep.id))
      .map((episode, seq) => ({ type: 'episode' as const, key: `p-${episode.id}`, date: episode.validFrom, episode, seq })),
    ...h.qualifications.map((qualification, seq) => ({
      type: 'qualification' as const,
      key: `q-${qualification.id}`,
      date: qualification.obtainedOn,
      qualification,
      seq,
    })),
  ];
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.seq - b.seq));
  return items.map(({ seq: _seq, ...item }) => item as HistoryItem);
}

/** The admission decision behind the record's admission date, when the ledger has it. */
export function admissionEvent(h: MemberHistory | undefined, admittedOn: string | null): MemberEvent | undefined {
  if (!h || !admittedOn) return undefined;
  return [...h.events].reverse().find((e) => (e.kind === 'ket_nap' || e.kind === 'phuc_hoi') && e.effectiveDate === admittedOn);
}

export function officialEvent(h: MemberHistory | undefined, officialOn: string | null): MemberEvent | undefined {
  if (!h || !officialOn) return undefined;
  return [...h.events].reverse().find((e) => e.kind === 'cong_nhan_chinh_thuc' && e.effectiveDate === officialOn);
}

/** The admitting cell's name as it was then, from the episode the admission opened. */
export function admittingCellName(h: MemberHistory | undefined, admittedOrgId: string | null): string | null {
  if (!h || !admittedOrgId) return null;
  return h.episodes.find((e) => e.orgId === admittedOrgId)?.orgName ?? null;
}
