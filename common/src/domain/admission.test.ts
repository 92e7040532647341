import { describe, expect, it } from 'vitest';
import {
  ADMISSION_RULES_HD12_2022 as RULES,
  admissionProgress,
  admissionStage,
  admissionWarnings,
  checkAdmissionStep,
  checkDocument,
  documentSchedule,
  educationBelowMinimum,
  probationStatus,
  targetAchievement,
  type AdmissionRecord,
} from './admission.js';

const TODAY = '2026-06-01';
const base = (over: Partial<AdmissionRecord> = {}): AdmissionRecord => ({
  birthDate: '1998-04-10',
  generalEducation: '12/12',
  introducedByKind: 'hoi_nong_dan',
  hasHelper: true,
  steps: {},
  documents: {},
  overrides: [],
  ...over,
});
const docs15 = { '1-KNĐ': '2024-02-01', '2-KNĐ': '2024-02-01', '3-KNĐ': '2024-02-01', '5-KNĐ': '2024-02-05' } as const;
const ready = (over: Partial<AdmissionRecord> = {}) =>
  base({ steps: { nhan_thuc: { decisionNo: 'GCN-1', date: '2024-01-10' }, tham_tra: { date: '2024-03-01', result: 'dat' } }, documents: { ...docs15 }, ...over });

describe('admission steps in order', () => {
  it('refuses a cell resolution before the verification and before the file is complete, naming what is missing', () => {
    const v = checkAdmissionStep(base({ documents: { '1-KNĐ': '2024-02-01' } }), { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '01-NQ/CB' }, RULES, TODAY);
    expect(v?.code).toBe('STEP_OUT_OF_ORDER');
    expect(v?.field).toBe('step');
    expect(v?.message).toContain('chưa thẩm tra lý lịch');
    expect(v?.message).toContain('2-KNĐ, 3-KNĐ, 5-KNĐ');
    expect(v?.message).toContain('lớp bồi dưỡng nhận thức');
  });

  it('asks for the Youth Union resolution only when the Youth Union introduced the candidate', () => {
    const step = { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '01-NQ/CB' } as const;
    expect(checkAdmissionStep(ready(), step, RULES, TODAY)).toBeNull();
    expect(checkAdmissionStep(ready({ introducedByKind: 'doan_thanh_nien' }), step, RULES, TODAY)?.message).toContain('4-KNĐ');
  });

  it('counts a document received after the resolution date as missing on that date', () => {
    const v = checkAdmissionStep(ready({ documents: { ...docs15, '5-KNĐ': '2024-05-01' } }), { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: 'x' }, RULES, TODAY);
    expect(v?.message).toContain('5-KNĐ');
  });

  it('refuses a decision before the base committee resolution and a date before the previous step', () => {
    const r = ready({ steps: { ...ready().steps, nghi_quyet_chi_bo: { decisionNo: '1', date: '2024-04-01' } } });
    expect(checkAdmissionStep(r, { step: 'quyet_dinh', date: '2024-05-01', decisionNo: '9', issuer: 'BTV' }, RULES, TODAY)?.message).toMatch(/nghị quyết của đảng ủy cơ sở/);
    const v = checkAdmissionStep(r, { step: 'nghi_quyet_dang_uy', date: '2024-03-20', decisionNo: '2' }, RULES, TODAY);
    expect(v).toMatchObject({ code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'date' });
  });

  it('refuses an expired awareness certificate (60 months by default)', () => {
    const r = ready({ steps: { nhan_thuc: { decisionNo: 'GCN', date: '2019-01-10' }, tham_tra: { date: '2024-03-01', result: 'dat' } } });
    expect(checkAdmissionStep(r, { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '1' }, RULES, TODAY)?.message).toContain('hết hạn ngày 10/01/2024');
    expect(checkAdmissionStep(r, { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '1' }, { ...RULES, awarenessValidityMonths: 72 }, TODAY)).toBeNull();
  });

  it('requires the inputs of each step and refuses future dates and repeated steps', () => {
    expect(checkAdmissionStep(base(), { step: 'nhan_thuc', date: '2024-01-01' }, RULES, TODAY)?.field).toBe('decisionNo');
    expect(checkAdmissionStep(base(), { step: 'tham_tra', date: '2024-01-01', result: 'tot' }, RULES, TODAY)?.field).toBe('result');
    expect(checkAdmissionStep(base(), { step: 'nhan_thuc', date: '2027-01-01', decisionNo: 'x' }, RULES, TODAY)?.code).toBe('DATE_IN_FUTURE');
    expect(checkAdmissionStep(ready(), { step: 'nhan_thuc', date: '2024-01-01', decisionNo: 'x' }, RULES, TODAY)?.code).toBe('STEP_ALREADY_RECORDED');
  });

  it('needs the new-member class and 10–13-KNĐ before the committee resolution', () => {
    const steps = {
      ...ready().steps,
      nghi_quyet_chi_bo: { decisionNo: '1', date: '2024-04-01' },
      nghi_quyet_dang_uy: { decisionNo: '2', date: '2024-04-15' },
      quyet_dinh: { decisionNo: '3', issuer: 'BTV', date: '2024-05-02' },
      le_ket_nap: { date: '2024-05-19' },
    };
    const r = ready({ steps });
    expect(checkAdmissionStep(r, { step: 'nghi_quyet_cong_nhan', date: '2025-05-10', decisionNo: '4' }, RULES, TODAY)?.message).toMatch(/bồi dưỡng đảng viên mới.*10-KNĐ, 11-KNĐ, 12-KNĐ, 13-KNĐ/);
    const withClass = ready({
      steps: { ...steps, boi_duong_dv_moi: { date: '2024-08-01', result: 'kha' } },
      documents: { ...docs15, '10-KNĐ': '2025-04-20', '11-KNĐ': '2025-04-20', '12-KNĐ': '2025-04-25', '13-KNĐ': '2025-04-28' },
    });
    expect(checkAdmissionStep(withClass, { step: 'nghi_quyet_cong_nhan', date: '2024-07-01', decisionNo: '4' }, RULES, TODAY)).toMatchObject({ code: 'STEP_OUT_OF_ORDER' });
    expect(checkAdmissionStep(withClass, { step: 'nghi_quyet_cong_nhan', date: '2025-05-02', decisionNo: '4' }, RULES, TODAY)).toBeNull();
    expect(checkAdmissionStep(withClass, { step: 'ket_qua', date: '2025-05-10', decisionNo: '5', issuer: 'BTV', result: 'chinh_thuc' }, RULES, TODAY)?.message).toContain('công nhận chính thức');
    // Not recognized needs only a probationer.
    expect(checkAdmissionStep(withClass, { step: 'ket_qua', date: '2025-05-10', decisionNo: '5', issuer: 'BTV', result: 'khong_cong_nhan' }, RULES, TODAY)).toBeNull();
  });

  it('keeps probation documents for the probation', () => {
    expect(checkDocument(base(), '10-KNĐ', '2024-01-01', TODAY)?.code).toBe('STEP_OUT_OF_ORDER');
    expect(checkDocument(base(), '1-KNĐ', '2024-01-01', TODAY)).toBeNull();
    expect(checkDocument(base({ documents: { '1-KNĐ': '2024-01-01' } }), '1-KNĐ', '2024-02-01', TODAY)?.code).toBe('DOCUMENT_ALREADY_RECORDED');
  });
});

