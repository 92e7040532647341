import {
  addMonths,
  admissionStage,
  checkAdmissionStep,
  checkDocument,
  DEFAULT_ADMISSION_RULES as RULES,
  foldMemberEvents,
  makeCccd,
  probationEndsOn,
  requiredDocsBeforeCell,
  type AdmissionDoc,
  type AdmissionRecord,
  type AdmissionStep,
  type IntroducerKind,
} from '@dangvu/common';
import type { Insertable } from 'kysely';
import { pathUpperBound } from '../../../db/sql.js';
import type { Database } from '../../../db/schema.js';
import { nameColumns } from '../../members/members.service.js';
import { addDays, dateBetween, minIso, yearOf } from '../days.js';
import { personName } from '../names.js';
import { toLedger } from '../people.js';
import type { Rng } from '../prng.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/**
 * Per commune: candidates at every step (some with documents missing, one with an education
 * warning overridden, one whose education is not recorded yet), probationers (some ending within
 * 30 days, one overdue), finished admissions; yearly targets per commune for 2021–2026 and a
 * 2020–2025 term target for the province. Every record is checked against the rule set and the
 * member ledger as it is built, so the demo never shows what the app would refuse.
 */
const PLAN = [
  'gioi_thieu',
  'gioi_thieu',
  'nhan_thuc',
  'tham_tra',
  'nghi_quyet_chi_bo',
  'nghi_quyet_dang_uy',
  'quyet_dinh',
  'sap_het',
  'sap_het',
  'qua_han',
  'du_bi',
  'nghi_quyet_cong_nhan',
  'chinh_thuc',
] as const;
type Plan = (typeof PLAN)[number] | 'khong_cong_nhan';

const INTRODUCERS: readonly (readonly [IntroducerKind, string, number])[] = [
  ['doan_thanh_nien', 'Chi đoàn thanh niên', 5],
  ['hoi_phu_nu', 'Chi hội Phụ nữ', 2],
  ['hoi_nong_dan', 'Chi hội Nông dân', 2],
  ['cong_doan', 'Công đoàn cơ sở', 1],
  ['hoi_cuu_chien_binh', 'Chi hội Cựu chiến binh', 0.5],
];

interface Member {
  id: string;
  org_id: string;
  full_name: string;
  official_on: string | null;
  ethnicity: string;
  residence: string | null;
}
interface Cell {
  id: string;
  name: string;
  path: string;
  full: Member[];
}

const at = (date: string, n = 0) => `${date}T08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000Z`;

