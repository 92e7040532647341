import {
  ALL_BADGE_MILESTONES,
  AWARD_KIND_LABELS,
  AWARD_KINDS,
  AWARD_LEVEL_LABELS,
  AWARD_LEVELS,
  createAwardIn,
  todayIso,
  updateAwardIn,
  type AwardOut,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { ConflictAlert } from '../documents/ConflictAlert';
import { isStale, placeErrors, serverEntries } from '../documents/formErrors';
import { useOrgTree } from '../members/api';
import { awardKeys } from './api';
import { PersonPicker } from './PersonPicker';

const MODAL_STYLE = { maxWidth: 'calc(100vw - 16px)' };
const CREATE_FIELDS = ['recipientPersonId', 'recipientOrgId', 'awardKind', 'awardLevel', 'awardTitle', 'awardYear', 'badgeYears', 'decisionNo', 'decisionDate', 'issuer', 'note'] as const;
interface CreateValues {
  to: 'person' | 'org';
  recipientPersonId?: string;
  recipientOrgId?: string;
  awardKind: string;
  awardLevel?: string;
  awardTitle?: string;
  awardYear?: number | null;
  badgeYears?: number;
  decisionNo?: string;
  decisionDate?: string;
  issuer?: string;
  note?: string;
}

function DecisionFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="decisionNo" label={t('awards.f.decisionNo')}>
        <Input autoComplete="off" data-testid="award-decision-no" />
      </Form.Item>
      <Form.Item name="decisionDate" label={t('awards.f.decisionDate')}>
        <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('awards.f.decisionDate')} />
      </Form.Item>
      <Form.Item name="issuer" label={t('awards.f.issuer')}>
        <Input data-testid="award-issuer" />
      </Form.Item>
      <Form.Item name="note" label={t('awards.f.note')}>
        <Input />
      </Form.Item>
    </>
  );
}