describe('documents of the steps between the cell resolution and the ceremony (6-, 7-, 8-, 9-KNĐ)', () => {
  const decided = {
    ...ready().steps,
    nghi_quyet_chi_bo: { decisionNo: '1', date: '2024-04-01' },
    nghi_quyet_dang_uy: { decisionNo: '2', date: '2024-04-15' },
    quyet_dinh: { decisionNo: '3', issuer: 'BTV', date: '2024-05-02' },
  };

  it('says when each document is due: after the step it records, before the next one', () => {
    const due = (over: Partial<AdmissionRecord> = {}) => Object.fromEntries(documentSchedule(base(over), RULES).map((x) => [x.doc, [x.after, x.before]]));
    const plain = due();
    expect(plain['1-KNĐ']).toEqual([null, 'nghi_quyet_chi_bo']);
    expect(plain['2-KNĐ']).toEqual([null, 'tham_tra']);
    expect(plain['4-KNĐ']).toEqual([null, null]);
    expect(plain['6-KNĐ']).toEqual(['nghi_quyet_chi_bo', 'nghi_quyet_dang_uy']);
    expect(plain['7-KNĐ']).toEqual(['nghi_quyet_chi_bo', null]);
    expect(plain['8-KNĐ']).toEqual(['nghi_quyet_dang_uy', 'quyet_dinh']);
    expect(plain['9-KNĐ']).toEqual(['quyet_dinh', 'le_ket_nap']);
    expect(plain['13-KNĐ']).toEqual(['le_ket_nap', 'nghi_quyet_cong_nhan']);
    // 4-KNĐ when the Youth Union introduced; 7-KNĐ when the cell is under a đảng bộ bộ phận.
    expect(due({ introducedByKind: 'doan_thanh_nien' })['4-KNĐ']).toEqual([null, 'nghi_quyet_chi_bo']);
    expect(due({ underSubCommittee: true })['7-KNĐ']).toEqual(['nghi_quyet_chi_bo', 'nghi_quyet_dang_uy']);
    expect(documentSchedule(base(), RULES).map((x) => x.doc)).toEqual(['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ', '6-KNĐ', '7-KNĐ', '8-KNĐ', '9-KNĐ', '10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ']);
  });

  it('lists each as missing once its step is taken, until it is received', () => {
    const missing = (over: Partial<AdmissionRecord>) => admissionProgress(ready(over), RULES, TODAY).missing;
    expect(missing({})).toEqual([]);
    expect(missing({ steps: { ...ready().steps, nghi_quyet_chi_bo: decided.nghi_quyet_chi_bo } })).toEqual(['chưa nhận 6-KNĐ']);
    expect(missing({ steps: { ...ready().steps, nghi_quyet_chi_bo: decided.nghi_quyet_chi_bo }, underSubCommittee: true })).toEqual(['chưa nhận 6-KNĐ, 7-KNĐ']);
    expect(missing({ steps: decided })).toEqual(['chưa nhận 6-KNĐ, 8-KNĐ, 9-KNĐ']);
    expect(missing({ steps: decided, documents: { ...docs15, '6-KNĐ': '2024-04-03', '8-KNĐ': '2024-04-16' } })).toEqual(['chưa nhận 9-KNĐ']);
    // Still missing during the probation, beside what the probation itself lacks.
    const inProbation = admissionProgress(ready({ steps: { ...decided, le_ket_nap: { date: '2024-05-19' } }, documents: { ...docs15, '6-KNĐ': '2024-04-03', '8-KNĐ': '2024-04-16' } }), RULES, TODAY);
    expect(inProbation.missing).toContain('chưa nhận 9-KNĐ');
    expect(inProbation.missing.join(' | ')).toContain('10-KNĐ');
    // Listed, not blocking: recording the decision already says the resolutions exist.
    expect(checkAdmissionStep(ready({ steps: decided }), { step: 'le_ket_nap', date: '2024-05-19' }, RULES, TODAY)).toBeNull();
  });

  it('receives a step’s document only once the step is recorded, and not before its date', () => {
    expect(checkDocument(ready(), '6-KNĐ', '2024-04-02', TODAY)).toMatchObject({ code: 'STEP_OUT_OF_ORDER', field: 'doc' });
    expect(checkDocument(ready(), '6-KNĐ', '2024-04-02', TODAY)!.message).toContain('Nghị quyết đề nghị kết nạp của chi bộ');
    expect(checkDocument(ready({ steps: decided }), '6-KNĐ', '2024-03-20', TODAY)).toMatchObject({ code: 'DATE_BEFORE_PREVIOUS_STEP', field: 'receivedOn' });
    expect(checkDocument(ready({ steps: decided }), '6-KNĐ', '2024-04-01', TODAY)).toBeNull();
    expect(checkDocument(ready({ steps: decided }), '9-KNĐ', '2024-05-01', TODAY)?.code).toBe('DATE_BEFORE_PREVIOUS_STEP');
    expect(checkDocument(ready({ steps: decided }), '9-KNĐ', '2024-05-03', TODAY)).toBeNull();
    expect(checkDocument(ready({ steps: { ...ready().steps, nghi_quyet_chi_bo: decided.nghi_quyet_chi_bo } }), '8-KNĐ', '2024-04-20', TODAY)?.code).toBe('STEP_OUT_OF_ORDER');
  });
});

