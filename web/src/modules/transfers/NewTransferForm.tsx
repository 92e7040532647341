import {
  ETHNICITIES,
  isCellKind,
  proposeTransferIn,
  TRANSFER_KIND_LABELS,
  TRANSFER_KINDS,
  TRANSFER_PURPOSE_LABELS,
  TRANSFER_PURPOSES,
  todayIso,
  type TransferKind,
  type TransferPurpose,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { useOrgTree } from '../members/api';
import { transferKeys, useDestinations, useMemberPick, useMemberPicks, type TransferDetail } from './api';

interface Values {
  kind: TransferKind;
  personId?: string;
  dest?: 'in' | 'out';
  toOrgId?: string;
  outsideOrgName?: string;
  date?: string;
  decisionNo?: string;
  reason?: string;
  expectedEnd?: string;
  purpose?: TransferPurpose;
  letterNo?: string;
  letterDate?: string;
  admittedOn?: string;
  officialOn?: string;
  fullName?: string;
  sex?: 'nam' | 'nu';
  birthDate?: string;
  ethnicity?: string;
  cardNo?: string;
}

const FIELDS = ['kind', 'personId', 'toOrgId', 'outsideOrgName', 'date', 'decisionNo', 'reason', 'expectedEnd', 'purpose', 'letterNo', 'letterDate', 'admittedOn', 'officialOn', 'fullName', 'sex', 'birthDate', 'ethnicity', 'cardNo'] as const;
type Field = (typeof FIELDS)[number];

/** A server or schema path ("person.fullName") as the form field that shows it. */
function fieldOf(path: string): Field | null {
  const last = path.split('.').pop() ?? '';
  if (path === 'person') return 'fullName';
  return (FIELDS as readonly string[]).includes(last) ? (last as Field) : null;
}

function toBody(v: Values) {
  const inSystem = v.kind === 'noi_bo' || (v.kind === 'tam_thoi' && v.dest !== 'out') || v.kind === 'den';
  const base = { kind: v.kind, date: v.date, reason: v.reason || null, decisionNo: v.decisionNo || null };
  if (v.kind === 'den')
    return {
      ...base,
      toOrgId: v.toOrgId,
      outsideOrgName: v.outsideOrgName,
      letterNo: v.letterNo,
      letterDate: v.letterDate,
      admittedOn: v.admittedOn,
      officialOn: v.officialOn || null,
      person: { fullName: v.fullName ?? '', sex: v.sex, birthDate: v.birthDate, ethnicity: v.ethnicity, cardNo: v.cardNo || null },
    };
  return {
    ...base,
    personId: v.personId,
    toOrgId: inSystem ? v.toOrgId : null,
    outsideOrgName: inSystem ? null : v.outsideOrgName,
    expectedEnd: v.kind === 'tam_thoi' ? v.expectedEnd : null,
    purpose: v.kind === 'tam_thoi' ? (v.purpose ?? null) : null,
  };
}

/** The proposal form; `personId` preselects the member (the profile links here with ?new=). */
export function NewTransferForm({ personId, onCancel }: { personId: string | null; onCancel: () => void }) {
  const { t, label, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const kind = Form.useWatch('kind', form) ?? 'noi_bo';
  const dest = Form.useWatch('dest', form) ?? 'in';
  const [memberQ, setMemberQ] = useState('');
  const [destQ, setDestQ] = useState('');
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const members = useMemberPicks(memberQ);
  const preset = useMemberPick(personId);
  const destinations = useDestinations(destQ);
  const tree = useOrgTree();
  const ownCells = useMemo(() => (tree.data?.nodes ?? []).filter((n) => isCellKind(n.kind)), [tree.data]);
  const req = [{ required: true, message: t('transfers.f.required') }];

  useEffect(() => {
    if (personId) form.setFieldValue('personId', personId);
  }, [personId, form]);

  const memberOptions = useMemo(() => {
    const list = [...(members.data?.items ?? [])];
    if (preset.data && !list.some((m) => m.id === preset.data!.id)) list.unshift(preset.data);
    return list.map((m) => ({ value: m.id, label: `${m.fullName} · ${fmtDate(m.birthDate)}${m.orgName ? ` · ${m.orgName}` : ''}` }));
  }, [members.data, preset.data]);

  const place = (entries: [string, string][]) => {
    const byField = new Map<Field, string[]>();
    const rest: string[] = [];
    for (const [path, msg] of entries) {
      const f = fieldOf(path);
      if (f) byField.set(f, [...(byField.get(f) ?? []), msg]);
      else rest.push(msg);
    }
    form.setFields(FIELDS.map((f) => ({ name: f, errors: byField.get(f) ?? [] })));
    const first = FIELDS.find((f) => byField.has(f));
    if (first) form.scrollToField(first, { block: 'center', focus: true });
    setGeneral(rest.length ? rest.join(' ') : null);
  };

  const onFinish = async (v: Values) => {
    setGeneral(null);
    const body = toBody(v);
    const r = proposeTransferIn.safeParse(body);
    if (!r.success) return place(r.error.issues.map((i) => [i.path.join('.'), i.message]));
    setSaving(true);
    try {
      const created = await api<TransferDetail>('POST', '/transfers', body);
      void qc.invalidateQueries({ queryKey: transferKeys.all });
      void navigate(`/transfers/${created.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) return setGeneral(t('common.error'));
      if (e.status === 0) return setGeneral(t('common.offline'));
      place([[e.field ?? '', e.message]]);
    } finally {
      setSaving(false);
    }
  };

  const date = (name: Field, key: MessageKey, opts: { required?: boolean; future?: boolean } = {}) => (
    <Form.Item name={name} label={t(key)} rules={opts.required ? req : undefined}>
      <IsoDatePicker value={undefined} onChange={() => undefined} allowFuture={opts.future} aria-label={t(key)} />
    </Form.Item>
  );

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'noi_bo', dest: 'in', date: todayIso(), sex: 'nam' }} onFinish={onFinish} noValidate className="dv-t-form">
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 16 }} />}
      <Form.Item name="kind" label={t('transfers.f.kind')}>
        <Radio.Group
          options={TRANSFER_KINDS.map((k) => ({ value: k, label: label(TRANSFER_KIND_LABELS[k]) }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        />
      </Form.Item>

      {kind !== 'den' && (
        <Form.Item name="personId" label={t('transfers.f.member')} rules={req} extra={t('transfers.f.memberSearch')}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setMemberQ}
            options={memberOptions}
            loading={members.isFetching}
            aria-label={t('transfers.f.member')}
            notFoundContent={null}
          />
        </Form.Item>
      )}

      {kind === 'den' && (
        <>
          <Form.Item name="fullName" label={t('transfers.f.fullName')} rules={req}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="sex" label={t('transfers.f.sex')}>
            <Radio.Group options={[{ value: 'nam', label: t('transfers.f.male') }, { value: 'nu', label: t('transfers.f.female') }]} />
          </Form.Item>
          {date('birthDate', 'transfers.f.birthDate', { required: true })}
          <Form.Item name="ethnicity" label={t('transfers.f.ethnicity')} rules={req}>
            <Select showSearch optionFilterProp="label" options={ETHNICITIES.map((e) => ({ value: e.code, label: e[lang] }))} aria-label={t('transfers.f.ethnicity')} />
          </Form.Item>
          <Form.Item name="cardNo" label={t('transfers.f.cardNo')}>
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
          <Form.Item name="outsideOrgName" label={t('transfers.f.outsideFrom')} rules={req}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="letterNo" label={t('transfers.f.letterNo')} rules={req}>
            <Input maxLength={60} />
          </Form.Item>
          {date('letterDate', 'transfers.f.letterDate', { required: true })}
          {date('admittedOn', 'transfers.f.admittedOn', { required: true })}
          {date('officialOn', 'transfers.f.officialOn')}
          <Form.Item name="toOrgId" label={t('transfers.f.receivingCell')} rules={req}>
            <Select showSearch optionFilterProp="label" options={ownCells.map((c) => ({ value: c.orgId, label: c.name }))} aria-label={t('transfers.f.receivingCell')} />
          </Form.Item>
        </>
      )}

      {kind === 'tam_thoi' && (
        <Form.Item name="dest" label={t('transfers.f.destinationType')}>
          <Radio.Group options={[{ value: 'in', label: t('transfers.f.inSystem') }, { value: 'out', label: t('transfers.f.outSystem') }]} />
        </Form.Item>
      )}
      {(kind === 'noi_bo' || (kind === 'tam_thoi' && dest === 'in')) && (
        <Form.Item name="toOrgId" label={t('transfers.f.toOrg')} rules={req} extra={t('transfers.f.toOrgSearch')}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setDestQ}
            loading={destinations.isFetching}
            aria-label={t('transfers.f.toOrg')}
            options={(destinations.data?.items ?? []).map((d) => ({ value: d.id, label: d.parentName ? `${d.name} · ${d.parentName}` : d.name }))}
          />
        </Form.Item>
      )}
      {(kind === 'ra_ngoai' || (kind === 'tam_thoi' && dest === 'out')) && (
        <Form.Item name="outsideOrgName" label={t('transfers.f.outsideTo')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
      )}
      {kind === 'tam_thoi' && (
        <Form.Item name="purpose" label={t('transfers.f.purpose')} rules={req}>
          <Radio.Group options={TRANSFER_PURPOSES.map((p) => ({ value: p, label: label(TRANSFER_PURPOSE_LABELS[p]) }))} />
        </Form.Item>
      )}
      {kind === 'tam_thoi' && date('expectedEnd', 'transfers.f.expectedEnd', { required: true, future: true })}
      {date('date', 'transfers.f.date', { required: true })}
      {kind !== 'den' && (
        <Form.Item name="decisionNo" label={t('transfers.f.decisionNo')}>
          <Input maxLength={60} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={t('transfers.f.reason')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button type="primary" htmlType="submit" size="large" loading={saving}>
          {t('transfers.f.submit')}
        </Button>
        <Button size="large" onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </Button>
      </div>
    </Form>
  );
}
