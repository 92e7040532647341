import {
  admissionProgress,
  admissionStage,
  canOverrideAdmissionWarning,
  checkAdmissionStep,
  checkDocument,
  DEFAULT_ADMISSION_RULES,
  documentSchedule,
  isCellKind,
  probationEndsOn,
  todayIso,
  type AdmissionRuleSet,
  type AssignHelperIn,
  type CandidateDetail,
  type CandidateListQuery,
  type CandidateSummary,
  type CreateCandidateIn,
  type IntroducerKind,
  type OverrideWarningIn,
  type RecordDocumentIn,
  type RecordStepIn,
} from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { minimalPrefixes } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { appendMemberEvents } from '../members/ledger.repository.js';
import { checkAdmission, checkPerson } from '../members/members.policy.js';
import { membersRepository } from '../members/members.repository.js';
import { insertNonMember, nameColumns } from '../members/members.service.js';
import { applyDerivedState } from '../members/members.state.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { candidateQuery, listCandidates, loadParts, rulesOf, toRecord, type CandidateJoined, type CandidateParts } from './admissions.repository.js';

type Trx = Transaction<Database>;
const NOT_FOUND = () => notFound('CANDIDATE_NOT_FOUND', 'Không tìm thấy hồ sơ phát triển đảng viên (hoặc hồ sơ nằm ngoài phạm vi của bạn).');
const staleVersion = () =>
  new AppError(409, 'VERSION_CONFLICT', 'Hồ sơ đã được người khác cập nhật trong lúc bạn làm việc. Hãy tải lại để xem bản mới nhất rồi ghi lại.', 'version');

export const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

/**
 * The caller's readable paths today, narrowed to an organization's subtree when one is asked for.
 * Self-only roles read no candidates.
 */
export async function scopedPrefixes(db: Kysely<Database>, ctx: RequestCtx, org: string | undefined, asOf = todayIso()): Promise<string[]> {
  const scope = scopeFor(db, ctx.actor);
  if (scope.selfOnly) return [];
  const prefixes = await scope.pathsOn(asOf);
  if (!org) return prefixes;
  const now = await orgRepo.current(db, org);
  if (!now || !pathWithin(now.path, prefixes)) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
  const orgPaths = await subtreePathsOn(db, [org], asOf);
  return minimalPrefixes(orgPaths.filter((p) => pathWithin(p, prefixes)).concat(prefixes.filter((p) => pathWithin(p, orgPaths))));
}

function summary(c: CandidateJoined, parts: CandidateParts, today: string): CandidateSummary {
  const rules = rulesOf(c);
  const current = parts.helpers(c.id).find((h) => h.valid_to === null);
  return {
    id: c.id,
    personId: c.person_id,
    fullName: c.full_name,
    birthDate: c.birth_date,
    sex: c.sex,
    orgId: c.org_id,
    orgName: c.org_name,
    introducedByKind: c.introduced_by_kind as IntroducerKind,
    introducedByName: c.introduced_by_name,
    helperName: current?.full_name ?? null,
    progress: admissionProgress(toRecord(c, c, parts), rules, today),
    version: c.version,
  };
}

