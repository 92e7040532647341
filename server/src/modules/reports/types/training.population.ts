import { COURSE_KINDS, type CourseKind } from '@dangvu/common';
import { sql, type SqlBool } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import type { ReportContext } from '../context.js';
import { badFigure } from '../drillKit.js';

/**
 * The record sets of the training report, each loaded once per run and filtered by ONE predicate
 * per set, which both the figures and their drill-downs call, so a figure always equals its list.
 *
 * - Classes (lớp): a class is in the window when it opened (khai giảng, the date recorded when it
 *   moved to "đang học") in the window; classes still planned have not opened and do not count.
 *   It is in the subtree when the organization that opened it lay there on that day.
 * - Learners (lượt, người): the enrolments of those classes, whoever organized them. Each
 *   enrolment is placed where the person was on the day they were sent (cử đi học): a member by
 *   the cell of their membership that day, anyone else (candidates, quần chúng) by the
 *   organization that sent them as it then stood. Member or not is read from the ledger on that
 *   day, not from today's standing.
 * - Results (kết quả): results and withdrawals dated in the window, of enrolments placed as above,
 *   whenever their class opened; each is counted once, in the window of its own date, so a report
 *   re-run later gives the same numbers.
 */

export interface ClassRow {
  id: string;
  name: string;
  kind: CourseKind;
  organizer_name: string;
  opened_on: string;
  closed_on: string | null;
  enrolled: number;
}

export interface LearnerRow {
  id: string;
  person_id: string;
  full_name: string;
  birth_date: string;
  kind: CourseKind;
  cohort_name: string;
  opened_on: string | null;
  sent_on: string;
  result: string | null;
  grade: string | null;
  result_on: string | null;
  withdrawn_on: string | null;
  /** A member (a cell of theirs) on the day sent. */
  member: boolean;
  /** The cell, or the sending organization, on the day sent. */
  place_name: string;
}

/** Grades counted as "khá, giỏi" (the certificates' xuất sắc ranks above giỏi, so it counts too). */
export const GOOD_GRADES = ['xuat_sac', 'gioi', 'kha'] as const;

/** Result columns of the report: with a result, passed, good grades and each grade, failed, withdrawn. */
export const RESULT_FILTERS = ['co', 'dat', 'kha_gioi', 'xuat_sac', 'gioi', 'kha', 'trung_binh', 'khong_dat', 'rut'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

const within = (d: string | null, from: string, to: string) => d !== null && d >= from && d <= to;

export async function loadClasses(rc: ReportContext, from: string, to: string): Promise<ClassRow[]> {
  const prefixes = await rc.windowPrefixes(from, to);
  const rows = await rc.db
    .selectFrom('training_cohort as c')
    .innerJoin('training_course as k', 'k.id', 'c.course_id')
    .innerJoin('organization_version as ov', (j) => j.onRef('ov.org_id', '=', 'c.organizer_org_id').on(sql<SqlBool>`ov.valid_from <= c.opened_on and (ov.valid_to is null or ov.valid_to > c.opened_on)`))
    .where('c.opened_on', '>=', from)
    .where('c.opened_on', '<=', to)
    .where(inSubtrees('ov.path', prefixes))
    .select(['c.id', 'c.name', 'k.kind', 'ov.name as organizer_name', 'c.opened_on', 'c.closed_on'])
    .select(sql<number>`(select count(*) from training_enrolment x where x.cohort_id = c.id)`.as('enrolled'))
    .orderBy('c.opened_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, kind: r.kind as CourseKind, opened_on: r.opened_on!, enrolled: Number(r.enrolled) }));
}

export async function loadLearners(rc: ReportContext, from: string, to: string): Promise<LearnerRow[]> {
  const prefixes = await rc.windowPrefixes(from, to);
  const onSent = (a: string) => sql<SqlBool>`${sql.ref(`${a}.valid_from`)} <= e.sent_on and (${sql.ref(`${a}.valid_to`)} is null or ${sql.ref(`${a}.valid_to`)} > e.sent_on)`;
  const rows = await rc.db
    .selectFrom('training_enrolment as e')
    .innerJoin('training_cohort as c', 'c.id', 'e.cohort_id')
    .innerJoin('training_course as k', 'k.id', 'c.course_id')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .leftJoin('membership_episode as ep', (j) => j.onRef('ep.person_id', '=', 'e.person_id').on('ep.kind', '=', 'primary').on(onSent('ep')))
    .leftJoin('organization_version as cv', (j) => j.onRef('cv.org_id', '=', 'ep.org_id').on(onSent('cv')))
    .leftJoin('organization_version as sv', (j) => j.onRef('sv.org_id', '=', 'e.sent_by_org_id').on(onSent('sv')))
    .where(
      sql<SqlBool>`((c.opened_on >= ${from} and c.opened_on <= ${to}) or (e.result_on >= ${from} and e.result_on <= ${to}) or (e.withdrawn_on >= ${from} and e.withdrawn_on <= ${to}))`,
    )
    .where(sql<SqlBool>`((ep.id is not null and ${inSubtrees('cv.path', prefixes)}) or (ep.id is null and ${inSubtrees('sv.path', prefixes)}))`)
    .select([
      'e.id',
      'e.person_id',
      'p.full_name',
      'p.birth_date',
      'k.kind',
      'c.name as cohort_name',
      'c.opened_on',
      'e.sent_on',
      'e.result',
      'e.grade',
      'e.result_on',
      'e.withdrawn_on',
      'ep.id as episode_id',
      'cv.name as cell_name',
      'sv.name as sender_name',
    ])
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .orderBy('e.sent_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    person_id: r.person_id,
    full_name: r.full_name,
    birth_date: r.birth_date,
    kind: r.kind as CourseKind,
    cohort_name: r.cohort_name,
    opened_on: r.opened_on,
    sent_on: r.sent_on,
    result: r.result,
    grade: r.grade,
    result_on: r.result_on,
    withdrawn_on: r.withdrawn_on,
    member: r.episode_id !== null,
    place_name: (r.episode_id !== null ? r.cell_name : r.sender_name) ?? '',
  }));
}

