import { describe, expect, it } from 'vitest';
import {
  attendanceCounts,
  attendanceRate,
  base64Bytes,
  existedWholeMonth,
  lastDayOf,
  meetingActionRefusal,
  meetingRollupRulesOn,
  meetingScoreProblem,
  meetingScoreRulesOn,
  MEETING_ROLLUP_2012,
  MEETING_ROLLUP_DEFAULT as RULE,
  MEETING_SCORE_RULES_2012,
  MEETING_SCORE_RULES_2019 as R,
  rollupYear,
  scoreMeeting,
  type MeetingClass,
} from './meeting.js';

const full = Object.fromEntries(R.criteria.map((c) => [c.code, c.max]));
const months = (classes: (MeetingClass | null)[]) => new Map(classes.map((c, i) => [`2024-${String(i + 1).padStart(2, '0')}`, c]));

describe('meeting scoring (99-KH/TU, 100 points)', () => {
  it('criteria add up to 100 and four must have full marks', () => {
    expect(R.criteria.reduce((s, c) => s + c.max, 0)).toBe(100);
    expect(R.criteria.filter((c) => c.mustFull).map((c) => c.code).sort()).toEqual(['bien_ban', 'phat_bieu', 'thoi_gian', 'ty_le_du_hop']);
    expect(MEETING_SCORE_RULES_2012.criteria.reduce((s, c) => s + c.max, 0)).toBe(100);
  });

  it('classifies by total: Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50', () => {
    expect(scoreMeeting(R, full).cls).toBe('tot');
    const at = (total: number) => scoreMeeting(R, { ...full, noi_dung: 20 - (100 - total) }).cls;
    expect(at(90)).toBe('tot');
    expect(at(89.5)).toBe('kha');
    expect(at(80)).toBe('kha');
    expect(scoreMeeting(R, { ...full, noi_dung: 0, trinh_tu: 0, chuan_bi: 0, ket_luan: 0 }).cls).toBe('trung_binh'); // 50
    expect(scoreMeeting(R, { ...full, noi_dung: 0, trinh_tu: 0, chuan_bi: 0, ket_luan: 0, ty_le_du_hop: 14.5 }).cls).toBe('kem'); // 49,5
  });

  it('95 points with minutes short of full marks is only Khá, and says why', () => {
    const r = scoreMeeting(R, { ...full, bien_ban: 5 });
    expect(r.total).toBe(95);
    expect(r.byTotal).toBe('tot');
    expect(r.cls).toBe('kha');
    expect(r.shortOfFull.map((s) => s.code)).toEqual(['bien_ban']);
    expect(r.explanation.vi).toContain('95 điểm');
    expect(r.explanation.vi).toContain('Biên bản');
    expect(r.explanation.vi).toContain('xếp loại Khá');
  });

  it('a must-full criterion short does not lower Khá or below', () => {
    expect(scoreMeeting(R, { ...full, ty_le_du_hop: 0, noi_dung: 10 }).cls).toBe('kha'); // 75
  });

  it('the older set has no must-full criteria and its own threshold', () => {
    const r = scoreMeeting(MEETING_SCORE_RULES_2012, { chuan_bi: 17, to_chuc: 25, noi_dung: 26, ket_qua: 18 });
    expect(r.total).toBe(86);
    expect(r.cls).toBe('tot');
  });

  it('refuses missing, unknown and out-of-range criteria, naming the field', () => {
    expect(meetingScoreProblem(R, full)).toBeNull();
    expect(meetingScoreProblem(R, { ...full, bien_ban: 11 })?.field).toBe('scores.bien_ban');
    expect(meetingScoreProblem(R, { ...full, bien_ban: 2.3 })?.field).toBe('scores.bien_ban');
    const { noi_dung: _, ...partial } = full;
    expect(meetingScoreProblem(R, partial)?.field).toBe('scores.noi_dung');
    expect(meetingScoreProblem(R, { ...full, khac: 1 })?.field).toBe('scores.khac');
  });

  it('picks the rule set in force on a date', () => {
    expect(meetingScoreRulesOn('2018-06-01').id).toBe('CU-2012');
    expect(meetingScoreRulesOn('2026-06-01').id).toBe('KH99-2019');
    expect(meetingRollupRulesOn('2015-01-01').id).toBe('NAM-2012');
    expect(meetingRollupRulesOn('2026-01-01').id).toBe(RULE.id);
  });
});

