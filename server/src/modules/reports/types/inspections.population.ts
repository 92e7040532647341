import { DISCIPLINE_FORMS, INSPECTION_ACTIVITIES, INSPECTION_BODY_KINDS, INSPECTION_KINDS, INSPECTION_SUBJECT_TYPES, ORG_KINDS } from '@dangvu/common';
import { sql, type RawBuilder } from 'kysely';
import { inSubtrees } from '../../../db/sql.js';
import type { ReportContext } from '../context.js';
import { badFigure } from '../drillKit.js';

/**
 * The record sets of the inspection report (kiểm tra, giám sát, kỷ luật), read once per request
 * and filtered by one function for both the figures and their drill-down lists.
 *
 * A case belongs to the window by its decision date (as the inspections module files it by year)
 * and to the subtree by its body's place on that date; what happened to it is read as of the
 * window's last day. A discipline decision belongs by its effective date and by the member's cell
 * on that date.
 */

export interface CaseRec {
  id: string;
  activity: string;
  bodyKind: string;
  bodyName: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  subjectOrgKind: string | null;
  kind: string;
  state: string;
  decisionNo: string | null;
  decisionDate: string;
  startDate: string | null;
  conclusionDate: string | null;
  violations: boolean;
  /** The member subject held a party committee post on the decision date. */
  cuv: boolean;
  /** A discipline decision followed from it by the window's end. */
  disciplined: boolean;
}

export interface RequirementRec {
  id: string;
  caseId: string;
  content: string;
  deadline: string | null;
  doneOn: string | null;
  result: string | null;
}

export interface DisciplineRec {
  id: string;
  personId: string;
  fullName: string;
  orgName: string | null;
  form: string;
  decisionNo: string;
  decisionDate: string;
  effectiveDate: string;
  caseId: string | null;
  cuv: boolean;
}

export interface InspectionPopulation {
  to: string;
  cases: CaseRec[];
  requirements: RequirementRec[];
  disciplines: DisciplineRec[];
}

/**
 * Held a party committee post (bí thư … cấp ủy viên) on the day, counting a post that ended that
 * very day: a removal from post (cách chức) ends it on the decision's effective date.
 */
const heldPostOn = (person: RawBuilder<unknown>, day: RawBuilder<unknown>) =>
  sql<number>`case when exists (select 1 from party_post pp where pp.person_id = ${person} and pp.valid_from <= ${day}
    and (pp.valid_to is null or pp.valid_to >= ${day})) then 1 else 0 end`;

const orgNameOn = (org: RawBuilder<unknown>, day: RawBuilder<unknown>) =>
  sql<string | null>`(select v.name from organization_version v where v.org_id = ${org} and v.valid_from <= ${day} and (v.valid_to is null or v.valid_to > ${day}))`;