describe('warnings and overrides', () => {
  it('warns over 60 on the cell resolution date and refuses the step until overridden', () => {
    const old = ready({ birthDate: '1963-05-01' });
    expect(admissionWarnings(old, '2024-04-01', RULES).map((w) => w.rule)).toEqual([]);
    const step = { step: 'nghi_quyet_chi_bo', date: '2024-05-02', decisionNo: '1' } as const;
    expect(admissionWarnings(old, step.date, RULES)[0]).toMatchObject({ rule: 'tuoi_tren_60', field: 'birthDate', overridden: false });
    expect(checkAdmissionStep(old, step, RULES, TODAY)).toMatchObject({ code: 'ADMISSION_WARNING', field: 'birthDate' });
    expect(checkAdmissionStep({ ...old, overrides: ['tuoi_tren_60'] }, step, RULES, TODAY)).toBeNull();
  });

  it('refuses under 18 outright', () => {
    const young = ready({ birthDate: '2006-06-01' });
    expect(checkAdmissionStep(young, { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '1' }, RULES, TODAY)).toMatchObject({ code: 'CANDIDATE_UNDER_AGE', field: 'birthDate' });
  });

  it('reads lower secondary as 9/12, or 7/10 in the former 10-year system', () => {
    expect(educationBelowMinimum('9/12', RULES)).toBe(false);
    expect(educationBelowMinimum('8/12', RULES)).toBe(true);
    expect(educationBelowMinimum('7/10', RULES)).toBe(false);
    expect(educationBelowMinimum('6/10', RULES)).toBe(true);
    expect(educationBelowMinimum(null, RULES)).toBe(true);
    const r = ready({ generalEducation: '5/12' });
    expect(checkAdmissionStep(r, { step: 'nghi_quyet_chi_bo', date: '2024-04-01', decisionNo: '1' }, RULES, TODAY)).toMatchObject({ code: 'ADMISSION_WARNING', field: 'generalEducation' });
  });
});

