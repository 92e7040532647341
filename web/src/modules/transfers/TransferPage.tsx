import { DownloadOutlined } from '@ant-design/icons';
import {
  todayIso,
  TRANSFER_ACTION_LABELS,
  TRANSFER_KIND_LABELS,
  TRANSFER_PURPOSE_LABELS,
  transferStep,
  type TransferAction,
  type TransferStepAction,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Steps, Typography, type StepsProps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { letterHref, transferKeys, useTransfer, type TransferDetail } from './api';
import { TransferStateTag } from './TransferStateTag';
import './transfers.css';

export default function TransferPage() {
  const { id } = useParams();
  const q = useTransfer(id);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <TransferView t={q.data} reload={async () => void (await q.refetch())} />;
}

function TransferView({ t: tr, reload }: { t: TransferDetail; reload: () => Promise<void> }) {
  const { t, label } = useI18n();
  useDocumentTitle(t('transfers.d.title', { name: tr.fullName }));
  const outside = (name: string | null) => `${name ?? ''} ${t('transfers.outside')}`;
  const stepOf = (a: string) => [...tr.steps].reverse().find((s) => s.action === a);
  const refused = stepOf('tu_choi');
  // Steps a restructuring wrote when it handed the transfer to a successor organization.
  const rerouted = tr.steps.filter((s) => s.action === 'sap_xep');
  const current = tr.next ? tr.chain.indexOf(tr.next.action) : tr.chain.length;
  const items: NonNullable<StepsProps['items']> = tr.chain.map((a, i) => {
    const done = stepOf(a);
    return {
      title: label(TRANSFER_ACTION_LABELS[a as TransferAction]),
      status: done ? ('finish' as const) : refused ? ('wait' as const) : i === current ? ('process' as const) : ('wait' as const),
      description: done ? (
        <div>
          <div>{t('transfers.d.stepBy', { date: fmtDate(done.date), user: done.username ?? '—' })}</div>
          {done.org && <div>{done.org.name}</div>}
          {done.number && <div>{done.number}</div>}
        </div>
      ) : i === current && !refused ? (
        t('transfers.d.pending')
      ) : undefined,
    };
  });
  if (refused)
    items.push({
      title: label(TRANSFER_ACTION_LABELS.tu_choi),
      status: 'error',
      description: (
        <div>
          <div>{t('transfers.d.stepBy', { date: fmtDate(refused.date), user: refused.username ?? '—' })}</div>
          {refused.note && <div>{refused.note}</div>}
        </div>
      ),
    });

  return (
    <div className="dv-t-page">
      <Typography.Title level={1} className="dv-t-title" style={{ marginBottom: 8 }}>
        {t('transfers.d.title', { name: tr.fullName })}
      </Typography.Title>
      <div style={{ marginBottom: 16 }}>
        <TransferStateTag state={tr.state} overdue={tr.overdue} />
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('transfers.d.member')}>
            <Link to={`/members/${tr.personId}`}>{tr.person.fullName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.birthDate')}>{fmtDate(tr.person.birthDate)}</Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.admitted')}>
            {fmtDate(tr.person.admittedOn)} / {fmtDate(tr.person.officialOn) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.cardNo')}>{tr.person.cardNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.kind')}>{label(TRANSFER_KIND_LABELS[tr.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.from')}>{tr.from?.name ?? outside(tr.outsideOrgName)}</Descriptions.Item>
          <Descriptions.Item label={t('transfers.d.to')}>{tr.to?.name ?? outside(tr.outsideOrgName)}</Descriptions.Item>
          {tr.reason && <Descriptions.Item label={t('transfers.d.reason')}>{tr.reason}</Descriptions.Item>}
          {tr.letterNo && (
            <Descriptions.Item label={t('transfers.d.letter')}>
              {t('transfers.d.letterLine', { no: tr.letterNo, date: fmtDate(tr.letterDate), issuer: tr.letterIssuer ?? '' })}
            </Descriptions.Item>
          )}
          {tr.receiveBy && <Descriptions.Item label={t('transfers.d.receiveBy')}>{fmtDate(tr.receiveBy)}</Descriptions.Item>}
          {tr.purpose && <Descriptions.Item label={t('transfers.d.purpose')}>{label(TRANSFER_PURPOSE_LABELS[tr.purpose])}</Descriptions.Item>}
          {tr.expectedEnd && <Descriptions.Item label={t('transfers.d.expectedEnd')}>{fmtDate(tr.expectedEnd)}</Descriptions.Item>}
        </Descriptions>
        {tr.letterAvailable && (
          <Button icon={<DownloadOutlined />} href={letterHref(tr.id)} style={{ marginTop: 12 }}>
            {t('transfers.d.download')}
          </Button>
        )}
      </Card>

      <Card title={t('transfers.d.chain')} style={{ marginBottom: 16 }}>
        <Steps direction="vertical" size="small" items={items} />
      </Card>

      {rerouted.length > 0 && (
        <Card title={t('transfers.d.restructured')} style={{ marginBottom: 16 }}>
          {rerouted.map((s) => (
            <Typography.Paragraph key={s.id} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{fmtDate(s.date)}</Typography.Text> · {s.note}
            </Typography.Paragraph>
          ))}
        </Card>
      )}

      <NextStep tr={tr} reload={reload} />
    </div>
  );
}

interface StepValues {
  date?: string;
  number?: string;
  reason?: string;
}

/** The one action the caller may take now, or who it waits for. */
function NextStep({ tr, reload }: { tr: TransferDetail; reload: () => Promise<void> }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<StepValues>();
  const [refuseForm] = Form.useForm<StepValues>();
  const [refusing, setRefusing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ conflict: boolean; message: string } | null>(null);
  if (!tr.next) return <Alert type="info" showIcon message={t('transfers.d.done')} />;
  const action = tr.next.action as TransferStepAction;
  const actionLabel = label(TRANSFER_ACTION_LABELS[action]);
  const org = tr.next.actorOrg?.name ?? '';
  if (!tr.next.allowed)
    return <Alert type="info" showIcon message={t('transfers.d.waitFor', { action: actionLabel, org })} description={t('transfers.d.notYours', { org })} />;
  const shape = { kind: tr.kind, state: tr.state, needsUpper: tr.needsUpper, toInSystem: tr.toInSystem };
  const r = transferStep(shape, action);
  const issuesLetter = r.ok && r.issuesLetter;

  const send = async (which: TransferStepAction, v: StepValues, f: typeof form) => {
    setProblem(null);
    setSaving(true);
    try {
      await api('POST', `/transfers/${encodeURIComponent(tr.id)}/steps`, { action: which, version: tr.version, date: v.date, number: v.number || null, reason: v.reason || null });
      setRefusing(false);
      void qc.invalidateQueries({ queryKey: transferKeys.all });
      void qc.invalidateQueries({ queryKey: ['members'] });
      await reload();
    } catch (e) {
      if (!(e instanceof ApiError)) return setProblem({ conflict: false, message: t('common.error') });
      if (e.status === 409) return setProblem({ conflict: true, message: t('transfers.a.conflict') });
      if (e.field && ['date', 'number', 'reason'].includes(e.field)) f.setFields([{ name: e.field as keyof StepValues, errors: [e.message] }]);
      else setProblem({ conflict: false, message: e.status === 0 ? t('common.offline') : e.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('transfers.a.title', { action: actionLabel })}>
      {problem && (
        <Alert
          type={problem.conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={problem.message}
          action={problem.conflict ? <Button onClick={() => void reload().then(() => setProblem(null))}>{t('common.reload')}</Button> : undefined}
        />
      )}
      {issuesLetter && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('transfers.a.issuesLetter')} />}
      <Form<StepValues> form={form} layout="vertical" initialValues={{ date: todayIso() }} onFinish={(v) => void send(action, v, form)} className="dv-t-form">
        <Form.Item name="date" label={t('transfers.a.date')} rules={[{ required: true, message: t('transfers.f.required') }]}>
          <IsoDatePicker value={undefined} onChange={() => undefined} min={tr.steps.at(-1)?.date} aria-label={t('transfers.a.date')} />
        </Form.Item>
        <Form.Item
          name="number"
          label={issuesLetter ? t('transfers.a.letterNo') : t('transfers.a.number')}
          rules={issuesLetter ? [{ required: true, message: t('transfers.f.required') }] : undefined}
        >
          <Input maxLength={60} />
        </Form.Item>
        <div className="dv-t-actions">
          <Button type="primary" htmlType="submit" size="large" loading={saving}>
            {actionLabel}
          </Button>
          {tr.next.canRefuse && (
            <Button danger size="large" onClick={() => setRefusing(true)} disabled={saving}>
              {t('transfers.a.refuse')}
            </Button>
          )}
        </div>
      </Form>
      <Modal
        open={refusing}
        title={t('transfers.a.refuseTitle')}
        okText={t('transfers.a.refuse')}
        okButtonProps={{ danger: true, loading: saving }}
        cancelText={t('common.cancel')}
        onCancel={() => setRefusing(false)}
        onOk={() => refuseForm.submit()}
      >
        <Form<StepValues> form={refuseForm} layout="vertical" initialValues={{ date: todayIso() }} onFinish={(v) => void send('tu_choi', v, refuseForm)}>
          <Form.Item name="date" label={t('transfers.a.date')} rules={[{ required: true, message: t('transfers.f.required') }]}>
            <IsoDatePicker value={undefined} onChange={() => undefined} min={tr.steps.at(-1)?.date} aria-label={t('transfers.a.date')} />
          </Form.Item>
          <Form.Item name="reason" label={t('transfers.a.reason')} rules={[{ required: true, message: t('transfers.f.required') }]}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
