import { id, isoDate, todayIso } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import { requireCtx } from '../../platform/http.js';
import { scopeFor } from '../../platform/scope.js';
import { statsFor } from './stats.service.js';

export function statsRoutes(db: Kysely<Database>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/stats', { schema: { tags: ['stats'], querystring: z.object({ org: id, asOf: isoDate.optional() }) } }, async (req) => {
      const ctx = requireCtx(req, 'org.read');
      const asOf = req.query.asOf ?? todayIso();
      const scope = scopeFor(db, ctx.actor);
      if (scope.selfOnly) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng.');
      return statsFor(db, req.query.org, asOf, await scope.pathsOn(asOf));
    });
  };
}
