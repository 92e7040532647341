import {
  ADMISSION_RULES,
  admissionRulesById,
  type AdmissionDoc,
  type AdmissionRecord,
  type AdmissionRule,
  type AdmissionStep,
  type AdmissionStepData,
  type IntroducerKind,
} from '@dangvu/common';
import { sql, type Kysely } from 'kysely';
import type { Database, PersonRow } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { searchTokens } from '../members/members.repository.js';
import type { CandidateRow } from './admissions.tables.js';

type Q = Kysely<Database>;

/** Everything recorded on a set of candidates, grouped by candidate: one query per table. */
export async function loadParts(db: Q, ids: readonly string[]) {
  const none = ids.length === 0;
  const [steps, docs, helpers, overrides] = none
    ? [[], [], [], []]
    : await Promise.all([
        db.selectFrom('admission_step').selectAll().where('candidate_id', 'in', ids).orderBy('date').orderBy('recorded_at').execute(),
        db.selectFrom('admission_document').selectAll().where('candidate_id', 'in', ids).orderBy('doc').execute(),
        db
          .selectFrom('admission_helper as h')
          .innerJoin('person as hp', 'hp.id', 'h.person_id')
          .select(['h.candidate_id', 'h.person_id', 'h.valid_from', 'h.valid_to', 'hp.full_name'])
          .where('h.candidate_id', 'in', ids)
          .orderBy('h.valid_from')
          .execute(),
        db.selectFrom('admission_override').selectAll().where('candidate_id', 'in', ids).orderBy('at').execute(),
      ]);
  const group = <T extends { candidate_id: string }>(rows: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.candidate_id, [...(m.get(r.candidate_id) ?? []), r]);
    return (id: string) => m.get(id) ?? [];
  };
  return { steps: group(steps), docs: group(docs), helpers: group(helpers), overrides: group(overrides) };
}
export type CandidateParts = Awaited<ReturnType<typeof loadParts>>;

/** The pure-rule view of one candidate (common/domain/admission.ts). */
export function toRecord(
  c: Pick<CandidateRow, 'id' | 'introduced_by_kind'> & { parent_kind?: string | null },
  p: Pick<PersonRow, 'birth_date' | 'general_education'>,
  parts: CandidateParts,
): AdmissionRecord {
  const steps: Partial<Record<AdmissionStep, AdmissionStepData>> = {};
  for (const s of parts.steps(c.id)) steps[s.step as AdmissionStep] = { date: s.date, decisionNo: s.decision_no, issuer: s.issuer, result: s.result };
  const documents: Partial<Record<AdmissionDoc, string>> = {};
  for (const d of parts.docs(c.id)) documents[d.doc as AdmissionDoc] = d.received_on;
  return {
    birthDate: p.birth_date,
    generalEducation: p.general_education,
    introducedByKind: c.introduced_by_kind as IntroducerKind,
    underSubCommittee: c.parent_kind === 'dang_bo_bo_phan',
    hasHelper: parts.helpers(c.id).some((h) => h.valid_to === null),
    steps,
    documents,
    overrides: parts.overrides(c.id).map((o) => o.rule as AdmissionRule).filter((r) => (ADMISSION_RULES as readonly string[]).includes(r)),
  };
}

export const rulesOf = (c: Pick<CandidateRow, 'rule_set'>) => admissionRulesById(c.rule_set);

/** Candidate, person, the person's current organization name and its parent's kind (a đảng bộ bộ phận asks for 7-KNĐ). */
export function candidateQuery(db: Q) {
  return db
    .selectFrom('admission_candidate as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'p.org_id').on('v.valid_to', 'is', null))
    .leftJoin('organization_version as pv', (j) => j.onRef('pv.org_id', '=', 'v.parent_id').on('pv.valid_to', 'is', null))
    .selectAll('c')
    .select([
      'p.full_name',
      'p.birth_date',
      'p.sex',
      'p.org_id',
      'p.path',
      'p.general_education',
      'p.ethnicity',
      'p.cccd',
      'p.standing',
      'p.official_on',
      'v.name as org_name',
      'pv.kind as parent_kind',
    ]);
}
export type CandidateJoined = Awaited<ReturnType<ReturnType<typeof candidateQuery>['executeTakeFirstOrThrow']>>;

export async function listCandidates(db: Q, f: { prefixes: readonly string[]; stage?: string; q?: string }, page: number, pageSize: number) {
  const tokens = f.q ? searchTokens(f.q) : [];
  const where = <QB extends ReturnType<typeof candidateQuery>>(qb: QB) =>
    qb
      .where(inSubtrees('p.path', f.prefixes))
      .$if(!!f.stage, (w) => w.where('c.stage', '=', f.stage!))
      .$if(tokens.length > 0, (w) => w.where(sql<boolean>`(${sql.join(tokens.map((t) => sql`p.search_names like ${`% ${t}%`}`), sql` and `)})`)) as QB;
  const total = await where(candidateQuery(db))
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await where(candidateQuery(db))
    .orderBy('p.sort_key')
    .orderBy('c.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Probationary members admitted in [from, to] (bounds widened by the caller), oldest first. */
export function probationers(db: Q, prefixes: readonly string[], admittedFrom: string | null, admittedTo: string, limit: number) {
  return db
    .selectFrom('person as p')
    .leftJoin('admission_candidate as c', 'c.person_id', 'p.id')
    .leftJoin('admission_helper as h', (j) => j.onRef('h.candidate_id', '=', 'c.id').on('h.valid_to', 'is', null))
    .leftJoin('person as hp', 'hp.id', 'h.person_id')
    .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'p.org_id').on('v.valid_to', 'is', null))
    .select(['p.id', 'p.full_name', 'p.org_id', 'p.admitted_on', 'c.id as candidate_id', 'hp.full_name as helper_name', 'v.name as org_name'])
    .where('p.standing', '=', 'dang_sinh_hoat')
    .where('p.official_on', 'is', null)
    .where('p.admitted_on', 'is not', null)
    .$if(admittedFrom !== null, (w) => w.where('p.admitted_on', '>=', admittedFrom!))
    .where('p.admitted_on', '<=', admittedTo)
    .where(inSubtrees('p.path', prefixes))
    .orderBy('p.admitted_on')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
