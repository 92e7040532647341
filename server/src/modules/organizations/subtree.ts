import { todayIso } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { orgRepo } from './organizations.repository.js';

/**
 * The subtree a read asks for (one organization, or the caller's whole scope) as path prefixes
 * on `asOf`, cut to the caller's scope on that date. An organization outside the scope, or one
 * that did not exist on that date, answers 404; lists, counts and reports all start here so a
 * figure and its list always cover the same records.
 */
export async function resolveSubtree(db: Kysely<Database>, ctx: RequestCtx, orgIdIn: string | undefined, asOf: string) {
  const scope = scopeFor(db, ctx.actor);
  if (scope.selfOnly) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng.');
  const scopePaths = await scope.pathsOn(asOf);
  if (orgIdIn) {
    // The organization itself must be the caller's, not merely overlap it.
    const o = (await orgRepo.current(db, orgIdIn)) ?? (await orgRepo.versionOn(db, orgIdIn, asOf));
    const visible = o && (pathWithin(o.path, await scope.pathsOn(todayIso())) || pathWithin(o.path, scopePaths));
    if (!visible) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
  }
  const roots = orgIdIn ? [orgIdIn] : [...ctx.actor.scopeOrgIds];
  let prefixes = await subtreePathsOn(db, roots, asOf);
  prefixes = prefixes.filter((p) => pathWithin(p, scopePaths)).concat(scopePaths.filter((p) => pathWithin(p, prefixes)));
  if (orgIdIn && prefixes.length === 0) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng vào ngày này (hoặc nằm ngoài phạm vi của bạn).');
  return { scope, roots, prefixes };
}
