import { targetAchievement, todayIso, type CreateTargetIn, type TargetBound, type TargetKind, type TargetOut } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { eventPlacePredicate, windowPrefixes } from '../stats/eventPlace.js';
import { statsFor } from '../stats/stats.service.js';
import type { TargetRow } from './admissions.tables.js';
import { scopedPrefixes, who } from './admissions.service.js';

const MAX_TARGETS = 200;

/**
 * Admission targets and their achievement. Admissions are ledger `ket_nap` events whose place
 * (the cell on the event's day) lies in the organization's subtree during the period, counted
 * up to today; a rate is a percent of the members on 1 January of the first year.
 */
export function admissionTargets(db: Kysely<Database>) {
  async function achievement(ctx: RequestCtx, t: TargetRow & { org_name: string | null }): Promise<TargetOut> {
    const today = todayIso();
    const scope = scopeFor(db, ctx.actor);
    const from = `${t.from_year}-01-01`;
    const end = `${t.to_year}-12-31`;
    const countedTo = end < today ? end : today;
    let admitted = 0;
    if (from <= countedTo) {
      const prefixes = await windowPrefixes(db, [t.org_id], from, countedTo, (d) => scope.pathsOn(d));
      const r = await db
        .selectFrom('member_event as me')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(eventPlacePredicate(['ket_nap'], from, countedTo, prefixes))
        .executeTakeFirstOrThrow();
      admitted = Number(r.n);
    }
    let base: number | null = null;
    if (t.kind === 'rate' && from <= today) {
      try {
        base = (await statsFor(db, t.org_id, from, await scope.pathsOn(from))).members.total;
      } catch (e) {
        // The organization (or its predecessors) did not exist yet on 1 January: no base.
        if (!(e instanceof AppError && e.status === 404)) throw e;
      }
    }
    const bound = t.bound as TargetBound;
    const a = targetAchievement({ kind: t.kind as TargetKind, value: t.value, fromYear: t.from_year, toYear: t.to_year, perYear: t.per_year === 1, bound }, admitted, base);
    return {
      id: t.id,
      orgId: t.org_id,
      orgName: t.org_name,
      fromYear: t.from_year,
      toYear: t.to_year,
      kind: t.kind as TargetKind,
      value: t.value,
      perYear: t.per_year === 1,
      bound,
      decisionNo: t.decision_no,
      note: t.note,
      ...a,
      countedTo,
    };
  }

  return {
    async list(ctx: RequestCtx, q: { org?: string; year?: number }) {
      const prefixes = await scopedPrefixes(db, ctx, q.org);
      const rows = await db
        .selectFrom('admission_target as t')
        .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 't.org_id').on('v.valid_to', 'is', null))
        .selectAll('t')
        .select('v.name as org_name')
        .where(inSubtrees('v.path', prefixes))
        .$if(q.year !== undefined, (w) => w.where('t.from_year', '<=', q.year!).where('t.to_year', '>=', q.year!))
        .orderBy('v.depth')
        .orderBy('v.name')
        .orderBy('t.from_year')
        .orderBy('t.to_year')
        .limit(MAX_TARGETS)
        .execute();
      const items: TargetOut[] = [];
      for (const r of rows) items.push(await achievement(ctx, r));
      return { items };
    },

    async create(ctx: RequestCtx, input: CreateTargetIn) {
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        const org = await orgRepo.current(trx, input.orgId);
        if (!org || !pathWithin(org.path, await scopeFor(trx, ctx.actor).pathsOn(todayIso())))
          throw unprocessable('ORG_NOT_FOUND', 'Tổ chức đảng: không tìm thấy trong phạm vi của bạn.', 'orgId');
        const same = await trx
          .selectFrom('admission_target')
          .select('id')
          .where('org_id', '=', input.orgId)
          .where('from_year', '=', input.fromYear)
          .where('to_year', '=', input.toYear)
          .executeTakeFirst();
        if (same) throw unprocessable('TARGET_EXISTS', 'Từ năm: tổ chức này đã có chỉ tiêu cho đúng giai đoạn này.', 'fromYear');
        const row = {
          id,
          org_id: input.orgId,
          from_year: input.fromYear,
          to_year: input.toYear,
          kind: input.kind,
          value: input.value,
          per_year: input.perYear ? 1 : 0,
          bound: input.bound,
          decision_no: input.decisionNo,
          note: input.note,
          created_by: ctx.actor.userId,
          created_at: nowIso(),
        };
        await trx.insertInto('admission_target').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'admission_target', entityId: id, path: org.path, after: row });
      });
      const row = await db
        .selectFrom('admission_target as t')
        .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 't.org_id').on('v.valid_to', 'is', null))
        .selectAll('t')
        .select('v.name as org_name')
        .where('t.id', '=', id)
        .executeTakeFirstOrThrow();
      return achievement(ctx, row);
    },
  };
}
