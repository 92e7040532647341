import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, unauthorized, unprocessable } from '../../platform/errors.js';
import { nowIso } from '../../platform/ids.js';
import { decoyHash, hashPassword, verifyPassword } from '../../platform/password.js';
import { createSession, deleteSession, type SessionPolicy } from './sessions.repository.js';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const IP_WINDOW_MINUTES = 15;
export const IP_MAX_FAILURES = 30;

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';

/**
 * Login state lives in the database (failed counts, lockout, attempts per address),
 * so limits hold across several server processes.
 */
export function authService(db: Kysely<Database>, policy: SessionPolicy) {
  async function recordAttempt(username: string, ip: string, ok: boolean) {
    await db.insertInto('login_attempt').values({ username, ip, ok: ok ? 1 : 0, at: nowIso() }).execute();
  }

  async function login(username: string, password: string, ip: string, requestId: string) {
    const since = new Date(Date.now() - IP_WINDOW_MINUTES * 60_000).toISOString();
    const recent = await db
      .selectFrom('login_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('ok', '=', 0)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= IP_MAX_FAILURES) {
      throw new AppError(429, 'LOGIN_RATE_LIMITED', `Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau ${IP_WINDOW_MINUTES} phút.`);
    }
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    if (!user || !user.active) {
      await verifyPassword(await decoyHash(), password);
      await recordAttempt(username, ip, false);
      throw unauthorized('INVALID_CREDENTIALS', WRONG);
    }
    if (user.locked_until && user.locked_until > nowIso()) {
      await recordAttempt(username, ip, false);
      const until = new Date(user.locked_until);
      const hhmm = until.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
      throw new AppError(423, 'ACCOUNT_LOCKED', `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${hhmm}.`);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const failed = user.failed_logins + 1;
      const lock = failed >= LOCKOUT_THRESHOLD;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('app_user')
          .set({
            failed_logins: lock ? 0 : failed,
            locked_until: lock ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString() : user.locked_until,
          })
          .where('id', '=', user.id)
          .execute();
        await trx.insertInto('login_attempt').values({ username, ip, ok: 0, at: nowIso() }).execute();
        if (lock)
          await writeAudit(trx, { userId: null, username, requestId }, { action: 'lock', entity: 'user', entityId: user.id, path: null, after: { lockedMinutes: LOCKOUT_MINUTES } });
      });
      if (lock)
        throw new AppError(423, 'ACCOUNT_LOCKED', `Đăng nhập sai ${LOCKOUT_THRESHOLD} lần liên tiếp: tài khoản bị tạm khóa ${LOCKOUT_MINUTES} phút.`);
      throw unauthorized('INVALID_CREDENTIALS', WRONG);
    }
    const session = await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
      await trx.insertInto('login_attempt').values({ username, ip, ok: 1, at: nowIso() }).execute();
      const s = await createSession(trx, user.id, policy);
      await writeAudit(trx, { userId: user.id, username, requestId }, { action: 'login', entity: 'session', entityId: user.id, path: null });
      return s;
    });
    return { ...session, user };
  }

  async function logout(ctx: RequestCtx) {
    await db.transaction().execute(async (trx) => {
      await deleteSession(trx, ctx.actor.sessionId);
      await writeAudit(trx, { userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId }, { action: 'logout', entity: 'session', entityId: ctx.actor.userId, path: null });
    });
  }

  async function changePassword(ctx: RequestCtx, current: string, next: string) {
    const user = await db.selectFrom('app_user').selectAll().where('id', '=', ctx.actor.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, current))) throw unprocessable('WRONG_PASSWORD', 'Mật khẩu hiện tại không đúng.', 'currentPassword');
    if (current === next) throw unprocessable('SAME_PASSWORD', 'Mật khẩu mới phải khác mật khẩu hiện tại.', 'newPassword');
    const hash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash, version: user.version + 1, updated_at: nowIso() }).where('id', '=', user.id).execute();
      // Other devices must log in again with the new password.
      await trx.deleteFrom('session').where('user_id', '=', user.id).where('id', '!=', ctx.actor.sessionId).execute();
      await writeAudit(trx, { userId: user.id, username: user.username, requestId: ctx.requestId }, { action: 'change_password', entity: 'user', entityId: user.id, path: null });
    });
  }

  return { login, logout, changePassword };
}
