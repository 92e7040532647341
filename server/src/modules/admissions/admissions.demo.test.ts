import { ADMISSION_STAGES, admissionRulesById, admissionStage, checkAdmissionStep, checkDocument, todayIso, type AdmissionDoc, type AdmissionRecord, type AdmissionStep } from '@dangvu/common';
import { expect, it } from 'vitest';
import { generateDemo } from '../demo/generate.js';
import { describeEngines } from '../../test/engines.js';
import { buildUser } from '../../test/factories.js';
import { loadParts, toRecord } from './admissions.repository.js';

describeEngines('admissions: demo seeder', (env) => {
  const db = () => env().db.kysely;

  it('seeds candidates at every step and probations ending soon and overdue, consistent with the rules and the ledger', async () => {
    const { provinceRootIds } = await generateDemo(env().db, { seed: 7, members: 3000 });
    const today = todayIso();
    const admin = await buildUser(env(), 'quan_tri', provinceRootIds);

    const candidates = await db()
      .selectFrom('admission_candidate as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select(['p.birth_date', 'p.general_education', 'p.standing', 'p.admitted_on', 'p.official_on'])
      .orderBy('c.id')
      .execute();
    const stages = new Set(candidates.map((c) => c.stage));
    for (const s of ADMISSION_STAGES) expect(stages.has(s), s).toBe(true);

    const parts = await loadParts(db(), candidates.map((c) => c.id));
    let stepDocs = 0;
    for (const c of candidates) {
      const rules = admissionRulesById(c.rule_set);
      const rec = toRecord(c, c, parts);
      // The stored stage is the one the steps give, and every row passes the rules in the order it happened.
      expect(c.stage, c.id).toBe(admissionStage(rec));
      const replay: AdmissionRecord = { ...rec, steps: {}, documents: {} };
      const rows = [
        ...parts.docs(c.id).map((d) => ({
          date: d.received_on,
          rank: 0,
          apply: () => checkDocument(replay, d.doc as AdmissionDoc, d.received_on, today, rules) ?? void (replay.documents[d.doc as AdmissionDoc] = d.received_on),
        })),
        ...parts.steps(c.id).map((s) => ({
          date: s.date,
          rank: 1,
          apply: () => {
            const input = { step: s.step as AdmissionStep, date: s.date, decisionNo: s.decision_no, issuer: s.issuer, result: s.result };
            return checkAdmissionStep(replay, input, rules, today) ?? void (replay.steps[input.step] = input);
          },
        })),
      ].sort((a, b) => (a.date === b.date ? a.rank - b.rank : a.date < b.date ? -1 : 1));
      for (const r of rows) expect(r.apply() ?? null, `${c.id} ${r.date}`).toBeNull();
      for (const d of ['6-KNĐ', '8-KNĐ', '9-KNĐ'] as const) if (rec.documents[d]) stepDocs++;

      // The ledger agrees: admitted on the decision's date after the ceremony, the outcome as the standing.
      const decision = rec.steps.quyet_dinh;
      if (rec.steps.le_ket_nap) expect([c.admitted_on, c.decision_date], c.id).toEqual([decision!.date, decision!.date]);
      else expect([c.standing, c.admitted_on], c.id).toEqual([null, null]);
      if (rec.steps.ket_qua?.result === 'chinh_thuc') expect([c.standing, c.official_on]).toEqual(['dang_sinh_hoat', rec.steps.ket_qua.date]);
      if (rec.steps.ket_qua?.result === 'khong_cong_nhan') expect(c.standing).toBe('khong_cong_nhan');
    }
    // The written records of the steps (6-, 8-, 9-KNĐ) are in most files.
    expect(stepDocs).toBeGreaterThan(candidates.filter((c) => !['gioi_thieu', 'nhan_thuc', 'tham_tra'].includes(c.stage)).length);

    // The screens: every stage lists candidates; probations ending within 30 days and overdue ones.
    for (const s of ADMISSION_STAGES) {
      const r = (await admin.call('GET', `/api/v1/admissions/candidates?stage=${s}&pageSize=5`)).json() as { total: number; items: { progress: { stage: string } }[] };
      expect(r.total, s).toBeGreaterThan(0);
      expect(r.items.every((i) => i.progress.stage === s)).toBe(true);
    }
    const ending = (await admin.call('GET', '/api/v1/admissions/probations?within=sap_het')).json() as { total: number; items: { daysLeft: number }[] };
    const late = (await admin.call('GET', '/api/v1/admissions/probations?within=qua_han')).json() as { total: number; items: { daysLeft: number }[] };
    expect(ending.total).toBeGreaterThan(0);
    expect(late.total).toBeGreaterThan(0);
    expect(ending.items.every((i) => i.daysLeft >= 0 && i.daysLeft <= 30)).toBe(true);
    expect(late.items.every((i) => i.daysLeft < 0)).toBe(true);
    for (const c of candidates.slice(0, 30)) expect((await admin.call('GET', `/api/v1/admissions/candidates/${c.id}`)).statusCode).toBe(200);

    // Targets, with both bound words.
    const y2024 = (await admin.call('GET', '/api/v1/admissions/targets?year=2024')).json() as { items: { bound: string; fromYear: number; toYear: number }[] };
    expect(y2024.items.some((t) => t.bound === 'hon' && t.fromYear === 2024)).toBe(true);
    expect(y2024.items.some((t) => t.bound === 'tu')).toBe(true);
  });
});
