import { changePasswordIn, loginIn, meOut } from '@dangvu/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { clearSessionCookies, requireCtx, setSessionCookies } from '../../platform/http.js';
import { authService } from './auth.service.js';
import type { SessionPolicy } from './sessions.repository.js';

export function authRoutes(db: Kysely<Database>, policy: SessionPolicy, secureCookies: boolean): FastifyPluginAsyncZod {
  const svc = authService(db, policy);
  return async (app) => {
    app.post('/auth/login', { schema: { tags: ['auth'], body: loginIn, response: { 200: meOut } } }, async (req, reply) => {
      const { token, csrfToken, user } = await svc.login(req.body.username, req.body.password, req.ip, String(req.id));
      setSessionCookies(reply, token, csrfToken, secureCookies, policy.maxHours);
      const scopes = await db.selectFrom('user_scope').select('org_id').where('user_id', '=', user.id).execute();
      return {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        role: user.role as z.infer<typeof meOut>['role'],
        scopeOrgIds: scopes.map((s) => s.org_id),
        csrfToken,
      };
    });

    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
      const ctx = requireCtx(req);
      await svc.logout(ctx);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    });

    app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: meOut } } }, async (req) => {
      const { actor } = requireCtx(req);
      const user = await db.selectFrom('app_user').select('display_name').where('id', '=', actor.userId).executeTakeFirstOrThrow();
      return {
        userId: actor.userId,
        username: actor.username,
        displayName: user.display_name,
        role: actor.role,
        scopeOrgIds: [...actor.scopeOrgIds],
        csrfToken: actor.csrfToken,
      };
    });

    app.post('/auth/password', { schema: { tags: ['auth'], body: changePasswordIn, response: { 204: z.null() } } }, async (req, reply) => {
      const ctx = requireCtx(req);
      await svc.changePassword(ctx, req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send(null);
    });
  };
}