/** Records an award or commendation for a person or an organization (a badge, too, for a member). */
export function NewAwardModal({ onClose }: { onClose: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const qc = useQueryClient();
  const tree = useOrgTree();
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const to = Form.useWatch('to', form) ?? 'person';
  const kind = Form.useWatch('awardKind', form);
  const badge = kind === 'huy_hieu';

  const onFinish = async (v: CreateValues) => {
    setGeneral(null);
    const toOrg = v.to === 'org' && !badge;
    const body = {
      awardKind: v.awardKind,
      awardLevel: v.awardLevel ?? null,
      awardTitle: v.awardTitle || null,
      recipientPersonId: toOrg ? null : (v.recipientPersonId ?? null),
      recipientOrgId: toOrg ? (v.recipientOrgId ?? null) : null,
      awardYear: v.awardYear ?? null,
      badgeYears: badge ? (v.badgeYears ?? null) : null,
      decisionNo: v.decisionNo ?? '',
      decisionDate: v.decisionDate ?? '',
      issuer: v.issuer ?? '',
      note: v.note || null,
    };
    // "Choose a person or an organization" names the person; an organization award shows it on the organization.
    const place = (entries: [string, string][]) => placeErrors(form, CREATE_FIELDS, entries.map(([f, m]) => [toOrg && f === 'recipientPersonId' ? 'recipientOrgId' : f, m]));
    const r = createAwardIn.safeParse(body);
    if (!r.success) return setGeneral(place(r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      await api<AwardOut>('POST', '/awards', body);
      void qc.invalidateQueries({ queryKey: awardKeys.all });
      onClose();
    } catch (e) {
      setGeneral(place(serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('awards.new')} onCancel={onClose} footer={null} destroyOnHidden width={600} style={MODAL_STYLE}>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        noValidate
        initialValues={{ to: 'person', awardKind: 'bang_khen', decisionDate: todayIso() }}
        data-testid="award-form"
      >
        {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
        <Form.Item name="awardKind" label={t('awards.f.kind')}>
          <Select aria-label={t('awards.f.kind')} options={AWARD_KINDS.map((k) => ({ value: k, label: label(AWARD_KIND_LABELS[k]) }))} data-testid="award-kind" />
        </Form.Item>
        {!badge && (
          <Form.Item name="to" label={t('awards.f.to')}>
            <Radio.Group>
              <Radio value="person">{t('awards.f.toPerson')}</Radio>
              <Radio value="org">{t('awards.f.toOrg')}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {to === 'org' && !badge ? (
          <Form.Item name="recipientOrgId" label={t('awards.f.org')}>
            <Select
              showSearch
              optionFilterProp="label"
              aria-label={t('awards.f.org')}
              loading={tree.isLoading}
              options={(tree.data?.nodes ?? []).map((n) => ({ value: n.orgId, label: n.name }))}
              data-testid="award-org"
            />
          </Form.Item>
        ) : (
          <Form.Item name="recipientPersonId" label={t('awards.f.person')}>
            <PersonPicker ariaLabel={t('awards.f.person')} testId="award-person" />
          </Form.Item>
        )}
        {badge && (
          <Form.Item name="badgeYears" label={t('awards.f.badgeYears')}>
            <Select aria-label={t('awards.f.badgeYears')} options={ALL_BADGE_MILESTONES.map((n) => ({ value: n, label: t('awards.badges.years', { n }) }))} />
          </Form.Item>
        )}
        <Form.Item name="awardTitle" label={badge ? t('awards.f.titleOptional') : t('awards.f.title')}>
          <Input placeholder={t('awards.f.titleHint')} data-testid="award-title" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="awardLevel" label={t('awards.f.level')}>
            <Select allowClear aria-label={t('awards.f.level')} style={{ minWidth: 200 }} options={AWARD_LEVELS.map((l) => ({ value: l, label: label(AWARD_LEVEL_LABELS[l]) }))} data-testid="award-level" />
          </Form.Item>
          <Form.Item name="awardYear" label={t('awards.f.year')}>
            <InputNumber min={1945} max={2100} aria-label={t('awards.f.year')} />
          </Form.Item>
        </Space>
        <DecisionFields />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="award-save">
            {t('awards.f.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

const EDIT_FIELDS = ['awardTitle', 'awardLevel', 'decisionNo', 'decisionDate', 'issuer', 'note'] as const;
interface EditValues {
  awardTitle?: string;
  awardLevel?: string | null;
  decisionNo?: string;
  decisionDate?: string;
  issuer?: string;
  note?: string;
}

/** Corrects an award's wording, level and decision, with the version it was read at. */
export function EditAwardModal({ award, onClose }: { award: AwardOut; onClose: () => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  // After a conflict the dialog shows the saved award and is filled again from it.
  const [current, setCurrent] = useState(award);
  const [form] = Form.useForm<EditValues>();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);

  const reload = async () => {
    setStale(false);
    setGeneral(null);
    try {
      const fresh = await api<AwardOut>('GET', `/awards/${current.id}`);
      setCurrent(fresh);
      form.setFieldsValue({ awardTitle: fresh.title, awardLevel: fresh.level, decisionNo: fresh.decisionNo ?? '', decisionDate: fresh.decisionDate ?? undefined, issuer: fresh.issuer ?? '', note: fresh.note ?? '' });
      void qc.invalidateQueries({ queryKey: awardKeys.all });
    } catch (e) {
      setGeneral(serverEntries(e, t('common.offline'), t('common.error'))[0]![1]);
    }
  };

  const onFinish = async (v: EditValues) => {
    setGeneral(null);
    setStale(false);
    const body = {
      version: current.version,
      awardTitle: v.awardTitle ?? '',
      awardLevel: v.awardLevel ?? null,
      decisionNo: v.decisionNo ?? '',
      decisionDate: v.decisionDate ?? '',
      issuer: v.issuer ?? '',
      note: v.note || null,
    };
    const r = updateAwardIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, EDIT_FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      await api<AwardOut>('PATCH', `/awards/${current.id}`, body);
      void qc.invalidateQueries({ queryKey: awardKeys.all });
      onClose();
    } catch (e) {
      if (isStale(e)) setStale(true);
      else setGeneral(placeErrors(form, EDIT_FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  const recipient = current.person?.name ?? current.org?.name ?? '';
  return (
    <Modal open title={`${t('awards.edit')}: ${recipient}`} onCancel={onClose} footer={null} destroyOnHidden width={600} style={MODAL_STYLE}>
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        noValidate
        initialValues={{ awardTitle: current.title, awardLevel: current.level, decisionNo: current.decisionNo ?? '', decisionDate: current.decisionDate ?? undefined, issuer: current.issuer ?? '', note: current.note ?? '' }}
        data-testid="award-edit-form"
      >
        {stale && <ConflictAlert message={t('awards.conflict')} onReload={() => void reload()} />}
        {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
        <p className="dv-d-muted">{label(AWARD_KIND_LABELS[current.kind])}</p>
        <Form.Item name="awardTitle" label={t('awards.f.title')}>
          <Input data-testid="award-edit-title" />
        </Form.Item>
        <Form.Item name="awardLevel" label={t('awards.f.level')}>
          <Select allowClear aria-label={t('awards.f.level')} options={AWARD_LEVELS.map((l) => ({ value: l, label: label(AWARD_LEVEL_LABELS[l]) }))} />
        </Form.Item>
        <DecisionFields />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="award-edit-save">
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