export const seedAdmissions: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const communes = await k
    .selectFrom('organization_version as v')
    .select(['v.org_id', 'v.path'])
    .where('v.valid_to', 'is', null)
    .where('v.kind', '=', 'dang_uy_xa')
    .where('v.path', '>=', root.path)
    .where('v.path', '<', pathUpperBound(root.path))
    .orderBy('v.org_id')
    .execute();
  if (communes.length === 0) return;
  const cellRows = await k
    .selectFrom('organization_version as v')
    .select(['v.org_id', 'v.parent_id', 'v.name', 'v.path'])
    .where('v.valid_to', 'is', null)
    .where('v.kind', '=', 'chi_bo_truc_thuoc')
    .where('v.parent_id', 'in', communes.map((c) => c.org_id))
    .orderBy('v.org_id')
    .execute();
  const members = await k
    .selectFrom('person as p')
    .select(['p.id', 'p.org_id', 'p.full_name', 'p.official_on', 'p.ethnicity', 'p.residence'])
    .where('p.standing', '=', 'dang_sinh_hoat')
    .where('p.activity', '=', 'binh_thuong')
    .where('p.official_on', 'is not', null)
    .where('p.org_id', 'in', cellRows.map((c) => c.org_id))
    .orderBy('p.id')
    .execute();
  const byCell = new Map<string, Member[]>();
  for (const m of members) byCell.set(m.org_id, [...(byCell.get(m.org_id) ?? []), m]);
  const cellsOf = new Map<string, Cell[]>();
  for (const c of cellRows) {
    const full = byCell.get(c.org_id) ?? [];
    if (full.length >= 3) cellsOf.set(c.parent_id!, [...(cellsOf.get(c.parent_id!) ?? []), { id: c.org_id, name: c.name, path: c.path, full }]);
  }
  const sample = await k.selectFrom('person').select('cccd').where('path', '>=', root.path).where('path', '<', pathUpperBound(root.path)).where('cccd', 'is not', null).orderBy('id').limit(1).executeTakeFirst();
  const provinceCode = sample?.cccd?.slice(0, 3) ?? '012';

  const out = {
    person: [] as Row<'person'>[],
    member_event: [] as Row<'member_event'>[],
    membership_episode: [] as Row<'membership_episode'>[],
    admission_candidate: [] as Row<'admission_candidate'>[],
    admission_step: [] as Row<'admission_step'>[],
    admission_document: [] as Row<'admission_document'>[],
    admission_helper: [] as Row<'admission_helper'>[],
    admission_override: [] as Row<'admission_override'>[],
    admission_target: [] as Row<'admission_target'>[],
  };
  let docNo = 0;
  // Its own stream, so the draws of everything else (and the demo people see) stay as they were.
  const stepDocDraws = rng.fork(97);
  for (const commune of communes) {
    const cells = cellsOf.get(commune.org_id);
    if (!cells) continue;
    const plan: Plan[] = [...PLAN, ...(rng.chance(0.3) ? (['khong_cong_nhan'] as const) : [])];
    for (const [i, stage] of plan.entries()) {
      const cell = rng.pick(cells);
      const special = i === 0 ? 'no_education' : stage === 'tham_tra' ? 'override' : null;
      candidate(rng, cell, stage, special, ++docNo);
    }
  }

  function candidate(r: Rng, cell: Cell, plan: Plan, special: 'override' | 'no_education' | null, n: number) {
    const personId = ids.next();
    const candidateId = ids.next();
    const sex = r.chance(0.5) ? 'nu' : 'nam';
    const model = r.pick(cell.full);
    const name = personName(r, model.ethnicity, sex);
    const birth = dateBetween(r, `${yearOf(today) - 42}-01-01`, `${yearOf(today) - 24}-12-31`);
    const youth = yearOf(today) - yearOf(birth) <= 30 && r.chance(0.7);
    const [kind, body] = youth ? INTRODUCERS[0]! : r.weighted(INTRODUCERS.slice(1).map(([k2, b, w]) => [[k2, b] as const, w] as const));
    const education = special === 'override' ? '7/12' : special === 'no_education' ? null : r.weighted([['12/12', 80], ['9/12', 20]] as const);

    // Forward gaps, then shifted so the anchor step falls where the plan wants it.
    const g = (a: number, b: number) => r.int(a, b);
    let t = 0;
    const rel: Partial<Record<AdmissionStep | AdmissionDoc | 'intro' | 'helper', number>> = { intro: 0 };
    rel.helper = t += g(3, 10);
    rel.nhan_thuc = t += g(10, 40);
    for (const d of ['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ'] as const) rel[d] = t + g(5, 25);
    t = Math.max(...(['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ'] as const).map((d) => rel[d]!));
    rel.tham_tra = t += g(10, 30);
    rel.nghi_quyet_chi_bo = t += g(5, 20);
    rel.nghi_quyet_dang_uy = t += g(7, 20);
    rel.quyet_dinh = t += g(10, 30);
    rel.le_ket_nap = t + g(5, 15);

    // Pre-ceremony plans stop at their step; probation plans have all five steps.
    const order: Plan[] = ['gioi_thieu', 'nhan_thuc', 'tham_tra', 'nghi_quyet_chi_bo', 'nghi_quyet_dang_uy', 'quyet_dinh'];
    const upTo = order.indexOf(plan);
    const included = (st: AdmissionStep) => upTo < 0 || order.indexOf(st as Plan) <= upTo;
    const yearAgo = addMonths(today, -RULES.probationMonths);
    const anchorKey: AdmissionStep | 'intro' = upTo === 0 ? 'intro' : upTo > 0 ? (order[upTo] as AdmissionStep) : 'quyet_dinh';
    const anchorDate =
      upTo >= 0 ? addDays(today, -g(3, 60))
      : plan === 'sap_het' ? addDays(yearAgo, g(1, 28))
      : plan === 'qua_han' ? addDays(yearAgo, -g(5, 60))
      : plan === 'du_bi' ? addDays(today, -g(60, 300))
      : plan === 'nghi_quyet_cong_nhan' ? addDays(yearAgo, -g(25, 50))
      : addDays(today, -g(420, 1400));
    const shift = (key: keyof typeof rel) => addDays(anchorDate, rel[key]! - rel[anchorKey]!);

    const steps: { step: AdmissionStep; date: string; decisionNo: string | null; issuer: string | null; result: string | null }[] = [];
    const docs: { doc: AdmissionDoc; date: string }[] = [];
    const introOn = shift('intro');
    // Before the cell resolution the file is often incomplete.
    const early = upTo >= 0 && upTo <= 2;
    for (const d of requiredDocsBeforeCell({ introducedByKind: kind }, RULES)) {
      const skip = early && d !== '2-KNĐ' && r.chance(plan === 'tham_tra' ? 0.15 : 0.4);
      if (!skip && shift(d) <= today && (plan !== 'gioi_thieu' || r.chance(0.6))) docs.push({ doc: d, date: shift(d) });
    }
    const no = (suffix: string) => `${String((n % 97) + 1).padStart(2, '0')}-${suffix}`;
    const documentNo: Partial<Record<AdmissionStep, string>> = { nhan_thuc: `GCN ${n}/TTCT`, nghi_quyet_chi_bo: no('NQ/CB'), nghi_quyet_dang_uy: no('NQ/ĐU'), quyet_dinh: no('QĐ/ĐU') };
    for (const st of ['nhan_thuc', 'tham_tra', 'nghi_quyet_chi_bo', 'nghi_quyet_dang_uy', 'quyet_dinh'] as const)
      if (included(st))
        steps.push({
          step: st,
          date: shift(st),
          decisionNo: documentNo[st] ?? null,
          issuer: st === 'quyet_dinh' ? 'Ban Thường vụ Đảng ủy xã' : null,
          result: st === 'tham_tra' ? 'dat' : null,
        });
    // The written record of each step (6-, 8-, 9-KNĐ) reaches the file a few days after it; now and then
    // one is still missing, which the progress lists.
    for (const { doc, of } of RULES.stepDocs) {
      const st = steps.find((s) => s.step === of);
      const on = st ? addDays(st.date, stepDocDraws.int(1, 6)) : null;
      if (on && on <= today && stepDocDraws.chance(0.9)) docs.push({ doc, date: on });
    }
    const decision = steps.find((s) => s.step === 'quyet_dinh');
    let outcome: { kind: 'cong_nhan_chinh_thuc' | 'khong_cong_nhan'; date: string } | null = null;
    if (decision && order.indexOf(plan) < 0) {
      const end = probationEndsOn(decision.date, RULES);
      steps.push({ step: 'le_ket_nap', date: minIso(shift('le_ket_nap'), today), decisionNo: null, issuer: null, result: null });
      const classOn = addDays(decision.date, g(40, 150));
      if (classOn <= today) steps.push({ step: 'boi_duong_dv_moi', date: classOn, decisionNo: null, issuer: null, result: r.weighted([['kha', 5], ['gioi', 2], ['dat', 3]] as const) });
      const closing = plan === 'nghi_quyet_cong_nhan' || plan === 'chinh_thuc';
      if (closing || plan === 'qua_han' || plan === 'khong_cong_nhan')
        for (const d of ['10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ'] as const) if (closing || r.chance(0.5)) docs.push({ doc: d, date: addDays(end, -g(3, 25)) });
      if (closing) {
        const resolution = minIso(addDays(end, g(2, 20)), today);
        steps.push({ step: 'nghi_quyet_cong_nhan', date: resolution, decisionNo: no('NQ/ĐU'), issuer: null, result: null });
        if (plan === 'chinh_thuc') outcome = { kind: 'cong_nhan_chinh_thuc', date: addDays(resolution, g(3, 15)) };
      }
      if (plan === 'khong_cong_nhan') outcome = { kind: 'khong_cong_nhan', date: addDays(end, g(5, 20)) };
      if (outcome)
        steps.push({
          step: 'ket_qua',
          date: outcome.date,
          decisionNo: no('QĐ/ĐU'),
          issuer: 'Ban Thường vụ Đảng ủy xã',
          result: outcome.kind === 'cong_nhan_chinh_thuc' ? 'chinh_thuc' : 'khong_cong_nhan',
        });
    }

    const helperPool = cell.full.filter((m) => m.official_on! <= shift('helper'));
    const helper = (plan === 'gioi_thieu' && r.chance(0.5)) || helperPool.length === 0 ? null : r.pick(helperPool);

    // Check against the rules in the order things happen; a refusal here is a generator bug.
    const rec: AdmissionRecord = { birthDate: birth, generalEducation: education, introducedByKind: kind, hasHelper: false, steps: {}, documents: {}, overrides: [] };
    const overrideOn = special === 'override' ? addDays(shift('tham_tra'), -1) : null;
    type Ev = { date: string; rank: number; apply: () => void };
    const evs: Ev[] = [
      ...docs.map((d) => ({
        date: d.date,
        rank: 0,
        apply: () => {
          const v = checkDocument(rec, d.doc, d.date, today);
          if (v) throw new Error(`demo admission: ${v.message}`);
          rec.documents[d.doc] = d.date;
        },
      })),
      ...(helper ? [{ date: shift('helper'), rank: 0, apply: () => (rec.hasHelper = true) }] : []),
      ...(overrideOn ? [{ date: overrideOn, rank: 0, apply: () => (rec.overrides = ['hoc_van_duoi_thcs']) }] : []),
      ...steps.map((s) => ({
        date: s.date,
        rank: 1,
        apply: () => {
          const v = checkAdmissionStep(rec, s, RULES, today);
          if (v) throw new Error(`demo admission (${plan}, ${s.step} ${s.date}): ${v.message}`);
          rec.steps[s.step] = s;
        },
      })),
    ];
    evs.sort((a, b) => (a.date === b.date ? a.rank - b.rank : a.date < b.date ? -1 : 1));
    for (const e of evs) e.apply();

    const events: Row<'member_event'>[] = [];
    if (decision && rec.steps.le_ket_nap) {
      events.push({ id: ids.next(), person_id: personId, kind: 'ket_nap', effective_date: decision.date, decision_no: decision.decisionNo, decision_date: decision.date, issuer: decision.issuer, org_id: cell.id, data: null, seq: 1, recorded_by: null, recorded_at: at(rec.steps.le_ket_nap.date, n) });
      if (outcome)
        events.push({ id: ids.next(), person_id: personId, kind: outcome.kind, effective_date: outcome.date, decision_no: no('QĐ/ĐU'), decision_date: outcome.date, issuer: 'Ban Thường vụ Đảng ủy xã', org_id: cell.id, data: null, seq: 2, recorded_by: null, recorded_at: at(outcome.date, n) });
    }
    const folded = foldMemberEvents(events.map((e) => toLedger({ id: e.id!, kind: e.kind!, effective_date: e.effective_date!, org_id: e.org_id, data: e.data })));
    if (!folded.ok) throw new Error(`demo admission ledger: ${folded.violation.message}`);
    const s = folded.state;
    const last = evs.length ? evs[evs.length - 1]!.date : introOn;
    const residence = model.residence;
    out.person.push({
      id: personId,
      full_name: name.fullName,
      other_names: null,
      ...nameColumns({ fullName: name.fullName, otherNames: null, cccd: null, cardNo: null, birthplace: residence, hometown: residence, residence }),
      sex,
      birth_date: birth,
      birthplace: residence,
      hometown: residence,
      residence,
      ethnicity: model.ethnicity,
      religion: 'khong',
      cccd: null,
      general_education: education,
      professional_level: null,
      academic_title: null,
      political_theory: null,
      foreign_language: null,
      it_level: null,
      occupation: r.weighted([['nong_lam_ngu', 6], ['can_bo_xa', 1], ['vien_chuc', 1], ['khac', 1]] as const),
      youth_union_on: kind === 'doan_thanh_nien' ? addMonths(birth, 16 * 12 + g(0, 24)) : null,
      org_id: cell.id,
      path: cell.path,
      card_no: null,
      file_no: null,
      admitted_on: s.admittedOn,
      admitted_org_id: s.admittedOn ? cell.id : null,
      sponsors: s.admittedOn && helper ? helper.full_name : null,
      official_on: s.officialOn,
      standing: s.standing,
      activity: s.activity,
      version: 1 + events.length,
      created_at: at(introOn, n),
      updated_at: at(last, n),
    });
    out.member_event.push(...events);
    out.membership_episode.push(
      ...s.episodes.map((ep) => ({ id: ids.next(), person_id: personId, org_id: ep.orgId, kind: ep.kind, valid_from: ep.validFrom, valid_to: ep.validTo, cause_event_id: ep.causeEventId, end_event_id: ep.endEventId })),
    );
    const ended = rec.steps.le_ket_nap && decision ? decision.date : null;
    out.admission_candidate.push({
      id: candidateId,
      person_id: personId,
      cell_id: cell.id,
      introduced_by_kind: kind,
      introduced_by_name: `${body} ${cell.name.replace(/^Chi bộ\s*/i, '')}`,
      rule_set: RULES.id,
      stage: admissionStage(rec),
      decision_date: ended,
      probation_ends_on: ended ? probationEndsOn(ended, RULES) : null,
      version: 1 + evs.length,
      created_by: null,
      created_at: at(introOn, n),
      updated_at: at(last, n),
    });
    for (const st of steps)
      out.admission_step.push({ id: ids.next(), candidate_id: candidateId, step: st.step, date: st.date, decision_no: st.decisionNo, issuer: st.issuer, result: st.result, note: null, recorded_by: null, recorded_at: at(st.date, n) });
    for (const d of docs) out.admission_document.push({ id: ids.next(), candidate_id: candidateId, doc: d.doc, received_on: d.date, note: null, recorded_by: null, recorded_at: at(d.date, n) });
    if (helper) out.admission_helper.push({ id: ids.next(), candidate_id: candidateId, person_id: helper.id, valid_from: shift('helper'), valid_to: null, recorded_by: null, recorded_at: at(shift('helper'), n) });
    if (overrideOn)
      out.admission_override.push({
        id: ids.next(),
        candidate_id: candidateId,
        rule: 'hoc_van_duoi_thcs',
        reason: 'Xã vùng cao, đồng bào dân tộc thiểu số (ngoại lệ theo Hướng dẫn 12-HD/BTCTW)',
        approving_body: 'Ban Thường vụ Đảng ủy xã',
        user_id: null,
        username: 'can-bo-to-chuc-mau',
        role: 'can_bo_to_chuc',
        at: at(overrideOn, n),
      });
  }

  // CCCDs last, so their uniqueness check against the register does not disturb the draws above.
  const serials = rng.fork(99);
  for (const p of out.person) p.cccd = makeCccd({ provinceCode, sex: p.sex as 'nam' | 'nu', birthYear: yearOf(p.birth_date as string), serial: serials.int(0, 999_999) });
  for (let pass = 0; pass < 5; pass++) {
    const taken = new Set<string>();
    const all = out.person.map((p) => p.cccd as string);
    for (let i = 0; i < all.length; i += 500) {
      const hit = await k.selectFrom('person').select('cccd').where('cccd', 'in', all.slice(i, i + 500)).execute();
      for (const h of hit) taken.add(h.cccd!);
    }
    const seen = new Set<string>();
    let clashes = 0;
    for (const p of out.person) {
      const c = p.cccd as string;
      if (taken.has(c) || seen.has(c)) {
        p.cccd = makeCccd({ provinceCode, sex: p.sex as 'nam' | 'nu', birthYear: yearOf(p.birth_date as string), serial: serials.int(0, 999_999) });
        clashes++;
      }
      seen.add(p.cccd as string);
    }
    if (clashes === 0) break;
  }
  for (const p of out.person) Object.assign(p, nameColumns({ fullName: p.full_name as string, otherNames: null, cccd: p.cccd as string, cardNo: null, birthplace: p.birthplace ?? null, hometown: p.hometown ?? null, residence: p.residence ?? null }));

  // Targets: yearly per commune (a count, or 3% of the members in some years), a term target for the province.
  for (const c of communes) {
    const size = await k
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('standing', '=', 'dang_sinh_hoat')
      .where('path', '>=', c.path)
      .where('path', '<', pathUpperBound(c.path))
      .executeTakeFirstOrThrow();
    const members = Number(size.n);
    for (let y = 2021; y <= 2026; y++) {
      const rate = y === 2023 || y === 2025;
      out.admission_target.push({
        id: ids.next(),
        org_id: c.org_id,
        from_year: y,
        to_year: y,
        kind: rate ? 'rate' : 'count',
        value: rate ? 3 : Math.max(1, Math.round((members * rng.int(25, 40)) / 1000)),
        per_year: 0,
        // 2024's resolutions say "hơn": met only above the goal.
        bound: y === 2024 ? 'hon' : 'tu',
        decision_no: `${String(rng.int(1, 60)).padStart(2, '0')}-NQ/ĐU`,
        note: null,
        created_by: null,
        created_at: at(minIso(`${y - 1}-12-20`, today)),
      });
    }
  }
  out.admission_target.push({
    id: ids.next(),
    org_id: rootId,
    from_year: 2020,
    to_year: 2025,
    kind: 'rate',
    value: 3,
    per_year: 1,
    bound: 'tu',
    decision_no: '01-NQ/ĐH',
    note: 'Nghị quyết Đại hội: kết nạp hằng năm từ 3% tổng số đảng viên trở lên',
    created_by: null,
    created_at: at('2020-10-20'),
  });

  await k.transaction().execute(async (trx) => {
    for (const t of Object.keys(out) as (keyof typeof out)[]) await insertRows(trx, t, out[t] as never);
  });
};
