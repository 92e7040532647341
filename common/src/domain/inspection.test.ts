import { describe, expect, it } from 'vitest';
import {
  amendmentRefusal,
  caseDisciplineRefusal,
  caseShapeRefusal,
  countSubjects,
  DEFAULT_INSPECTION_RULES,
  disciplinedInYear,
  disciplineEffects,
  INSPECTION_ACTIONS,
  INSPECTION_RULES_QD22_2021,
  INSPECTION_RULES_QD30_2016,
  INSPECTION_STATES,
  inspectionActionsFrom,
  inspectionRulesOn,
  inspectionStep,
  type InspectionAction,
  type InspectionState,
} from './inspection.js';

describe('inspection case state machine', () => {
  const allowed: Record<string, InspectionState> = {
    'ke_hoach:bat_dau': 'dang_tien_hanh',
    'ke_hoach:huy': 'huy',
    'dang_tien_hanh:ket_luan': 'ket_luan',
  };
  it('allows exactly plan → in progress → concluded, and cancelling a plan', () => {
    for (const s of INSPECTION_STATES)
      for (const a of INSPECTION_ACTIONS) {
        const r = inspectionStep(s, a);
        const want = allowed[`${s}:${a}`];
        if (want) expect(r, `${s}:${a}`).toEqual({ ok: true, state: want });
        else {
          expect(r.ok, `${s}:${a}`).toBe(false);
          // The refusal names the state it needs.
          if (!r.ok) expect(r.message).toMatch(/trạng thái/);
        }
      }
  });
  it('offers the screen the same actions', () => {
    expect(inspectionActionsFrom('ke_hoach')).toEqual<InspectionAction[]>(['bat_dau', 'huy']);
    expect(inspectionActionsFrom('dang_tien_hanh')).toEqual(['ket_luan']);
    expect(inspectionActionsFrom('ket_luan')).toEqual([]);
    expect(inspectionActionsFrom('ky_luat')).toEqual([]);
  });
  it('leads to discipline only from a concluded inspection that found violations', () => {
    const r = DEFAULT_INSPECTION_RULES;
    expect(caseDisciplineRefusal({ state: 'ket_luan', activity: 'kiem_tra', violationsFound: true }, r)).toBeNull();
    expect(caseDisciplineRefusal({ state: 'ky_luat', activity: 'kiem_tra', violationsFound: true }, r)).toBeNull();
    expect(caseDisciplineRefusal({ state: 'dang_tien_hanh', activity: 'kiem_tra', violationsFound: true }, r)).toMatch(/kết luận/);
    expect(caseDisciplineRefusal({ state: 'ket_luan', activity: 'giam_sat', violationsFound: true }, r)).toMatch(/Giám sát/);
    expect(caseDisciplineRefusal({ state: 'ket_luan', activity: 'kiem_tra', violationsFound: false }, r)).toMatch(/vi phạm/);
  });
});

