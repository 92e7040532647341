import {
  displayNameKey,
  eventKindsOf,
  foldVietnamese,
  isCellKind,
  statusEventRefusal,
  todayIso,
  vietnameseSortKey,
  type CreateMemberIn,
  type DuplicateHint,
  type MemberEventIn,
  type MemberListQuery,
  type PersonFields,
  type UpdateMemberIn,
} from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Engine } from '../../db/database.js';
import type { Database, NewPerson, PersonRow } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { minimalPrefixes } from '../../db/sql.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { windowPrefixes } from '../stats/eventPlace.js';
import { appendMemberEvents, eventsOf } from './ledger.repository.js';
import { checkAdmission, checkEventDate, checkPerson } from './members.policy.js';
import { membersRepository } from './members.repository.js';
import { applyDerivedState } from './members.state.js';
import { toDetail, toSummary } from './members.mapper.js';

type Trx = Transaction<Database>;
const NOT_FOUND = () => notFound('MEMBER_NOT_FOUND', 'Không tìm thấy hồ sơ (hoặc hồ sơ nằm ngoài phạm vi của bạn).');

/**
 * Columns derived from the name, kept beside it so search and ordering are served by indexes.
 * Places are indexed apart: every residence says "huyện", and mixing them into name search
 * turns "Lê Huyền" into thousands of false matches.
 */
export function nameColumns(p: Pick<PersonFields, 'fullName' | 'otherNames' | 'cccd' | 'cardNo' | 'birthplace' | 'hometown' | 'residence'>) {
  const words = (parts: (string | null | undefined)[]) =>
    ` ${parts
      .filter(Boolean)
      .map((s) => foldVietnamese(s!).replace(/[^a-z0-9]+/g, ' ').trim())
      .join(' ')} `;
  return {
    folded_name: foldVietnamese(p.fullName),
    display_key: displayNameKey(p.fullName),
    sort_key: vietnameseSortKey(p.fullName),
    search_names: words([p.fullName, p.otherNames, p.cccd, p.cardNo]),
    search_places: words([p.birthplace, p.hometown, p.residence]),
  };
}

export function personColumns(p: PersonFields) {
  return {
    full_name: p.fullName.normalize('NFC'),
    other_names: p.otherNames ?? null,
    sex: p.sex,
    birth_date: p.birthDate,
    birthplace: p.birthplace ?? null,
    hometown: p.hometown ?? null,
    residence: p.residence ?? null,
    ethnicity: p.ethnicity,
    religion: p.religion,
    cccd: p.cccd ?? null,
    general_education: p.generalEducation ?? null,
    professional_level: p.professionalLevel ?? null,
    academic_title: p.academicTitle ?? null,
    political_theory: p.politicalTheory ?? null,
    foreign_language: p.foreignLanguage ?? null,
    it_level: p.itLevel ?? null,
    occupation: p.occupation ?? null,
    youth_union_on: p.youthUnionOn ?? null,
    card_no: p.cardNo ?? null,
    file_no: p.fileNo ?? null,
    sponsors: p.sponsors ?? null,
    ...nameColumns(p),
  };
}

