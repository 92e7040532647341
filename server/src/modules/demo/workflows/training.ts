import { COURSE_KIND_LABELS, type CourseKind, type PoliticalTheoryLevel, type TrainingGrade } from '@dangvu/common';
import type { Insertable } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { inSubtrees } from '../../../db/sql.js';
import { addDays, dayNo, maxIso, minIso, yearOf } from '../days.js';
import type { Rng } from '../prng.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';
import { idsOfPath } from '../../../platform/scope.js';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * Ten years of classes, read off what the generator already wrote so nothing contradicts it:
 * - awareness classes (nhận thức về Đảng) before each admission of the decade, and on the dates
 *   the admission files record (certificate number and date of their "nhan_thuc" step);
 * - new-member classes after each admission (on the date of the admission file's class step);
 * - political-theory classes that end with the level each member holds today: a member's current
 *   level is the last completion, often after a lower one, and levels obtained before the decade
 *   have no class (their date is unknown); a few learners fail or withdraw;
 * - professional courses (chuyên môn, nghiệp vụ) run by the province.
 * Lower classes are run by the committee above the learner's cell on the class date (a district
 * committee before July 2025, the commune committee after); higher ones by the province.
 * For a 30,000-member province: about 60 classes a year before the 2025 reform (eight district
 * committees), over 200 after it (each commune runs its own small classes), 2.000–3.000 learners a year.
 */

interface Version {
  org_id: string;
  kind: string;
  path: string;
  valid_from: string;
  valid_to: string | null;
}
interface Learner {
  personId: string;
  organizer: string;
  /** The day the result is known (the class ends then for generated learners). */
  on: string;
  wasMember: boolean;
  result: 'dat' | 'khong_dat' | 'rut' | null;
  grade: TrainingGrade | null;
  certificateNo?: string | null;
  theoryBefore?: PoliticalTheoryLevel | null;
}

const DURATION: Record<CourseKind, number> = { nhan_thuc: 5, dang_vien_moi: 5, so_cap: 60, trung_cap: 300, cao_cap: 240, cu_nhan: 1400, chuyen_mon: 7 };
const CAPACITY: Record<CourseKind, number> = { nhan_thuc: 90, dang_vien_moi: 90, so_cap: 70, trung_cap: 90, cao_cap: 60, cu_nhan: 60, chuyen_mon: 100 };
const PROVIDER: Record<CourseKind, string> = {
  nhan_thuc: 'Trung tâm chính trị',
  dang_vien_moi: 'Trung tâm chính trị',
  so_cap: 'Trung tâm chính trị',
  trung_cap: 'Trường Chính trị tỉnh',
  cao_cap: 'Học viện Chính trị khu vực I',
  cu_nhan: 'Học viện Chính trị quốc gia Hồ Chí Minh',
  chuyen_mon: 'Ban Tổ chức Tỉnh ủy',
};
const PROFESSIONAL = ['Nghiệp vụ công tác tổ chức, cán bộ', 'Nghiệp vụ công tác kiểm tra, giám sát', 'Nghiệp vụ công tác tuyên giáo', 'Nghiệp vụ văn phòng cấp ủy'];
const GRADES: Record<'theory' | 'short', readonly (readonly [TrainingGrade | null, number])[]> = {
  theory: [['xuat_sac', 3], ['gioi', 30], ['kha', 57], ['trung_binh', 10]],
  short: [['xuat_sac', 2], ['gioi', 35], ['kha', 55], ['trung_binh', 6], [null, 2]],
};
const BELOW: Partial<Record<PoliticalTheoryLevel, PoliticalTheoryLevel>> = { trung_cap: 'so_cap', cao_cap: 'trung_cap', cu_nhan: 'trung_cap' };
/** Class end dates (month-day) in a year: lower classes twice, professional ones four times, the others once. */
const SLOTS: Record<CourseKind, readonly string[]> = {
  nhan_thuc: ['-05-15', '-11-15'],
  dang_vien_moi: ['-06-20', '-12-10'],
  so_cap: ['-05-20', '-11-20'],
  trung_cap: ['-06-30'],
  cao_cap: ['-12-10'],
  cu_nhan: ['-06-30'],
  chuyen_mon: ['-04-10', '-07-10', '-09-25', '-10-30'],
};

