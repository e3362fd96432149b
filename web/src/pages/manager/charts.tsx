import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface ChartSeries {
  readonly label: string;
  /** `chart-series-0`... or a class of its own (chart-late). */
  readonly className: string;
}

export interface ChartRow {
  readonly label: string;
  /** One per series; null when there is nothing to show (no task completed, no budget). */
  readonly values: readonly (number | null)[];
}

export interface BarChartProps {
  readonly title: string;
  /** What the chart says in one sentence, for screen readers (the table gives the figures). */
  readonly summary: string;
  /** What the rows are (Department, Process): the table's first column. */
  readonly rowHeader: string;
  readonly series: readonly ChartSeries[];
  readonly rows: readonly ChartRow[];
  format(value: number): string;
  /** The scale's end (1 for rates); the largest value by default. */
  readonly max?: number;
}

const WIDTH = 520;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 80;
const BAR = 14;

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * A horizontal bar chart (SVG, one bar per series in each row), with a table of the same figures:
 * read by screen readers while hidden, shown by its toggle.
 */
export function BarChart({ title, summary, rowHeader, series, rows, format, max }: BarChartProps) {
  const { t } = useI18n();
  const [tableShown, setTableShown] = useState(false);
  const captionId = useId();
  const tableId = useId();
  const largest = max ?? Math.max(0, ...rows.flatMap((row) => row.values.map((value) => value ?? 0)));
  const scale = (value: number) => (largest > 0 ? (value / largest) * (WIDTH - LABEL_WIDTH - VALUE_WIDTH) : 0);
  const rowHeight = series.length * (BAR + 3) + 10;
  const height = Math.max(rows.length, 1) * rowHeight + 4;
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-caption">
        {title}
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((entry) => (
            <li key={entry.label}>
              <svg viewBox="0 0 14 14" width="14" height="14" className={entry.className} aria-hidden="true">
                <rect width="14" height="14" rx="2" />
              </svg>
              {entry.label}
            </li>
          ))}
        </ul>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('charts.empty')}</p>
      ) : (
        <svg
          className="chart-svg"
          viewBox={`0 0 ${WIDTH} ${height}`}
          width={WIDTH}
          height={height}
          role="img"
          aria-label={summary}
        >
          {rows.map((row, rowIndex) => {
            const top = rowIndex * rowHeight + 4;
            return (
              <g key={row.label}>
                <text className="chart-label" x={0} y={top + rowHeight / 2}>
                  <title>{row.label}</title>
                  {shorten(row.label, 24)}
                </text>
                {series.map((entry, index) => {
                  const value = row.values[index] ?? null;
                  const y = top + index * (BAR + 3);
                  return (
                    <g key={entry.label} className={entry.className}>
                      <rect
                        x={LABEL_WIDTH}
                        y={y}
                        width={value === null ? 0 : Math.max(scale(value), 1)}
                        height={BAR}
                        rx={2}
                      >
                        <title>{`${entry.label}: ${value === null ? t('app.none') : format(value)}`}</title>
                      </rect>
                      <text
                        className="chart-value"
                        x={LABEL_WIDTH + (value === null ? 0 : scale(value)) + 4}
                        y={y + BAR - 3}
                      >
                        {value === null ? t('app.none') : format(value)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
      {rows.length > 0 ? (
        <>
          <button
            type="button"
            className="secondary chart-toggle"
            aria-expanded={tableShown}
            aria-controls={tableId}
            onClick={() => setTableShown((shown) => !shown)}
          >
            {tableShown ? t('charts.hideTable') : t('charts.showTable')}
          </button>
          <div id={tableId} className={tableShown ? 'chart-table' : 'visually-hidden'}>
            <table className="list">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{rowHeader}</th>
                  {series.map((entry) => (
                    <th key={entry.label} scope="col">
                      {entry.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    {row.values.map((value, index) => (
                      <td key={series[index]?.label ?? index}>{value === null ? t('app.none') : format(value)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </figure>
  );
}