export async function inspectionPopulation(rc: ReportContext, from: string, to: string): Promise<InspectionPopulation> {
  const db = rc.db;
  const prefixes = await rc.windowPrefixes(from, to);
  const rows = await db
    .selectFrom('inspection_case as c')
    .leftJoin('person as p', (j) => j.onRef('p.id', '=', 'c.subject_id').on('c.subject_type', '=', 'dang_vien'))
    .select([
      'c.id',
      'c.activity',
      'c.body_kind',
      'c.subject_type',
      'c.subject_id',
      'c.subject_org_kind',
      'c.kind',
      'c.state',
      'c.decision_no',
      'c.decision_date',
      'c.start_date',
      'c.conclusion_date',
      'c.violations_found',
      'p.full_name',
      orgNameOn(sql.ref('c.body_org_id'), sql.ref('c.decision_date')).as('body_name'),
      orgNameOn(sql.ref('c.subject_id'), sql.ref('c.decision_date')).as('subject_org_name'),
      sql<number>`case when c.subject_type = 'dang_vien' then ${heldPostOn(sql.ref('c.subject_id'), sql.ref('c.decision_date'))} else 0 end`.as('cuv'),
      sql<number>`case when exists (select 1 from discipline d where d.case_id = c.id and d.decision_date <= ${to}) then 1 else 0 end`.as('disciplined'),
    ])
    .where(inSubtrees('c.body_path', prefixes))
    .where('c.decision_date', '>=', from)
    .where('c.decision_date', '<=', to)
    .orderBy('c.decision_date')
    .orderBy('c.id')
    .execute();
  const cases: CaseRec[] = rows.map((r) => ({
    id: r.id,
    activity: r.activity,
    bodyKind: r.body_kind,
    bodyName: r.body_name ?? '',
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    subjectName: (r.subject_type === 'dang_vien' ? r.full_name : r.subject_org_name) ?? r.subject_id,
    subjectOrgKind: r.subject_org_kind,
    kind: r.kind,
    state: r.state,
    decisionNo: r.decision_no,
    decisionDate: r.decision_date,
    startDate: r.start_date,
    conclusionDate: r.conclusion_date,
    violations: Number(r.violations_found ?? 0) === 1,
    cuv: Number(r.cuv) === 1,
    disciplined: Number(r.disciplined) === 1,
  }));

  const requirements: RequirementRec[] = [];
  const ids = cases.filter((c) => c.state !== 'huy').map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rs = await db
      .selectFrom('inspection_requirement')
      .select(['id', 'case_id', 'content', 'deadline', 'done_on', 'result'])
      .where('case_id', 'in', ids.slice(i, i + 500))
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
    requirements.push(...rs.map((r) => ({ id: r.id, caseId: r.case_id, content: r.content, deadline: r.deadline, doneOn: r.done_on, result: r.result })));
  }

  const ds = await db
    .selectFrom('discipline as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .select([
      'd.id',
      'd.person_id',
      'p.full_name',
      'd.form',
      'd.decision_no',
      'd.decision_date',
      'd.effective_date',
      'd.case_id',
      orgNameOn(sql.ref('d.org_id'), sql.ref('d.effective_date')).as('org_name'),
      heldPostOn(sql.ref('d.person_id'), sql.ref('d.effective_date')).as('cuv'),
    ])
    .where(inSubtrees('d.path', prefixes))
    .where('d.effective_date', '>=', from)
    .where('d.effective_date', '<=', to)
    .orderBy('d.effective_date')
    .orderBy('p.sort_key')
    .orderBy('d.id')
    .execute();
  const disciplines = ds.map((d) => ({
    id: d.id,
    personId: d.person_id,
    fullName: d.full_name,
    orgName: d.org_name,
    form: d.form,
    decisionNo: d.decision_no,
    decisionDate: d.decision_date,
    effectiveDate: d.effective_date,
    caseId: d.case_id,
    cuv: Number(d.cuv) === 1,
  }));
  return { to, cases, requirements, disciplines };
}

// ------------------------------------------------------------------ one filter for figures and lists

/** Units a figure counts: cases (cuoc), distinct subjects (dt), requirements (yc), discipline decisions (kl). */
export const INSPECTION_UNITS = ['cuoc', 'dt', 'yc', 'kl'] as const;
export const CASE_STATUSES = ['ket_luan', 'vi_pham', 'ky_luat', 'huy'] as const;
export const REQUIREMENT_STATUSES = ['xong', 'qua_han', 'chua_den_han'] as const;

/** Where a case stood at the end of the window. */
export const concludedBy = (c: CaseRec, end: string) => c.conclusionDate !== null && c.conclusionDate <= end;
const caseStatus: Record<(typeof CASE_STATUSES)[number], (c: CaseRec, end: string) => boolean> = {
  ket_luan: concludedBy,
  vi_pham: (c, end) => concludedBy(c, end) && c.violations,
  ky_luat: (c) => c.disciplined,
  huy: (c) => c.state === 'huy',
};

/** A requirement's follow-up at the end of the window: done by then, past its deadline, or not yet due. */
export function requirementStatus(r: RequirementRec, end: string): (typeof REQUIREMENT_STATUSES)[number] {
  if (r.doneOn !== null && r.doneOn <= end) return 'xong';
  return r.deadline !== null && r.deadline < end ? 'qua_han' : 'chua_den_han';
}

function pick(allowed: readonly string[], v: string | undefined): string | undefined {
  if (v !== undefined && !allowed.includes(v)) throw badFigure(`bộ lọc "${v}" không hợp lệ`);
  return v;
}

export interface SubjectRec {
  subjectType: string;
  subjectId: string;
  name: string;
  orgKind: string | null;
  cuv: boolean;
  cases: CaseRec[];
}