describe('who may take up what', () => {
  const ok = { activity: 'kiem_tra', bodyKind: 'ubkt', bodyOrgKind: 'dang_bo_co_so', subjectType: 'to_chuc', kind: 'theo_ke_hoach' } as const;
  const r = DEFAULT_INSPECTION_RULES;
  it('accepts a commission of a base committee inspecting an organization', () => expect(caseShapeRefusal(ok, r)).toBeNull());
  it('keeps "khi có dấu hiệu vi phạm" for inspections', () => {
    expect(caseShapeRefusal({ ...ok, activity: 'giam_sat', kind: 'dau_hieu_vi_pham' }, r)?.field).toBe('kind');
    expect(caseShapeRefusal({ ...ok, kind: 'dau_hieu_vi_pham' }, r)).toBeNull();
    expect(caseShapeRefusal({ ...ok, activity: 'giam_sat', kind: 'chuyen_de' }, r)).toBeNull();
  });
  it('matches the body to its organization', () => {
    expect(caseShapeRefusal({ ...ok, bodyOrgKind: 'chi_bo_co_so' }, r)?.field).toBe('bodyKind');
    expect(caseShapeRefusal({ ...ok, bodyKind: 'cap_uy', bodyOrgKind: 'chi_bo_truc_thuoc' }, r)?.field).toBe('bodyKind');
    expect(caseShapeRefusal({ ...ok, bodyKind: 'chi_bo', bodyOrgKind: 'dang_uy_xa' }, r)?.field).toBe('bodyKind');
    expect(caseShapeRefusal({ ...ok, bodyKind: 'cap_uy', bodyOrgKind: 'dang_uy_xa' }, r)).toBeNull();
  });
  it('lets a cell inspect its members only', () => {
    expect(caseShapeRefusal({ ...ok, bodyKind: 'chi_bo', bodyOrgKind: 'chi_bo_truc_thuoc' }, r)?.field).toBe('subjectType');
    expect(caseShapeRefusal({ ...ok, bodyKind: 'chi_bo', bodyOrgKind: 'chi_bo_truc_thuoc', subjectType: 'dang_vien' }, r)).toBeNull();
  });
});

describe('discipline', () => {
  it('gives each form its effect', () => {
    expect(disciplineEffects('khien_trach')).toMatchObject({ endsPosts: false, ledgerEvent: null });
    expect(disciplineEffects('canh_cao')).toMatchObject({ endsPosts: false, ledgerEvent: null });
    expect(disciplineEffects('cach_chuc')).toMatchObject({ endsPosts: true, needsPost: true, ledgerEvent: null });
    expect(disciplineEffects('khai_tru')).toMatchObject({ endsPosts: true, needsPost: false, ledgerEvent: 'khai_tru' });
  });
  it('caps the rating in the year of the effective date, even when lifted later', () => {
    const records = [{ effectiveDate: '2023-12-31' }];
    expect(disciplinedInYear(records, 2023)).toBe(true);
    expect(disciplinedInYear(records, 2024)).toBe(false);
    expect(disciplinedInYear([], 2023)).toBe(false);
  });
  it('only lightens or lifts; expulsion changes through restoration', () => {
    expect(amendmentRefusal('cach_chuc', 'giam_hinh_thuc', 'canh_cao')).toBeNull();
    expect(amendmentRefusal('canh_cao', 'giam_hinh_thuc', 'canh_cao')?.field).toBe('newForm');
    expect(amendmentRefusal('canh_cao', 'giam_hinh_thuc', null)?.field).toBe('newForm');
    expect(amendmentRefusal('canh_cao', 'xoa_ky_luat', null)).toBeNull();
    expect(amendmentRefusal('canh_cao', 'xoa_ky_luat', 'khien_trach')?.field).toBe('newForm');
    expect(amendmentRefusal('khai_tru', 'xoa_ky_luat', null)?.code).toBe('EXPULSION_NOT_AMENDABLE');
  });
});

describe('rule sets and counts', () => {
  it('applies the rule set in force on the date, keeping the older one for history', () => {
    expect(inspectionRulesOn('2018-05-01')).toBe(INSPECTION_RULES_QD30_2016);
    expect(inspectionRulesOn('2021-07-28')).toBe(INSPECTION_RULES_QD22_2021);
    expect(inspectionRulesOn('2026-01-01')).toBe(DEFAULT_INSPECTION_RULES);
  });
  it('counts a subject both inspected and supervised once in the distinct figure', () => {
    expect(
      countSubjects([
        { activity: 'kiem_tra', subjectId: 'a' },
        { activity: 'giam_sat', subjectId: 'a' },
        { activity: 'giam_sat', subjectId: 'b' },
        { activity: 'kiem_tra', subjectId: 'a' },
      ]),
    ).toEqual({ inspected: 1, supervised: 2, distinct: 2 });
  });
});
