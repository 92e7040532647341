import {
  isCovered,
  STUDY_COVERAGE_KINDS,
  todayIso,
  type CreateStudySessionIn,
  type StudyAttendanceIn,
  type StudyCoverageOut,
  type StudyForm,
  type StudyListQuery,
  type StudySessionDetailOut,
  type StudySessionSummaryOut,
  type CoverageRule,
} from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { idsOfPath, pathWithin } from '../../platform/scope.js';
import { who } from '../admissions/admissions.service.js';
import { resolveSubtree } from '../organizations/subtree.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { readPrefixes } from './documents.service.js';
import { canReadPath, num, orgNames, staleVersion } from './documents.scope.js';
import type { StudySessionRow } from './documents.tables.js';

type Q = Kysely<Database>;
type Trx = Transaction<Database>;

const NOT_FOUND = () => notFound('STUDY_SESSION_NOT_FOUND', 'Không tìm thấy buổi học tập (hoặc buổi học tập nằm ngoài phạm vi của bạn).');
const fmt = (iso: string) => iso.split('-').reverse().join('/');

/** Named attendance per session: members and non-members (on the session day). */
async function namedCounts(db: Q, ids: readonly string[]): Promise<Map<string, { m: number; nm: number }>> {
  const out = new Map<string, { m: number; nm: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('study_attendance')
      .select((eb) => ['session_id', eb.fn.sum('is_member').as('m'), eb.fn.countAll().as('n')])
      .where('session_id', 'in', ids.slice(i, i + 500))
      .groupBy('session_id')
      .execute();
    for (const r of rows) out.set(r.session_id, { m: num(r.m), nm: num(r.n) - num(r.m) });
  }
  return out;
}

