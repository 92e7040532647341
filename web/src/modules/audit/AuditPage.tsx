import { can, FIELD_LABELS_VI, MEMBER_EVENT_LABELS, ORG_EVENT_LABELS } from '@dangvu/common';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Result, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError } from '../../ui/PageState';
import './audit.css';
import { diffRows, show, vnDateTime } from './diff';

interface AuditRow {
  id: string;
  at: string;
  userId: string | null;
  username: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  items: AuditRow[];
}

const ENTITIES = ['person', 'org_event', 'user', 'session', 'qualification'] as const;
const SIMPLE_ACTIONS = ['create', 'update', 'login', 'logout', 'lock', 'change_password', 'reset_password'] as const;
const PAGE_SIZE = 25;
type Labels = Record<string, { vi: string; en: string } | undefined>;

export default function AuditPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  if (!me || !can(me.role, 'audit.read')) return <Result status="403" title={t('audit.title')} subTitle={t('audit.forbidden')} />;
  return <AuditLog />;
}

function AuditLog() {
  const { t, label, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const f = {
    user: params.get('user') ?? undefined,
    entity: params.get('entity') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);

  const q = useQuery({
    queryKey: ['audit', f, page],
    queryFn: () => api<AuditPage>('GET', `/audit${qs({ ...f, page, pageSize: PAGE_SIZE })}`),
    placeholderData: (prev) => prev,
  });

  /** Any filter change goes back to page 1; the URL holds the state so a view can be shared. */
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v);
      else next.delete(k);
      if (!('page' in patch)) next.delete('page');
      return next;
    });

  const actionLabel = (a: string): string => {
    if (a.startsWith('event:')) return t('audit.action.memberEvent', { kind: label((MEMBER_EVENT_LABELS as Labels)[a.slice(6)], a.slice(6)) });
    if ((SIMPLE_ACTIONS as readonly string[]).includes(a)) return t(`audit.action.${a as (typeof SIMPLE_ACTIONS)[number]}`);
    return label((ORG_EVENT_LABELS as Labels)[a], a);
  };
  const entityLabel = (e: string) => ((ENTITIES as readonly string[]).includes(e) ? t(`audit.entity.${e as (typeof ENTITIES)[number]}`) : e);
  // Audit rows store database rows (snake_case); the labels are keyed by input field (camelCase).
  const fieldLabel = (k: string) => (lang === 'vi' ? (FIELD_LABELS_VI[k] ?? FIELD_LABELS_VI[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] ?? k) : k);

  const columns: ColumnsType<AuditRow> = [
    { key: 'at', title: t('audit.col.at'), render: (_, r) => <time dateTime={r.at}>{vnDateTime(r.at)}</time> },
    { key: 'user', title: t('audit.col.user'), render: (_, r) => (r.userId ? r.username : `${r.username} (${t('audit.system')})`) },
    { key: 'action', title: t('audit.col.action'), render: (_, r) => actionLabel(r.action) },
    { key: 'entity', title: t('audit.col.entity'), render: (_, r) => entityLabel(r.entity), responsive: ['md'] },
  ];

  return (
    <div>
      <Typography.Title level={1} className="au-page-title">
        {t('audit.title')}
      </Typography.Title>
      <div className="au-filters" role="search">
        <div className="au-field">
          <label htmlFor="audit-user">{t('audit.user')}</label>
          <Input.Search
            id="audit-user"
            key={f.user ?? ''}
            defaultValue={f.user}
            placeholder={t('audit.userHint')}
            allowClear
            onSearch={(v) => set({ user: v.trim() || undefined })}
            enterButton
          />
        </div>
        <div className="au-field">
          <label htmlFor="audit-entity">{t('audit.entity')}</label>
          <Select<string>
            id="audit-entity"
            style={{ width: '100%' }}
            value={f.entity ?? ''}
            onChange={(v) => set({ entity: v || undefined, entityId: undefined })}
            options={[{ value: '', label: t('audit.entityAll') }, ...ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))]}
          />
        </div>
        <div className="au-field au-field-date">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <IsoDatePicker id="audit-from" value={f.from} max={f.to} onChange={(v) => set({ from: v })} />
        </div>
        <div className="au-field au-field-date">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <IsoDatePicker id="audit-to" value={f.to} min={f.from} onChange={(v) => set({ to: v })} />
        </div>
        <Button onClick={() => setParams(new URLSearchParams())} disabled={!Object.values(f).some(Boolean)}>
          {t('audit.reset')}
        </Button>
      </div>
      {f.entityId && (
        <p>
          {t('audit.entityId', { id: f.entityId })}{' '}
          <Button size="small" onClick={() => set({ entityId: undefined })}>
            {t('audit.reset')}
          </Button>
        </p>
      )}
      {q.isError && <PageError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<AuditRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        locale={{ emptyText: t('audit.noRows') }}
        expandable={{
          expandedRowRender: (r) => (
            <Detail
              row={r}
              fieldLabel={fieldLabel}
              onOnlyThis={r.entityId ? () => set({ entity: r.entity, entityId: r.entityId ?? undefined }) : undefined}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: q.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => set({ page: p > 1 ? String(p) : undefined }),
          showTotal: (n) => t('common.records', { n: fmtNumber(n) }),
        }}
      />
    </div>
  );
}

