import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { lookupSession, type SessionPolicy } from '../modules/auth/sessions.repository.js';
import { AppError } from './errors.js';
import { CSRF_HEADER, SESSION_COOKIE } from './http.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Resolves the session on every API request and enforces the CSRF header on mutations. */
export function installAuthHook(app: FastifyInstance, db: Kysely<Database>, policy: SessionPolicy) {
  app.decorateRequest('ctx', null);
  app.decorateRequest('sessionProblem', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(db, token, policy);
      if (found.ok) req.ctx = { actor: found.actor, requestId: String(req.id) };
      else req.sessionProblem = found.reason;
    }
    if (!SAFE.has(req.method) && req.ctx) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, req.ctx.actor.csrfToken)) {
        throw new AppError(403, 'CSRF_REJECTED', 'Yêu cầu thiếu mã chống giả mạo (CSRF). Vui lòng tải lại trang và thử lại.');
      }
    }
  });
}
