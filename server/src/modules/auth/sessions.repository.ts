import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../platform/context.js';
import { nowIso, randomToken } from '../../platform/ids.js';
import type { Role } from '@dangvu/common';

/** Only a hash of the token is stored: a leaked database does not hand out live sessions. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(db: Kysely<Database>, userId: string, policy: SessionPolicy) {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = new Date();
  await db
    .insertInto('session')
    .values({
      id: sessionIdOf(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policy.maxHours * 3600_000).toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  return { token, csrfToken };
}

export type SessionLookup = { ok: true; actor: Actor } | { ok: false; reason: 'missing' | 'expired' };

export async function lookupSession(db: Kysely<Database>, token: string, policy: SessionPolicy): Promise<SessionLookup> {
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id as user_id', 'u.username', 'u.role', 'u.person_id', 'u.active'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.active) return { ok: false, reason: 'missing' };
  const now = Date.now();
  const idleLimit = Date.parse(row.last_seen_at) + policy.idleMinutes * 60_000;
  if (now >= Date.parse(row.expires_at) || now >= idleLimit) {
    await db.deleteFrom('session').where('id', '=', id).execute();
    return { ok: false, reason: 'expired' };
  }
  // Touch at most once a minute so reads do not turn into a write per request.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('session').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  const scopes = await db.selectFrom('user_scope').select('org_id').where('user_id', '=', row.user_id).execute();
  return {
    ok: true,
    actor: {
      userId: row.user_id,
      username: row.username,
      role: row.role as Role,
      personId: row.person_id,
      scopeOrgIds: scopes.map((s) => s.org_id),
      sessionId: row.id,
      csrfToken: row.csrf_token,
    },
  };
}

export async function deleteSession(db: Kysely<Database>, sessionId: string) {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}
