import { DISCIPLINE_FORM_LABELS } from '@dangvu/common';
import { Spin } from 'antd';
import { useI18n } from '../../../app/i18n';
import { fmtDate } from '../../../ui/format';
import { PageError } from '../../../ui/PageState';
import { useMemberDiscipline } from '../../inspections/api';

/** The "kỷ luật" field of form 2-HSĐV: form, decision and effective date of each decision. */
export function DisciplineList({ personId }: { personId: string }) {
  const { t, label } = useI18n();
  const q = useMemberDiscipline(personId);
  if (q.isPending) return <Spin aria-label={t('common.loading')} />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.items.length) return <p className="dv-m-empty">{t('members.discipline.none')}</p>;
  return (
    <ul className="dv-m-discipline">
      {q.data.items.map((d) => (
        <li key={d.id}>
          <strong>{label(DISCIPLINE_FORM_LABELS[d.form])}</strong>{' '}
          {t('members.discipline.decision', { no: d.decisionNo, date: fmtDate(d.decisionDate), issuer: d.issuer, from: fmtDate(d.effectiveDate) })}
        </li>
      ))}
    </ul>
  );
}
