import { DownloadOutlined } from '@ant-design/icons';
import { MEETING_ACTION_LABELS, MEETING_KIND_LABELS, MEETING_STATE_LABELS, todayIso, type MeetingAction } from '@dangvu/common';
import { Button, Card, Descriptions, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { ActionError, useMeetingAction } from './actions';
import { documentHref, useMeeting, type MeetingDetail } from './api';
import { AttendanceCard } from './AttendanceCard';
import { ClassTag } from './ClassTag';
import { DateField } from './DateField';
import { ScoreCard } from './ScoreCard';
import './meetings.css';

export default function MeetingPage() {
  const { id } = useParams();
  const q = useMeeting(id);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <MeetingView m={q.data} />;
}

function MeetingView({ m }: { m: MeetingDetail }) {
  const { t, label } = useI18n();
  useDocumentTitle(m.title);
  const open = m.state === 'ke_hoach' || m.state === 'da_thong_bao';
  const held = m.state === 'da_hop';
  const edit = m.mayEdit;
  return (
    <div className="dv-m-page">
      <Typography.Title level={1} className="dv-m-title" style={{ marginBottom: 8 }}>
        {m.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Link to={`/orgs/${m.orgId}`}>{m.orgName}</Link>
        <Tag>{label(MEETING_KIND_LABELS[m.kind])}</Tag>
        <Tag color="processing">{label(MEETING_STATE_LABELS[m.state])}</Tag>
        {m.scoreClass && <ClassTag cls={m.scoreClass} />}
        {m.revision > 1 && <Tag>{t('meetings.d.revision', { n: m.revision })}</Tag>}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('meetings.d.planned')}>{fmtDate(m.plannedOn)}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.d.published')}>{fmtDate(m.publishedOn) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.d.held')}>{fmtDate(m.heldOn) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.d.duration')}>{m.durationMinutes ? t('meetings.d.minutesUnit', { n: m.durationMinutes }) : '—'}</Descriptions.Item>
          {m.location && <Descriptions.Item label={t('meetings.f.location')}>{m.location}</Descriptions.Item>}
          {m.agenda && (
            <Descriptions.Item label={t('meetings.f.agenda')}>
              <span className="dv-m-pre">{m.agenda}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {edit && open && <PublishCard m={m} />}
      {edit && (open || held) && <HeldCard m={m} />}
      {(held || m.counts) && <AttendanceCard m={m} editable={edit && held} />}
      {(held || m.minutes) && <MinutesCard m={m} editable={edit && held} />}
      {(held || m.result) && <ScoreCard m={m} editable={edit && held} />}
      {edit && (held || m.state === 'da_dong') && <CloseCard m={m} />}
      <DocumentsCard m={m} editable={edit && m.state !== 'da_dong'} />
      <Card title={t('meetings.d.history')} size="small">
        <List
          size="small"
          dataSource={m.steps}
          renderItem={(s) => (
            <List.Item>
              <span>
                {new Date(s.recordedAt).toLocaleString('vi-VN')} · {label(MEETING_ACTION_LABELS[s.action as MeetingAction | 'lap_ke_hoach'])} · {s.username ?? '—'}
                {s.note ? ` · ${s.note}` : ''}
              </span>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

function PublishCard({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const today = todayIso();
  return (
    <Card title={t('meetings.d.publish')} size="small" style={{ marginBottom: 16 }}>
      <Form layout="vertical" initialValues={{ publishedOn: today <= m.plannedOn ? today : m.plannedOn, agenda: m.agenda ?? '' }} onFinish={(v) => void run('publish', v)}>
        <Form.Item name="publishedOn" label={t('meetings.d.publishedOn')} rules={[{ required: true, message: t('meetings.d.publishedOn') }]}>
          <DateField />
        </Form.Item>
        <Form.Item name="agenda" label={t('meetings.f.agenda')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <ActionError error={error} />
        <Button htmlType="submit" loading={busy}>
          {t('meetings.d.doPublish')}
        </Button>
      </Form>
    </Card>
  );
}

function HeldCard({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const today = todayIso();
  const day = m.heldOn ?? (m.plannedOn <= today ? m.plannedOn : today);
  return (
    <Card title={t('meetings.d.heldTitle')} size="small" style={{ marginBottom: 16 }}>
      <Form layout="vertical" initialValues={{ heldOn: day, durationMinutes: m.durationMinutes ?? 90, chairName: m.chairName ?? '' }} onFinish={(v) => void run('held', v)}>
        <Space wrap align="start">
          <Form.Item name="heldOn" label={t('meetings.d.heldOn')} rules={[{ required: true, message: t('meetings.d.heldOn') }]}>
            <DateField />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('meetings.d.durationMinutes')} rules={[{ required: true, message: t('meetings.d.durationMinutes') }]}>
            <InputNumber min={1} max={600} />
          </Form.Item>
          <Form.Item name="chairName" label={t('meetings.d.chair')}>
            <Input maxLength={200} />
          </Form.Item>
        </Space>
        <ActionError error={error} />
        <Button htmlType="submit" type={m.state === 'da_hop' ? 'default' : 'primary'} loading={busy}>
          {t('meetings.d.doHeld')}
        </Button>
      </Form>
    </Card>
  );
}

function MinutesCard({ m, editable }: { m: MeetingDetail; editable: boolean }) {
  const { t } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const [text, setText] = useState(m.minutes ?? '');
  return (
    <Card title={t('meetings.d.minutes')} size="small" style={{ marginBottom: 16 }}>
      {editable ? (
        <>
          <Input.TextArea aria-label={t('meetings.d.minutes')} rows={6} value={text} onChange={(e) => setText(e.target.value)} maxLength={50_000} style={{ marginBottom: 8 }} />
          <ActionError error={error} />
          <Button onClick={() => void run('minutes', { minutes: text })} loading={busy}>
            {t('meetings.d.saveMinutes')}
          </Button>
        </>
      ) : (
        <div className="dv-m-pre">{m.minutes}</div>
      )}
    </Card>
  );
}

function CloseCard({ m }: { m: MeetingDetail }) {
  const { t } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const [reason, setReason] = useState('');
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <ActionError error={error} />
      {m.state === 'da_hop' ? (
        <Button type="primary" onClick={() => void run('close', {})} loading={busy}>
          {t('meetings.d.close')}
        </Button>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('meetings.d.closedHint')}</Typography.Text>
          <Input aria-label={t('meetings.d.reopenReason')} placeholder={t('meetings.d.reopenReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
          <Button onClick={() => void run('reopen', { reason })} loading={busy}>
            {t('meetings.d.reopen')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

const toBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });

function DocumentsCard({ m, editable }: { m: MeetingDetail; editable: boolean }) {
  const { t } = useI18n();
  const { run, error, busy } = useMeetingAction(m);
  const [ref, setRef] = useState({ refNumber: '', refTitle: '' });
  const upload = async (file: File | undefined) => {
    if (!file) return;
    await run('documents', { kind: 'tep', name: file.name, mimeType: file.type || 'application/octet-stream', contentBase64: await toBase64(file) });
  };
  return (
    <Card title={t('meetings.d.documents')} size="small" style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={m.documents}
        locale={{ emptyText: '—' }}
        renderItem={(d) => (
          <List.Item>
            {d.kind === 'tep' ? (
              <a href={documentHref(m.id, d.id)}>
                <DownloadOutlined /> {d.name} ({fmtNumber(Math.ceil((d.size ?? 0) / 1024))} KB)
              </a>
            ) : (
              <span>
                {d.refNumber} — {d.refTitle}
              </span>
            )}
          </List.Item>
        )}
      />
      {editable && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <ActionError error={error} />
          <label>
            {t('meetings.d.upload')}: <input type="file" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} />
          </label>
          <Typography.Text type="secondary">{t('meetings.d.uploadHint')}</Typography.Text>
          <Space wrap>
            <Input aria-label={t('meetings.d.refNumber')} placeholder={t('meetings.d.refNumber')} value={ref.refNumber} onChange={(e) => setRef({ ...ref, refNumber: e.target.value })} style={{ width: 140 }} />
            <Input aria-label={t('meetings.d.refTitle')} placeholder={t('meetings.d.refTitle')} value={ref.refTitle} onChange={(e) => setRef({ ...ref, refTitle: e.target.value })} style={{ width: 240, maxWidth: '100%' }} />
            <Button onClick={() => void run('documents', { kind: 'van_ban', ...ref }).then((ok) => ok && setRef({ refNumber: '', refTitle: '' }))} loading={busy}>
              {t('meetings.d.addRef')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
