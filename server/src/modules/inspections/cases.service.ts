import {
  acceptsRequirements,
  caseDisciplineRefusal,
  caseShapeRefusal,
  INSPECTION_RULE_SETS,
  inspectionActionsFrom,
  inspectionRulesOn,
  inspectionStep,
  todayIso,
  type AddRequirementIn,
  type CreateInspectionCaseIn,
  type CreateInspectionPlanIn,
  type InspectionActivity,
  type InspectionBodyKind,
  type InspectionCaseDetailOut,
  type InspectionCaseListQuery,
  type InspectionCaseSummaryOut,
  type InspectionCountsOut,
  type InspectionCountsQuery,
  type InspectionKind,
  type InspectionPlanOut,
  type InspectionState,
  type InspectionStepIn,
  type InspectionSubjectType,
  type RequirementFollowUpIn,
  type DisciplineForm,
} from '@dangvu/common';
import { sql } from 'kysely';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin } from '../../platform/scope.js';
import { orgForWrite, orgPathsOn, personForWrite, staleVersion, who, type Q } from '../cadres/cadres.shared.js';
import { disciplineService } from './discipline.service.js';
import { caseNotFound, cellOn, dmy, scopePathsEver } from './inspections.shared.js';
import type { InspectionCaseRow, InspectionPlanRow } from './inspections.tables.js';

const rulesById = (id: string) => INSPECTION_RULE_SETS.find((r) => r.id === id) ?? inspectionRulesOn(todayIso());

