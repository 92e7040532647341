import { Component, lazy, Suspense, useId, type ReactNode, type Ref } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import type { ChartSpec } from './chartSpec';

// ECharts is large: it loads only when a chart is on screen, in its own chunk.
const EChart = lazy(() => import('./EChart'));

/** A failed chart chunk (weak connection) must not take the figures down with it. */
class ChartBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export interface Cell {
  n: number;
  href: string | null;
}
export interface Row {
  key: string;
  label: string;
  cells: Cell[];
}

/** A number that opens the records it counts. */
export function NumLink({ cell }: { cell: Cell }) {
  return cell.href && cell.n > 0 ? <Link to={cell.href}>{fmtNumber(cell.n)}</Link> : <>{fmtNumber(cell.n)}</>;
}

/**
 * The table behind a chart, folded under "Xem bảng số liệu": the same figures, each a link,
 * so keyboard and screen-reader users can read and drill down without the canvas.
 */
export function FigureTable({
  caption,
  head,
  rows,
  share,
  detailsRef,
  foot,
}: {
  caption: string;
  head: string[];
  rows: Row[];
  /** Adds a share column computed on the first value column. */
  share?: boolean;
  detailsRef?: Ref<HTMLDetailsElement>;
  foot?: Row;
}) {
  const { t } = useI18n();
  const total = rows.reduce((s, r) => s + (r.cells[0]?.n ?? 0), 0);
  return (
    <details className="dv-details" ref={detailsRef}>
      <summary>{t('dash.showTable')}</summary>
      <div className="dv-table-wrap">
        <table className="dv-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
              {share && (
                <th scope="col" className="num">
                  {t('dash.col.share')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    <NumLink cell={c} />
                  </td>
                ))}
                {share && <td className="num">{total > 0 ? `${fmtNumber(((r.cells[0]?.n ?? 0) * 100) / total, 1)}%` : '–'}</td>}
              </tr>
            ))}
          </tbody>
          {foot && (
            <tfoot>
              <tr>
                <th scope="row">{foot.label}</th>
                {foot.cells.map((c, i) => (
                  <td key={i} className="num">
                    <NumLink cell={c} />
                  </td>
                ))}
                {share && <td className="num">{total > 0 ? '100%' : '–'}</td>}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </details>
  );
}

/** A titled block of the dashboard (plain markup: antd's Card would add its Tabs to the first screen). */
export function Panel({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className={`dv-panel${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <h2 id={id} className="dv-panel-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One chart with its heading, a hint that it is clickable, and its table. */
export function ChartCard({
  title,
  spec,
  height,
  empty,
  onOpen,
  children,
  className,
}: {
  className?: string;
  title: string;
  spec: ChartSpec;
  height: number;
  empty: boolean;
  onOpen: (href: string) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const placeholder = (text: string) => (
    <div className="dv-chart-placeholder" style={{ height }}>
      {text}
    </div>
  );
  return (
    <Panel title={title} className={className}>
      {empty ? (
        placeholder(t('dash.noData'))
      ) : (
        <>
          <ChartBoundary fallback={placeholder(t('dash.chartFailed'))}>
            <Suspense fallback={placeholder(t('dash.chartLoading'))}>
              <EChart spec={spec} height={height} label={t('dash.chartAria', { title })} onOpen={onOpen} />
            </Suspense>
          </ChartBoundary>
          <p className="dv-hint dv-muted">{t('dash.chartHint')}</p>
        </>
      )}
      {children}
    </Panel>
  );
}
