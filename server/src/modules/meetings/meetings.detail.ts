import { can, MEETING_SCORE_RULE_SETS, meetingScoreRulesOn, scoreMeeting, attendanceRate, type MeetingState } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RequestCtx } from '../../platform/context.js';
import { orgOn, rosterOn } from './meetings.repository.js';
import { loadVisible, meetingDate } from './meetings.access.js';
import type { MeetingRow } from './meetings.tables.js';

/** Counts of a meeting as the API shows them (null before attendance is recorded). */
export function countsOf(m: MeetingRow) {
  if (!m.attendance_recorded) return null;
  const c = {
    members: m.n_members ?? 0,
    present: m.n_present ?? 0,
    excused: m.n_excused ?? 0,
    unexcused: m.n_unexcused ?? 0,
    exempt: m.n_exempt ?? 0,
    exemptPresent: m.n_exempt_present ?? 0,
    guests: m.n_guests ?? 0,
    higher: m.n_higher ?? 0,
  };
  return { ...c, rate: attendanceRate(c), fromRows: m.attendance_rows === 1 };
}

export function summaryOf(m: MeetingRow, orgName: string) {
  return {
    id: m.id,
    orgId: m.org_id,
    orgName,
    kind: m.kind,
    month: m.month,
    state: m.state as MeetingState,
    title: m.title,
    plannedOn: m.planned_on,
    publishedOn: m.published_on,
    heldOn: m.held_on,
    scoreTotal: m.score_total,
    scoreClass: m.score_class,
    counts: countsOf(m),
    revision: m.revision,
    version: m.version,
  };
}

/** Everything the meeting screen shows, including the roster to take attendance from. */
export async function meetingDetail(db: Kysely<Database>, ctx: RequestCtx, id: string) {
  const m = await loadVisible(db, ctx, id);
  const org = await orgOn(db, m.org_id, meetingDate(m));
  const rules = MEETING_SCORE_RULE_SETS[m.score_rules] ?? meetingScoreRulesOn(meetingDate(m));
  const detail = m.score_detail ? (JSON.parse(m.score_detail) as Record<string, number>) : null;
  const result = detail ? scoreMeeting(rules, detail) : null;
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'a.status', 'a.exempt', 'a.reason', 'p.full_name', 'p.birth_date'])
    .where('a.meeting_id', '=', id)
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .execute();
  const guests = await db.selectFrom('meeting_guest').select(['kind', 'name', 'organization', 'post']).where('meeting_id', '=', id).orderBy('id').execute();
  const documents = await db
    .selectFrom('meeting_document')
    .select(['id', 'kind', 'name', 'mime_type', 'size', 'ref_number', 'ref_title', 'created_at'])
    .where('meeting_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const steps = await db.selectFrom('meeting_step').select(['seq', 'action', 'revision', 'note', 'username', 'recorded_at']).where('meeting_id', '=', id).orderBy('seq').execute();
  const roster = m.held_on && m.state !== 'da_dong' ? await rosterOn(db, m.org_id, m.held_on) : [];
  return {
    ...summaryOf(m, org?.name ?? m.org_id),
    orgKind: org?.kind ?? null,
    agenda: m.agenda,
    location: m.location,
    durationMinutes: m.duration_minutes,
    chairName: m.chair_name,
    secretaryName: m.secretary_name,
    minutes: m.minutes,
    attendance: rows.map((r) => ({ personId: r.person_id, fullName: r.full_name, birthDate: r.birth_date, status: r.status, exempt: r.exempt === 1, reason: r.reason })),
    guests,
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, name: d.name, mimeType: d.mime_type, size: d.size, refNumber: d.ref_number, refTitle: d.ref_title })),
    steps: steps.map((s) => ({ seq: s.seq, action: s.action, revision: s.revision, note: s.note, username: s.username, recordedAt: s.recorded_at })),
    roster: roster.map((r) => ({ personId: r.personId, fullName: r.fullName, birthDate: r.birthDate, exempt: r.exempt })),
    rules: { id: rules.id, name: rules.name, thresholds: rules.thresholds, criteria: rules.criteria },
    scores: detail,
    result,
    mayEdit: can(ctx.actor.role, 'meeting.write'),
  };
}
export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;
