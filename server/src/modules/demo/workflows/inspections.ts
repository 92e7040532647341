import { isCellKind, type InspectionActivity, type InspectionKind } from '@dangvu/common';
import { inSubtrees, pathUpperBound } from '../../../db/sql.js';
import type { DisciplineTable, InspectionCaseTable, InspectionPlanTable, InspectionRequirementTable } from '../../inspections/inspections.tables.js';
import { addDays, dateBetween, minIso } from '../days.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';
import { idsOfPath } from '../../../platform/scope.js';

interface Version {
  orgId: string;
  name: string;
  kind: string;
  path: string;
  from: string;
  to: string | null;
}
interface Member {
  personId: string;
  path: string;
  from: string;
  to: string | null;
}

const UPPER = new Set(['dang_bo_huyen', 'dang_uy_khoi', 'dang_uy_xa']);
const TOPICS_ORG = [
  'Việc thực hiện quy chế làm việc và nguyên tắc tập trung dân chủ',
  'Lãnh đạo thực hiện nhiệm vụ chính trị năm',
  'Công tác phát triển đảng viên',
  'Việc chấp hành chế độ sinh hoạt chi bộ',
  'Thu, nộp, quản lý và sử dụng đảng phí',
  'Công tác kiểm tra, giám sát của cấp ủy cấp dưới',
];
const TOPICS_MEMBER = [
  'Việc thực hiện nhiệm vụ đảng viên và giữ mối liên hệ với nơi cư trú',
  'Việc kê khai tài sản, thu nhập',
  'Việc chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước',
  'Tu dưỡng, rèn luyện đạo đức, lối sống',
];
const REQUIREMENTS = ['Khắc phục hạn chế, thiếu sót đã chỉ ra', 'Bổ sung, hoàn thiện hồ sơ, sổ sách', 'Kiểm điểm, rút kinh nghiệm tập thể, cá nhân', 'Báo cáo kết quả khắc phục về cơ quan kiểm tra'];
const REASONS = ['Vi phạm nguyên tắc tập trung dân chủ', 'Vi phạm quy định về những điều đảng viên không được làm', 'Không thực hiện nhiệm vụ đảng viên', 'Vi phạm chính sách dân số', 'Thiếu trách nhiệm trong công tác được giao'];

/** Versions valid on a date, as of that date's [from, to). */
const validOn = (v: { from: string; to: string | null }, d: string) => v.from <= d && (v.to === null || v.to > d);

/**
 * Ten years of plans, cases, requirements and discipline. Each year the province and its upper-base
 * committees take up tens of organizations and a few hundred members (seed figures 1-27…1-32), base
 * committees and cells mostly their members, a small share "khi có dấu hiệu vi phạm". Discipline
 * reaches about 0,1–0,3 % of members a year, mostly khiển trách and cảnh cáo, with cách chức for some
 * post holders (their posts end on that day); the khai trừ decisions
 * are those already in the generated ledger, so member histories and episodes are untouched.
 */