/** Plans, cases, their steps and requirements, and the counts everyone in scope may see. */
export function casesService(db: Q) {
  const discipline = disciplineService(db);

  async function visibleCase(ctx: RequestCtx, id: string, q: Q = db): Promise<InspectionCaseRow> {
    const c = await q.selectFrom('inspection_case').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c || !pathWithin(c.body_path, await scopePathsEver(q, ctx.actor))) throw caseNotFound();
    return c;
  }

  async function names(rows: readonly { body_org_id: string; subject_type: string; subject_id: string }[]) {
    const today = todayIso();
    const orgIds = rows.flatMap((r) => [r.body_org_id, ...(r.subject_type === 'to_chuc' ? [r.subject_id] : [])]);
    const orgs = await orgPathsOn(db, orgIds, today);
    const personIds = [...new Set(rows.filter((r) => r.subject_type === 'dang_vien').map((r) => r.subject_id))];
    const people = new Map<string, string>();
    for (let i = 0; i < personIds.length; i += 500) {
      const ps = await db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', personIds.slice(i, i + 500)).execute();
      ps.forEach((p) => people.set(p.id, p.full_name));
    }
    return {
      org: (id: string) => ({ id, name: orgs.get(id)?.name ?? id }),
      subject: (r: { subject_type: string; subject_id: string }) => ({
        id: r.subject_id,
        name: (r.subject_type === 'to_chuc' ? orgs.get(r.subject_id)?.name : people.get(r.subject_id)) ?? r.subject_id,
      }),
    };
  }

  function summary(c: InspectionCaseRow, n: Awaited<ReturnType<typeof names>>): InspectionCaseSummaryOut {
    return {
      id: c.id,
      planId: c.plan_id,
      year: Number(c.year),
      activity: c.activity as InspectionActivity,
      bodyKind: c.body_kind as InspectionBodyKind,
      bodyOrg: n.org(c.body_org_id),
      subjectType: c.subject_type as InspectionSubjectType,
      subject: n.subject(c),
      kind: c.kind as InspectionKind,
      state: c.state as InspectionState,
      decisionNo: c.decision_no,
      decisionDate: c.decision_date,
      startDate: c.start_date,
      endDate: c.end_date,
      conclusionDate: c.conclusion_date,
      violationsFound: c.violations_found === null ? null : Number(c.violations_found) === 1,
      version: Number(c.version),
    };
  }

  async function detail(ctx: RequestCtx, id: string): Promise<InspectionCaseDetailOut> {
    const c = await visibleCase(ctx, id);
    const n = await names([c]);
    const today = todayIso();
    const reqs = await db.selectFrom('inspection_requirement').selectAll().where('case_id', '=', id).orderBy('seq').execute();
    const plan = c.plan_id ? await db.selectFrom('inspection_plan').select(['id', 'title']).where('id', '=', c.plan_id).executeTakeFirst() : undefined;
    const state = c.state as InspectionState;
    const rules = rulesById(c.rules);
    return {
      ...summary(c, n),
      rules: rules.name,
      content: c.content,
      conclusion: c.conclusion,
      cancelReason: c.cancel_reason,
      plan: plan ?? null,
      requirements: reqs.map((r) => ({
        id: r.id,
        content: r.content,
        deadline: r.deadline,
        doneOn: r.done_on,
        result: r.result,
        overdue: !r.done_on && !!r.deadline && r.deadline < today,
        version: Number(r.version),
      })),
      disciplines: await discipline.ofCase(id),
      actions: inspectionActionsFrom(state),
      mayDiscipline:
        caseDisciplineRefusal({ state, activity: c.activity as InspectionActivity, violationsFound: Number(c.violations_found) === 1 }, rules) === null,
    };
  }

  async function planOut(rows: InspectionPlanRow[]): Promise<InspectionPlanOut[]> {
    const orgs = await orgPathsOn(db, rows.map((r) => r.body_org_id), todayIso());
    const counts = new Map<string, number>();
    if (rows.length) {
      const cs = await db
        .selectFrom('inspection_case')
        .select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('plan_id', 'in', rows.map((r) => r.id))
        .groupBy('plan_id')
        .execute();
      cs.forEach((c) => counts.set(c.plan_id!, Number(c.n)));
    }
    return rows.map((r) => ({
      id: r.id,
      year: Number(r.year),
      bodyKind: r.body_kind as InspectionBodyKind,
      bodyOrg: { id: r.body_org_id, name: orgs.get(r.body_org_id)?.name ?? r.body_org_id },
      title: r.title,
      decisionNo: r.decision_no,
      decisionDate: r.decision_date,
      note: r.note,
      cases: counts.get(r.id) ?? 0,
      version: Number(r.version),
    }));
  }

  /** The body of a plan or case: an organization in scope that existed on the date, of a kind that has such a body. */
  async function bodyFor(ctx: RequestCtx, bodyKind: InspectionBodyKind, orgId: string, on: string) {
    const org = await orgForWrite(db, ctx, orgId, on, 'bodyOrgId');
    const v = caseShapeRefusal({ activity: 'kiem_tra', bodyKind, bodyOrgKind: org.then.kind, subjectType: 'dang_vien', kind: 'theo_ke_hoach' }, inspectionRulesOn(on));
    if (v) throw unprocessable(v.code, v.message, v.field);
    return org.then;
  }

  return {
    detail,

    async listPlans(ctx: RequestCtx, year: number | undefined) {
      const paths = await scopePathsEver(db, ctx.actor);
      let q = db.selectFrom('inspection_plan').selectAll().where(inSubtrees('body_path', paths));
      if (year) q = q.where('year', '=', year);
      return { items: await planOut(await q.orderBy('year', 'desc').orderBy('title').orderBy('id').limit(500).execute()) };
    },

    async createPlan(ctx: RequestCtx, input: CreateInspectionPlanIn) {
      const on = input.decisionDate ?? `${input.year}-01-01`;
      if (input.decisionDate && input.decisionDate > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày ban hành không được sau hôm nay.', 'decisionDate');
      if (input.decisionDate && Math.abs(Number(input.decisionDate.slice(0, 4)) - input.year) > 1)
        throw unprocessable('PLAN_DATE_FAR', `Kế hoạch năm ${input.year} phải ban hành trong năm đó hoặc cuối năm trước.`, 'decisionDate');
      const body = await bodyFor(ctx, input.bodyKind, input.bodyOrgId, on);
      const row: InspectionPlanRow = {
        id: uuidv7(),
        year: input.year,
        body_kind: input.bodyKind,
        body_org_id: input.bodyOrgId,
        body_path: body.path,
        title: input.title,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        note: input.note,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('inspection_plan').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'inspection_plan', entityId: row.id, path: body.path, after: row });
      });
      return (await planOut([row]))[0]!;
    },

    async list(ctx: RequestCtx, q: InspectionCaseListQuery) {
      const paths = await scopePathsEver(db, ctx.actor);
      let base = db.selectFrom('inspection_case').where(inSubtrees('body_path', paths));
      if (q.year) base = base.where('year', '=', q.year);
      if (q.activity) base = base.where('activity', '=', q.activity);
      if (q.state) base = base.where('state', '=', q.state);
      if (q.kind) base = base.where('kind', '=', q.kind);
      if (q.planId) base = base.where('plan_id', '=', q.planId);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .selectAll()
        .orderBy('decision_date', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      const n = await names(rows);
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => summary(r, n)) };
    },

    async create(ctx: RequestCtx, input: CreateInspectionCaseIn) {
      const on = input.decisionDate;
      if (on > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau hôm nay.', 'decisionDate');
      const rules = inspectionRulesOn(on);
      const body = await orgForWrite(db, ctx, input.bodyOrgId, on, 'bodyOrgId');
      const shape = { activity: input.activity, bodyKind: input.bodyKind, bodyOrgKind: body.then.kind, subjectType: input.subjectType, kind: input.kind };
      const v = caseShapeRefusal(shape, rules);
      if (v) throw unprocessable(v.code, v.message, v.field);
      let plan: InspectionPlanRow | undefined;
      if (input.planId) {
        plan = await db.selectFrom('inspection_plan').selectAll().where('id', '=', input.planId).executeTakeFirst();
        if (!plan || !pathWithin(plan.body_path, await scopePathsEver(db, ctx.actor))) throw unprocessable('PLAN_NOT_FOUND', 'Không tìm thấy chương trình, kế hoạch này trong phạm vi của bạn.', 'planId');
        if (plan.body_org_id !== input.bodyOrgId || plan.body_kind !== input.bodyKind)
          throw unprocessable('PLAN_OF_OTHER_BODY', 'Kế hoạch này là của chủ thể khác; cuộc kiểm tra, giám sát phải do đúng chủ thể của kế hoạch tiến hành.', 'planId');
        if (Number(plan.year) !== Number(on.slice(0, 4))) throw unprocessable('PLAN_OF_OTHER_YEAR', `Kế hoạch này là của năm ${plan.year}.`, 'planId');
      }
      let subject: { id: string; path: string; kind: string | null };
      if (input.subjectType === 'to_chuc') {
        const o = await orgForWrite(db, ctx, input.subjectOrgId!, on, 'subjectOrgId');
        if (!o.then.path.startsWith(body.then.path) || o.then.path === body.then.path)
          throw unprocessable('SUBJECT_OUTSIDE_BODY', `Tổ chức được kiểm tra, giám sát phải là tổ chức cấp dưới của ${body.then.name}.`, 'subjectOrgId');
        subject = { id: input.subjectOrgId!, path: o.then.path, kind: o.then.kind };
      } else {
        const p = await personForWrite(db, ctx, input.subjectPersonId!, 'subjectPersonId');
        const cell = await cellOn(db, p.id, on);
        if (!cell) throw unprocessable('NOT_A_MEMBER_THEN', `${p.full_name} không sinh hoạt đảng vào ngày ${dmy(on)}.`, 'subjectPersonId');
        if (!cell.path.startsWith(body.then.path))
          throw unprocessable('SUBJECT_OUTSIDE_BODY', `Đảng viên được kiểm tra, giám sát phải sinh hoạt trong ${body.then.name}.`, 'subjectPersonId');
        subject = { id: p.id, path: cell.path, kind: null };
      }
      const now = nowIso();
      const row: InspectionCaseRow = {
        id: uuidv7(),
        plan_id: plan?.id ?? null,
        rules: rules.id,
        year: Number(on.slice(0, 4)),
        activity: input.activity,
        body_kind: input.bodyKind,
        body_org_id: input.bodyOrgId,
        body_org_kind: body.then.kind,
        body_path: body.then.path,
        subject_type: input.subjectType,
        subject_id: subject.id,
        subject_org_kind: subject.kind,
        subject_path: subject.path,
        kind: input.kind,
        state: 'ke_hoach',
        content: input.content,
        decision_no: input.decisionNo,
        decision_date: on,
        start_date: null,
        end_date: null,
        conclusion_date: null,
        conclusion: null,
        violations_found: null,
        cancel_reason: null,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('inspection_case').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'inspection:tao', entity: 'inspection_case', entityId: row.id, path: row.body_path, after: row });
      });
      return detail(ctx, row.id);
    },

    async step(ctx: RequestCtx, id: string, input: InspectionStepIn) {
      const c = await visibleCase(ctx, id);
      if (Number(c.version) !== input.version) throw staleVersion();
      const r = inspectionStep(c.state as InspectionState, input.action);
      if (!r.ok) throw unprocessable('INSPECTION_STEP_REFUSED', r.message, 'action');
      if (input.date > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày thực hiện không được sau hôm nay.', 'date');
      let set: Partial<InspectionCaseRow>;
      if (input.action === 'bat_dau') {
        if (input.date < c.decision_date) throw unprocessable('BEFORE_DECISION', `Ngày bắt đầu không được trước ngày quyết định (${dmy(c.decision_date)}).`, 'date');
        set = { start_date: input.date };
      } else if (input.action === 'ket_luan') {
        const end = input.endDate ?? input.date;
        if (end < c.start_date!) throw unprocessable('END_BEFORE_START', `Ngày kết thúc không được trước ngày bắt đầu (${dmy(c.start_date!)}).`, 'endDate');
        if (input.date < end) throw unprocessable('CONCLUSION_BEFORE_END', `Ngày kết luận không được trước ngày kết thúc (${dmy(end)}).`, 'date');
        set = { end_date: end, conclusion_date: input.date, conclusion: input.conclusion, violations_found: input.violationsFound ? 1 : 0 };
      } else {
        if (input.date < c.decision_date) throw unprocessable('BEFORE_DECISION', `Ngày không được trước ngày quyết định (${dmy(c.decision_date)}).`, 'date');
        set = { cancel_reason: input.reason };
      }
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('inspection_case')
          .set({ ...set, state: r.state, version: c.version + 1, updated_at: nowIso() })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
        const after = await trx.selectFrom('inspection_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: `inspection:${input.action}`, entity: 'inspection_case', entityId: id, path: c.body_path, before: c, after });
      });
      return detail(ctx, id);
    },

    async addRequirement(ctx: RequestCtx, id: string, input: AddRequirementIn) {
      const c = await visibleCase(ctx, id);
      if (Number(c.version) !== input.version) throw staleVersion();
      if (!acceptsRequirements(c.state as InspectionState))
        throw unprocessable('NOT_CONCLUDED', 'Yêu cầu, kiến nghị ghi theo kết luận: hãy kết luận cuộc kiểm tra, giám sát trước.', 'content');
      if (input.deadline && input.deadline < c.conclusion_date!)
        throw unprocessable('DEADLINE_BEFORE_CONCLUSION', `Thời hạn không được trước ngày kết luận (${dmy(c.conclusion_date!)}).`, 'deadline');
      const last = await db.selectFrom('inspection_requirement').select((eb) => eb.fn.max('seq').as('m')).where('case_id', '=', id).executeTakeFirst();
      await db.transaction().execute(async (trx) => {
        // The case's version moves too, so two people adding from the same screen see each other.
        const claimed = await trx.updateTable('inspection_case').set({ version: c.version + 1, updated_at: nowIso() }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
        const row = { id: uuidv7(), case_id: id, seq: Number(last?.m ?? 0) + 1, content: input.content, deadline: input.deadline, done_on: null, result: null, version: 1, created_at: nowIso() };
        await trx.insertInto('inspection_requirement').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'inspection:yeu_cau', entity: 'inspection_requirement', entityId: row.id, path: c.body_path, after: row });
      });
      return detail(ctx, id);
    },

    async followUp(ctx: RequestCtx, requirementId: string, input: RequirementFollowUpIn) {
      const req = await db.selectFrom('inspection_requirement').selectAll().where('id', '=', requirementId).executeTakeFirst();
      if (!req) throw caseNotFound();
      const c = await visibleCase(ctx, req.case_id);
      if (Number(req.version) !== input.version) throw staleVersion();
      if (req.done_on) throw unprocessable('ALREADY_DONE', `Yêu cầu này đã ghi thực hiện xong ngày ${dmy(req.done_on)}; kết quả đã ghi không sửa lại.`, 'doneOn');
      if (input.doneOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày thực hiện xong không được sau hôm nay.', 'doneOn');
      if (input.doneOn < c.conclusion_date!) throw unprocessable('DONE_BEFORE_CONCLUSION', `Ngày thực hiện xong không được trước ngày kết luận (${dmy(c.conclusion_date!)}).`, 'doneOn');
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('inspection_requirement')
          .set({ done_on: input.doneOn, result: input.result, version: req.version + 1 })
          .where('id', '=', requirementId)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
        const after = await trx.selectFrom('inspection_requirement').selectAll().where('id', '=', requirementId).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'inspection:theo_doi', entity: 'inspection_requirement', entityId: requirementId, path: c.body_path, before: req, after });
      });
      return detail(ctx, c.id);
    },

    /**
     * Counts for everyone with org.read: cases and distinct subjects by year, body, level,
     * activity, subject type and kind, plus the once-per-subject figure and discipline by form.
     */
    async counts(ctx: RequestCtx, q: InspectionCountsQuery): Promise<InspectionCountsOut> {
      let paths = await scopePathsEver(db, ctx.actor);
      if (q.org) {
        const org = await db.selectFrom('organization_version').select('path').where('org_id', '=', q.org).execute();
        const within = org.map((o) => o.path).filter((p) => pathWithin(p, paths));
        if (!within.length) throw caseNotFound();
        paths = within;
      }
      const inPeriod = db
        .selectFrom('inspection_case')
        .where(inSubtrees('body_path', paths))
        .where('year', '>=', q.fromYear)
        .where('year', '<=', q.toYear)
        .where('state', '!=', 'huy');
      const rows = await inPeriod
        .select(['year', 'body_kind', 'body_org_kind', 'activity', 'subject_type', 'subject_org_kind', 'kind'])
        .select((eb) => [eb.fn.countAll<number>().as('cases'), sql<number>`count(distinct subject_id)`.as('subjects')])
        .groupBy(['year', 'body_kind', 'body_org_kind', 'activity', 'subject_type', 'subject_org_kind', 'kind'])
        .orderBy('year')
        .orderBy('body_kind')
        .orderBy('activity')
        .orderBy('subject_type')
        .orderBy('kind')
        .execute();
      const distinct = await inPeriod
        .select(['year', 'body_kind', 'subject_type'])
        .select(sql<number>`count(distinct subject_id)`.as('subjects'))
        .groupBy(['year', 'body_kind', 'subject_type'])
        .orderBy('year')
        .orderBy('body_kind')
        .orderBy('subject_type')
        .execute();
      const disc = await discipline.countsByYear(paths, q.fromYear, q.toYear);
      return {
        fromYear: q.fromYear,
        toYear: q.toYear,
        rows: rows.map((r) => ({
          year: Number(r.year),
          bodyKind: r.body_kind as InspectionBodyKind,
          bodyOrgKind: r.body_org_kind,
          activity: r.activity as InspectionActivity,
          subjectType: r.subject_type as InspectionSubjectType,
          subjectOrgKind: r.subject_org_kind,
          kind: r.kind as InspectionKind,
          cases: Number(r.cases),
          subjects: Number(r.subjects),
        })),
        distinctSubjects: distinct.map((r) => ({ year: Number(r.year), bodyKind: r.body_kind as InspectionBodyKind, subjectType: r.subject_type as InspectionSubjectType, subjects: Number(r.subjects) })),
        discipline: disc.map((d) => ({ ...d, form: d.form as DisciplineForm })),
      };
    },
  };
}
