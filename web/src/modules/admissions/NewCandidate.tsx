import { can, createCandidateIn, ETHNICITIES, INTRODUCER_KINDS, INTRODUCER_KIND_LABELS, SEX_LABELS, SEXES } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { OrgTreeSelect } from '../members/components/OrgTreeSelect';
import { useHelperChoices, type CandidateDetail } from './api';
import { DateItem, keepEnterInPicker, placeError, ProblemView, type Problem } from './forms';
import './admissions.css';

const FIELDS: readonly string[] = ['fullName', 'sex', 'birthDate', 'ethnicity', 'cccd', 'generalEducation', 'residence', 'cellId', 'introducedByKind', 'introducedByName', 'helperId', 'helperFrom'];

/** The "new candidate" form: the person, the developing cell, who introduced them and the helper. */
export default function NewCandidate() {
  const { t, label, lang } = useI18n();
  const { me } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cell = Form.useWatch<string | undefined>('cellId', form);
  const helpers = useHelperChoices(cell);
  useDocumentTitle(t('adm.new.title'));
  if (me && !can(me.role, 'member.write')) return <Alert type="warning" showIcon message={t('adm.noPermission')} />;

  const send = async (values: Record<string, unknown>, confirmDuplicate = false) => {
    setProblem(null);
    setDuplicate(null);
    // Empty inputs mean "not given", which the schema spells as absent.
    const body = { ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)), confirmDuplicate };
    const parsed = createCandidateIn.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.filter((i) => typeof i.path[0] === 'string').map((i) => ({ name: i.path[0] as string, errors: [i.message] })));
      return;
    }
    setSaving(true);
    try {
      const c = await api<CandidateDetail>('POST', '/admissions/candidates', body);
      void qc.invalidateQueries({ queryKey: ['admissions'] });
      void navigate(`/admissions/${c.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'LIKELY_DUPLICATE') setDuplicate(e.message);
      else setProblem(placeError(form, FIELDS, e, t));
    } finally {
      setSaving(false);
    }
  };
  const req = (l: string) => [{ required: true, whitespace: true, message: `${t('adm.f.required')}: ${l}` }];

  return (
    <div className="dv-adm-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('adm.new.title')}
      </Typography.Title>
      <ProblemView problem={problem} onReload={() => setProblem(null)} />
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={duplicate}
          action={<Button onClick={() => void send(form.getFieldsValue(), true)}>{t('adm.new.duplicate')}</Button>}
        />
      )}
      <Form form={form} name="candidate" layout="vertical" onKeyDown={keepEnterInPicker} onFinish={(v) => void send(v)} className="dv-adm-form" initialValues={{ sex: 'nam', religion: 'khong' }}>
        <Form.Item name="fullName" label={t('adm.new.fullName')} rules={req(t('adm.new.fullName'))}>
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item name="sex" label={t('adm.new.sex')}>
          <Radio.Group options={SEXES.map((s) => ({ value: s, label: label(SEX_LABELS[s]) }))} />
        </Form.Item>
        <DateItem name="birthDate" label={t('adm.new.birthDate')} />
        <Form.Item name="ethnicity" label={t('adm.new.ethnicity')} rules={req(t('adm.new.ethnicity'))}>
          <Select showSearch optionFilterProp="label" options={ETHNICITIES.map((e) => ({ value: e.code, label: e[lang] }))} />
        </Form.Item>
        <Form.Item name="cccd" label={t('adm.new.cccd')}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="generalEducation" label={t('adm.new.generalEducation')}>
          <Input maxLength={5} />
        </Form.Item>
        <Form.Item name="residence" label={t('adm.new.residence')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="cellId" label={t('adm.new.cellId')} rules={req(t('adm.new.cellId'))}>
          <OrgTreeSelect cellsOnly />
        </Form.Item>
        <Form.Item name="introducedByKind" label={t('adm.new.introducedByKind')} rules={req(t('adm.new.introducedByKind'))}>
          <Select options={INTRODUCER_KINDS.map((k) => ({ value: k, label: label(INTRODUCER_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="introducedByName" label={t('adm.new.introducedByName')} rules={req(t('adm.new.introducedByName'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="helperId" label={t('adm.f.helperId')} extra={!cell ? t('adm.new.pickCell') : undefined}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            disabled={!cell}
            loading={helpers.isFetching}
            options={(helpers.data?.items ?? []).map((m) => ({ value: m.id, label: m.fullName }))}
          />
        </Form.Item>
        <DateItem name="helperFrom" label={t('adm.new.helperFrom')} required={false} />
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
