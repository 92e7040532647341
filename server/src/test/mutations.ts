import type { TestEnv } from './engines.js';
import type { buildProvince, Session } from './factories.js';

/**
 * Each module adds its write routes to the every-mutating-route test (platform/mutations.test.ts)
 * through one of these, so the test proves every route audits once and refuses bad input
 * without one shared file that every module has to edit.
 */
export type Province = Awaited<ReturnType<typeof buildProvince>>;
export interface MutationResult {
  status: number;
  requestId: string | undefined;
  body: string;
}
export type Mutation = (s: Session) => Promise<MutationResult>;
/** A request that must be refused with a 4xx naming `field` in Vietnamese, writing nothing. */
export type BadInput = [method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body: unknown, field: string | null];
export interface ModuleMutations {
  /** 'METHOD /api/v1/route/:param' → a call that succeeds (2xx) for the admin of the test province. */
  cases: Record<string, Mutation>;
  bad: BadInput[];
  /** The module's own tables, checked unchanged after the bad inputs. */
  tables: string[];
}
export type MutationSuite = (env: TestEnv, p: Province) => Promise<ModuleMutations>;

export const send = (s: Session, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<MutationResult> =>
  s.call(method, url, body).then((r) => ({ status: r.statusCode, requestId: r.headers['x-request-id'] as string | undefined, body: r.body }));
