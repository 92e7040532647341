import { NONPARTY_LEVEL_TIER, todayIso, type NonPartyBodyIn, type NonPartyKind, type NonPartyLevel, type NonPartyListQuery, type NonPartyRatingIn } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { orgOn, ratingDay } from './ratings.repository.js';
import { whoOf } from './ratings.steps.js';

type Db = Kysely<Database>;

const NOT_FOUND = () => notFound('BODY_NOT_FOUND', 'Không tìm thấy cơ quan, đoàn thể này (hoặc nằm ngoài phạm vi của bạn).');
const staleBody = () => new AppError(409, 'VERSION_CONFLICT', 'Cơ quan, đoàn thể này vừa được người khác cập nhật. Hãy tải lại để xem dữ liệu mới nhất.', 'version');

/**
 * Non-party bodies (UBND/HĐND xã, MTTQ, mass organizations), each attached to the party
 * organization leading it, and their yearly ratings. A body is in scope where its leading
 * organization is today; a correction of a year's rating is a further row, never an edit.
 */
export function nonPartyService(db: Db) {
  const paths = async (ctx: RequestCtx, day = todayIso()) => {
    const s = scopeFor(db, ctx.actor);
    return s.selfOnly ? [] : s.pathsOn(day);
  };

  async function loadBody(ctx: RequestCtx, id: string) {
    const b = await db
      .selectFrom('nonparty_body as b')
      .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'b.org_id').on('v.valid_to', 'is', null))
      .selectAll('b')
      .select(['v.path as org_path', 'v.name as org_name'])
      .where('b.id', '=', id)
      .executeTakeFirst();
    if (!b || !pathWithin(b.org_path ?? b.path, await paths(ctx))) throw NOT_FOUND();
    return b;
  }

  async function list(ctx: RequestCtx, q: NonPartyListQuery) {
    const year = q.year ?? Number(todayIso().slice(0, 4));
    let base = db
      .selectFrom('nonparty_body as b')
      .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'b.org_id').on('v.valid_to', 'is', null))
      .where(inSubtrees('v.path', await paths(ctx)));
    if (q.org) base = base.where(inSubtrees('v.path', await subtreePathsOn(db, [q.org], todayIso())));
    if (q.kind) base = base.where('b.kind', '=', q.kind);
    const bodies = await base.selectAll('b').select(['v.name as org_name']).orderBy('v.folded_name').orderBy('b.kind').orderBy('b.id').limit(2000).execute();
    const ids = bodies.map((b) => b.id);
    // The latest row of each body and year is the rating in force (earlier ones were corrected).
    const rows = [];
    for (let i = 0; i < ids.length; i += 500)
      rows.push(
        ...(await db
          .selectFrom('nonparty_rating')
          .selectAll()
          .where('body_id', 'in', ids.slice(i, i + 500))
          .where('year', '>=', year - 9)
          .where('year', '<=', year)
          .orderBy('body_id')
          .orderBy('year')
          .orderBy('seq')
          .execute()),
      );
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) latest.set(`${r.body_id}:${r.year}`, r);
    const counts: Record<number, Record<NonPartyLevel, number>> = {};
    for (const r of latest.values()) {
      counts[r.year] ??= { tot: 0, kha: 0, trung_binh: 0, yeu: 0 };
      counts[r.year]![r.level as NonPartyLevel]++;
    }
    return {
      year,
      years: Array.from({ length: 10 }, (_, k) => year - 9 + k).map((y) => ({ year: y, counts: counts[y] ?? { tot: 0, kha: 0, trung_binh: 0, yeu: 0 } })),
      items: bodies.map((b) => ({
        id: b.id,
        kind: b.kind as NonPartyKind,
        name: b.name,
        orgId: b.org_id,
        orgName: b.org_name,
        version: b.version,
        ratings: [...latest.values()]
          .filter((r) => r.body_id === b.id)
          .map((r) => ({ year: r.year, level: r.level as NonPartyLevel, tier: NONPARTY_LEVEL_TIER[r.level as NonPartyLevel], decisionNo: r.decision_no, decisionDate: r.decision_date, issuer: r.issuer, corrected: r.seq > 1 })),
      })),
    };
  }

  async function detail(ctx: RequestCtx, id: string) {
    const b = await loadBody(ctx, id);
    const ratings = await db.selectFrom('nonparty_rating').selectAll().where('body_id', '=', id).orderBy('year', 'desc').orderBy('seq', 'desc').execute();
    return {
      id: b.id,
      kind: b.kind as NonPartyKind,
      name: b.name,
      orgId: b.org_id,
      orgName: b.org_name ?? '',
      version: b.version,
      ratings: ratings.map((r) => ({
        id: r.id,
        year: r.year,
        seq: r.seq,
        level: r.level as NonPartyLevel,
        decisionNo: r.decision_no,
        decisionDate: r.decision_date,
        issuer: r.issuer,
        note: r.note,
        username: r.username,
        recordedAt: r.recorded_at,
      })),
    };
  }

  async function create(ctx: RequestCtx, input: NonPartyBodyIn) {
    const org = await orgOn(db, input.orgId, todayIso());
    if (!org || !pathWithin(org.path, await paths(ctx))) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng lãnh đạo trong phạm vi của bạn.', 'orgId');
    const same = await db.selectFrom('nonparty_body').select('id').where('org_id', '=', org.id).where('kind', '=', input.kind).where('name', '=', input.name).executeTakeFirst();
    if (same) throw unprocessable('BODY_EXISTS', 'Cơ quan, đoàn thể này đã có trong danh sách của tổ chức đảng.', 'name');
    const now = nowIso();
    const row = { id: uuidv7(), kind: input.kind, name: input.name, org_id: org.id, path: org.path, version: 1, created_by: ctx.actor.userId, created_at: now, updated_at: now };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('nonparty_body').values(row).execute();
      await writeAudit(trx, whoOf(ctx), { action: 'nonparty:tao', entity: 'nonparty_body', entityId: row.id, path: org.path, after: row });
    });
    return detail(ctx, row.id);
  }

  async function rate(ctx: RequestCtx, id: string, input: NonPartyRatingIn) {
    const today = todayIso();
    const b = await loadBody(ctx, id);
    if (b.version !== input.version) throw staleBody();
    if (input.year > Number(today.slice(0, 4))) throw unprocessable('RATING_YEAR_IN_FUTURE', `Chưa thể xếp loại năm ${input.year}.`, 'year');
    if (input.decisionDate > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau ngày hôm nay.', 'decisionDate');
    if (input.decisionDate < `${input.year}-01-01`) throw unprocessable('DATE_BEFORE_YEAR', `Ngày quyết định phải từ 01/01/${input.year} trở đi.`, 'decisionDate');
    const org = await orgOn(db, b.org_id, ratingDay(input.year));
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('nonparty_body').set({ version: b.version + 1, updated_at: nowIso() }).where('id', '=', id).where('version', '=', input.version).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw staleBody();
      const last = await trx.selectFrom('nonparty_rating').select((eb) => eb.fn.max('seq').as('seq')).where('body_id', '=', id).where('year', '=', input.year).executeTakeFirst();
      const row = {
        id: uuidv7(),
        body_id: id,
        year: input.year,
        seq: Number(last?.seq ?? 0) + 1,
        level: input.bodyLevel,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        note: input.note,
        path: org?.path ?? b.org_path ?? b.path,
        user_id: ctx.actor.userId,
        username: ctx.actor.username,
        recorded_at: nowIso(),
      };
      await trx.insertInto('nonparty_rating').values(row).execute();
      await writeAudit(trx, whoOf(ctx), { action: row.seq > 1 ? 'nonparty:dieu_chinh' : 'nonparty:xep_loai', entity: 'nonparty_body', entityId: id, path: b.org_path ?? b.path, after: row });
    });
    return detail(ctx, id);
  }

  return { list, detail, create, rate };
}
