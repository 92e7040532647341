import { COVERAGE_STATUSES, coverageGroup, id, isoDate } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { requireCtx } from '../../platform/http.js';
import { dashboardService } from './dashboard.service.js';

export function dashboardRoutes(db: Kysely<Database>): FastifyPluginAsyncZod {
  const svc = dashboardService(db);
  return async (app) => {
    app.get('/dashboard', { schema: { tags: ['stats'], querystring: z.object({ org: id.optional(), asOf: isoDate.optional() }) } }, async (req) =>
      svc.overview(requireCtx(req, 'org.read'), req.query.org, req.query.asOf),
    );
    app.get(
      '/coverage',
      { schema: { tags: ['stats'], querystring: z.object({ org: id.optional(), asOf: isoDate.optional(), status: z.enum(COVERAGE_STATUSES).default('all'), group: coverageGroup.default('villages') }) } },
      async (req) => svc.coverageUnits(requireCtx(req, 'org.read'), req.query.org, req.query.asOf, req.query.status, req.query.group),
    );
  };
}
