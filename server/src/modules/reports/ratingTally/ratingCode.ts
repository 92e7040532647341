/**
 * `ratingCode` of reports/types/ratings.population.ts in plain code: what a rating stood at on
 * a report end date, from its steps (or its row when it has none). The tally test holds the two
 * equal on many dates.
 */
export interface CodedStep {
  step: string;
  seq: number;
  on_date: string;
  decision_date: string | null;
  level: string | null;
  exempt_reason: string | null;
}

export interface CodedRow {
  state: string;
  level: string | null;
  decision_date: string | null;
  exempt_reason: string | null;
}

const isDecision = (s: CodedStep) => s.step === 'quyet_dinh' || s.step === 'dieu_chinh';
const decisionDay = (s: CodedStep) => s.decision_date ?? s.on_date;
const later = (a: { day: string; seq: number }, b: { day: string; seq: number }) => a.day > b.day || (a.day === b.day && a.seq > b.seq);

export function ratingCodeOn(steps: readonly CodedStep[], row: CodedRow, end: string): string | null {
  if (!steps.length) {
    if (row.state === 'khong_xep_loai') return `kxl:${row.exempt_reason ?? 'khac'}`;
    return row.level !== null && row.decision_date !== null && row.decision_date <= end ? `xl:${row.level}` : null;
  }
  let decision: { day: string; seq: number; s: CodedStep } | null = null;
  let other: { day: string; seq: number; s: CodedStep } | null = null;
  for (const s of steps) {
    if (isDecision(s)) {
      const c = { day: decisionDay(s), seq: s.seq, s };
      if (c.day <= end && (!decision || later(c, decision))) decision = c;
    } else if (s.step === 'de_xuat' || s.step === 'khong_xep_loai') {
      const c = { day: s.on_date, seq: s.seq, s };
      if (c.day <= end && (!other || later(c, other))) other = c;
    }
  }
  if (decision) return decision.s.level === null ? null : `xl:${decision.s.level}`;
  if (other?.s.step === 'khong_xep_loai') return `kxl:${other.s.exempt_reason ?? 'khac'}`;
  return null;
}

/** The end dates on which the code can change. */
export function codeChangeDays(steps: readonly CodedStep[], row: CodedRow): string[] {
  if (!steps.length) return row.decision_date ? [row.decision_date] : [];
  return steps.map((s) => (isDecision(s) ? decisionDay(s) : s.on_date));
}