/** The filters a `tr:` figure key may carry, checked; `set` names the record set. */
export interface TrainingFilter {
  set: 'lop' | 'hv' | 'kq';
  kind?: CourseKind;
  /** Classes: closed (bế giảng) by the end of the window. */
  closed?: boolean;
  /** Learners: members (dv) or not (qc) on the day sent. */
  m?: 'dv' | 'qc';
  /** Results: which column. */
  r?: ResultFilter;
}

export function trainingFilter(p: Record<string, string>): TrainingFilter {
  const set = p.set;
  if (set !== 'lop' && set !== 'hv' && set !== 'kq') throw badFigure('nhóm số liệu đào tạo không hợp lệ');
  if (Object.keys(p).some((k) => !['f', 't', 'set', 'kind', 'st', 'm', 'r'].includes(k))) throw badFigure('tham số không hợp lệ');
  const f: TrainingFilter = { set };
  if (p.kind !== undefined) {
    if (!(COURSE_KINDS as readonly string[]).includes(p.kind)) throw badFigure('loại lớp không hợp lệ');
    f.kind = p.kind as CourseKind;
  }
  if (p.st !== undefined) {
    if (set !== 'lop' || p.st !== 'be_giang') throw badFigure('trạng thái lớp không hợp lệ');
    f.closed = true;
  }
  if (p.m !== undefined) {
    if (set !== 'hv' || (p.m !== 'dv' && p.m !== 'qc')) throw badFigure('đối tượng người học không hợp lệ');
    f.m = p.m;
  }
  if (set === 'kq') {
    if (!(RESULT_FILTERS as readonly string[]).includes(p.r ?? '')) throw badFigure('cột kết quả không hợp lệ');
    f.r = p.r as ResultFilter;
  } else if (p.r !== undefined) throw badFigure('cột kết quả không hợp lệ');
  return f;
}

export function classMatches(c: ClassRow, f: TrainingFilter, to: string): boolean {
  return (!f.kind || c.kind === f.kind) && (!f.closed || (c.closed_on !== null && c.closed_on <= to));
}

function resultMatches(l: LearnerRow, r: ResultFilter, from: string, to: string): boolean {
  if (r === 'rut') return within(l.withdrawn_on, from, to);
  if (!within(l.result_on, from, to)) return false;
  if (r === 'co') return l.result === 'dat' || l.result === 'khong_dat';
  if (r === 'khong_dat') return l.result === 'khong_dat';
  if (l.result !== 'dat') return false;
  if (r === 'dat') return true;
  if (r === 'kha_gioi') return (GOOD_GRADES as readonly string[]).includes(l.grade ?? '');
  return l.grade === r;
}

export function learnerMatches(l: LearnerRow, f: TrainingFilter, from: string, to: string): boolean {
  if (f.kind && l.kind !== f.kind) return false;
  if (f.set === 'hv') return within(l.opened_on, from, to) && (!f.m || l.member === (f.m === 'dv'));
  return f.set === 'kq' && resultMatches(l, f.r!, from, to);
}

/** Distinct people among learner rows, in the rows' order (người: a person in two classes once). */
export function distinctPeople(rows: readonly LearnerRow[]): LearnerRow[][] {
  const by = new Map<string, LearnerRow[]>();
  for (const r of rows) {
    const list = by.get(r.person_id);
    if (list) list.push(r);
    else by.set(r.person_id, [r]);
  }
  return [...by.values()];
}
