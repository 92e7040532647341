import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { fmtDate } from '../../../ui/format';
import type { DuplicateHint } from '../api';

/**
 * The records a person may duplicate. Records in the user's scope are named and linked;
 * others are only counted, so no one learns about people outside their scope.
 */
export function DuplicateList({ hints, newTab = false }: { hints: readonly DuplicateHint[]; newTab?: boolean }) {
  const { t } = useI18n();
  const outside = hints.filter((h) => !h.inScope || !h.personId);
  return (
    <ul className="dv-m-dups">
      {hints
        .filter((h) => h.inScope && h.personId)
        .map((h) => (
          <li key={h.personId!}>
            <Link to={`/members/${h.personId}`} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
              {h.fullName}
            </Link>
            {h.birthDate ? `, ${t('members.dup.born', { date: fmtDate(h.birthDate) })}` : ''}
            {' — '}
            {h.reason === 'same_cccd' ? t('members.dup.sameCccd') : t('members.dup.sameNameBirth')}
            {newTab && <span className="sr-only"> {t('members.dup.newTab')}</span>}
          </li>
        ))}
      {outside.length > 0 && (
        <li>
          {t('members.dup.outside', { n: outside.length })}
          {' — '}
          {outside.every((h) => h.reason === 'same_cccd')
            ? t('members.dup.sameCccd')
            : outside.every((h) => h.reason === 'same_name_birth')
              ? t('members.dup.sameNameBirth')
              : `${t('members.dup.sameCccd')}; ${t('members.dup.sameNameBirth')}`}
        </li>
      )}
    </ul>
  );
}