export const seedInspections: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const versions: Version[] = (
    await k
      .selectFrom('organization_version')
      .select(['org_id', 'name', 'kind', 'path', 'valid_from', 'valid_to'])
      .where(inSubtrees('path', [root.path]))
      .orderBy('org_id')
      .orderBy('valid_from')
      .execute()
  ).map((v) => ({ orgId: v.org_id, name: v.name, kind: v.kind, path: v.path, from: v.valid_from, to: v.valid_to }));
  const cellVersions = new Map<string, Version[]>();
  for (const v of versions) cellVersions.set(v.orgId, [...(cellVersions.get(v.orgId) ?? []), v]);
  const episodes = await k
    .selectFrom('membership_episode as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['e.person_id', 'e.org_id', 'e.valid_from', 'e.valid_to'])
    .where('e.kind', '=', 'primary')
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('e.person_id')
    .orderBy('e.valid_from')
    .execute();

  // Party posts, so a few decisions on post holders can be cách chức (which ends the post that day).
  const postsByPerson = new Map<string, { id: string; from: string; to: string | null }[]>();
  for (const pp of await k
    .selectFrom('party_post as pp')
    .innerJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'pp.org_id').on('v.valid_to', 'is', null))
    .select(['pp.id', 'pp.person_id', 'pp.valid_from', 'pp.valid_to'])
    .where(inSubtrees('v.path', [root.path]))
    .orderBy('pp.id')
    .execute())
    postsByPerson.set(pp.person_id, [...(postsByPerson.get(pp.person_id) ?? []), { id: pp.id, from: pp.valid_from, to: pp.valid_to }]);
  const endedPosts: { id: string; on: string; decisionNo: string }[] = [];

  const plans: InspectionPlanTable[] = [];
  const cases: InspectionCaseTable[] = [];
  const reqs: InspectionRequirementTable[] = [];
  const disciplines: DisciplineTable[] = [];
  const at = (d: string) => `${d}T08:00:00.000Z`;
  const thisYear = Number(today.slice(0, 4));
  let decisionNo = 1;
  const nameOf = (orgId: string, d: string) => (cellVersions.get(orgId) ?? []).find((v) => validOn(v, d))?.name ?? '';

  for (let year = thisYear - 9; year <= thisYear; year++) {
    const yr = rng.fork(year);
    const removedDraw = rng.fork(7000 + year);
    const ref = minIso(`${year}-06-15`, addDays(today, -60));
    // Early in a year there is nothing of it to show yet.
    if (ref < `${year}-02-01`) continue;
    const orgs = versions.filter((v) => validOn(v, ref));
    // Members active on the reference day, sorted by their cell's path for subtree ranges.
    const byOrg = new Map(orgs.map((o) => [o.orgId, o]));
    const members: Member[] = [];
    for (const e of episodes) {
      if (!validOn({ from: e.valid_from, to: e.valid_to }, ref)) continue;
      const cell = byOrg.get(e.org_id);
      if (cell) members.push({ personId: e.person_id, path: cell.path, from: e.valid_from, to: e.valid_to });
    }
    members.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.personId < b.personId ? -1 : 1));
    const under = (path: string): Member[] => {
      const lo = lowerBound(members, path);
      const hi = lowerBound(members, pathUpperBound(path));
      return members.slice(lo, hi);
    };
    const below = (o: Version) => orgs.filter((x) => x.path.startsWith(o.path) && x.path !== o.path);
    const end = minIso(`${year}-11-30`, addDays(today, -1));

    const addCase = (c: {
      body: Version;
      bodyKind: 'cap_uy' | 'ubkt' | 'chi_bo';
      activity: InspectionActivity;
      kind: InspectionKind;
      planId: string | null;
      org?: Version;
      member?: Member;
    }) => {
      let decision = dateBetween(yr, `${year}-02-01`, end);
      // Keep every date on which the body and the subject existed as recorded.
      const fits = (d: string) => validOn(c.body, d) && (!c.org || validOn(c.org, d)) && (!c.member || validOn(c.member, d));
      if (!fits(decision)) decision = ref;
      if (!fits(decision) || decision > today) return null;
      const start = addDays(decision, yr.int(3, 15));
      const finish = addDays(start, yr.int(5, 30));
      const concluded = addDays(finish, yr.int(3, 20));
      const cancelled = yr.chance(0.02);
      const state = cancelled ? 'huy' : concluded <= today ? 'ket_luan' : start <= today ? 'dang_tien_hanh' : 'ke_hoach';
      const violations = state === 'ket_luan' ? (yr.chance(c.kind === 'dau_hieu_vi_pham' ? 0.7 : 0.1) ? 1 : 0) : null;
      const row: InspectionCaseTable = {
        id: ids.next(),
        plan_id: c.planId,
        rules: decision >= '2021-07-28' ? 'QD22-2021' : 'QD30-2016',
        year: Number(decision.slice(0, 4)),
        activity: c.activity,
        body_kind: c.bodyKind,
        body_org_id: c.body.orgId,
        body_org_kind: c.body.kind,
        body_path: c.body.path,
        subject_type: c.org ? 'to_chuc' : 'dang_vien',
        subject_id: c.org ? c.org.orgId : c.member!.personId,
        subject_org_kind: c.org ? c.org.kind : null,
        subject_path: c.org ? c.org.path : c.member!.path,
        kind: c.kind,
        state,
        content: yr.pick(c.org ? TOPICS_ORG : TOPICS_MEMBER),
        decision_no: `${decisionNo++}-QĐ/${c.bodyKind === 'ubkt' ? 'UBKT' : c.bodyKind === 'chi_bo' ? 'CB' : 'ĐU'}`,
        decision_date: decision,
        start_date: state === 'ket_luan' || state === 'dang_tien_hanh' ? start : null,
        end_date: state === 'ket_luan' ? finish : null,
        conclusion_date: state === 'ket_luan' ? concluded : null,
        conclusion: state === 'ket_luan' ? (violations ? 'Có vi phạm; yêu cầu kiểm điểm, khắc phục.' : 'Thực hiện cơ bản tốt; còn một số hạn chế cần khắc phục.') : null,
        violations_found: violations,
        cancel_reason: cancelled ? 'Đối tượng đã được kiểm tra chuyên đề trong năm' : null,
        version: 1,
        created_by: null,
        created_at: at(decision),
        updated_at: at(state === 'ket_luan' ? concluded : decision),
      };
      cases.push(row);
      if (row.state === 'ket_luan' && c.org && yr.chance(0.5))
        for (let i = 0, n = yr.int(1, 2); i < n; i++) {
          const deadline = addDays(concluded, yr.int(30, 120));
          const done = deadline <= today && yr.chance(0.85) ? addDays(concluded, yr.int(10, 110)) : null;
          reqs.push({ id: ids.next(), case_id: row.id, seq: i + 1, content: REQUIREMENTS[(i + yr.int(0, 3)) % REQUIREMENTS.length]!, deadline, done_on: done && done <= today ? done : null, result: done && done <= today ? 'Đã khắc phục, báo cáo kết quả' : null, version: 1, created_at: at(concluded) });
        }
      return row;
    };
    const kindFor = (activity: InspectionActivity, signs: number): InspectionKind =>
      activity === 'kiem_tra' && yr.chance(signs) ? 'dau_hieu_vi_pham' : yr.chance(0.22) ? 'chuyen_de' : 'theo_ke_hoach';
    const planFor = (body: Version, bodyKind: 'cap_uy' | 'ubkt') => {
      const d = minIso(`${year}-01-${String(yr.int(5, 25)).padStart(2, '0')}`, today);
      if (!validOn(body, d)) return null;
      const id = ids.next();
      plans.push({
        id,
        year,
        body_kind: bodyKind,
        body_org_id: body.orgId,
        body_path: body.path,
        title: `Chương trình kiểm tra, giám sát năm ${year} của ${bodyKind === 'ubkt' ? 'Ủy ban Kiểm tra' : 'Ban Chấp hành'} ${body.name}`,
        decision_no: `${yr.int(1, 9)}-CTr/${bodyKind === 'ubkt' ? 'UBKT' : 'ĐU'}`,
        decision_date: d,
        note: null,
        version: 1,
        created_by: null,
        created_at: at(d),
      });
      return id;
    };
    /** One committee's year: its two plans, then organizations and members below it. */
    const committeeYear = (body: Version, nOrgs: number, nMembers: number, signs: number) => {
      const plan = { cap_uy: planFor(body, 'cap_uy'), ubkt: planFor(body, 'ubkt') };
      const subs = below(body);
      const people = under(body.path);
      for (const activity of ['kiem_tra', 'giam_sat'] as const) {
        for (let i = 0; i < nOrgs && subs.length; i++) {
          const bodyKind = yr.chance(0.6) ? 'ubkt' : 'cap_uy';
          const kind = kindFor(activity, signs);
          addCase({ body, bodyKind, activity, kind, planId: kind === 'dau_hieu_vi_pham' ? null : plan[bodyKind], org: yr.pick(subs) });
        }
        for (let i = 0; i < nMembers && people.length; i++) {
          const bodyKind = yr.chance(0.7) ? 'ubkt' : 'cap_uy';
          const kind = kindFor(activity, signs);
          addCase({ body, bodyKind, activity, kind, planId: kind === 'dau_hieu_vi_pham' ? null : plan[bodyKind], member: yr.pick(people) });
        }
      }
    };

    for (const o of orgs) {
      if (o.kind === 'dang_bo_tinh') committeeYear(o, yr.int(4, 8), yr.int(4, 10), 0.12);
      else if (UPPER.has(o.kind)) committeeYear(o, yr.int(0, 2), yr.int(0, 3), 0.08);
      else if (o.kind === 'dang_bo_co_so') {
        const cells = below(o).filter((x) => isCellKind(x.kind));
        if (cells.length && yr.chance(0.5)) addCase({ body: o, bodyKind: 'cap_uy', activity: yr.chance(0.5) ? 'kiem_tra' : 'giam_sat', kind: 'theo_ke_hoach', planId: null, org: yr.pick(cells) });
        const people = under(o.path);
        if (people.length && yr.chance(0.6)) addCase({ body: o, bodyKind: 'cap_uy', activity: yr.chance(0.5) ? 'kiem_tra' : 'giam_sat', kind: 'theo_ke_hoach', planId: null, member: yr.pick(people) });
      } else if (isCellKind(o.kind)) {
        const people = under(o.path);
        if (people.length && yr.chance(0.3)) addCase({ body: o, bodyKind: 'chi_bo', activity: yr.chance(0.5) ? 'kiem_tra' : 'giam_sat', kind: 'theo_ke_hoach', planId: null, member: yr.pick(people) });
      }
    }

    // Discipline: first the members an inspection found in violation, then others up to the year's share.
    const quota = Math.round(members.length * (0.0013 + yr.next() * 0.0015));
    const taken = new Set<string>();
    const discipline = (m: Member, on: string, caseId: string | null) => {
      if (taken.has(m.personId) || !validOn(m, on) || on > today) return false;
      const cellId = cellOf(m.path);
      taken.add(m.personId);
      const form = yr.weighted([
        ['khien_trach', 62],
        ['canh_cao', 38],
      ] as const);
      // About one post holder in four disciplined loses the post (cách chức); drawn apart so the other streams stay as they were.
      const held = (postsByPerson.get(m.personId) ?? []).filter((pp) => validOn(pp, on) && pp.from < on);
      const removed = held.length > 0 && removedDraw.chance(0.25);
      const no = `${decisionNo++}-QĐ/UBKT`;
      if (removed)
        for (const pp of held) {
          endedPosts.push({ id: pp.id, on, decisionNo: no });
          pp.to = on;
        }
      disciplines.push({
        id: ids.next(),
        person_id: m.personId,
        org_id: cellId,
        path: m.path,
        form: removed ? 'cach_chuc' : form,
        decision_no: no,
        decision_date: on,
        issuer: `Ủy ban Kiểm tra ${committeeName(m.path, on)}`,
        effective_date: on,
        reason: yr.pick(REASONS),
        case_id: caseId,
        version: 1,
        created_by: null,
        created_at: at(on),
        member_event_id: null,
      });
      return true;
    };
    const committeeName = (path: string, on: string) => {
      const chain = idsOfPath(path);
      for (let i = chain.length - 2; i >= 0; i--) {
        const v = (cellVersions.get(chain[i]!) ?? []).find((x) => validOn(x, on));
        if (v && !isCellKind(v.kind) && v.kind !== 'dang_bo_bo_phan') return v.name;
      }
      return nameOf(chain[0]!, on);
    };
    // The first member row per person and place, as a lookup (a scan per case was quadratic at province size).
    const memberAt = new Map<string, Member>();
    for (const x of members) if (!memberAt.has(`${x.personId}|${x.path}`)) memberAt.set(`${x.personId}|${x.path}`, x);
    for (const c of cases) {
      if (c.year === year && c.subject_type === 'dang_vien' && c.activity === 'kiem_tra' && c.violations_found === 1 && taken.size < quota) {
        const m = memberAt.get(`${c.subject_id}|${c.subject_path}`);
        if (m && discipline(m, addDays(c.conclusion_date!, yr.int(5, 30)), c.id)) c.state = 'ky_luat';
      }
    }
    for (let tries = 0; taken.size < quota && tries < quota * 3 && members.length; tries++) discipline(yr.pick(members), dateBetween(yr, `${year}-01-15`, minIso(`${year}-12-20`, today)), null);
  }

  // Expulsions are already in the ledger: each gets its decision record, linked to its event.
  const expelled = await k
    .selectFrom('member_event as ev')
    .innerJoin('person as p', 'p.id', 'ev.person_id')
    .select(['ev.id', 'ev.person_id', 'ev.effective_date', 'ev.org_id', 'ev.decision_no', 'ev.decision_date', 'ev.issuer'])
    .where('ev.kind', '=', 'khai_tru')
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('ev.id')
    .execute();
  for (const e of expelled) {
    const v = e.org_id ? (cellVersions.get(e.org_id) ?? []).find((x) => validOn(x, addDays(e.effective_date, -1))) : undefined;
    if (!v) continue;
    const decided = e.decision_date ?? addDays(e.effective_date, -rng.int(0, 10));
    disciplines.push({
      id: ids.next(),
      person_id: e.person_id,
      org_id: e.org_id!,
      path: v.path,
      form: 'khai_tru',
      decision_no: e.decision_no ?? `${decisionNo++}-QĐ/ĐU`,
      decision_date: decided,
      issuer: e.issuer ?? `Ban Thường vụ ${v.name}`,
      effective_date: e.effective_date,
      reason: rng.pick(REASONS),
      case_id: null,
      version: 1,
      created_by: null,
      created_at: at(decided),
      member_event_id: e.id,
    });
  }

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'inspection_plan', plans);
    await insertRows(trx, 'inspection_case', cases);
    await insertRows(trx, 'inspection_requirement', reqs);
    await insertRows(trx, 'discipline', disciplines);
    for (const e of endedPosts) await trx.updateTable('party_post').set({ valid_to: e.on, end_decision_no: e.decisionNo, end_reason: 'Cách chức (kỷ luật)' }).where('id', '=', e.id).execute();
  });
};

const cellOf = (path: string) => idsOfPath(path).at(-1)!;

function lowerBound(members: readonly Member[], path: string): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (members[mid]!.path < path) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
