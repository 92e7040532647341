import { todayIso } from '@dangvu/common';
import type { RequestCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import type { Q } from './cadres.shared.js';

/**
 * The subtree a read asks for (an organization, or the caller's whole scope), cut to the
 * caller's scope on that date; an organization outside it answers 404. Same rule as the dashboard's.
 */
export async function resolveSubtree(db: Q, ctx: RequestCtx, orgIdIn: string | undefined, asOf: string) {
  const scope = scopeFor(db, ctx.actor);
  if (scope.selfOnly) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng.');
  const scopePaths = await scope.pathsOn(asOf);
  if (orgIdIn) {
    const o = (await orgRepo.current(db, orgIdIn)) ?? (await orgRepo.versionOn(db, orgIdIn, asOf));
    const visible = o && (pathWithin(o.path, await scope.pathsOn(todayIso())) || pathWithin(o.path, scopePaths));
    if (!visible) throw notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc nằm ngoài phạm vi của bạn).');
  }
  const roots = orgIdIn ? [orgIdIn] : [...ctx.actor.scopeOrgIds];
  let prefixes = await subtreePathsOn(db, roots, asOf);
  prefixes = prefixes.filter((p) => pathWithin(p, scopePaths)).concat(scopePaths.filter((p) => pathWithin(p, prefixes)));
  return { scope, roots, prefixes };
}
