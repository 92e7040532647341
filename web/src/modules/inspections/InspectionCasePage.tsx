import {
  can,
  INSPECTION_ACTION_LABELS,
  INSPECTION_ACTIVITY_LABELS,
  INSPECTION_BODY_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_STATE_LABELS,
  INSPECTION_SUBJECT_LABELS,
  todayIso,
  type InspectionAction,
  type InspectionState,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Grid, Input, List, Radio, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { placeError, ProblemView, type Problem } from '../admissions/forms';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { inspectionKeys, useCase, type CaseDetail } from './api';
import { DisciplineForm, DisciplineLine } from './forms';
import './inspections.css';

const FLOW: InspectionState[] = ['ke_hoach', 'dang_tien_hanh', 'ket_luan', 'ky_luat'];

export default function InspectionCasePage() {
  const { id } = useParams();
  const q = useCase(id);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <CaseView c={q.data} />;
}

/** Every write answers with the case as it now is; it goes straight into the cache. */
function usePost(c: CaseDetail, fields: readonly string[]) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const post = async (path: string, body: Record<string, unknown>) => {
    setProblem(null);
    setSaving(true);
    try {
      const next = await api<CaseDetail>('POST', path, body);
      qc.setQueryData(inspectionKeys.detail(c.id), next);
      void qc.invalidateQueries({ queryKey: ['inspections', 'list'] });
      form.resetFields();
    } catch (e) {
      setProblem(placeError(form, fields, e, t));
    } finally {
      setSaving(false);
    }
  };
  const reload = () => {
    setProblem(null);
    void qc.invalidateQueries({ queryKey: inspectionKeys.detail(c.id) });
  };
  return { form, problem, saving, post, reload };
}