describe('meeting states', () => {
  it('allows actions only from their states; a closed meeting needs reopening', () => {
    expect(meetingActionRefusal('ke_hoach', 'thong_bao')).toBeNull();
    expect(meetingActionRefusal('ke_hoach', 'diem_danh')).toContain('ghi ngày họp');
    expect(meetingActionRefusal('da_hop', 'cham_diem')).toBeNull();
    expect(meetingActionRefusal('da_dong', 'bien_ban')).toContain('Mở lại');
    expect(meetingActionRefusal('da_dong', 'mo_lai')).toBeNull();
    expect(meetingActionRefusal('da_hop', 'mo_lai')).toContain('Chỉ mở lại');
  });
});

describe('attendance counts', () => {
  it('counts exempt members apart and outside the rate', () => {
    const c = attendanceCounts(
      [
        { status: 'co_mat', exempt: false },
        { status: 'co_mat', exempt: false },
        { status: 'vang_co_ly_do', exempt: false },
        { status: 'vang_khong_ly_do', exempt: false },
        { status: 'vang_co_ly_do', exempt: true },
        { status: 'co_mat', exempt: true },
      ],
      [{ kind: 'khach' }, { kind: 'cap_tren' }],
    );
    expect(c).toEqual({ members: 6, present: 2, excused: 1, unexcused: 1, exempt: 2, exemptPresent: 1, guests: 1, higher: 1 });
    expect(attendanceRate(c)).toBe(0.5);
    expect(attendanceRate({ present: 0, excused: 0, unexcused: 0 })).toBeNull();
  });
  it('measures base64 without decoding', () => {
    expect(base64Bytes(Buffer.from('xin chào').toString('base64'))).toBe(Buffer.byteLength('xin chào'));
    expect(base64Bytes(Buffer.alloc(10).toString('base64'))).toBe(10);
  });
});

describe('yearly roll-up (default rule)', () => {
  it('Tốt with 2/3 of months Tốt and none Kém', () => {
    const r = rollupYear(RULE, months(['tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'kha', 'kha', 'kha', 'kha']));
    expect(r.cls).toBe('tot');
    expect(r.judged).toBe(12);
  });
  it('one Kém month keeps it from Tốt but allows Khá', () => {
    expect(rollupYear(RULE, months(['tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'kem'])).cls).toBe('kha');
  });
  it('Trung bình when neither Tốt nor Khá reaches 2/3, Kém above 1/3 Kém', () => {
    expect(rollupYear(RULE, months(['tot', 'tot', 'kha', 'kha', 'trung_binh', 'trung_binh', 'trung_binh', 'trung_binh', 'trung_binh', 'tot', 'tot', 'kha'])).cls).toBe('trung_binh');
    expect(rollupYear(RULE, months(['kem', 'kem', 'kem', 'kem', 'kem', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot'])).cls).toBe('kem');
  });
  it('a judged month without a scored meeting counts as Kém and is explained', () => {
    const r = rollupYear(RULE, months(['tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'tot', null]));
    expect(r.missing).toBe(1);
    expect(r.counts.kem).toBe(1);
    expect(r.cls).toBe('kha');
    expect(r.explanation.vi).toContain('không có buổi thường kỳ');
  });
  it('the older rule counts missing months as Trung bình', () => {
    expect(rollupYear(MEETING_ROLLUP_2012, months(['tot', 'tot', 'tot', 'tot', 'tot', 'tot', 'kha', 'kha', 'kha', 'kha', 'kha', null])).cls).toBe('tot');
  });
});

describe('partial years', () => {
  it('counts only months the cell existed in full', () => {
    // Established 15 March, dissolved (merged away) 1 October: April … September.
    const periods = [{ from: '2024-03-15', to: '2024-10-01' }];
    const judged = ['2024-03', '2024-04', '2024-09', '2024-10'].map((m) => existedWholeMonth(periods, m));
    expect(judged).toEqual([false, true, true, false]);
    expect(lastDayOf('2024-02')).toBe('2024-02-29');
    expect(lastDayOf('2023-12')).toBe('2023-12-31');
  });
  it('classifies six or more months and states how many counted', () => {
    const r = rollupYear(RULE, months(['tot', 'tot', 'tot', 'tot', 'kha', 'tot']));
    expect(r.cls).toBe('tot');
    expect(r.notJudged).toBe(6);
    expect(r.explanation.vi).toContain('Chỉ tính 6/12 tháng');
  });
  it('below six months is "chưa đủ thời gian xếp loại"', () => {
    const r = rollupYear(RULE, months(['tot', 'tot', 'tot', 'tot', 'tot']));
    expect(r.cls).toBe('chua_du_thoi_gian');
    expect(r.explanation.vi).toContain('chưa đủ thời gian xếp loại');
  });
});