/** Before and after side by side, one line per field, the changed ones marked in colour and in words. */
function Detail({ row, fieldLabel, onOnlyThis }: { row: AuditRow; fieldLabel: (k: string) => string; onOnlyThis?: () => void }) {
  const { t } = useI18n();
  const all = diffRows(row.before, row.after);
  const changed = all.filter((r) => r.changed).length;
  // An edit touches a few fields of a long record: those come first, the rest on request.
  const [showAll, setShowAll] = useState(false);
  const rows = showAll || changed === all.length ? all : all.filter((r) => r.changed);
  return (
    <div className="au-detail">
      <div className="au-detail-tools">
        {row.entity === 'person' && row.entityId && <Link to={`/members/${row.entityId}`}>{t('audit.openRecord')}</Link>}
        {onOnlyThis && (
          <Button size="small" onClick={onOnlyThis}>
            {t('audit.onlyThis')}
          </Button>
        )}
        {row.requestId && <span className="au-muted">{t('audit.requestId', { id: row.requestId })}</span>}
      </div>
      {all.length === 0 ? (
        <p>{t('audit.noDetail')}</p>
      ) : (
        <>
          <p className="au-muted">
            {t('audit.changedCount', { n: changed })}
            {changed < all.length && (
              <>
                {' '}
                <Button size="small" type="link" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
                  {showAll ? t('audit.changedOnly') : t('audit.showAll', { n: all.length - changed })}
                </Button>
              </>
            )}
          </p>
          <div className="au-table-wrap">
            <table className="au-diff">
              <caption className="sr-only">{t('audit.diffCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.field')}</th>
                  <th scope="col">{t('audit.before')}</th>
                  <th scope="col">{t('audit.after')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key} className={r.changed ? 'au-changed' : undefined}>
                    <th scope="row">
                      {r.changed && <span aria-hidden="true">● </span>}
                      {fieldLabel(r.key)}
                      {r.changed && <span className="sr-only"> ({t('audit.changed')})</span>}
                      {fieldLabel(r.key) !== r.key && <div className="au-key">{r.key}</div>}
                    </th>
                    <td>
                      <Value v={r.before} />
                    </td>
                    <td>
                      <Value v={r.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function Value({ v }: { v: unknown }) {
  const { t } = useI18n();
  const s = show(v);
  if (!s) return <span className="au-muted">{t('audit.empty')}</span>;
  return typeof v === 'object' ? <pre className="au-json">{s}</pre> : <>{s}</>;
}
