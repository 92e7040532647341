import { HOST_TYPE_LABELS } from '@dangvu/common';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import type { CoverageKey, Dashboard } from './api';
import { NumLink, Panel } from './ChartCard';
import { coverageHref, type Scope } from './links';

/** A headline figure; the whole card is one link to the records it counts. */
export function StatCard({ title, value, href }: { title: string; value: number; href: string }) {
  return (
    <Link to={href} className="dv-stat">
      <span className="dv-stat-title">{title}</span>
      <span className="dv-stat-value">{fmtNumber(value)}</span>
    </Link>
  );
}

export function KindsPanel({ kinds }: { kinds: { kind: string; n: number; name: string; href: string }[] }) {
  const { t } = useI18n();
  return (
    <Panel title={t('dash.orgs')}>
      {kinds.length === 0 ? (
        <span className="dv-muted">{t('dash.noData')}</span>
      ) : (
        <ul className="dv-kinds">
          {kinds.map((k) => (
            <li key={k.kind}>
              <Link to={k.href}>{k.name}</Link>
              <span className="num">{fmtNumber(k.n)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Share of villages and residential groups with their own cell, as numerator/denominator and percent. */
export function Coverage({ d, s }: { d: Dashboard; s: Scope }) {
  const { t } = useI18n();
  const c = d.coverage;
  const pct = c.total > 0 ? (c.ownCell * 100) / c.total : 0;
  const items: { key: CoverageKey; n: number }[] = [
    { key: 'ownCell', n: c.ownCell },
    { key: 'sharedCell', n: c.sharedCell },
    { key: 'noCell', n: c.noCell },
    { key: 'noMember', n: c.noMember },
  ];
  return (
    <Panel title={t('dash.coverage')}>
      <p className="dv-coverage-figure">
        <NumLink cell={{ n: c.ownCell, href: coverageHref(s, 'ownCell') }} />/<NumLink cell={{ n: c.total, href: coverageHref(s, 'all') }} />{' '}
        <span>({c.total > 0 ? `${fmtNumber(pct, 1)}%` : '–'})</span>
      </p>
      <div className="dv-bar" aria-hidden="true">
        <div style={{ width: `${pct}%` }} />
      </div>
      <ul className="dv-kinds">
        <li>
          <span>{t('dash.cov.all')}</span>
          <span className="num">
            <NumLink cell={{ n: c.total, href: coverageHref(s, 'all') }} />
          </span>
        </li>
        {items.map((i) => (
          <li key={i.key}>
            <span>{t(`dash.cov.${i.key}`)}</span>
            <span className="num">
              <NumLink cell={{ n: i.n, href: coverageHref(s, i.key) }} />
            </span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

const GAPS_SHOWN = 10;

/** The first units without a cell or without members, and a link to all of them. */
export function Gaps({ d, s }: { d: Dashboard; s: Scope }) {
  const { t, label } = useI18n();
  const kindLabel = (k: string) => label((HOST_TYPE_LABELS as Record<string, { vi: string; en: string } | undefined>)[k], k);
  return (
    <Panel title={t('dash.gaps')} className="dv-wide">
      {d.gaps.length === 0 ? (
        <span className="dv-muted">{t('dash.gapsNone')}</span>
      ) : (
        <>
          <ul className="dv-gaps">
            {d.gaps.slice(0, GAPS_SHOWN).map((g) => (
              <li key={`${g.hostUnitId}-${g.problem}`}>
                <span className="dv-gap-name">{g.orgId ? <Link to={`/orgs/${g.orgId}?asOf=${s.asOf}`}>{g.name}</Link> : g.name}</span>
                <span className="dv-muted">
                  {kindLabel(g.kind)} · {t('dash.gapCommune', { name: g.communeName })}
                </span>
                <span className={`dv-tag dv-tag-${g.problem}`}>{t(`dash.gap.${g.problem}`)}</span>
              </li>
            ))}
          </ul>
          <p className="dv-more">
            <Link to={coverageHref(s, 'gaps')}>{t('dash.gapsMore', { n: fmtNumber(d.gaps.length) })}</Link>
          </p>
        </>
      )}
    </Panel>
  );
}