function CaseView({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const mayWrite = !!me && can(me.role, 'inspection.write');
  const title = t('insp.d.title', { activity: label(INSPECTION_ACTIVITY_LABELS[c.activity]), subject: c.subject.name });
  useDocumentTitle(title);
  const current = c.state === 'huy' ? 0 : FLOW.indexOf(c.state);
  // On a phone the labels go above their values, so dates and names are not broken mid-word.
  const narrow = !Grid.useBreakpoint().sm;
  return (
    <div className="dv-insp-page">
      <Typography.Title level={1} className="dv-insp-title">
        {title}
      </Typography.Title>
      <div style={{ marginBottom: 16 }}>
        <Tag color={c.state === 'huy' ? 'default' : c.state === 'ky_luat' ? 'red' : 'blue'}>{label(INSPECTION_STATE_LABELS[c.state])}</Tag>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" layout={narrow ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label={t('insp.col.subject')}>
            {c.subjectType === 'dang_vien' ? <Link to={`/members/${c.subject.id}`}>{c.subject.name}</Link> : c.subject.name} · {label(INSPECTION_SUBJECT_LABELS[c.subjectType])}
          </Descriptions.Item>
          <Descriptions.Item label={t('insp.col.body')}>
            {label(INSPECTION_BODY_LABELS[c.bodyKind])} · {c.bodyOrg.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('insp.col.kind')}>{label(INSPECTION_KIND_LABELS[c.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('insp.f.decisionNo')}>{c.decisionNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('insp.f.decisionDate')}>{fmtDate(c.decisionDate)}</Descriptions.Item>
          <Descriptions.Item label={t('insp.d.started')}>{fmtDate(c.startDate) || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('insp.d.ended')}>{fmtDate(c.endDate) || '—'}</Descriptions.Item>
          {c.plan && <Descriptions.Item label={t('insp.d.plan')}>{c.plan.title}</Descriptions.Item>}
          <Descriptions.Item label={t('insp.f.content')}>{c.content}</Descriptions.Item>
          <Descriptions.Item label={t('insp.d.rules')}>{c.rules}</Descriptions.Item>
          {c.conclusion && (
            <Descriptions.Item label={t('insp.d.conclusion')}>
              {fmtDate(c.conclusionDate)}: {c.conclusion} — <strong>{c.violationsFound ? t('insp.d.violationsYes') : t('insp.d.violationsNo')}</strong>
            </Descriptions.Item>
          )}
          {c.cancelReason && <Descriptions.Item label={t('insp.d.cancelReason')}>{c.cancelReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('insp.d.flow')} style={{ marginBottom: 16 }}>
        <Steps
          direction="vertical"
          size="small"
          current={current}
          status={c.state === 'huy' ? 'error' : undefined}
          items={(c.state === 'huy' ? (['ke_hoach', 'huy'] as InspectionState[]) : FLOW).map((s) => ({ title: label(INSPECTION_STATE_LABELS[s]) }))}
        />
      </Card>
      {mayWrite ? <NextSteps c={c} /> : <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('insp.d.readOnly')} />}
      <Requirements c={c} mayWrite={mayWrite} />
      <Card title={t('insp.k.title')} style={{ marginBottom: 16 }}>
        <List size="small" dataSource={c.disciplines} locale={{ emptyText: t('insp.k.none') }} renderItem={(d) => <List.Item><div><strong>{d.fullName}</strong><DisciplineLine d={d} /></div></List.Item>} />
        {/* A member's own case ends with its decision; a case on an organization may lead to several. */}
        {mayWrite && c.mayDiscipline && !(c.subjectType === 'dang_vien' && c.disciplines.length > 0) && <DisciplineForm caseId={c.id} personId={c.subjectType === 'dang_vien' ? c.subject.id : undefined} onDone={() => undefined} />}
        {mayWrite && !c.mayDiscipline && (c.state === 'ket_luan' || c.state === 'ky_luat') && <Alert type="info" showIcon message={t('insp.k.notAllowed')} />}
      </Card>
    </div>
  );
}

const STEP_FIELDS = ['date', 'endDate', 'conclusion', 'violationsFound', 'reason', 'action'] as const;

function NextSteps({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  const { form, problem, saving, post, reload } = usePost(c, STEP_FIELDS);
  const [action, setAction] = useState<InspectionAction | null>(null);
  if (!c.actions.length) return null;
  const chosen = action && c.actions.includes(action) ? action : c.actions[0]!;
  const req = [{ required: true, message: t('insp.f.required') }];
  return (
    <Card title={t('insp.d.next')} style={{ marginBottom: 16 }}>
      <ProblemView problem={problem} onReload={reload} />
      {c.actions.length > 1 && (
        <Radio.Group
          style={{ marginBottom: 12 }}
          optionType="button"
          value={chosen}
          onChange={(e) => setAction(e.target.value as InspectionAction)}
          options={c.actions.map((a) => ({ value: a, label: label(INSPECTION_ACTION_LABELS[a]) }))}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: todayIso() }}
        onFinish={(v) => void post(`/inspections/cases/${c.id}/steps`, { action: chosen, version: c.version, ...v, endDate: v.endDate || null })}
      >
        <Form.Item name="date" label={t(`insp.a.date.${chosen}` as MessageKey)} rules={req}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t(`insp.a.date.${chosen}` as MessageKey)} min={c.startDate ?? c.decisionDate} />
        </Form.Item>
        {chosen === 'ket_luan' && (
          <>
            <Form.Item name="endDate" label={t('insp.a.endDate')}>
              <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.a.endDate')} min={c.startDate ?? undefined} />
            </Form.Item>
            <Form.Item name="conclusion" label={t('insp.a.conclusion')} rules={req}>
              <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
            <Form.Item name="violationsFound" label={t('insp.a.violations')} rules={req}>
              <Radio.Group
                options={[
                  { value: true, label: t('insp.d.violationsYes') },
                  { value: false, label: t('insp.d.violationsNo') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {chosen === 'huy' && (
          <Form.Item name="reason" label={t('insp.a.reason')} rules={req}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" size="large" loading={saving} danger={chosen === 'huy'}>
          {label(INSPECTION_ACTION_LABELS[chosen])}
        </Button>
      </Form>
    </Card>
  );
}

function Requirements({ c, mayWrite }: { c: CaseDetail; mayWrite: boolean }) {
  const { t } = useI18n();
  const add = usePost(c, ['content', 'deadline']);
  const open = c.state === 'ket_luan' || c.state === 'ky_luat';
  if (!open && !c.requirements.length) return null;
  return (
    <Card title={t('insp.r.title')} style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={c.requirements}
        locale={{ emptyText: t('insp.r.none') }}
        renderItem={(r) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <div>
                <strong>{r.content}</strong> {r.deadline && <span>· {t('insp.r.deadline')}: {fmtDate(r.deadline)}</span>} {r.overdue && <Tag color="red">{t('insp.r.overdue')}</Tag>}
              </div>
              {r.doneOn ? <div>{t('insp.r.done', { date: fmtDate(r.doneOn), result: r.result ?? '' })}</div> : mayWrite ? <FollowUp c={c} r={r} /> : <div>{t('insp.r.open')}</div>}
            </div>
          </List.Item>
        )}
      />
      {mayWrite && open && (
        <>
          <ProblemView problem={add.problem} onReload={add.reload} />
          <Form form={add.form} layout="vertical" onFinish={(v) => void add.post(`/inspections/cases/${c.id}/requirements`, { version: c.version, content: v.content, deadline: v.deadline || null })}>
            <Form.Item name="content" label={t('insp.r.content')} rules={[{ required: true, message: t('insp.f.required') }]}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
            <Form.Item name="deadline" label={t('insp.r.deadline')}>
              <IsoDatePicker value={undefined} onChange={() => undefined} allowFuture aria-label={t('insp.r.deadline')} min={c.conclusionDate ?? undefined} />
            </Form.Item>
            <Button htmlType="submit" loading={add.saving}>
              {t('insp.r.add')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

function FollowUp({ c, r }: { c: CaseDetail; r: CaseDetail['requirements'][number] }) {
  const { t } = useI18n();
  const f = usePost(c, ['doneOn', 'result']);
  return (
    <>
      <ProblemView problem={f.problem} onReload={f.reload} />
      <Form form={f.form} layout="inline" className="dv-insp-inline" onFinish={(v) => void f.post(`/inspections/requirements/${r.id}/follow-up`, { version: r.version, ...v })}>
        <Form.Item name="doneOn" label={t('insp.r.doneOn')} rules={[{ required: true, message: t('insp.f.required') }]}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.r.doneOn')} min={c.conclusionDate ?? undefined} />
        </Form.Item>
        <Form.Item name="result" label={t('insp.r.result')} rules={[{ required: true, message: t('insp.f.required') }]}>
          <Input maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={f.saving}>
          {t('insp.r.recordDone')}
        </Button>
      </Form>
    </>
  );
}
