import { ROLES, type Role } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { writeAudit, type AuditWho } from '../../platform/audit.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { nowIso, randomToken, uuidv7 } from '../../platform/ids.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/password.js';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  scopeOrgIds: string[];
  displayName?: string;
  personId?: string | null;
}

const USERNAME = /^[a-z0-9._-]{3,60}$/;

/** User administration, used by the command line (and later an admin screen). */
export function usersService(db: Kysely<Database>) {
  function checkPassword(p: string) {
    if (p.length < MIN_PASSWORD_LENGTH) throw badRequest('PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, 'password');
  }
  return {
    async add(who: AuditWho, u: NewUser) {
      if (!USERNAME.test(u.username)) throw badRequest('BAD_USERNAME', 'Tên đăng nhập gồm 3–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch.', 'username');
      if (!(ROLES as readonly string[]).includes(u.role)) throw badRequest('BAD_ROLE', `Vai trò phải là một trong: ${ROLES.join(', ')}.`, 'role');
      checkPassword(u.password);
      if (u.role !== 'dang_vien' && u.role !== 'quan_tri' && u.scopeOrgIds.length === 0) throw badRequest('SCOPE_REQUIRED', 'Cần ít nhất một tổ chức làm phạm vi (--scope).', 'scope');
      const hash = await hashPassword(u.password);
      return db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('app_user').select('id').where('username', '=', u.username).executeTakeFirst())
          throw conflict('USERNAME_TAKEN', `Tên đăng nhập "${u.username}" đã có.`, 'username');
        for (const orgId of u.scopeOrgIds) {
          if (!(await trx.selectFrom('organization').select('id').where('id', '=', orgId).executeTakeFirst()))
            throw notFound('ORG_NOT_FOUND', `Không có tổ chức mã định danh ${orgId}.`);
        }
        const id = uuidv7();
        const now = nowIso();
        await trx
          .insertInto('app_user')
          .values({
            id,
            username: u.username,
            password_hash: hash,
            role: u.role,
            display_name: u.displayName ?? u.username,
            person_id: u.personId ?? null,
            failed_logins: 0,
            locked_until: null,
            active: 1,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        if (u.scopeOrgIds.length) await trx.insertInto('user_scope').values(u.scopeOrgIds.map((org_id) => ({ user_id: id, org_id }))).execute();
        await writeAudit(trx, who, { action: 'create', entity: 'user', entityId: id, path: null, after: { username: u.username, role: u.role, scopeOrgIds: u.scopeOrgIds } });
        return id;
      });
    },

    async resetPassword(who: AuditWho, username: string, password: string) {
      checkPassword(password);
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const user = await trx.selectFrom('app_user').select(['id', 'version']).where('username', '=', username).executeTakeFirst();
        if (!user) throw notFound('USER_NOT_FOUND', `Không có người dùng "${username}".`);
        await trx
          .updateTable('app_user')
          .set({ password_hash: hash, failed_logins: 0, locked_until: null, version: user.version + 1, updated_at: nowIso() })
          .where('id', '=', user.id)
          .execute();
        await trx.deleteFrom('session').where('user_id', '=', user.id).execute();
        await writeAudit(trx, who, { action: 'reset_password', entity: 'user', entityId: user.id, path: null });
      });
    },

    /**
     * The first admin, scoped to every top-level organization. Returns the password
     * only when it was generated, so the caller prints it exactly once.
     */
    async ensureAdmin(who: AuditWho, fromEnv: string | undefined): Promise<{ created: boolean; generatedPassword: string | null }> {
      if (await db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirst()) return { created: false, generatedPassword: null };
      const roots = await db.selectFrom('organization_version').select('org_id').where('parent_id', 'is', null).where('valid_to', 'is', null).execute();
      const password = fromEnv ?? randomToken(12);
      await this.add(who, { username: 'admin', password, role: 'quan_tri', scopeOrgIds: roots.map((r) => r.org_id), displayName: 'Quản trị hệ thống' });
      return { created: true, generatedPassword: fromEnv ? null : password };
    },
  };
}
