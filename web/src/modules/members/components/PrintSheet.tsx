import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { fmtDate } from '../../../ui/format';
import type { MemberHistory } from '../api';
import { todayLocalIso } from '../filters';
import { mergeHistory } from '../history';
import { historyText, type ProfileItem, type ProfileSection } from '../profile';

/** Pairs of items per row: the printed form is a compact two-column table. */
function rows(items: ProfileItem[]): [ProfileItem, ProfileItem | undefined][] {
  const out: [ProfileItem, ProfileItem | undefined][] = [];
  for (let i = 0; i < items.length; i += 2) out.push([items[i]!, items[i + 1]]);
  return out;
}

/**
 * Form 2-HSĐV laid out for A4 paper. Hidden on screen (print.css shows it only when printing),
 * so the screen layout can stay responsive while the paper stays a fixed form.
 */
export function PrintSheet({ name, sections, history }: { name: string; sections: ProfileSection[]; history: MemberHistory | undefined }) {
  const { t, lang } = useI18n();
  const items = useMemo(() => (history ? mergeHistory(history) : []), [history]);
  return (
    <div className="dv-print-sheet" aria-hidden="true">
      <div className="dv-print-top">
        <span>{t('members.print.party')}</span>
        <span>{t('members.print.formCode')}</span>
      </div>
      <h1 className="dv-print-title">{t('members.print.title')}</h1>
      <p className="dv-print-name">{name}</p>
      {sections.map((s) => (
        <section key={s.key}>
          <h2>{s.title}</h2>
          <table className="dv-print-table">
            <colgroup>
              <col style={{ width: '18%' }} />
              <col style={{ width: '32%' }} />
              <col style={{ width: '18%' }} />
              <col style={{ width: '32%' }} />
            </colgroup>
            <tbody>
              {rows(s.items).map(([a, b]) => (
                <tr key={a.key}>
                  <th scope="row">{a.label}</th>
                  <td colSpan={b ? 1 : 3}>{a.value}</td>
                  {b && (
                    <>
                      <th scope="row">{b.label}</th>
                      <td>{b.value}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {items.length > 0 && (
        <section>
          <h2>{t('members.section.history')}</h2>
          <table className="dv-print-table dv-print-history">
            <colgroup>
              <col style={{ width: '14%' }} />
              <col style={{ width: '52%' }} />
              <col style={{ width: '34%' }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('members.history.date')}</th>
                <th scope="col">{t('members.history.what')}</th>
                <th scope="col">{t('members.history.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const text = historyText(item, t, lang);
                const rest = text.lines.filter((l) => l !== text.decision);
                return (
                  <tr key={item.key}>
                    <td>{fmtDate(item.date)}</td>
                    <td>{[text.title, ...rest].join('. ')}</td>
                    <td>{text.decision}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      <p className="dv-print-foot">{t('members.print.printedOn', { date: fmtDate(todayLocalIso()) })}</p>
    </div>
  );
}
