import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { can, createDocumentIn, DOC_TYPE_LABELS, TARGET_METRIC_LABELS, TARGET_METRICS, TARGET_UNIT_LABELS, TARGET_UNITS, todayIso, type DocumentSummaryOut } from '@dangvu/common';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError } from '../../ui/PageState';
import { useOrgTree } from '../members/api';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { docKeys, useDocumentList } from './api';
import './documents.css';
import { placeErrors, serverEntries } from './formErrors';
import { PagedList } from './PagedList';

const FIELDS = ['symbol', 'issuedOn', 'term', 'summary', 'tags', 'orgId', 'externalIssuer', 'targets'] as const;
interface Values {
  symbol: string;
  issuedOn?: string;
  term?: string;
  summary: string;
  tags?: string[];
  orgId?: string;
  externalIssuer?: string;
  targets?: { metric: string; label?: string; value?: number; unit: string; periodFrom?: number; periodTo?: number }[];
}

function NewDocumentForm({ onCancel }: { onCancel: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const tree = useOrgTree();
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const year = Number(todayIso().slice(0, 4));
  // The user's own top organization is the usual issuer; the tree arrives after the first render.
  const top = tree.data?.nodes[0]?.orgId;
  useEffect(() => {
    if (top && !form.getFieldValue('orgId')) form.setFieldValue('orgId', top);
  }, [top, form]);

  const onFinish = async (v: Values) => {
    setGeneral(null);
    const body = { ...v, term: v.term || null, externalIssuer: v.externalIssuer || null, tags: v.tags ?? [], targets: v.targets ?? [] };
    const r = createDocumentIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      const created = await api<{ id: string }>('POST', '/documents', body);
      void qc.invalidateQueries({ queryKey: docKeys.all });
      void navigate(`/documents/${created.id}`);
    } catch (e) {
      setGeneral(placeErrors(form, FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} noValidate initialValues={{ issuedOn: todayIso() }} className="dv-d-form">
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 16 }} />}
      <Form.Item name="symbol" label={t('documents.f.symbol')}>
        <Input autoComplete="off" data-testid="doc-symbol" />
      </Form.Item>
      <Form.Item name="issuedOn" label={t('documents.f.issuedOn')}>
        <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('documents.f.issuedOn')} />
      </Form.Item>
      <Form.Item name="term" label={t('documents.f.term')}>
        <Input placeholder="2020-2025" data-testid="doc-term" />
      </Form.Item>
      <Form.Item name="summary" label={t('documents.f.summary')}>
        <Input.TextArea rows={2} data-testid="doc-summary" />
      </Form.Item>
      <Form.Item name="tags" label={t('documents.f.tags')}>
        <Select mode="tags" tokenSeparators={[',']} aria-label={t('documents.f.tags')} />
      </Form.Item>
      <Form.Item name="orgId" label={t('documents.f.org')}>
        <Select
          showSearch
          optionFilterProp="label"
          aria-label={t('documents.f.org')}
          loading={tree.isLoading}
          options={(tree.data?.nodes ?? []).filter((n) => n.kind !== 'chi_bo_truc_thuoc').map((n) => ({ value: n.orgId, label: n.name }))}
        />
      </Form.Item>
      <Form.Item name="externalIssuer" label={t('documents.f.external')}>
        <Input />
      </Form.Item>
      <Typography.Title level={3} className="dv-d-sub">
        {t('documents.f.targets')}
      </Typography.Title>
      <Form.List name="targets">
        {(items, { add, remove }) => (
          <>
            {items.map((item) => (
              <Card size="small" key={item.key} className="dv-d-target" extra={<MinusCircleOutlined aria-label="remove" onClick={() => remove(item.name)} />}>
                <Form.Item name={[item.name, 'metric']} label={t('documents.f.metric')}>
                  <Select options={TARGET_METRICS.map((m) => ({ value: m, label: label(TARGET_METRIC_LABELS[m]) }))} data-testid="target-metric" />
                </Form.Item>
                <Form.Item name={[item.name, 'label']} label={t('documents.f.label')}>
                  <Input />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[item.name, 'value']} label={t('documents.f.value')}>
                    <InputNumber min={0} decimalSeparator="," data-testid="target-value" />
                  </Form.Item>
                  <Form.Item name={[item.name, 'unit']} label={t('documents.f.unit')}>
                    <Select style={{ minWidth: 180 }} options={TARGET_UNITS.map((u) => ({ value: u, label: label(TARGET_UNIT_LABELS[u]) }))} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'periodFrom']} label={t('documents.f.from')}>
                    <InputNumber min={1945} max={2100} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'periodTo']} label={t('documents.f.to')}>
                    <InputNumber min={1945} max={2100} />
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ metric: 'ket_nap_dang_vien', comparator: '>=', unit: 'so_luong_nam', periodFrom: year, periodTo: year + 4 })} data-testid="add-target">
              {t('documents.f.addTarget')}
            </Button>
          </>
        )}
      </Form.List>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="doc-save">
          {t('documents.save')}
        </Button>
        <Button onClick={onCancel}>{t('documents.cancel')}</Button>
      </Space>
    </Form>
  );
}

