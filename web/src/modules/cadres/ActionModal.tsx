import { Alert, Button, Form, Input, Modal, Select, Spin, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { usePeople, useRefreshCadres } from './api';

type Problem = { kind: 'conflict' } | { kind: 'offline' } | { kind: 'error'; message: string } | null;

/**
 * A form in a dialog that sends one change: server refusals land beside the field they name,
 * a 409 offers to reload, a lost connection says nothing was saved.
 */
export function ActionModal<T extends object>({
  title,
  open,
  onClose,
  onSubmit,
  children,
  initialValues,
  form: given,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  children: ReactNode;
  initialValues?: Partial<T>;
  form?: FormInstance<T>;
}) {
  const { t } = useI18n();
  const [own] = Form.useForm<T>();
  const form = given ?? own;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const refresh = useRefreshCadres();

  const submit = async (values: T) => {
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
      await refresh();
      form.resetFields();
      onClose();
    } catch (e) {
      if (!(e instanceof ApiError)) setProblem({ kind: 'error', message: t('common.error') });
      else if (e.status === 0) setProblem({ kind: 'offline' });
      else if (e.status === 409 && e.field === 'version') setProblem({ kind: 'conflict' });
      else {
        const field = e.field?.split('.')[0];
        const known = !!field && field in (form.getFieldsValue() as object);
        if (known) form.setFields([{ name: field as never, errors: [e.message] }]);
        else setProblem({ kind: 'error', message: e.message });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={title} open={open} onCancel={onClose} footer={null} destroyOnHidden width={560} style={{ maxWidth: 'calc(100vw - 16px)' }}>
      {problem?.kind === 'conflict' && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          message={t('common.conflict')}
          action={
            <Button
              type="primary"
              onClick={() => {
                void refresh();
                onClose();
              }}
            >
              {t('common.reload')}
            </Button>
          }
        />
      )}
      {problem?.kind === 'offline' && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={t('common.offline')} />}
      {problem?.kind === 'error' && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={problem.message} />}
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void submit(v)} preserve={false}>
        {children}
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Modal>
  );
}

/** A required ISO date field shown dd/mm/yyyy. */
export function DateItem({ name, label, required = true }: { name: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, message: t('cadres.required') }] : []}>
      <IsoDatePicker value={undefined} onChange={() => undefined} />
    </Form.Item>
  );
}

/** Decision number, date and issuing body; `required` for mergers and rotations. */
export function DecisionItems({ required = false }: { required?: boolean }) {
  const { t } = useI18n();
  const rules = required ? [{ required: true, message: t('cadres.required') }] : [];
  return (
    <>
      <Form.Item name="decisionNo" label={t('cadres.f.decisionNo')} rules={rules}>
        <Input />
      </Form.Item>
      <DateItem name="decisionDate" label={t('cadres.f.decisionDate')} required={false} />
      <Form.Item name="issuer" label={t('cadres.f.issuer')} rules={rules}>
        <Input />
      </Form.Item>
    </>
  );
}

/** Finds a person (member or not) in scope by typing part of the name. */
export function PersonSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const people = usePeople(q);
  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setQ}
      placeholder={t('cadres.f.personSearch')}
      notFoundContent={people.isFetching ? <Spin size="small" /> : q.trim().length < 2 ? t('cadres.f.typeTwo') : t('common.none')}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.fullName} · ${fmtDate(p.birthDate)}${p.orgName ? ` · ${p.orgName}` : ''}${p.standing ? '' : ` · ${t('cadres.nonMember')}`}`,
      }))}
      style={{ width: '100%' }}
    />
  );
}
