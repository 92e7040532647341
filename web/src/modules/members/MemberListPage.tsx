import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { can } from '@dangvu/common';
import { Alert, Button, Grid, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { useMemberList } from './api';
import { MemberCards } from './components/MemberCards';
import { MemberFilterBar } from './components/MemberFilterBar';
import { MemberTable } from './components/MemberTable';
import { clearFilters, exportQueryString, filtersToSearch, parseFilters, withFilter, type FilterKey, type MemberFilters } from './filters';
import { useDocumentTitle } from './useDocumentTitle';
import './members.css';

const SEARCH_DELAY_MS = 300;

export default function MemberListPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const narrow = !Grid.useBreakpoint().md;
  const list = useMemberList(filters);
  const resultsRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('members.list.title'));

  const go = useCallback(
    (next: MemberFilters, replace = false) => setSearchParams(filtersToSearch(next), { replace }),
    [setSearchParams],
  );
  const change = useCallback((patch: Partial<Record<FilterKey, string | undefined>>) => go(withFilter(filters, patch)), [filters, go]);

  // Search as you type: the box updates at once, the URL (and so the request) after a pause.
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => {
    // Back/forward or a link changed the search: show it, unless it is what is being typed.
    const q = filters.q ?? '';
    setText((cur) => (cur.trim() === q ? cur : q));
  }, [filters.q]);
  const applySearch = useCallback(
    (value: string) => {
      const v = value.trim();
      const cur = filters.q ?? '';
      // Refining a search replaces the history entry; starting or clearing one adds an entry.
      if (v !== cur) go(withFilter(filters, { q: v || undefined }), cur !== '' && v !== '');
    },
    [filters, go],
  );
  useEffect(() => {
    const timer = window.setTimeout(() => applySearch(text), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, applySearch]);

  const onPage = (page: number, pageSize: number) => {
    go({ ...filters, page: pageSize === filters.pageSize ? page : 1, pageSize });
    resultsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  const data = list.data;
  const mayWrite = !!me && can(me.role, 'member.write');
  const exportHref = `/api/v1/members/export.csv${exportQueryString(filters)}`;
  const newHref = filters.org ? `/members/new?org=${encodeURIComponent(filters.org)}` : '/members/new';
  const searchId = 'dv-m-search';

  return (
    <div className="dv-m-page">
      <div className="dv-m-head">
        <Typography.Title level={1} className="dv-m-title">
          {t('members.list.title')}
        </Typography.Title>
        <Space wrap>
          {mayWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              href={newHref}
              onClick={(e) => {
                // A real link (opens in a new tab on request), followed inside the app.
                if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                void navigate(newHref);
              }}
            >
              {t('members.list.add')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportHref} download>
            {t('members.list.export')}
          </Button>
        </Space>
      </div>

      <form
        role="search"
        className="dv-m-search"
        onSubmit={(e) => {
          e.preventDefault();
          applySearch(text);
        }}
      >
        <label htmlFor={searchId} className="dv-m-filter-label">
          {t('members.search.label')}
        </label>
        <Input
          id={searchId}
          type="search"
          size="large"
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('members.search.placeholder')}
          aria-describedby={`${searchId}-hint`}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
        />
        <div id={`${searchId}-hint`} className="dv-m-hint">
          {t('members.search.hint')}
        </div>
      </form>

      <MemberFilterBar filters={filters} narrow={narrow} onChange={change} onClear={() => {
          setText('');
          go(clearFilters(filters));
        }}
      />

      <div ref={resultsRef} className="dv-m-results">
        <p className="dv-m-count" aria-live="polite" aria-atomic="true">
          {data ? (
            <>
              <strong>{t(data.totalCapped ? 'members.countMore' : 'members.count', { n: fmtNumber(data.total) })}</strong>
              {filters.asOf ? ` ${t('members.list.asOf', { date: fmtDate(data.asOf) })}` : ''}
              {list.isPlaceholderData ? ` ${t('members.list.updating')}` : ''}
            </>
          ) : list.isPending ? (
            t('common.loading')
          ) : null}
        </p>
        {list.isError && <ListError error={list.error} onRetry={() => void list.refetch()} onClear={() => go(clearFilters(filters))} />}
        {narrow ? (
          <MemberCards data={data} loading={list.isFetching} filters={filters} onPage={onPage} />
        ) : (
          <MemberTable data={data} loading={list.isFetching} filters={filters} onPage={onPage} />
        )}
      </div>
    </div>
  );
}

function ListError({ error, onRetry, onClear }: { error: unknown; onRetry: () => void; onClear: () => void }) {
  const { t } = useI18n();
  const offline = error instanceof ApiError && error.status === 0;
  const badFilter = error instanceof ApiError && (error.status === 400 || error.status === 404 || error.status === 422);
  const message = error instanceof ApiError ? (offline ? t('common.offline') : error.message) : t('common.error');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={message}
      action={
        <Space wrap>
          {badFilter ? <Button onClick={onClear}>{t('members.filter.clear')}</Button> : <Button onClick={onRetry}>{t('common.retry')}</Button>}
        </Space>
      }
    />
  );
}
