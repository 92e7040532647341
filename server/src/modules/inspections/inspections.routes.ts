import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';

export function inspectionsRoutes(_db: Db): FastifyPluginAsyncZod {
  return async () => {};
}