describe('progress', () => {
  it('names the stage, the next step and what is missing', () => {
    const p = admissionProgress(base({ hasHelper: false }), RULES, TODAY);
    expect(p.stage).toBe('gioi_thieu');
    expect(p.nextStep).toBe('nhan_thuc');
    expect(p.missing.join(' | ')).toMatch(/lớp bồi dưỡng nhận thức.*thẩm tra.*1-KNĐ.*giúp đỡ/);
    const r = ready();
    expect(admissionProgress(r, RULES, TODAY)).toMatchObject({ stage: 'tham_tra', nextStep: 'nghi_quyet_chi_bo', missing: [], awarenessValidUntil: '2029-01-10' });
  });

  it('computes the probation end and its status', () => {
    const steps = { ...ready().steps, nghi_quyet_chi_bo: { date: '2024-04-01' }, nghi_quyet_dang_uy: { date: '2024-04-15' }, quyet_dinh: { date: '2025-06-20' }, le_ket_nap: { date: '2025-06-25' } };
    const p = admissionProgress(ready({ steps }), RULES, TODAY);
    expect(p).toMatchObject({ stage: 'du_bi', probationEndsOn: '2026-06-20', probationDaysLeft: 19, nextStep: 'boi_duong_dv_moi' });
    expect(probationStatus('2026-06-20', TODAY, RULES)).toBe('sap_het');
    expect(probationStatus('2026-05-31', TODAY, RULES)).toBe('qua_han');
    expect(probationStatus('2026-07-02', TODAY, RULES)).toBe('dang_du_bi');
    expect(admissionStage({ steps: { ...steps, ket_qua: { date: '2026-06-21', result: 'khong_cong_nhan' } } })).toBe('khong_cong_nhan');
  });
});

describe('targets', () => {
  it('counts a per-year value over a multi-year term as value × years', () => {
    const a = targetAchievement({ kind: 'count', value: 10, fromYear: 2020, toYear: 2025, perYear: true }, 75, null);
    expect(a).toMatchObject({ years: 6, goal: 60, admitted: 75, percent: 125, met: true });
    expect(a.explanation).toBe('Từ 10 đảng viên mỗi năm × 6 năm = 60 (2020–2025)');
  });

  it('turns a rate into a goal from the members at the start of the period', () => {
    const a = targetAchievement({ kind: 'rate', value: 3, fromYear: 2024, toYear: 2024, perYear: false }, 4, 150);
    expect(a.goal).toBeCloseTo(4.5);
    expect(a.percent).toBeCloseTo(88.888, 2);
    expect(a.met).toBe(false);
    expect(a.explanation).toBe('Từ 3% × 150 đảng viên đầu kỳ = 4,5 (2024)');
    expect(targetAchievement({ kind: 'rate', value: 3, fromYear: 2024, toYear: 2024, perYear: false }, 4, null).goal).toBeNull();
  });

  it('meets "từ … trở lên" at exactly the goal, "hơn" only above it', () => {
    const t = { kind: 'count', value: 5, fromYear: 2024, toYear: 2024, perYear: false } as const;
    expect(targetAchievement(t, 5, null)).toMatchObject({ goal: 5, percent: 100, met: true, explanation: 'Từ 5 đảng viên trở lên (2024)' });
    expect(targetAchievement({ ...t, bound: 'tu' }, 5, null).met).toBe(true);
    expect(targetAchievement({ ...t, bound: 'hon' }, 5, null)).toMatchObject({ goal: 5, percent: 100, met: false, explanation: 'Hơn 5 đảng viên (2024)' });
    expect(targetAchievement({ ...t, bound: 'hon' }, 6, null)).toMatchObject({ percent: 120, met: true });
    // A rate at exactly its goal: 2% × 150 = 3.
    const rate = { kind: 'rate', value: 2, fromYear: 2024, toYear: 2024, perYear: false } as const;
    expect(targetAchievement({ ...rate, bound: 'tu' }, 3, 150)).toMatchObject({ goal: 3, met: true });
    expect(targetAchievement({ ...rate, bound: 'hon' }, 3, 150)).toMatchObject({ goal: 3, met: false, explanation: 'Hơn 2% × 150 đảng viên đầu kỳ = 3 (2024)' });
    expect(targetAchievement({ ...t, perYear: true, toYear: 2026, bound: 'hon' }, 15, null)).toMatchObject({ goal: 15, met: false, explanation: 'Hơn 5 đảng viên mỗi năm × 3 năm = 15 (2024–2026)' });
  });
});
