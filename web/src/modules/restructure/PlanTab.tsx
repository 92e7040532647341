import { ORG_EVENT_KINDS, ORG_EVENT_LABELS, PLAN_COLUMNS, PLAN_OP_HELP, type OrgEventKind } from '@dangvu/common';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { applyPlan, fileToBase64, previewPlan, useAfterApply, useAppliedPlans, type PlanApplyResult, type PlanFile, type PlanPreview } from './api';
import { Effects } from './Effects';

const MAX_BYTES = 2 * 1024 * 1024;
const columnLabel = (key: string) => PLAN_COLUMNS.find((c) => c.key === key)?.vi ?? '—';

/** A whole plan from a spreadsheet: template, upload, row errors, preview, apply in one write. */
export function PlanTab() {
  const { t, label } = useI18n();
  const afterApply = useAfterApply();
  const plans = useAppliedPlans();
  const [file, setFile] = useState<PlanFile | null>(null);
  const [check, setCheck] = useState<PlanPreview | null>(null);
  const [result, setResult] = useState<PlanApplyResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 0) return setProblem(t('common.offline'));
    if (e instanceof ApiError && e.code === 'PLAN_INVALID' && Array.isArray(e.details))
      return setCheck((c) => (c ? { ...c, errors: e.details as PlanPreview['errors'], effects: null } : c));
    setProblem(e instanceof ApiError ? e.message : t('common.error'));
  };

  const choose = async (f: File) => {
    setProblem(null);
    setCheck(null);
    setResult(null);
    if (!/\.(xlsx|csv)$/i.test(f.name)) return setProblem(t('rs.plan.wrongType'));
    if (f.size > MAX_BYTES) return setProblem(t('rs.plan.tooBig', { size: `${fmtNumber(f.size / 1024 / 1024, 1)} MB` }));
    const next = { fileName: f.name, content: await fileToBase64(f) };
    setFile(next);
    setBusy('check');
    try {
      setCheck(await previewPlan(next));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!file) return;
    setBusy('apply');
    setProblem(null);
    try {
      setResult(await applyPlan(file));
      setCheck(null);
      await afterApply();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const opLabel = (op: string) => ((ORG_EVENT_KINDS as readonly string[]).includes(op) ? label(ORG_EVENT_LABELS[op as OrgEventKind]) : op);

  return (
    <div>
      <p>{t('rs.plan.help')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button href="/api/v1/restructure/template.xlsx" download>
          {t('rs.plan.templateXlsx')}
        </Button>
        <Button href="/api/v1/restructure/template.csv" download>
          {t('rs.plan.templateCsv')}
        </Button>
      </Space>
      <Collapse
        size="small"
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'ops',
            label: t('rs.plan.opsHelp'),
            children: (
              <dl className="ov-facts">
                {ORG_EVENT_KINDS.map((k) => [<dt key={`${k}-t`}>{label(ORG_EVENT_LABELS[k])}</dt>, <dd key={`${k}-d`}>{PLAN_OP_HELP[k]}</dd>])}
              </dl>
            ),
          },
        ]}
      />
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={!!busy}
        beforeUpload={(f) => {
          void choose(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('rs.plan.upload')}</p>
        {file && <p className="rs-meta">{file.fileName}</p>}
      </Upload.Dragger>

      {busy === 'check' && <Alert type="info" showIcon message={t('rs.plan.checking')} style={{ marginTop: 12 }} />}
      {problem && <Alert type="error" showIcon role="alert" message={problem} style={{ marginTop: 12 }} />}

      {check && check.errors.length > 0 && (
        <>
          <Alert type="error" showIcon role="alert" message={t('rs.plan.errors', { n: check.errors.length })} style={{ margin: '12px 0' }} />
          <Table
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            size="small"
            scroll={{ x: true }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={check.errors}
            columns={[
              { key: 'row', title: t('rs.plan.row'), render: (_, r) => (r.row > 0 ? r.row : t('rs.plan.colFile')), width: 70 },
              { key: 'column', title: t('rs.plan.column'), render: (_, r) => columnLabel(r.column), width: 140 },
              { key: 'message', title: t('rs.plan.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {check && check.steps.length > 0 && (
        <>
          <h3 className="rs-h3">{t('rs.plan.steps')}</h3>
          <Table
            rowKey="row"
            size="small"
            scroll={{ x: true }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={check.steps}
            columns={[
              { key: 'row', title: t('rs.plan.row'), dataIndex: 'row', width: 60 },
              { key: 'op', title: t('rs.op'), render: (_, r) => opLabel(r.op) },
              { key: 'codes', title: t('rs.plan.codes'), render: (_, r) => r.codes.join('; ') },
              { key: 'target', title: t('rs.plan.target'), dataIndex: 'target' },
              { key: 'name', title: t('rs.name'), dataIndex: 'name' },
              { key: 'date', title: t('rs.effectiveDate'), render: (_, r) => fmtDate(r.effectiveDate) },
              { key: 'decision', title: t('rs.decisionNo'), dataIndex: 'decisionNo' },
            ]}
          />
        </>
      )}
      {check && check.errors.length === 0 && check.effects && (
        <>
          <Alert type="success" showIcon role="status" message={t('rs.plan.ok', { n: check.steps.length })} style={{ margin: '12px 0' }} />
          <div className="rs-actions">
            <Button type="primary" size="large" loading={busy === 'apply'} onClick={() => void apply()}>
              {t('rs.plan.apply')}
            </Button>
          </div>
          <Effects effects={check.effects} />
        </>
      )}
      {result && (
        <>
          <Alert type="success" showIcon role="status" message={t('rs.plan.applied', { file: result.fileName, n: result.eventIds.length })} style={{ margin: '12px 0' }} />
          <Effects effects={result.effects} applied />
        </>
      )}

      <h3 className="rs-h3">{t('rs.plan.history')}</h3>
      <Table
        rowKey="planId"
        size="small"
        scroll={{ x: true }}
        loading={plans.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={plans.data?.items ?? []}
        locale={{ emptyText: t('rs.fx.none') }}
        columns={[
          { key: 'at', title: t('rs.plan.at'), render: (_, r) => fmtDate(r.at.slice(0, 10)) },
          { key: 'file', title: t('rs.plan.file'), dataIndex: 'fileName' },
          { key: 'by', title: t('rs.plan.by'), dataIndex: 'username' },
          { key: 'rows', title: t('rs.plan.rows'), render: (_, r) => fmtNumber(r.rowCount) },
          { key: 'dates', title: t('rs.plan.dates'), render: (_, r) => r.effectiveDates.map(fmtDate).join(', ') },
        ]}
      />
    </div>
  );
}
