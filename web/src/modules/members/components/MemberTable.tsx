import { Table, type TableColumnsType } from 'antd';
import { createContext, useContext, useMemo, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { fmtDate, fmtNumber } from '../../../ui/format';
import type { MemberList, MemberSummary } from '../api';
import { PAGE_SIZES, todayLocalIso, type MemberFilters } from '../filters';
import { ethnicityLabel, sexLabel } from '../labels';
import { StatusTags } from './StatusTags';

export interface ListViewProps {
  data: MemberList | undefined;
  loading: boolean;
  filters: MemberFilters;
  onPage: (page: number, pageSize: number) => void;
}

const CaptionContext = createContext('');

/** antd has no caption prop; the table element is swapped for one that carries it. */
function CaptionedTable({ children, ...rest }: HTMLAttributes<HTMLTableElement>) {
  const caption = useContext(CaptionContext);
  return (
    <table {...rest}>
      <caption className="sr-only">{caption}</caption>
      {children}
    </table>
  );
}
const TABLE_COMPONENTS = { table: CaptionedTable };

/** The desk view: one row per member, pages fetched from the server. */
export function MemberTable({ data, loading, filters, onPage }: ListViewProps) {
  const { t, lang } = useI18n();
  const past = !!filters.asOf && filters.asOf !== todayLocalIso();
  const columns = useMemo<TableColumnsType<MemberSummary>>(
    () => [
      {
        key: 'name',
        title: t('members.f.fullName'),
        render: (_, m) => (
          <Link to={`/members/${m.id}`} className="dv-m-name">
            {m.fullName}
          </Link>
        ),
      },
      { key: 'birth', title: t('members.f.birthDate'), render: (_, m) => fmtDate(m.birthDate) },
      { key: 'sex', title: t('members.f.sex'), render: (_, m) => sexLabel(m.sex, lang) },
      { key: 'eth', title: t('members.f.ethnicity'), render: (_, m) => ethnicityLabel(m.ethnicity, lang) },
      { key: 'org', title: past ? t('members.col.orgThen') : t('members.col.org'), render: (_, m) => m.orgName ?? '' },
      { key: 'admitted', title: t('members.f.admittedOn'), render: (_, m) => fmtDate(m.admittedOn) },
      { key: 'status', title: past ? t('members.col.statusNow') : t('members.f.status'), render: (_, m) => <StatusTags member={m} /> },
    ],
    [t, lang, past],
  );
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const caption = data
    ? t('members.table.caption', { n: fmtNumber(data.total), page: fmtNumber(filters.page), pages: fmtNumber(pages) })
    : t('members.list.title');

  return (
    <CaptionContext.Provider value={caption}>
      <Table<MemberSummary>
        rowKey="id"
        size="middle"
        components={TABLE_COMPONENTS}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: loading ? t('common.loading') : t('members.list.empty') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total, [from, to]) => t('members.pager.range', { from: fmtNumber(from), to: fmtNumber(to), total: fmtNumber(total) }),
          onChange: onPage,
        }}
      />
    </CaptionContext.Provider>
  );
}
