import { PlusOutlined } from '@ant-design/icons';
import { can, TRANSFER_BOXES, TRANSFER_KIND_LABELS, TRANSFER_KINDS, TRANSFER_STATES, type TransferBox } from '@dangvu/common';
import { Alert, Button, Card, Grid, List, Pagination, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import type { MessageKey } from '../../app/messages';
import { fmtDate } from '../../ui/format';
import { PageError } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useTransferList, type TransferFilters, type TransferSummary } from './api';
import { NewTransferForm } from './NewTransferForm';
import { TransferStateTag } from './TransferStateTag';
import './transfers.css';

const BOX_LABEL: Record<TransferBox, MessageKey> = {
  outgoing: 'transfers.box.outgoing',
  incoming: 'transfers.box.incoming',
  overdue: 'transfers.box.overdue',
  all: 'transfers.box.all',
};

function parse(sp: URLSearchParams): TransferFilters {
  const box = sp.get('box');
  const num = (k: string, d: number) => {
    const n = Number(sp.get(k));
    return Number.isInteger(n) && n > 0 ? n : d;
  };
  return {
    box: (TRANSFER_BOXES as readonly string[]).includes(box ?? '') ? (box as TransferBox) : 'all',
    state: (TRANSFER_STATES as readonly string[]).includes(sp.get('state') ?? '') ? sp.get('state')! : undefined,
    kind: (TRANSFER_KINDS as readonly string[]).includes(sp.get('kind') ?? '') ? sp.get('kind')! : undefined,
    page: num('page', 1),
    pageSize: Math.min(num('pageSize', 20), 200),
  };
}

export default function TransfersPage() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const filters = useMemo(() => parse(sp), [sp]);
  const newFor = sp.get('new');
  const creating = newFor !== null;
  const list = useTransferList(filters);
  useDocumentTitle(t('transfers.title'));
  const mayAct = !!me && can(me.role, 'member.event');
  // Phones get one card per transfer: seven columns do not fit 360 px in any readable way.
  const narrow = !Grid.useBreakpoint().md;
  const route = (r: TransferSummary) =>
    `${r.from?.name ?? `${r.outsideOrgName ?? ''} ${t('transfers.outside')}`} → ${r.to?.name ?? `${r.outsideOrgName ?? ''} ${t('transfers.outside')}`}`;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };

  const columns: TableColumnsType<TransferSummary> = [
    {
      title: t('transfers.col.member'),
      key: 'member',
      render: (_, r) => (
        <Link to={`/transfers/${r.id}`}>
          <strong>{r.fullName}</strong>
        </Link>
      ),
    },
    { title: t('transfers.col.kind'), key: 'kind', render: (_, r) => label(TRANSFER_KIND_LABELS[r.kind]) },
    {
      title: t('transfers.col.route'),
      key: 'route',
      render: (_, r) => route(r),
    },
    { title: t('transfers.col.state'), key: 'state', render: (_, r) => <TransferStateTag state={r.state} overdue={r.overdue} /> },
    { title: t('transfers.col.proposedOn'), key: 'proposedOn', render: (_, r) => fmtDate(r.proposedOn) },
    { title: t('transfers.col.receiveBy'), key: 'receiveBy', render: (_, r) => fmtDate(r.receiveBy) },
  ];

  return (
    <div className="dv-t-page">
      <div className="dv-t-head">
        <Typography.Title level={1} className="dv-t-title">
          {t('transfers.title')}
        </Typography.Title>
        {mayAct && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => {
              const next = new URLSearchParams(sp);
              next.set('new', '');
              setSp(next);
            }} data-testid="new-transfer">
            {t('transfers.new')}
          </Button>
        )}
      </div>

      {creating && mayAct && (
        <Card title={t('transfers.new')} style={{ marginBottom: 16 }}>
          <NewTransferForm
            personId={newFor || null}
            onCancel={() => {
              const next = new URLSearchParams(sp);
              next.delete('new');
              setSp(next);
            }}
          />
        </Card>
      )}

      <Tabs
        activeKey={filters.box}
        onChange={(k) => set({ box: k === 'all' ? undefined : k })}
        items={TRANSFER_BOXES.map((b) => ({ key: b, label: t(BOX_LABEL[b]) }))}
      />
      <div className="dv-t-filters">
        <Select
          allowClear
          placeholder={t('transfers.filter.state')}
          aria-label={t('transfers.filter.state')}
          value={filters.state}
          onChange={(v?: string) => set({ state: v })}
          options={TRANSFER_STATES.map((s) => ({ value: s, label: <TransferStateTag state={s} overdue={false} /> }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('transfers.filter.kind')}
          aria-label={t('transfers.filter.kind')}
          value={filters.kind}
          onChange={(v?: string) => set({ kind: v })}
          options={TRANSFER_KINDS.map((k) => ({ value: k, label: label(TRANSFER_KIND_LABELS[k]) }))}
          style={{ minWidth: 200, maxWidth: '100%' }}
        />
      </div>
      {filters.box === 'overdue' && list.data && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('transfers.overdueHint', { n: list.data.overdueDays })} />}
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : narrow ? (
        <>
          <List<TransferSummary>
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('transfers.empty') }}
            renderItem={(r) => (
              <List.Item key={r.id} className="dv-t-card">
                <div style={{ minWidth: 0, width: '100%' }}>
                  <Link to={`/transfers/${r.id}`}>
                    <strong>{r.fullName}</strong>
                  </Link>
                  <div>
                    <TransferStateTag state={r.state} overdue={r.overdue} />
                  </div>
                  <div>{label(TRANSFER_KIND_LABELS[r.kind])}</div>
                  <div className="dv-t-route">{route(r)}</div>
                  <div className="dv-t-muted">
                    {t('transfers.col.proposedOn')}: {fmtDate(r.proposedOn)}
                    {r.receiveBy ? ` · ${t('transfers.col.receiveBy')}: ${fmtDate(r.receiveBy)}` : ''}
                  </div>
                </div>
              </List.Item>
            )}
          />
          {(list.data?.total ?? 0) > filters.pageSize && (
            <Pagination
              simple
              style={{ marginTop: 12 }}
              current={filters.page}
              pageSize={filters.pageSize}
              total={list.data?.total ?? 0}
              onChange={(page) => set({ page: String(page) })}
            />
          )}
        </>
      ) : (
        <Table<TransferSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: true }}
          locale={{ emptyText: t('transfers.empty') }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => set({ page: String(page) }),
          }}
        />
      )}
    </div>
  );
}