export type InspectionSelection =
  | { unit: 'cuoc'; rows: CaseRec[] }
  | { unit: 'dt'; rows: SubjectRec[] }
  | { unit: 'yc'; rows: (RequirementRec & { status: string; case: CaseRec })[] }
  | { unit: 'kl'; rows: DisciplineRec[] };

/**
 * The records a figure key names. Case filters: `act` (kiểm tra, giám sát), `body` (cấp ủy, ủy ban
 * kiểm tra, chi bộ), `kind`, `sub` (tổ chức, đảng viên), `sok` (the subject organization's kind),
 * `cuv=1` (the member was a committee member then), `st` (a case status or a requirement status).
 * Discipline filters: `form`, `cuv=1`, `tu=1` (from an inspection case). Cancelled cases count
 * only under `st=huy`. A subject inspected and supervised, or taken up twice, is one subject.
 */
export function selectInspections(pop: InspectionPopulation, p: Record<string, string>): InspectionSelection {
  for (const k of Object.keys(p)) if (!['f', 't', 'u', 'act', 'body', 'kind', 'sub', 'sok', 'cuv', 'st', 'form', 'tu'].includes(k)) throw badFigure(`không có bộ lọc "${k}"`);
  const unit = (pick(INSPECTION_UNITS, p.u) ?? 'cuoc') as (typeof INSPECTION_UNITS)[number];
  const end = pop.to;
  const foreign = unit === 'kl' ? ['act', 'body', 'kind', 'sub', 'sok', 'st'] : ['form', 'tu'];
  for (const k of foreign) if (k in p) throw badFigure(`bộ lọc "${k}" không dùng cho loại số liệu này`);
  if (unit === 'kl') {
    const form = pick(DISCIPLINE_FORMS, p.form);
    if (p.cuv !== undefined && p.cuv !== '1') throw badFigure('bộ lọc "cuv" không hợp lệ');
    if (p.tu !== undefined && p.tu !== '1') throw badFigure('bộ lọc "tu" không hợp lệ');
    return { unit, rows: pop.disciplines.filter((d) => (!form || d.form === form) && (!p.cuv || d.cuv) && (!p.tu || d.caseId !== null)) };
  }
  const act = pick(INSPECTION_ACTIVITIES, p.act);
  const body = pick(INSPECTION_BODY_KINDS, p.body);
  const kind = pick(INSPECTION_KINDS, p.kind);
  const sub = pick(INSPECTION_SUBJECT_TYPES, p.sub);
  const sok = pick(ORG_KINDS, p.sok);
  if (p.cuv !== undefined && p.cuv !== '1') throw badFigure('bộ lọc "cuv" không hợp lệ');
  const st = pick(unit === 'yc' ? REQUIREMENT_STATUSES : unit === 'cuoc' ? CASE_STATUSES : [], p.st);
  const cases = pop.cases.filter(
    (c) =>
      (st === 'huy' ? c.state === 'huy' : c.state !== 'huy') &&
      (!act || c.activity === act) &&
      (!body || c.bodyKind === body) &&
      (!kind || c.kind === kind) &&
      (!sub || c.subjectType === sub) &&
      (!sok || c.subjectOrgKind === sok) &&
      (!p.cuv || c.cuv),
  );
  if (unit === 'cuoc') return { unit, rows: st ? cases.filter((c) => caseStatus[st as (typeof CASE_STATUSES)[number]](c, end)) : cases };
  if (unit === 'yc') {
    const byId = new Map(cases.map((c) => [c.id, c]));
    const rows = pop.requirements.filter((r) => byId.has(r.caseId)).map((r) => ({ ...r, status: requirementStatus(r, end), case: byId.get(r.caseId)! }));
    return { unit, rows: st ? rows.filter((r) => r.status === st) : rows };
  }
  const subjects = new Map<string, SubjectRec>();
  for (const c of cases) {
    const k = `${c.subjectType}|${c.subjectId}`;
    const s = subjects.get(k) ?? { subjectType: c.subjectType, subjectId: c.subjectId, name: c.subjectName, orgKind: c.subjectOrgKind, cuv: false, cases: [] };
    s.cuv ||= c.cuv;
    s.cases.push(c);
    subjects.set(k, s);
  }
  return { unit, rows: [...subjects.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.subjectId.localeCompare(b.subjectId)) };
}