/** A person who is not (yet) a member: a candidate, a transfer-in before receipt, a non-member post holder. */
export async function insertNonMember(trx: Transaction<Database>, fields: PersonFields, org: { org_id: string; path: string }): Promise<NewPerson & { id: string }> {
  const now = nowIso();
  const row = {
    id: uuidv7(),
    ...personColumns(fields),
    org_id: org.org_id,
    path: org.path,
    admitted_on: null,
    admitted_org_id: null,
    official_on: null,
    standing: null,
    activity: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('person').values(row).execute();
  return row;
}

export function membersService(db: Kysely<Database>, engine: Engine) {
  const repo = membersRepository(db, engine);
  const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

  async function loadInScope(ctx: RequestCtx, id: string, trx: Kysely<Database> = db): Promise<PersonRow> {
    const row = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw NOT_FOUND();
    const scope = scopeFor(trx, ctx.actor);
    if (scope.selfOnly) {
      if (row.id !== scope.personId) throw NOT_FOUND();
    } else if (!pathWithin(row.path, await scope.pathsOn(todayIso()))) throw NOT_FOUND();
    return row;
  }

  async function duplicateHints(ctx: RequestCtx, p: { id?: string; cccd: string | null; folded_name: string; birth_date: string }): Promise<DuplicateHint[]> {
    const found = await repo.duplicatesOf(p);
    const paths = await scopeFor(db, ctx.actor).pathsOn(todayIso());
    return found.map((d) => {
      const inScope = pathWithin(d.path, paths);
      return {
        personId: inScope ? d.id : null,
        fullName: inScope ? d.full_name : null,
        birthDate: inScope ? d.birth_date : null,
        reason: d.reason,
        inScope,
      };
    });
  }

  function refuseDuplicates(hints: DuplicateHint[], confirmed: boolean) {
    // The same CCCD can never be two people; a name twin can, once the user confirms.
    if (hints.some((h) => h.reason === 'same_cccd'))
      throw conflict('DUPLICATE_CCCD', 'Số CCCD này đã có trong hồ sơ khác. Hãy kiểm tra, có thể đây là người đã có hồ sơ.', 'cccd', hints);
    if (hints.length && !confirmed)
      throw conflict(
        'LIKELY_DUPLICATE',
        'Đã có hồ sơ cùng họ tên và ngày sinh. Hãy kiểm tra; nếu đúng là người khác, xác nhận để lưu.',
        'fullName',
        hints,
      );
  }

  /** A cell (for members) or any organization (for others), valid on the date and inside the caller's scope. */
  async function placement(ctx: RequestCtx, orgId: string, on: string, mustBeCell: boolean, trx: Kysely<Database>) {
    const today = await orgRepo.current(trx, orgId);
    const paths = await scopeFor(trx, ctx.actor).pathsOn(todayIso());
    if (!today || !pathWithin(today.path, paths))
      throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này trong phạm vi của bạn.', 'orgId');
    if (mustBeCell) {
      const then = await orgRepo.versionOn(trx, orgId, on);
      if (!then) throw unprocessable('ORG_NOT_EXISTING_ON_DATE', 'Chi bộ chưa tồn tại (hoặc đã giải thể) vào ngày hiệu lực.', 'orgId');
      if (!isCellKind(today.kind)) throw unprocessable('ORG_NOT_CELL', 'Đảng viên phải sinh hoạt ở một chi bộ.', 'orgId');
    }
    return today;
  }

  async function insertPerson(trx: Trx, fields: PersonFields, org: { org_id: string; path: string }) {
    return (await insertNonMember(trx, fields, org)).id;
  }

  async function detail(ctx: RequestCtx, id: string) {
    const row = await loadInScope(ctx, id);
    const org = await orgRepo.current(db, row.org_id);
    return toDetail(row, org?.name ?? null, await duplicateHints(ctx, row));
  }

  return {
    loadInScope,
    detail,

    async list(ctx: RequestCtx, q: MemberListQuery) {
      const asOf = q.asOf ?? todayIso();
      const scope = scopeFor(db, ctx.actor);
      let prefixes = await scope.pathsOn(asOf);
      if (q.org) {
        // Today's organization, or one that has since ended but existed (in scope) on the date asked.
        const now = await orgRepo.current(db, q.org);
        const then = await orgRepo.versionOn(db, q.org, asOf);
        const visible = (now && pathWithin(now.path, await scope.pathsOn(todayIso()))) || (then && pathWithin(then.path, prefixes));
        if (!visible) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
        const orgPaths = await subtreePathsOn(db, [q.org], asOf);
        // Intersect: the organization's subtree, but only where the caller may look.
        prefixes = minimalPrefixes(orgPaths.filter((p) => pathWithin(p, prefixes)).concat(prefixes.filter((p) => pathWithin(p, orgPaths))));
      }
      const filter = {
        prefixes: scope.selfOnly ? ['/'] : prefixes,
        selfPersonId: scope.selfOnly ? scope.personId : undefined,
        q: q.q,
        searchIn: q.searchIn,
        status: q.status,
        sex: q.sex,
        ethnicity: q.ethnicity,
        includeNonMembers: q.includeNonMembers === 'true',
        ageBand: q.ageBand,
        theory: q.theory,
        admittedYear: q.admittedYear,
        asOf,
      };
      if (q.eventKind) {
        const from = q.eventYear ? `${q.eventYear}-01-01` : '1900-01-01';
        const to = q.eventYear ? `${q.eventYear}-12-31` : todayIso();
        const roots = q.org ? [q.org] : ctx.actor.scopeOrgIds;
        const eventPrefixes = scope.selfOnly ? ['/'] : await windowPrefixes(db, roots, from, to > todayIso() ? todayIso() : to, (d) => scope.pathsOn(d));
        const r = await repo.listCurrent({ ...filter, event: { kinds: eventKindsOf(q.eventKind), from, to, prefixes: eventPrefixes } }, q.page, q.pageSize);
        return { total: r.total, totalCapped: r.totalCapped, page: q.page, pageSize: q.pageSize, asOf, items: r.rows.map(toSummary) };
      }
      const isPast = asOf !== todayIso();
      const result = isPast ? await repo.listAsOf(filter, asOf, q.page, q.pageSize) : await repo.listCurrent(filter, q.page, q.pageSize);
      if (result === 'unsupported')
        throw unprocessable('STATUS_NOT_AVAILABLE_AS_OF', 'Với ngày trong quá khứ chỉ lọc được: đang sinh hoạt, dự bị, chính thức.', 'status');
      return {
        total: result.total,
        totalCapped: 'totalCapped' in result ? result.totalCapped : false,
        page: q.page,
        pageSize: q.pageSize,
        asOf,
        items: result.rows.map(toSummary),
      };
    },

    async create(ctx: RequestCtx, input: CreateMemberIn) {
      checkPerson(input);
      checkAdmission(input.birthDate, input.admittedOn, input.officialOn);
      const cols = nameColumns(input);
      refuseDuplicates(await duplicateHints(ctx, { cccd: input.cccd, folded_name: cols.folded_name, birth_date: input.birthDate }), input.confirmDuplicate);
      return db.transaction().execute(async (trx) => {
        const org = await placement(ctx, input.orgId, input.admittedOn, true, trx);
        const id = await insertPerson(trx, input, org);
        await trx.updateTable('person').set({ admitted_org_id: org.org_id }).where('id', '=', id).execute();
        const events = [
          { kind: 'ket_nap' as const, effectiveDate: input.admittedOn, decisionNo: input.admissionDecisionNo, issuer: input.admissionIssuer, orgId: org.org_id },
          ...(input.officialOn
            ? [{ kind: 'cong_nhan_chinh_thuc' as const, effectiveDate: input.officialOn, decisionNo: input.officialDecisionNo, issuer: input.admissionIssuer }]
            : []),
        ];
        const { state } = await appendMemberEvents(trx, id, events, ctx.actor.userId);
        await applyDerivedState(trx, id, state);
        const after = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'person', entityId: id, path: after.path, after });
        return toDetail(after, org.name, []);
      });
    },

    async createPerson(ctx: RequestCtx, input: PersonFields & { orgId: string; confirmDuplicate: boolean }) {
      checkPerson(input);
      const cols = nameColumns(input);
      refuseDuplicates(await duplicateHints(ctx, { cccd: input.cccd, folded_name: cols.folded_name, birth_date: input.birthDate }), input.confirmDuplicate);
      return db.transaction().execute(async (trx) => {
        const org = await placement(ctx, input.orgId, todayIso(), false, trx);
        const id = await insertPerson(trx, input, org);
        const after = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'person', entityId: id, path: after.path, after });
        return toDetail(after, org.name, []);
      });
    },

    async update(ctx: RequestCtx, id: string, input: UpdateMemberIn) {
      const before = await loadInScope(ctx, id);
      if (before.version !== input.version) throw staleVersion();
      const current = toDetail(before, null, []);
      const { version: _v, confirmDuplicate, ...changes } = input;
      const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as unknown as PersonFields;
      checkPerson(merged);
      if (before.admitted_on) checkAdmission(merged.birthDate, before.admitted_on, before.official_on);
      const cols = personColumns(merged);
      if (before.cccd !== cols.cccd || before.folded_name !== cols.folded_name || before.birth_date !== cols.birth_date)
        refuseDuplicates(await duplicateHints(ctx, { id, cccd: cols.cccd, folded_name: cols.folded_name, birth_date: cols.birth_date }), confirmDuplicate);
      await db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('person')
          .set({ ...cols, version: before.version + 1, updated_at: nowIso() })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
        const after = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'update', entity: 'person', entityId: id, path: after.path, before, after });
      });
      // Read back after commit: SQLite has one connection, and the transaction holds it.
      return detail(ctx, id);
    },

    async addEvent(ctx: RequestCtx, id: string, input: MemberEventIn) {
      const before = await loadInScope(ctx, id);
      // Kinds with their own workflow (khai trừ: a discipline decision) are refused here, before anything else is judged.
      const own = statusEventRefusal(input.kind);
      if (own) throw unprocessable(own.code, own.message, own.field);
      if (before.version !== input.version) throw staleVersion();
      checkEventDate(before.birth_date, input.effectiveDate);
      if (input.kind === 'ket_nap' || input.kind === 'phuc_hoi') checkAdmission(before.birth_date, input.effectiveDate, null);
      await db.transaction().execute(async (trx) => {
        // Claim the version first, so a concurrent writer loses with 409 before anything is derived.
        const claimed = await trx.updateTable('person').set({ version: before.version }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw staleVersion();
        if (input.orgId) await placement(ctx, input.orgId, input.effectiveDate, true, trx);
        const { state, eventIds } = await appendMemberEvents(
          trx,
          id,
          [
            {
              kind: input.kind,
              effectiveDate: input.effectiveDate,
              decisionNo: input.decisionNo,
              decisionDate: input.decisionDate,
              issuer: input.issuer,
              orgId: input.orgId,
              data: { note: input.note, admittedOn: input.admittedOn, officialOn: input.officialOn },
            },
          ],
          ctx.actor.userId,
        );
        await applyDerivedState(trx, id, state);
        if (input.kind === 'ket_nap') await trx.updateTable('person').set({ admitted_org_id: input.orgId }).where('id', '=', id).execute();
        const after = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: `event:${input.kind}`, entity: 'person', entityId: id, path: after.path, before, after: { ...after, eventId: eventIds[0] } });
      });
      return detail(ctx, id);
    },

    async addQualification(ctx: RequestCtx, id: string, input: { kind: string; level: string; obtainedOn: string; note?: string | null }) {
      const person = await loadInScope(ctx, id);
      checkEventDate(person.birth_date, input.obtainedOn);
      return db.transaction().execute(async (trx) => {
        const row = { id: uuidv7(), person_id: id, kind: input.kind, level: input.level, obtained_on: input.obtainedOn, note: input.note ?? null, recorded_at: nowIso() };
        await trx.insertInto('qualification').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'qualification', entityId: row.id, path: person.path, after: row });
        return row;
      });
    },

    async history(ctx: RequestCtx, id: string) {
      await loadInScope(ctx, id);
      return db.transaction().execute(async (trx) => {
        const events = await eventsOf(trx, id);
        const episodes = await trx
          .selectFrom('membership_episode as e')
          .innerJoin('organization as o', 'o.id', 'e.org_id')
          .select(['e.id', 'e.org_id', 'o.code', 'e.kind', 'e.valid_from', 'e.valid_to', 'e.cause_event_id', 'e.end_event_id'])
          .where('e.person_id', '=', id)
          .orderBy('e.valid_from')
          .execute();
        const names = new Map<string, string>();
        for (const ep of episodes) {
          const v = (await orgRepo.versionOn(trx, ep.org_id, ep.valid_from)) ?? (await orgRepo.history(trx, ep.org_id))[0];
          names.set(ep.id, v?.name ?? ep.code);
        }
        const qualifications = await trx.selectFrom('qualification').selectAll().where('person_id', '=', id).orderBy('obtained_on').execute();
        return {
          events: events.map((e) => ({
            id: e.id,
            kind: e.kind,
            effectiveDate: e.effective_date,
            decisionNo: e.decision_no,
            decisionDate: e.decision_date,
            issuer: e.issuer,
            orgId: e.org_id,
            note: e.data ? ((JSON.parse(e.data) as { note?: string }).note ?? null) : null,
            recordedAt: e.recorded_at,
          })),
          episodes: episodes.map((e) => ({
            id: e.id,
            orgId: e.org_id,
            orgName: names.get(e.id) ?? e.code,
            kind: e.kind,
            validFrom: e.valid_from,
            validTo: e.valid_to,
          })),
          qualifications: qualifications.map((q) => ({ id: q.id, kind: q.kind, level: q.level, obtainedOn: q.obtained_on, note: q.note })),
        };
      });
    },

    async duplicates(ctx: RequestCtx) {
      const scope = scopeFor(db, ctx.actor);
      if (scope.selfOnly) return [];
      return repo.duplicateGroups(await scope.pathsOn(todayIso()), 200);
    },
  };
}

function staleVersion() {
  return new AppError(
    409,
    'VERSION_CONFLICT',
    'Hồ sơ đã được người khác sửa trong lúc bạn làm việc. Hãy tải lại để xem bản mới nhất rồi sửa lại.',
    'version',
  );
}

export type MembersService = ReturnType<typeof membersService>;