function into<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const seedTraining: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const from = `${yearOf(today) - 9}-01-01`;
  const versions = await k
    .selectFrom('organization_version')
    .select(['org_id', 'kind', 'path', 'valid_from', 'valid_to'])
    .where(inSubtrees('path', [root.path]))
    .orderBy('org_id')
    .orderBy('valid_from')
    .execute();
  const byOrg = new Map<string, Version[]>();
  for (const v of versions) into(byOrg, v.org_id, v);
  const versionOn = (orgId: string, d: string) => byOrg.get(orgId)?.find((v) => v.valid_from <= d && (v.valid_to === null || v.valid_to > d));
  /** The committee that runs lower classes for a cell on a date; grassroots directly under the province use the province's. */
  const upperOn = (cellId: string, d: string): string => {
    const parts = idsOfPath(versionOn(cellId, d)?.path ?? '');
    const upper = parts[1];
    if (!upper || upper === cellId) return rootId;
    const kind = versionOn(upper, d)?.kind;
    return kind === 'chi_bo_co_so' || kind === 'dang_bo_co_so' ? rootId : upper;
  };

  const episodes = await k
    .selectFrom('membership_episode as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.org_id', 'e.valid_from', 'e.valid_to'])
    .where('e.kind', '=', 'primary')
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('e.person_id')
    .orderBy('e.valid_from')
    .execute();
  const cellsOf = new Map<string, typeof episodes>();
  for (const e of episodes) into(cellsOf, e.person_id, e);
  const cellAt = (personId: string, d: string) => cellsOf.get(personId)?.find((e) => e.valid_from <= d && (e.valid_to === null || e.valid_to > d))?.org_id;

  const learners = new Map<CourseKind, Learner[]>(Object.keys(DURATION).map((kind) => [kind as CourseKind, []]));
  const add = (kind: CourseKind, l: Learner) => learners.get(kind)!.push(l);
  /** The latest class end of this kind inside [lo, hi] (and before today), or null. */
  const slotIn = (kind: CourseKind, lo: string, hi: string, r: Rng, latest = true): string | null => {
    const found: string[] = [];
    for (let y = yearOf(lo); y <= yearOf(hi); y++) for (const s of SLOTS[kind]) if (`${y}${s}` >= lo && `${y}${s}` <= hi && `${y}${s}` < today) found.push(`${y}${s}`);
    return found.length ? (latest ? found[found.length - 1]! : r.pick(found)) : null;
  };

  // Admission files: the awareness certificate and the new-member class, on the dates they record.
  const steps = await k
    .selectFrom('admission_step as s')
    .innerJoin('admission_candidate as c', 'c.id', 's.candidate_id')
    .select(['c.person_id', 'c.cell_id', 's.step', 's.date', 's.decision_no', 's.result'])
    .where('s.step', 'in', ['nhan_thuc', 'boi_duong_dv_moi'])
    .orderBy('c.id')
    .orderBy('s.step')
    .execute();
  const fromFile = new Set<string>();
  for (const s of steps) {
    if (s.date < from || !versionOn(s.cell_id, s.date)) continue;
    const grade = s.result === 'gioi' || s.result === 'kha' ? s.result : null;
    const kind = s.step === 'nhan_thuc' ? 'nhan_thuc' : 'dang_vien_moi';
    add(kind, { personId: s.person_id, organizer: upperOn(s.cell_id, s.date), on: s.date, wasMember: kind !== 'nhan_thuc', result: 'dat', grade, certificateNo: s.decision_no });
    fromFile.add(`${kind}:${s.person_id}`);
  }

  // Every other admission of the decade: the awareness class before it, the new-member class after.
  const admissions = await k
    .selectFrom('member_event as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.org_id', 'e.effective_date', 'p.birth_date'])
    .where('e.kind', '=', 'ket_nap')
    .where('e.effective_date', '>=', from)
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('e.person_id')
    .execute();
  for (const a of admissions) {
    if (!a.org_id || !versionOn(a.org_id, a.effective_date)) continue;
    const organizer = upperOn(a.org_id, a.effective_date);
    if (!fromFile.has(`nhan_thuc:${a.person_id}`)) {
      const on = slotIn('nhan_thuc', maxIso(addDays(a.effective_date, -300), addDays(a.birth_date, 17 * 366)), addDays(a.effective_date, -30), rng);
      if (on && on >= from) add('nhan_thuc', { personId: a.person_id, organizer, on, wasMember: false, result: 'dat', grade: rng.weighted(GRADES.short) });
    }
    if (!fromFile.has(`dang_vien_moi:${a.person_id}`)) {
      const lo = addDays(a.effective_date, 30);
      const on = slotIn('dang_vien_moi', lo, addDays(a.effective_date, 270), rng, false);
      if (on) add('dang_vien_moi', { personId: a.person_id, organizer, on, wasMember: true, result: rng.chance(0.005) ? 'khong_dat' : 'dat', grade: rng.weighted(GRADES.short) });
      // Admitted too recently for a finished class: in this quarter's class, no result yet.
      else if (lo < today && dayNo(today) - dayNo(lo) < 120) add('dang_vien_moi', { personId: a.person_id, organizer, on: lo, wasMember: true, result: null, grade: null });
    }
  }

  // Political theory: classes that end with today's level; a lower level often came first.
  const members = await k
    .selectFrom('person')
    .select(['id', 'political_theory', 'admitted_on', 'birth_date', 'standing'])
    .where('political_theory', 'is not', null)
    .where('admitted_on', 'is not', null)
    .where(inSubtrees('path', [root.path]))
    .orderBy('id')
    .execute();
  for (const m of members) {
    const level = m.political_theory as PoliticalTheoryLevel;
    const lo = maxIso(maxIso(from, addDays(m.admitted_on!, 90)), addDays(m.birth_date, 22 * 366));
    const recent = m.admitted_on! >= from;
    if (!rng.chance(recent ? 0.9 : 0.35)) continue;
    const on = slotIn(level, lo, today, rng, false);
    if (!on) continue;
    const cell = cellAt(m.id, on);
    if (!cell || !versionOn(cell, on)) continue;
    // The level held before this class: a lower class in the decade, or one from before it.
    const below = BELOW[level];
    let before: PoliticalTheoryLevel | null = null;
    if (below && rng.chance(recent ? 0.5 : 0.7)) {
      const earlier = slotIn(below, lo, addDays(on, -DURATION[level] - 30), rng, false);
      const earlierCell = earlier ? cellAt(m.id, earlier) : undefined;
      if (earlier && earlierCell && versionOn(earlierCell, earlier)) {
        const was = !recent && BELOW[below] && rng.chance(0.6) ? BELOW[below]! : null;
        add(below, { personId: m.id, organizer: below === 'so_cap' ? upperOn(earlierCell, earlier) : rootId, on: earlier, wasMember: true, result: 'dat', grade: rng.weighted(GRADES.theory), theoryBefore: was });
        before = below;
      }
    }
    if (below && !before && !recent && rng.chance(0.6)) before = below;
    add(level, { personId: m.id, organizer: level === 'so_cap' ? upperOn(cell, on) : rootId, on, wasMember: true, result: 'dat', grade: rng.weighted(GRADES.theory), theoryBefore: before });
  }
  // A few who did not finish: sent to a class above the level they still hold.
  const lower = await k
    .selectFrom('person')
    .select(['id', 'political_theory', 'admitted_on'])
    .where('standing', '=', 'dang_sinh_hoat')
    .where((eb) => eb.or([eb('political_theory', 'is', null), eb('political_theory', '=', 'so_cap')]))
    .where('admitted_on', '<', addDays(from, -400))
    .where(inSubtrees('path', [root.path]))
    .orderBy('id')
    .execute();
  for (const m of lower) {
    if (!rng.chance(0.012)) continue;
    const kind: CourseKind = m.political_theory ? 'trung_cap' : 'so_cap';
    const on = slotIn(kind, from, today, rng, false);
    const cell = on ? cellAt(m.id, on) : undefined;
    if (!on || !cell || !versionOn(cell, on)) continue;
    add(kind, { personId: m.id, organizer: kind === 'so_cap' ? upperOn(cell, on) : rootId, on, wasMember: true, result: rng.chance(0.5) ? 'rut' : 'khong_dat', grade: null });
  }

  // Professional courses: the province's four topics, learners among members of the day.
  const pool = [...cellsOf.keys()];
  for (let y = yearOf(from); y <= yearOf(today); y++)
    for (const s of SLOTS.chuyen_mon) {
      const on = `${y}${s}`;
      if (on >= today || !pool.length) continue;
      const size = rng.int(50, 100);
      const seen = new Set<string>();
      for (let tries = 0; seen.size < size && tries < size * 4; tries++) {
        const pid = rng.pick(pool);
        if (seen.has(pid) || !cellAt(pid, on)) continue;
        seen.add(pid);
        add('chuyen_mon', { personId: pid, organizer: rootId, on, wasMember: true, result: rng.chance(0.03) ? 'rut' : 'dat', grade: rng.weighted(GRADES.short) });
      }
    }

  // Courses per organizer and kind, then classes: learners of one organizer and slot, in chunks.
  const out = { training_course: [] as Row<'training_course'>[], training_cohort: [] as Row<'training_cohort'>[], training_enrolment: [] as Row<'training_enrolment'>[], qualification: [] as Row<'qualification'>[] };
  const courses = new Map<string, string>();
  const courseOf = (kind: CourseKind, organizer: string, topic: string) => {
    const key = `${kind}|${organizer}|${topic}`;
    let id = courses.get(key);
    if (!id) {
      id = ids.next();
      courses.set(key, id);
      const name = kind === 'chuyen_mon' ? `Bồi dưỡng ${topic.toLowerCase()}` : COURSE_KIND_LABELS[kind].vi;
      const provider = organizer === rootId || !PROVIDER[kind].startsWith('Trung tâm') ? PROVIDER[kind] : `${PROVIDER[kind]} cấp huyện, xã`;
      out.training_course.push({ id, kind, name, provider, org_id: organizer, note: null, created_by: null, created_at: `${from}T00:00:00.000Z` });
    }
    return id;
  };
  let serial = 0;
  let certificate = 0;
  for (const [kind, list] of learners) {
    const groups = new Map<string, Learner[]>();
    for (const l of list) {
      // Awareness and new-member classes: one per organizer and half-year (the admission files'
      // own dates fall anywhere in it); the others: one per organizer and class end.
      const half = kind === 'nhan_thuc' || kind === 'dang_vien_moi';
      const key = `${l.organizer}|${l.result === null ? 'open' : half ? `${l.on.slice(0, 4)}-${l.on.slice(5, 7) <= '06' ? 1 : 2}` : l.on.slice(0, 7)}`;
      into(groups, key, l);
    }
    for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const organizer = key.split('|')[0]!;
      group.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.personId < b.personId ? -1 : 1));
      // A person sits in a class once.
      const once = new Set<string>();
      const unique = group.filter((l) => !once.has(l.personId) && !!once.add(l.personId));
      group.length = 0;
      group.push(...unique);
      for (let i = 0; i < group.length; i += CAPACITY[kind]) {
        const chunk = group.slice(i, i + CAPACITY[kind]);
        const open = chunk[0]!.result === null;
        const endsOn = open ? addDays(today, rng.int(5, 60)) : chunk[chunk.length - 1]!.on;
        const startsOn = open ? minIso(chunk[0]!.on, addDays(today, -2)) : addDays(chunk[0]!.on, -DURATION[kind]);
        const topic = kind === 'chuyen_mon' ? PROFESSIONAL[SLOTS.chuyen_mon.indexOf(chunk[0]!.on.slice(4))] ?? PROFESSIONAL[0]! : '';
        const cohortId = ids.next();
        const stamp = `${startsOn}T08:00:00.000Z`;
        out.training_cohort.push({
          id: cohortId,
          course_id: courseOf(kind, organizer, topic),
          name: `Lớp ${kind === 'chuyen_mon' ? topic.toLowerCase() : COURSE_KIND_LABELS[kind].vi.toLowerCase()} khóa ${++serial}/${yearOf(startsOn)}`,
          organizer_org_id: organizer,
          place: organizer === rootId ? PROVIDER[kind] : 'Hội trường cấp ủy',
          starts_on: startsOn,
          ends_on: endsOn,
          planned_size: chunk.length,
          state: open ? 'dang_hoc' : 'ket_thuc',
          opened_on: startsOn,
          closed_on: open ? null : endsOn,
          version: open ? 2 : 3,
          created_by: null,
          created_at: stamp,
          updated_at: stamp,
        });
        for (const l of chunk) {
          // Sent some days before the class opens; the open new-member class takes people as they are
          // admitted. A member joining a half-year class is sent once a member (l.on is 30+ days after admission).
          const before = addDays(startsOn, -rng.int(5, 20));
          const sentOn = l.result === null ? l.on : l.wasMember ? maxIso(before, addDays(l.on, -25)) : before;
          const passed = l.result === 'dat';
          const theory = passed && (kind === 'so_cap' || kind === 'trung_cap' || kind === 'cao_cap' || kind === 'cu_nhan');
          const qualificationId = theory ? ids.next() : null;
          const certNo = passed ? (l.certificateNo ?? `${kind === 'nhan_thuc' ? 'GCN' : 'CC'} ${++certificate}`) : null;
          if (qualificationId)
            out.qualification.push({ id: qualificationId, person_id: l.personId, kind: 'ly_luan_chinh_tri', level: kind, obtained_on: l.on, note: `${COURSE_KIND_LABELS[kind].vi}, chứng chỉ số ${certNo}`, recorded_at: `${l.on}T09:00:00.000Z` });
          out.training_enrolment.push({
            id: ids.next(),
            cohort_id: cohortId,
            person_id: l.personId,
            sent_by_org_id: organizer === rootId ? (cellAt(l.personId, l.on) ? upperOn(cellAt(l.personId, l.on)!, l.on) : rootId) : organizer,
            sent_on: sentOn,
            decision_no: null,
            // As the ledger says on the day sent, like the enrolment API records it.
            was_member: cellAt(l.personId, sentOn) ? 1 : 0,
            withdrawn_on: l.result === 'rut' ? addDays(startsOn, rng.int(3, Math.max(3, DURATION[kind] - 2))) : null,
            withdraw_reason: l.result === 'rut' ? rng.pick(['Ốm đau dài ngày', 'Thay đổi công tác', 'Hoàn cảnh gia đình']) : null,
            result: l.result === 'rut' ? null : l.result,
            grade: passed ? l.grade : null,
            result_on: l.result === 'dat' || l.result === 'khong_dat' ? l.on : null,
            certificate_no: certNo,
            certificate_date: passed ? l.on : null,
            qualification_id: qualificationId,
            theory_before: theory ? (l.theoryBefore ?? null) : null,
            theory_changed: theory ? 1 : 0,
            version: l.result === null ? 1 : 2,
            created_by: null,
            created_at: `${sentOn}T08:00:00.000Z`,
            updated_at: `${l.on}T08:00:00.000Z`,
          });
        }
      }
    }
  }
  // The province's next trung cấp class, planned (kế hoạch) for next year, as in the articles' "khóa II".
  const plannedStart = `${yearOf(today) + 1}-03-01`;
  out.training_cohort.push({
    id: ids.next(),
    course_id: courseOf('trung_cap', rootId, ''),
    name: `Lớp trung cấp lý luận chính trị khóa ${++serial}/${yearOf(plannedStart)}`,
    organizer_org_id: rootId,
    place: PROVIDER.trung_cap,
    starts_on: plannedStart,
    ends_on: addDays(plannedStart, DURATION.trung_cap),
    planned_size: 90,
    state: 'ke_hoach',
    opened_on: null,
    closed_on: null,
    version: 1,
    created_by: null,
    created_at: `${today}T08:00:00.000Z`,
    updated_at: `${today}T08:00:00.000Z`,
  });

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'training_course', out.training_course);
    await insertRows(trx, 'training_cohort', out.training_cohort);
    await insertRows(trx, 'qualification', out.qualification);
    await insertRows(trx, 'training_enrolment', out.training_enrolment);
  });
};
