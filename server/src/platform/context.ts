import type { Role } from '@dangvu/common';

/** Who is acting, resolved once per request from the session. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  personId: string | null;
  scopeOrgIds: readonly string[];
  sessionId: string;
  csrfToken: string;
}

/** What a service needs to know about the caller: identity, scope and the request id for audit. */
export interface RequestCtx {
  actor: Actor;
  requestId: string;
}

/** The command line acts as the system, scoped to everything, and is still audited. */
export const systemActorName = 'he-thong';
