import { ethnicityByCode, ORG_KIND_LABELS, POLITICAL_THEORY_LABELS, SEX_LABELS, SEXES, type OrgKind } from '@dangvu/common';
import { lazy, Suspense, useMemo, useRef, useState, type RefObject } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { AGE_BAND_KEYS, LOSS_KEYS, THEORY_KEYS, useDashboard, type Dashboard } from './api';
import { ChartCard, FigureTable, type Row } from './ChartCard';
import type { ChartSpec } from './chartSpec';
import './dashboard.css';
import { admittedHref, lostHref, lostTotalHref, membersHref, orgsByKindHref, type Scope } from './links';
import { Coverage, Gaps, KindsPanel, StatCard } from './Sections';

// The pickers (antd DatePicker, TreeSelect) load when the user reaches for them, not with the figures.
const loadFilters = () => import('./Filters');
const Filters = lazy(loadFilters);

const TOP_ETHNICITIES = 8;
const LOSS_COLORS = ['#757575', '#ef6c00', '#b71c1c', '#6a1b9a', '#00838f'];
/** Pseudo-link of the "other groups" bar: it opens the full ethnicity table on the page. */
const ETH_TABLE = '#ethnicity-table';

type T = ReturnType<typeof useI18n>['t'];
type L = ReturnType<typeof useI18n>['label'];

export default function DashboardPage() {
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const org = params.get('org') ?? undefined;
  const asOfParam = params.get('asOf') ?? undefined;
  const q = useDashboard(org, asOfParam);
  const ethDetails = useRef<HTMLDetailsElement>(null);
  const [filtersOn, setFiltersOn] = useState<null | 'org' | 'date'>(null);

  const set = (key: string, v: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v) next.set(key, v);
      else next.delete(key);
      return next;
    });

  const open = (href: string) => {
    if (href === ETH_TABLE && ethDetails.current) {
      ethDetails.current.open = true;
      ethDetails.current.scrollIntoView({ block: 'center' });
      ethDetails.current.querySelector('summary')?.focus();
      return;
    }
    navigate(href);
  };

  const d = q.data;
  const view = useMemo(() => (d ? buildView(d, org, t, label) : null), [d, org, t, label]);
  const orgName = d?.org?.name;
  const asOf = asOfParam ?? d?.asOf;

  // Light stand-ins for the pickers, named "label + current value" for screen readers.
  const stub = (id: string, label: string, value: string, placeholder: boolean, which: 'org' | 'date') => (
    <div className={which === 'org' ? 'dv-filter' : 'dv-filter dv-filter-date'}>
      <label id={`${id}-label`}>{label}</label>
      <button
        type="button"
        id={id}
        className="dv-stub"
        aria-labelledby={`${id}-label ${id}-value`}
        aria-haspopup="true"
        onPointerEnter={loadFilters}
        onFocus={loadFilters}
        onClick={() => setFiltersOn(which)}
      >
        <span id={`${id}-value`} className={placeholder ? 'dv-stub-placeholder' : undefined}>
          {value}
        </span>
        <span aria-hidden="true">▾</span>
      </button>
    </div>
  );
  const stubs = (
    <>
      {stub('dash-org', t('dash.org'), orgName ?? t('dash.orgPlaceholder'), !orgName, 'org')}
      {stub('dash-asof', t('common.asOf'), asOf ? fmtDate(asOf) : 'dd/mm/yyyy', !asOf, 'date')}
    </>
  );

  return (
    <div>
      <h1 className="dv-page-title">{t('dash.title')}</h1>
      <div className="dv-filters" role="search">
        {filtersOn ? (
          <Suspense fallback={stubs}>
            <Filters org={org} orgName={orgName} asOf={asOf} openFirst={filtersOn} onOrg={(v) => set('org', v)} onAsOf={(v) => set('asOf', v)} />
          </Suspense>
        ) : (
          stubs
        )}
      </div>
      {q.isPending ? (
        <PageLoading />
      ) : !d || !view ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <p className="dv-status" aria-live="polite">
            {t('dash.figuresOn', { date: fmtDate(d.asOf) })}
            {' — '}
            <strong>{d.org?.name ?? t('dash.scopeAll')}</strong>
            {q.isFetching && <> · {t('common.loading')}</>}
          </p>
          {q.isError && <PageError error={q.error} onRetry={() => void q.refetch()} />}
          <Body d={d} view={view} onOpen={open} ethDetails={ethDetails} />
        </>
      )}
    </div>
  );
}

/** Turns rows (label, count, link) into a one-series chart. */
function single(type: ChartSpec['type'], name: string, rows: Row[]): ChartSpec {
  return {
    type,
    categories: rows.map((r) => r.label),
    series: [{ name, values: rows.map((r) => r.cells[0]?.n ?? 0), links: rows.map((r) => r.cells[0]?.href ?? null) }],
  };
}

const sum = (rows: Row[]) => rows.reduce((a, r) => a + (r.cells[0]?.n ?? 0), 0);

