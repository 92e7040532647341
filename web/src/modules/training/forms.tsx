import { COURSE_KIND_LABELS, COURSE_KINDS, TRAINING_GRADE_LABELS, TRAINING_GRADES, TRAINING_RESULT_LABELS, TRAINING_RESULTS, foldVietnamese, type CourseKind } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { DateItem, keepEnterInPicker, placeError, ProblemView, type Problem } from '../admissions/forms';
import { useOrgTree } from '../orgs/api';
import { trainingKeys, useCourses, usePersonPicks, type CohortDetail, type Enrolment } from './api';

/** Posts a change and puts the cohort the server answers with straight into the cache. */
function useSubmit(fields: readonly string[], onDone: (c: CohortDetail) => void) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (path: string, body: Record<string, unknown>) => {
    setProblem(null);
    setSaving(true);
    try {
      const next = await api<CohortDetail>('POST', path, body);
      qc.setQueryData(trainingKeys.detail(next.id), next);
      void qc.invalidateQueries({ queryKey: ['training', 'list'] });
      void qc.invalidateQueries({ queryKey: ['members'] });
      form.resetFields();
      onDone(next);
    } catch (e) {
      setProblem(placeError(form, fields, e, t));
    } finally {
      setSaving(false);
    }
  };
  return { form, problem, setProblem, saving, submit };
}

/**
 * An organization of the caller's tree, searched by name (accents optional). The tree is fetched
 * when the list opens; `known` names a preset value until then.
 */
function OrgField({ value, onChange, id, known }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; known?: { id: string; name: string } }) {
  const [wanted, setWanted] = useState(false);
  const tree = useOrgTree(undefined, wanted);
  const options = useMemo(() => {
    // Committees send and teach; subordinate cells do not (it keeps a province's list short).
    const nodes = (tree.data?.nodes ?? []).filter((n) => n.kind !== 'chi_bo_truc_thuoc');
    const list = nodes.map((n) => ({ value: n.orgId, label: n.name, folded: foldVietnamese(n.name) }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: known?.id === value ? known.name : value, folded: '' });
    return list;
  }, [tree.data, value, known]);
  return (
    <Select
      id={id}
      value={value}
      showSearch
      allowClear
      options={options}
      loading={tree.isFetching}
      onOpenChange={(open) => open && setWanted(true)}
      onFocus={() => setWanted(true)}
      filterOption={(input, o) => !!o && o.folded.includes(foldVietnamese(input))}
      onChange={(v?: string) => onChange?.(v)}
      notFoundContent={tree.isFetching ? <Spin size="small" /> : undefined}
    />
  );
}

