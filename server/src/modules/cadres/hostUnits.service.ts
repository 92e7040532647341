import {
  checkUnitChange,
  isCellKind,
  parseFlags,
  todayIso,
  type ChangeHostUnitIn,
  type CreateHostUnitIn,
  type EndHostUnitIn,
  type HostUnitFlags,
  type HostUnitListQuery,
  type LinkHostUnitIn,
  type MergeHostUnitsIn,
} from '@dangvu/common';
import { sql, type Selectable } from 'kysely';
import type { HostUnitTable } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { notFoundIn, orgForWrite, refuse, staleVersion, who, writablePaths, type Q, type Trx } from './cadres.shared.js';
import { resolveSubtree } from '../organizations/subtree.js';
import { unitsOn } from './hostUnits.queries.js';

type Unit = Selectable<HostUnitTable>;
const NOT_FOUND = () => notFoundIn('thôn, bản, đơn vị này');
const flagsJson = (f: HostUnitFlags | undefined, fallback: string | null) => (f ? JSON.stringify({ bien_gioi: f.bien_gioi, dtts: f.dtts, dbkk: f.dbkk }) : fallback);

interface DecisionBits {
  decisionNo?: string | null;
  decisionDate?: string | null;
  issuer?: string | null;
  note?: string | null;
}

