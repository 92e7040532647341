import { foldVietnamese, ORG_KIND_LABELS, STUDY_COVERAGE_KINDS, type OrgKind } from '@dangvu/common';
import { sql, type SqlBool } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import type { ReportContext } from '../context.js';
import { badFigure } from '../drillKit.js';
import { membersOn, orgsOn } from '../populations.js';
import { idsOfPath } from '../../../platform/scope.js';

/**
 * The record sets of the resolution-study report, loaded once per run; figures and drill-downs
 * filter them with the same functions, so a figure always equals its list.
 *
 * - Sessions: held in the window (both days included) by an organization that lay in the subtree
 *   on the session day. Person-times (lượt) of a session are its named attendees (member or not on
 *   that day, as the session recorded them) plus the attendance it recorded as numbers only.
 * - Coverage: the grassroots organizations of the subtree on the window's last day (the study
 *   module's kinds: đảng ủy xã, đảng bộ cơ sở, chi bộ cơ sở); a session counts for the deepest of
 *   them above or at the organization that held it, as that organization stands on the last day
 *   (where it stood on the session day if it no longer exists), the rule of /study/coverage.
 */

type Q = ReportContext['db'];

export const STUDY_LEVELS = ['tinh', 'tren_co_so', 'co_so', 'duoi_co_so'] as const;
export type StudyLevel = (typeof STUDY_LEVELS)[number];
export const STUDY_LEVEL_LABELS: Record<StudyLevel, string> = {
  tinh: 'Cấp tỉnh',
  tren_co_so: 'Cấp trên cơ sở (huyện, khối, đảng ủy xã)',
  co_so: 'Tổ chức cơ sở đảng',
  duoi_co_so: 'Đảng bộ bộ phận, chi bộ trực thuộc',
};
const levelOfKind = (kind: string): StudyLevel => {
  const l = ORG_KIND_LABELS[kind as OrgKind]?.level ?? 5;
  return l === 1 ? 'tinh' : l === 2 ? 'tren_co_so' : l === 3 ? 'co_so' : 'duoi_co_so';
};

export interface SessionRow {
  id: string;
  held_on: string;
  org_name: string;
  level: StudyLevel;
  member_count: number;
  non_member_count: number;
  /** Named attendees who were members that day, and who were not. */
  named_members: number;
  named_others: number;
  docs: string[];
}
export interface AttendanceRow {
  session_id: string;
  person_id: string;
  is_member: boolean;
  /** A member of the subtree on the window's last day (the denominator of "members attending"). */
  member_at_end: boolean;
}
export interface StudiedDoc {
  id: string;
  symbol: string;
  doc_date: string;
  title: string;
  /** Row key: the symbol folded, with the date; unique within a report. */
  key: string;
}

export interface StudyData {
  sessions: SessionRow[];
  attendance: AttendanceRow[];
  docs: StudiedDoc[];
}

const heldDay = (a: string) => sql<SqlBool>`${sql.ref(`${a}.valid_from`)} <= s.held_on and (${sql.ref(`${a}.valid_to`)} is null or ${sql.ref(`${a}.valid_to`)} > s.held_on)`;

export async function loadStudy(rc: ReportContext, from: string, to: string): Promise<StudyData> {
  const prefixes = await rc.windowPrefixes(from, to);
  const placed = rc.db
    .selectFrom('study_session as s')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 's.org_id').on(heldDay('v')))
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .where(inSubtrees('v.path', prefixes));
  const rows = await placed
    .select(['s.id', 's.held_on', 'v.name as org_name', 'v.kind', 's.member_count', 's.non_member_count'])
    .orderBy('s.held_on')
    .orderBy('s.id')
    .execute();
  const links = await rc.db
    .selectFrom('study_session_document as sd')
    .innerJoin('document as d', 'd.id', 'sd.document_id')
    .where('sd.session_id', 'in', placed.select('s.id'))
    .select(['sd.session_id', 'd.id', 'd.symbol', 'd.doc_date', 'd.title'])
    .orderBy('d.doc_date')
    .orderBy('d.symbol')
    .orderBy('d.id')
    .execute();
  const atEnd = membersOn(rc.db, to, await rc.prefixesOn(to)).where(sql<SqlBool>`e.person_id = a.person_id`).select('e.person_id');
  const attendance = await rc.db
    .selectFrom('study_attendance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .where('a.session_id', 'in', placed.select('s.id'))
    .select(['a.session_id', 'a.person_id', 'a.is_member', (eb) => eb.exists(atEnd).as('at_end')])
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .orderBy('a.session_id')
    .execute();
  const docsOf = new Map<string, string[]>();
  const docs = new Map<string, StudiedDoc>();
  const keys = new Set<string>();
  for (const l of links) {
    const list = docsOf.get(l.session_id);
    if (list) list.push(l.id);
    else docsOf.set(l.session_id, [l.id]);
    if (docs.has(l.id)) continue;
    const base = `${foldVietnamese(l.symbol).replace(/[^a-z0-9]+/g, '-')}_${l.doc_date.replace(/-/g, '')}`;
    let key = base;
    for (let i = 2; keys.has(key); i++) key = `${base}_${i}`;
    keys.add(key);
    docs.set(l.id, { id: l.id, symbol: l.symbol, doc_date: l.doc_date, title: l.title, key });
  }
  const named = new Map<string, { m: number; o: number }>();
  for (const a of attendance) {
    const c = named.get(a.session_id) ?? { m: 0, o: 0 };
    if (Number(a.is_member) === 1) c.m++;
    else c.o++;
    named.set(a.session_id, c);
  }
  return {
    sessions: rows.map((r) => ({
      id: r.id,
      held_on: r.held_on,
      org_name: r.org_name,
      level: levelOfKind(r.kind),
      member_count: Number(r.member_count),
      non_member_count: Number(r.non_member_count),
      named_members: named.get(r.id)?.m ?? 0,
      named_others: named.get(r.id)?.o ?? 0,
      docs: docsOf.get(r.id) ?? [],
    })),
    attendance: attendance.map((a) => ({ session_id: a.session_id, person_id: a.person_id, is_member: Number(a.is_member) === 1, member_at_end: !!a.at_end })),
    docs: [...docs.values()],
  };
}

