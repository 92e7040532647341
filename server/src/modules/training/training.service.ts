import {
  can,
  canEnrol,
  canRecordResult,
  cohortTransition,
  eligibleFor,
  qualificationFromResult,
  resultAllowed,
  todayIso,
  withdrawalAllowed,
  COURSE_KIND_LABELS,
  type CohortDetailOut,
  type CohortListQuery,
  type CohortState,
  type CohortStateIn,
  type CourseKind,
  type CreateCohortIn,
  type CreateCourseIn,
  type EnrolIn,
  type EnrolmentListQuery,
  type ResultIn,
  type Verdict,
  type WithdrawIn,
} from '@dangvu/common';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { cohortSummary, enrolmentOut, latestVersion, orgsNow, selfAndAncestors, tallyWhere, type OrgNow } from './training.queries.js';
import { recordTheoryCompletion, theoryLevelsOn } from './training.qualification.js';
import type { CohortRow, CourseRow, EnrolmentRow } from './training.tables.js';

type Db = Kysely<Database>;

const COHORT_NOT_FOUND = () => notFound('COHORT_NOT_FOUND', 'Không tìm thấy lớp học (hoặc lớp nằm ngoài phạm vi của bạn).');
const ENROLMENT_NOT_FOUND = () => notFound('ENROLMENT_NOT_FOUND', 'Không tìm thấy người được cử đi học (hoặc nằm ngoài phạm vi của bạn).');
const ORG_NOT_FOUND = () => notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
const stale = () => new AppError(409, 'VERSION_CONFLICT', 'Dữ liệu vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất.', 'version');
const refuse = (v: Verdict) => {
  if (!v.ok) throw unprocessable(v.code, v.message, v.field);
};
const notFuture = (date: string | null, field: string) => {
  if (date && date > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày này không được sau ngày hôm nay.', field);
};

export function trainingService(db: Db) {
  const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });
  const scopePaths = (ctx: RequestCtx): Promise<string[]> => {
    const s = scopeFor(db, ctx.actor);
    return s.selfOnly ? Promise.resolve([]) : s.pathsOn(todayIso());
  };
  /** Organized inside the scope (manage it), or by an organization above it (send people to it). */
  const reach = (orgPath: string | undefined, sp: readonly string[]) => ({
    organized: !!orgPath && pathWithin(orgPath, sp),
    above: !!orgPath && sp.some((p) => p.startsWith(orgPath)),
  });

  async function orgInScope(orgId: string, sp: readonly string[]): Promise<OrgNow> {
    const o = (await orgsNow(db, [orgId])).get(orgId);
    if (!o || !pathWithin(o.path, sp)) throw ORG_NOT_FOUND();
    return o;
  }

  async function loadCohort(ctx: RequestCtx, id: string) {
    const c = await db.selectFrom('training_cohort').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw COHORT_NOT_FOUND();
    const course = await db.selectFrom('training_course').selectAll().where('id', '=', c.course_id).executeTakeFirstOrThrow();
    const sp = await scopePaths(ctx);
    const orgs = await orgsNow(db, [c.organizer_org_id]);
    const r = reach(orgs.get(c.organizer_org_id)?.path, sp);
    if (!r.organized && !r.above) {
      // A class elsewhere is still visible to an organization that sent people to it.
      const senders = await db.selectFrom('training_enrolment').select('sent_by_org_id').distinct().where('cohort_id', '=', id).execute();
      const so = await orgsNow(db, senders.map((s) => s.sent_by_org_id));
      if (![...so.values()].some((o) => pathWithin(o.path, sp))) throw COHORT_NOT_FOUND();
    }
    return { c, course, orgs, sp, ...r };
  }

  async function loadEnrolment(ctx: RequestCtx, id: string) {
    const e = await db.selectFrom('training_enrolment').selectAll().where('id', '=', id).executeTakeFirst();
    if (!e) throw ENROLMENT_NOT_FOUND();
    const loaded = await loadCohort(ctx, e.cohort_id).catch(() => {
      throw ENROLMENT_NOT_FOUND();
    });
    const sender = (await orgsNow(db, [e.sent_by_org_id])).get(e.sent_by_org_id);
    // The class's organizer or the sending organization acts on an enrolment.
    if (!loaded.organized && !(sender && pathWithin(sender.path, loaded.sp))) throw ENROLMENT_NOT_FOUND();
    return { e, ...loaded, path: loaded.orgs.get(loaded.c.organizer_org_id)?.path ?? null };
  }

  async function subtree(ctx: RequestCtx, org: string | undefined): Promise<string[]> {
    const sp = await scopePaths(ctx);
    return org ? [(await orgInScope(org, sp)).path] : sp;
  }

  async function detail(ctx: RequestCtx, id: string): Promise<CohortDetailOut> {
    const { c, course, orgs, sp, organized, above } = await loadCohort(ctx, id);
    const rows = await db
      .selectFrom('training_enrolment as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .selectAll('e')
      .select(['p.full_name', 'p.birth_date', 'p.path as person_path', 'p.sort_key'])
      .where('e.cohort_id', '=', id)
      .orderBy('p.sort_key')
      .orderBy('e.id')
      .execute();
    const senders = await orgsNow(db, rows.map((r) => r.sent_by_org_id));
    const all = new Map([...orgs, ...senders]);
    const visible = rows.filter((r) => organized || pathWithin(r.person_path, sp) || pathWithin(senders.get(r.sent_by_org_id)?.path ?? '~', sp));
    const tally = await tallyWhere(db, sql<SqlBool>`e.cohort_id = ${id}`);
    const write = can(ctx.actor.role, 'training.write');
    return {
      ...cohortSummary(c, course, orgs, rows.filter((r) => !r.withdrawn_on).length),
      enrolments: visible.map((r) => enrolmentOut(r, r, { name: c.name, kind: course.kind }, all)),
      hiddenEnrolments: rows.length - visible.length,
      tally,
      canManage: write && organized,
      canEnrol: write && (organized || above) && c.state !== 'ket_thuc',
    };
  }

  /** Classes organized in the subtree (and, on request, above it) overlapping the period. */
  function cohortFilter(prefixes: string[], q: Pick<CohortListQuery, 'from' | 'to' | 'kind' | 'state' | 'above'>, withAbove: boolean): Expression<SqlBool> {
    const parts = [withAbove ? sql<SqlBool>`(${inSubtrees('ov.path', prefixes)} or ov.path in (${sql.join(selfAndAncestors(prefixes))}))` : inSubtrees('ov.path', prefixes)];
    if (q.from) parts.push(sql<SqlBool>`c.ends_on >= ${q.from}`);
    if (q.to) parts.push(sql<SqlBool>`c.starts_on <= ${q.to}`);
    if (q.kind) parts.push(sql<SqlBool>`k.kind = ${q.kind}`);
    if (q.state) parts.push(sql<SqlBool>`c.state = ${q.state}`);
    return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
  }

  return {
    detail,

    async courses(ctx: RequestCtx, kind?: CourseKind) {
      const sp = await scopePaths(ctx);
      if (!sp.length) return [];
      let q = db
        .selectFrom('training_course as k')
        .innerJoin('organization_version as ov', (j) => j.onRef('ov.org_id', '=', 'k.org_id').on(latestVersion('ov')))
        .select(['k.id', 'k.kind', 'k.name', 'k.provider', 'k.note', 'k.org_id', 'ov.name as org_name'])
        .where(sql<SqlBool>`(${inSubtrees('ov.path', sp)} or ov.path in (${sql.join(selfAndAncestors(sp))}))`);
      if (kind) q = q.where('k.kind', '=', kind);
      const rows = await q.orderBy('k.kind').orderBy('k.name').execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, provider: r.provider, note: r.note, org: { id: r.org_id, name: r.org_name } }));
    },

    async createCourse(ctx: RequestCtx, input: CreateCourseIn) {
      const org = await orgInScope(input.orgId, await scopePaths(ctx));
      return db.transaction().execute(async (trx) => {
        const row: CourseRow = { id: uuidv7(), kind: input.kind, name: input.name, provider: input.provider, org_id: org.id, note: input.note, created_by: ctx.actor.userId, created_at: nowIso() };
        await trx.insertInto('training_course').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'training_course', entityId: row.id, path: org.path, after: row });
        return { id: row.id, kind: row.kind, name: row.name, provider: row.provider, note: row.note, org: { id: org.id, name: org.name } };
      });
    },

    async list(ctx: RequestCtx, q: CohortListQuery) {
      const prefixes = await subtree(ctx, q.org);
      const empty = { total: 0, items: [], totals: { cohorts: 0, ...(await tallyWhere(db, sql<SqlBool>`1 = 0`)) } };
      if (!prefixes.length) return empty;
      const base = db
        .selectFrom('training_cohort as c')
        .innerJoin('training_course as k', 'k.id', 'c.course_id')
        .innerJoin('organization_version as ov', (j) => j.onRef('ov.org_id', '=', 'c.organizer_org_id').on(latestVersion('ov')));
      const listed = cohortFilter(prefixes, q, q.above === '1');
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).where(listed).executeTakeFirstOrThrow()).n);
      const rows = await base
        .selectAll('c')
        .select(['k.kind', 'k.name as course_name', 'k.provider'])
        .select(sql<number>`(select count(*) from training_enrolment x where x.cohort_id = c.id and x.withdrawn_on is null)`.as('enrolled'))
        .where(listed)
        .orderBy('c.starts_on', 'desc')
        .orderBy('c.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      const orgs = await orgsNow(db, rows.map((r) => r.organizer_org_id));
      // Totals count the classes the subtree itself opened: the figure a report of this subtree gives.
      const organized = cohortFilter(prefixes, q, false);
      const cohorts = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).where(organized).executeTakeFirstOrThrow()).n);
      return {
        total,
        items: rows.map((r) => cohortSummary(r, { id: r.course_id, kind: r.kind, name: r.course_name, provider: r.provider }, orgs, Number(r.enrolled))),
        totals: { cohorts, ...(await tallyWhere(db, organized)) },
      };
    },

    async createCohort(ctx: RequestCtx, input: CreateCohortIn) {
      const sp = await scopePaths(ctx);
      const organizer = await orgInScope(input.organizerOrgId, sp);
      const course = await db.selectFrom('training_course').selectAll().where('id', '=', input.courseId).executeTakeFirst();
      const courseOrg = course ? (await orgsNow(db, [course.org_id])).get(course.org_id) : undefined;
      const r = reach(courseOrg?.path, sp);
      if (!course || (!r.organized && !r.above)) throw unprocessable('COURSE_NOT_FOUND', 'Không tìm thấy khóa học trong danh mục của bạn.', 'courseId');
      const created = await db.transaction().execute(async (trx) => {
        const at = nowIso();
        const row: CohortRow = {
          id: uuidv7(),
          course_id: course.id,
          name: input.name,
          organizer_org_id: organizer.id,
          place: input.place,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          planned_size: input.plannedSize,
          state: 'ke_hoach',
          opened_on: null,
          closed_on: null,
          version: 1,
          created_by: ctx.actor.userId,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto('training_cohort').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'training_cohort', entityId: row.id, path: organizer.path, after: row });
        return row.id;
      });
      return detail(ctx, created);
    },

    /** Khai giảng (kế hoạch → đang học) and bế giảng (đang học → kết thúc), each dated once. */
    async changeState(ctx: RequestCtx, id: string, input: CohortStateIn) {
      const { c, organized, orgs } = await loadCohort(ctx, id);
      if (!organized) throw COHORT_NOT_FOUND();
      if (c.version !== input.version) throw stale();
      refuse(cohortTransition({ state: c.state as CohortState, startsOn: c.starts_on }, input.state, input.date));
      notFuture(input.date, 'date');
      await db.transaction().execute(async (trx) => {
        const set = input.state === 'dang_hoc' ? { opened_on: input.date } : { closed_on: input.date };
        const res = await trx
          .updateTable('training_cohort')
          .set({ ...set, state: input.state, version: c.version + 1, updated_at: nowIso() })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw stale();
        await writeAudit(trx, who(ctx), {
          action: `state:${input.state}`,
          entity: 'training_cohort',
          entityId: id,
          path: orgs.get(c.organizer_org_id)?.path ?? null,
          before: { state: c.state },
          after: { state: input.state, ...set },
        });
      });
      return detail(ctx, id);
    },

    /** Cử đi học: several people by one sending organization and decision, all or none. */
    async enrol(ctx: RequestCtx, id: string, input: EnrolIn) {
      const { c, course, organized, above, sp, orgs } = await loadCohort(ctx, id);
      if (!organized && !above) throw COHORT_NOT_FOUND();
      refuse(canEnrol(c.state as CohortState));
      const sender = await orgInScope(input.sentByOrgId, sp);
      notFuture(input.sentOn, 'sentOn');
      if (input.sentOn > c.ends_on) throw unprocessable('SENT_AFTER_END', 'Ngày cử đi học không được sau ngày kết thúc lớp.', 'sentOn');
      const personIds = [...new Set(input.personIds)];
      const people = await db.selectFrom('person').select(['id', 'path', 'standing', 'full_name']).where('id', 'in', personIds).execute();
      const byId = new Map(people.map((p) => [p.id, p]));
      for (const pid of personIds) {
        const p = byId.get(pid);
        if (!p || !pathWithin(p.path, sp)) throw notFound('PERSON_NOT_FOUND', 'Không tìm thấy người được cử đi học (hoặc người đó nằm ngoài phạm vi của bạn).');
        const v = eligibleFor(course.kind as CourseKind, { isMember: p.standing === 'dang_sinh_hoat', deceased: p.standing === 'tu_tran' });
        if (!v.ok) throw unprocessable(v.code, `${p.full_name}: ${v.message}`, v.field);
      }
      const already = await db.selectFrom('training_enrolment').select('person_id').where('cohort_id', '=', id).where('person_id', 'in', personIds).execute();
      if (already.length) {
        const names = already.map((a) => byId.get(a.person_id)?.full_name).join(', ');
        throw unprocessable('ALREADY_ENROLLED', `Đã có trong danh sách lớp: ${names}.`, 'personIds');
      }
      // Member or not on the day sent (a back-dated entry must not read today's standing).
      const membersThen = new Set(
        (
          await db
            .selectFrom('membership_episode as m')
            .select('m.person_id')
            .where('m.kind', '=', 'primary')
            .where('m.person_id', 'in', personIds)
            .where((eb) => validOn(eb, 'm', input.sentOn))
            .execute()
        ).map((r) => r.person_id),
      );
      await db.transaction().execute(async (trx) => {
        const at = nowIso();
        const rows: EnrolmentRow[] = personIds.map((pid) => ({
          id: uuidv7(),
          cohort_id: id,
          person_id: pid,
          sent_by_org_id: sender.id,
          sent_on: input.sentOn,
          decision_no: input.decisionNo,
          was_member: membersThen.has(pid) ? 1 : 0,
          withdrawn_on: null,
          withdraw_reason: null,
          result: null,
          grade: null,
          result_on: null,
          certificate_no: null,
          certificate_date: null,
          qualification_id: null,
          theory_before: null,
          theory_changed: 0,
          version: 1,
          created_by: ctx.actor.userId,
          created_at: at,
          updated_at: at,
        }));
        await trx.insertInto('training_enrolment').values(rows).execute();
        await writeAudit(trx, who(ctx), { action: 'enrol', entity: 'training_cohort', entityId: id, path: orgs.get(c.organizer_org_id)?.path ?? sender.path, after: rows });
      });
      return detail(ctx, id);
    },

    async withdraw(ctx: RequestCtx, enrolmentId: string, input: WithdrawIn) {
      const { e, path } = await loadEnrolment(ctx, enrolmentId);
      if (e.version !== input.version) throw stale();
      refuse(withdrawalAllowed({ withdrawnOn: e.withdrawn_on, result: e.result, sentOn: e.sent_on }, input.date));
      notFuture(input.date, 'date');
      await db.transaction().execute(async (trx) => {
        const after = { withdrawn_on: input.date, withdraw_reason: input.reason, version: e.version + 1, updated_at: nowIso() };
        const res = await trx.updateTable('training_enrolment').set(after).where('id', '=', e.id).where('version', '=', input.version).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw stale();
        await writeAudit(trx, who(ctx), { action: 'withdraw', entity: 'training_enrolment', entityId: e.id, path, before: e, after });
      });
      return detail(ctx, e.cohort_id);
    },

    /** The result, once; a passed theory course adds the qualification in the same transaction. */
    async result(ctx: RequestCtx, enrolmentId: string, input: ResultIn) {
      const { e, c, course, path } = await loadEnrolment(ctx, enrolmentId);
      if (e.version !== input.version) throw stale();
      refuse(canRecordResult(c.state as CohortState));
      refuse(resultAllowed({ withdrawnOn: e.withdrawn_on, result: e.result, sentOn: e.sent_on }, input));
      if (input.resultOn < c.starts_on) throw unprocessable('RESULT_BEFORE_START', 'Ngày có kết quả không được trước ngày khai giảng.', 'resultOn');
      notFuture(input.resultOn, 'resultOn');
      notFuture(input.certificateDate, 'certificateDate');
      const q = qualificationFromResult(course.kind as CourseKind, input.result);
      await db.transaction().execute(async (trx) => {
        // Claim the version first: a concurrent writer loses with 409 before anything else is written.
        const claimed = await trx.updateTable('training_enrolment').set({ version: e.version + 1 }).where('id', '=', e.id).where('version', '=', input.version).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw stale();
        const obtainedOn = input.certificateDate ?? input.resultOn;
        const done = q
          ? await recordTheoryCompletion(trx, e.person_id, {
              level: q.level,
              obtainedOn,
              note: [COURSE_KIND_LABELS[course.kind as CourseKind].vi, c.name, input.certificateNo ? `chứng chỉ số ${input.certificateNo}` : null].filter(Boolean).join(', '),
            })
          : null;
        const after = {
          result: input.result,
          grade: input.grade,
          result_on: input.resultOn,
          certificate_no: input.certificateNo,
          certificate_date: input.result === 'dat' ? obtainedOn : null,
          qualification_id: done?.qualificationId ?? null,
          theory_before: done?.before ?? null,
          theory_changed: done?.changed ? 1 : 0,
          updated_at: nowIso(),
        };
        await trx.updateTable('training_enrolment').set(after).where('id', '=', e.id).execute();
        await writeAudit(trx, who(ctx), { action: `result:${input.result}`, entity: 'training_enrolment', entityId: e.id, path, before: e, after: { ...after, personId: e.person_id } });
      });
      return detail(ctx, e.cohort_id);
    },

    /** People sent by organizations of the subtree in a period: person-times and people from the same rows. */
    async enrolments(ctx: RequestCtx, q: EnrolmentListQuery) {
      const prefixes = await subtree(ctx, q.org);
      const parts = [inSubtrees('sv.path', prefixes)];
      if (q.from) parts.push(sql<SqlBool>`e.sent_on >= ${q.from}`);
      if (q.to) parts.push(sql<SqlBool>`e.sent_on <= ${q.to}`);
      if (q.kind) parts.push(sql<SqlBool>`k.kind = ${q.kind}`);
      if (q.personId) parts.push(sql<SqlBool>`e.person_id = ${q.personId}`);
      const where = sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
      const base = db
        .selectFrom('training_enrolment as e')
        .innerJoin('training_cohort as c', 'c.id', 'e.cohort_id')
        .innerJoin('training_course as k', 'k.id', 'c.course_id')
        .innerJoin('organization_version as sv', (j) => j.onRef('sv.org_id', '=', 'e.sent_by_org_id').on(latestVersion('sv')))
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .where(where);
      const totals = await tallyWhere(db, where);
      const rows = await base
        .selectAll('e')
        .select(['p.full_name', 'p.birth_date', 'c.name as cohort_name', 'k.kind'])
        .orderBy('e.sent_on', 'desc')
        .orderBy('e.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      const orgs = await orgsNow(db, rows.map((r) => r.sent_by_org_id));
      return { total: totals.personTimes, items: rows.map((r) => enrolmentOut(r, r, { name: r.cohort_name, kind: r.kind }, orgs)), totals };
    },

    async theory(ctx: RequestCtx, org: string | undefined, asOf = todayIso()) {
      const prefixes = await subtree(ctx, org);
      return { asOf, ...(await theoryLevelsOn(db, prefixes, asOf)) };
    },

  };
}

export type TrainingService = ReturnType<typeof trainingService>;
