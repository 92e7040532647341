import { HOST_TYPE_LABELS, HOST_TYPES, ORG_EVENT_KINDS, ORG_EVENT_LABELS, ORG_KIND_LABELS, ORG_KINDS, restructureOpIn, type OrgEventKind } from '@dangvu/common';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Table } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ApiError, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { useOrgTree } from '../members/api';
import { LinkButton } from '../members/components/LinkButton';
import { OrgTreeSelect } from '../members/components/OrgTreeSelect';
import { applyOp, previewOp, useAfterApply, type ApplyResult, type RestructureEffects } from './api';
import { Effects } from './Effects';
import { formFieldOf, opPayload, type OpFormValues } from './payload';

type Labels = Record<string, { vi: string; en: string }>;
type FieldData = Parameters<FormInstance<OpFormValues>['setFields']>[0];

/** IsoDatePicker as an antd form control. */
function DateField({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  return <IsoDatePicker id={id} value={value} onChange={(v) => onChange?.(v)} />;
}

/** Pick one of the operations on the restructure screen: the URL may preselect it (?op=&org=). */
export function OperationForm() {
  const { t, label } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<OpFormValues>();
  const afterApply = useAfterApply();
  const initialOp = (ORG_EVENT_KINDS as readonly string[]).includes(params.get('op') ?? '') ? (params.get('op') as OrgEventKind) : 'sap_nhap';
  const initialOrg = params.get('org') ?? undefined;
  const initialValues = useMemo<OpFormValues>(
    () => ({
      op: initialOp,
      targetMode: 'existing',
      orgId: initialOp !== 'sap_nhap' && initialOp !== 'thanh_lap' ? initialOrg : undefined,
      parentId: initialOp === 'thanh_lap' ? initialOrg : undefined,
      sourceIds: initialOp === 'sap_nhap' && initialOrg ? [initialOrg] : [],
      parts: [{}, {}],
    }),
    [initialOp, initialOrg],
  );
  const op = Form.useWatch('op', form) ?? initialOp;
  const orgId = Form.useWatch('orgId', form);
  const targetMode = Form.useWatch('targetMode', form);
  const [effects, setEffects] = useState<RestructureEffects | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // A split needs the organization's people and sub-organizations to assign them.
  const tree = useOrgTree();
  const children = useMemo(() => (op === 'chia_tach' && orgId ? (tree.data?.nodes ?? []).filter((n) => n.parentId === orgId) : []), [op, orgId, tree.data]);
  const people = useQuery({
    queryKey: ['restructure', 'splitMembers', orgId],
    queryFn: () => api<{ total: number; items: { id: string; fullName: string }[] }>('GET', `/members${qs({ org: orgId, pageSize: 200, status: 'dang_sinh_hoat' })}`),
    enabled: op === 'chia_tach' && !!orgId,
  });
  const split = { memberIds: (people.data?.items ?? []).map((m) => m.id), childOrgIds: children.map((c) => c.orgId) };

  const kindOptions = ORG_KINDS.map((k) => ({ value: k, label: label((ORG_KIND_LABELS as Labels)[k]) }));
  const hostOptions = HOST_TYPES.map((k) => ({ value: k, label: label((HOST_TYPE_LABELS as Labels)[k]) }));
  const body = () => opPayload(form.getFieldsValue(true) as OpFormValues, split);

  /** Messages beside their fields: from the shared schema before sending, from the server after. */
  const place = (issues: { path: (string | number)[]; message: string }[]) => {
    form.setFields(
      issues
        .map((i) => ({ name: formFieldOf(op, i.path), errors: [i.message] }))
        .filter((f) => !!f.name) as FieldData,
    );
    const first = issues.map((i) => formFieldOf(op, i.path)).find(Boolean);
    if (first) form.scrollToField(first, { block: 'center' });
  };

  const run = async (mode: 'preview' | 'apply') => {
    setProblem(null);
    const b = body();
    const parsed = restructureOpIn.safeParse(b);
    if (!parsed.success) {
      place(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
      return setProblem(t('rs.invalid', { n: parsed.error.issues.length }));
    }
    setBusy(mode);
    try {
      if (mode === 'preview') {
        setEffects(await previewOp(b));
        setPreviewed(JSON.stringify(b));
        setResult(null);
      } else {
        // The preview's basis: if someone changed these organizations since, the apply answers 409.
        const r = await applyOp({ ...b, basis: effects?.basis ?? null });
        setResult(r);
        setEffects(null);
        setPreviewed(null);
        await afterApply();
      }
      window.setTimeout(() => resultRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), 0);
    } catch (e) {
      if (!(e instanceof ApiError)) return setProblem(t('common.error'));
      if (e.status === 0) return setProblem(t('common.offline'));
      const issues = Array.isArray(e.details) ? (e.details as { field?: string; message: string }[]).filter((d) => d && d.field) : [];
      if (issues.length) place(issues.map((d) => ({ path: d.field!.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: d.message })));
      else if (e.field) place([{ path: [e.field], message: e.message }]);
      setProblem(e.message);
    } finally {
      setBusy(null);
    }
  };

  const stale = !!effects && previewed !== null && previewed !== JSON.stringify(body());

  return (
    <>
      <Form<OpFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(changed: OpFormValues) => {
          form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })) as FieldData);
          if ('op' in changed) setEffects(null);
        }}
        noValidate
      >
        <p>{t('rs.op.help')}</p>
        <Form.Item name="op" label={t('rs.op')} required>
          <Radio.Group id="rs-op" optionType="button" options={ORG_EVENT_KINDS.map((k) => ({ value: k, label: label(ORG_EVENT_LABELS[k]) }))} />
        </Form.Item>

        <Card size="small" className="rs-card" title={label(ORG_EVENT_LABELS[op])}>
          {op === 'thanh_lap' && (
            <div className="rs-grid">
              <Form.Item name="parentId" label={t('rs.parent')} required>
                <OrgTreeSelect id="rs-parentId" placeholder={t('rs.orgPick')} />
              </Form.Item>
              <Form.Item name="code" label={t('rs.code')} required>
                <Input id="rs-code" maxLength={40} />
              </Form.Item>
              <Form.Item name="name" label={t('rs.name')} required>
                <Input id="rs-name" maxLength={200} />
              </Form.Item>
              <Form.Item name="kind" label={t('rs.kind')} required>
                <Select id="rs-kind" options={kindOptions} />
              </Form.Item>
              <Form.Item name="hostType" label={t('rs.hostType')} required>
                <Select id="rs-hostType" options={hostOptions} />
              </Form.Item>
            </div>
          )}
          {(op === 'doi_ten' || op === 'chuyen_giao' || op === 'giai_the' || op === 'chia_tach') && (
            <Form.Item name="orgId" label={t('rs.org')} required>
              <OrgTreeSelect id="rs-orgId" placeholder={t('rs.orgPick')} />
            </Form.Item>
          )}
          {op === 'doi_ten' && (
            <div className="rs-grid">
              <Form.Item name="name" label={t('rs.name')} required>
                <Input id="rs-name" maxLength={200} />
              </Form.Item>
              <Form.Item name="kind" label={t('rs.kind')}>
                <Select id="rs-kind" allowClear placeholder={t('rs.kindKeep')} options={kindOptions} />
              </Form.Item>
              <Form.Item name="hostType" label={t('rs.hostType')}>
                <Select id="rs-hostType" allowClear placeholder={t('rs.kindKeep')} options={hostOptions} />
              </Form.Item>
            </div>
          )}
          {op === 'chuyen_giao' && (
            <div className="rs-grid">
              <Form.Item name="newParentId" label={t('rs.newParent')} required>
                <OrgTreeSelect id="rs-newParentId" placeholder={t('rs.orgPick')} />
              </Form.Item>
              <Form.Item name="kind" label={t('rs.kind')}>
                <Select id="rs-kind" allowClear placeholder={t('rs.kindKeep')} options={kindOptions} />
              </Form.Item>
            </div>
          )}
          {op === 'sap_nhap' && (
            <>
              <Form.Item name="sourceIds" label={t('rs.sources')} required>
                <OrgTreeSelect id="rs-sourceIds" multiple placeholder={t('rs.orgPick')} />
              </Form.Item>
              <Form.Item name="targetMode" label={t('rs.target')}>
                <Radio.Group options={[{ value: 'existing', label: t('rs.targetExisting') }, { value: 'new', label: t('rs.targetNew') }]} />
              </Form.Item>
              {targetMode === 'new' ? (
                <div className="rs-grid">
                  <Form.Item name="newOrgParentId" label={t('rs.parent')} required>
                    <OrgTreeSelect id="rs-newOrgParentId" placeholder={t('rs.orgPick')} />
                  </Form.Item>
                  <Form.Item name="newCode" label={t('rs.code')} required>
                    <Input id="rs-newCode" maxLength={40} />
                  </Form.Item>
                  <Form.Item name="newName" label={t('rs.name')} required>
                    <Input id="rs-newName" maxLength={200} />
                  </Form.Item>
                  <Form.Item name="newKind" label={t('rs.kind')} required>
                    <Select id="rs-newKind" options={kindOptions} />
                  </Form.Item>
                  <Form.Item name="newHostType" label={t('rs.hostType')} required>
                    <Select id="rs-newHostType" options={hostOptions} />
                  </Form.Item>
                </div>
              ) : (
                <Form.Item name="targetId" label={t('rs.targetExisting')} required>
                  <OrgTreeSelect id="rs-targetId" placeholder={t('rs.orgPick')} />
                </Form.Item>
              )}
            </>
          )}
          {op === 'chia_tach' && (
            <>
              <Form.Item name="parts" label={t('rs.parts')} required>
                <Form.List name="parts">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f, i) => (
                        <Card
                          key={f.key}
                          size="small"
                          className="rs-part"
                          title={t('rs.part', { n: i + 1 })}
                          extra={fields.length > 2 && <Button onClick={() => remove(f.name)}>{t('rs.removePart')}</Button>}
                        >
                          <div className="rs-grid">
                            <Form.Item name={[f.name, 'code']} label={t('rs.code')} required>
                              <Input maxLength={40} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'name']} label={t('rs.name')} required>
                              <Input maxLength={200} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'kind']} label={t('rs.kind')} required>
                              <Select options={kindOptions} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'hostType']} label={t('rs.hostType')} required>
                              <Select options={hostOptions} />
                            </Form.Item>
                          </div>
                        </Card>
                      ))}
                      <Button onClick={() => add({})}>{t('rs.addPart')}</Button>
                    </>
                  )}
                </Form.List>
              </Form.Item>
              {orgId && <SplitAssign members={people.data?.items ?? []} total={people.data?.total ?? 0} children={children} />}
            </>
          )}
        </Card>

        <Card size="small" className="rs-card" title={t('rs.decision')}>
          <div className="rs-grid">
            <Form.Item name="effectiveDate" label={t('rs.effectiveDate')} required>
              <DateField id="rs-effectiveDate" />
            </Form.Item>
            <Form.Item name="decisionNo" label={t('rs.decisionNo')} required>
              <Input id="rs-decisionNo" maxLength={60} />
            </Form.Item>
            <Form.Item name="decisionDate" label={t('rs.decisionDate')}>
              <DateField id="rs-decisionDate" />
            </Form.Item>
            <Form.Item name="issuer" label={t('rs.issuer')} required>
              <Input id="rs-issuer" maxLength={200} />
            </Form.Item>
          </div>
          <Form.Item name="note" label={t('rs.note')}>
            <Input.TextArea id="rs-note" maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Card>

        {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginBottom: 12 }} />}
        <div className="rs-actions">
          <Button size="large" onClick={() => void run('preview')} loading={busy === 'preview'} disabled={!!busy}>
            {t('rs.preview')}
          </Button>
          <Button size="large" type="primary" onClick={() => void run('apply')} loading={busy === 'apply'} disabled={!effects || stale || !!busy}>
            {t('rs.apply')}
          </Button>
        </div>
        {stale && <Alert type="warning" showIcon message={t('rs.previewStale')} style={{ marginBottom: 12 }} />}
      </Form>

      <div ref={resultRef}>
        {result && (
          <>
            <Alert
              type="success"
              showIcon
              role="status"
              message={t('rs.applied')}
              action={
                <Space direction="vertical">
                  {result.orgId && <LinkButton to={`/orgs/${result.orgId}`}>{t('rs.openOrg')}</LinkButton>}
                  <LinkButton to="/orgs">{t('rs.openTree')}</LinkButton>
                </Space>
              }
            />
            <Effects effects={result.effects} applied />
          </>
        )}
        {effects && !result && <Effects effects={effects} />}
      </div>
    </>
  );
}

