import { describe, expect, it } from 'vitest';
import {
  canEnrol,
  canRecordResult,
  cohortTransition,
  eligibleFor,
  enrolmentStatus,
  nextCohortState,
  qualificationFromResult,
  resultAllowed,
  tallyEnrolments,
  theoryAfter,
  theoryOn,
  withdrawalAllowed,
} from './training.js';

describe('cohort states', () => {
  const planned = { state: 'ke_hoach' as const, startsOn: '2024-03-01' };
  it('moves forward one step at a time', () => {
    expect(nextCohortState('ke_hoach')).toBe('dang_hoc');
    expect(nextCohortState('dang_hoc')).toBe('ket_thuc');
    expect(nextCohortState('ket_thuc')).toBeNull();
    expect(cohortTransition(planned, 'dang_hoc', '2024-03-01')).toEqual({ ok: true });
    expect(cohortTransition({ ...planned, state: 'dang_hoc' }, 'ket_thuc', '2024-05-01')).toEqual({ ok: true });
  });
  it('refuses skipping, going back and staying, naming the field', () => {
    expect(cohortTransition(planned, 'ket_thuc', '2024-05-01')).toMatchObject({ ok: false, field: 'state', code: 'COHORT_TRANSITION' });
    expect(cohortTransition({ ...planned, state: 'dang_hoc' }, 'ke_hoach', '2024-05-01')).toMatchObject({ ok: false, field: 'state' });
    expect(cohortTransition({ ...planned, state: 'ket_thuc' }, 'ket_thuc', '2024-05-01')).toMatchObject({ ok: false, field: 'state' });
    const early = cohortTransition({ ...planned, state: 'dang_hoc' }, 'ket_thuc', '2024-02-28');
    expect(early).toMatchObject({ ok: false, field: 'date' });
    expect(!early.ok && early.message).toMatch(/01\/03\/2024/);
  });
  it('enrols until the class ends and takes results once it has opened', () => {
    expect(canEnrol('ke_hoach').ok).toBe(true);
    expect(canEnrol('dang_hoc').ok).toBe(true);
    expect(canEnrol('ket_thuc')).toMatchObject({ ok: false, field: 'cohort' });
    expect(canRecordResult('ke_hoach')).toMatchObject({ ok: false, field: 'result' });
    expect(canRecordResult('dang_hoc').ok).toBe(true);
    expect(canRecordResult('ket_thuc').ok).toBe(true);
  });
});

describe('who is sent and what happens to them', () => {
  it('keeps the awareness class for non-members and the new-member class for members', () => {
    expect(eligibleFor('nhan_thuc', { isMember: true, deceased: false })).toMatchObject({ ok: false, code: 'ALREADY_MEMBER' });
    expect(eligibleFor('nhan_thuc', { isMember: false, deceased: false }).ok).toBe(true);
    expect(eligibleFor('dang_vien_moi', { isMember: false, deceased: false })).toMatchObject({ ok: false, code: 'NOT_MEMBER' });
    expect(eligibleFor('so_cap', { isMember: false, deceased: false }).ok).toBe(true);
    expect(eligibleFor('so_cap', { isMember: false, deceased: true }).ok).toBe(false);
  });
  it('writes a result once, never on a withdrawal, never before the sending', () => {
    const e = { withdrawnOn: null, result: null, sentOn: '2024-03-01' };
    const pass = { result: 'dat' as const, grade: 'kha' as const, resultOn: '2024-05-01' };
    expect(resultAllowed(e, pass).ok).toBe(true);
    expect(resultAllowed({ ...e, result: 'dat' }, pass)).toMatchObject({ ok: false, code: 'RESULT_RECORDED' });
    expect(resultAllowed({ ...e, withdrawnOn: '2024-04-01' }, pass)).toMatchObject({ ok: false, code: 'ENROLMENT_WITHDRAWN' });
    expect(resultAllowed(e, { ...pass, result: 'khong_dat' })).toMatchObject({ ok: false, field: 'grade' });
    expect(resultAllowed(e, { ...pass, resultOn: '2024-02-01' })).toMatchObject({ ok: false, field: 'resultOn' });
    expect(withdrawalAllowed(e, '2024-04-01').ok).toBe(true);
    expect(withdrawalAllowed({ ...e, result: 'dat' }, '2024-04-01').ok).toBe(false);
    expect(withdrawalAllowed(e, '2024-01-01')).toMatchObject({ ok: false, field: 'date' });
    expect(enrolmentStatus({ withdrawnOn: null, result: null })).toBe('dang_hoc');
    expect(enrolmentStatus({ withdrawnOn: '2024-04-01', result: null })).toBe('rut');
    expect(enrolmentStatus({ withdrawnOn: null, result: 'khong_dat' })).toBe('khong_dat');
  });
});