/** The host-unit register: every change is a dated version, a dated link, or the end of the unit. */
export function hostUnitsService(db: Q) {
  /** A unit the caller may change: its organization or its cell lies in scope today. */
  async function loadForWrite(q: Q, ctx: RequestCtx, id: string): Promise<{ unit: Unit; path: string }> {
    const unit = await q.selectFrom('host_unit').selectAll().where('id', '=', id).executeTakeFirst();
    if (!unit) throw NOT_FOUND();
    const paths = await writablePaths(q, ctx);
    const anchor = (await orgRepo.current(q, unit.org_id)) ?? (await orgRepo.history(q, unit.org_id)).at(-1);
    const link = await openLink(q, id);
    const cell = link ? await orgRepo.current(q, link.cell_org_id) : undefined;
    const path = [anchor?.path, cell?.path].find((p) => p && pathWithin(p, paths));
    if (!path) throw NOT_FOUND();
    return { unit, path };
  }

  const openLink = (q: Q, unitId: string) => q.selectFrom('host_unit_cell').selectAll().where('host_unit_id', '=', unitId).where('valid_to', 'is', null).executeTakeFirst();

  /** The open version, created from the unit's own row for units written before versions existed. */
  async function openVersion(trx: Trx, unit: Unit) {
    const v = await trx.selectFrom('host_unit_version').selectAll().where('host_unit_id', '=', unit.id).where('valid_to', 'is', null).executeTakeFirst();
    if (v) return v;
    const row = { id: uuidv7(), host_unit_id: unit.id, name: unit.name, org_id: unit.org_id, flags: unit.flags, valid_from: unit.valid_from, valid_to: unit.valid_to, event_id: null };
    await trx.insertInto('host_unit_version').values(row).execute();
    return row;
  }

  async function lastChange(q: Q, unit: Unit) {
    const r = await q
      .selectFrom('host_unit_version')
      .select((eb) => eb.fn.max('valid_from').as('v'))
      .where('host_unit_id', '=', unit.id)
      .executeTakeFirst();
    const l = await q
      .selectFrom('host_unit_cell')
      .select((eb) => eb.fn.max('valid_from').as('v'))
      .where('host_unit_id', '=', unit.id)
      .executeTakeFirst();
    return [unit.valid_from, (r?.v as string | null) ?? '', (l?.v as string | null) ?? ''].sort().at(-1)!;
  }

  async function event(trx: Trx, ctx: RequestCtx, unitId: string, kind: string, on: string, d: DecisionBits, data?: unknown) {
    const id = uuidv7();
    await trx
      .insertInto('host_unit_event')
      .values({
        id,
        host_unit_id: unitId,
        kind,
        effective_date: on,
        decision_no: d.decisionNo ?? null,
        decision_date: d.decisionDate ?? null,
        issuer: d.issuer ?? null,
        note: d.note ?? null,
        data: data === undefined ? null : JSON.stringify(data),
        recorded_by: ctx.actor.userId,
        recorded_at: nowIso(),
      })
      .execute();
    return id;
  }

  /** Closes the open version on `on` and opens one with the patch; mirrors it on the unit row. */
  async function newVersion(trx: Trx, unit: Unit, on: string, patch: { name?: string; flags?: string | null; org_id?: string }, eventId: string | null, expectVersion?: number) {
    const cur = await openVersion(trx, unit);
    await trx.updateTable('host_unit_version').set({ valid_to: on }).where('id', '=', cur.id).execute();
    const next = { id: uuidv7(), host_unit_id: unit.id, name: patch.name ?? cur.name, org_id: patch.org_id ?? cur.org_id, flags: patch.flags === undefined ? cur.flags : patch.flags, valid_from: on, valid_to: null, event_id: eventId };
    await trx.insertInto('host_unit_version').values(next).execute();
    await bump(trx, unit, { name: next.name, org_id: next.org_id, flags: next.flags }, expectVersion);
    return next;
  }

  async function bump(trx: Trx, unit: Unit, set: Partial<Pick<Unit, 'name' | 'org_id' | 'flags' | 'valid_to' | 'merged_into_id'>>, expectVersion?: number) {
    const v = expectVersion ?? unit.version;
    const r = await trx
      .updateTable('host_unit')
      .set({ ...set, version: v + 1 })
      .where('id', '=', unit.id)
      .where('version', '=', v)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
  }

  /** A cell for a link: a cell on the date, in the caller's scope. */
  async function cellFor(q: Q, ctx: RequestCtx, cellOrgId: string, on: string, field: string) {
    const o = await orgForWrite(q, ctx, cellOrgId, on, field);
    if (!isCellKind(o.then.kind)) throw unprocessable('ORG_NOT_CELL', 'Đơn vị chỉ được gắn với một chi bộ.', field);
    return o;
  }

  async function relink(trx: Trx, unitId: string, cellOrgId: string | null, on: string) {
    await trx.updateTable('host_unit_cell').set({ valid_to: on }).where('host_unit_id', '=', unitId).where('valid_to', 'is', null).execute();
    if (cellOrgId) await trx.insertInto('host_unit_cell').values({ id: uuidv7(), host_unit_id: unitId, cell_org_id: cellOrgId, valid_from: on, valid_to: null }).execute();
  }

  /** Ends a unit on a date: its version, its cell link and the posts tied to it end too. */
  async function endUnit(trx: Trx, unit: Unit, on: string, mergedInto: string | null, expectVersion?: number) {
    const cur = await openVersion(trx, unit);
    await trx.updateTable('host_unit_version').set({ valid_to: on }).where('id', '=', cur.id).execute();
    await trx.updateTable('host_unit_cell').set({ valid_to: on }).where('host_unit_id', '=', unit.id).where('valid_to', 'is', null).execute();
    for (const t of ['party_post', 'civic_post'] as const)
      await trx.updateTable(t as 'party_post').set({ valid_to: on, end_reason: 'Đơn vị thôi tồn tại' }).where('host_unit_id', '=', unit.id).where('valid_to', 'is', null).execute();
    await bump(trx, unit, { valid_to: on, merged_into_id: mergedInto }, expectVersion);
  }

  async function codeTaken(q: Q, code: string) {
    return !!(await q.selectFrom('host_unit').select('id').where(sql`lower(code)`, '=', code.toLowerCase()).executeTakeFirst());
  }

  async function insertUnit(trx: Trx, ctx: RequestCtx, u: { code: string; name: string; kind: string; orgId: string; flags: string | null; on: string; cellOrgId: string | null }, d: DecisionBits) {
    const id = uuidv7();
    await trx.insertInto('host_unit').values({ id, code: u.code, name: u.name, kind: u.kind, org_id: u.orgId, valid_from: u.on, valid_to: null, flags: u.flags, merged_into_id: null }).execute();
    const eventId = await event(trx, ctx, id, 'thanh_lap', u.on, d);
    await trx.insertInto('host_unit_version').values({ id: uuidv7(), host_unit_id: id, name: u.name, org_id: u.orgId, flags: u.flags, valid_from: u.on, valid_to: null, event_id: eventId }).execute();
    if (u.cellOrgId) await relink(trx, id, u.cellOrgId, u.on);
    return id;
  }

  const after = (trx: Trx, id: string) => trx.selectFrom('host_unit').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  return {
    loadForWrite,

    async list(ctx: RequestCtx, q: HostUnitListQuery) {
      const asOf = q.asOf ?? todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, q.org, asOf);
      let items = await unitsOn(db, asOf, prefixes, q.kind ? [q.kind] : undefined);
      const needle = q.q?.toLowerCase();
      if (needle) items = items.filter((u) => u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle));
      for (const f of ['bien_gioi', 'dtts', 'dbkk'] as const) if (q[f]) items = items.filter((u) => u.flags[f] === (q[f] === 'true'));
      items.sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi') || a.name.localeCompare(b.name, 'vi'));
      const start = (q.page - 1) * q.pageSize;
      return { asOf, total: items.length, page: q.page, pageSize: q.pageSize, items: items.slice(start, start + q.pageSize) };
    },

    async detail(ctx: RequestCtx, id: string) {
      const unit = await db.selectFrom('host_unit').selectAll().where('id', '=', id).executeTakeFirst();
      if (!unit) throw NOT_FOUND();
      // Visible when the register shows it to the caller on some day of its life: its last one.
      const on = unit.valid_to ? (await db.selectFrom('host_unit_version').select('valid_from').where('host_unit_id', '=', id).orderBy('valid_from', 'desc').executeTakeFirst())?.valid_from ?? unit.valid_from : todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, undefined, on);
      const seen = (await unitsOn(db, on, prefixes)).find((u) => u.id === id);
      if (!seen) throw NOT_FOUND();
      const versions = await db.selectFrom('host_unit_version as v').innerJoin('organization as o', 'o.id', 'v.org_id').select(['v.id', 'v.name', 'v.org_id', 'v.flags', 'v.valid_from', 'v.valid_to', 'v.event_id']).where('v.host_unit_id', '=', id).orderBy('v.valid_from').execute();
      const links = await db.selectFrom('host_unit_cell').selectAll().where('host_unit_id', '=', id).orderBy('valid_from').execute();
      const events = await db.selectFrom('host_unit_event').selectAll().where('host_unit_id', '=', id).orderBy('effective_date').orderBy('recorded_at').execute();
      const names = new Map<string, string>();
      for (const oid of new Set([...versions.map((v) => v.org_id), ...links.map((l) => l.cell_org_id)])) {
        const v = (await orgRepo.current(db, oid)) ?? (await orgRepo.history(db, oid)).at(-1);
        if (v) names.set(oid, v.name);
      }
      return {
        ...seen,
        validTo: unit.valid_to,
        mergedIntoId: unit.merged_into_id,
        versions: versions.map((v) => ({ name: v.name, orgId: v.org_id, orgName: names.get(v.org_id) ?? '', flags: parseFlags(v.flags), validFrom: v.valid_from, validTo: v.valid_to })),
        links: links.map((l) => ({ cellOrgId: l.cell_org_id, cellName: names.get(l.cell_org_id) ?? '', validFrom: l.valid_from, validTo: l.valid_to })),
        events: events.map((e) => ({ kind: e.kind, effectiveDate: e.effective_date, decisionNo: e.decision_no, decisionDate: e.decision_date, issuer: e.issuer, note: e.note })),
      };
    },

    async create(ctx: RequestCtx, input: CreateHostUnitIn) {
      const today = todayIso();
      if (input.effectiveDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày hiệu lực không được sau hôm nay.', 'effectiveDate');
      const org = await orgForWrite(db, ctx, input.orgId, input.effectiveDate, 'orgId');
      if (input.cellOrgId) await cellFor(db, ctx, input.cellOrgId, input.effectiveDate, 'cellOrgId');
      if (await codeTaken(db, input.code)) throw conflict('CODE_TAKEN', 'Mã đơn vị đã được dùng.', 'code');
      return db.transaction().execute(async (trx) => {
        const id = await insertUnit(trx, ctx, { code: input.code, name: input.name, kind: input.kind, orgId: input.orgId, flags: flagsJson(input.flags, null), on: input.effectiveDate, cellOrgId: input.cellOrgId ?? null }, input);
        const row = await after(trx, id);
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'host_unit', entityId: id, path: org.path, after: { ...row, cellOrgId: input.cellOrgId ?? null } });
        return { id, version: Number(row.version) };
      });
    },

    async change(ctx: RequestCtx, id: string, input: ChangeHostUnitIn) {
      const { unit, path } = await loadForWrite(db, ctx, id);
      if (input.name === undefined && input.flags === undefined) throw unprocessable('NOTHING_TO_CHANGE', 'Cần nhập tên mới hoặc đặc điểm mới.', 'name');
      if (unit.version !== input.version) throw staleVersion();
      refuse(checkUnitChange({ from: unit.valid_from, to: unit.valid_to, lastChange: await lastChange(db, unit) }, input.effectiveDate, todayIso()));
      return db.transaction().execute(async (trx) => {
        const kind = input.name !== undefined && input.name !== unit.name ? 'doi_ten' : 'doi_dac_diem';
        const eventId = await event(trx, ctx, id, kind, input.effectiveDate, input, { name: input.name, flags: input.flags });
        await newVersion(trx, unit, input.effectiveDate, { name: input.name, flags: input.flags ? flagsJson(input.flags, null) : undefined }, eventId, input.version);
        const row = await after(trx, id);
        await writeAudit(trx, who(ctx), { action: kind, entity: 'host_unit', entityId: id, path, before: unit, after: row });
        return { id, version: Number(row.version) };
      });
    },

    async link(ctx: RequestCtx, id: string, input: LinkHostUnitIn) {
      const { unit, path } = await loadForWrite(db, ctx, id);
      if (unit.version !== input.version) throw staleVersion();
      refuse(checkUnitChange({ from: unit.valid_from, to: unit.valid_to, lastChange: await lastChange(db, unit) }, input.effectiveDate, todayIso()));
      if (input.cellOrgId) await cellFor(db, ctx, input.cellOrgId, input.effectiveDate, 'cellOrgId');
      const cur = await openLink(db, id);
      if ((cur?.cell_org_id ?? null) === input.cellOrgId)
        throw unprocessable('SAME_CELL', input.cellOrgId ? 'Đơn vị đang được chính chi bộ này phục vụ.' : 'Đơn vị hiện không gắn với chi bộ nào.', 'cellOrgId');
      return db.transaction().execute(async (trx) => {
        await event(trx, ctx, id, 'gan_chi_bo', input.effectiveDate, input, { from: cur?.cell_org_id ?? null, to: input.cellOrgId });
        await relink(trx, id, input.cellOrgId, input.effectiveDate);
        await bump(trx, unit, {}, input.version);
        const row = await after(trx, id);
        await writeAudit(trx, who(ctx), { action: 'gan_chi_bo', entity: 'host_unit', entityId: id, path, before: { ...unit, cellOrgId: cur?.cell_org_id ?? null }, after: { ...row, cellOrgId: input.cellOrgId } });
        return { id, version: Number(row.version) };
      });
    },

    async end(ctx: RequestCtx, id: string, input: EndHostUnitIn) {
      const { unit, path } = await loadForWrite(db, ctx, id);
      if (unit.version !== input.version) throw staleVersion();
      refuse(checkUnitChange({ from: unit.valid_from, to: unit.valid_to, lastChange: await lastChange(db, unit) }, input.effectiveDate, todayIso()));
      return db.transaction().execute(async (trx) => {
        await event(trx, ctx, id, 'giai_the', input.effectiveDate, input);
        await endUnit(trx, unit, input.effectiveDate, null, input.version);
        const row = await after(trx, id);
        await writeAudit(trx, who(ctx), { action: 'giai_the', entity: 'host_unit', entityId: id, path, before: unit, after: row });
        return { id, version: Number(row.version) };
      });
    },

    async merge(ctx: RequestCtx, input: MergeHostUnitsIn) {
      if (!!input.targetId === !!input.newUnit)
        throw unprocessable('MERGE_TARGET_REQUIRED', 'Cần chọn đúng một trong hai: đơn vị tiếp nhận có sẵn, hoặc đơn vị mới.', 'targetId');
      if (new Set(input.sourceIds).size !== input.sourceIds.length) throw unprocessable('DUPLICATE_SOURCE', 'Một đơn vị được chọn hai lần.', 'sourceIds');
      if (input.targetId && input.sourceIds.includes(input.targetId)) throw unprocessable('TARGET_IS_SOURCE', 'Đơn vị tiếp nhận không thể đồng thời là đơn vị được sáp nhập.', 'targetId');
      const today = todayIso();
      const on = input.effectiveDate;
      const sources: { unit: Unit; path: string }[] = [];
      for (const sid of input.sourceIds) {
        const s = await loadForWrite(db, ctx, sid).catch(() => {
          throw unprocessable('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị được sáp nhập trong phạm vi của bạn.', 'sourceIds');
        });
        const v = checkUnitChange({ from: s.unit.valid_from, to: s.unit.valid_to, lastChange: await lastChange(db, s.unit) }, on, today, 'effectiveDate');
        if (v) throw unprocessable(v.code, `${s.unit.name}: ${v.message}`, v.field);
        sources.push(s);
      }
      let target: { unit: Unit; path: string } | null = null;
      if (input.targetId) {
        target = await loadForWrite(db, ctx, input.targetId).catch(() => {
          throw unprocessable('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị tiếp nhận trong phạm vi của bạn.', 'targetId');
        });
        const v = checkUnitChange({ from: target.unit.valid_from, to: target.unit.valid_to, lastChange: input.name ? await lastChange(db, target.unit) : target.unit.valid_from }, on, today, 'effectiveDate');
        if (v) throw unprocessable(v.code, `${target.unit.name}: ${v.message}`, v.field);
      } else {
        if (await codeTaken(db, input.newUnit!.code)) throw conflict('CODE_TAKEN', 'Mã đơn vị đã được dùng.', 'code');
        if (input.newUnit!.cellOrgId) await cellFor(db, ctx, input.newUnit!.cellOrgId, on, 'cellOrgId');
      }
      const sourceCells = await Promise.all(sources.map((s) => openLink(db, s.unit.id)));
      const inherited = sourceCells.find((c) => c)?.cell_org_id ?? null;
      return db.transaction().execute(async (trx) => {
        let targetId: string;
        let path: string;
        if (target) {
          targetId = target.unit.id;
          path = target.path;
          const eventId = await event(trx, ctx, targetId, 'tiep_nhan', on, input, { sourceIds: input.sourceIds });
          if (input.name && input.name !== target.unit.name) await newVersion(trx, target.unit, on, { name: input.name }, eventId);
          else await bump(trx, target.unit, {});
          if (!(await openLink(trx, targetId)) && inherited) await relink(trx, targetId, inherited, on);
        } else {
          const n = input.newUnit!;
          const first = sources[0]!.unit;
          const flags = n.flags ? flagsJson(n.flags, null) : first.flags;
          targetId = await insertUnit(trx, ctx, { code: n.code, name: n.name, kind: n.kind, orgId: first.org_id, flags, on, cellOrgId: n.cellOrgId === undefined ? inherited : n.cellOrgId }, input);
          path = sources[0]!.path;
          await event(trx, ctx, targetId, 'tiep_nhan', on, input, { sourceIds: input.sourceIds });
        }
        for (const s of sources) {
          await event(trx, ctx, s.unit.id, 'sap_nhap', on, input, { targetId });
          await endUnit(trx, s.unit, on, targetId);
        }
        const row = await after(trx, targetId);
        await writeAudit(trx, who(ctx), { action: 'sap_nhap', entity: 'host_unit', entityId: targetId, path, before: sources.map((s) => s.unit), after: row });
        return { id: targetId, version: Number(row.version) };
      });
    },
  };
}

export type HostUnitsService = ReturnType<typeof hostUnitsService>;
