import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { figuresOf, formatDateVi, todayIso } from '@dangvu/common';
import { Alert, Button, Card, Col, Collapse, Drawer, Dropdown, Form, Row, Space, Table, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { OrgPicker } from '../dashboard/OrgPicker';
import { drillExportUrl, exportUrl, useCompare, useDrill, useReport, useReportTypes, useTrend, type ReportParams } from './api';
import { ReportTables } from './ReportTables';
import './reports.css';

// ECharts loads only when the trend is opened, in its own chunk.
const EChart = lazy(() => import('../dashboard/EChart'));

/** One report: filters in the URL, the form-like tables, drill-down, exports, print, comparison and the ten-year trend. */
export default function ReportPage() {
  const { type = '' } = useParams();
  const { t, lang } = useI18n();
  const [sp, setSp] = useSearchParams();
  const types = useReportTypes();
  const info = types.data?.types.find((x) => x.type === type);
  const get = (k: string) => sp.get(k) ?? undefined;
  const params: ReportParams = info?.period === 'window' ? { org: get('org'), from: get('from'), to: get('to') } : { org: get('org'), asOf: get('asOf'), baseline: get('baseline') };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
    else next.delete(k);
    setSp(next, { replace: true });
  };
  const report = useReport(type, params);
  const [drill, setDrill] = useState<{ figure: string; label: string } | null>(null);
  const [page, setPage] = useState(1);
  const d = useDrill(type, params, drill?.figure ?? null, page);
  const [cmp, setCmp] = useState<{ compareAsOf?: string; compareFrom?: string; compareTo?: string }>({});
  const [cmpOn, setCmpOn] = useState(false);
  const compare = useCompare(type, { ...params, ...cmp }, cmpOn && (!!cmp.compareAsOf || (!!cmp.compareFrom && !!cmp.compareTo)));
  const [trendOn, setTrendOn] = useState(false);
  const trend = useTrend(type, params, trendOn);

  const trendSpec = useMemo(() => {
    if (!trend.data) return null;
    // The main lines of the first table, as counts over the years.
    const rows = trend.data.rows.filter((r) => r.columns.includes('n')).slice(0, 4);
    return {
      type: 'bar' as const,
      categories: trend.data.series.map((s) => String(s.year)),
      series: rows.map((r) => ({ name: r.label, values: trend.data!.series.map((s) => s.figures[`${r.key}.n`] ?? 0), links: trend.data!.series.map(() => null) })),
    };
  }, [trend.data]);

  if (types.isPending) return <PageLoading />;
  if (types.isError) return <PageError error={types.error} />;
  if (!info) return <PageError error={new Error('404')} />;
  const r = report.data;
  const title = lang === 'en' ? info.en : info.vi;
  const exportItems = ['xlsx', 'docx', 'csv'].map((f) => ({ key: f, label: <a href={exportUrl(type, f, params)} download>{t(`reports.${f}` as 'reports.xlsx')}</a> }));

  return (
    <div style={{ maxWidth: 1100 }}>
      <div className="no-print">
        <Link to="/reports">
          <ArrowLeftOutlined /> {t('reports.back')}
        </Link>
      </div>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      <Form layout="vertical" className="no-print">
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item label={t('reports.org')} htmlFor="report-org">
              <OrgPicker id="report-org" value={params.org} valueName={r?.org.name} asOf={params.asOf ?? params.to} onChange={(org) => set({ org })} />
            </Form.Item>
          </Col>
          {info.period === 'asOf' ? (
            <>
              <Col xs={12} md={7}>
                <Form.Item label={t('reports.asOf')} htmlFor="report-asof">
                  <IsoDatePicker id="report-asof" value={params.asOf ?? todayIso()} onChange={(asOf) => set({ asOf })} />
                </Form.Item>
              </Col>
              {info.baseline && (
                <Col xs={12} md={7}>
                  <Form.Item label={t('reports.baseline')} htmlFor="report-baseline">
                    <IsoDatePicker id="report-baseline" value={params.baseline ?? (r?.period.kind === 'asOf' ? r.period.baseline : undefined)} onChange={(baseline) => set({ baseline })} />
                  </Form.Item>
                </Col>
              )}
            </>
          ) : (
            <>
              <Col xs={12} md={7}>
                <Form.Item label={t('reports.from')} htmlFor="report-from">
                  <IsoDatePicker id="report-from" value={params.from ?? (r?.period.kind === 'window' ? r.period.from : undefined)} onChange={(from) => set({ from })} />
                </Form.Item>
              </Col>
              <Col xs={12} md={7}>
                <Form.Item label={t('reports.to')} htmlFor="report-to">
                  <IsoDatePicker id="report-to" value={params.to ?? (r?.period.kind === 'window' ? r.period.to : undefined)} onChange={(to) => set({ to })} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        <Dropdown menu={{ items: exportItems }}>
          <Button icon={<DownloadOutlined />}>{t('reports.export')}</Button>
        </Dropdown>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('reports.print')}
        </Button>
      </Space>
      {report.isError && <PageError error={report.error} onRetry={() => void report.refetch()} />}
      {!r && report.isPending && <PageLoading />}
      {r && (
        <>
          <Typography.Paragraph>
            <strong>{r.org.name}</strong> — {r.periodText}
            <br />
            <Typography.Text type="secondary">{r.form}</Typography.Text>
          </Typography.Paragraph>
          <ReportTables
            tables={r.tables}
            onOpen={(figure, label) => {
              setPage(1);
              setDrill({ figure, label });
            }}
          />
          {r.narrative.length > 0 && (
            <Card size="small" title={t('reports.narrative')} style={{ marginTop: 16 }}>
              {r.narrative.map((s, i) => (
                <p key={i}>{s}</p>
              ))}
            </Card>
          )}
          <Card size="small" title={t('reports.notes')} style={{ marginTop: 16 }}>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {r.notes.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
          </Card>
          <Collapse
            className="no-print"
            style={{ marginTop: 16 }}
            onChange={(keys) => {
              const k = ([] as string[]).concat(keys as string[]);
              setCmpOn(k.includes('cmp'));
              setTrendOn(k.includes('trend'));
            }}
            items={[
              {
                key: 'cmp',
                label: t('reports.compare'),
                children: (
                  <>
                    <Row gutter={12}>
                      {info.period === 'asOf' ? (
                        <Col xs={24} md={8}>
                          <Form.Item label={t('reports.compareWith')} htmlFor="report-cmp-asof">
                            <IsoDatePicker id="report-cmp-asof" value={cmp.compareAsOf} onChange={(compareAsOf) => setCmp({ compareAsOf })} />
                          </Form.Item>
                        </Col>
                      ) : (
                        <>
                          <Col xs={12} md={8}>
                            <Form.Item label={t('reports.from')} htmlFor="report-cmp-from">
                              <IsoDatePicker id="report-cmp-from" value={cmp.compareFrom} onChange={(compareFrom) => setCmp({ ...cmp, compareFrom })} />
                            </Form.Item>
                          </Col>
                          <Col xs={12} md={8}>
                            <Form.Item label={t('reports.to')} htmlFor="report-cmp-to">
                              <IsoDatePicker id="report-cmp-to" value={cmp.compareTo} onChange={(compareTo) => setCmp({ ...cmp, compareTo })} />
                            </Form.Item>
                          </Col>
                        </>
                      )}
                    </Row>
                    {compare.isError && <PageError error={compare.error} />}
                    {compare.data && <CompareTable data={compare.data} />}
                  </>
                ),
              },
              {
                key: 'trend',
                label: t('reports.trend'),
                children: trend.isError ? (
                  <PageError error={trend.error} />
                ) : trendSpec ? (
                  <Suspense fallback={<PageLoading />}>
                    <EChart spec={trendSpec} label={t('reports.trendChart')} height={320} onOpen={() => undefined} />
                  </Suspense>
                ) : (
                  <PageLoading />
                ),
              },
            ]}
          />
        </>
      )}
      <Drawer open={!!drill} onClose={() => setDrill(null)} width="min(960px, 100vw)" title={drill ? `${t('reports.drillTitle')}: ${drill.label}` : ''}>
        {d.isError && <PageError error={d.error} />}
        {d.data && drill && (
          <>
            <Space wrap style={{ marginBottom: 8 }}>
              <span data-testid="drill-total">{t('reports.drillTotal', { n: fmtNumber(d.data.total) })}</span>
              <a href={drillExportUrl(type, 'xlsx', params, drill.figure)} download>
                {t('reports.xlsx')}
              </a>
              <a href={drillExportUrl(type, 'csv', params, drill.figure)} download>
                {t('reports.csv')}
              </a>
            </Space>
            <Table
              size="small"
              rowKey={(row) => String(row.stt)}
              scroll={{ x: true }}
              dataSource={d.data.rows}
              loading={d.isFetching}
              columns={d.data.columns.map((c) => ({
                key: c.key,
                dataIndex: c.key,
                title: c.label,
                render: (v: string | number | null) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDateVi(v) : typeof v === 'number' ? fmtNumber(v) : v),
              }))}
              pagination={{ current: page, pageSize: 50, total: d.data.total, showSizeChanger: false, onChange: setPage }}
            />
          </>
        )}
      </Drawer>
    </div>
  );
}

function CompareTable({ data }: { data: { a: import('@dangvu/common').ReportResult; b: import('@dangvu/common').ReportResult; diff: Record<string, number | null> } }) {
  const { t } = useI18n();
  const fa = figuresOf(data.a);
  const fb = figuresOf(data.b);
  const rows = data.a.tables.flatMap((tb) =>
    tb.rows.flatMap((r) =>
      tb.columns
        .filter((c) => c.kind !== 'percent' && c.kind !== 'text')
        .map((c) => ({ key: `${tb.id}.${r.key}.${c.key}`, label: tb.columns.length > 1 ? `${r.label} — ${c.label}` : r.label })),
    ),
  );
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : fmtNumber(v));
  if (!rows.length) return <Alert type="info" message={t('reports.empty')} />;
  return (
    <div className="dv-report-scroll">
      <table className="dv-report-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>{t('reports.figure')}</th>
            <th>
              {t('reports.compareA')}
              <br />
              <small>{data.a.periodText}</small>
            </th>
            <th>
              {t('reports.compareB')}
              <br />
              <small>{data.b.periodText}</small>
            </th>
            <th>{t('reports.diff')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{n(fa[r.key])}</td>
              <td>{n(fb[r.key])}</td>
              <td>{data.diff[r.key] === null || data.diff[r.key] === undefined ? '—' : `${data.diff[r.key]! > 0 ? '+' : ''}${fmtNumber(data.diff[r.key]!)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
