import { COHORT_STATE_LABELS, TRAINING_GRADE_LABELS, TRAINING_GRADES, TRAINING_RESULT_LABELS, type CohortState, type TrainingResult } from '@dangvu/common';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import type { Tally } from './api';

const STATE_COLOR: Record<CohortState, string> = { ke_hoach: 'default', dang_hoc: 'processing', ket_thuc: 'success' };

export function CohortStateTag({ state }: { state: string }) {
  const { label } = useI18n();
  return <Tag color={STATE_COLOR[state as CohortState] ?? 'default'}>{label(COHORT_STATE_LABELS[state as CohortState], state)}</Tag>;
}

export function EnrolmentStatusTag({ status }: { status: string }) {
  const { t, label } = useI18n();
  if (status === 'rut') return <Tag>{t('training.status.rut')}</Tag>;
  if (status === 'dang_hoc') return <Tag color="processing">{t('training.status.dang_hoc')}</Tag>;
  return <Tag color={status === 'dat' ? 'success' : 'error'}>{label(TRAINING_RESULT_LABELS[status as TrainingResult], status)}</Tag>;
}

/**
 * Person-times and people side by side, so nobody reads one for the other; the pass rate shows
 * its numerator and denominator.
 */
export function TallyView({ tally, cohorts }: { tally: Tally; cohorts?: number }) {
  const { t, label } = useI18n();
  const decided = tally.passed + tally.failed;
  const items: [string, string][] = [
    ...(cohorts === undefined ? [] : ([[t('training.t.cohorts'), fmtNumber(cohorts)]] as [string, string][])),
    [t('training.t.personTimes'), fmtNumber(tally.personTimes)],
    [t('training.t.people'), fmtNumber(tally.people)],
    [t('training.t.passed'), tally.passRate === null ? fmtNumber(tally.passed) : `${fmtNumber(tally.passed)}/${fmtNumber(decided)} (${fmtNumber(tally.passRate * 100, 1)}%)`],
    [t('training.t.failed'), fmtNumber(tally.failed)],
    [t('training.t.withdrawn'), fmtNumber(tally.withdrawn)],
    ...TRAINING_GRADES.map((g) => [label(TRAINING_GRADE_LABELS[g]), fmtNumber(tally.grades[g] ?? 0)] as [string, string]),
  ];
  return (
    <dl className="dv-tr-tally" data-testid="tally">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