export function admissionsService(db: Db, rulesForNew: AdmissionRuleSet = DEFAULT_ADMISSION_RULES) {
  const k = db.kysely;
  const members = membersRepository(k, db.engine);

  async function loadInScope(ctx: RequestCtx, id: string, q: Kysely<Database> = k): Promise<CandidateJoined> {
    const row = await candidateQuery(q).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw NOT_FOUND();
    const scope = scopeFor(q, ctx.actor);
    if (scope.selfOnly || !pathWithin(row.path, await scope.pathsOn(todayIso()))) throw NOT_FOUND();
    return row;
  }

  /** A full member in good standing of the candidate's cell, on the day the help starts. */
  async function checkHelper(trx: Kysely<Database>, ctx: RequestCtx, helperId: string, cellId: string, on: string, candidatePersonId: string | null) {
    const h = await trx.selectFrom('person').selectAll().where('id', '=', helperId).executeTakeFirst();
    const paths = await scopeFor(trx, ctx.actor).pathsOn(todayIso());
    if (!h || !pathWithin(h.path, paths)) throw unprocessable('HELPER_NOT_FOUND', 'Đảng viên giúp đỡ: không tìm thấy người này trong phạm vi của bạn.', 'helperId');
    if (h.id === candidatePersonId) throw unprocessable('HELPER_IS_CANDIDATE', 'Đảng viên giúp đỡ: không thể là chính người được giúp đỡ.', 'helperId');
    if (h.standing !== 'dang_sinh_hoat' || !h.official_on || h.official_on > on)
      throw unprocessable('HELPER_NOT_FULL_MEMBER', `Đảng viên giúp đỡ: ${h.full_name} không phải đảng viên chính thức đang sinh hoạt vào ngày đó.`, 'helperId');
    if (h.org_id !== cellId) throw unprocessable('HELPER_OTHER_CELL', `Đảng viên giúp đỡ: ${h.full_name} không sinh hoạt ở chi bộ của quần chúng.`, 'helperId');
    return h;
  }

  async function detail(ctx: RequestCtx, id: string): Promise<CandidateDetail> {
    const c = await loadInScope(ctx, id);
    const parts = await loadParts(k, [id]);
    const rules = rulesOf(c);
    return {
      ...summary(c, parts, todayIso()),
      cellId: c.cell_id,
      ruleSet: { id: rules.id, name: rules.name },
      generalEducation: c.general_education,
      ethnicity: c.ethnicity,
      cccd: c.cccd,
      standing: c.standing,
      officialOn: c.official_on,
      steps: parts.steps(id).map((s) => ({
        step: s.step as CandidateDetail['steps'][number]['step'],
        date: s.date,
        decisionNo: s.decision_no,
        issuer: s.issuer,
        result: s.result,
        note: s.note,
        recordedAt: s.recorded_at,
      })),
      documents: parts.docs(id).map((d) => ({ doc: d.doc as CandidateDetail['documents'][number]['doc'], receivedOn: d.received_on, note: d.note })),
      documentSchedule: documentSchedule(toRecord(c, c, parts), rules),
      helpers: parts.helpers(id).map((h) => ({ personId: h.person_id, fullName: h.full_name, validFrom: h.valid_from, validTo: h.valid_to })),
      overrides: parts.overrides(id).map((o) => ({
        rule: o.rule as CandidateDetail['overrides'][number]['rule'],
        reason: o.reason,
        approvingBody: o.approving_body,
        username: o.username,
        role: o.role,
        at: o.at,
      })),
      canOverride: canOverrideAdmissionWarning(ctx.actor.role, rules),
    };
  }

  /**
   * One change to a candidate: claim the version (a concurrent writer gets 409 before anything
   * is derived), do the work, re-derive the stage, write one audit row; all or nothing.
   */
  async function change(
    ctx: RequestCtx,
    id: string,
    version: number,
    action: string,
    work: (trx: Trx, c: CandidateJoined, parts: CandidateParts) => Promise<Record<string, unknown>>,
  ) {
    const before = await loadInScope(ctx, id);
    if (before.version !== version) throw staleVersion();
    await k.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('admission_candidate')
        .set({ version: version + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
      const c = await loadInScope(ctx, id, trx);
      const what = await work(trx, c, await loadParts(trx, [id]));
      const after = await loadParts(trx, [id]);
      const rec = toRecord(c, c, after);
      const decision = rec.steps.le_ket_nap ? rec.steps.quyet_dinh : undefined;
      const derived = {
        stage: admissionStage(rec),
        decision_date: decision?.date ?? null,
        probation_ends_on: decision ? probationEndsOn(decision.date, rulesOf(c)) : null,
      };
      await trx.updateTable('admission_candidate').set(derived).where('id', '=', id).execute();
      const person = await trx.selectFrom('person').select('path').where('id', '=', c.person_id).executeTakeFirstOrThrow();
      await writeAudit(trx, who(ctx), {
        action,
        entity: 'admission_candidate',
        entityId: id,
        path: person.path,
        before: { version: before.version, stage: before.stage },
        after: { version: version + 1, ...derived, ...what },
      });
    });
    // Read back after commit: SQLite has one connection, and the transaction holds it.
    return detail(ctx, id);
  }

  /** The ledger speaks of `effectiveDate`; on this form the field is the step's date. */
  async function ledger<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof AppError && e.field === 'effectiveDate') throw new AppError(e.status, e.code, e.message, 'date', e.details);
      throw e;
    }
  }

  async function toLedger(trx: Trx, ctx: RequestCtx, c: CandidateJoined, parts: CandidateParts, input: RecordStepIn) {
    const person = await trx.selectFrom('person').selectAll().where('id', '=', c.person_id).executeTakeFirstOrThrow();
    if (input.step === 'le_ket_nap') {
      const decision = parts.steps(c.id).find((s) => s.step === 'quyet_dinh')!;
      checkAdmission(person.birth_date, decision.date, null);
      const cell = await orgRepo.versionOn(trx, person.org_id, decision.date);
      if (!cell || !isCellKind(cell.kind))
        throw unprocessable('ORG_NOT_CELL', 'Chi bộ của quần chúng không tồn tại (hoặc không phải chi bộ) vào ngày quyết định kết nạp.', 'step');
      const { state } = await ledger(() =>
        appendMemberEvents(
          trx,
          person.id,
          [{ kind: 'ket_nap', effectiveDate: decision.date, decisionNo: decision.decision_no, decisionDate: decision.date, issuer: decision.issuer, orgId: person.org_id, data: { ceremonyOn: input.date } }],
          ctx.actor.userId,
        ),
      );
      await applyDerivedState(trx, person.id, state);
      const helper = parts.helpers(c.id).find((h) => h.valid_to === null);
      await trx
        .updateTable('person')
        .set({ admitted_org_id: person.org_id, sponsors: person.sponsors ?? helper?.full_name ?? null })
        .where('id', '=', person.id)
        .execute();
    }
    if (input.step === 'ket_qua') {
      const kind = input.result === 'chinh_thuc' ? ('cong_nhan_chinh_thuc' as const) : ('khong_cong_nhan' as const);
      const { state } = await ledger(() =>
        appendMemberEvents(trx, person.id, [{ kind, effectiveDate: input.date, decisionNo: input.decisionNo, decisionDate: input.date, issuer: input.issuer, data: { note: input.note } }], ctx.actor.userId),
      );
      await applyDerivedState(trx, person.id, state);
    }
  }

  return {
    loadInScope,
    detail,

    async list(ctx: RequestCtx, q: CandidateListQuery) {
      const prefixes = await scopedPrefixes(k, ctx, q.org);
      const { total, rows } = await listCandidates(k, { prefixes, stage: q.stage, q: q.q }, q.page, q.pageSize);
      const parts = await loadParts(
        k,
        rows.map((r) => r.id),
      );
      const today = todayIso();
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => summary(r, parts, today)) };
    },

    async create(ctx: RequestCtx, input: CreateCandidateIn) {
      checkPerson(input);
      const cols = nameColumns(input);
      const found = await members.duplicatesOf({ cccd: input.cccd, folded_name: cols.folded_name, birth_date: input.birthDate });
      if (found.some((d) => d.reason === 'same_cccd'))
        throw conflict('DUPLICATE_CCCD', 'Số CCCD này đã có trong hồ sơ khác. Hãy kiểm tra, có thể người này đã có hồ sơ.', 'cccd');
      if (found.length && !input.confirmDuplicate)
        throw conflict('LIKELY_DUPLICATE', 'Đã có hồ sơ cùng họ tên và ngày sinh. Hãy kiểm tra; nếu đúng là người khác, xác nhận để lưu.', 'fullName');
      const today = todayIso();
      const helperFrom = input.helperFrom ?? today;
      if (helperFrom > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày bắt đầu giúp đỡ: không được sau ngày hôm nay.', 'helperFrom');
      const id = uuidv7();
      await k.transaction().execute(async (trx) => {
        const cell = await orgRepo.current(trx, input.cellId);
        const paths = await scopeFor(trx, ctx.actor).pathsOn(today);
        if (!cell || !pathWithin(cell.path, paths)) throw unprocessable('ORG_NOT_FOUND', 'Chi bộ bồi dưỡng: không tìm thấy trong phạm vi của bạn.', 'cellId');
        if (!isCellKind(cell.kind)) throw unprocessable('ORG_NOT_CELL', 'Chi bộ bồi dưỡng: phải chọn một chi bộ.', 'cellId');
        const now = nowIso();
        const person = await insertNonMember(trx, input, cell);
        const personId = person.id;
        const row = {
          id,
          person_id: personId,
          cell_id: cell.org_id,
          introduced_by_kind: input.introducedByKind,
          introduced_by_name: input.introducedByName,
          rule_set: rulesForNew.id,
          stage: 'gioi_thieu',
          decision_date: null,
          probation_ends_on: null,
          version: 1,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        };
        await trx.insertInto('admission_candidate').values(row).execute();
        let helper = null;
        if (input.helperId) {
          await checkHelper(trx, ctx, input.helperId, cell.org_id, helperFrom, personId);
          helper = { id: uuidv7(), candidate_id: id, person_id: input.helperId, valid_from: helperFrom, valid_to: null, recorded_by: ctx.actor.userId, recorded_at: now };
          await trx.insertInto('admission_helper').values(helper).execute();
        }
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'admission_candidate', entityId: id, path: cell.path, after: { ...row, person, helper } });
      });
      return detail(ctx, id);
    },

    recordStep(ctx: RequestCtx, id: string, input: RecordStepIn) {
      return change(ctx, id, input.version, `step:${input.step}`, async (trx, c, parts) => {
        const rec = toRecord(c, c, parts);
        const v = checkAdmissionStep(rec, input, rulesOf(c), todayIso());
        if (v) throw unprocessable(v.code, v.message, v.field);
        const row = {
          id: uuidv7(),
          candidate_id: id,
          step: input.step,
          date: input.date,
          decision_no: input.decisionNo,
          issuer: input.issuer,
          result: input.result,
          note: input.note,
          recorded_by: ctx.actor.userId,
          recorded_at: nowIso(),
        };
        await trx.insertInto('admission_step').values(row).execute();
        const after = await loadParts(trx, [id]);
        await toLedger(trx, ctx, c, after, input);
        return { step: row };
      });
    },

    recordDocument(ctx: RequestCtx, id: string, input: RecordDocumentIn) {
      return change(ctx, id, input.version, 'document', async (trx, c, parts) => {
        const v = checkDocument(toRecord(c, c, parts), input.doc, input.receivedOn, todayIso(), rulesOf(c));
        if (v) throw unprocessable(v.code, v.message, v.field);
        const row = { id: uuidv7(), candidate_id: id, doc: input.doc, received_on: input.receivedOn, note: input.note, recorded_by: ctx.actor.userId, recorded_at: nowIso() };
        await trx.insertInto('admission_document').values(row).execute();
        return { document: row };
      });
    },

    assignHelper(ctx: RequestCtx, id: string, input: AssignHelperIn) {
      return change(ctx, id, input.version, 'helper', async (trx, c, parts) => {
        if (parts.steps(id).some((s) => s.step === 'ket_qua')) throw unprocessable('ADMISSION_CLOSED', 'Hồ sơ đã có kết quả cuối cùng; không đổi người giúp đỡ.', 'helperId');
        if (input.from > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Từ ngày: không được sau ngày hôm nay.', 'from');
        const current = parts.helpers(id).find((h) => h.valid_to === null);
        if (current && current.person_id === input.helperId) throw unprocessable('SAME_HELPER', 'Đảng viên giúp đỡ: người này đang được phân công rồi.', 'helperId');
        if (current && input.from <= current.valid_from)
          throw unprocessable('DATE_BEFORE_PREVIOUS_STEP', `Từ ngày: phải sau ngày bắt đầu của người giúp đỡ hiện tại (${current.valid_from.split('-').reverse().join('/')}).`, 'from');
        await checkHelper(trx, ctx, input.helperId, c.org_id, input.from, c.person_id);
        if (current)
          await trx.updateTable('admission_helper').set({ valid_to: input.from }).where('candidate_id', '=', id).where('valid_to', 'is', null).execute();
        const row = { id: uuidv7(), candidate_id: id, person_id: input.helperId, valid_from: input.from, valid_to: null, recorded_by: ctx.actor.userId, recorded_at: nowIso() };
        await trx.insertInto('admission_helper').values(row).execute();
        return { helper: row, previous: current ?? null };
      });
    },

    async overrideWarning(ctx: RequestCtx, id: string, input: OverrideWarningIn) {
      const c = await loadInScope(ctx, id);
      const rules = rulesOf(c);
      if (!canOverrideAdmissionWarning(ctx.actor.role, rules))
        throw forbidden('Chỉ cán bộ tổ chức hoặc quản trị hệ thống được ghi nhận ngoại lệ cho cảnh báo này; hãy đề nghị cán bộ tổ chức của cấp ủy thực hiện.');
      return change(ctx, id, input.version, 'override', async (trx, _c, parts) => {
        if (parts.steps(id).some((s) => s.step === 'nghi_quyet_chi_bo'))
          throw unprocessable('OVERRIDE_TOO_LATE', 'Quy định: chi bộ đã ra nghị quyết, không còn ghi nhận ngoại lệ.', 'rule');
        if (parts.overrides(id).some((o) => o.rule === input.rule)) throw unprocessable('OVERRIDE_EXISTS', 'Quy định: ngoại lệ này đã được ghi nhận.', 'rule');
        const row = {
          id: uuidv7(),
          candidate_id: id,
          rule: input.rule,
          reason: input.reason,
          approving_body: input.approvingBody,
          user_id: ctx.actor.userId,
          username: ctx.actor.username,
          role: ctx.actor.role,
          at: nowIso(),
        };
        await trx.insertInto('admission_override').values(row).execute();
        return { override: row };
      });
    },
  };
}

export type AdmissionsService = ReturnType<typeof admissionsService>;
