import { describe, expect, it } from 'vitest';
import { checkAppointment, checkPostEnd, checkTerm, checkUnitChange, combosOf, overlaps, parseFlags, termReminders, type AppointmentContext, type ExistingPost } from './cadres.js';

const today = '2025-09-01';
const active = { standing: 'dang_sinh_hoat' as const, activity: 'binh_thuong' as const };
const ctx = (over: Partial<AppointmentContext> = {}): AppointmentContext => ({ today, holder: active, hostUnit: null, term: null, posts: [], ...over });
const post = (over: Partial<ExistingPost>): ExistingPost => ({ id: 'p1', personId: 'a', personName: 'Lò Văn A', title: 'bi_thu', orgId: 'o1', hostUnitId: null, from: '2020-05-01', to: null, ...over });
const appoint = { personId: 'b', title: 'bi_thu' as const, orgId: 'o1', hostUnitId: null, from: '2025-06-01', to: null };

describe('periods', () => {
  it('treats [from, to) as half-open and null as open', () => {
    expect(overlaps({ from: '2020-01-01', to: '2021-01-01' }, { from: '2021-01-01', to: null })).toBe(false);
    expect(overlaps({ from: '2020-01-01', to: null }, { from: '2030-01-01', to: null })).toBe(true);
    expect(overlaps({ from: '2020-01-01', to: '2020-06-01' }, { from: '2019-01-01', to: '2020-01-02' })).toBe(true);
  });
});

describe('appointments', () => {
  it('accepts an active member as secretary of an organization without one', () => {
    expect(checkAppointment(appoint, ctx())).toBeNull();
  });
  it('refuses party posts to non-members, exempted members and members working away', () => {
    expect(checkAppointment(appoint, ctx({ holder: { standing: null, activity: null } }))?.code).toBe('NOT_ACTIVE_MEMBER');
    expect(checkAppointment(appoint, ctx({ holder: { standing: 'tu_tran', activity: null } }))?.code).toBe('NOT_ACTIVE_MEMBER');
    expect(checkAppointment(appoint, ctx({ holder: { standing: 'dang_sinh_hoat', activity: 'mien_sinh_hoat' } }))?.code).toBe('MEMBER_NOT_AVAILABLE');
    expect(checkAppointment(appoint, ctx({ holder: { standing: 'dang_sinh_hoat', activity: 'lam_an_xa' } }))?.field).toBe('personId');
  });
  it('lets non-members head a village, but only a village', () => {
    const head = { ...appoint, title: 'truong_thon' as const, hostUnitId: 'u1' };
    const none = { standing: null, activity: null };
    expect(checkAppointment(head, ctx({ holder: none, hostUnit: { kind: 'thon_ban', alive: true } }))).toBeNull();
    expect(checkAppointment(head, ctx({ holder: none, hostUnit: null }))?.code).toBe('HOST_UNIT_REQUIRED');
    expect(checkAppointment(head, ctx({ holder: none, hostUnit: { kind: 'truong_hoc', alive: true } }))?.code).toBe('HOST_UNIT_KIND');
    expect(checkAppointment(head, ctx({ holder: none, hostUnit: { kind: 'thon_ban', alive: false } }))?.code).toBe('HOST_UNIT_ENDED');
  });
  it('refuses a second secretary unless the first one is handed over the same day', () => {
    const first = post({});
    const r = checkAppointment(appoint, ctx({ posts: [first] }));
    expect(r?.code).toBe('SECOND_HOLDER');
    expect(r?.message).toContain('Lò Văn A');
    expect(checkAppointment({ ...appoint, replacePostId: 'p1' }, ctx({ posts: [first] }))).toBeNull();
    // Ended the day before the new one starts: no clash.
    expect(checkAppointment(appoint, ctx({ posts: [post({ to: '2025-06-01' })] }))).toBeNull();
    expect(checkAppointment(appoint, ctx({ posts: [post({ to: '2025-06-02' })] }))?.code).toBe('SECOND_HOLDER');
    // A handover needs the replaced post to be running on the day.
    expect(checkAppointment({ ...appoint, replacePostId: 'p1' }, ctx({ posts: [post({ from: '2025-07-01' })] }))?.code).toBe('REPLACED_POST_DATES');
    expect(checkAppointment({ ...appoint, replacePostId: 'p1' }, ctx({ posts: [post({ title: 'pho_bi_thu' })] }))?.code).toBe('REPLACED_POST_MISMATCH');
  });
  it('allows several deputies but not the same person twice over overlapping dates', () => {
    const deputy = { ...appoint, title: 'pho_bi_thu' as const };
    expect(checkAppointment(deputy, ctx({ posts: [post({ title: 'pho_bi_thu' })] }))).toBeNull();
    expect(checkAppointment(deputy, ctx({ posts: [post({ title: 'pho_bi_thu', personId: 'b' })] }))?.code).toBe('POST_OVERLAP');
  });
  it('refuses future dates, reversed periods and dates outside the term', () => {
    expect(checkAppointment({ ...appoint, from: '2025-09-02' }, ctx())?.code).toBe('DATE_IN_FUTURE');
    expect(checkAppointment({ ...appoint, to: '2025-05-01' }, ctx())?.field).toBe('validTo');
    expect(checkAppointment(appoint, ctx({ term: { from: '2025-07-01', to: null } }))?.code).toBe('OUTSIDE_TERM');
    expect(checkAppointment(appoint, ctx({ term: { from: '2020-07-01', to: '2025-06-01' } }))?.code).toBe('OUTSIDE_TERM');
  });
  it('ends a post only after it started and not in the future', () => {
    expect(checkPostEnd({ from: '2020-01-01', to: null }, '2020-01-01', today)?.code).toBe('END_BEFORE_START');
    expect(checkPostEnd({ from: '2020-01-01', to: null }, '2026-01-01', today)?.code).toBe('DATE_IN_FUTURE');
    expect(checkPostEnd({ from: '2020-01-01', to: '2021-01-01' }, '2022-01-01', today)?.code).toBe('POST_ALREADY_ENDED');
    expect(checkPostEnd({ from: '2020-01-01', to: null }, '2024-01-01', today)).toBeNull();
  });
});

