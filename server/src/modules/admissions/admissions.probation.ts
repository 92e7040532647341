import { addMonths, DEFAULT_ADMISSION_RULES, daysBetween, probationEndsOn, probationStatus, todayIso, type ProbationListQuery } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { probationers } from './admissions.repository.js';
import { scopedPrefixes } from './admissions.service.js';

/** More rows than any commune has probationers; the answer says when it stopped there. */
const LIMIT = 1_000;
/** Month ends (29 Feb, 31st) make "12 months later" uneven: read a few days wide, then decide exactly. */
const MARGIN_DAYS = 3;

const shift = (iso: string, days: number) => new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days)).toISOString().slice(0, 10);

/**
 * Probationary members of the caller's scope (admitted through this module or recorded
 * directly): those whose 12 months end within the rule set's window, or already ended
 * with no outcome recorded.
 */
export async function probationList(db: Kysely<Database>, ctx: RequestCtx, q: ProbationListQuery) {
  const rules = DEFAULT_ADMISSION_RULES;
  const today = todayIso();
  const prefixes = await scopedPrefixes(db, ctx, q.org);
  const back = (iso: string) => addMonths(iso, -rules.probationMonths);
  const from = q.within === 'sap_het' ? shift(back(today), -MARGIN_DAYS) : null;
  const to = q.within === 'sap_het' ? shift(back(shift(today, rules.probationEndingWithinDays)), MARGIN_DAYS) : shift(back(today), MARGIN_DAYS);
  const rows = await probationers(db, prefixes, from, to, LIMIT + 1);
  const items = rows
    .slice(0, LIMIT)
    .map((r) => {
      const ends = probationEndsOn(r.admitted_on!, rules);
      return {
        personId: r.id,
        candidateId: r.candidate_id,
        fullName: r.full_name,
        orgId: r.org_id,
        orgName: r.org_name,
        admittedOn: r.admitted_on!,
        probationEndsOn: ends,
        daysLeft: daysBetween(today, ends),
        helperName: r.helper_name,
      };
    })
    .filter((r) => probationStatus(r.probationEndsOn, today, rules) === q.within);
  return { within: q.within, today, total: items.length, capped: rows.length > LIMIT, items };
}