export function studyService(db: Q) {
  async function loadVisible(q: Q, ctx: RequestCtx, id: string): Promise<{ s: StudySessionRow; prefixes: string[] }> {
    const s = await q.selectFrom('study_session').selectAll().where('id', '=', id).executeTakeFirst();
    const prefixes = await readPrefixes(q, ctx);
    if (!s || !pathWithin(s.path, prefixes)) throw NOT_FOUND();
    return { s, prefixes };
  }

  async function summaries(rows: StudySessionRow[]): Promise<StudySessionSummaryOut[]> {
    const ids = rows.map((r) => r.id);
    const names = await orgNames(db, rows.map((r) => r.org_id));
    const named = await namedCounts(db, ids);
    const docs = ids.length
      ? await db
          .selectFrom('study_session_document as sd')
          .innerJoin('document as d', 'd.id', 'sd.document_id')
          .select(['sd.session_id', 'd.id', 'd.symbol'])
          .where('sd.session_id', 'in', ids)
          .orderBy('d.doc_date')
          .execute()
      : [];
    return rows.map((r) => {
      const n = named.get(r.id) ?? { m: 0, nm: 0 };
      return {
        id: r.id,
        org: { id: r.org_id, name: names.get(r.org_id) ?? r.org_id },
        studiedOn: r.held_on,
        studyForm: r.form as StudyForm,
        topic: r.title,
        documents: docs.filter((d) => d.session_id === r.id).map((d) => ({ id: d.id, symbol: d.symbol })),
        memberTimes: r.member_count + n.m,
        nonMemberTimes: r.non_member_count + n.nm,
        version: r.version,
      };
    });
  }

  async function detail(ctx: RequestCtx, id: string): Promise<StudySessionDetailOut> {
    const { s } = await loadVisible(db, ctx, id);
    const [summary] = await summaries([s]);
    const people = await db
      .selectFrom('study_attendance as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'p.full_name', 'a.is_member'])
      .where('a.session_id', '=', id)
      .orderBy('a.is_member', 'desc')
      .orderBy('p.sort_key')
      .execute();
    return {
      ...summary!,
      memberCount: s.member_count,
      nonMemberCount: s.non_member_count,
      attendees: people.map((p) => ({ personId: p.person_id, fullName: p.full_name, isMember: p.is_member === 1 })),
    };
  }

  /** Named attendees must be people in the caller's scope; each is flagged member or not on the day. */
  async function attendanceRows(trx: Trx, sessionId: string, personIds: readonly string[], on: string, prefixes: string[]) {
    if (!personIds.length) return [];
    const people = await trx.selectFrom('person').select(['id', 'path']).where('id', 'in', personIds).execute();
    const found = new Map(people.map((p) => [p.id, p.path]));
    personIds.forEach((pid, i) => {
      const path = found.get(pid);
      if (!path || !pathWithin(path, prefixes))
        throw unprocessable('PERSON_NOT_FOUND', `Người dự thứ ${i + 1} không có trong hồ sơ thuộc phạm vi của bạn.`, `attendeeIds.${i}`);
    });
    const members = await trx
      .selectFrom('membership_episode as e')
      .select('e.person_id')
      .where('e.person_id', 'in', personIds)
      .where('e.kind', '=', 'primary')
      .where((eb) => validOn(eb, 'e', on))
      .execute();
    const isMember = new Set(members.map((m) => m.person_id));
    return personIds.map((pid) => ({ session_id: sessionId, person_id: pid, is_member: isMember.has(pid) ? 1 : 0 }));
  }

  async function create(ctx: RequestCtx, input: CreateStudySessionIn): Promise<StudySessionDetailOut> {
    if (input.studiedOn > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày học tập không được sau ngày hôm nay.', 'studiedOn');
    const prefixes = await readPrefixes(db, ctx);
    const now = await orgRepo.current(db, input.orgId);
    if (!now || !pathWithin(now.path, prefixes)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này trong phạm vi của bạn.', 'orgId');
    const then = await orgRepo.versionOn(db, input.orgId, input.studiedOn);
    if (!then) throw unprocessable('ORG_NOT_ACTIVE', `Tổ chức chưa thành lập hoặc đã giải thể vào ngày ${fmt(input.studiedOn)}.`, 'studiedOn');
    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      const docs = await trx.selectFrom('document').select(['id', 'path', 'doc_date', 'symbol']).where('id', 'in', input.documentIds).execute();
      const byId = new Map(docs.map((d) => [d.id, d]));
      input.documentIds.forEach((did, i) => {
        const d = byId.get(did);
        if (!d || !canReadPath(d.path, prefixes)) throw unprocessable('DOCUMENT_NOT_FOUND', `Không tìm thấy văn bản thứ ${i + 1} trong phạm vi của bạn.`, `documentIds.${i}`);
        if (d.doc_date > input.studiedOn)
          throw unprocessable('STUDY_BEFORE_DOCUMENT', `Văn bản ${d.symbol} ban hành ngày ${fmt(d.doc_date)}, sau ngày học tập.`, 'studiedOn');
      });
      const t = nowIso();
      const row: StudySessionRow = {
        id,
        org_id: input.orgId,
        path: then.path,
        held_on: input.studiedOn,
        form: input.studyForm,
        title: input.topic,
        member_count: input.memberCount,
        non_member_count: input.nonMemberCount,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: t,
        updated_at: t,
      };
      const attendance = await attendanceRows(trx, id, input.attendeeIds, input.studiedOn, prefixes);
      await trx.insertInto('study_session').values(row).execute();
      await trx.insertInto('study_session_document').values(input.documentIds.map((document_id) => ({ session_id: id, document_id }))).execute();
      for (let i = 0; i < attendance.length; i += 500) await trx.insertInto('study_attendance').values(attendance.slice(i, i + 500)).execute();
      await writeAudit(trx, who(ctx), {
        action: 'study.create',
        entity: 'study_session',
        entityId: id,
        path: row.path,
        after: { ...row, documentIds: input.documentIds, attendeeIds: input.attendeeIds },
      });
    });
    return detail(ctx, id);
  }

  /** Attendance is corrected as a whole (the list a secretary re-submits); the audit keeps the previous list. */
  async function setAttendance(ctx: RequestCtx, id: string, input: StudyAttendanceIn): Promise<StudySessionDetailOut> {
    await db.transaction().execute(async (trx) => {
      const { s, prefixes } = await loadVisible(trx, ctx, id);
      if (s.version !== input.version) throw staleVersion('Buổi học tập');
      if (input.attendeeIds.length + input.memberCount + input.nonMemberCount === 0)
        throw unprocessable('ATTENDANCE_EMPTY', 'Cần ghi người dự hoặc số lượt người dự.', 'attendeeIds');
      const before = await trx.selectFrom('study_attendance').select('person_id').where('session_id', '=', id).execute();
      const rows = await attendanceRows(trx, id, input.attendeeIds, s.held_on, prefixes);
      const res = await trx
        .updateTable('study_session')
        .set({ member_count: input.memberCount, non_member_count: input.nonMemberCount, version: s.version + 1, updated_at: nowIso() })
        .where('id', '=', id)
        .where('version', '=', s.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion('Buổi học tập');
      await trx.deleteFrom('study_attendance').where('session_id', '=', id).execute();
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('study_attendance').values(rows.slice(i, i + 500)).execute();
      await writeAudit(trx, who(ctx), {
        action: 'study.attendance',
        entity: 'study_session',
        entityId: id,
        path: s.path,
        before: { memberCount: s.member_count, nonMemberCount: s.non_member_count, attendeeIds: before.map((b) => b.person_id) },
        after: { memberCount: input.memberCount, nonMemberCount: input.nonMemberCount, attendeeIds: input.attendeeIds },
      });
    });
    return detail(ctx, id);
  }

  function filtered(prefixes: string[], q: { documentId?: string | undefined; documentIds?: readonly string[]; from?: string | undefined; to?: string | undefined }) {
    let base = db.selectFrom('study_session as s').where(inSubtrees('s.path', prefixes));
    const docs = q.documentIds ?? (q.documentId ? [q.documentId] : []);
    if (docs.length)
      base = base.where((eb) =>
        eb.exists(eb.selectFrom('study_session_document as sd').select('sd.session_id').whereRef('sd.session_id', '=', 's.id').where('sd.document_id', 'in', docs)),
      );
    if (q.from) base = base.where('s.held_on', '>=', q.from);
    if (q.to) base = base.where('s.held_on', '<=', q.to);
    return base;
  }

  /** Person-times of the sessions matching a filter: counted attendance plus named attendance. */
  async function totals(base: ReturnType<typeof filtered>) {
    const c = await base
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('s.member_count').as('m'), eb.fn.sum('s.non_member_count').as('nm')])
      .executeTakeFirstOrThrow();
    const named = await base
      .innerJoin('study_attendance as a', 'a.session_id', 's.id')
      .select((eb) => [eb.fn.sum('a.is_member').as('m'), eb.fn.countAll().as('all')])
      .executeTakeFirstOrThrow();
    return { sessions: num(c.n), memberTimes: num(c.m) + num(named.m), nonMemberTimes: num(c.nm) + num(named.all) - num(named.m) };
  }

  async function list(ctx: RequestCtx, q: StudyListQuery) {
    const { prefixes } = await resolveSubtree(db, ctx, q.org, todayIso());
    const base = filtered(prefixes, q);
    const t = await totals(base);
    const rows = await base
      .selectAll('s')
      .orderBy('s.held_on', 'desc')
      .orderBy('s.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total: t.sessions, page: q.page, pageSize: q.pageSize, totals: t, items: await summaries(rows) };
  }

  /**
   * Which grassroots organizations of a subtree held a session for the documents in a window.
   * The organizations counted are those existing on `to` (default today); a session counts for
   * the organization whose subtree holds the session's organization on that day, so a cell
   * moved in a restructuring counts where it now sits.
   */
  async function coverage(ctx: RequestCtx, q: { org?: string | undefined; documents: string[]; coverageRule: CoverageRule; from?: string | undefined; to?: string | undefined }): Promise<StudyCoverageOut> {
    const asOf = q.to && q.to < todayIso() ? q.to : todayIso();
    const { prefixes } = await resolveSubtree(db, ctx, q.org, asOf);
    const bases = await db
      .selectFrom('organization_version as v')
      .select(['v.org_id', 'v.name', 'v.path'])
      .where((eb) => validOn(eb, 'v', asOf))
      .where(inSubtrees('v.path', prefixes))
      .where('v.kind', 'in', [...STUDY_COVERAGE_KINDS])
      .orderBy('v.path')
      .execute();
    const { prefixes: sessionPrefixes } = await resolveSubtree(db, ctx, undefined, asOf);
    const base = filtered(sessionPrefixes, { documentIds: q.documents, from: q.from, to: q.to });
    const sessions = await base
      .innerJoin('study_session_document as sd', 'sd.session_id', 's.id')
      .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 's.org_id').on((eb) => validOn(eb, 'v', asOf)))
      .select(['s.id', 's.path', 'v.path as now_path', 'sd.document_id'])
      .where('sd.document_id', 'in', q.documents)
      .execute();
    const basePaths = new Map(bases.map((b) => [b.path, b.org_id]));
    const studied = new Map<string, Set<string>>();
    const sessionCount = new Map<string, Set<string>>();
    const counted = new Set<string>();
    for (const s of sessions) {
      const path = s.now_path ?? s.path;
      const parts = idsOfPath(path);
      for (let i = parts.length; i > 0; i--) {
        const orgId = basePaths.get(`/${parts.slice(0, i).join('/')}/`);
        if (!orgId) continue;
        if (!studied.has(orgId)) studied.set(orgId, new Set());
        studied.get(orgId)!.add(s.document_id);
        if (!sessionCount.has(orgId)) sessionCount.set(orgId, new Set());
        sessionCount.get(orgId)!.add(s.id);
        counted.add(s.id);
        break;
      }
    }
    const orgs = bases.map((b) => ({
      id: b.org_id,
      name: b.name,
      covered: isCovered(studied.get(b.org_id) ?? new Set(), q.documents, q.coverageRule),
      sessions: sessionCount.get(b.org_id)?.size ?? 0,
    }));
    const ids = [...counted];
    let memberTimes = 0;
    let nonMemberTimes = 0;
    if (ids.length) {
      const named = await namedCounts(db, ids);
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.selectFrom('study_session').select(['id', 'member_count', 'non_member_count']).where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) {
          const n = named.get(r.id) ?? { m: 0, nm: 0 };
          memberTimes += r.member_count + n.m;
          nonMemberTimes += r.non_member_count + n.nm;
        }
      }
    }
    return { rule: q.coverageRule, asOf, covered: orgs.filter((o) => o.covered).length, total: orgs.length, memberTimes, nonMemberTimes, orgs };
  }

  return { list, detail, create, setAttendance, coverage };
}
