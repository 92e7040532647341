import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, scopeFor } from '../../platform/scope.js';
import type { MeetingRow } from './meetings.tables.js';

export const meetingNotFound = () => notFound('MEETING_NOT_FOUND', 'Không tìm thấy buổi sinh hoạt (hoặc buổi sinh hoạt nằm ngoài phạm vi của bạn).');
/** The date a meeting belongs to: when it was held, else when it is planned. */
export const meetingDate = (m: Pick<MeetingRow, 'held_on' | 'planned_on'>) => m.held_on ?? m.planned_on;

/**
 * A meeting the caller may see: its cell's path on the meeting date lies in their scope on that
 * date, so a meeting stays with the committee the cell belonged to when it met. Else 404.
 */
export async function loadVisible(q: Kysely<Database>, ctx: RequestCtx, id: string): Promise<MeetingRow> {
  const m = await q.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw meetingNotFound();
  const scope = scopeFor(q, ctx.actor);
  if (scope.selfOnly || !pathWithin(m.path, await scope.pathsOn(meetingDate(m)))) throw meetingNotFound();
  return m;
}
