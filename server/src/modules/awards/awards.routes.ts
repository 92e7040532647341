import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';

export function awardsRoutes(_db: Db): FastifyPluginAsyncZod {
  return async () => {};
}
