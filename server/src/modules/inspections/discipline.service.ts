import {
  amendmentRefusal,
  caseDisciplineRefusal,
  DISCIPLINE_FORM_LABELS,
  disciplineEffects,
  INSPECTION_RULE_SETS,
  inspectionRulesOn,
  todayIso,
  type CreateDisciplineIn,
  type DisciplineAmendmentIn,
  type DisciplineAmendmentKind,
  type DisciplineForm,
  type DisciplineListQuery,
  type DisciplineOut,
  type InspectionActivity,
  type InspectionState,
  type MemberDisciplineOut,
} from '@dangvu/common';
import { sql } from 'kysely';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { orgPathsOn, personForWrite, refuse, staleVersion, who, type Q, type Trx } from '../cadres/cadres.shared.js';
import { postsService } from '../cadres/posts.service.js';
import { appendMemberEvents } from '../members/ledger.repository.js';
import { applyDerivedState } from '../members/members.state.js';
import { cellOn, disciplineNotFound, dmy, scopePathsEver } from './inspections.shared.js';
import type { DisciplineRow } from './inspections.tables.js';

/**
 * Discipline decisions and their effects, in the decision's transaction: khai trừ appends the
 * ledger event (so the ledger's transition table refuses a non-member), cách chức and khai trừ end
 * the person's open party posts through the cadres module. Records are never changed afterwards;
 * a later decision (giảm hình thức, xóa kỷ luật) is an amendment row.
 */