export default function DocumentsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const filters = { q: sp.get('q') ?? undefined, type: sp.get('type') ?? undefined, year: sp.get('year') ?? undefined, page, pageSize: 20 };
  const list = useDocumentList(filters);
  const creating = sp.has('new');
  useDocumentTitle(t('documents.title'));
  const mayWrite = !!me && can(me.role, 'document.write');
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && v !== '') next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };
  const issuer = (d: DocumentSummaryOut) => d.externalIssuer ?? d.org.name;
  const columns: TableColumnsType<DocumentSummaryOut> = useMemo(
    () => [
      { title: t('documents.col.symbol'), key: 'symbol', render: (_, d) => <Link to={`/documents/${d.id}`}><strong>{d.symbol}</strong></Link> },
      { title: t('documents.col.date'), key: 'date', render: (_, d) => fmtDate(d.issuedOn) },
      { title: t('documents.col.summary'), key: 'summary', render: (_, d) => d.summary },
      { title: t('documents.col.issuer'), key: 'issuer', render: (_, d) => issuer(d) },
      { title: t('documents.col.term'), key: 'term', render: (_, d) => d.term ?? '' },
    ],
    [t],
  );

  return (
    <div className="dv-d-page">
      <div className="dv-d-head">
        <Typography.Title level={1} className="dv-d-title">
          {t('documents.title')}
        </Typography.Title>
        {mayWrite && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ new: '1' })} data-testid="new-document">
            {t('documents.new')}
          </Button>
        )}
      </div>
      {creating && mayWrite && (
        <Card title={t('documents.new')} style={{ marginBottom: 16 }}>
          <NewDocumentForm onCancel={() => set({ new: undefined })} />
        </Card>
      )}
      <div className="dv-d-filters">
        <Input.Search allowClear placeholder={t('documents.search')} aria-label={t('documents.search')} defaultValue={filters.q} onSearch={(v) => set({ q: v })} style={{ maxWidth: 360 }} />
        <Select
          allowClear
          placeholder={t('documents.filter.type')}
          aria-label={t('documents.filter.type')}
          value={filters.type}
          onChange={(v?: string) => set({ type: v })}
          options={Object.entries(DOC_TYPE_LABELS).map(([k, l]) => ({ value: k, label: `${k} · ${l.vi}` }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
        />
        <InputNumber placeholder={t('documents.filter.year')} aria-label={t('documents.filter.year')} min={1945} max={2100} value={filters.year ? Number(filters.year) : null} onChange={(v) => set({ year: v ? String(v) : undefined })} />
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PagedList<DocumentSummaryOut>
          items={list.data?.items ?? []}
          rowKey={(d) => d.id}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={filters.pageSize}
          onPage={(p) => set({ page: String(p) })}
          empty={t('documents.empty')}
          columns={columns}
          card={(d) => (
            <>
              <Link to={`/documents/${d.id}`}>
                <strong>{d.symbol}</strong>
              </Link>{' '}
              · {fmtDate(d.issuedOn)}
              <div>{d.summary}</div>
              <div className="dv-d-muted">{issuer(d)}</div>
            </>
          )}
        />
      )}
    </div>
  );
}
