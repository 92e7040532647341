import {
  attendanceCounts,
  base64Bytes,
  formatDateVi,
  meetingActionRefusal,
  meetingScoreProblem,
  MEETING_ATTACHMENT_MAX_BYTES,
  MEETING_ATTACHMENT_TYPES,
  MEETING_SCORE_RULE_SETS,
  meetingScoreRulesOn,
  monthOf,
  isCellKind,
  scoreMeeting,
  todayIso,
  type AttendanceIn,
  type HeldMeetingIn,
  type MeetingAction,
  type MeetingDocumentIn,
  type MeetingRuleChoiceIn,
  type MeetingState,
  type MinutesIn,
  type PlanMeetingIn,
  type PublishMeetingIn,
  type ReopenMeetingIn,
  type ScoreMeetingIn,
} from '@dangvu/common';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { loadVisible, meetingDate } from './meetings.access.js';
import { meetingDetail } from './meetings.detail.js';
import { orgOn, rosterOn, rulesFor } from './meetings.repository.js';
import type { MeetingRow, MeetingTable } from './meetings.tables.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const stale = () => new AppError(409, 'VERSION_CONFLICT', 'Buổi sinh hoạt vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất.', 'version');
const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

/** Counts as stored on the meeting row, from the attendance rows and guests. */
async function recount(trx: Trx, id: string) {
  const rows = await trx.selectFrom('meeting_attendance').select(['status', 'exempt']).where('meeting_id', '=', id).execute();
  const guests = await trx.selectFrom('meeting_guest').select('kind').where('meeting_id', '=', id).execute();
  const c = attendanceCounts(
    rows.map((r) => ({ status: r.status as 'co_mat', exempt: r.exempt === 1 })),
    guests.map((g) => ({ kind: g.kind as 'khach' })),
  );
  return {
    n_members: c.members,
    n_present: c.present,
    n_excused: c.excused,
    n_unexcused: c.unexcused,
    n_exempt: c.exempt,
    n_exempt_present: c.exemptPresent,
    n_guests: c.guests,
    n_higher: c.higher,
  };
}

