import { id, isoDate, page, pageSize, todayIso } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { requireCtx } from '../../platform/http.js';
import { idsOfPath, scopeFor } from '../../platform/scope.js';

/** Start of a Vietnam calendar day (UTC+7, no daylight saving), `plusDays` later, as a UTC ISO string. */
export function vnDayStartUtc(isoDate: string, plusDays: number): string {
  const t = Date.parse(`${isoDate}T00:00:00+07:00`) + plusDays * 86_400_000;
  return new Date(t).toISOString();
}

const query = z.object({
  user: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page,
  pageSize,
});

/** Admins read the log inside their scope; rows with no organization (logins) only with a root scope. */
export function auditRoutes(db: Kysely<Database>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/audit', { schema: { tags: ['audit'], querystring: query } }, async (req) => {
      const ctx = requireCtx(req, 'audit.read');
      const q = req.query;
      const paths = await scopeFor(db, ctx.actor).pathsOn(todayIso());
      const isRootAdmin = paths.some((p) => idsOfPath(p).length === 1);
      const scoped = isRootAdmin ? sql<SqlBool>`(${inSubtrees('a.path', paths)} or a.path is null)` : inSubtrees('a.path', paths);
      let base = db.selectFrom('audit_log as a').where(scoped);
      if (q.user) base = base.where('a.username', '=', q.user);
      if (q.entity) base = base.where('a.entity', '=', q.entity);
      if (q.entityId) base = base.where('a.entity_id', '=', q.entityId);
      // Dates are Vietnam calendar days; the log stores UTC instants.
      if (q.from) base = base.where('a.at', '>=', vnDayStartUtc(q.from, 0));
      if (q.to) base = base.where('a.at', '<', vnDayStartUtc(q.to, 1));
      const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .selectAll('a')
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute();
      return {
        total: Number(n),
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at,
          userId: r.user_id,
          username: r.username,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before ? (JSON.parse(r.before) as unknown) : null,
          after: r.after ? (JSON.parse(r.after) as unknown) : null,
          requestId: r.request_id,
        })),
      };
    });
  };
}
