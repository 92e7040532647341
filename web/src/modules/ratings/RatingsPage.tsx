import { isCellKind, todayIso, NONPARTY_KIND_LABELS, NONPARTY_LEVEL_LABELS, NONPARTY_LEVELS, RATING_LEVEL_LABELS, RATING_RULE_SETS, type RatingLevel, type RatingSubject } from '@dangvu/common';
import { Button, Card, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { PageError } from '../../ui/PageState';
import { useOrgTree } from '../members/api';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useNonParty, useRatingSummary, type NonPartyList, type YearSummary } from './api';
import './ratings.css';

const thisYear = Number(todayIso().slice(0, 4));
const pct = (n: number, d: number) => (d ? `${fmtNumber((100 * n) / d, 1)}%` : '–');
type Tab = RatingSubject | 'bodies';
const TABS: Tab[] = ['dang_vien', 'to_chuc', 'lanh_dao', 'bodies'];

/** Where a cell secretary starts: their cell's table; committees pick a cell. */
function CellPicker() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const tree = useOrgTree();
  const cells = useMemo(() => (tree.data?.nodes ?? []).filter((n) => isCellKind(n.kind)), [tree.data]);
  const [picked, setPicked] = useState<string | undefined>();
  const chosen = picked ?? (cells.length === 1 ? cells[0]!.orgId : undefined);
  return (
    <Card size="small" title={t('ratings.cells')} className="dv-r-alert">
      <Space wrap style={{ width: '100%' }}>
        <Select
          showSearch
          optionFilterProp="label"
          aria-label={t('ratings.cells.pick')}
          placeholder={t('ratings.cells.pick')}
          value={chosen}
          onChange={setPicked}
          loading={tree.isLoading}
          options={cells.map((c) => ({ value: c.orgId, label: c.name }))}
          style={{ width: 340, maxWidth: '100%' }}
        />
        <Button type="primary" disabled={!chosen} onClick={() => chosen && navigate(`/ratings/cell/${chosen}?year=${thisYear}`)}>
          {t('ratings.cells.open')}
        </Button>
      </Space>
    </Card>
  );
}

function Summary({ subject }: { subject: RatingSubject }) {
  const { t, label } = useI18n();
  const q = useRatingSummary(subject);
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const tier = (k: '1' | '2' | '3' | '4') => (_: unknown, y: YearSummary) => (
    <span>
      {fmtNumber(y.tiers[k])} <span className="dv-r-muted">({pct(y.tiers[k], y.decided)})</span>
    </span>
  );
  const columns: TableColumnsType<YearSummary> = [
    { title: t('ratings.col.year'), dataIndex: 'year', key: 'year', fixed: 'left' },
    { title: t('ratings.col.ruleSet'), key: 'rs', render: (_, y) => y.ruleSets.map((r) => RATING_RULE_SETS[r]?.id ?? r).join(', ') },
    {
      title: t('ratings.col.levels'),
      key: 'levels',
      render: (_, y) => (
        <Space size={[4, 4]} wrap>
          {(Object.entries(y.levels) as [RatingLevel, number][]).map(([l, n]) => (
            <Tag key={l} title={label(RATING_LEVEL_LABELS[l])}>
              {RATING_LEVEL_LABELS[l].short}: {fmtNumber(n)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('ratings.col.tier1'), key: 't1', render: tier('1') },
    { title: t('ratings.col.tier2'), key: 't2', render: tier('2') },
    { title: t('ratings.col.tier3'), key: 't3', render: tier('3') },
    { title: t('ratings.col.tier4'), key: 't4', render: tier('4') },
    { title: t('ratings.col.decided'), key: 'decided', render: (_, y) => fmtNumber(y.decided) },
    { title: t('ratings.col.exempt'), key: 'exempt', render: (_, y) => fmtNumber(Object.values(y.exempt).reduce((a, b) => a + b, 0)) },
    { title: t('ratings.col.pending'), key: 'pending', render: (_, y) => fmtNumber(y.pending) },
    { title: t('ratings.col.commendations'), key: 'gk', render: (_, y) => fmtNumber(y.commendations) },
  ];
  return (
    <>
      <Typography.Paragraph className="dv-r-muted">{t('ratings.summary.hint')}</Typography.Paragraph>
      <Table<YearSummary>
        rowKey="year"
        size="small"
        loading={q.isFetching}
        columns={columns}
        dataSource={[...(q.data?.years ?? [])].reverse()}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ratings.empty') }}
      />
    </>
  );
}

function Bodies() {
  const { t, label } = useI18n();
  const [year, setYear] = useState(thisYear - 1);
  const q = useNonParty(year);
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  type Item = NonPartyList['items'][number];
  type YearRow = NonPartyList['years'][number];
  const total = (y: YearRow) => NONPARTY_LEVELS.reduce((a, l) => a + y.counts[l], 0);
  const yearCols: TableColumnsType<YearRow> = [
    { title: t('ratings.col.year'), dataIndex: 'year', key: 'year' },
    ...NONPARTY_LEVELS.map((l) => ({
      title: label(NONPARTY_LEVEL_LABELS[l]),
      key: l,
      render: (_: unknown, y: YearRow) => (
        <span>
          {fmtNumber(y.counts[l])} <span className="dv-r-muted">({pct(y.counts[l], total(y))})</span>
        </span>
      ),
    })),
  ];
  const cols: TableColumnsType<Item> = [
    { title: t('ratings.col.body'), key: 'name', render: (_, b) => <span>{b.name} <span className="dv-r-muted">({label(NONPARTY_KIND_LABELS[b.kind])})</span></span> },
    { title: t('ratings.col.leadingOrg'), dataIndex: 'orgName', key: 'org' },
    {
      title: String(year),
      key: 'level',
      render: (_, b) => {
        const r = b.ratings.find((x) => x.year === year);
        return r ? <Tag color={r.level === 'tot' ? 'green' : r.level === 'yeu' ? 'red' : undefined}>{label(NONPARTY_LEVEL_LABELS[r.level])}</Tag> : '–';
      },
    },
  ];
  return (
    <>
      <Space className="dv-r-controls">
        <span>{t('ratings.bodies.year')}</span>
        <Select aria-label={t('ratings.bodies.year')} value={year} onChange={setYear} options={Array.from({ length: 10 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
      </Space>
      <Table<YearRow> rowKey="year" size="small" columns={yearCols} dataSource={[...(q.data?.years ?? [])].reverse()} pagination={false} scroll={{ x: 'max-content' }} loading={q.isFetching} />
      <Table<Item> rowKey="id" size="small" columns={cols} dataSource={q.data?.items ?? []} pagination={{ pageSize: 40, showSizeChanger: false }} scroll={{ x: 'max-content' }} style={{ marginTop: 16 }} locale={{ emptyText: t('ratings.empty') }} />
    </>
  );
}

export default function RatingsPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const tab: Tab = (TABS as string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as Tab) : 'dang_vien';
  useDocumentTitle(t('ratings.title'));
  const titles: Record<Tab, Parameters<typeof t>[0]> = { dang_vien: 'ratings.tab.members', to_chuc: 'ratings.tab.orgs', lanh_dao: 'ratings.tab.leaders', bodies: 'ratings.tab.bodies' };
  return (
    <div className="dv-r-page">
      <Typography.Title level={1} className="dv-r-title">
        {t('ratings.title')}
      </Typography.Title>
      <CellPicker />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k })}
        items={TABS.map((k) => ({ key: k, label: t(titles[k]), children: k === tab ? k === 'bodies' ? <Bodies /> : <Summary subject={k} /> : null }))}
      />
    </div>
  );
}
