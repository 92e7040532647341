import { ALLOWED_PARENT_KINDS, foldVietnamese, isCellKind, ORG_KIND_LABELS, todayIso, type OrgKind, type RestructureOpIn } from '@dangvu/common';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { pathUpperBound } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { appendMemberEventsBatch, chunks } from '../members/ledger.repository.js';
import { applyDerivedStates } from '../members/members.state.js';
import { onOrganizationEnded, type EndingDecision } from '../cadres/orgEnded.js';
import { orgRepo, type OrgVersionWithCode } from './organizations.repository.js';

type Trx = Transaction<Database>;

export interface Decision {
  effectiveDate: string;
  decisionNo: string;
  decisionDate?: string | null;
  issuer: string;
  note?: string | null;
}

export interface NewOrgSpec {
  code: string;
  name: string;
  kind: OrgKind;
  hostType: string;
  hostUnitName?: string | null;
  parentId?: string | null;
}

/**
 * How an operation runs. Alone (the default) it audits itself. Inside a plan, the plan writes
 * one audit row for all of its operations, and later rows may change, on the same day, what
 * earlier rows of the same plan created: a commune moved under the province and then merged on
 * 1 July is one change on that day, not a one-day-long version.
 */
export interface OpOptions {
  /** Ids of the events the plan has written so far; each operation adds its own. */
  plan?: Set<string>;
  audit?: boolean;
}

export interface OpResult {
  eventId: string;
  orgId: string;
}

const fmt = (iso: string) => iso.split('-').reverse().join('/');

/** Another change to the same organization got there first (optimistic concurrency: 409, nothing written). */
export const orgChanged = () => conflict('ORG_CHANGED', 'Tổ chức: đã có người thay đổi tổ chức này trong lúc bạn làm việc, tải lại để xem.', 'basis');

/**
 * Restructuring. Every change closes the affected organization versions on the
 * effective date and opens new ones, so the tree before the date reads exactly as it did.
 */
