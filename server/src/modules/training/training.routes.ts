import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.js';

export function trainingRoutes(_db: Db): FastifyPluginAsyncZod {
  return async () => {};
}
