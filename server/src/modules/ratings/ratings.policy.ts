import {
  isRatingLevelOf,
  ratingDisciplineConflict,
  ratingLevelFromScore,
  ratingScoreConflict,
  ratingStep,
  RATING_LEVEL_LABELS,
  RATING_STEP_LABELS,
  RATING_STEP_NEEDS_LEVEL,
  type RatingDisciplineFact,
  type RatingLevel,
  type RatingRuleSet,
  type RatingState,
  type RatingStepKind,
  type RatingSubject,
} from '@dangvu/common';

const fmt = (iso: string) => iso.split('-').reverse().join('/');

export interface StepProblem {
  code: string;
  field: string;
  message: string;
}

export interface StepDraft {
  step: RatingStepKind;
  date: string;
  level: RatingLevel | null;
  score: number | null;
  excellentConditions: boolean;
  decisionDate: string | null;
}

/**
 * Everything that makes a step wrong without looking at other ratings (the cap needs the unit,
 * see the service). Returns the first problem, or null. Shared by the single-step routes and
 * the cell table, so both refuse the same things with the same words.
 */
export function stepProblem(
  rules: RatingRuleSet,
  subject: RatingSubject,
  year: number,
  state: RatingState,
  d: StepDraft,
  discipline: RatingDisciplineFact | null,
  today: string,
  levelField = 'ratingLevel',
  scoreField = 'score',
): StepProblem | null {
  const move = ratingStep(state, d.step);
  if (!move.ok) return { code: 'RATING_STEP_REFUSED', field: 'step', message: `${RATING_STEP_LABELS[d.step].vi}: ${move.message}` };
  if (year > Number(today.slice(0, 4))) return { code: 'RATING_YEAR_IN_FUTURE', field: 'year', message: `Chưa thể đánh giá năm ${year}.` };
  if (d.date > today) return { code: 'DATE_IN_FUTURE', field: 'date', message: 'Ngày thực hiện không được sau ngày hôm nay.' };
  if (d.date < `${year}-01-01`) return { code: 'DATE_BEFORE_YEAR', field: 'date', message: `Ngày thực hiện phải từ 01/01/${year} trở đi.` };
  if (d.decisionDate && d.decisionDate > today) return { code: 'DATE_IN_FUTURE', field: 'decisionDate', message: 'Ngày quyết định không được sau ngày hôm nay.' };
  if (d.decisionDate && d.decisionDate < `${year}-01-01`)
    return { code: 'DATE_BEFORE_YEAR', field: 'decisionDate', message: `Ngày quyết định phải từ 01/01/${year} trở đi (sau ${fmt(`${year}-01-01`)}).` };
  if (d.score !== null && !rules.scoreBands)
    return { code: 'RATING_NOT_SCORED', field: scoreField, message: `Năm ${year} xếp loại theo ${rules.name}, không chấm điểm; hãy bỏ trống điểm.` };
  if (!RATING_STEP_NEEDS_LEVEL[d.step]) return null;
  const level = d.level ?? (d.score !== null ? ratingLevelFromScore(rules, subject, d.score, d.excellentConditions) : null);
  if (!level) return { code: 'RATING_LEVEL_REQUIRED', field: levelField, message: 'Cần chọn mức xếp loại (hoặc ghi điểm để hệ thống gợi ý).' };
  if (!isRatingLevelOf(rules, subject, level))
    return {
      code: 'RATING_LEVEL_NOT_IN_SCALE',
      field: levelField,
      message: `Mức "${RATING_LEVEL_LABELS[level as RatingLevel].vi}" không thuộc thang xếp loại năm ${year} (${rules.name}); chọn một trong: ${rules.scales[subject].map((l) => RATING_LEVEL_LABELS[l].vi).join('; ')}.`,
    };
  const byScore = ratingScoreConflict(rules, subject, level, d.score, d.excellentConditions);
  if (byScore) return { code: 'RATING_SCORE_MISMATCH', field: levelField, message: byScore };
  const byDiscipline = ratingDisciplineConflict(rules, subject, level, year, discipline);
  if (byDiscipline) return { code: 'RATING_DISCIPLINED', field: levelField, message: byDiscipline };
  return null;
}

/** The level a step records: the one chosen, or the one the score gives. */
export function stepLevel(rules: RatingRuleSet, subject: RatingSubject, d: Pick<StepDraft, 'level' | 'score' | 'excellentConditions'>): RatingLevel | null {
  return d.level ?? (d.score !== null ? ratingLevelFromScore(rules, subject, d.score, d.excellentConditions) : null);
}
