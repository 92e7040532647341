import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, List } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';
import { fmtDate, fmtNumber } from '../../../ui/format';
import { ethnicityLabel, sexLabel } from '../labels';
import type { ListViewProps } from './MemberTable';
import { StatusTags } from './StatusTags';

/** The phone view: one short card per member, large enough to tap, no sideways scrolling; paging by two worded buttons. */
export function MemberCards({ data, loading, filters, onPage }: ListViewProps) {
  const { t, lang } = useI18n();
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / filters.pageSize));
  return (
    <>
      <List
        className="dv-m-cards"
        aria-label={t('members.list.title')}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: loading ? t('common.loading') : t('members.list.empty') }}
        renderItem={(m) => (
          <List.Item key={m.id} className="dv-m-card">
            <div style={{ width: '100%' }}>
              <Link to={`/members/${m.id}`} className="dv-m-name dv-m-card-name">
                {m.fullName}
              </Link>
              <div>
                {t('members.card.born', { date: fmtDate(m.birthDate) })} · {sexLabel(m.sex, lang)} · {ethnicityLabel(m.ethnicity, lang)}
              </div>
              {m.orgName && <div className="dv-m-card-org">{m.orgName}</div>}
              <div>
                <StatusTags member={m} />
              </div>
            </div>
          </List.Item>
        )}
      />
      {pages > 1 && (
        <nav aria-label={t('members.pager.label')} className="dv-m-pager">
          <div aria-current="page" className="dv-m-pager-where">
            {t('members.pager.page', { page: fmtNumber(filters.page), pages: fmtNumber(pages) })}
          </div>
          <div className="dv-m-pager-buttons">
            <Button block icon={<LeftOutlined />} disabled={filters.page <= 1 || loading} onClick={() => onPage(filters.page - 1, filters.pageSize)}>
              {t('members.pager.prev')}
            </Button>
            <Button
              block
              icon={<RightOutlined />}
              iconPosition="end"
              disabled={filters.page >= pages || loading}
              onClick={() => onPage(filters.page + 1, filters.pageSize)}
            >
              {t('members.pager.next')}
            </Button>
          </div>
        </nav>
      )}
    </>
  );
}
