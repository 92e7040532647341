import { ATTENDANCE_STATUS_LABELS, ATTENDANCE_STATUSES, GUEST_KIND_LABELS, GUEST_KINDS, type AttendanceStatus, type GuestKind } from '@dangvu/common';
import { Button, Card, Input, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { ActionError, useMeetingAction } from './actions';
import type { MeetingDetail } from './api';

interface Row {
  personId: string;
  fullName: string;
  birthDate: string;
  exempt: boolean;
  status: AttendanceStatus;
  reason: string;
}

/** Attendance of every member of the cell on the meeting date, plus guests; counts come from the server. */
export function AttendanceCard({ m, editable }: { m: MeetingDetail; editable: boolean }) {
  const { t, label } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const recorded = new Map(m.attendance.map((a) => [a.personId, a]));
  const [rows, setRows] = useState<Row[]>(() =>
    (editable ? m.roster : m.attendance).map((r) => {
      const a = recorded.get(r.personId);
      return {
        personId: r.personId,
        fullName: r.fullName,
        birthDate: r.birthDate,
        exempt: r.exempt,
        status: (a?.status as AttendanceStatus | undefined) ?? (r.exempt ? 'vang_co_ly_do' : 'co_mat'),
        reason: a?.reason ?? (r.exempt ? t('meetings.d.exempt') : ''),
      };
    }),
  );
  const [guests, setGuests] = useState(m.guests.map((g) => ({ ...g, organization: g.organization ?? '', post: g.post ?? '' })));
  const setRow = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const c = m.counts;
  return (
    <Card title={t('meetings.d.attendance')} size="small" style={{ marginBottom: 16 }}>
      {c && (
        <Typography.Paragraph strong data-testid="attendance-counts">
          {t('meetings.d.counts', {
            present: c.present,
            due: c.present + c.excused + c.unexcused,
            rate: c.rate === null ? '—' : `${fmtNumber(c.rate * 100, 1)}%`,
            excused: c.excused,
            unexcused: c.unexcused,
            exempt: c.exempt,
            exemptPresent: c.exemptPresent,
            guests: c.guests,
            higher: c.higher,
          })}
        </Typography.Paragraph>
      )}
      {c && !c.fromRows && <Typography.Paragraph type="secondary">{t('meetings.d.countsOnly')}</Typography.Paragraph>}
      {editable && rows.length === 0 && <Typography.Paragraph>{t('meetings.d.noRoster')}</Typography.Paragraph>}
      {rows.map((r, i) => (
        <div className="dv-m-att" key={r.personId} data-person={r.personId}>
          <div className="dv-m-att-name">
            <strong>{r.fullName}</strong> <span className="dv-m-muted">{fmtDate(r.birthDate)}</span>
            {r.exempt && <span className="dv-m-muted"> · {t('meetings.d.exempt')}</span>}
          </div>
          {editable ? (
            <>
              <Radio.Group
                aria-label={r.fullName}
                value={r.status}
                onChange={(e) => setRow(i, { status: e.target.value as AttendanceStatus })}
                options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: label(ATTENDANCE_STATUS_LABELS[s]) }))}
              />
              {r.status === 'vang_co_ly_do' && (
                <Input aria-label={`${t('meetings.d.reason')} ${r.fullName}`} placeholder={t('meetings.d.reason')} value={r.reason} onChange={(e) => setRow(i, { reason: e.target.value })} style={{ maxWidth: 260 }} />
              )}
            </>
          ) : (
            <span>
              {label(ATTENDANCE_STATUS_LABELS[r.status])}
              {r.reason && r.status !== 'co_mat' ? ` (${r.reason})` : ''}
            </span>
          )}
        </div>
      ))}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('meetings.d.guests')}
      </Typography.Title>
      {guests.map((g, i) => (
        <Space wrap key={i} style={{ marginBottom: 8 }}>
          {editable ? (
            <>
              <Select
                value={g.kind}
                style={{ width: 200 }}
                onChange={(v: GuestKind) => setGuests(guests.map((x, j) => (j === i ? { ...x, kind: v } : x)))}
                options={GUEST_KINDS.map((k) => ({ value: k, label: label(GUEST_KIND_LABELS[k]) }))}
              />
              <Input aria-label={t('meetings.d.guestName')} placeholder={t('meetings.d.guestName')} value={g.name} onChange={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <Input placeholder={t('meetings.d.guestOrg')} value={g.organization} onChange={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, organization: e.target.value } : x)))} />
              <Input placeholder={t('meetings.d.guestPost')} value={g.post} onChange={(e) => setGuests(guests.map((x, j) => (j === i ? { ...x, post: e.target.value } : x)))} />
            </>
          ) : (
            <span>
              {label(GUEST_KIND_LABELS[g.kind])}: {g.name}
              {g.post ? `, ${g.post}` : ''}
              {g.organization ? `, ${g.organization}` : ''}
            </span>
          )}
        </Space>
      ))}
      {editable && (
        <div>
          <Button size="small" onClick={() => setGuests([...guests, { kind: 'cap_tren', name: '', organization: '', post: '' }])} style={{ marginBottom: 12 }}>
            {t('meetings.d.addGuest')}
          </Button>
          <ActionError error={error} />
          <div>
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                void run('attendance', {
                  rows: rows.map((r) => ({ personId: r.personId, status: r.status, reason: r.reason || null })),
                  guests: guests.map((g) => ({ kind: g.kind, name: g.name, organization: g.organization || null, post: g.post || null })),
                })
              }
            >
              {t('meetings.d.saveAttendance')}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
