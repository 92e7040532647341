import {
  can,
  foldVietnamese,
  isCellKind,
  isOpenTransfer,
  isTransferOverdue,
  needsUpperApproval,
  OPEN_TRANSFER_STATES,
  pendingAction,
  receiptDeadline,
  todayIso,
  transferChain,
  transferRefusal,
  transferStep,
  TRANSFER_ACTION_LABELS,
  type MemberEventKind,
  type ProposeTransferIn,
  type TransferAction,
  type TransferActor,
  type TransferDetailOut,
  type TransferKind,
  type TransferListQuery,
  type TransferPurpose,
  type TransferShape,
  type TransferState,
  type TransferStepIn,
  type TransferSummaryOut,
} from '@dangvu/common';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PersonRow } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { appendMemberEvents, type NewMemberEvent } from '../members/ledger.repository.js';
import { checkAdmission, checkPerson } from '../members/members.policy.js';
import { insertNonMember } from '../members/members.service.js';
import { applyDerivedState } from '../members/members.state.js';
import { buildIntroductionLetter } from './transfers.letter.js';
import { committeesOf, orgNames, orgsNow, type OrgNow } from './transfers.orgs.js';
import type { TransferRow } from './transfers.tables.js';

type Trx = Transaction<Database>;
type Db = Kysely<Database>;

const NOT_FOUND = () => notFound('TRANSFER_NOT_FOUND', 'Không tìm thấy hồ sơ chuyển sinh hoạt (hoặc hồ sơ nằm ngoài phạm vi của bạn).');
const fmt = (iso: string) => iso.split('-').reverse().join('/');
export function staleTransfer() {
  return new AppError(409, 'VERSION_CONFLICT', 'Hồ sơ chuyển sinh hoạt vừa được người khác xử lý. Hãy tải lại để xem trạng thái mới nhất.', 'version');
}

export function shapeOf(t: Pick<TransferRow, 'kind' | 'state' | 'needs_upper' | 'to_org_id'>): TransferShape {
  return { kind: t.kind as TransferKind, state: t.state as TransferState, needsUpper: t.needs_upper === 1, toInSystem: t.to_org_id !== null };
}

const actorOrgId = (t: TransferRow, actor: TransferActor): string | null =>
  ({ from: t.from_org_id, base: t.base_org_id, upper: t.upper_org_id, to: t.to_org_id })[actor];

const ACTOR_WORDS: Record<TransferActor, string> = {
  from: 'chi bộ nơi đi',
  base: 'đảng ủy cơ sở nơi đi',
  upper: 'cấp ủy cấp trên',
  to: 'chi bộ nơi đến',
};

