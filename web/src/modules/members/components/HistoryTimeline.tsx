import { Timeline } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { fmtDate } from '../../../ui/format';
import type { MemberHistory } from '../api';
import { mergeHistory, type HistoryItem } from '../history';
import { historyText } from '../profile';

const COLORS: Record<HistoryItem['type'], string> = { event: 'red', episode: 'blue', qualification: 'green' };

/** Decisions, cell memberships and qualifications on one line of time, oldest first. */
export function HistoryTimeline({ history }: { history: MemberHistory }) {
  const { t, lang } = useI18n();
  const items = useMemo(() => mergeHistory(history), [history]);
  if (items.length === 0) return <p>{t('members.history.empty')}</p>;
  return (
    <Timeline
      className="dv-m-timeline"
      items={items.map((item) => {
        const text = historyText(item, t, lang);
        return {
          key: item.key,
          color: COLORS[item.type],
          children: (
            <div>
              <div>
                <time dateTime={item.date} className="dv-m-tl-date">
                  {fmtDate(item.date)}
                </time>
                {' — '}
                <span className="dv-m-tl-title">{text.title}</span>
              </div>
              {text.lines.map((line, i) => (
                <div key={i} className="dv-m-tl-line">
                  {line}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