/** A new course in the catalogue, then a class of it. */
function NewCourse({ onCreated }: { onCreated: (id: string) => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const save = async (v: Record<string, unknown>) => {
    try {
      const c = await api<{ id: string }>('POST', '/training/courses', v);
      await qc.invalidateQueries({ queryKey: trainingKeys.courses });
      setOpen(false);
      form.resetFields();
      onCreated(c.id);
    } catch (e) {
      setProblem(placeError(form, ['kind', 'name', 'provider', 'orgId'], e, t));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="new-course">
        {t('training.course.new')}
      </Button>
      <Modal open={open} title={t('training.course.new')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={() => setOpen(false)} onOk={() => form.submit()}>
        <ProblemView problem={problem} onReload={() => setProblem(null)} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} onKeyDown={keepEnterInPicker}>
          <Form.Item name="kind" label={t('training.course.kind')} rules={[{ required: true, message: t('training.required') }]}>
            <Select options={COURSE_KINDS.map((k) => ({ value: k, label: label(COURSE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('training.course.name')} rules={[{ required: true, message: t('training.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="provider" label={t('training.course.provider')} rules={[{ required: true, message: t('training.required') }]}>
            <Input maxLength={200} placeholder={t('training.course.providerHint')} />
          </Form.Item>
          <Form.Item name="orgId" label={t('training.course.org')} rules={[{ required: true, message: t('training.required') }]}>
            <OrgField />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function NewCohortForm({ onCancel }: { onCancel: () => void }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const courses = useCourses();
  const fields = ['courseId', 'name', 'organizerOrgId', 'place', 'startsOn', 'endsOn', 'plannedSize'];
  const { form, problem, setProblem, saving, submit } = useSubmit(fields, (c) => navigate(`/training/${c.id}`));
  return (
    <Form form={form} layout="vertical" className="dv-t-form" onFinish={(v) => void submit('/training/cohorts', v)} onKeyDown={keepEnterInPicker}>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form.Item name="courseId" label={t('training.f.course')} rules={[{ required: true, message: t('training.required') }]}>
        <Select
          id="courseId"
          showSearch
          optionFilterProp="label"
          loading={courses.isPending}
          placeholder={t('training.f.coursePick')}
          options={(courses.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${label(COURSE_KIND_LABELS[c.kind as CourseKind])}) · ${c.provider}` }))}
        />
      </Form.Item>
      <div style={{ marginTop: -12, marginBottom: 16 }}>
        <NewCourse onCreated={(id) => form.setFieldValue('courseId', id)} />
      </div>
      <Form.Item name="name" label={t('training.f.name')} rules={[{ required: true, message: t('training.required') }]}>
        <Input maxLength={200} placeholder={t('training.f.nameHint')} />
      </Form.Item>
      <Form.Item name="organizerOrgId" label={t('training.f.organizer')} rules={[{ required: true, message: t('training.required') }]}>
        <OrgField />
      </Form.Item>
      <Form.Item name="place" label={t('training.f.place')}>
        <Input maxLength={300} />
      </Form.Item>
      <DateItem name="startsOn" label={t('training.f.startsOn')} />
      <Form.Item name="endsOn" label={t('training.f.endsOn')} rules={[{ required: true, message: t('training.required') }]}>
        <FutureDate />
      </Form.Item>
      <Form.Item name="plannedSize" label={t('training.f.plannedSize')}>
        <InputNumber min={1} max={5000} style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-cohort">
          {t('training.f.create')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** A planned class ends in the future. */
function FutureDate({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  return <IsoDatePicker id={id} value={value} onChange={(v) => onChange?.(v)} allowFuture />;
}

/** Khai giảng / bế giảng with its date. */
export function StateForm({ c, next, onDone }: { c: CohortDetail; next: 'dang_hoc' | 'ket_thuc'; onDone: () => void }) {
  const { t } = useI18n();
  const { form, problem, setProblem, saving, submit } = useSubmit(['date', 'state'], onDone);
  return (
    <Form form={form} layout="inline" className="dv-tr-inline" onFinish={(v) => void submit(`/training/cohorts/${c.id}/state`, { version: c.version, state: next, ...v })} onKeyDown={keepEnterInPicker}>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <DateItem name="date" label={next === 'dang_hoc' ? t('training.d.openedOn') : t('training.d.closedOn')} />
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid={`state-${next}`}>
          {next === 'dang_hoc' ? t('training.d.open') : t('training.d.close')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** Cử đi học: pick people by name, the sending organization, the date and decision. */
export function EnrolForm({ c, onDone }: { c: CohortDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const picks = usePersonPicks(q, c.course.kind === 'nhan_thuc');
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const { form, problem, setProblem, saving, submit } = useSubmit(['personIds', 'sentByOrgId', 'sentOn', 'decisionNo'], () => {
    setChosen(new Map());
    onDone();
  });
  const options = [
    ...[...chosen].map(([value, name]) => ({ value, label: name })),
    ...(picks.data?.items ?? []).filter((p) => !chosen.has(p.id)).map((p) => ({ value: p.id, label: `${p.fullName} · ${p.birthDate.slice(0, 4)}${p.orgName ? ` · ${p.orgName}` : ''}` })),
  ];
  return (
    <Form
      form={form}
      layout="vertical"
      className="dv-t-form"
      // The organizer usually sends its own people: preset it when the class is the caller's.
      initialValues={c.canManage ? { sentByOrgId: c.organizer.id } : {}}
      onFinish={(v) => void submit(`/training/cohorts/${c.id}/enrolments`, v)}
      onKeyDown={keepEnterInPicker}
    >
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form.Item name="personIds" label={t('training.e.people')} rules={[{ required: true, message: t('training.required') }]} extra={t('training.e.searchHint')}>
        <Select
          id="personIds"
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setQ}
          loading={picks.isFetching}
          options={options}
          onChange={(ids: string[]) => {
            const all = new Map(options.map((o) => [o.value, o.label]));
            setChosen(new Map(ids.map((i) => [i, all.get(i) ?? i])));
            setQ('');
          }}
          notFoundContent={q.trim().length < 2 ? t('training.e.typeMore') : t('training.e.none')}
        />
      </Form.Item>
      <Form.Item name="sentByOrgId" label={t('training.e.sentBy')} rules={[{ required: true, message: t('training.required') }]}>
        <OrgField id="sentByOrgId" known={c.organizer} />
      </Form.Item>
      <DateItem name="sentOn" label={t('training.e.sentOn')} />
      <Form.Item name="decisionNo" label={t('training.e.decisionNo')}>
        <Input maxLength={60} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="enrol">
        {t('training.e.submit')}
      </Button>
    </Form>
  );
}

/** The result of one learner, or their withdrawal. */
export function EnrolmentModal({ e, mode, onClose }: { e: Enrolment; mode: 'result' | 'withdraw'; onClose: () => void }) {
  const { t, label } = useI18n();
  const fields = mode === 'result' ? ['result', 'grade', 'resultOn', 'certificateNo', 'certificateDate'] : ['date', 'reason'];
  const { form, problem, setProblem, saving, submit } = useSubmit(fields, onClose);
  const result = Form.useWatch('result', form) as string | undefined;
  return (
    <Modal
      open
      title={`${mode === 'result' ? t('training.r.title') : t('training.w.title')}: ${e.fullName}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, id: 'save-enrolment' }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      <Form
        form={form}
        layout="vertical"
        initialValues={mode === 'result' ? { result: 'dat' } : {}}
        onFinish={(v) => void submit(`/training/enrolments/${e.id}/${mode}`, { version: e.version, ...v })}
        onKeyDown={keepEnterInPicker}
      >
        {mode === 'result' ? (
          <>
            <Form.Item name="result" label={t('training.r.result')} rules={[{ required: true, message: t('training.required') }]}>
              <Select id="result" options={TRAINING_RESULTS.map((r) => ({ value: r, label: label(TRAINING_RESULT_LABELS[r]) }))} />
            </Form.Item>
            {result === 'dat' && (
              <Form.Item name="grade" label={t('training.r.grade')}>
                <Select id="grade" allowClear options={TRAINING_GRADES.map((g) => ({ value: g, label: label(TRAINING_GRADE_LABELS[g]) }))} />
              </Form.Item>
            )}
            <DateItem name="resultOn" label={t('training.r.resultOn')} />
            {result === 'dat' && (
              <>
                <Form.Item name="certificateNo" label={t('training.r.certificateNo')}>
                  <Input maxLength={60} />
                </Form.Item>
                <DateItem name="certificateDate" label={t('training.r.certificateDate')} required={false} />
              </>
            )}
          </>
        ) : (
          <>
            <DateItem name="date" label={t('training.w.date')} />
            <Form.Item name="reason" label={t('training.w.reason')} rules={[{ required: true, message: t('training.required') }]}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
