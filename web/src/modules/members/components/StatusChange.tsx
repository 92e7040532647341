import { can, mayBeExpelled, memberEventIn, needsCell, statusChangeKinds, type MemberEventKind } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, message, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import type { MessageKey } from '../../../app/messages';
import { IsoDatePicker } from '../../../ui/IsoDatePicker';
import { memberKeys, type MemberDetail } from '../api';
import { eventLabel } from '../labels';
import { OrgTreeSelect } from './OrgTreeSelect';

const FIELDS = ['kind', 'effectiveDate', 'decisionNo', 'decisionDate', 'issuer', 'orgId', 'note'] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field, string>>;
const LABEL: Record<Field, MessageKey> = {
  kind: 'members.status.kind',
  effectiveDate: 'members.status.effectiveDate',
  decisionNo: 'members.status.decisionNo',
  decisionDate: 'members.status.decisionDate',
  issuer: 'members.status.issuer',
  orgId: 'members.status.orgId',
  note: 'members.status.note',
};

/** The change kinds this member may take now, from the ledger's table, so the server will agree. */
export const kindsFor = (m: MemberDetail): MemberEventKind[] => statusChangeKinds({ ...m, standing: m.standing as never, activity: m.activity as never });
const expellable = (m: MemberDetail) => mayBeExpelled({ ...m, standing: m.standing as never, activity: m.activity as never });

/**
 * "Ghi biến động": one status change on the member's ledger (exemption, working away, loss,
 * restoration, full membership). The server's refusals appear beside the field they are about.
 */
export function StatusChange({ member, onReload }: { member: MemberDetail; onReload: () => Promise<unknown> }) {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<'conflict' | string | null>(null);
  const [reloading, setReloading] = useState(false);
  const kinds = useMemo(() => kindsFor(member), [member]);
  const kind = Form.useWatch('kind', form) as MemberEventKind | undefined;

  const showErrors = (errors: Partial<Record<Field, string>>) => form.setFields(FIELDS.map((f) => ({ name: f, errors: errors[f] ? [errors[f]!] : [] })));

  const submit = async (values: Values) => {
    setBanner(null);
    const body = { ...values, orgId: values.kind && needsCell(values.kind as MemberEventKind) ? values.orgId : undefined, version: member.version };
    const parsed = memberEventIn.safeParse(body);
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const i of parsed.error.issues) {
        const f = i.path[0] as Field;
        if (FIELDS.includes(f)) errors[f] ??= i.message;
      }
      if (Object.keys(errors).length) return showErrors(errors);
    }
    setSaving(true);
    try {
      const saved = await api<MemberDetail>('POST', `/members/${encodeURIComponent(member.id)}/events`, body);
      qc.setQueryData(memberKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: memberKeys.detail(saved.id) });
      void qc.invalidateQueries({ queryKey: memberKeys.history(saved.id) });
      void qc.invalidateQueries({ queryKey: memberKeys.lists });
      void message.success(t('members.status.saved', { kind: eventLabel(values.kind!, lang) }));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      if (!(e instanceof ApiError)) return setBanner(t('common.error'));
      if (e.status === 0) return setBanner(t('common.offline'));
      if (e.code === 'VERSION_CONFLICT') return setBanner('conflict');
      const field = (e.field === 'id' ? 'kind' : e.field) as Field | undefined;
      if (field && FIELDS.includes(field)) {
        showErrors({ [field]: e.message });
        form.scrollToField(field, { block: 'center' });
      } else setBanner(e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={kinds.length === 0} title={kinds.length === 0 ? t('members.status.none') : undefined}>
        {t('members.status.record')}
      </Button>
      <Modal
        open={open}
        title={t('members.status.title', { name: member.fullName })}
        onCancel={() => setOpen(false)}
        okText={t('members.status.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: saving }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <p className="dv-m-hint">{t('members.status.help')}</p>
        {expellable(member) && (
          // Khai trừ is not on this form: it is the effect of a discipline decision, recorded by the inspection commission.
          <Alert
            type="info"
            role="note"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('members.status.expelHint')}
            description={me && can(me.role, 'inspection.read') ? <Link to="/inspections?tab=discipline">{t('members.status.expelLink')}</Link> : undefined}
          />
        )}
        {banner === 'conflict' ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            message={t('members.status.conflict')}
            action={
              <Button
                type="primary"
                loading={reloading}
                onClick={async () => {
                  setReloading(true);
                  try {
                    await onReload();
                    setBanner(null);
                  } finally {
                    setReloading(false);
                  }
                }}
              >
                {t('common.reload')}
              </Button>
            }
          />
        ) : banner ? (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={banner} />
        ) : null}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          onValuesChange={(changed: Values) => form.setFields(Object.keys(changed).map((f) => ({ name: f as Field, errors: [] })))}
          noValidate
        >
          <Form.Item name="kind" label={t(LABEL.kind)} required>
            <Select
              id="status-kind"
              options={kinds.map((k) => ({ value: k, label: eventLabel(k, lang) }))}
              placeholder={t('members.form.choose')}
              notFoundContent={t('members.status.none')}
            />
          </Form.Item>
          <Form.Item name="effectiveDate" label={t(LABEL.effectiveDate)} required extra={t('members.form.dateHint')}>
            <DateField id="status-effectiveDate" />
          </Form.Item>
          {kind && needsCell(kind) && (
            <Form.Item name="orgId" label={t(LABEL.orgId)} required extra={t('members.form.orgHint')}>
              <OrgTreeSelect cellsOnly id="status-orgId" placeholder={t('members.form.orgPlaceholder')} />
            </Form.Item>
          )}
          <Form.Item name="decisionNo" label={t(LABEL.decisionNo)} extra={t('members.form.decisionHint')}>
            <Input id="status-decisionNo" maxLength={60} />
          </Form.Item>
          <Form.Item name="decisionDate" label={t(LABEL.decisionDate)}>
            <DateField id="status-decisionDate" />
          </Form.Item>
          <Form.Item name="issuer" label={t(LABEL.issuer)}>
            <Input id="status-issuer" maxLength={200} />
          </Form.Item>
          <Form.Item name="note" label={t(LABEL.note)}>
            <Input.TextArea id="status-note" maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** IsoDatePicker as an antd form control (value/onChange injected by Form.Item). */
function DateField({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id: string }) {
  return <IsoDatePicker id={id} value={value} onChange={(v) => onChange?.(v)} />;
}