export function organizationsService(db: Kysely<Database>) {
  const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

  /** The organization as it is today, if the actor may see it; otherwise 404. */
  async function loadInScope(ctx: RequestCtx, orgId: string, trx: Kysely<Database> = db): Promise<OrgVersionWithCode> {
    const v = await orgRepo.current(trx, orgId);
    const paths = await scopeFor(trx, ctx.actor).pathsOn(todayIso());
    if (!v || !pathWithin(v.path, paths)) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc tổ chức nằm ngoài phạm vi của bạn).');
    return v;
  }

  /** A version this plan wrote on that very day: replacing it is part of the same change. */
  const samePlanSameDay = (v: { valid_from: string; event_id?: string | null }, date: string, o: OpOptions) =>
    v.valid_from === date && !!v.event_id && !!o.plan?.has(v.event_id);

  function checkDate(d: Decision, after: readonly { valid_from: string; event_id?: string | null }[], o: OpOptions = {}) {
    if (d.effectiveDate > todayIso())
      throw unprocessable('EFFECTIVE_DATE_IN_FUTURE', 'Ngày hiệu lực không được sau ngày hôm nay: chỉ ghi các thay đổi đã có hiệu lực.', 'effectiveDate');
    for (const v of after) {
      if (d.effectiveDate <= v.valid_from && !samePlanSameDay(v, d.effectiveDate, o))
        throw unprocessable(
          'EFFECTIVE_DATE_BEFORE_LAST_CHANGE',
          `Ngày hiệu lực phải sau lần thay đổi gần nhất của tổ chức (${fmt(v.valid_from)}).`,
          'effectiveDate',
        );
    }
  }

  function checkParentKind(kind: OrgKind, parentKind: string | null, field: string) {
    if (!(ALLOWED_PARENT_KINDS[kind] as readonly (string | null)[]).includes(parentKind))
      throw unprocessable(
        'KIND_NOT_ALLOWED_UNDER_PARENT',
        parentKind
          ? `${ORG_KIND_LABELS[kind].vi} không thể trực thuộc ${ORG_KIND_LABELS[parentKind as OrgKind]?.vi ?? parentKind}.`
          : `${ORG_KIND_LABELS[kind].vi} phải có tổ chức cấp trên.`,
        field,
      );
  }

  async function insertEvent(trx: Trx, ctx: RequestCtx, kind: string, d: Decision, o: OpOptions) {
    const id = uuidv7();
    o.plan?.add(id);
    await trx
      .insertInto('org_event')
      .values({
        id,
        kind,
        effective_date: d.effectiveDate,
        decision_no: d.decisionNo,
        decision_date: d.decisionDate ?? null,
        issuer: d.issuer,
        note: d.note ?? null,
        recorded_by: ctx.actor.userId,
        recorded_at: nowIso(),
      })
      .execute();
    return id;
  }

  const link = (trx: Trx, eventId: string, from: string | null, to: string | null, role: string) =>
    trx.insertInto('org_event_link').values({ event_id: eventId, from_org_id: from, to_org_id: to, role }).execute();

  /**
   * Closes the version the operation read, only if it is still the open one: two people
   * changing the same organization at once both read it open, and the second finds it closed
   * (on PostgreSQL it waits for the first to commit, then matches no row) and gets a 409.
   */
  async function closeVersion(trx: Trx, v: { id: string; valid_from: string; event_id: string | null }, date: string, o: OpOptions) {
    // Written by this plan today and replaced today: it never was in force, so it goes.
    const r = samePlanSameDay(v, date, o)
      ? Number((await trx.deleteFrom('organization_version').where('id', '=', v.id).where('valid_to', 'is', null).executeTakeFirst()).numDeletedRows)
      : Number((await trx.updateTable('organization_version').set({ valid_to: date }).where('id', '=', v.id).where('valid_to', 'is', null).executeTakeFirst()).numUpdatedRows);
    if (r !== 1) throw orgChanged();
  }

  const ending = (ctx: RequestCtx, kind: EndingDecision['kind'], d: Decision): EndingDecision => ({
    kind,
    decisionNo: d.decisionNo,
    decisionDate: d.decisionDate ?? null,
    issuer: d.issuer,
    userId: ctx.actor.userId,
    username: ctx.actor.username,
  });

  async function createOrg(trx: Trx, spec: NewOrgSpec, parent: OrgVersionWithCode | null, date: string, eventId: string) {
    if (await orgRepo.codeExists(trx, spec.code)) throw conflict('ORG_CODE_TAKEN', `Mã tổ chức "${spec.code}" đã được dùng.`, 'code');
    checkParentKind(spec.kind, parent?.kind ?? null, 'kind');
    const id = uuidv7();
    await trx.insertInto('organization').values({ id, code: spec.code, created_at: nowIso() }).execute();
    const path = `${parent ? parent.path : '/'}${id}/`;
    const row = {
      id: uuidv7(),
      org_id: id,
      valid_from: date,
      valid_to: null,
      parent_id: parent?.org_id ?? null,
      name: spec.name,
      folded_name: foldVietnamese(spec.name),
      kind: spec.kind,
      host_type: spec.hostType,
      host_unit_name: spec.hostUnitName ?? null,
      path,
      depth: parent ? parent.depth + 1 : 0,
      event_id: eventId,
    };
    await trx.insertInto('organization_version').values(row).execute();
    return { ...row, code: spec.code };
  }

  /**
   * Re-parents an organization (and so its whole subtree) from `date`: every current
   * version in the subtree is closed and re-opened with its new path. Current records
   * that hang off the subtree follow the new paths.
   */
  async function rehome(trx: Trx, v: OrgVersionWithCode, newParent: OrgVersionWithCode, date: string, eventId: string, o: OpOptions, kind?: OrgKind) {
    if (newParent.path.startsWith(v.path)) throw unprocessable('ORG_CYCLE', 'Không thể chuyển tổ chức vào chính tổ chức trực thuộc của nó.', 'newParentId');
    const newKind = kind ?? (v.kind as OrgKind);
    checkParentKind(newKind, newParent.kind, 'newParentId');
    const oldPrefix = v.path;
    const newPrefix = `${newParent.path}${v.org_id}/`;
    const delta = newParent.depth + 1 - v.depth;
    const subtree = await orgRepo.currentSubtree(trx, oldPrefix);
    checkDate({ effectiveDate: date, decisionNo: '', issuer: '' }, subtree, o);
    for (const s of subtree) {
      await closeVersion(trx, s, date, o);
      const isRoot = s.org_id === v.org_id;
      await trx
        .insertInto('organization_version')
        .values({
          ...s,
          id: uuidv7(),
          valid_from: date,
          valid_to: null,
          parent_id: isRoot ? newParent.org_id : s.parent_id,
          kind: isRoot ? newKind : s.kind,
          path: newPrefix + s.path.slice(oldPrefix.length),
          depth: s.depth + delta,
          event_id: eventId,
        })
        .execute();
    }
    await trx
      .updateTable('person')
      .set({ path: sql<string>`cast(${newPrefix} as text) || substr(path, ${oldPrefix.length + 1})` })
      .where('path', '>=', oldPrefix)
      .where('path', '<', pathUpperBound(oldPrefix))
      .execute();
  }

  /**
   * Moves the active members of a cell to another cell by ledger events (one batch for the
   * whole cell), and other records by reference.
   */
  async function moveMembers(trx: Trx, ctx: RequestCtx, fromOrgId: string, to: OrgVersionWithCode, d: Decision, reason: string, only?: ReadonlySet<string>) {
    const people = (await trx.selectFrom('person').select(['id', 'standing']).where('org_id', '=', fromOrgId).orderBy('id').execute()).filter(
      (p) => !only || only.has(p.id),
    );
    const members = people.filter((p) => p.standing === 'dang_sinh_hoat').map((p) => p.id);
    const others = people.filter((p) => p.standing !== 'dang_sinh_hoat').map((p) => p.id);
    if (members.length) {
      if (!isCellKind(to.kind)) throw unprocessable('TARGET_NOT_CELL', 'Đảng viên chỉ có thể chuyển vào một chi bộ.', 'targetId');
      const event = { kind: 'chuyen_noi_bo' as const, effectiveDate: d.effectiveDate, decisionNo: d.decisionNo, decisionDate: d.decisionDate, issuer: d.issuer, orgId: to.org_id, data: { reason } };
      const done = await appendMemberEventsBatch(trx, members.map((personId) => ({ personId, events: [event] })), ctx.actor.userId);
      await applyDerivedStates(trx, [...done].map(([personId, r]) => ({ personId, state: r.state })));
    }
    for (const part of chunks(others, 500)) await trx.updateTable('person').set({ org_id: to.org_id, path: to.path }).where('id', 'in', part).execute();
  }

  async function audit(trx: Trx, ctx: RequestCtx, o: OpOptions, action: string, eventId: string, path: string | null, before: unknown, after: unknown) {
    if (o.audit === false) return;
    await writeAudit(trx, who(ctx), { action, entity: 'org_event', entityId: eventId, path, before, after });
  }

  type MergeInput = Decision & { sourceIds: string[]; targetId?: string; newOrg?: NewOrgSpec };
  type SplitInput = Decision & { parts: (Omit<NewOrgSpec, 'parentId'> & { memberIds: string[]; childOrgIds: string[] })[] };

  /** Each operation inside a caller's transaction: a plan runs many of them in one. */
  const inner = {
    async establish(trx: Trx, ctx: RequestCtx, input: Decision & NewOrgSpec, o: OpOptions = {}): Promise<OpResult> {
      checkDate(input, []);
      let parent: OrgVersionWithCode | null = null;
      if (input.parentId) parent = await loadInScope(ctx, input.parentId, trx);
      else if (ctx.actor.role !== 'quan_tri') throw forbidden('Chỉ quản trị hệ thống được lập tổ chức cấp cao nhất.');
      if (parent && input.effectiveDate < parent.valid_from)
        throw unprocessable('PARENT_NOT_YET_EXISTING', `Tổ chức cấp trên chỉ có từ ${fmt(parent.valid_from)}.`, 'effectiveDate');
      const eventId = await insertEvent(trx, ctx, 'thanh_lap', input, o);
      const created = await createOrg(trx, input, parent, input.effectiveDate, eventId);
      await link(trx, eventId, null, created.org_id, 'established');
      // A new root is invisible to everyone until someone holds it in scope.
      if (!parent) await trx.insertInto('user_scope').values({ user_id: ctx.actor.userId, org_id: created.org_id }).execute();
      await audit(trx, ctx, o, 'thanh_lap', eventId, created.path, null, created);
      return { eventId, orgId: created.org_id };
    },

    async rename(
      trx: Trx,
      ctx: RequestCtx,
      orgId: string,
      input: Decision & { name: string; kind?: OrgKind; hostType?: string; hostUnitName?: string | null },
      o: OpOptions = {},
    ): Promise<OpResult> {
      const v = await loadInScope(ctx, orgId, trx);
      checkDate(input, [v], o);
      const kind = input.kind ?? (v.kind as OrgKind);
      if (kind !== v.kind) {
        const parent = v.parent_id ? await orgRepo.current(trx, v.parent_id) : null;
        checkParentKind(kind, parent?.kind ?? null, 'kind');
      }
      const eventId = await insertEvent(trx, ctx, 'doi_ten', input, o);
      await closeVersion(trx, v, input.effectiveDate, o);
      const { code: _code, ...row } = v;
      const next = {
        ...row,
        id: uuidv7(),
        valid_from: input.effectiveDate,
        valid_to: null,
        name: input.name,
        folded_name: foldVietnamese(input.name),
        kind,
        host_type: input.hostType ?? v.host_type,
        host_unit_name: input.hostUnitName === undefined ? v.host_unit_name : input.hostUnitName,
        event_id: eventId,
      };
      await trx.insertInto('organization_version').values(next).execute();
      await link(trx, eventId, orgId, orgId, 'renamed');
      await audit(trx, ctx, o, 'doi_ten', eventId, v.path, v, next);
      return { eventId, orgId };
    },

    async transfer(trx: Trx, ctx: RequestCtx, orgId: string, input: Decision & { newParentId: string; kind?: OrgKind }, o: OpOptions = {}): Promise<OpResult> {
      const v = await loadInScope(ctx, orgId, trx);
      const parent = await loadInScope(ctx, input.newParentId, trx);
      if (parent.org_id === v.parent_id && (!input.kind || input.kind === v.kind))
        throw unprocessable('SAME_PARENT', 'Tổ chức đã trực thuộc tổ chức cấp trên này.', 'newParentId');
      checkDate(input, [v], o);
      // The new parent only has to exist by then; it may have been set up that very day.
      if (input.effectiveDate < parent.valid_from)
        throw unprocessable('PARENT_NOT_YET_EXISTING', `Tổ chức cấp trên mới chỉ có từ ${fmt(parent.valid_from)}.`, 'newParentId');
      const eventId = await insertEvent(trx, ctx, 'chuyen_giao', input, o);
      await rehome(trx, v, parent, input.effectiveDate, eventId, o, input.kind);
      await link(trx, eventId, orgId, orgId, 'transferred');
      const after = await orgRepo.current(trx, orgId);
      await audit(trx, ctx, o, 'chuyen_giao', eventId, after!.path, v, after);
      return { eventId, orgId };
    },

    async dissolve(trx: Trx, ctx: RequestCtx, orgId: string, input: Decision, o: OpOptions = {}): Promise<OpResult> {
      const v = await loadInScope(ctx, orgId, trx);
      checkDate(input, [v], o);
      const children = await orgRepo.childrenOn(trx, orgId, todayIso());
      if (children.length)
        throw conflict('ORG_HAS_CHILDREN', `Không thể giải thể: còn ${children.length} tổ chức trực thuộc. Hãy chuyển giao hoặc sáp nhập chúng trước.`, 'id');
      const active = await trx.selectFrom('person').select('id').where('org_id', '=', orgId).where('standing', '=', 'dang_sinh_hoat').execute();
      if (active.length)
        throw conflict('ORG_HAS_MEMBERS', `Không thể giải thể: còn ${active.length} đảng viên đang sinh hoạt. Hãy chuyển sinh hoạt cho họ trước.`, 'id');
      const units = await trx.selectFrom('host_unit').select('id').where('org_id', '=', orgId).where('valid_to', 'is', null).execute();
      if (units.length)
        throw conflict('ORG_HAS_HOST_UNITS', `Không thể giải thể: còn ${units.length} thôn, bản, đơn vị thuộc tổ chức này. Hãy sáp nhập tổ chức để chuyển các đơn vị sang tổ chức kế thừa.`, 'id');
      const eventId = await insertEvent(trx, ctx, 'giai_the', input, o);
      await closeVersion(trx, v, input.effectiveDate, o);
      await onOrganizationEnded(trx, orgId, null, input.effectiveDate, ending(ctx, 'giai_the', input));
      await link(trx, eventId, orgId, null, 'dissolved');
      await audit(trx, ctx, o, 'giai_the', eventId, v.path, v, { ...v, valid_to: input.effectiveDate });
      return { eventId, orgId };
    },

    async merge(trx: Trx, ctx: RequestCtx, input: MergeInput, o: OpOptions = {}): Promise<OpResult> {
      if (!!input.targetId === !!input.newOrg)
        throw unprocessable('MERGE_TARGET_REQUIRED', 'Cần chọn đúng một trong hai: tổ chức tiếp nhận có sẵn, hoặc tổ chức mới.', 'targetId');
      if (new Set(input.sourceIds).size !== input.sourceIds.length || (input.targetId && input.sourceIds.includes(input.targetId)))
        throw unprocessable('MERGE_DUPLICATE_SOURCE', 'Danh sách tổ chức sáp nhập bị trùng hoặc chứa chính tổ chức tiếp nhận.', 'sourceIds');
      const sources = [];
      for (const id of input.sourceIds) sources.push(await loadInScope(ctx, id, trx));
      checkDate(input, sources, o);
      const eventId = await insertEvent(trx, ctx, 'sap_nhap', input, o);
      let target: OrgVersionWithCode;
      if (input.targetId) {
        target = await loadInScope(ctx, input.targetId, trx);
        checkDate(input, [target], o);
      } else {
        const spec = input.newOrg!;
        const parent = spec.parentId ? await loadInScope(ctx, spec.parentId, trx) : null;
        if (!parent) throw unprocessable('PARENT_REQUIRED', 'Tổ chức mới cần có tổ chức cấp trên.', 'newOrg.parentId');
        target = await createOrg(trx, spec, parent, input.effectiveDate, eventId);
        await link(trx, eventId, null, target.org_id, 'established');
      }
      for (const s of sources) {
        if (target.path.startsWith(s.path)) throw unprocessable('ORG_CYCLE', 'Không thể sáp nhập một tổ chức vào tổ chức trực thuộc của nó.', 'sourceIds');
        for (const child of await orgRepo.childrenOn(trx, s.org_id, todayIso())) {
          await rehome(trx, child, target, input.effectiveDate, eventId, o);
        }
        await moveMembers(trx, ctx, s.org_id, target, input, 'sap_nhap');
        await onOrganizationEnded(trx, s.org_id, target.org_id, input.effectiveDate, ending(ctx, 'sap_nhap', input));
        await closeVersion(trx, s, input.effectiveDate, o);
        await link(trx, eventId, s.org_id, target.org_id, 'merged_into');
      }
      await audit(trx, ctx, o, 'sap_nhap', eventId, target.path, sources, target);
      return { eventId, orgId: target.org_id };
    },

    async split(trx: Trx, ctx: RequestCtx, orgId: string, input: SplitInput, o: OpOptions = {}): Promise<OpResult> {
      const v = await loadInScope(ctx, orgId, trx);
      checkDate(input, [v], o);
      const parent = v.parent_id ? await orgRepo.current(trx, v.parent_id) : null;
      if (!parent) throw unprocessable('CANNOT_SPLIT_ROOT', 'Không thể chia tách tổ chức cấp cao nhất.', 'id');
      const children = await orgRepo.childrenOn(trx, orgId, todayIso());
      const members = await trx.selectFrom('person').select('id').where('org_id', '=', orgId).where('standing', '=', 'dang_sinh_hoat').execute();
      const assignedChildren = input.parts.flatMap((p) => p.childOrgIds);
      const assignedMembers = input.parts.flatMap((p) => p.memberIds);
      const missingChild = children.find((c) => !assignedChildren.includes(c.org_id));
      if (missingChild || assignedChildren.length !== children.length || new Set(assignedChildren).size !== assignedChildren.length)
        throw unprocessable('SPLIT_CHILDREN_UNASSIGNED', 'Mỗi tổ chức trực thuộc phải được giao cho đúng một tổ chức mới.', 'parts');
      const memberSet = new Set(members.map((m) => m.id));
      if (assignedMembers.length !== members.length || new Set(assignedMembers).size !== assignedMembers.length || assignedMembers.some((m) => !memberSet.has(m)))
        throw unprocessable('SPLIT_MEMBERS_UNASSIGNED', 'Mỗi đảng viên đang sinh hoạt phải được giao cho đúng một tổ chức mới.', 'parts');
      const eventId = await insertEvent(trx, ctx, 'chia_tach', input, o);
      for (const part of input.parts) {
        const created = await createOrg(trx, { ...part, parentId: parent.org_id }, parent, input.effectiveDate, eventId);
        for (const cid of part.childOrgIds) {
          const child = children.find((c) => c.org_id === cid)!;
          await rehome(trx, child, created, input.effectiveDate, eventId, o);
        }
        await moveMembers(trx, ctx, orgId, created, input, 'chia_tach', new Set(part.memberIds));
        await link(trx, eventId, orgId, created.org_id, 'split_into');
      }
      // Non-members registered here follow the first part; they have no cell to choose.
      const first = await orgRepo.current(trx, (await trx.selectFrom('org_event_link').select('to_org_id').where('event_id', '=', eventId).orderBy('id').executeTakeFirstOrThrow()).to_org_id!);
      await trx.updateTable('person').set({ org_id: first!.org_id, path: first!.path }).where('org_id', '=', orgId).execute();
      await onOrganizationEnded(trx, orgId, first!.org_id, input.effectiveDate, ending(ctx, 'chia_tach', input));
      await closeVersion(trx, v, input.effectiveDate, o);
      await audit(trx, ctx, o, 'chia_tach', eventId, parent.path, v, input.parts);
      return { eventId, orgId };
    },

    /** One operation as the restructure screens send it (common's restructureOpIn). */
    run(trx: Trx, ctx: RequestCtx, op: RestructureOpIn, o: OpOptions = {}): Promise<OpResult> {
      switch (op.op) {
        case 'thanh_lap':
          return inner.establish(trx, ctx, op, o);
        case 'doi_ten':
          return inner.rename(trx, ctx, op.orgId, op, o);
        case 'chuyen_giao':
          return inner.transfer(trx, ctx, op.orgId, op, o);
        case 'giai_the':
          return inner.dissolve(trx, ctx, op.orgId, op, o);
        case 'sap_nhap':
          return inner.merge(trx, ctx, { ...op, newOrg: op.newOrg ?? undefined }, o);
        case 'chia_tach':
          return inner.split(trx, ctx, op.orgId, op, o);
      }
    },
  };

  const tx = <T>(fn: (trx: Trx) => Promise<T>) => db.transaction().execute(fn);

  return {
    loadInScope,
    inner,
    establish: (ctx: RequestCtx, input: Decision & NewOrgSpec) => tx((trx) => inner.establish(trx, ctx, input)),
    rename: (ctx: RequestCtx, orgId: string, input: Parameters<typeof inner.rename>[3]) => tx((trx) => inner.rename(trx, ctx, orgId, input)),
    transfer: (ctx: RequestCtx, orgId: string, input: Decision & { newParentId: string; kind?: OrgKind }) => tx((trx) => inner.transfer(trx, ctx, orgId, input)),
    dissolve: (ctx: RequestCtx, orgId: string, input: Decision) => tx((trx) => inner.dissolve(trx, ctx, orgId, input)),
    merge: (ctx: RequestCtx, input: MergeInput) => tx((trx) => inner.merge(trx, ctx, input)),
    split: (ctx: RequestCtx, orgId: string, input: SplitInput) => tx((trx) => inner.split(trx, ctx, orgId, input)),
  };
}

export type OrganizationsService = ReturnType<typeof organizationsService>;
