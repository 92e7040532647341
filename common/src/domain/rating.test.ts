import { describe, expect, it } from 'vitest';
import {
  checkExcellentCap,
  ratingDisciplineConflict,
  ratingLevelFromScore,
  ratingScoreConflict,
  ratingStep,
  ratingTier,
  ruleSetForYear,
  suggestedRatingExemption,
  RATING_LEVEL_TIER,
  RATING_LEVELS,
  RATING_RULE_SETS,
  RATING_STATES,
  RATING_STEPS,
  RATING_SUBJECTS,
  RATING_TRANSITIONS,
} from './rating.js';

const discipline = { form: 'khien_trach', decisionNo: '05-QĐ/ĐU', decisionDate: '2024-03-10', issuer: 'Đảng ủy xã Pa Tần', effectiveDate: '2024-03-10' };

describe('rule sets by year', () => {
  it('chooses the scale in force each year, old before 2018', () => {
    expect(ruleSetForYear(2016).id).toBe('TRUOC-2018');
    expect(ruleSetForYear(2017).id).toBe('TRUOC-2018');
    expect(ruleSetForYear(2018).id).toBe('QD132-2018');
    expect(ruleSetForYear(2022).id).toBe('QD132-2018');
    expect(ruleSetForYear(2023).id).toBe('QD124-2023');
    expect(ruleSetForYear(2025).id).toBe('QD366-2025');
    expect(ruleSetForYear(2031).id).toBe('QD366-2025');
    expect(ruleSetForYear(2016).scales.to_chuc[0]).toBe('cu_tsvm');
    expect(ruleSetForYear(2016).scales.dang_vien[0]).toBe('cu_dtc_xs');
  });

  it('applies a province variation of the cap from its year on, never to a scale without a cap', () => {
    const settings = [{ fromYear: 2020, capPercent: 15 }, { fromYear: 2024, capPercent: 25 }];
    expect(ruleSetForYear(2019, settings).capShare).toBe(0.2);
    expect(ruleSetForYear(2021, settings).capShare).toBe(0.15);
    expect(ruleSetForYear(2025, settings).capShare).toBe(0.25);
    expect(ruleSetForYear(2016, [{ fromYear: 2010, capPercent: 30 }]).capShare).toBeNull();
  });

  it('maps every level of every scale to a tier 1–4, four levels per scale with one of each tier', () => {
    for (const l of RATING_LEVELS) expect([1, 2, 3, 4]).toContain(RATING_LEVEL_TIER[l]);
    for (const r of Object.values(RATING_RULE_SETS))
      for (const s of RATING_SUBJECTS) expect(r.scales[s].map(ratingTier)).toEqual([1, 2, 3, 4]);
    expect(ratingTier('cu_tsvm')).toBe(ratingTier('htxs'));
    expect(ratingTier('cu_dtc_tot')).toBe(ratingTier('htt'));
    expect(ratingTier('cu_yeu_kem')).toBe(ratingTier('kht'));
  });
});

describe('QĐ 366: levels from scores at the boundaries', () => {
  const r = RATING_RULE_SETS['QD366-2025']!;
  it.each([
    [100, true, 'htxs'],
    [90, true, 'htxs'],
    [90, false, 'htt'],
    [89.9, true, 'htt'],
    [70, false, 'htt'],
    [69.9, false, 'ht'],
    [50, false, 'ht'],
    [49.9, false, 'kht'],
    [0, false, 'kht'],
  ] as const)('%s points (conditions %s) → %s', (score, cond, level) => {
    expect(ratingLevelFromScore(r, 'dang_vien', score, cond)).toBe(level);
  });
  it('gives no level from a score under a set that does not score', () => {
    expect(ratingLevelFromScore(RATING_RULE_SETS['QD124-2023']!, 'dang_vien', 95, true)).toBeNull();
  });
  it('refuses a level above the score band, allows one below', () => {
    expect(ratingScoreConflict(r, 'dang_vien', 'htt', 72, false)).toBeNull();
    expect(ratingScoreConflict(r, 'dang_vien', 'ht', 95, true)).toBeNull();
    expect(ratingScoreConflict(r, 'dang_vien', 'htt', 65, false)).toMatch(/Điểm 65 chỉ đạt mức "Hoàn thành nhiệm vụ"/);
    expect(ratingScoreConflict(r, 'dang_vien', 'htxs', 92, false)).toMatch(/điều kiện/);
    expect(ratingScoreConflict(r, 'dang_vien', 'htxs', 92, true)).toBeNull();
  });
});