describe('result → qualification level', () => {
  it('maps a passed theory course to its level, and nothing else to a level', () => {
    expect(qualificationFromResult('so_cap', 'dat')).toEqual({ kind: 'ly_luan_chinh_tri', level: 'so_cap' });
    expect(qualificationFromResult('trung_cap', 'dat')).toEqual({ kind: 'ly_luan_chinh_tri', level: 'trung_cap' });
    expect(qualificationFromResult('cao_cap', 'dat')).toEqual({ kind: 'ly_luan_chinh_tri', level: 'cao_cap' });
    expect(qualificationFromResult('cu_nhan', 'dat')).toEqual({ kind: 'ly_luan_chinh_tri', level: 'cu_nhan' });
    expect(qualificationFromResult('trung_cap', 'khong_dat')).toBeNull();
    expect(qualificationFromResult('nhan_thuc', 'dat')).toBeNull();
    expect(qualificationFromResult('dang_vien_moi', 'dat')).toBeNull();
    expect(qualificationFromResult('chuyen_mon', 'dat')).toBeNull();
  });
  it('keeps the higher level; cử nhân ranks with cao cấp', () => {
    expect(theoryAfter(null, 'so_cap')).toBe('so_cap');
    expect(theoryAfter('so_cap', 'trung_cap')).toBe('trung_cap');
    expect(theoryAfter('trung_cap', 'so_cap')).toBe('trung_cap');
    expect(theoryAfter('cao_cap', 'cu_nhan')).toBe('cao_cap');
    expect(theoryAfter('cu_nhan', 'cao_cap')).toBe('cu_nhan');
    expect(theoryAfter('trung_cap', 'cu_nhan')).toBe('cu_nhan');
  });
  it('answers the level on a date from the changes after it', () => {
    const changes = [
      { on: '2022-06-01', before: 'so_cap' as const },
      { on: '2018-03-01', before: null },
    ];
    expect(theoryOn('trung_cap', changes, '2017-12-31')).toBeNull();
    expect(theoryOn('trung_cap', changes, '2018-03-01')).toBe('so_cap');
    expect(theoryOn('trung_cap', changes, '2022-05-31')).toBe('so_cap');
    expect(theoryOn('trung_cap', changes, '2022-06-01')).toBe('trung_cap');
    expect(theoryOn('cao_cap', [], '2000-01-01')).toBe('cao_cap');
  });
});

describe('counts', () => {
  it('tells people from person-times and leaves withdrawals out of the pass rate', () => {
    const t = tallyEnrolments(
      [
        { withdrawn: false, result: 'dat', grade: 'gioi', n: 3 },
        { withdrawn: false, result: 'dat', grade: null, n: 1 },
        { withdrawn: false, result: 'khong_dat', grade: null, n: 1 },
        { withdrawn: true, result: null, grade: null, n: 2 },
        { withdrawn: false, result: null, grade: null, n: 1 },
      ],
      6,
    );
    expect(t).toEqual({ personTimes: 8, people: 6, passed: 4, failed: 1, withdrawn: 2, grades: { xuat_sac: 0, gioi: 3, kha: 0, trung_binh: 0 }, passRate: 0.8 });
    expect(tallyEnrolments([], 0).passRate).toBeNull();
  });
});
