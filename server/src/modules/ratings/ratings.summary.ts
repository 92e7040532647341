import { RATING_LEVEL_TIER, RATING_LEVELS, RATING_RULE_SETS, todayIso, type RatingLevel, type RatingSettingIn, type RatingSummaryQuery } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { orgNames, orgOn, ratingDay, type OrgOn } from './ratings.repository.js';
import { whoOf } from './ratings.steps.js';

type Db = Kysely<Database>;

/** The ten-year summary and the province settings: reads over many ratings, and the one setting write. */
export function ratingsSummaryService(db: Db) {
  const scope = (ctx: RequestCtx) => scopeFor(db, ctx.actor);

  async function summary(ctx: RequestCtx, q: RatingSummaryQuery) {
    const thisYear = Number(todayIso().slice(0, 4));
    const to = q.toYear ?? thisYear;
    const from = Math.max(q.fromYear ?? to - 9, to - 29);
    const s = scope(ctx);
    const years = [];
    for (let year = from; year <= to; year++) {
      const day = ratingDay(year);
      let base = db.selectFrom('rating as r').where('r.year', '=', year).where('r.subject_kind', '=', q.subjectKind);
      if (s.selfOnly) base = base.where('r.person_id', '=', ctx.actor.personId ?? '');
      else base = base.where(inSubtrees('r.path', await s.pathsOn(day)));
      if (q.org) base = base.where(inSubtrees('r.path', await subtreePathsOn(db, [q.org], day)));
      const rows = await base
        .select(['r.state', 'r.level', 'r.exempt_reason', 'r.rule_set', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['r.state', 'r.level', 'r.exempt_reason', 'r.rule_set'])
        .execute();
      const awards = await base
        .innerJoin('award as a', 'a.rating_id', 'r.id')
        .where('a.kind', '=', 'giay_khen')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const levels: Partial<Record<RatingLevel, number>> = {};
      const tiers = { 1: 0, 2: 0, 3: 0, 4: 0 };
      const exempt: Record<string, number> = {};
      let pending = 0;
      const ruleSets = new Set<string>();
      for (const r of rows) {
        const n = Number(r.n);
        ruleSets.add(r.rule_set);
        if (r.state === 'quyet_dinh' && r.level && (RATING_LEVELS as readonly string[]).includes(r.level)) {
          const l = r.level as RatingLevel;
          levels[l] = (levels[l] ?? 0) + n;
          tiers[RATING_LEVEL_TIER[l]] += n;
        } else if (r.state === 'khong_xep_loai') exempt[r.exempt_reason ?? 'khac'] = (exempt[r.exempt_reason ?? 'khac'] ?? 0) + n;
        else pending += n;
      }
      const decided = tiers[1] + tiers[2] + tiers[3] + tiers[4];
      years.push({ year, ruleSets: [...ruleSets].sort(), decided, levels, tiers, exempt, pending, commendations: Number(awards.n) });
    }
    return { subjectKind: q.subjectKind, years };
  }

  /** A giấy khen for an excellent rating, written to the awards module's table and linked to the rating. */

  async function settings(ctx: RequestCtx) {
    const paths = scope(ctx).selfOnly ? [] : await scope(ctx).pathsOn(todayIso());
    const rows = await db.selectFrom('rating_setting').selectAll().orderBy('from_year').orderBy('created_at').execute();
    const mine = rows.filter((r) => paths.some((p) => r.path.startsWith(p) || p.startsWith(r.path)));
    const names = await orgNames(db, mine.map((r) => r.org_id));
    return {
      ruleSets: Object.values(RATING_RULE_SETS),
      settings: mine.map((r) => ({ id: r.id, orgId: r.org_id, orgName: names.get(r.org_id) ?? '', fromYear: r.from_year, capPercent: r.cap_percent, note: r.note, createdAt: r.created_at })),
    };
  }

  /** A province's variation from a year on; only at province level, where the rule is set. */
  async function addSetting(ctx: RequestCtx, input: RatingSettingIn) {
    const org: OrgOn | null = await orgOn(db, input.orgId, todayIso());
    const paths = scope(ctx).selfOnly ? [] : await scope(ctx).pathsOn(todayIso());
    if (!org || !pathWithin(org.path, paths)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức này trong phạm vi của bạn.', 'orgId');
    if (org.kind !== 'dang_bo_tinh') throw unprocessable('NOT_PROVINCE', 'Biến thể quy định chỉ đặt ở cấp đảng bộ tỉnh, thành phố.', 'orgId');
    const row = { id: uuidv7(), org_id: org.id, path: org.path, from_year: input.fromYear, cap_percent: input.capPercent, note: input.note, created_by: ctx.actor.userId, created_at: nowIso() };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('rating_setting').values(row).execute();
      await writeAudit(trx, whoOf(ctx), { action: 'rating:setting', entity: 'rating_setting', entityId: row.id, path: org.path, after: row });
    });
    return settings(ctx);
  }

  return { summary, settings, addSetting };
}
