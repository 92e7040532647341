import { cellTextVi, type Cell, type ReportTable } from '@dangvu/common';
import { Button } from 'antd';
import { useI18n } from '../../app/i18n';

/**
 * The tables of a report as the forms print them. Every figure with records behind it is a
 * button that opens them; percentages show numerator and denominator.
 */
export function ReportTables({ tables, onOpen }: { tables: ReportTable[]; onOpen?: (figure: string, label: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      {tables.map((tb) => (
        <section key={tb.id} className="dv-report-section">
          <h3>{tb.title}</h3>
          <div className="dv-report-scroll">
            <table className="dv-report-table" data-table={tb.id}>
              <thead>
                <tr>
                  <th>{t('reports.figure')}</th>
                  {tb.columns.map((c) => (
                    <th key={c.key}>{c.label}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {tb.rows.map((r) => (
                  <tr key={r.key} data-row={r.key}>
                    <th scope="row" style={{ paddingLeft: 8 + 16 * (r.level ?? 0), fontWeight: r.level ? 'normal' : 600 }}>
                      {r.label}
                    </th>
                    {tb.columns.map((c) => (
                      <td key={c.key} data-col={c.key}>
                        <CellView cell={r.cells[c.key]} label={r.label} onOpen={onOpen} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {tb.note && <p className="dv-report-note">{tb.note}</p>}
        </section>
      ))}
    </>
  );
}

function CellView({ cell, label, onOpen }: { cell: Cell | undefined; label: string; onOpen?: (figure: string, label: string) => void }) {
  const text = cellTextVi(cell);
  const n = cell?.ratio ? cell.ratio.num : cell?.value;
  if (!cell?.figure || !onOpen || !n) return <>{text}</>;
  return (
    <Button type="link" size="small" className="dv-figure" data-figure={cell.figure} style={{ padding: 0, height: 'auto' }} onClick={() => onOpen(cell.figure!, label)}>
      {text}
    </Button>
  );
}
