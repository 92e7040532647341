import { ADMISSION_RULE_LABELS, ADMISSION_STEP_LABELS, STEP_FIELDS, STEP_RESULT_LABELS, type AdmissionRule, type AdmissionStep } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, type FormInstance } from 'antd';
import { useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { admissionKeys, useHelperChoices, type CandidateDetail } from './api';

export type Problem = { kind: 'conflict' } | { kind: 'error'; message: string } | null;

/** Puts a server refusal beside its field when the form has it, otherwise above the form. */
export function placeError(form: FormInstance, fields: readonly string[], e: unknown, t: (k: 'common.offline' | 'common.error') => string): Problem {
  if (!(e instanceof ApiError)) return { kind: 'error', message: t('common.error') };
  if (e.status === 0) return { kind: 'error', message: t('common.offline') };
  if (e.status === 409 && e.code === 'VERSION_CONFLICT') return { kind: 'conflict' };
  if (e.field && fields.includes(e.field)) {
    form.setFields([{ name: e.field, errors: [e.message] }]);
    return null;
  }
  return { kind: 'error', message: e.message };
}

export function ProblemView({ problem, onReload }: { problem: Problem; onReload: () => void }) {
  const { t } = useI18n();
  if (!problem) return null;
  if (problem.kind === 'conflict')
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 12 }}
        message={t('adm.err.conflict')}
        action={
          <Button type="primary" onClick={onReload}>
            {t('common.reload')}
          </Button>
        }
      />
    );
  return <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={problem.message} />;
}

/** Posts one change to the candidate; the answer is the new candidate, put straight into the cache. */
function usePost(c: CandidateDetail, path: string, fields: readonly string[], onDone?: () => void) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    setSaving(true);
    try {
      const next = await api<CandidateDetail>('POST', `/admissions/candidates/${encodeURIComponent(c.id)}/${path}`, { version: c.version, ...values });
      qc.setQueryData(admissionKeys.candidate(c.id), next);
      void qc.invalidateQueries({ queryKey: ['admissions', 'candidates'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      form.resetFields();
      onDone?.();
    } catch (e) {
      setProblem(placeError(form, fields, e, t));
    } finally {
      setSaving(false);
    }
  };
  const reload = () => {
    setProblem(null);
    void qc.invalidateQueries({ queryKey: admissionKeys.candidate(c.id) });
  };
  return { form, problem, saving, submit, reload };
}

/** Enter confirms a typed date or a choice in a list; it must not also send the form. */
export function keepEnterInPicker(e: ReactKeyboardEvent) {
  if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker, .ant-select')) e.preventDefault();
}

/** A date field that keeps ISO strings, as the API does. */
export function DateItem({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `${t('adm.f.required')}: ${label}` }] : []}>
      <DateField />
    </Form.Item>
  );
}
function DateField({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  return <IsoDatePicker id={id} value={value} onChange={(v) => onChange?.(v)} />;
}

function Actions({ saving, children }: { saving: boolean; children: ReactNode }) {
  return (
    <Button type="primary" htmlType="submit" loading={saving}>
      {children}
    </Button>
  );
}

export function StepForm({ c, step }: { c: CandidateDetail; step: AdmissionStep }) {
  const { t, label } = useI18n();
  const spec = STEP_FIELDS[step];
  const p = usePost(c, 'steps', ['date', 'decisionNo', 'issuer', 'result', 'note']);
  const req = (l: string) => [{ required: true, message: `${t('adm.f.required')}: ${l}` }];
  return (
    <Form form={p.form} name={`step-${step}`} layout="vertical" onFinish={(v) => p.submit({ step, ...v })} onKeyDown={keepEnterInPicker} className="dv-adm-form" aria-label={label(ADMISSION_STEP_LABELS[step])}>
      <ProblemView problem={p.problem} onReload={p.reload} />
      <DateItem name="date" label={t('adm.f.date')} />
      {spec.decisionNo && (
        <Form.Item name="decisionNo" label={t('adm.f.decisionNo')} rules={req(t('adm.f.decisionNo'))}>
          <Input maxLength={60} />
        </Form.Item>
      )}
      {spec.issuer && (
        <Form.Item name="issuer" label={t('adm.f.issuer')} rules={req(t('adm.f.issuer'))}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      {spec.result && (
        <Form.Item name="result" label={t('adm.f.result')} rules={req(t('adm.f.result'))}>
          <Select options={spec.result.map((r) => ({ value: r, label: label(STEP_RESULT_LABELS[r]) }))} />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('adm.f.note')}>
        <Input maxLength={500} />
      </Form.Item>
      <Actions saving={p.saving}>{t('adm.cand.record')}</Actions>
    </Form>
  );
}

export function DocumentForm({ c, doc }: { c: CandidateDetail; doc: string }) {
  const { t } = useI18n();
  const p = usePost(c, 'documents', ['receivedOn', 'doc']);
  return (
    <Form form={p.form} name={`doc-${doc}`} layout="inline" onFinish={(v) => p.submit({ doc, ...v })} onKeyDown={keepEnterInPicker} className="dv-adm-inline" aria-label={doc}>
      <ProblemView problem={p.problem} onReload={p.reload} />
      <DateItem name="receivedOn" label={t('adm.f.receivedOn')} />
      <Actions saving={p.saving}>{t('adm.cand.receive')}</Actions>
    </Form>
  );
}

export function HelperForm({ c, onDone }: { c: CandidateDetail; onDone: () => void }) {
  const { t } = useI18n();
  const p = usePost(c, 'helpers', ['helperId', 'from'], onDone);
  const choices = useHelperChoices(c.orgId);
  const current = c.helpers.find((h) => h.validTo === null)?.personId;
  return (
    <Form form={p.form} name="helper" layout="vertical" onFinish={p.submit} onKeyDown={keepEnterInPicker} className="dv-adm-form">
      <ProblemView problem={p.problem} onReload={p.reload} />
      <Form.Item name="helperId" label={t('adm.f.helperId')} rules={[{ required: true, message: `${t('adm.f.required')}: ${t('adm.f.helperId')}` }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={choices.isPending}
          options={(choices.data?.items ?? []).filter((m) => m.id !== current).map((m) => ({ value: m.id, label: m.fullName }))}
        />
      </Form.Item>
      <DateItem name="from" label={t('adm.f.from')} />
      <Actions saving={p.saving}>{t('common.save')}</Actions>
    </Form>
  );
}

export function OverrideForm({ c, rule, onDone }: { c: CandidateDetail; rule: AdmissionRule; onDone: () => void }) {
  const { t, label } = useI18n();
  const p = usePost(c, 'overrides', ['reason', 'approvingBody'], onDone);
  const req = (l: string) => [{ required: true, whitespace: true, message: `${t('adm.f.required')}: ${l}` }];
  return (
    <Form form={p.form} name="override" layout="vertical" onFinish={(v) => p.submit({ rule, ...v })} className="dv-adm-form">
      <p>{label(ADMISSION_RULE_LABELS[rule])}</p>
      <ProblemView problem={p.problem} onReload={p.reload} />
      <Form.Item name="reason" label={t('adm.f.reason')} rules={req(t('adm.f.reason'))}>
        <Input.TextArea maxLength={500} autoSize />
      </Form.Item>
      <Form.Item name="approvingBody" label={t('adm.f.approvingBody')} rules={req(t('adm.f.approvingBody'))}>
        <Input maxLength={200} />
      </Form.Item>
      <Actions saving={p.saving}>{t('adm.cand.override')}</Actions>
    </Form>
  );
}
