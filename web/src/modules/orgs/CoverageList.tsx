import { COVERAGE_STATUSES, HOST_TYPE_LABELS, type CoverageStatus, type CoverageUnit } from '@dangvu/common';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { More, orgHref } from './shared';

const PAGE = 100;
/** The coverage lists come from the server; the tree is not needed for them. */
export const coverageNeedsTree = (_coverage: string): boolean => false;

const hostLabel = (k: string) => (HOST_TYPE_LABELS as Record<string, { vi: string; en: string } | undefined>)[k];

/**
 * The villages and residential groups behind a dashboard coverage figure, computed by the
 * same server code as the figure, so the list and the number always agree.
 */
export function CoverageList({ coverage, org, asOf }: { coverage: string; org: string | undefined; asOf: string | undefined; index?: unknown }) {
  const { t, label } = useI18n();
  const status: CoverageStatus = (COVERAGE_STATUSES as readonly string[]).includes(coverage) ? (coverage as CoverageStatus) : 'all';
  const q = useQuery({
    queryKey: ['coverage', org, asOf, status],
    queryFn: () => api<{ total: number; items: CoverageUnit[] }>('GET', `/coverage${qs({ org, asOf, status })}`),
  });
  const [shown, setShown] = useState(PAGE);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data.items;
  const title = t(`orgs.cov.${status}`);
  return (
    <section aria-label={title}>
      <Typography.Title level={2} className="ov-h2">
        {title} ({fmtNumber(rows.length)})
      </Typography.Title>
      {rows.length === 0 ? (
        <Typography.Paragraph>{t('orgs.cov.none')}</Typography.Paragraph>
      ) : (
        <ul className="ov-list">
          {rows.slice(0, shown).map((u) => (
            <li key={u.hostUnitId}>
              {u.orgId ? <Link to={orgHref(u.orgId, asOf)}>{u.name}</Link> : <strong>{u.name}</strong>}
              <span className="ov-meta">
                {label(hostLabel(u.kind), u.kind)} · {t('orgs.gap.commune', { name: u.communeName })}
                {u.orgId ? ` · ${t('orgs.members', { n: fmtNumber(u.members) })}` : ''}
              </span>
              {u.status === 'none' && <span className="ov-tag ov-tag-no_cell">{t('orgs.gap.no_cell')}</span>}
              {u.status === 'shared' && <span className="ov-tag">{t('orgs.cov.sharedTag')}</span>}
              {u.status !== 'none' && u.members === 0 && <span className="ov-tag ov-tag-no_member">{t('orgs.gap.no_member')}</span>}
            </li>
          ))}
        </ul>
      )}
      <More shown={shown} total={rows.length} onMore={() => setShown(shown + PAGE)} />
    </section>
  );
}