export function transfersService(db: Db, receiptDays: number) {
  const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });
  const scopePaths = (ctx: RequestCtx, on = todayIso()) => (scopeFor(db, ctx.actor).selfOnly ? Promise.resolve([]) : scopeFor(db, ctx.actor).pathsOn(on));

  /** Visible when the caller's scope holds either end; everything else answers 404. */
  async function loadVisible(ctx: RequestCtx, id: string, trx: Db = db): Promise<{ t: TransferRow; orgs: Map<string, OrgNow>; paths: string[] }> {
    const t = await trx.selectFrom('transfer').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t) throw NOT_FOUND();
    const orgs = await orgsNow(trx, [t.from_org_id, t.to_org_id, t.base_org_id, t.upper_org_id]);
    const paths = await scopeFor(trx, ctx.actor).pathsOn(todayIso());
    const selfOnly = scopeFor(trx, ctx.actor).selfOnly;
    const ends = [t.from_org_id, t.to_org_id].map((o) => (o ? orgs.get(o)?.path : undefined)).filter((p): p is string => !!p);
    const visible = selfOnly ? t.person_id === ctx.actor.personId : ends.some((p) => pathWithin(p, paths));
    if (!visible) throw NOT_FOUND();
    return { t, orgs, paths: selfOnly ? [] : paths };
  }

  function mayAct(ctx: RequestCtx, t: TransferRow, actor: TransferActor, orgs: Map<string, OrgNow>, paths: string[]): boolean {
    const org = orgs.get(actorOrgId(t, actor) ?? '');
    return can(ctx.actor.role, 'member.event') && !!org && pathWithin(org.path, paths);
  }

  /** `names`: today's names, and the last names of organizations that have ended since. */
  function summary(t: TransferRow, p: { full_name: string; birth_date: string }, names: Map<string, string>, today: string): TransferSummaryOut {
    const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);
    return {
      id: t.id,
      kind: t.kind as TransferKind,
      state: t.state as TransferState,
      personId: t.person_id,
      fullName: p.full_name,
      birthDate: p.birth_date,
      from: ref(t.from_org_id),
      to: ref(t.to_org_id),
      outsideOrgName: t.outside_org_name,
      proposedOn: t.proposed_on,
      letterNo: t.letter_no,
      letterDate: t.letter_date,
      receiveBy: t.receive_by,
      expectedEnd: t.expected_end,
      purpose: (t.purpose ?? null) as TransferPurpose | null,
      completedOn: t.completed_on,
      overdue: isTransferOverdue({ state: t.state as TransferState, receiveBy: t.receive_by }, today),
      version: t.version,
    };
  }

  async function detail(ctx: RequestCtx, id: string): Promise<TransferDetailOut> {
    const { t, orgs, paths } = await loadVisible(ctx, id);
    const person = await db.selectFrom('person').selectAll().where('id', '=', t.person_id).executeTakeFirstOrThrow();
    const steps = await db.selectFrom('transfer_step').selectAll().where('transfer_id', '=', id).orderBy('seq').execute();
    const names = await orgNames(db, [t.from_org_id, t.to_org_id, t.base_org_id, t.upper_org_id, ...steps.map((s) => s.org_id)]);
    const shape = shapeOf(t);
    const action = pendingAction(shape);
    let next: TransferDetailOut['next'] = null;
    if (action) {
      const r = transferStep(shape, action);
      const actor = r.ok ? r.actor : null;
      const orgId = actor ? actorOrgId(t, actor) : null;
      const allowed = !!actor && mayAct(ctx, t, actor, orgs, paths);
      next = { action, actorOrg: orgId ? { id: orgId, name: names.get(orgId) ?? orgId } : null, allowed, canRefuse: allowed && transferStep(shape, 'tu_choi').ok };
    }
    return {
      ...summary(t, person, names, todayIso()),
      reason: t.reason,
      needsUpper: shape.needsUpper,
      toInSystem: shape.toInSystem,
      base: t.base_org_id ? { id: t.base_org_id, name: names.get(t.base_org_id) ?? t.base_org_id } : null,
      upper: t.upper_org_id ? { id: t.upper_org_id, name: names.get(t.upper_org_id) ?? t.upper_org_id } : null,
      letterIssuer: t.letter_issuer,
      person: {
        fullName: person.full_name,
        birthDate: person.birth_date,
        cardNo: person.card_no,
        admittedOn: person.admitted_on ?? t.admitted_on,
        officialOn: person.official_on ?? t.official_on,
      },
      steps: steps.map((s) => ({
        id: s.id,
        action: s.action as TransferAction,
        fromState: s.from_state,
        toState: s.to_state,
        date: s.on_date,
        number: s.number,
        note: s.note,
        username: s.username,
        org: s.org_id ? { id: s.org_id, name: names.get(s.org_id) ?? s.org_id } : null,
        recordedAt: s.recorded_at,
      })),
      chain: transferChain(shape),
      next,
      letterAvailable: t.letter_no !== null && t.kind !== 'den',
    };
  }

  async function refuseSecondOpen(trx: Db, personId: string) {
    const open = await trx.selectFrom('transfer').select('id').where('person_id', '=', personId).where('state', 'in', [...OPEN_TRANSFER_STATES]).executeTakeFirst();
    if (open)
      throw unprocessable('TRANSFER_ALREADY_OPEN', 'Đảng viên này đang có một hồ sơ chuyển sinh hoạt chưa kết thúc; hãy hoàn tất hoặc từ chối hồ sơ đó trước.', 'personId', { transferId: open.id });
  }

  async function destinationCell(trx: Db, orgId: string, fromOrgId: string | null): Promise<OrgNow> {
    const org = (await orgsNow(trx, [orgId])).get(orgId);
    if (!org) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy chi bộ nơi đến (hoặc chi bộ đã giải thể).', 'toOrgId');
    if (!isCellKind(org.kind)) throw unprocessable('ORG_NOT_CELL', 'Nơi đến phải là một chi bộ.', 'toOrgId');
    if (org.id === fromOrgId) throw unprocessable('SAME_CELL', 'Chi bộ nơi đến trùng chi bộ đảng viên đang sinh hoạt.', 'toOrgId');
    return org;
  }

  /** Unique-index refusals (two proposals racing on PostgreSQL) are the same user error as the check. */
  function isUniqueViolation(e: unknown): boolean {
    const err = e as { code?: string; message?: string };
    return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE';
  }

  async function propose(ctx: RequestCtx, input: ProposeTransferIn): Promise<TransferDetailOut> {
    const today = todayIso();
    if (input.date > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày đề xuất không được sau ngày hôm nay.', 'date');
    const paths = await scopePaths(ctx);
    const id = uuidv7();
    let anchor: string;
    try {
      await db.transaction().execute(async (trx) => {
        let person: PersonRow | undefined;
        let row: Omit<TransferRow, 'id' | 'person_id' | 'version' | 'created_by' | 'created_at' | 'updated_at'>;
        if (input.kind === 'den') {
          const to = await destinationCell(trx, input.toOrgId!, null);
          if (!pathWithin(to.path, paths)) throw unprocessable('ORG_NOT_FOUND', 'Chi bộ tiếp nhận phải nằm trong phạm vi của bạn.', 'toOrgId');
          if (input.letterDate! > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày giấy giới thiệu không được sau ngày hôm nay.', 'letterDate');
          if (input.letterDate! > input.date) throw unprocessable('LETTER_AFTER_PROPOSAL', 'Ngày giấy giới thiệu không được sau ngày ghi nhận.', 'letterDate');
          if (input.personId) {
            person = await trx.selectFrom('person').selectAll().where('id', '=', input.personId).executeTakeFirst();
            if (!person || !pathWithin(person.path, paths)) throw unprocessable('PERSON_NOT_FOUND', 'Không tìm thấy người này trong phạm vi của bạn.', 'personId');
          } else {
            const p = input.person!;
            checkPerson(p);
            if (p.cccd && (await trx.selectFrom('person').select('id').where('cccd', '=', p.cccd).executeTakeFirst()))
              throw conflict('DUPLICATE_CCCD', 'Số CCCD này đã có trong hồ sơ khác; hãy chọn người đã có hồ sơ thay vì nhập mới.', 'person.cccd');
            const pid = (await insertNonMember(trx, p, { org_id: to.id, path: to.path })).id;
            person = await trx.selectFrom('person').selectAll().where('id', '=', pid).executeTakeFirstOrThrow();
          }
          const why = transferRefusal('den', person);
          if (why) throw unprocessable('MEMBER_NOT_TRANSFERABLE', why, 'personId');
          checkAdmission(person.birth_date, input.admittedOn!, input.officialOn);
          anchor = to.path;
          row = {
            kind: 'den',
            state: 'cho_tiep_nhan',
            from_org_id: null,
            to_org_id: to.id,
            outside_org_name: input.outsideOrgName,
            base_org_id: null,
            upper_org_id: null,
            needs_upper: 0,
            reason: input.reason,
            proposed_on: input.date,
            expected_end: null,
            purpose: null,
            letter_no: input.letterNo,
            letter_date: input.letterDate,
            letter_issuer: input.outsideOrgName,
            receive_by: receiptDeadline(input.letterDate!, receiptDays),
            admitted_on: input.admittedOn,
            official_on: input.officialOn,
            completed_on: null,
          };
        } else {
          person = await trx.selectFrom('person').selectAll().where('id', '=', input.personId!).executeTakeFirst();
          if (!person || !pathWithin(person.path, paths)) throw unprocessable('PERSON_NOT_FOUND', 'Không tìm thấy đảng viên này trong phạm vi của bạn.', 'personId');
          const why = transferRefusal(input.kind, person);
          if (why) throw unprocessable('MEMBER_NOT_TRANSFERABLE', why, 'personId');
          const from = (await orgsNow(trx, [person.org_id])).get(person.org_id);
          if (!from || !isCellKind(from.kind)) throw unprocessable('NO_CURRENT_CELL', 'Đảng viên không có chi bộ đang sinh hoạt để chuyển đi.', 'personId');
          const to = input.toOrgId ? await destinationCell(trx, input.toOrgId, from.id) : null;
          const { base, upper } = await committeesOf(trx, from);
          anchor = from.path;
          row = {
            kind: input.kind,
            state: 'de_xuat',
            from_org_id: from.id,
            to_org_id: to?.id ?? null,
            outside_org_name: to ? null : input.outsideOrgName,
            base_org_id: base.id,
            upper_org_id: upper.id,
            needs_upper: needsUpperApproval(base.path, to?.path ?? null) ? 1 : 0,
            reason: input.reason,
            proposed_on: input.date,
            expected_end: input.kind === 'tam_thoi' ? input.expectedEnd : null,
            purpose: input.kind === 'tam_thoi' ? input.purpose : null,
            letter_no: null,
            letter_date: null,
            letter_issuer: null,
            receive_by: null,
            admitted_on: null,
            official_on: null,
            completed_on: null,
          };
        }
        await refuseSecondOpen(trx, person.id);
        const now = nowIso();
        const full: TransferRow = { id, person_id: person.id, ...row, version: 1, created_by: ctx.actor.userId, created_at: now, updated_at: now };
        await trx.insertInto('transfer').values(full).execute();
        await trx
          .insertInto('transfer_step')
          .values({
            id: uuidv7(),
            transfer_id: id,
            seq: 1,
            action: 'de_xuat',
            from_state: null,
            to_state: row.state,
            on_date: input.date,
            number: input.kind === 'den' ? input.letterNo : input.decisionNo,
            note: input.reason,
            org_id: row.kind === 'den' ? row.to_org_id : row.from_org_id,
            member_event_id: null,
            user_id: ctx.actor.userId,
            username: ctx.actor.username,
            recorded_at: now,
          })
          .execute();
        await writeAudit(trx, who(ctx), { action: 'transfer:de_xuat', entity: 'transfer', entityId: id, path: anchor, after: full });
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw unprocessable('TRANSFER_ALREADY_OPEN', 'Đảng viên này đang có một hồ sơ chuyển sinh hoạt chưa kết thúc; hãy hoàn tất hoặc từ chối hồ sơ đó trước.', 'personId');
      throw e;
    }
    return detail(ctx, id);
  }

  async function step(ctx: RequestCtx, id: string, input: TransferStepIn): Promise<TransferDetailOut> {
    const { t, orgs, paths } = await loadVisible(ctx, id);
    if (t.version !== input.version) throw staleTransfer();
    const r = transferStep(shapeOf(t), input.action);
    if (!r.ok) throw unprocessable('TRANSFER_STEP_REFUSED', r.message, 'action');
    if (!mayAct(ctx, t, r.actor, orgs, paths)) {
      const org = orgs.get(actorOrgId(t, r.actor) ?? '');
      throw forbidden(
        `Bước "${TRANSFER_ACTION_LABELS[input.action].vi}" do ${ACTOR_WORDS[r.actor]}${org ? ` (${org.name})` : ''} thực hiện; tổ chức này nằm ngoài phạm vi của bạn.`,
      );
    }
    if (input.date > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày thực hiện không được sau ngày hôm nay.', 'date');
    const last = await db.selectFrom('transfer_step').select(['on_date', 'seq']).where('transfer_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    if (input.date < last.on_date)
      throw unprocessable('STEP_BEFORE_PREVIOUS', `Ngày thực hiện không được trước bước trước đó (${fmt(last.on_date)}).`, 'date');
    if (r.issuesLetter && !input.number) throw unprocessable('LETTER_NO_REQUIRED', 'Bước này cấp giấy giới thiệu sinh hoạt đảng: cần ghi số giấy giới thiệu.', 'number');

    const actorOrg = orgs.get(actorOrgId(t, r.actor)!)!;
    const letter = r.issuesLetter ? { letter_no: input.number, letter_date: input.date, letter_issuer: actorOrg.name, receive_by: receiptDeadline(input.date, receiptDays) } : {};
    const terminal = !isOpenTransfer(r.state);
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('transfer')
        .set({ state: r.state, version: t.version + 1, updated_at: nowIso(), ...letter, ...(terminal ? { completed_on: input.date } : {}) })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw staleTransfer();
      const after = await trx.selectFrom('transfer').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      let eventId: string | null = null;
      if (r.ledger) eventId = await recordLedger(trx, ctx, after, r.ledger, input);
      await trx
        .insertInto('transfer_step')
        .values({
          id: uuidv7(),
          transfer_id: id,
          seq: last.seq + 1,
          action: input.action,
          from_state: t.state,
          to_state: r.state,
          on_date: input.date,
          number: input.number,
          note: input.reason,
          org_id: actorOrg.id,
          member_event_id: eventId,
          user_id: ctx.actor.userId,
          username: ctx.actor.username,
          recorded_at: nowIso(),
        })
        .execute();
      await writeAudit(trx, who(ctx), { action: `transfer:${input.action}`, entity: 'transfer', entityId: id, path: actorOrg.path, before: t, after: { ...after, memberEventId: eventId } });
    });
    return detail(ctx, id);
  }

  /** The member's ledger changes in the same transaction as the step: never two primary cells, never none. */
  async function recordLedger(trx: Trx, ctx: RequestCtx, t: TransferRow, kind: MemberEventKind, input: TransferStepIn): Promise<string> {
    const placed = kind === 'chuyen_noi_bo' || kind === 'chuyen_den' || kind === 'tam_chuyen_di';
    const event: NewMemberEvent = {
      kind,
      effectiveDate: input.date,
      decisionNo: t.letter_no,
      decisionDate: t.letter_date,
      issuer: t.letter_issuer,
      orgId: placed ? t.to_org_id : null,
      data: { transferId: t.id, note: input.reason ?? null, admittedOn: kind === 'chuyen_den' ? t.admitted_on : undefined, officialOn: kind === 'chuyen_den' ? t.official_on : undefined },
    };
    try {
      const { state, eventIds } = await appendMemberEvents(trx, t.person_id, [event], ctx.actor.userId);
      await applyDerivedState(trx, t.person_id, state);
      return eventIds[0]!;
    } catch (e) {
      // The ledger names its own field; on this form the date is the step's date.
      if (e instanceof AppError && e.field === 'effectiveDate') throw new AppError(e.status, e.code, e.message, 'date', e.details);
      if (e instanceof AppError && e.field === 'kind') throw new AppError(e.status, e.code, e.message, 'action', e.details);
      throw e;
    }
  }

  async function list(ctx: RequestCtx, q: TransferListQuery) {
    const today = todayIso();
    const scope = scopeFor(db, ctx.actor);
    const paths = scope.selfOnly ? [] : await scope.pathsOn(today);
    let base = db
      .selectFrom('transfer as t')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .leftJoin('organization_version as fv', (j) => j.onRef('fv.org_id', '=', 't.from_org_id').on('fv.valid_to', 'is', null))
      .leftJoin('organization_version as tv', (j) => j.onRef('tv.org_id', '=', 't.to_org_id').on('tv.valid_to', 'is', null));
    const fromIn = inSubtrees('fv.path', paths);
    const toIn = inSubtrees('tv.path', paths);
    if (scope.selfOnly) base = base.where('t.person_id', '=', ctx.actor.personId ?? '');
    else if (q.box === 'outgoing') base = base.where(fromIn);
    else if (q.box === 'incoming') base = base.where(toIn).where('t.state', '=', 'cho_tiep_nhan');
    else base = base.where(sql<boolean>`(${fromIn} or ${toIn})`);
    if (q.box === 'overdue') base = base.where('t.state', '=', 'cho_tiep_nhan').where('t.receive_by', '<', today);
    if (q.state) base = base.where('t.state', '=', q.state);
    if (q.kind) base = base.where('t.kind', '=', q.kind);
    if (q.personId) base = base.where('t.person_id', '=', q.personId);
    const words = q.q ? foldVietnamese(q.q).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean) : [];
    for (const w of words) base = base.where('p.search_names', 'like', `% ${w}%`);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll('t')
      .select(['p.full_name', 'p.birth_date', 'fv.name as from_name', 'tv.name as to_name'])
      .orderBy('t.proposed_on', 'desc')
      .orderBy('t.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const missing = rows.flatMap((r) => [r.from_name ? null : r.from_org_id, r.to_name ? null : r.to_org_id]);
    const extra = await orgNames(db, missing);
    const items = rows.map((r) => {
      const names = new Map(extra);
      if (r.from_org_id && r.from_name) names.set(r.from_org_id, r.from_name);
      if (r.to_org_id && r.to_name) names.set(r.to_org_id, r.to_name);
      return summary(r, r, names, today);
    });
    return { total, page: q.page, pageSize: q.pageSize, overdueDays: receiptDays, items };
  }

  /** Cells anywhere in the system, by name: a transfer's destination is usually outside the proposer's scope. */
  async function destinations(q: string) {
    const folded = foldVietnamese(q).trim();
    let query = db
      .selectFrom('organization_version as v')
      .leftJoin('organization_version as pv', (j) => j.onRef('pv.org_id', '=', 'v.parent_id').on('pv.valid_to', 'is', null))
      .select(['v.org_id as id', 'v.name', 'v.kind', 'pv.name as parentName'])
      .where('v.valid_to', 'is', null)
      .where('v.kind', 'in', ['chi_bo_co_so', 'chi_bo_truc_thuoc']);
    if (folded) query = query.where((eb) => eb.or([eb('v.folded_name', 'like', `%${folded}%`), eb('pv.folded_name', 'like', `%${folded}%`)]));
    return { items: await query.orderBy('v.folded_name').orderBy('v.org_id').limit(30).execute() };
  }

  /** The introduction letter as .docx, once a committee has issued it. */
  async function letter(ctx: RequestCtx, id: string): Promise<{ buffer: Buffer; fileName: string }> {
    const { t, orgs } = await loadVisible(ctx, id);
    if (!t.letter_no || !t.letter_date || t.kind === 'den')
      throw unprocessable('LETTER_NOT_ISSUED', 'Hồ sơ chưa được cấp giấy giới thiệu sinh hoạt đảng (cần cấp ủy duyệt trước).', 'id');
    const person = await db.selectFrom('person').selectAll().where('id', '=', t.person_id).executeTakeFirstOrThrow();
    // Organizations that have ended since the letter keep their last name on a reprint.
    const names = await orgNames(db, [t.from_org_id, t.to_org_id]);
    const issuerId = t.needs_upper === 1 ? t.upper_org_id : t.base_org_id;
    const issuer = issuerId ? orgs.get(issuerId) : undefined;
    const parent = issuer?.parentId ? (await orgsNow(db, [issuer.parentId])).get(issuer.parentId) : undefined;
    const buffer = await buildIntroductionLetter({
      letterNo: t.letter_no,
      letterDate: t.letter_date,
      validUntil: t.receive_by ?? receiptDeadline(t.letter_date, receiptDays),
      validDays: receiptDays,
      issuer: t.letter_issuer ?? issuer?.name ?? '',
      issuerParent: parent?.name ?? null,
      temporary: t.kind === 'tam_thoi',
      purpose: (t.purpose ?? null) as TransferPurpose | null,
      fullName: person.full_name,
      birthDate: person.birth_date,
      admittedOn: person.admitted_on,
      officialOn: person.official_on,
      cardNo: person.card_no,
      fromOrg: names.get(t.from_org_id ?? '') ?? '',
      toOrg: (t.to_org_id ? names.get(t.to_org_id) : t.outside_org_name) ?? '',
      expectedEnd: t.expected_end,
      reason: t.reason,
    });
    return { buffer, fileName: `Giấy giới thiệu sinh hoạt đảng - ${person.full_name} - ${t.letter_no.replace(/[\\/:*?"<>|]+/g, '-')}.docx` };
  }

  return { detail, propose, step, list, destinations, letter, loadVisible };
}

export type TransfersService = ReturnType<typeof transfersService>;
