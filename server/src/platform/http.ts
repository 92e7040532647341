import { can, type Permission } from '@dangvu/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestCtx } from './context.js';
import { forbidden, unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestCtx | null;
    sessionProblem: 'missing' | 'expired' | null;
  }
}

export const SESSION_COOKIE = 'dangvu_session';
export const CSRF_COOKIE = 'dangvu_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The authenticated caller, with a permission check; routes call this first. */
export function requireCtx(req: FastifyRequest, permission?: Permission): RequestCtx {
  if (!req.ctx) {
    throw req.sessionProblem === 'expired'
      ? unauthorized('SESSION_EXPIRED', 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.')
      : unauthorized();
  }
  if (permission && !can(req.ctx.actor.role, permission)) throw forbidden();
  return req.ctx;
}

export function setSessionCookies(reply: FastifyReply, token: string, csrf: string, secure: boolean, maxHours: number) {
  const base = { path: '/', sameSite: 'strict' as const, secure, maxAge: maxHours * 3600 };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  // Readable by the page so it can echo it in the CSRF header (double submit).
  reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
