import { describe, expect, it } from 'vitest';
import { badgeAwardProblem, badgeRuleSetFor, badgesDueInYear, nextBadgeAwardDay, partyAgeMilestone } from './award.js';

describe('party-age milestones', () => {
  it('counts from the admission decision', () => {
    expect(partyAgeMilestone([{ from: '1996-05-19', to: null }], 30)).toBe('2026-05-19');
  });
  it('uses the last day of February for a 29 February admission', () => {
    expect(partyAgeMilestone([{ from: '1996-02-29', to: null }], 30)).toBe('2026-02-28');
  });
  it('moves the milestone later by the time outside the Party', () => {
    // Struck off 2000-01-01, readmitted 2001-01-01 (366 days, 2000 was leap).
    const periods = [
      { from: '1990-03-10', to: '2000-01-01' },
      { from: '2001-01-01', to: null },
    ];
    expect(partyAgeMilestone(periods, 30)).toBe('2021-03-11');
  });
  it('ignores a gap after the milestone and refuses someone outside the Party on the day', () => {
    expect(partyAgeMilestone([{ from: '1980-01-01', to: '2015-06-01' }, { from: '2016-01-01', to: null }], 30)).toBe('2010-01-01');
    expect(partyAgeMilestone([{ from: '1990-01-01', to: '2010-01-01' }], 30)).toBeNull();
    expect(partyAgeMilestone([], 30)).toBeNull();
  });
});

describe('badges due in a year', () => {
  const rules = badgeRuleSetFor(2026);
  it('lists the milestone reached in the year, at the year boundaries', () => {
    expect(badgesDueInYear([{ from: '1996-01-01', to: null }], 2026, new Set(), rules)).toEqual([{ milestone: 30, reachedOn: '2026-01-01', awardDay: '2026-02-03' }]);
    expect(badgesDueInYear([{ from: '1996-12-31', to: null }], 2026, new Set(), rules)).toEqual([{ milestone: 30, reachedOn: '2026-12-31', awardDay: '2027-02-03' }]);
    expect(badgesDueInYear([{ from: '1997-01-01', to: null }], 2026, new Set(), rules)).toEqual([]);
    expect(badgesDueInYear([{ from: '1995-12-31', to: null }], 2026, new Set(), rules)).toEqual([]);
  });
  it('skips a milestone already received, and years between milestones', () => {
    expect(badgesDueInYear([{ from: '1986-06-01', to: null }], 2026, new Set([40]), rules)).toEqual([]);
    expect(badgesDueInYear([{ from: '1991-06-01', to: null }], 2026, new Set(), rules)).toEqual([]);
    expect(badgesDueInYear([{ from: '1981-06-01', to: null }], 2026, new Set(), rules).map((d) => d.milestone)).toEqual([45]);
  });
  it('keeps older rule sets: no 80-year badge before the longer list', () => {
    expect(badgeRuleSetFor(2015).milestones).not.toContain(80);
    expect(badgesDueInYear([{ from: '1935-03-03', to: null }], 2015, new Set(), badgeRuleSetFor(2015))).toEqual([]);
    expect(badgesDueInYear([{ from: '1945-03-03', to: null }], 2025, new Set(), rules).map((d) => d.milestone)).toEqual([80]);
    expect(badgeRuleSetFor(2026, 'HH-75').code).toBe('HH-75');
  });
  it('picks the next usual award day', () => {
    expect(nextBadgeAwardDay('2026-02-03')).toBe('2026-02-03');
    expect(nextBadgeAwardDay('2026-05-20')).toBe('2026-09-02');
    expect(nextBadgeAwardDay('2026-11-08')).toBe('2027-02-03');
  });
  it('refuses a badge before the milestone year or for a milestone that does not exist', () => {
    const p = [{ from: '1997-03-01', to: null }];
    expect(badgeAwardProblem(p, 30, '2026-11-07', rules)).toMatch(/sau năm trao/);
    expect(badgeAwardProblem(p, 30, '2027-02-03', rules)).toBeNull();
    expect(badgeAwardProblem(p, 35, '2027-02-03', rules)).toMatch(/Không có mốc/);
  });
});
