import { PlusOutlined } from '@ant-design/icons';
import { addMonths, can, MEETING_KIND_LABELS, MEETING_KINDS, MEETING_STATE_LABELS, monthOf, todayIso, YEAR_CLASS_LABELS, type MeetingKind } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, List, Pagination, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { meetingKeys, useMeetingList, useMeetingStatus, useMeetingYear, type CellStatus, type MeetingDetail } from './api';
import { ClassTag } from './ClassTag';
import { DateField } from './DateField';
import './meetings.css';

const TABS = ['status', 'list', 'yearly'] as const;
type Tab = (typeof TABS)[number];
const mmYYYY = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

export default function MeetingsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const today = todayIso();
  const tab: Tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as Tab) : 'status';
  const month = /^\d{4}-\d{2}$/.test(sp.get('month') ?? '') ? sp.get('month')! : monthOf(today);
  const year = Number(sp.get('year')) || Number(today.slice(0, 4));
  const planFor = sp.get('plan');
  const mayWrite = !!me && can(me.role, 'meeting.write');
  useDocumentTitle(t('meetings.title'));
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k);
      else next.set(k, v);
    setSp(next);
  };
  const months = Array.from({ length: 24 }, (_, i) => monthOf(addMonths(`${monthOf(today)}-01`, -i)));
  const monthSelect = <Select aria-label={t('meetings.month')} value={month} onChange={(v) => set({ month: v })} options={months.map((m) => ({ value: m, label: mmYYYY(m) }))} style={{ width: 130 }} />;

  return (
    <div className="dv-m-page">
      <div className="dv-m-head">
        <Typography.Title level={1} className="dv-m-title">
          {t('meetings.title')}
        </Typography.Title>
        {mayWrite && planFor === null && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ plan: '' })}>
            {t('meetings.plan')}
          </Button>
        )}
      </div>
      {mayWrite && planFor !== null && <PlanForm month={month} orgId={planFor || undefined} onCancel={() => set({ plan: undefined })} />}
      <Tabs activeKey={tab} onChange={(k) => set({ tab: k === 'status' ? undefined : k })} items={TABS.map((k) => ({ key: k, label: t(`meetings.tab.${k}`) }))} />
      {tab === 'status' && <StatusTab month={month} monthSelect={monthSelect} mayWrite={mayWrite} onPlan={(orgId) => set({ plan: orgId })} />}
      {tab === 'list' && <ListTab month={month} monthSelect={monthSelect} />}
      {tab === 'yearly' && <YearTab year={year} onYear={(y) => set({ year: String(y) })} />}
    </div>
  );
}