describe('terms', () => {
  const t = (id: string, orgId: string, startDate: string, plannedEndDate: string, endDate: string | null = null) => ({ id, orgId, startDate, plannedEndDate, endDate });
  it('refuses overlapping terms and reversed dates', () => {
    const old = t('a', 'o', '2020-06-01', '2025-06-01');
    expect(checkTerm({ startDate: '2025-05-01', plannedEndDate: '2030-05-01', endDate: null }, [old], today)?.code).toBe('TERM_OVERLAP');
    expect(checkTerm({ startDate: '2025-05-01', plannedEndDate: '2030-05-01', endDate: null }, [{ ...old, endDate: '2025-05-01' }], today)).toBeNull();
    expect(checkTerm({ startDate: '2025-05-01', plannedEndDate: '2025-05-01', endDate: null }, [], today)?.field).toBe('plannedEndDate');
    expect(checkTerm({ startDate: '2025-10-01', plannedEndDate: '2030-05-01', endDate: null }, [], today)?.code).toBe('DATE_IN_FUTURE');
  });
  it('reminds of terms ending within N months or past their end without a successor', () => {
    const terms = [
      t('soon', 'o1', '2021-01-01', '2026-01-15'),
      t('late', 'o2', '2020-01-01', '2025-08-01'),
      t('ended', 'o3', '2020-01-01', '2025-05-01', '2025-05-01'),
      t('replaced', 'o4', '2020-01-01', '2025-05-01', '2025-05-01'),
      t('new', 'o4', '2025-05-01', '2030-05-01'),
      t('far', 'o5', '2025-01-01', '2030-01-01'),
    ];
    const r = termReminders(terms, today);
    expect(r.map((x) => [x.term.id, x.reminder])).toEqual([
      ['ended', 'overdue'],
      ['late', 'overdue'],
      ['soon', 'due_soon'],
    ]);
    expect(termReminders(terms, today, 2).map((x) => x.term.id)).toEqual(['ended', 'late']);
  });
});

describe('concurrent posts', () => {
  it('names the combinations the reports count', () => {
    expect(combosOf([{ title: 'bi_thu', orgId: 'c', orgKind: 'chi_bo_truc_thuoc' }, { title: 'truong_thon', orgId: 'x', orgKind: 'dang_uy_xa' }])).toEqual(['bi_thu_chi_bo_kiem_truong_thon']);
    expect(combosOf([{ title: 'pho_bi_thu', orgId: 'x', orgKind: 'dang_uy_xa' }, { title: 'chu_tich_hdnd', orgId: 'x', orgKind: 'dang_uy_xa' }])).toEqual(['thuong_truc_kiem_chu_tich_hdnd']);
    expect(combosOf([{ title: 'bi_thu', orgId: 'x', orgKind: 'dang_uy_xa' }, { title: 'chu_tich_ubnd', orgId: 'y', orgKind: 'dang_uy_xa' }])).toEqual([]);
    expect(combosOf([{ title: 'bi_thu', orgId: 'x', orgKind: 'dang_uy_xa' }, { title: 'truong_thon', orgId: 'x', orgKind: 'dang_uy_xa' }])).toEqual([]);
  });
});

describe('host units', () => {
  it('keeps history: no change on or before the last one, none in the future, none after the end', () => {
    const u = { from: '2000-01-01', to: null, lastChange: '2020-01-01' };
    expect(checkUnitChange(u, '2020-01-01', today)?.code).toBe('BEFORE_LAST_CHANGE');
    expect(checkUnitChange(u, '2025-09-02', today)?.code).toBe('DATE_IN_FUTURE');
    expect(checkUnitChange({ ...u, to: '2024-01-01' }, '2025-01-01', today)?.code).toBe('UNIT_ENDED');
    expect(checkUnitChange(u, '2020-01-02', today)).toBeNull();
  });
  it('reads flags leniently', () => {
    expect(parseFlags('{"bien_gioi":true}')).toEqual({ bien_gioi: true, dtts: false, dbkk: false });
    expect(parseFlags('oops')).toEqual({ bien_gioi: false, dtts: false, dbkk: false });
    expect(parseFlags(null).dtts).toBe(false);
  });
});