export function disciplineService(db: Q) {
  const posts = postsService(db);

  async function out(rows: readonly DisciplineRow[]): Promise<DisciplineOut[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const amendments = await db.selectFrom('discipline_amendment').selectAll().where('discipline_id', 'in', ids).orderBy('effective_date').orderBy('id').execute();
    const people = new Map((await db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', [...new Set(rows.map((r) => r.person_id))]).execute()).map((p) => [p.id, p.full_name]));
    const orgs = await orgPathsOn(db, rows.map((r) => r.org_id), todayIso());
    const ended = await db
      .selectFrom('party_post')
      .select(['person_id', 'end_decision_no', 'valid_to'])
      .where('person_id', 'in', [...new Set(rows.map((r) => r.person_id))])
      .where('valid_to', 'is not', null)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      fullName: people.get(r.person_id) ?? '',
      org: { id: r.org_id, name: orgs.get(r.org_id)?.name ?? r.org_id },
      form: r.form as DisciplineForm,
      decisionNo: r.decision_no,
      decisionDate: r.decision_date,
      issuer: r.issuer,
      effectiveDate: r.effective_date,
      reason: r.reason,
      caseId: r.case_id,
      amendments: amendments
        .filter((a) => a.discipline_id === r.id)
        .map((a) => ({
          id: a.id,
          kind: a.kind as DisciplineAmendmentKind,
          newForm: a.new_form as DisciplineForm | null,
          decisionNo: a.decision_no,
          decisionDate: a.decision_date,
          issuer: a.issuer,
          effectiveDate: a.effective_date,
        })),
      endedPosts: ended.filter((p) => p.person_id === r.person_id && p.valid_to === r.effective_date && p.end_decision_no === r.decision_no).length,
      memberEventId: r.member_event_id,
      version: Number(r.version),
    }));
  }

  async function visible(ctx: RequestCtx, id: string): Promise<DisciplineRow> {
    const d = await db.selectFrom('discipline').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d || !pathWithin(d.path, await scopePathsEver(db, ctx.actor))) throw disciplineNotFound();
    return d;
  }

  /** The ledger names its own fields; on this form the date is the decision's effective date and the kind its form. */
  function asFormError(e: unknown): unknown {
    if (e instanceof AppError && e.field === 'kind') return new AppError(e.status, e.code, e.message, 'form', e.details);
    return e;
  }

  async function create(ctx: RequestCtx, input: CreateDisciplineIn): Promise<DisciplineOut> {
    const today = todayIso();
    if (input.decisionDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau hôm nay.', 'decisionDate');
    if (input.effectiveDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày hiệu lực không được sau hôm nay.', 'effectiveDate');
    if (input.effectiveDate < input.decisionDate) throw unprocessable('EFFECTIVE_BEFORE_DECISION', 'Ngày hiệu lực không được trước ngày quyết định.', 'effectiveDate');
    const person = await personForWrite(db, ctx, input.personId);
    const rules = inspectionRulesOn(input.effectiveDate);
    const effects = disciplineEffects(input.form, rules);
    const cell = await cellOn(db, person.id, input.effectiveDate);
    // Khai trừ goes to the ledger, whose transition table gives the refusal for a non-member.
    if (!cell && !effects.ledgerEvent)
      throw unprocessable('NOT_A_MEMBER_THEN', `${person.full_name} không sinh hoạt đảng vào ngày ${dmy(input.effectiveDate)}; chỉ kỷ luật đảng viên.`, 'personId');

    let caseRow: Awaited<ReturnType<typeof loadCase>> | null = null;
    if (input.caseId) {
      caseRow = await loadCase(ctx, input.caseId);
      const why = caseDisciplineRefusal(
        { state: caseRow.state as InspectionState, activity: caseRow.activity as InspectionActivity, violationsFound: Number(caseRow.violations_found) === 1 },
        INSPECTION_RULE_SETS.find((r) => r.id === caseRow!.rules) ?? rules,
      );
      if (why) throw unprocessable('CASE_NOT_FOR_DISCIPLINE', why, 'caseId');
      if (caseRow.subject_type === 'dang_vien' ? caseRow.subject_id !== person.id : !!cell && !cell.path.startsWith(caseRow.subject_path))
        throw unprocessable('CASE_OF_OTHER_SUBJECT', 'Cuộc kiểm tra này không có đối tượng là đảng viên này (hoặc tổ chức của đảng viên).', 'caseId');
      if (input.decisionDate < caseRow.conclusion_date!)
        throw unprocessable('DECISION_BEFORE_CONCLUSION', `Ngày quyết định kỷ luật không được trước ngày kết luận (${dmy(caseRow.conclusion_date!)}).`, 'decisionDate');
    }

    const open = effects.endsPosts ? await db.selectFrom('party_post').selectAll().where('person_id', '=', person.id).where('valid_to', 'is', null).orderBy('valid_from').orderBy('id').execute() : [];
    if (effects.needsPost && !open.some((p) => p.valid_from < input.effectiveDate))
      throw unprocessable('NO_POST_TO_REMOVE', `${person.full_name} không giữ chức vụ nào trong Đảng vào ngày hiệu lực, nên không thể cách chức.`, 'form');
    const late = open.find((p) => p.valid_from >= input.effectiveDate);
    if (late) throw unprocessable('POST_AFTER_EFFECTIVE', `Có chức vụ bắt đầu ngày ${dmy(late.valid_from)}, không trước ngày hiệu lực của kỷ luật; hãy kiểm tra ngày hiệu lực.`, 'effectiveDate');

    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      let eventId: string | null = null;
      if (effects.ledgerEvent) {
        try {
          const r = await appendMemberEvents(
            trx,
            person.id,
            [{ kind: effects.ledgerEvent, effectiveDate: input.effectiveDate, decisionNo: input.decisionNo, decisionDate: input.decisionDate, issuer: input.issuer, data: { disciplineId: id, note: input.reason } }],
            ctx.actor.userId,
          );
          await applyDerivedState(trx, person.id, r.state);
          eventId = r.eventIds[0]!;
        } catch (e) {
          throw asFormError(e);
        }
      }
      const place = cell ?? (await trx.selectFrom('person').select(['org_id as orgId', 'path']).where('id', '=', person.id).executeTakeFirstOrThrow());
      const reason = `${DISCIPLINE_FORM_LABELS[input.form].vi} theo quyết định ${input.decisionNo}`;
      for (const p of open) await posts.endPostIn(trx, 'party_post', p, input.effectiveDate, Number(p.version), { decisionNo: input.decisionNo, reason });
      const row: DisciplineRow = {
        id,
        person_id: person.id,
        org_id: place.orgId,
        path: place.path,
        form: input.form,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        effective_date: input.effectiveDate,
        reason: input.reason,
        case_id: input.caseId,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
        member_event_id: eventId,
      };
      await trx.insertInto('discipline').values(row).execute();
      if (caseRow && caseRow.state === 'ket_luan') await moveCase(trx, caseRow);
      await writeAudit(trx, who(ctx), {
        action: `discipline:${input.form}`,
        entity: 'discipline',
        entityId: id,
        path: place.path,
        after: { ...row, endedPostIds: open.map((p) => p.id), caseState: caseRow ? 'ky_luat' : null },
      });
    });
    return (await out([await db.selectFrom('discipline').selectAll().where('id', '=', id).executeTakeFirstOrThrow()]))[0]!;
  }

  async function loadCase(ctx: RequestCtx, caseId: string) {
    const c = await db.selectFrom('inspection_case').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!c || !pathWithin(c.body_path, await scopePathsEver(db, ctx.actor))) throw unprocessable('CASE_NOT_FOUND', 'Không tìm thấy cuộc kiểm tra này trong phạm vi của bạn.', 'caseId');
    return c;
  }

  /** kết luận → kỷ luật, claimed by version so a concurrent step loses. */
  async function moveCase(trx: Trx, c: { id: string; version: number }) {
    const r = await trx.updateTable('inspection_case').set({ state: 'ky_luat', version: c.version + 1, updated_at: nowIso() }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
  }

  async function amend(ctx: RequestCtx, id: string, input: DisciplineAmendmentIn): Promise<DisciplineOut> {
    const d = await visible(ctx, id);
    if (Number(d.version) !== input.version) throw staleVersion();
    const today = todayIso();
    refuse(amendmentRefusal(d.form as DisciplineForm, input.kind, input.newForm));
    if (input.decisionDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau hôm nay.', 'decisionDate');
    if (input.effectiveDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày hiệu lực không được sau hôm nay.', 'effectiveDate');
    if (input.effectiveDate < input.decisionDate) throw unprocessable('EFFECTIVE_BEFORE_DECISION', 'Ngày hiệu lực không được trước ngày quyết định.', 'effectiveDate');
    const prior = await db.selectFrom('discipline_amendment').selectAll().where('discipline_id', '=', id).orderBy('effective_date', 'desc').executeTakeFirst();
    const since = prior?.effective_date ?? d.effective_date;
    if (input.effectiveDate <= since) throw unprocessable('AMENDMENT_TOO_EARLY', `Ngày hiệu lực phải sau quyết định trước (${dmy(since)}).`, 'effectiveDate');
    if (prior?.kind === 'xoa_ky_luat') throw unprocessable('ALREADY_LIFTED', `Kỷ luật này đã được xóa từ ngày ${dmy(prior.effective_date)}.`, 'kind');
    const current = (prior?.new_form ?? d.form) as DisciplineForm;
    if (input.kind === 'giam_hinh_thuc') refuse(amendmentRefusal(current, input.kind, input.newForm));
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('discipline').set({ version: d.version + 1 }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
      const row = {
        id: uuidv7(),
        discipline_id: id,
        kind: input.kind,
        new_form: input.newForm,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        effective_date: input.effectiveDate,
        reason: input.reason,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
      };
      await trx.insertInto('discipline_amendment').values(row).execute();
      await writeAudit(trx, who(ctx), { action: `discipline:${input.kind}`, entity: 'discipline_amendment', entityId: row.id, path: d.path, after: row });
    });
    return (await out([await db.selectFrom('discipline').selectAll().where('id', '=', id).executeTakeFirstOrThrow()]))[0]!;
  }

  return {
    create,
    amend,
    out,

    async detail(ctx: RequestCtx, id: string) {
      return (await out([await visible(ctx, id)]))[0]!;
    },

    async list(ctx: RequestCtx, q: DisciplineListQuery) {
      const paths = await scopePathsEver(db, ctx.actor);
      let base = db.selectFrom('discipline').where(inSubtrees('path', paths));
      if (q.year) base = base.where('effective_date', '>=', `${q.year}-01-01`).where('effective_date', '<=', `${q.year}-12-31`);
      if (q.form) base = base.where('form', '=', q.form);
      const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await base
        .selectAll()
        .orderBy('effective_date', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return { total, page: q.page, pageSize: q.pageSize, items: await out(rows) };
    },

    async ofCase(caseId: string) {
      return out(await db.selectFrom('discipline').selectAll().where('case_id', '=', caseId).orderBy('effective_date').orderBy('id').execute());
    },

    /** For the member's profile (member.read): form, decision and dates; reasons stay with inspection roles. */
    async ofMember(ctx: RequestCtx, personId: string): Promise<MemberDisciplineOut> {
      const p = await db.selectFrom('person').select(['id', 'path']).where('id', '=', personId).executeTakeFirst();
      const scope = scopeFor(db, ctx.actor);
      const visibleToCaller = p && (scope.selfOnly ? p.id === scope.personId : pathWithin(p.path, await scope.pathsOn(todayIso())));
      if (!visibleToCaller) throw notFound('MEMBER_NOT_FOUND', 'Không tìm thấy đảng viên (hoặc nằm ngoài phạm vi của bạn).');
      const rows = await out(await db.selectFrom('discipline').selectAll().where('person_id', '=', personId).orderBy('effective_date').orderBy('id').execute());
      return {
        items: rows.map((r) => ({ id: r.id, form: r.form, decisionNo: r.decisionNo, decisionDate: r.decisionDate, issuer: r.issuer, effectiveDate: r.effectiveDate, amendments: r.amendments })),
      };
    },

    /** Decisions by year of the effective date and form (the ratings cap uses the same year). */
    async countsByYear(paths: readonly string[], fromYear: number, toYear: number) {
      const year = sql<string>`substr(cast(effective_date as text), 1, 4)`;
      const rows = await db
        .selectFrom('discipline')
        .select([year.as('y'), 'form', (eb) => eb.fn.countAll<number>().as('n')])
        .where(inSubtrees('path', paths))
        .where('effective_date', '>=', `${fromYear}-01-01`)
        .where('effective_date', '<=', `${toYear}-12-31`)
        .groupBy([year, 'form'])
        .orderBy('y')
        .orderBy('form')
        .execute();
      return rows.map((r) => ({ year: Number(r.y), form: r.form, count: Number(r.n) }));
    },
  };
}
