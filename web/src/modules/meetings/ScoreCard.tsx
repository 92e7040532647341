import { MEETING_CLASS_LABELS, scoreMeeting } from '@dangvu/common';
import { Alert, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { ActionError, useMeetingAction } from './actions';
import type { MeetingDetail } from './api';
import { ClassTag } from './ClassTag';

/**
 * Points per criterion of the meeting's rule set; the class and its reason are computed with the
 * same rule as the server while typing, so "95 điểm nhưng chỉ Khá" is explained before saving.
 */
export function ScoreCard({ m, editable }: { m: MeetingDetail; editable: boolean }) {
  const { t, label } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const [scores, setScores] = useState<Record<string, number | null>>(() => Object.fromEntries(m.rules.criteria.map((c) => [c.code, m.scores?.[c.code] ?? null])));
  const complete = m.rules.criteria.every((c) => typeof scores[c.code] === 'number');
  const rules = { ...m.rules, validFrom: '' };
  const live = complete ? scoreMeeting(rules, scores as Record<string, number>) : null;
  const shown = editable ? live : m.result;
  return (
    <Card title={`${t('meetings.d.score')} · ${t('meetings.d.rules', { name: label(m.rules.name) })}`} size="small" style={{ marginBottom: 16 }}>
      {m.rules.criteria.map((c) => (
        <div className="dv-m-crit" key={c.code}>
          <div className="dv-m-crit-name">
            {label(c.label)}
            {c.mustFull && <Typography.Text type="warning"> ({t('meetings.d.mustFull')})</Typography.Text>}
          </div>
          {editable ? (
            <InputNumber aria-label={label(c.label)} min={0} max={c.max} step={0.5} value={scores[c.code]} onChange={(v) => setScores({ ...scores, [c.code]: v ?? null })} decimalSeparator="," />
          ) : (
            <span>{m.scores ? fmtNumber(m.scores[c.code] ?? 0) : '—'}</span>
          )}
          <span className="dv-m-muted">
            / {c.max}
          </span>
        </div>
      ))}
      {shown && (
        <Alert
          style={{ marginTop: 12 }}
          type={shown.cls === 'tot' ? 'success' : shown.cls === 'kha' ? 'info' : 'warning'}
          data-testid="score-result"
          message={
            <Space wrap>
              <strong>{t('meetings.d.total', { total: fmtNumber(shown.total) })}</strong>
              <ClassTag cls={shown.cls} />
              <span>{label(MEETING_CLASS_LABELS[shown.cls])}</span>
            </Space>
          }
          description={label(shown.explanation)}
        />
      )}
      {editable && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button onClick={() => setScores(Object.fromEntries(m.rules.criteria.map((c) => [c.code, c.max])))}>{t('meetings.d.fullMarks')}</Button>
          <Button type="primary" disabled={!complete} loading={busy} onClick={() => void run('score', { scores })}>
            {t('meetings.d.saveScore')}
          </Button>
        </Space>
      )}
      <ActionError error={error} />
    </Card>
  );
}