export function meetingsService(db: Db) {
  /**
   * The one write path: load in the transaction, check scope, version and the action's state,
   * run the change, bump the version, log the step and write exactly one audit row.
   */
  async function act(
    ctx: RequestCtx,
    id: string,
    version: number,
    action: MeetingAction,
    change: (trx: Trx, m: MeetingRow) => Promise<{ set: Updateable<MeetingTable>; note?: string | null; snapshot?: unknown }>,
  ) {
    await db.transaction().execute(async (trx) => {
      const m = await loadVisible(trx, ctx, id);
      if (m.version !== version) throw stale();
      const why = meetingActionRefusal(m.state as MeetingState, action);
      if (why) throw unprocessable('MEETING_ACTION_REFUSED', why, 'action');
      const { set, note, snapshot } = await change(trx, m);
      const r = await trx
        .updateTable('meeting')
        .set({ ...set, version: m.version + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw stale();
      const after = await trx.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await step(trx, ctx, id, action, after.revision, note ?? null, snapshot);
      await writeAudit(trx, who(ctx), { action: `meeting:${action}`, entity: 'meeting', entityId: id, path: after.path, before: m, after });
    });
    return meetingDetail(db, ctx, id);
  }

  async function step(trx: Trx, ctx: RequestCtx, meetingId: string, action: string, revision: number, note: string | null, snapshot?: unknown) {
    const last = await trx.selectFrom('meeting_step').select('seq').where('meeting_id', '=', meetingId).orderBy('seq', 'desc').executeTakeFirst();
    await trx
      .insertInto('meeting_step')
      .values({
        id: uuidv7(),
        meeting_id: meetingId,
        seq: (last?.seq ?? 0) + 1,
        action,
        revision,
        note,
        snapshot: snapshot === undefined ? null : JSON.stringify(snapshot),
        user_id: ctx.actor.userId,
        username: ctx.actor.username,
        recorded_at: nowIso(),
      })
      .execute();
  }

  async function plan(ctx: RequestCtx, input: PlanMeetingIn) {
    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      const cell = await orgOn(trx, input.orgId, input.plannedOn);
      const scope = scopeFor(trx, ctx.actor);
      const paths = scope.selfOnly ? [] : await scope.pathsOn(input.plannedOn);
      if (!cell || !pathWithin(cell.path, paths))
        throw unprocessable('ORG_NOT_FOUND', `Không tìm thấy chi bộ này trong phạm vi của bạn vào ngày ${formatDateVi(input.plannedOn)}.`, 'orgId');
      if (!isCellKind(cell.kind)) throw unprocessable('ORG_NOT_CELL', 'Chỉ chi bộ mới tổ chức sinh hoạt chi bộ; hãy chọn một chi bộ.', 'orgId');
      const month = monthOf(input.plannedOn);
      if (input.kind === 'thuong_ky') {
        const dup = await trx.selectFrom('meeting').select('id').where('org_id', '=', cell.id).where('month', '=', month).where('kind', '=', 'thuong_ky').executeTakeFirst();
        if (dup)
          throw unprocessable('MEETING_EXISTS', `Chi bộ đã có buổi sinh hoạt thường kỳ tháng ${month.slice(5)}/${month.slice(0, 4)}; mở buổi đó để cập nhật.`, 'plannedOn', { meetingId: dup.id });
      }
      const rules = await rulesFor(trx, cell.path, input.plannedOn);
      const now = nowIso();
      const row: MeetingTable = {
        id,
        org_id: cell.id,
        path: cell.path,
        kind: input.kind,
        month,
        state: 'ke_hoach',
        title: input.title,
        agenda: input.agenda,
        location: input.location,
        planned_on: input.plannedOn,
        published_on: null,
        held_on: null,
        duration_minutes: null,
        chair_name: null,
        secretary_name: null,
        minutes: null,
        attendance_rows: 0,
        attendance_recorded: 0,
        n_members: null,
        n_present: null,
        n_excused: null,
        n_unexcused: null,
        n_exempt: null,
        n_exempt_present: null,
        n_guests: null,
        n_higher: null,
        score_rules: rules.score.id,
        score_detail: null,
        score_total: null,
        score_class: null,
        revision: 1,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('meeting').values(row).execute();
      await step(trx, ctx, id, 'lap_ke_hoach', 1, null);
      await writeAudit(trx, who(ctx), { action: 'meeting:lap_ke_hoach', entity: 'meeting', entityId: id, path: cell.path, after: row });
    });
    return meetingDetail(db, ctx, id);
  }

  const publish = (ctx: RequestCtx, id: string, input: PublishMeetingIn) =>
    act(ctx, id, input.version, 'thong_bao', async (_trx, m) => {
      const plannedOn = input.plannedOn ?? m.planned_on;
      if (monthOf(plannedOn) !== m.month) throw unprocessable('MONTH_CHANGED', `Ngày họp phải trong tháng ${m.month.slice(5)}/${m.month.slice(0, 4)} của buổi sinh hoạt này.`, 'plannedOn');
      if (input.publishedOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày thông báo không được sau ngày hôm nay.', 'publishedOn');
      if (input.publishedOn > plannedOn) throw unprocessable('PUBLISHED_AFTER_MEETING', 'Ngày thông báo phải trước hoặc trùng ngày họp dự kiến.', 'publishedOn');
      const agenda = input.agenda ?? m.agenda;
      if (!agenda) throw unprocessable('AGENDA_REQUIRED', 'Cần nội dung, chương trình sinh hoạt trước khi thông báo.', 'agenda');
      return { set: { state: 'da_thong_bao', published_on: input.publishedOn, planned_on: plannedOn, agenda } };
    });

  const held = (ctx: RequestCtx, id: string, input: HeldMeetingIn) =>
    act(ctx, id, input.version, 'hop', async (trx, m) => {
      if (monthOf(input.heldOn) !== m.month)
        throw unprocessable('MONTH_CHANGED', `Ngày họp phải trong tháng ${m.month.slice(5)}/${m.month.slice(0, 4)}; nếu họp tháng khác, hãy lập buổi sinh hoạt của tháng đó.`, 'heldOn');
      if (input.heldOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày họp không được sau ngày hôm nay.', 'heldOn');
      if (m.attendance_recorded && input.heldOn !== m.held_on)
        throw unprocessable('ATTENDANCE_RECORDED', 'Đã điểm danh theo ngày họp cũ; không đổi được ngày họp.', 'heldOn');
      const cell = await orgOn(trx, m.org_id, input.heldOn);
      if (!cell) throw unprocessable('ORG_NOT_ON_DATE', `Chi bộ không tồn tại vào ngày ${formatDateVi(input.heldOn)}.`, 'heldOn');
      return { set: { state: 'da_hop', held_on: input.heldOn, duration_minutes: input.durationMinutes, chair_name: input.chairName, secretary_name: input.secretaryName, path: cell.path } };
    });

  const attendance = (ctx: RequestCtx, id: string, input: AttendanceIn) =>
    act(ctx, id, input.version, 'diem_danh', async (trx, m) => {
      const roster = await rosterOn(trx, m.org_id, m.held_on!);
      const byId = new Map(roster.map((r) => [r.personId, r]));
      const seen = new Set<string>();
      input.rows.forEach((r, i) => {
        if (!byId.has(r.personId))
          throw unprocessable('NOT_CELL_MEMBER', `Người ở dòng ${i + 1} không phải đảng viên của chi bộ vào ngày họp ${formatDateVi(m.held_on!)}.`, `rows.${i}.personId`);
        if (seen.has(r.personId)) throw unprocessable('DUPLICATE_ROW', `Đảng viên ở dòng ${i + 1} được điểm danh hai lần.`, `rows.${i}.personId`);
        seen.add(r.personId);
      });
      const missing = roster.filter((r) => !seen.has(r.personId));
      if (missing.length)
        throw unprocessable('ATTENDANCE_INCOMPLETE', `Chưa điểm danh ${missing.length} đảng viên: ${missing.slice(0, 3).map((r) => r.fullName).join(', ')}${missing.length > 3 ? '…' : ''}.`, 'rows');
      await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', id).execute();
      await trx.deleteFrom('meeting_guest').where('meeting_id', '=', id).execute();
      if (input.rows.length)
        await trx
          .insertInto('meeting_attendance')
          .values(input.rows.map((r) => ({ meeting_id: id, person_id: r.personId, status: r.status, exempt: byId.get(r.personId)!.exempt ? 1 : 0, reason: r.reason })))
          .execute();
      if (input.guests.length)
        await trx
          .insertInto('meeting_guest')
          .values(input.guests.map((g) => ({ id: uuidv7(), meeting_id: id, kind: g.kind, name: g.name, organization: g.organization, post: g.post })))
          .execute();
      return { set: { attendance_rows: 1, attendance_recorded: 1, ...(await recount(trx, id)) } };
    });

  const minutes = (ctx: RequestCtx, id: string, input: MinutesIn) => act(ctx, id, input.version, 'bien_ban', async () => ({ set: { minutes: input.minutes } }));

  const score = (ctx: RequestCtx, id: string, input: ScoreMeetingIn) =>
    act(ctx, id, input.version, 'cham_diem', async (_trx, m) => {
      if (!m.attendance_recorded) throw unprocessable('ATTENDANCE_MISSING', 'Cần điểm danh trước khi chấm điểm buổi sinh hoạt.', 'scores');
      const rules = MEETING_SCORE_RULE_SETS[m.score_rules] ?? meetingScoreRulesOn(meetingDate(m));
      const problem = meetingScoreProblem(rules, input.scores);
      if (problem) throw unprocessable('SCORE_INVALID', problem.message, problem.field);
      const r = scoreMeeting(rules, input.scores);
      return { set: { score_detail: JSON.stringify(input.scores), score_total: r.total, score_class: r.cls } };
    });

  const close = (ctx: RequestCtx, id: string, version: number) =>
    act(ctx, id, version, 'ket_thuc', async (_trx, m) => {
      if (!m.attendance_recorded) throw unprocessable('ATTENDANCE_MISSING', 'Chưa điểm danh: chưa thể kết thúc buổi sinh hoạt.', 'action');
      if (!m.minutes) throw unprocessable('MINUTES_MISSING', 'Chưa có biên bản: chưa thể kết thúc buổi sinh hoạt.', 'action');
      if (m.score_class === null) throw unprocessable('SCORE_MISSING', 'Chưa chấm điểm: chưa thể kết thúc buổi sinh hoạt.', 'action');
      return { set: { state: 'da_dong' }, snapshot: { revision: m.revision, minutes: m.minutes, scoreDetail: m.score_detail, scoreTotal: m.score_total, scoreClass: m.score_class } };
    });

  /** Reopening keeps the closed revision in the step log and starts the next one. */
  const reopen = (ctx: RequestCtx, id: string, input: ReopenMeetingIn) =>
    act(ctx, id, input.version, 'mo_lai', async (trx, m) => {
      const attendance = await trx.selectFrom('meeting_attendance').select(['person_id', 'status', 'exempt', 'reason']).where('meeting_id', '=', id).orderBy('person_id').execute();
      const guests = await trx.selectFrom('meeting_guest').select(['kind', 'name', 'organization', 'post']).where('meeting_id', '=', id).orderBy('id').execute();
      return {
        set: { state: 'da_hop', revision: m.revision + 1 },
        note: input.reason,
        snapshot: { revision: m.revision, minutes: m.minutes, scoreDetail: m.score_detail, scoreTotal: m.score_total, scoreClass: m.score_class, attendance, guests },
      };
    });

  const addDocument = (ctx: RequestCtx, id: string, input: MeetingDocumentIn) =>
    act(ctx, id, input.version, 'tai_lieu', async (trx) => {
      let content: Buffer | null = null;
      if (input.kind === 'tep') {
        if (!(input.mimeType! in MEETING_ATTACHMENT_TYPES))
          throw unprocessable('FILE_TYPE', `Loại tệp không được nhận; chỉ nhận: ${Object.values(MEETING_ATTACHMENT_TYPES).join(', ')}.`, 'mimeType');
        const size = base64Bytes(input.contentBase64!);
        if (size > MEETING_ATTACHMENT_MAX_BYTES)
          throw unprocessable('FILE_TOO_LARGE', `Tệp ${(size / 1048576).toFixed(1).replace('.', ',')} MB vượt giới hạn ${MEETING_ATTACHMENT_MAX_BYTES / 1048576} MB.`, 'contentBase64');
        if (size === 0) throw unprocessable('FILE_EMPTY', 'Tệp rỗng.', 'contentBase64');
        content = Buffer.from(input.contentBase64!, 'base64');
      }
      const docId = uuidv7();
      await trx
        .insertInto('meeting_document')
        .values({
          id: docId,
          meeting_id: id,
          kind: input.kind,
          name: input.kind === 'tep' ? input.name : input.refTitle,
          mime_type: input.kind === 'tep' ? input.mimeType : null,
          size: content?.length ?? null,
          content,
          ref_number: input.kind === 'van_ban' ? input.refNumber : null,
          ref_title: input.kind === 'van_ban' ? input.refTitle : null,
          created_by: ctx.actor.userId,
          created_at: nowIso(),
        })
        .execute();
      return { set: {}, note: input.kind === 'tep' ? input.name : `${input.refNumber} ${input.refTitle}` };
    });

  async function document(ctx: RequestCtx, id: string, docId: string) {
    await loadVisible(db, ctx, id);
    const d = await db.selectFrom('meeting_document').selectAll().where('id', '=', docId).where('meeting_id', '=', id).where('kind', '=', 'tep').executeTakeFirst();
    if (!d || !d.content) throw notFound('DOCUMENT_NOT_FOUND', 'Không tìm thấy tệp đính kèm.');
    return { name: d.name ?? 'tai-lieu', mimeType: d.mime_type ?? 'application/octet-stream', content: Buffer.from(d.content) };
  }

  /** Choosing rule sets for an organization from a date: a new row, older choices stay for history. */
  async function chooseRules(ctx: RequestCtx, input: MeetingRuleChoiceIn) {
    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      const on = input.validFrom < todayIso() ? todayIso() : input.validFrom;
      const org = (await orgOn(trx, input.orgId, on)) ?? (await orgOn(trx, input.orgId, input.validFrom));
      const scope = scopeFor(trx, ctx.actor);
      const paths = scope.selfOnly ? [] : await scope.pathsOn(todayIso());
      if (!org || !pathWithin(org.path, paths)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức này trong phạm vi của bạn.', 'orgId');
      const row = {
        id,
        org_id: org.id,
        valid_from: input.validFrom,
        score_rules: input.scoreRules,
        rollup_rules: input.rollupRules,
        decision_no: input.decisionNo,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
      };
      await trx.insertInto('meeting_rule_choice').values(row).execute();
      await writeAudit(trx, who(ctx), { action: 'meeting:chon_quy_tac', entity: 'meeting_rule_choice', entityId: id, path: org.path, after: row });
    });
    return { id };
  }

  return { plan, publish, held, attendance, minutes, score, close, reopen, addDocument, document, chooseRules };
}
