import {
  checkExcellentCap,
  isCellKind,
  ratingTier,
  RATING_TRANSITIONS,
  suggestedRatingExemption,
  todayIso,
  type CellRatingRow,
  type CellRatingsIn,
  type RatingLevel,
  type RatingState,
  type RatingStepKind,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { stepLevel, stepProblem, type StepProblem } from './ratings.policy.js';
import { disciplinesIn, orgOn, ratingDay, rulesFor, standingLevel, type OrgOn } from './ratings.repository.js';
import { newRating, out, staleRating, whoOf, writeStep, type StepWrite } from './ratings.steps.js';
import type { RatingRow } from './ratings.tables.js';

type Db = Kysely<Database>;

const NOT_FOUND = () => notFound('ORG_NOT_FOUND', 'Không tìm thấy chi bộ (hoặc chi bộ nằm ngoài phạm vi của bạn).');

/** Which row field a step's level and score come from, for errors that name the cell of the table. */
const FIELDS: Record<RatingStepKind, { level: string; score: string }> = {
  tu_danh_gia: { level: 'selfLevel', score: 'selfScore' },
  de_xuat: { level: 'proposedLevel', score: 'score' },
  khong_xep_loai: { level: 'exemptReason', score: 'score' },
  quyet_dinh: { level: 'proposedLevel', score: 'score' },
  dieu_chinh: { level: 'proposedLevel', score: 'score' },
};

export interface RowError {
  row: number;
  personId: string;
  fullName: string;
  field: string;
  code: string;
  message: string;
}

/**
 * The cell secretary's table: one row per member of the cell in the year, saved all at once.
 * The steps a row implies (self-assessment, proposal, exemption) go through the same rules as
 * the single-step routes; any wrong row refuses the whole save and every error names its member.
 */
export function cellRatingsService(db: Db) {
  async function cellOf(ctx: RequestCtx, orgId: string, year: number, trx: Db = db): Promise<OrgOn> {
    const day = ratingDay(year);
    const org = await orgOn(trx, orgId, day);
    const s = scopeFor(trx, ctx.actor);
    if (!org || s.selfOnly || !pathWithin(org.path, await s.pathsOn(day))) throw NOT_FOUND();
    if (!isCellKind(org.kind)) throw unprocessable('ORG_NOT_CELL', 'Bảng đánh giá đảng viên chỉ mở cho một chi bộ.', 'orgId');
    return org;
  }

  /** Members of the cell on the rating day, and anyone the cell has already rated that year. */
  async function members(trx: Db, cell: OrgOn, year: number) {
    const day = ratingDay(year);
    const inCell = trx
      .selectFrom('membership_episode as e')
      .select('e.person_id')
      .where('e.org_id', '=', cell.id)
      .where('e.kind', '=', 'primary')
      .where('e.valid_from', '<=', day)
      .where((eb) => eb.or([eb('e.valid_to', 'is', null), eb('e.valid_to', '>', day)]));
    const rated = trx.selectFrom('rating as r').select('r.person_id').where('r.unit_org_id', '=', cell.id).where('r.year', '=', year).where('r.subject_kind', '=', 'dang_vien');
    const people = await trx
      .selectFrom('person as p')
      .select(['p.id', 'p.full_name', 'p.birth_date', 'p.admitted_on', 'p.official_on', 'p.activity'])
      .where((eb) => eb.or([eb('p.id', 'in', inCell), eb('p.id', 'in', rated)]))
      .where('p.admitted_on', '<=', `${year}-12-31`)
      .orderBy('p.sort_key')
      .orderBy('p.id')
      .execute();
    const ratings = await trx.selectFrom('rating').selectAll().where('subject_kind', '=', 'dang_vien').where('year', '=', year).where('unit_org_id', '=', cell.id).execute();
    return { people, ratings: new Map(ratings.filter((r) => r.person_id).map((r) => [r.person_id!, r])) };
  }

  async function view(ctx: RequestCtx, orgId: string, year: number) {
    const cell = await cellOf(ctx, orgId, year);
    const rules = await rulesFor(db, year, cell.path);
    const { people, ratings } = await members(db, cell, year);
    const disciplines = await disciplinesIn(
      db,
      people.map((p) => p.id),
      year,
    );
    const current = year === Number(todayIso().slice(0, 4));
    let excellent = 0;
    let base = 0;
    for (const r of ratings.values()) {
      const l = standingLevel(r);
      if (l && ratingTier(l) === 1) excellent++;
      if (l && ratingTier(l) <= 2) base++;
    }
    return {
      org: { id: cell.id, name: cell.name },
      year,
      ruleSet: { id: rules.id, name: rules.name, scoreBands: rules.scoreBands, excellentNeedsConditions: rules.excellentNeedsConditions, capShare: rules.capShare },
      scale: rules.scales.dang_vien,
      cap: checkExcellentCap(rules, excellent, base, cell.name, year),
      rows: people.map((p) => {
        const r = ratings.get(p.id);
        return {
          personId: p.id,
          fullName: p.full_name,
          birthDate: p.birth_date,
          admittedOn: p.admitted_on,
          officialOn: p.official_on,
          // Only this year's record says who is exempted now; past years show what was recorded.
          suggestedExempt: suggestedRatingExemption(year, { admittedOn: p.admitted_on, activity: current ? p.activity : null }),
          discipline: disciplines.get(p.id) ?? null,
          rating: r ? out(r) : null,
        };
      }),
    };
  }

  /** The steps one row asks for, in flow order; empty when nothing changed. */
  function stepsOf(row: CellRatingRow, r: RatingRow | undefined, proposed: RatingLevel | null): RatingStepKind[] {
    const steps: RatingStepKind[] = [];
    const hasSelf = row.selfLevel !== null || row.selfScore !== null;
    if (hasSelf && (row.selfLevel !== (r?.self_level ?? null) || row.selfScore !== (r?.self_score ?? null))) steps.push('tu_danh_gia');
    if (row.exemptReason) {
      if (r?.state !== 'khong_xep_loai' || r.exempt_reason !== row.exemptReason) steps.push('khong_xep_loai');
      return steps;
    }
    const hasProposal = proposed !== null || row.score !== null;
    const changed =
      r?.state === 'khong_xep_loai' ||
      proposed !== (r?.proposed_level ?? null) ||
      row.score !== (r?.proposed_score ?? null) ||
      row.excellentConditions !== ((r?.excellent_conditions ?? 0) === 1);
    if (hasProposal && changed) steps.push('de_xuat');
    return steps;
  }

  async function save(ctx: RequestCtx, orgId: string, input: CellRatingsIn) {
    const today = todayIso();
    const { year } = input;
    if (input.date > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày thực hiện không được sau ngày hôm nay.', 'date');
    const seen = new Set<string>();
    input.rows.forEach((row, i) => {
      if (seen.has(row.personId)) throw unprocessable('DUPLICATE_ROW', `Dòng ${i + 1}: đảng viên này xuất hiện hai lần trong bảng.`, `rows.${i}.personId`);
      seen.add(row.personId);
    });
    const changes: { ratingId: string; personId: string; steps: RatingStepKind[] }[] = [];
    await db.transaction().execute(async (trx) => {
      const cell = await cellOf(ctx, orgId, year, trx);
      const rules = await rulesFor(trx, year, cell.path);
      const { people, ratings } = await members(trx, cell, year);
      const byId = new Map(people.map((p) => [p.id, p]));
      const disciplines = await disciplinesIn(trx, [...seen], year);
      const errors: RowError[] = [];
      const stale: string[] = [];
      const plans: { row: CellRatingRow; r: RatingRow | undefined; steps: RatingStepKind[]; proposed: RatingLevel | null; name: string }[] = [];
      input.rows.forEach((row, i) => {
        const p = byId.get(row.personId);
        const fail = (pr: StepProblem | { code: string; field: string; message: string }, name: string) =>
          errors.push({ row: i, personId: row.personId, fullName: name, field: `rows.${i}.${pr.field}`, code: pr.code, message: `${name}: ${pr.message}` });
        if (!p) return fail({ code: 'NOT_IN_CELL', field: 'personId', message: `không sinh hoạt tại ${cell.name} trong năm ${year}.` }, `Dòng ${i + 1}`);
        const r = ratings.get(p.id);
        const proposed = row.exemptReason ? null : stepLevel(rules, 'dang_vien', { level: row.proposedLevel, score: row.score, excellentConditions: row.excellentConditions });
        const steps = stepsOf(row, r, proposed);
        if (!steps.length) return;
        if (r ? row.version !== r.version : row.version !== null) return void stale.push(p.full_name);
        let state: RatingState = (r?.state as RatingState | undefined) ?? 'moi';
        for (const step of steps) {
          const self = step === 'tu_danh_gia';
          const problem = stepProblem(
            rules,
            'dang_vien',
            year,
            state,
            {
              step,
              date: input.date,
              level: self ? row.selfLevel : proposed,
              score: self ? row.selfScore : row.score,
              excellentConditions: row.excellentConditions,
              decisionDate: null,
            },
            disciplines.get(p.id) ?? null,
            today,
            FIELDS[step].level,
            FIELDS[step].score,
          );
          if (problem) {
            // A refused step is about the value in that column, not about a "step" the table never shows.
            const field = problem.field === 'step' ? FIELDS[step].level : problem.field;
            if (problem.field === 'date' || problem.field === 'year') throw unprocessable(problem.code, problem.message, problem.field);
            return fail({ ...problem, field }, p.full_name);
          }
          state = RATING_TRANSITIONS[step].to;
        }
        plans.push({ row, r, steps, proposed, name: p.full_name });
      });
      if (stale.length) throw staleRating(stale.join(', '));
      if (errors.length) {
        const more = errors.length > 1 ? ` (và ${errors.length - 1} lỗi khác)` : '';
        throw new AppError(422, 'CELL_RATINGS_INVALID', `${errors[0]!.message}${more}`, errors[0]!.field, { rows: errors });
      }
      for (const plan of plans) {
        let r = plan.r;
        if (!r) {
          const p = plan.row.personId;
          r = newRating(ctx, { id: uuidv7(), subject_kind: 'dang_vien', subject_key: `dv:${p}`, person_id: p, org_id: cell.id, unit_org_id: cell.id, path: cell.path, unit_path: cell.path, year, rule_set: rules.id });
          await trx.insertInto('rating').values(r).execute();
        }
        for (const step of plan.steps) {
          const self = step === 'tu_danh_gia';
          const w: StepWrite = {
            step,
            date: input.date,
            level: step === 'khong_xep_loai' ? null : self ? plan.row.selfLevel : plan.proposed,
            score: step === 'khong_xep_loai' ? null : self ? plan.row.selfScore : plan.row.score,
            excellentConditions: !self && plan.row.excellentConditions,
            exemptReason: step === 'khong_xep_loai' ? plan.row.exemptReason : null,
            note: plan.row.note,
            decisionNo: null,
            decisionDate: null,
            issuer: null,
          };
          r = await writeStep(trx, ctx, r, RATING_TRANSITIONS[step].to, w, plan.name);
        }
        changes.push({ ratingId: r.id, personId: plan.row.personId, steps: plan.steps });
      }
      // Nothing changed: nothing to write, so nothing to audit.
      if (changes.length)
        await writeAudit(trx, whoOf(ctx), { action: 'rating:bang_chi_bo', entity: 'organization', entityId: cell.id, path: cell.path, after: { year, date: input.date, changes } });
    });
    return { saved: changes.length, ...(await view(ctx, orgId, year)) };
  }

  return { view, save };
}