function buildView(d: Dashboard, org: string | undefined, t: T, label: L) {
  const s: Scope = { org: d.org?.orgId ?? org, asOf: d.asOf };
  const row = (key: string, text: string, n: number, href: string | null): Row => ({ key, label: text, cells: [{ n, href }] });

  const sexKeys = [...SEXES, ...Object.keys(d.bySex).filter((k) => !(SEXES as readonly string[]).includes(k))];
  const sex = sexKeys.map((k) => row(k, label(SEX_LABELS[k as keyof typeof SEX_LABELS], k), d.bySex[k] ?? 0, membersHref(s, { sex: k })));

  const eth = Object.entries(d.byEthnicity)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => row(code, label(ethnicityByCode(code), code), n, membersHref(s, { ethnicity: code })));
  const rest = sum(eth.slice(TOP_ETHNICITIES));
  const ethChart = rest > 0 ? [...eth.slice(0, TOP_ETHNICITIES), row('other', t('dash.ethOther'), rest, ETH_TABLE)] : eth;

  const age = AGE_BAND_KEYS.map((k) => row(k, t(`dash.age.${k}`), d.byAgeBand[k] ?? 0, membersHref(s, { ageBand: k })));
  const theory = THEORY_KEYS.map((k) =>
    row(k, k === 'khong' ? t('dash.theoryNone') : label(POLITICAL_THEORY_LABELS[k]), d.byTheory[k] ?? 0, membersHref(s, { theory: k })),
  );

  const lossNames = LOSS_KEYS.map((k) => t(`dash.loss.${k}`));
  const flowRows: Row[] = d.flows.map((f) => ({
    key: String(f.year),
    label: String(f.year),
    cells: [
      { n: f.admitted, href: admittedHref(s, f.year) },
      ...LOSS_KEYS.map((k) => ({ n: f.lost[k] ?? 0, href: lostHref(s, f.year, k) })),
      { n: f.lostTotal, href: lostTotalHref(s, f.year) },
    ],
  }));
  const flows: ChartSpec = {
    type: 'bar',
    categories: d.flows.map((f) => String(f.year)),
    series: [
      { name: t('dash.admitted'), values: d.flows.map((f) => f.admitted), links: d.flows.map((f) => admittedHref(s, f.year)), color: '#1565c0' },
      ...LOSS_KEYS.map((k, i) => ({
        name: lossNames[i] ?? k,
        stack: 'lost',
        color: LOSS_COLORS[i],
        values: d.flows.map((f) => f.lost[k] ?? 0),
        links: d.flows.map((f) => lostHref(s, f.year, k)),
      })),
    ],
  };

  const known = Object.keys(ORG_KIND_LABELS) as OrgKind[];
  const kinds = [...known, ...Object.keys(d.totals.orgsByKind).filter((k) => !(k in ORG_KIND_LABELS))]
    .filter((k) => (d.totals.orgsByKind[k] ?? 0) > 0)
    .map((k) => ({ kind: k, n: d.totals.orgsByKind[k] ?? 0, name: label(ORG_KIND_LABELS[k as OrgKind], k), href: orgsByKindHref(s, k) }));

  return { s, sex, eth, ethChart, age, theory, flowRows, flows, lossNames, kinds };
}

type View = ReturnType<typeof buildView>;

function Body({ d, view, onOpen, ethDetails }: { d: Dashboard; view: View; onOpen: (href: string) => void; ethDetails: RefObject<HTMLDetailsElement | null> }) {
  const { t } = useI18n();
  const { s } = view;
  const year = Number(d.asOf.slice(0, 4));
  const count = t('dash.col.count');
  const group = t('dash.col.group');
  const orgTotal = view.kinds.reduce((a, k) => a + k.n, 0);
  return (
    <>
      <section aria-label={t('dash.members')} className="dv-stats">
        <StatCard title={t('dash.members')} value={d.totals.members} href={membersHref(s)} />
        <StatCard title={t('dash.chinhThuc')} value={d.totals.chinhThuc} href={membersHref(s, { status: 'chinh_thuc' })} />
        <StatCard title={t('dash.duBi')} value={d.totals.duBi} href={membersHref(s, { status: 'du_bi' })} />
        <StatCard title={t('dash.admissions', { year })} value={d.totals.admissionsThisYear} href={admittedHref(s, year)} />
        <StatCard title={t('dash.orgsTotal')} value={orgTotal} href={`/orgs${qs({ asOf: s.asOf, org: s.org })}`} />
      </section>

      <div className="dv-charts">
        <ChartCard title={t('dash.bySex')} spec={single('pie', count, view.sex)} height={260} empty={sum(view.sex) === 0} onOpen={onOpen}>
          <FigureTable caption={t('dash.bySex')} head={[group, count]} rows={view.sex} share />
        </ChartCard>
        <ChartCard title={t('dash.byAge')} spec={single('bar', count, view.age)} height={260} empty={sum(view.age) === 0} onOpen={onOpen}>
          <FigureTable caption={t('dash.byAge')} head={[t('dash.ageUnit'), count]} rows={view.age} share />
        </ChartCard>
        <ChartCard title={t('dash.byEthnicity')} spec={single('hbar', count, view.ethChart)} height={320} empty={sum(view.eth) === 0} onOpen={onOpen}>
          <FigureTable caption={t('dash.byEthnicity')} head={[group, count]} rows={view.eth} share detailsRef={ethDetails} />
        </ChartCard>
        <ChartCard title={t('dash.byTheory')} spec={single('hbar', count, view.theory)} height={260} empty={sum(view.theory) === 0} onOpen={onOpen}>
          <FigureTable caption={t('dash.byTheory')} head={[group, count]} rows={view.theory} share />
        </ChartCard>
        <ChartCard className="dv-wide" title={t('dash.flows')} spec={view.flows} height={340} empty={d.flows.length === 0} onOpen={onOpen}>
          <FigureTable caption={t('dash.flows')} head={[t('dash.col.year'), t('dash.admitted'), ...view.lossNames, t('dash.lostTotal')]} rows={view.flowRows} />
        </ChartCard>
        <Coverage d={d} s={s} />
        <KindsPanel kinds={view.kinds} />
        <Gaps d={d} s={s} />
      </div>
    </>
  );
}
