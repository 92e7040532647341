import { Grid, List, Pagination, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';

interface Props<T> {
  items: T[];
  rowKey: (row: T) => string;
  loading: boolean;
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  empty: string;
  columns: TableColumnsType<T>;
  /** What a phone shows per row: a table of five columns does not fit 360 px. */
  card: (row: T) => ReactNode;
}

/** A server-paged list: a table on wide screens, one card per row on phones. */
export function PagedList<T extends object>({ items, rowKey, loading, total, page, pageSize, onPage, empty, columns, card }: Props<T>) {
  const narrow = !Grid.useBreakpoint().md;
  if (!narrow)
    return (
      <Table<T>
        rowKey={rowKey}
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: true }}
        locale={{ emptyText: empty }}
        pagination={{ current: page, pageSize, total, showSizeChanger: false, onChange: onPage }}
      />
    );
  return (
    <>
      <List<T>
        loading={loading}
        dataSource={items}
        locale={{ emptyText: empty }}
        renderItem={(row) => (
          <List.Item key={rowKey(row)}>
            <div style={{ minWidth: 0, width: '100%' }}>{card(row)}</div>
          </List.Item>
        )}
      />
      {total > pageSize && <Pagination simple style={{ marginTop: 12 }} current={page} pageSize={pageSize} total={total} onChange={onPage} />}
    </>
  );
}
