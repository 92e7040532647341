import { RATING_LEVEL_LABELS, RATING_LEVEL_TIER, RATING_RULE_SETS, RATING_TRANSITIONS, todayIso, type CommendationIn, type CreateRatingIn, type RatingLevel, type RatingListQuery, type RatingStepIn, type RatingSubject } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { stepLevel, stepProblem } from './ratings.policy.js';
import { disciplineIn, orgNames, orgOn, ratingDay, rulesFor } from './ratings.repository.js';
import { checkCap, draftOf, isUniqueViolation, newRating, NOT_FOUND, out, rulesOf, staleRating, toState, whoOf, writeStep } from './ratings.steps.js';
import type { RatingRow } from './ratings.tables.js';

type Db = Kysely<Database>;

/** One rating at a time: start it, record its steps, read it, list a year, commend it. */
export function ratingsService(db: Db) {
  const scope = (ctx: RequestCtx) => scopeFor(db, ctx.actor);

  async function visible(ctx: RequestCtx, r: RatingRow, trx: Db = db): Promise<{ subject: boolean; unit: boolean }> {
    const s = scopeFor(trx, ctx.actor);
    if (s.selfOnly) return { subject: r.person_id !== null && r.person_id === ctx.actor.personId, unit: false };
    const paths = await s.pathsOn(ratingDay(r.year));
    return { subject: pathWithin(r.path, paths) || pathWithin(r.unit_path, paths), unit: pathWithin(r.unit_path, paths) };
  }

  async function load(ctx: RequestCtx, id: string, trx: Db = db) {
    const r = await trx.selectFrom('rating').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw NOT_FOUND();
    const v = await visible(ctx, r, trx);
    if (!v.subject) throw NOT_FOUND();
    return { r, v };
  }

  /** Who or what is rated, where it sits on the rating day, and the unit whose cap it counts in. */
  async function resolveSubject(trx: Db, input: CreateRatingIn, day: string) {
    const yearStart = `${input.year}-01-01`;
    const yearEnd = `${input.year}-12-31`;
    if (input.subjectKind === 'to_chuc') {
      const org = await orgOn(trx, input.orgId!, day);
      if (!org) throw unprocessable('ORG_NOT_FOUND', `Không tìm thấy tổ chức đảng này vào ngày ${day.split('-').reverse().join('/')}.`, 'orgId');
      const unit = (org.parentId ? await orgOn(trx, org.parentId, day) : null) ?? org;
      return { key: `tc:${org.id}`, personId: null, org, unit, name: org.name };
    }
    const person = await trx.selectFrom('person').select(['id', 'full_name', 'admitted_on']).where('id', '=', input.personId!).executeTakeFirst();
    if (!person || !person.admitted_on || person.admitted_on > yearEnd)
      throw unprocessable('PERSON_NOT_MEMBER', `Người này không phải đảng viên trong năm ${input.year}.`, 'personId');
    if (input.subjectKind === 'lanh_dao') {
      const org = await orgOn(trx, input.orgId!, day);
      if (!org) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này.', 'orgId');
      const post = await trx
        .selectFrom('party_post')
        .select('id')
        .where('person_id', '=', person.id)
        .where('org_id', '=', org.id)
        .where('valid_from', '<=', yearEnd)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', yearStart)]))
        .executeTakeFirst();
      if (!post) throw unprocessable('NOT_A_LEADER', `${person.full_name} không giữ chức vụ trong cấp ủy của ${org.name} trong năm ${input.year}.`, 'personId');
      const unit = (org.parentId ? await orgOn(trx, org.parentId, day) : null) ?? org;
      return { key: `ld:${person.id}:${org.id}`, personId: person.id, org, unit, name: person.full_name };
    }
    // A member is rated by the cell holding them on the rating day, or the last cell they had in the year.
    const ep = await trx
      .selectFrom('membership_episode')
      .select(['org_id', 'valid_from'])
      .where('person_id', '=', person.id)
      .where('kind', '=', 'primary')
      .where('valid_from', '<=', day)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', yearStart)]))
      .orderBy('valid_from', 'desc')
      .executeTakeFirst();
    const cell = ep ? ((await orgOn(trx, ep.org_id, day)) ?? (await orgOn(trx, ep.org_id, ep.valid_from))) : null;
    if (!cell) throw unprocessable('NO_CELL_IN_YEAR', `${person.full_name} không sinh hoạt ở chi bộ nào trong năm ${input.year}.`, 'personId');
    return { key: `dv:${person.id}`, personId: person.id, org: cell, unit: cell, name: person.full_name };
  }

  async function create(ctx: RequestCtx, input: CreateRatingIn) {
    const today = todayIso();
    const day = ratingDay(input.year, today);
    const paths = scope(ctx).selfOnly ? [] : await scope(ctx).pathsOn(day);
    const id = uuidv7();
    try {
      await db.transaction().execute(async (trx) => {
        const s = await resolveSubject(trx, input, day);
        if (!pathWithin(s.org.path, paths)) {
          const field = input.subjectKind === 'to_chuc' ? 'orgId' : 'personId';
          throw unprocessable('SUBJECT_NOT_FOUND', 'Không tìm thấy đối tượng đánh giá trong phạm vi của bạn.', field);
        }
        const rules = await rulesFor(trx, input.year, s.org.path);
        const discipline = s.personId ? await disciplineIn(trx, s.personId, input.year) : null;
        const problem = stepProblem(rules, input.subjectKind, input.year, 'moi', draftOf(input), discipline, today);
        if (problem) throw unprocessable(problem.code, problem.message, problem.field);
        const existing = await trx.selectFrom('rating').select('id').where('subject_key', '=', s.key).where('year', '=', input.year).executeTakeFirst();
        if (existing) throw conflict('RATING_EXISTS', `${s.name} đã có bản đánh giá năm ${input.year}; hãy ghi bước tiếp theo trên bản đó.`, 'year', { ratingId: existing.id });
        const row = newRating(ctx, { id, subject_kind: input.subjectKind, subject_key: s.key, person_id: s.personId, org_id: s.org.id, unit_org_id: s.unit.id, path: s.org.path, unit_path: s.unit.path, year: input.year, rule_set: rules.id });
        await trx.insertInto('rating').values(row).execute();
        const after = await writeStep(trx, ctx, row, RATING_TRANSITIONS[input.step].to, {
          ...input,
          level: stepLevel(rules, input.subjectKind, draftOf(input)),
        });
        await writeAudit(trx, whoOf(ctx), { action: `rating:${input.step}`, entity: 'rating', entityId: id, path: s.org.path, after });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('RATING_EXISTS', `Đối tượng này đã có bản đánh giá năm ${input.year}.`, 'year');
      throw e;
    }
    return detail(ctx, id);
  }

  async function step(ctx: RequestCtx, id: string, input: RatingStepIn) {
    const today = todayIso();
    const { r, v } = await load(ctx, id);
    if (r.version !== input.version) throw staleRating();
    const subject = r.subject_kind as RatingSubject;
    // An organization's or leader's rating is appraised and decided by the committee above.
    const decides = input.step === 'quyet_dinh' || input.step === 'dieu_chinh';
    if (decides && subject !== 'dang_vien' && !v.unit) throw NOT_FOUND();
    const rules = await rulesOf(r, db);
    const discipline = r.person_id ? await disciplineIn(db, r.person_id, r.year) : null;
    const problem = stepProblem(rules, subject, r.year, toState(r.state), draftOf(input), discipline, today);
    if (problem) throw unprocessable(problem.code, problem.message, problem.field);
    const level = stepLevel(rules, subject, draftOf(input));
    await db.transaction().execute(async (trx) => {
      if (decides && level) await checkCap(trx, r, level, rules);
      const after = await writeStep(trx, ctx, r, RATING_TRANSITIONS[input.step].to, { ...input, level });
      await writeAudit(trx, whoOf(ctx), { action: `rating:${input.step}`, entity: 'rating', entityId: id, path: r.path, before: r, after });
    });
    return detail(ctx, id);
  }

  async function detail(ctx: RequestCtx, id: string) {
    const { r, v } = await load(ctx, id);
    const steps = await db.selectFrom('rating_step').selectAll().where('rating_id', '=', id).orderBy('seq').execute();
    const awards = await db
      .selectFrom('award')
      .select(['id', 'kind', 'title', 'year', 'decision_no', 'decision_date', 'issuer'])
      .where('rating_id', '=', id)
      .orderBy('created_at')
      .execute();
    const person = r.person_id ? await db.selectFrom('person').select(['full_name', 'birth_date']).where('id', '=', r.person_id).executeTakeFirst() : null;
    const names = await orgNames(db, [r.org_id, r.unit_org_id]);
    const rules = RATING_RULE_SETS[r.rule_set];
    return {
      ...out(r),
      subjectName: person?.full_name ?? names.get(r.org_id) ?? '',
      birthDate: person?.birth_date ?? null,
      orgName: names.get(r.org_id) ?? '',
      unitName: names.get(r.unit_org_id) ?? '',
      ruleSetName: rules?.name ?? r.rule_set,
      scale: rules ? rules.scales[r.subject_kind as RatingSubject] : [],
      scored: !!rules?.scoreBands,
      canDecide: r.subject_kind === 'dang_vien' ? v.subject : v.unit,
      steps: steps.map((s) => ({
        id: s.id,
        seq: s.seq,
        step: s.step,
        fromState: s.from_state,
        toState: s.to_state,
        date: s.on_date,
        level: s.level,
        score: s.score,
        excellentConditions: s.excellent_conditions === 1,
        exemptReason: s.exempt_reason,
        note: s.note,
        decisionNo: s.decision_no,
        decisionDate: s.decision_date,
        issuer: s.issuer,
        username: s.username,
        recordedAt: s.recorded_at,
      })),
      awards: awards.map((a) => ({ id: a.id, kind: a.kind, title: a.title, year: a.year, decisionNo: a.decision_no, decisionDate: a.decision_date, issuer: a.issuer })),
    };
  }

  async function list(ctx: RequestCtx, q: RatingListQuery) {
    const year = q.year ?? Number(todayIso().slice(0, 4));
    const day = ratingDay(year);
    const s = scope(ctx);
    let base = db.selectFrom('rating as r').leftJoin('person as p', 'p.id', 'r.person_id').where('r.year', '=', year);
    if (s.selfOnly) base = base.where('r.person_id', '=', ctx.actor.personId ?? '');
    else base = base.where(inSubtrees('r.path', await s.pathsOn(day)));
    if (q.org) base = base.where(inSubtrees('r.path', await subtreePathsOn(db, [q.org], day)));
    if (q.subjectKind) base = base.where('r.subject_kind', '=', q.subjectKind);
    if (q.state) base = base.where('r.state', '=', q.state);
    if (q.personId) base = base.where('r.person_id', '=', q.personId);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll('r')
      .select(['p.full_name'])
      .orderBy('r.subject_kind')
      .orderBy('p.sort_key')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const names = await orgNames(db, rows.flatMap((r) => [r.org_id, r.unit_org_id]));
    return {
      year,
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: rows.map((r) => ({ ...out(r), subjectName: r.full_name ?? names.get(r.org_id) ?? '', orgName: names.get(r.org_id) ?? '', unitName: names.get(r.unit_org_id) ?? '' })),
    };
  }

  /**
   * Counts per year and level over a range of years (default the last ten), each year on its own
   * scale and also by comparable tier, so old and new scales show side by side. Exemptions and
   * undecided ratings are counted apart from the decided ones.
   */
  async function commend(ctx: RequestCtx, id: string, input: CommendationIn) {
    const { r, v } = await load(ctx, id);
    if (r.subject_kind !== 'dang_vien' && !v.unit) throw NOT_FOUND();
    if (r.state !== 'quyet_dinh' || !r.level || RATING_LEVEL_TIER[r.level as RatingLevel] !== 1)
      throw unprocessable('NOT_EXCELLENT', 'Chỉ tặng giấy khen cho trường hợp đã có quyết định xếp loại "hoàn thành xuất sắc nhiệm vụ" (hoặc mức tương đương).', 'id');
    if (input.decisionDate > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau ngày hôm nay.', 'decisionDate');
    if (r.decision_date && input.decisionDate < r.decision_date)
      throw unprocessable('COMMENDATION_BEFORE_RATING', 'Ngày quyết định khen thưởng không được trước ngày quyết định xếp loại.', 'decisionDate');
    await db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('award').select('id').where('rating_id', '=', id).where('kind', '=', 'giay_khen').executeTakeFirst();
      if (existing) throw conflict('COMMENDATION_EXISTS', 'Bản xếp loại này đã được tặng giấy khen.', 'id');
      const row = {
        id: uuidv7(),
        person_id: r.subject_kind === 'to_chuc' ? null : r.person_id,
        org_id: r.subject_kind === 'to_chuc' ? r.org_id : null,
        path: r.path,
        kind: 'giay_khen',
        title: `Giấy khen ${RATING_LEVEL_LABELS[r.level as RatingLevel].vi.toLowerCase()} năm ${r.year}`,
        year: r.year,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        rating_id: id,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
      };
      await trx.insertInto('award').values(row).execute();
      await writeAudit(trx, whoOf(ctx), { action: 'rating:giay_khen', entity: 'award', entityId: row.id, path: r.path, after: row });
    });
    return detail(ctx, id);
  }

  return { create, step, detail, list, commend, load };
}
