import { todayIso } from '@dangvu/common';
import { minimalPrefixes, validOn } from '../../db/sql.js';
import type { Actor } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { scopeFor } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import type { Q } from '../cadres/cadres.shared.js';

export const caseNotFound = () => notFound('INSPECTION_NOT_FOUND', 'Không tìm thấy cuộc kiểm tra, giám sát (hoặc nằm ngoài phạm vi của bạn).');
export const disciplineNotFound = () => notFound('DISCIPLINE_NOT_FOUND', 'Không tìm thấy quyết định kỷ luật (hoặc nằm ngoài phạm vi của bạn).');

/** Case details are for inspection roles only; everyone else gets the counts. */
export const detailsForbidden = () =>
  forbidden('Chi tiết các cuộc kiểm tra, giám sát và kỷ luật chỉ dành cho ủy ban kiểm tra. Bạn xem được số liệu tổng hợp ở mục "Số liệu kiểm tra, giám sát".');

/**
 * Every path the caller's organizations (and what merged into them) ever had. Cases keep the
 * body's path as it was on their decision date, so a commune that moved under the province in
 * 2025 still answers for the cases it decided as part of a district before.
 */
export async function scopePathsEver(db: Q, actor: Actor): Promise<string[]> {
  if (scopeFor(db, actor).selfOnly) return [];
  const ids = new Set(actor.scopeOrgIds);
  let frontier = [...ids];
  for (let depth = 0; frontier.length > 0 && depth < 10; depth++) {
    const preds = await db
      .selectFrom('org_event_link')
      .select('from_org_id')
      .where('to_org_id', 'in', frontier)
      .where('role', '=', 'merged_into')
      .where('from_org_id', 'is not', null)
      .execute();
    frontier = preds.map((p) => p.from_org_id!).filter((id) => !ids.has(id));
    frontier.forEach((id) => ids.add(id));
  }
  if (!ids.size) return [];
  const rows = await db.selectFrom('organization_version').select('path').where('org_id', 'in', [...ids]).execute();
  return minimalPrefixes(rows.map((r) => r.path));
}

/** Paths the caller may write under today. */
export async function writablePathsToday(db: Q, actor: Actor): Promise<string[]> {
  const scope = scopeFor(db, actor);
  return scope.selfOnly ? [] : scope.pathsOn(todayIso());
}

/** The member's cell on a date (primary membership) and its path then; null when not a member then. */
export async function cellOn(db: Q, personId: string, on: string): Promise<{ orgId: string; path: string; name: string } | null> {
  const ep = await db
    .selectFrom('membership_episode as e')
    .select('e.org_id')
    .where('e.person_id', '=', personId)
    .where('e.kind', '=', 'primary')
    .where((eb) => validOn(eb, 'e', on))
    .executeTakeFirst();
  if (!ep) return null;
  const v = (await orgRepo.versionOn(db, ep.org_id, on)) ?? (await orgRepo.history(db, ep.org_id)).at(-1);
  return v ? { orgId: ep.org_id, path: v.path, name: v.name } : null;
}

export const dmy = (iso: string) => iso.split('-').reverse().join('/');
