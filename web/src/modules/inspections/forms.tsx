import {
  DEFAULT_INSPECTION_RULES,
  DISCIPLINE_AMENDMENT_LABELS,
  DISCIPLINE_FORM_LABELS,
  DISCIPLINE_FORMS,
  INSPECTION_ACTIVITIES,
  INSPECTION_ACTIVITY_LABELS,
  INSPECTION_BODY_KINDS,
  INSPECTION_BODY_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_SUBJECT_LABELS,
  INSPECTION_SUBJECT_TYPES,
  todayIso,
  type InspectionActivity,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { placeError, ProblemView, type Problem } from '../admissions/forms';
import { OrgPicker } from '../dashboard/OrgPicker';
import { useMemberPicks } from '../transfers/api';
import { inspectionKeys, usePlans, type CaseDetail, type Discipline } from './api';

function OrgField({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  return <OrgPicker id={id ?? 'org'} value={value} valueName={undefined} asOf={undefined} onChange={(v) => onChange?.(v)} />;
}

/** Active members in scope, searched by name. */
function MemberField({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const picks = useMemberPicks(q);
  const options = (picks.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.fullName} · ${fmtDate(m.birthDate)}${m.orgName ? ` · ${m.orgName}` : ''}` }));
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setQ}
      options={options}
      placeholder={t('insp.f.memberSearch')}
      loading={picks.isFetching}
      notFoundContent={null}
    />
  );
}

/** Posts a form; refusals go beside their field, the rest above the form. */
function useSubmit(fields: readonly string[]) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const run = async <T,>(send: () => Promise<T>, done: (r: T) => void) => {
    setProblem(null);
    setSaving(true);
    try {
      done(await send());
    } catch (e) {
      setProblem(placeError(form, fields, e, t));
    } finally {
      setSaving(false);
    }
  };
  return { form, problem, setProblem, saving, run };
}

const CASE_FIELDS = ['activity', 'bodyKind', 'bodyOrgId', 'subjectType', 'subjectOrgId', 'subjectPersonId', 'kind', 'planId', 'decisionNo', 'decisionDate', 'content'] as const;

/** A new case, created as planned; the page of the case takes it further. */
export function NewCaseForm({ onCancel }: { onCancel: () => void }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { form, problem, setProblem, saving, run } = useSubmit(CASE_FIELDS);
  const activity: InspectionActivity = Form.useWatch('activity', form) ?? 'kiem_tra';
  const subjectType = Form.useWatch('subjectType', form) ?? 'to_chuc';
  const decisionDate: string | undefined = Form.useWatch('decisionDate', form);
  const bodyOrgId: string | undefined = Form.useWatch('bodyOrgId', form);
  const bodyKind: string | undefined = Form.useWatch('bodyKind', form);
  const plans = usePlans(decisionDate ? Number(decisionDate.slice(0, 4)) : undefined, !!decisionDate);
  const planOptions = useMemo(
    () => (plans.data?.items ?? []).filter((p) => p.bodyOrg.id === bodyOrgId && p.bodyKind === bodyKind).map((p) => ({ value: p.id, label: p.title })),
    [plans.data, bodyOrgId, bodyKind],
  );
  const req = [{ required: true, message: t('insp.f.required') }];
  const submit = (v: Record<string, unknown>) =>
    run(
      () =>
        api<CaseDetail>('POST', '/inspections/cases', {
          ...v,
          subjectOrgId: v.subjectType === 'to_chuc' ? v.subjectOrgId : null,
          subjectPersonId: v.subjectType === 'dang_vien' ? v.subjectPersonId : null,
          planId: v.planId || null,
          decisionNo: v.decisionNo || null,
        }),
      (c) => {
        void qc.invalidateQueries({ queryKey: inspectionKeys.all });
        navigate(`/inspections/${c.id}`);
      },
    );
  return (
    <Card title={t('insp.new')} style={{ marginBottom: 16 }}>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form form={form} layout="vertical" initialValues={{ activity: 'kiem_tra', bodyKind: 'ubkt', subjectType: 'to_chuc', kind: 'theo_ke_hoach', decisionDate: todayIso() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="activity" label={t('insp.f.activity')}>
          <Radio.Group
            optionType="button"
            options={INSPECTION_ACTIVITIES.map((a) => ({ value: a, label: label(INSPECTION_ACTIVITY_LABELS[a]) }))}
            onChange={(e) => {
              if (!DEFAULT_INSPECTION_RULES.kindsByActivity[e.target.value as InspectionActivity].includes(form.getFieldValue('kind'))) form.setFieldValue('kind', 'theo_ke_hoach');
            }}
          />
        </Form.Item>
        <Form.Item name="bodyKind" label={t('insp.f.bodyKind')} rules={req}>
          <Select options={INSPECTION_BODY_KINDS.map((b) => ({ value: b, label: label(INSPECTION_BODY_LABELS[b]) }))} />
        </Form.Item>
        <Form.Item name="bodyOrgId" label={t('insp.f.bodyOrg')} rules={req}>
          <OrgField id="bodyOrgId" />
        </Form.Item>
        <Form.Item name="subjectType" label={t('insp.f.subjectType')}>
          <Radio.Group optionType="button" options={INSPECTION_SUBJECT_TYPES.map((s) => ({ value: s, label: label(INSPECTION_SUBJECT_LABELS[s]) }))} />
        </Form.Item>
        {subjectType === 'to_chuc' ? (
          <Form.Item name="subjectOrgId" label={t('insp.f.subjectOrg')} rules={req}>
            <OrgField id="subjectOrgId" />
          </Form.Item>
        ) : (
          <Form.Item name="subjectPersonId" label={t('insp.f.subjectPerson')} rules={req}>
            <MemberField id="subjectPersonId" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('insp.f.kind')} rules={req}>
          <Select options={DEFAULT_INSPECTION_RULES.kindsByActivity[activity].map((k) => ({ value: k, label: label(INSPECTION_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('insp.f.decisionNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('insp.f.decisionDate')} rules={req}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.f.decisionDate')} />
        </Form.Item>
        {planOptions.length > 0 && (
          <Form.Item name="planId" label={t('insp.f.plan')}>
            <Select allowClear placeholder={t('insp.f.noPlan')} options={planOptions} />
          </Form.Item>
        )}
        <Form.Item name="content" label={t('insp.f.content')} rules={req}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <div className="dv-insp-actions">
          <Button type="primary" htmlType="submit" size="large" loading={saving}>
            {t('insp.f.create')}
          </Button>
          <Button size="large" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

const PLAN_FIELDS = ['year', 'bodyKind', 'bodyOrgId', 'title', 'decisionNo', 'decisionDate', 'note'] as const;

export function NewPlanForm({ onDone }: { onDone: () => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const { form, problem, setProblem, saving, run } = useSubmit(PLAN_FIELDS);
  const req = [{ required: true, message: t('insp.f.required') }];
  const submit = (v: Record<string, unknown>) =>
    run(
      () => api('POST', '/inspections/plans', { ...v, decisionNo: v.decisionNo || null, decisionDate: v.decisionDate || null, note: v.note || null }),
      () => {
        void qc.invalidateQueries({ queryKey: inspectionKeys.all });
        onDone();
      },
    );
  return (
    <Card title={t('insp.newPlan')} style={{ marginBottom: 16 }}>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form form={form} layout="vertical" initialValues={{ year: Number(todayIso().slice(0, 4)), bodyKind: 'ubkt' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="year" label={t('insp.year')} rules={req}>
          <InputNumber min={1990} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="bodyKind" label={t('insp.f.bodyKind')} rules={req}>
          <Select options={INSPECTION_BODY_KINDS.filter((b) => b !== 'chi_bo').map((b) => ({ value: b, label: label(INSPECTION_BODY_LABELS[b]) }))} />
        </Form.Item>
        <Form.Item name="bodyOrgId" label={t('insp.f.bodyOrg')} rules={req}>
          <OrgField id="planBodyOrgId" />
        </Form.Item>
        <Form.Item name="title" label={t('insp.f.title')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('insp.f.decisionNo')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('insp.f.decisionDate')}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.f.decisionDate')} />
        </Form.Item>
        <Form.Item name="note" label={t('insp.f.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('insp.f.create')}
        </Button>
      </Form>
    </Card>
  );
}

const DISCIPLINE_FIELDS = ['personId', 'form', 'decisionNo', 'decisionDate', 'issuer', 'effectiveDate', 'reason', 'caseId'] as const;

/** A discipline decision, on its own or following a case (then the case's member is preset). */
export function DisciplineForm({ caseId, personId, onDone }: { caseId?: string; personId?: string; onDone: (d: Discipline) => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const { form, problem, setProblem, saving, run } = useSubmit(DISCIPLINE_FIELDS);
  const req = [{ required: true, message: t('insp.f.required') }];
  const submit = (v: Record<string, unknown>) =>
    run(
      () => api<Discipline>('POST', '/discipline', { ...v, personId: personId ?? v.personId, caseId: caseId ?? null, reason: v.reason || null }),
      (d) => {
        void qc.invalidateQueries({ queryKey: inspectionKeys.all });
        void qc.invalidateQueries({ queryKey: ['members'] });
        form.resetFields();
        onDone(d);
      },
    );
  return (
    <div>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('insp.k.effects')} />
      <Form form={form} layout="vertical" initialValues={{ form: 'khien_trach', decisionDate: todayIso(), effectiveDate: todayIso() }} onFinish={(v) => void submit(v)}>
        {!personId && (
          <Form.Item name="personId" label={t('insp.f.person')} rules={req}>
            <MemberField id="personId" />
          </Form.Item>
        )}
        <Form.Item name="form" label={t('insp.f.form')} rules={req}>
          <Select options={DISCIPLINE_FORMS.map((f) => ({ value: f, label: label(DISCIPLINE_FORM_LABELS[f]) }))} />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('insp.f.decisionNo')} rules={req}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('insp.f.decisionDate')} rules={req}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.f.decisionDate')} />
        </Form.Item>
        <Form.Item name="issuer" label={t('insp.f.issuer')} rules={req}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('insp.f.effectiveDate')} rules={req}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('insp.f.effectiveDate')} />
        </Form.Item>
        <Form.Item name="reason" label={t('insp.f.reason')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('insp.f.record')}
        </Button>
      </Form>
    </div>
  );
}

/** One line per decision: form, number, date, issuer and what changed it later. */
export function DisciplineLine({ d }: { d: Pick<Discipline, 'form' | 'decisionNo' | 'decisionDate' | 'issuer' | 'effectiveDate' | 'amendments'> }) {
  const { t, label } = useI18n();
  return (
    <div>
      <div>
        {t('insp.k.line', { form: label(DISCIPLINE_FORM_LABELS[d.form]), no: d.decisionNo, date: fmtDate(d.decisionDate), issuer: d.issuer, effective: fmtDate(d.effectiveDate) })}
      </div>
      {d.amendments.map((a) => (
        <div key={a.id} style={{ color: '#555' }}>
          {label(DISCIPLINE_AMENDMENT_LABELS[a.kind])}
          {a.newForm ? `: ${label(DISCIPLINE_FORM_LABELS[a.newForm])}` : ''} — {a.decisionNo}, {fmtDate(a.effectiveDate)}
        </div>
      ))}
    </div>
  );
}
