import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { nowIso, uuidv7 } from './ids.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  path: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditWho {
  userId: string | null;
  username: string | null;
  requestId: string | null;
}

// Secrets never reach the audit trail, whatever entity they come with.
const REDACT = new Set(['password', 'password_hash', 'passwordHash', 'csrf_token']);
function snapshot(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return JSON.stringify(v, (k, val) => (REDACT.has(k) ? '[đã ẩn]' : val));
}

/** Must be called with the transaction that makes the change, so both commit or neither. */
export async function writeAudit(trx: Transaction<Database>, who: AuditWho, e: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      at: nowIso(),
      user_id: who.userId,
      username: who.username,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      path: e.path,
      before: snapshot(e.before),
      after: snapshot(e.after),
      request_id: who.requestId,
    })
    .execute();
}
