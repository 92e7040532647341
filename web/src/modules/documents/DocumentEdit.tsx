import { addTargetIn, TARGET_COMPARATORS, TARGET_METRIC_LABELS, TARGET_METRICS, TARGET_UNIT_LABELS, TARGET_UNITS, todayIso, updateDocumentIn, type DocumentDetailOut } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { docKeys } from './api';
import { ConflictAlert } from './ConflictAlert';
import { isStale, placeErrors, serverEntries } from './formErrors';

interface Props {
  d: DocumentDetailOut;
  onDone: () => void;
  /** Loads the saved document again after a conflict. */
  reload: () => Promise<unknown>;
}

/**
 * Sends one change of a document with its version; the answer is the document as saved, so
 * the page shows it without another request. A stale version offers to reload.
 */
function useDocumentChange(d: DocumentDetailOut, onDone: () => void) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const send = async (method: 'PATCH' | 'POST', path: string, body: unknown, place: (entries: [string, string][]) => string | null) => {
    setGeneral(null);
    setStale(false);
    setSaving(true);
    try {
      const saved = await api<DocumentDetailOut>(method, path, body);
      qc.setQueryData(['documents', 'detail', d.id], saved);
      void qc.invalidateQueries({ queryKey: docKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      onDone();
    } catch (e) {
      if (isStale(e)) setStale(true);
      else setGeneral(place(serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };
  return { general, setGeneral, stale, setStale, saving, send };
}

const EDIT_FIELDS = ['summary', 'tags', 'issuedOn', 'term'] as const;
interface EditValues {
  summary: string;
  tags: string[];
  issuedOn?: string;
  term?: string;
}

/** Corrects the summary, topics, date and (party documents) term; the symbol is the document's identity. */
export function EditDocumentForm({ d, onDone, reload }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<EditValues>();
  const change = useDocumentChange(d, onDone);
  const onFinish = async (v: EditValues) => {
    const body = { version: d.version, summary: v.summary, tags: v.tags ?? [], issuedOn: v.issuedOn, ...(d.system === 'dang' ? { term: v.term ?? '' } : {}) };
    const r = updateDocumentIn.safeParse(body);
    if (!r.success) return change.setGeneral(placeErrors(form, EDIT_FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    await change.send('PATCH', `/documents/${d.id}`, body, (entries) => placeErrors(form, EDIT_FIELDS, entries));
  };
  return (
    <Form<EditValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      noValidate
      initialValues={{ summary: d.summary, tags: d.tags, issuedOn: d.issuedOn, term: d.term ?? undefined }}
      className="dv-d-form"
      data-testid="doc-edit-form"
    >
      {change.stale && (
        <ConflictAlert
          message={t('documents.conflict')}
          onReload={() => {
            change.setStale(false);
            void reload();
          }}
        />
      )}
      {change.general && <Alert type="error" showIcon role="alert" message={change.general} style={{ marginBottom: 12 }} />}
      <Alert type="info" message={t('documents.edit.identity', { symbol: d.symbol })} style={{ marginBottom: 12 }} />
      <Form.Item name="summary" label={t('documents.f.summary')}>
        <Input.TextArea rows={2} data-testid="doc-edit-summary" />
      </Form.Item>
      <Form.Item name="tags" label={t('documents.f.tags')}>
        <Select mode="tags" tokenSeparators={[',']} aria-label={t('documents.f.tags')} />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('documents.f.issuedOn')}>
        <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('documents.f.issuedOn')} max={todayIso()} />
      </Form.Item>
      {d.system === 'dang' && (
        <Form.Item name="term" label={t('documents.f.term')}>
          <Input placeholder="2020-2025" data-testid="doc-edit-term" />
        </Form.Item>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={change.saving} data-testid="doc-edit-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

const TARGET_FIELDS = ['metric', 'label', 'comparator', 'value', 'unit', 'periodFrom', 'periodTo', 'note'] as const;
interface TargetValues {
  metric: string;
  label?: string;
  comparator: string;
  value?: number | null;
  unit: string;
  periodFrom?: number | null;
  periodTo?: number | null;
  note?: string;
}

/** Adds one target to a registered resolution. */
export function AddTargetForm({ d, onDone, reload }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<TargetValues>();
  const change = useDocumentChange(d, onDone);
  const year = Number(d.issuedOn.slice(0, 4));
  const onFinish = async (v: TargetValues) => {
    const body = { ...v, version: d.version, label: v.label || null, note: v.note || null, value: v.value ?? undefined, periodFrom: v.periodFrom ?? undefined, periodTo: v.periodTo ?? undefined };
    const r = addTargetIn.safeParse(body);
    if (!r.success) return change.setGeneral(placeErrors(form, TARGET_FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    await change.send('POST', `/documents/${d.id}/targets`, body, (entries) => placeErrors(form, TARGET_FIELDS, entries));
  };
  const sign = { '>=': '≥', '<=': '≤', '=': '=' } as const;
  return (
    <Form<TargetValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      noValidate
      initialValues={{ metric: 'ket_nap_dang_vien', comparator: '>=', unit: 'so_luong_nam', periodFrom: year, periodTo: year + 4 }}
      data-testid="target-form"
      style={{ marginTop: 12 }}
    >
      {change.stale && (
        <ConflictAlert
          message={t('documents.conflict')}
          onReload={() => {
            change.setStale(false);
            void reload();
          }}
        />
      )}
      {change.general && <Alert type="error" showIcon role="alert" message={change.general} style={{ marginBottom: 12 }} />}
      <Form.Item name="metric" label={t('documents.f.metric')}>
        <Select aria-label={t('documents.f.metric')} options={TARGET_METRICS.map((m) => ({ value: m, label: label(TARGET_METRIC_LABELS[m]) }))} data-testid="new-target-metric" />
      </Form.Item>
      <Form.Item name="label" label={t('documents.f.label')}>
        <Input />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="comparator" label={t('documents.f.comparator')}>
          <Select style={{ minWidth: 80 }} options={TARGET_COMPARATORS.map((c) => ({ value: c, label: sign[c] }))} />
        </Form.Item>
        <Form.Item name="value" label={t('documents.f.value')}>
          <InputNumber min={0} decimalSeparator="," data-testid="new-target-value" />
        </Form.Item>
        <Form.Item name="unit" label={t('documents.f.unit')}>
          <Select aria-label={t('documents.f.unit')} style={{ minWidth: 180 }} options={TARGET_UNITS.map((u) => ({ value: u, label: label(TARGET_UNIT_LABELS[u]) }))} data-testid="new-target-unit" />
        </Form.Item>
        <Form.Item name="periodFrom" label={t('documents.f.from')}>
          <InputNumber min={1945} max={2100} />
        </Form.Item>
        <Form.Item name="periodTo" label={t('documents.f.to')}>
          <InputNumber min={1945} max={2100} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('documents.f.note')}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={change.saving} data-testid="new-target-save">
          {t('documents.f.addTarget')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