function StatusTab({ month, monthSelect, mayWrite, onPlan }: { month: string; monthSelect: React.ReactNode; mayWrite: boolean; onPlan: (orgId: string) => void }) {
  const { t } = useI18n();
  const q = useMeetingStatus(month);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <div>
      <div className="dv-m-filters">{monthSelect}</div>
      <Typography.Paragraph>{t('meetings.statusSummary', { cells: fmtNumber(s.cells), notMet: fmtNumber(s.notMet), notReported: fmtNumber(s.notReported), reported: fmtNumber(s.reported) })}</Typography.Paragraph>
      <List<CellStatus>
        dataSource={s.items}
        locale={{ emptyText: t('meetings.allDone') }}
        pagination={s.items.length > 50 ? { pageSize: 50, size: 'small' } : false}
        renderItem={(c) => (
          <List.Item
            actions={[
              c.meetingId ? (
                <Link key="open" to={`/meetings/${c.meetingId}`}>
                  {t('meetings.open')}
                </Link>
              ) : mayWrite ? (
                <Button key="plan" size="small" onClick={() => onPlan(c.orgId)}>
                  {t('meetings.plan')}
                </Button>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={c.orgName}
              description={
                <Space wrap size={4}>
                  <Tag color={c.status === 'chua_hop' ? 'red' : 'orange'}>{t(`meetings.st.${c.status}`)}</Tag>
                  {c.missing.map((m) => (
                    <span key={m}>{t(m === 'diem_danh' ? 'meetings.missing.diem_danh' : 'meetings.missing.cham_diem')}</span>
                  ))}
                  {c.parentName && <span className="dv-m-muted">{c.parentName}</span>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

function ListTab({ month, monthSelect }: { month: string; monthSelect: React.ReactNode }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const q = useMeetingList(month, page);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div>
      <div className="dv-m-filters">{monthSelect}</div>
      <List
        dataSource={q.data.items}
        locale={{ emptyText: t('meetings.empty') }}
        renderItem={(m) => (
          <List.Item>
            <List.Item.Meta
              title={<Link to={`/meetings/${m.id}`}>{m.orgName}</Link>}
              description={
                <Space wrap size={4}>
                  <span>{label(MEETING_KIND_LABELS[m.kind])}</span>
                  <span>{fmtDate(m.heldOn ?? m.plannedOn)}</span>
                  <Tag>{label(MEETING_STATE_LABELS[m.state])}</Tag>
                  {m.scoreClass && <ClassTag cls={m.scoreClass} />}
                  {m.scoreTotal !== null && <span>{fmtNumber(m.scoreTotal)}</span>}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {q.data.total > 50 && <Pagination current={page} pageSize={50} total={q.data.total} onChange={setPage} size="small" showSizeChanger={false} />}
    </div>
  );
}

function YearTab({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  const { t, label } = useI18n();
  const q = useMeetingYear(year);
  const thisYear = Number(todayIso().slice(0, 4));
  const select = (
    <Select aria-label={t('meetings.year')} value={year} onChange={onYear} options={Array.from({ length: 11 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))} style={{ width: 110 }} />
  );
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const y = q.data;
  const a = y.byPopulation.chi_bo_truc_thuoc;
  const b = y.byPopulation.chi_bo_co_so;
  return (
    <div>
      <div className="dv-m-filters">{select}</div>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('meetings.rule', { name: label(y.rules.name) })}
        description={
          <div>
            <div>{label(y.rules.description)}</div>
            <div>
              {t('meetings.byPopulation', { a: a.tot, b: a.kha, c: a.trung_binh, d: a.kem, e: a.chua_du_thoi_gian, f: b.tot, g: b.kha, h: b.trung_binh, i: b.kem, j: b.chua_du_thoi_gian })}
            </div>
            <div>{t('meetings.higher', { n: fmtNumber(y.higherAttendance.meetings), cells: fmtNumber(y.higherAttendance.cells) })}</div>
          </div>
        }
      />
      <List
        dataSource={y.items}
        pagination={y.items.length > 50 ? { pageSize: 50, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>{r.orgName}</span>
                  <Tag color={r.cls === 'tot' ? 'green' : r.cls === 'kha' ? 'blue' : r.cls === 'chua_du_thoi_gian' ? 'default' : 'orange'}>{label(YEAR_CLASS_LABELS[r.cls])}</Tag>
                </Space>
              }
              description={label(r.explanation)}
            />
          </List.Item>
        )}
      />
    </div>
  );
}

/** Planning a meeting: the cell (from the cells of the user's scope this month), kind, date, agenda. */
function PlanForm({ month, orgId, onCancel }: { month: string; orgId?: string; onCancel: () => void }) {
  const { t, label } = useI18n();
  const nav = useNavigate();
  const qc = useQueryClient();
  const cells = useMeetingStatus(month, 'all');
  const [form] = Form.useForm();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const plannedDefault = month === monthOf(todayIso()) ? todayIso() : `${month}-20`;
  const submit = async (v: { orgId: string; kind: MeetingKind; plannedOn: string; title: string; agenda?: string; location?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const m = await api<MeetingDetail>('POST', '/meetings', v);
      await qc.invalidateQueries({ queryKey: meetingKeys.all });
      nav(`/meetings/${m.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
      if (e instanceof ApiError && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('meetings.plan')} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ orgId, kind: 'thuong_ky', plannedOn: plannedDefault, title: t('meetings.f.defaultTitle', { month: mmYYYY(monthOf(plannedDefault)) }) }}
      >
        <Form.Item name="orgId" label={t('meetings.f.cell')} rules={[{ required: true, message: t('meetings.f.cell') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={cells.isPending}
            options={(cells.data?.items ?? []).map((c) => ({ value: c.orgId, label: c.parentName ? `${c.orgName} · ${c.parentName}` : c.orgName }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('meetings.f.kind')}>
          <Select options={MEETING_KINDS.map((k) => ({ value: k, label: label(MEETING_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('meetings.f.plannedOn')} rules={[{ required: true, message: t('meetings.f.plannedOn') }]}>
          <DateField allowFuture />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.f.title')} rules={[{ required: true, message: t('meetings.f.title') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="agenda" label={t('meetings.f.agenda')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="location" label={t('meetings.f.location')}>
          <Input maxLength={300} />
        </Form.Item>
        {error && !error.field && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('meetings.f.save')}
          </Button>
          <Button onClick={onCancel}>{t('meetings.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