describe('the cap on "xuất sắc"', () => {
  const r = RATING_RULE_SETS['QD132-2018']!;
  it('allows up to 20 % of those rated HTT or better, rounded down', () => {
    expect(checkExcellentCap(r, 2, 10, 'Chi bộ A', 2020).ok).toBe(true);
    expect(checkExcellentCap(r, 2, 9, 'Chi bộ A', 2020).ok).toBe(false);
    expect(checkExcellentCap(r, 1, 4, 'Chi bộ A', 2020)).toMatchObject({ ok: false, allowed: 0 });
  });
  it('explains the refusal with numerator and denominator', () => {
    const c = checkExcellentCap(r, 3, 12, 'Chi bộ bản Nậm Cười', 2020);
    expect(c).toMatchObject({ ok: false, excellent: 3, base: 12, allowed: 2 });
    expect(c.message).toContain('tối đa 20% của 12');
    expect(c.message).toContain('tức 2');
    expect(c.message).toContain('3/12');
    expect(c.message).toContain('Chi bộ bản Nậm Cười năm 2020');
  });
  it('follows a province share and does not apply to the old scale', () => {
    expect(checkExcellentCap(ruleSetForYear(2020, [{ fromYear: 2019, capPercent: 30 }]), 3, 10, 'X', 2020).ok).toBe(true);
    expect(checkExcellentCap(RATING_RULE_SETS['TRUOC-2018']!, 9, 10, 'X', 2016).ok).toBe(true);
  });
});

describe('discipline', () => {
  const r = RATING_RULE_SETS['QD124-2023']!;
  it('keeps a member disciplined in the year at most "hoàn thành", naming the decision', () => {
    expect(ratingDisciplineConflict(r, 'dang_vien', 'ht', 2024, discipline)).toBeNull();
    expect(ratingDisciplineConflict(r, 'dang_vien', 'kht', 2024, discipline)).toBeNull();
    const m = ratingDisciplineConflict(r, 'dang_vien', 'htt', 2024, discipline);
    expect(m).toContain('05-QĐ/ĐU');
    expect(m).toContain('10/03/2024');
    expect(m).toContain('khiển trách');
    expect(m).toContain('"Hoàn thành nhiệm vụ"');
    expect(ratingDisciplineConflict(r, 'dang_vien', 'htt', 2024, null)).toBeNull();
  });
  it('uses the old scale words for old years', () => {
    expect(ratingDisciplineConflict(RATING_RULE_SETS['TRUOC-2018']!, 'dang_vien', 'cu_dtc_tot', 2016, discipline)).toContain('Đủ tư cách, hoàn thành nhiệm vụ');
  });
});

describe('the flow', () => {
  it('allows each step only from its states', () => {
    for (const s of RATING_STATES)
      for (const step of RATING_STEPS) expect(ratingStep(s, step).ok, `${step} from ${s}`).toBe(RATING_TRANSITIONS[step].from.includes(s));
    expect(ratingStep('moi', 'quyet_dinh')).toMatchObject({ ok: false });
    expect(ratingStep('de_xuat', 'quyet_dinh')).toEqual({ ok: true, to: 'quyet_dinh' });
    expect(ratingStep('quyet_dinh', 'de_xuat')).toMatchObject({ ok: false, message: expect.stringMatching(/điều chỉnh/) });
    expect(ratingStep('quyet_dinh', 'dieu_chinh')).toEqual({ ok: true, to: 'quyet_dinh' });
  });
  it('suggests an exemption for recent admissions and exempted members', () => {
    expect(suggestedRatingExemption(2024, { admittedOn: '2024-09-02', activity: 'binh_thuong' })).toBe('moi_ket_nap');
    expect(suggestedRatingExemption(2024, { admittedOn: '2024-07-01', activity: 'binh_thuong' })).toBe('moi_ket_nap');
    expect(suggestedRatingExemption(2024, { admittedOn: '2024-06-30', activity: 'binh_thuong' })).toBeNull();
    expect(suggestedRatingExemption(2024, { admittedOn: '2010-01-01', activity: 'mien_sinh_hoat' })).toBe('mien_sinh_hoat');
  });
});
