import { foldMemberEvents, todayIso, type HolderOnDate, type LedgerEvent, type MemberEventKind, type Violation } from '@dangvu/common';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';

export type Trx = Transaction<Database>;
export type Q = Kysely<Database>;

export const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

export const refuse = (v: Violation | null) => {
  if (v) throw unprocessable(v.code, v.message, v.field);
};

export const staleVersion = () =>
  new AppError(409, 'VERSION_CONFLICT', 'Bản ghi đã được người khác sửa trong lúc bạn làm việc. Hãy tải lại để xem bản mới nhất rồi làm lại.', 'version');

/** Paths the caller may act on today; self-only roles act on nothing here. */
export async function writablePaths(db: Q, ctx: RequestCtx): Promise<string[]> {
  const scope = scopeFor(db, ctx.actor);
  return scope.selfOnly ? [] : scope.pathsOn(todayIso());
}

/**
 * An organization named in a request body: it must lie in the caller's scope today and,
 * when `on` is given, exist on that date. Refused as a field error, never as a 404 of the route.
 */
export async function orgForWrite(db: Q, ctx: RequestCtx, orgId: string, on: string | null, field: string) {
  const today = await orgRepo.current(db, orgId);
  const any = today ?? (await orgRepo.history(db, orgId)).at(-1);
  const paths = await writablePaths(db, ctx);
  if (!any || !pathWithin(any.path, paths)) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này trong phạm vi của bạn.', field);
  const then = on ? await orgRepo.versionOn(db, orgId, on) : any;
  if (!then) throw unprocessable('ORG_NOT_EXISTING_ON_DATE', 'Tổ chức đảng không tồn tại vào ngày hiệu lực.', field);
  return { current: today ?? null, then, path: any.path };
}

/** Where the ledger left a person on a date: standing and activity from the events up to it. */
export async function holderOn(db: Q, personId: string, on: string): Promise<HolderOnDate> {
  const rows = await db
    .selectFrom('member_event')
    .select(['id', 'kind', 'effective_date', 'org_id', 'data'])
    .where('person_id', '=', personId)
    .where('effective_date', '<=', on)
    .orderBy('effective_date')
    .orderBy('seq')
    .execute();
  const events: LedgerEvent[] = rows.map((r) => {
    const data = r.data ? (JSON.parse(r.data) as Record<string, string | undefined>) : {};
    return { id: r.id, kind: r.kind as MemberEventKind, effectiveDate: r.effective_date, orgId: r.org_id, admittedOn: data.admittedOn ?? null, officialOn: data.officialOn ?? null };
  });
  const f = foldMemberEvents(events);
  return f.ok ? { standing: f.state.standing, activity: f.state.activity } : { standing: null, activity: null };
}

/** A person the caller may see today (members and non-members), for a field of a request. */
export async function personForWrite(db: Q, ctx: RequestCtx, personId: string, field = 'personId') {
  const p = await db.selectFrom('person').select(['id', 'full_name', 'path', 'standing', 'birth_date']).where('id', '=', personId).executeTakeFirst();
  if (!p || !pathWithin(p.path, await writablePaths(db, ctx))) throw unprocessable('PERSON_NOT_FOUND', 'Không tìm thấy người này trong phạm vi của bạn.', field);
  return p;
}

export interface OrgOn {
  path: string;
  name: string;
  kind: string;
  /** A version was valid on the date (else the nearest one is given). */
  valid: boolean;
}

/** Paths of organizations on a date (falling back to their last version), for scope checks of rows that name them. */
export async function orgPathsOn(db: Q, orgIds: readonly string[], asOf: string): Promise<Map<string, OrgOn>> {
  const out = new Map<string, OrgOn>();
  const ids = [...new Set(orgIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('organization_version')
      .select(['org_id', 'path', 'name', 'kind', 'valid_from', 'valid_to'])
      .where('org_id', 'in', ids.slice(i, i + 500))
      .orderBy('org_id')
      .orderBy('valid_from')
      .execute();
    for (const r of rows) {
      const hit = r.valid_from <= asOf && (r.valid_to === null || r.valid_to > asOf);
      const prev = out.get(r.org_id);
      // The version of the day wins; otherwise the latest one that had started by then, else the first.
      if (!prev?.valid && (hit || !prev || r.valid_from <= asOf)) out.set(r.org_id, { path: r.path, name: r.name, kind: r.kind, valid: hit });
    }
  }
  return out;
}

export const notFoundIn = (what: string) => notFound('NOT_FOUND', `Không tìm thấy ${what} (hoặc nằm ngoài phạm vi của bạn).`);
