import { checkExcellentCap, ratingTier, RATING_LEVEL_TIER, RATING_RULE_SETS, type RatingLevel, type RatingRuleSet, type RatingState, type RatingStepIn, type RatingStepKind, type RatingSubject } from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditWho } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import type { StepDraft } from './ratings.policy.js';
import { orgNames, rulesFor, unitCounts } from './ratings.repository.js';
import type { RatingRow } from './ratings.tables.js';

/**
 * What the single-rating routes and the cell table share: writing a step and the state it
 * leaves, a new rating's row, the cap check, the rule set a stored rating is read under, and
 * the API shape of a rating.
 */
type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export const NOT_FOUND = () => notFound('RATING_NOT_FOUND', 'Không tìm thấy bản đánh giá, xếp loại (hoặc nằm ngoài phạm vi của bạn).');
export const staleRating = (who = '') =>
  new AppError(409, 'VERSION_CONFLICT', `Bản đánh giá${who ? ` của ${who}` : ''} vừa được người khác cập nhật. Hãy tải lại để xem dữ liệu mới nhất.`, 'version');
export const isUniqueViolation = (e: unknown) => ['23505', 'SQLITE_CONSTRAINT_UNIQUE'].includes((e as { code?: string })?.code ?? '');

export const whoOf = (ctx: RequestCtx): AuditWho => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });
export const toState = (s: string) => s as RatingState;

export interface StepWrite {
  step: RatingStepKind;
  date: string;
  level: RatingLevel | null;
  score: number | null;
  excellentConditions: boolean;
  exemptReason: string | null;
  note: string | null;
  decisionNo: string | null;
  decisionDate: string | null;
  issuer: string | null;
}

/** The rating's columns after a step: each step owns its columns, the rest stay as they were. */
function patchFor(w: StepWrite): Partial<RatingRow> {
  switch (w.step) {
    case 'tu_danh_gia':
      return { self_level: w.level, self_score: w.score };
    case 'de_xuat':
      return { proposed_level: w.level, proposed_score: w.score, excellent_conditions: w.excellentConditions ? 1 : 0, exempt_reason: null };
    case 'khong_xep_loai':
      return { exempt_reason: w.exemptReason, proposed_level: null, proposed_score: null };
    default:
      return { level: w.level, score: w.score, excellent_conditions: w.excellentConditions ? 1 : 0, decision_no: w.decisionNo, decision_date: w.decisionDate, issuer: w.issuer };
  }
}

/**
 * Writes one step and the rating's new state inside `trx` (no audit: the caller writes one row
 * for its whole request). `r.version` must be the version the caller read; a concurrent change
 * makes the guarded update miss and answers 409.
 */
export async function writeStep(trx: Trx, ctx: RequestCtx, r: RatingRow, to: RatingState, w: StepWrite, whoName = ''): Promise<RatingRow> {
  const now = nowIso();
  const claimed = await trx
    .updateTable('rating')
    .set({ ...patchFor(w), state: to, version: r.version + 1, updated_at: now })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw staleRating(whoName);
  const last = await trx.selectFrom('rating_step').select((eb) => eb.fn.max('seq').as('seq')).where('rating_id', '=', r.id).executeTakeFirst();
  await trx
    .insertInto('rating_step')
    .values({
      id: uuidv7(),
      rating_id: r.id,
      seq: Number(last?.seq ?? 0) + 1,
      step: w.step,
      from_state: r.state,
      to_state: to,
      on_date: w.date,
      level: w.level,
      score: w.score,
      excellent_conditions: w.excellentConditions ? 1 : 0,
      exempt_reason: w.exemptReason,
      note: w.note,
      decision_no: w.decisionNo,
      decision_date: w.decisionDate,
      issuer: w.issuer,
      user_id: ctx.actor.userId,
      username: ctx.actor.username,
      recorded_at: now,
    })
    .execute();
  return trx.selectFrom('rating').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
}

/** A rating before its first step: state 'moi', nothing proposed or decided. */
export function newRating(
  ctx: RequestCtx,
  r: Pick<RatingRow, 'id' | 'subject_kind' | 'subject_key' | 'person_id' | 'org_id' | 'unit_org_id' | 'path' | 'unit_path' | 'year' | 'rule_set'>,
): RatingRow {
  const now = nowIso();
  return {
    ...r,
    state: 'moi',
    self_level: null,
    self_score: null,
    proposed_level: null,
    proposed_score: null,
    excellent_conditions: 0,
    exempt_reason: null,
    level: null,
    score: null,
    decision_no: null,
    decision_date: null,
    issuer: null,
    version: 1,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  };
}

/** The cap, checked when a decision gives tier 1; explained with numerator and denominator. */
export async function checkCap(trx: Db, r: Pick<RatingRow, 'id' | 'unit_org_id' | 'year' | 'subject_kind'>, level: RatingLevel, rules: RatingRuleSet, field = 'ratingLevel') {
  if (ratingTier(level) !== 1 || rules.capShare === null) return;
  const c = await unitCounts(trx, r.unit_org_id, r.year, r.subject_kind as RatingSubject, r.id);
  const unitName = (await orgNames(trx, [r.unit_org_id])).get(r.unit_org_id) ?? '';
  const check = checkExcellentCap(rules, c.excellent + 1, c.base + 1, unitName, r.year);
  if (!check.ok) throw unprocessable('RATING_CAP_EXCEEDED', check.message!, field, { excellent: check.excellent, base: check.base, allowed: check.allowed, share: check.share });
}

export const draftOf = (i: Pick<RatingStepIn, 'step' | 'date' | 'ratingLevel' | 'score' | 'excellentConditions' | 'decisionDate'>): StepDraft => ({
  step: i.step,
  date: i.date,
  level: i.ratingLevel,
  score: i.score,
  excellentConditions: i.excellentConditions,
  decisionDate: i.decisionDate,
});

/** A rating as the API shows it. */
export function out(r: RatingRow) {
  return {
    id: r.id,
    subjectKind: r.subject_kind as RatingSubject,
    personId: r.person_id,
    orgId: r.org_id,
    unitOrgId: r.unit_org_id,
    year: r.year,
    ruleSet: r.rule_set,
    state: r.state as RatingState,
    selfLevel: r.self_level,
    selfScore: r.self_score,
    proposedLevel: r.proposed_level,
    proposedScore: r.proposed_score,
    excellentConditions: r.excellent_conditions === 1,
    exemptReason: r.exempt_reason,
    level: r.level,
    score: r.score,
    tier: r.level && r.state === 'quyet_dinh' ? (RATING_LEVEL_TIER[r.level as RatingLevel] ?? null) : null,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    issuer: r.issuer,
    version: r.version,
  };
}

/** A rating keeps the scale it started on; the province's settings (the cap) are today's for its year. */
export async function rulesOf(r: Pick<RatingRow, 'rule_set' | 'year' | 'unit_path'>, db: Db): Promise<RatingRuleSet> {
  const current = await rulesFor(db, r.year, r.unit_path);
  const own = RATING_RULE_SETS[r.rule_set];
  return own ? { ...own, capShare: own.capShare === null ? null : current.capShare } : current;
}
