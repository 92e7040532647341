import {
  badgeAwardProblem,
  badgeRuleSetFor,
  badgesDueInYear,
  todayIso,
  type AwardKind,
  type AwardLevel,
  type AwardListQuery,
  type AwardOut,
  type BadgeDueOut,
  type CreateAwardIn,
  type UpdateAwardIn,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { who } from '../admissions/admissions.service.js';
import { readPrefixes } from '../documents/documents.service.js';
import { resolveSubtree } from '../organizations/subtree.js';
import { num, orgNames, staleVersion } from '../documents/documents.scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { partyPeriods } from './awards.badges.js';
import type { AwardRow } from './awards.tables.js';

type Q = Kysely<Database>;

const NOT_FOUND = () => notFound('AWARD_NOT_FOUND', 'Không tìm thấy khen thưởng (hoặc khen thưởng nằm ngoài phạm vi của bạn).');
const BADGE_TITLE = (n: number) => `Huy hiệu ${n} năm tuổi Đảng`;

/**
 * `badgeRules` pins a badge rule set for the province (setting); by default the set in force
 * for the award year applies.
 */
export function awardsService(db: Q, badgeRules?: string) {
  async function outs(rows: AwardRow[]): Promise<AwardOut[]> {
    const personIds = [...new Set(rows.map((r) => r.person_id).filter((x): x is string => !!x))];
    const people = personIds.length ? await db.selectFrom('person').select(['id', 'full_name']).where('id', 'in', personIds).execute() : [];
    const pn = new Map(people.map((p) => [p.id, p.full_name]));
    const on = await orgNames(db, rows.map((r) => r.org_id).filter((x): x is string => !!x));
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as AwardKind,
      level: r.level as AwardLevel | null,
      title: r.title,
      year: r.year,
      person: r.person_id ? { id: r.person_id, name: pn.get(r.person_id) ?? '' } : null,
      org: r.org_id ? { id: r.org_id, name: on.get(r.org_id) ?? r.org_id } : null,
      badgeYears: r.badge_years,
      decisionNo: r.decision_no,
      decisionDate: r.decision_date,
      issuer: r.issuer,
      ratingId: r.rating_id,
      note: r.note,
      version: r.version,
    }));
  }

  async function visible(ctx: RequestCtx, r: AwardRow | undefined, q: Q = db): Promise<AwardRow> {
    if (!r) throw NOT_FOUND();
    const scope = scopeFor(q, ctx.actor);
    const ok = scope.selfOnly ? r.person_id === ctx.actor.personId : pathWithin(r.path, await scope.pathsOn(todayIso()));
    if (!ok) throw NOT_FOUND();
    return r;
  }

  async function get(ctx: RequestCtx, id: string): Promise<AwardOut> {
    const r = await visible(ctx, await db.selectFrom('award').selectAll().where('id', '=', id).executeTakeFirst());
    return (await outs([r]))[0]!;
  }

  async function list(ctx: RequestCtx, q: AwardListQuery) {
    const scope = scopeFor(db, ctx.actor);
    let base = db.selectFrom('award');
    base = scope.selfOnly ? base.where('person_id', '=', ctx.actor.personId ?? '') : base.where(inSubtrees('path', (await resolveSubtree(db, ctx, q.org, todayIso())).prefixes));
    if (q.kind) base = base.where('kind', '=', q.kind);
    if (q.year) base = base.where('year', '=', q.year);
    if (q.personId) base = base.where('person_id', '=', q.personId);
    const total = num((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('year', 'desc')
      .orderBy('decision_date', 'desc')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { total, page: q.page, pageSize: q.pageSize, items: await outs(rows) };
  }

  async function readmittedAmong(q: Q, ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await q.selectFrom('member_event').select('person_id').where('person_id', 'in', ids.slice(i, i + 500)).where('kind', '=', 'phuc_hoi').execute();
      rows.forEach((r) => out.add(r.person_id));
    }
    return out;
  }

  async function create(ctx: RequestCtx, input: CreateAwardIn): Promise<AwardOut> {
    if (input.decisionDate > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau ngày hôm nay.', 'decisionDate');
    const prefixes = await readPrefixes(db, ctx);
    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      let path: string;
      let title = input.awardTitle ?? '';
      if (input.recipientPersonId) {
        const p = await trx.selectFrom('person').select(['id', 'path', 'admitted_on', 'standing']).where('id', '=', input.recipientPersonId).executeTakeFirst();
        if (!p || !pathWithin(p.path, prefixes)) throw unprocessable('PERSON_NOT_FOUND', 'Không tìm thấy người này trong phạm vi của bạn.', 'recipientPersonId');
        path = p.path;
        if (input.awardKind === 'huy_hieu') {
          const n = input.badgeYears!;
          if (p.standing !== 'dang_sinh_hoat') throw unprocessable('NOT_A_MEMBER', 'Huy hiệu tuổi Đảng chỉ trao cho đảng viên đang sinh hoạt.', 'recipientPersonId');
          const already = await trx.selectFrom('award').select('id').where('person_id', '=', p.id).where('kind', '=', 'huy_hieu').where('badge_years', '=', n).executeTakeFirst();
          if (already) throw conflict('BADGE_ALREADY_AWARDED', `Đảng viên này đã được trao ${BADGE_TITLE(n)}.`, 'badgeYears', { awardId: already.id });
          const periods = (await partyPeriods(trx, [p], await readmittedAmong(trx, [p.id]))).get(p.id) ?? [];
          const why = badgeAwardProblem(periods, n, input.decisionDate, badgeRuleSetFor(Number(input.decisionDate.slice(0, 4)), badgeRules));
          if (why) throw unprocessable('BADGE_NOT_DUE', `${why}.`, 'badgeYears');
          title = input.awardTitle ?? BADGE_TITLE(n);
        }
      } else {
        const o = await orgRepo.current(trx, input.recipientOrgId!);
        if (!o || !pathWithin(o.path, prefixes)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức này trong phạm vi của bạn.', 'recipientOrgId');
        path = o.path;
      }
      const now = nowIso();
      const row: AwardRow = {
        id,
        person_id: input.recipientPersonId,
        org_id: input.recipientOrgId,
        path,
        kind: input.awardKind,
        title,
        year: input.awardYear ?? Number(input.decisionDate.slice(0, 4)),
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        rating_id: null,
        version: 1,
        created_by: ctx.actor.userId,
        created_at: now,
        level: input.awardLevel,
        badge_years: input.awardKind === 'huy_hieu' ? input.badgeYears : null,
        note: input.note,
        updated_at: now,
      };
      await trx.insertInto('award').values(row).execute();
      await writeAudit(trx, who(ctx), { action: 'award.create', entity: 'award', entityId: id, path, after: row });
    });
    return get(ctx, id);
  }

  async function update(ctx: RequestCtx, id: string, input: UpdateAwardIn): Promise<AwardOut> {
    if (input.decisionDate > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày quyết định không được sau ngày hôm nay.', 'decisionDate');
    await db.transaction().execute(async (trx) => {
      const r = await visible(ctx, await trx.selectFrom('award').selectAll().where('id', '=', id).executeTakeFirst(), trx);
      if (r.version !== input.version) throw staleVersion('Khen thưởng');
      if (r.rating_id) throw unprocessable('AWARD_FROM_RATING', 'Giấy khen này gắn với kết quả đánh giá, xếp loại; hãy sửa ở phần đánh giá.', 'awardTitle');
      const changes = {
        title: input.awardTitle,
        level: input.awardLevel === undefined ? r.level : input.awardLevel,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        issuer: input.issuer,
        note: input.note,
      };
      const res = await trx.updateTable('award').set({ ...changes, version: r.version + 1, updated_at: nowIso() }).where('id', '=', id).where('version', '=', r.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion('Khen thưởng');
      await writeAudit(trx, who(ctx), {
        action: 'award.update',
        entity: 'award',
        entityId: id,
        path: r.path,
        before: { title: r.title, level: r.level, decision_no: r.decision_no, decision_date: r.decision_date, issuer: r.issuer, note: r.note },
        after: changes,
      });
    });
    return get(ctx, id);
  }

  /**
   * Members reaching a badge milestone in the year who have not received that badge: active
   * members of the subtree whose first admission is at least 30 years before the year's end,
   * plus the readmitted (their current admission date is the readmission).
   */
  async function badgesDue(ctx: RequestCtx, q: { org?: string | undefined; year?: number | undefined }): Promise<BadgeDueOut> {
    const year = q.year ?? Number(todayIso().slice(0, 4));
    const rules = badgeRuleSetFor(year, badgeRules);
    const { prefixes } = await resolveSubtree(db, ctx, q.org, todayIso());
    const latest = `${year - Math.min(...rules.milestones)}-12-31`;
    const people = await db
      .selectFrom('person')
      .select(['id', 'full_name', 'admitted_on', 'org_id', 'sort_key'])
      .where(inSubtrees('path', prefixes))
      .where('standing', '=', 'dang_sinh_hoat')
      .where((eb) =>
        eb.or([
          eb('admitted_on', '<=', latest),
          eb.exists(eb.selectFrom('member_event as e').select('e.id').whereRef('e.person_id', '=', 'person.id').where('e.kind', '=', 'phuc_hoi')),
        ]),
      )
      .orderBy('sort_key')
      .execute();
    const ids = people.map((p) => p.id);
    const readmitted = await readmittedAmong(db, ids);
    const periods = await partyPeriods(db, people, readmitted);
    const received = new Map<string, Set<number>>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('award').select(['person_id', 'badge_years']).where('person_id', 'in', ids.slice(i, i + 500)).where('kind', '=', 'huy_hieu').execute();
      for (const r of rows) if (r.person_id && r.badge_years) received.set(r.person_id, (received.get(r.person_id) ?? new Set()).add(r.badge_years));
    }
    const names = await orgNames(db, people.map((p) => p.org_id));
    const items: BadgeDueOut['items'] = [];
    for (const p of people) {
      const ps = periods.get(p.id) ?? [];
      for (const d of badgesDueInYear(ps, year, received.get(p.id) ?? new Set(), rules))
        items.push({
          personId: p.id,
          fullName: p.full_name,
          cell: { id: p.org_id, name: names.get(p.org_id) ?? p.org_id },
          firstAdmittedOn: ps[0]?.from ?? p.admitted_on ?? '',
          milestone: d.milestone,
          reachedOn: d.reachedOn,
          awardDay: d.awardDay,
          interrupted: ps.length > 1,
        });
    }
    items.sort((a, b) => b.milestone - a.milestone || a.reachedOn.localeCompare(b.reachedOn));
    return { year, ruleSet: rules.code, items };
  }

  return { list, get, create, update, badgesDue };
}