/** Which sessions a figure counts: one document's (or all), one level's (or all). */
export interface SessionFilter {
  doc?: string;
  lvl?: StudyLevel;
}
export function sessionFilter(p: Record<string, string>): SessionFilter {
  const f: SessionFilter = {};
  if (p.doc !== undefined) f.doc = p.doc;
  if (p.lvl !== undefined) {
    if (!(STUDY_LEVELS as readonly string[]).includes(p.lvl)) throw badFigure('cấp tổ chức không hợp lệ');
    f.lvl = p.lvl as StudyLevel;
  }
  return f;
}
export const sessionMatches = (s: SessionRow, f: SessionFilter) => (!f.doc || s.docs.includes(f.doc)) && (!f.lvl || s.level === f.lvl);

/** Person-times of members (m) or non-members of a set of sessions: named attendees, then the recorded numbers. */
export function personTimes(data: StudyData, f: SessionFilter, member: boolean) {
  const sessions = data.sessions.filter((s) => sessionMatches(s, f));
  const ids = new Set(sessions.map((s) => s.id));
  const named = data.attendance.filter((a) => a.is_member === member && ids.has(a.session_id));
  const counted = sessions.filter((s) => (member ? s.member_count : s.non_member_count) > 0);
  const total = named.length + counted.reduce((a, s) => a + (member ? s.member_count : s.non_member_count), 0);
  return { sessions, named, counted, total };
}

/**
 * Members who attended, against the members of the subtree on the window's last day: each named
 * attendee who is one of them counts once however many sessions they attended (one who has since
 * died or left is not in the denominator, so not here either); members the sessions recorded as
 * numbers only cannot be told apart, so each of those counts.
 */
export function membersAttending(data: StudyData, f: SessionFilter) {
  const t = personTimes(data, f, true);
  const seen = new Set<string>();
  const people = t.named.filter((a) => a.member_at_end && !seen.has(a.person_id) && !!seen.add(a.person_id));
  return { people, counted: t.counted, total: people.length + t.counted.reduce((a, s) => a + s.member_count, 0) };
}

export interface BaseOrg {
  org_id: string;
  name: string;
  kind: string;
  path: string;
}

/** Grassroots organizations of the subtree on `to`, with the documents each studied in the window (and in how many sessions). */
export async function loadCoverage(rc: ReportContext, from: string, to: string) {
  const prefixes = await rc.prefixesOn(to);
  const bases = await baseOrgsOn(rc.db, to, prefixes);
  const rows = await rc.db
    .selectFrom('study_session as s')
    .innerJoin('study_session_document as sd', 'sd.session_id', 's.id')
    .innerJoin('organization_version as hv', (j) => j.onRef('hv.org_id', '=', 's.org_id').on(heldDay('hv')))
    .leftJoin('organization_version as nv', (j) =>
      j.onRef('nv.org_id', '=', 's.org_id').on(sql<SqlBool>`nv.valid_from <= ${to} and (nv.valid_to is null or nv.valid_to > ${to})`),
    )
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .where(sql<SqlBool>`((nv.id is not null and ${inSubtrees('nv.path', prefixes)}) or (nv.id is null and ${inSubtrees('hv.path', prefixes)}))`)
    .select(['s.id', 'sd.document_id', sql<string>`coalesce(nv.path, hv.path)`.as('place')])
    .execute();
  const byPath = new Map(bases.map((b) => [b.path, b]));
  /** document id (or '*' for any) → base org id → session ids */
  const studied = new Map<string, Map<string, Set<string>>>();
  const add = (doc: string, org: string, session: string) => {
    const m = studied.get(doc) ?? new Map<string, Set<string>>();
    studied.set(doc, m);
    m.set(org, (m.get(org) ?? new Set()).add(session));
  };
  for (const r of rows) {
    const parts = idsOfPath(r.place);
    for (let i = parts.length; i > 0; i--) {
      const b = byPath.get(`/${parts.slice(0, i).join('/')}/`);
      if (!b) continue;
      add(r.document_id, b.org_id, r.id);
      add('*', b.org_id, r.id);
      break;
    }
  }
  /** The organizations covered for a document ('*': any), in the order of the base list. */
  const covered = (doc: string | undefined) => {
    const m = studied.get(doc ?? '*');
    return m ? bases.filter((b) => m.has(b.org_id)).map((b) => ({ ...b, sessions: m.get(b.org_id)!.size })) : [];
  };
  return { bases, covered };
}

/** The denominator of coverage: the same predicate as the `o:` figure with these kinds, so its list matches. */
export function baseOrgsOn(db: Q, d: string, prefixes: readonly string[]): Promise<BaseOrg[]> {
  return orgsOn(db, d, prefixes).where('v.kind', 'in', [...STUDY_COVERAGE_KINDS]).select(['v.org_id', 'v.name', 'v.kind', 'v.path']).orderBy('v.path').execute();
}