/** Who goes where in a split: one pick per person and per sub-organization, the first part by default. */
function SplitAssign({ members, total, children }: { members: { id: string; fullName: string }[]; total: number; children: { orgId: string; name: string }[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<OpFormValues>();
  const parts = (Form.useWatch('parts', form) ?? []) as OpFormValues['parts'];
  const options = (parts ?? []).map((p, i) => ({ value: i, label: p?.name || t('rs.part', { n: i + 1 }) }));
  const rows = [...children.map((c) => ({ id: c.orgId, name: c.name })), ...members.map((m) => ({ id: m.id, name: m.fullName }))];
  return (
    <>
      <h3 className="rs-h3">{t('rs.assign')}</h3>
      <p className="dv-m-hint">{t('rs.assignHelp')}</p>
      {total > members.length && <Alert type="warning" showIcon message={t('rs.assignTooMany', { n: total })} style={{ marginBottom: 8 }} />}
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { key: 'name', title: t('rs.fx.person'), dataIndex: 'name' },
          {
            key: 'part',
            title: t('rs.fx.to'),
            render: (_, r) => (
              <Form.Item name={['assign', r.id]} noStyle initialValue={0}>
                <Select options={options} style={{ minWidth: 160 }} aria-label={r.name} />
              </Form.Item>
            ),
          },
        ]}
      />
    </>
  );
}
