import './gantt.css';
import { useId, useMemo, useState } from 'react';
import { type I18n, useI18n } from '../i18n/i18n';
import { axisTicks } from './gantt-time';

/**
 * The action plan as the API answers it (`POST /definitions/:key/plan`, `GET /instances/:id/plan`,
 * `POST /instances/:id/plan`): only the fields the chart reads, so any page may pass either answer.
 */
export interface GanttUnit {
  readonly id: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly earliestStart: string;
  readonly expectedFinish: string;
  readonly due: string | null;
  readonly critical: boolean;
  /** `actual` once a running instance's unit has ended: its dates are the real ones. */
  readonly basis?: string;
  /** A running instance's plan: pending, open, done, skipped, failed, cancelled. */
  readonly status?: string;
  readonly openedAt?: string | null;
  readonly completedAt?: string | null;
}

export interface GanttStep extends GanttUnit {
  readonly kind: string;
  readonly skipped: boolean;
  /** A `forEach` step's items, one bar each. */
  readonly items: readonly GanttUnit[] | null;
}

export interface GanttPlan {
  readonly start: string;
  readonly expectedFinish: string;
  readonly steps: readonly GanttStep[];
  readonly criticalPath: readonly string[];
  /** A running instance's plan: the instant it counts from (the "now" line). */
  readonly now?: string;
  /** A running instance's plan: the units expected to end after their due or anchor. */
  readonly atRisk?: readonly { readonly id: string; readonly reasons?: readonly string[] }[];
}

export interface GanttProps {
  /** What the chart shows, for its caption and its table's ("Action plan"). */
  readonly label: string;
  readonly plan: GanttPlan;
  /** A proposed re-plan, drawn under each current bar. */
  readonly proposed?: GanttPlan | null;
}

const ENDED = new Set(['done', 'skipped', 'cancelled']);

interface Bar {
  readonly unit: GanttUnit;
  readonly start: number;
  readonly end: number;
  /** Real dates (an ended unit), drawn solid. */
  readonly actual: boolean;
  /** planned, open, done, skipped, failed, cancelled. */
  readonly state: string;
  readonly critical: boolean;
  readonly atRisk: boolean;
}

interface Row {
  readonly id: string;
  readonly label: string;
  readonly item: boolean;
  readonly department: string | null;
  readonly current: Bar | null;
  readonly proposed: Bar | null;
}

function barOf(unit: GanttUnit, plan: GanttPlan, skipped: boolean): Bar {
  const state = skipped ? 'skipped' : (unit.status ?? 'planned');
  const actual = ENDED.has(state) || unit.basis === 'actual';
  const start = Date.parse((actual || state === 'open' ? unit.openedAt : null) ?? unit.earliestStart);
  const end = Date.parse((actual ? unit.completedAt : null) ?? unit.expectedFinish);
  return {
    unit,
    start,
    end: Math.max(start, end),
    actual,
    state: state === 'pending' ? 'planned' : state,
    critical: !ENDED.has(state) && (unit.critical || plan.criticalPath.includes(unit.id)),
    atRisk: plan.atRisk?.some((risk) => risk.id === unit.id) ?? false,
  };
}

/** One row per step, then one per item of a step that has items; steps only in the proposed plan last. */
function rowsOf(plan: GanttPlan, proposed: GanttPlan | null): Row[] {
  const proposedUnits = new Map<string, { unit: GanttUnit; skipped: boolean }>();
  for (const step of proposed?.steps ?? []) {
    proposedUnits.set(step.id, { unit: step, skipped: step.skipped });
    for (const item of step.items ?? []) proposedUnits.set(item.id, { unit: item, skipped: step.skipped });
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const add = (unit: GanttUnit, skipped: boolean, item: boolean, source: GanttPlan | null) => {
    seen.add(unit.id);
    const other = proposedUnits.get(unit.id);
    rows.push({
      id: unit.id,
      label: unit.title ?? unit.id,
      item,
      department: unit.department,
      current: source ? barOf(unit, source, skipped) : null,
      proposed: proposed && other ? barOf(other.unit, proposed, other.skipped) : null,
    });
  };
  const withItems = (steps: readonly GanttStep[], source: GanttPlan | null) => {
    for (const step of steps) {
      if (!seen.has(step.id)) add(step, step.skipped, false, source);
      for (const item of step.items ?? []) if (!seen.has(item.id)) add(item, step.skipped, true, source);
    }
  };
  withItems(plan.steps, plan);
  withItems(proposed?.steps ?? [], null);
  return rows;
}

const WIDTH = 960;
const LABEL_WIDTH = 230;
const AXIS_HEIGHT = 34;
const CHART_WIDTH = WIDTH - LABEL_WIDTH - 16;

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * An action plan as a Gantt chart (SVG): a bar per step and per item, planned dates light, real
 * ones solid, the critical path outlined, steps at risk marked, dues as ticks, a line at "now";
 * with a proposed re-plan, its bar under each current one. A table (hidden but read by screen
 * readers, or shown with the toggle) says the same.
 */
export function Gantt({ label, plan, proposed = null }: GanttProps) {
  const i18n = useI18n();
  const { t, timeZone, locale } = i18n;
  const [tableShown, setTableShown] = useState(false);
  const titleId = useId();
  const tableId = useId();
  const rows = useMemo(() => rowsOf(plan, proposed), [plan, proposed]);

  const instants = [plan, proposed].flatMap((source) =>
    source
      ? [Date.parse(source.start), Date.parse(source.expectedFinish), ...(source.now ? [Date.parse(source.now)] : [])]
      : [],
  );
  for (const row of rows) {
    for (const bar of [row.current, row.proposed]) {
      if (!bar) continue;
      instants.push(bar.start, bar.end);
      if (bar.unit.due) instants.push(Date.parse(bar.unit.due));
    }
  }
  const valid = instants.filter((instant) => Number.isFinite(instant));
  const first = Math.min(...valid);
  const last = Math.max(...valid, first + 3_600_000);
  const margin = (last - first) * 0.02;
  const from = first - margin;
  const to = last + margin;
  const x = (ms: number) => LABEL_WIDTH + ((ms - from) / (to - from)) * CHART_WIDTH;
  const rowHeight = proposed ? 40 : 26;
  const height = AXIS_HEIGHT + rows.length * rowHeight + 8;
  const axis = axisTicks(from, to, ((to - from) / CHART_WIDTH) * 72, timeZone);
  const tickFormat = new Intl.DateTimeFormat(locale, axis.format);
  const now = plan.now ? Date.parse(plan.now) : null;

  const barHeight = proposed ? 13 : 14;
  const drawBar = (bar: Bar, top: number, kind: 'current' | 'proposed') => {
    const left = x(bar.start);
    const width = x(bar.end) - left;
    const classes = [
      'gantt-bar',
      `gantt-${bar.state}`,
      bar.actual ? 'gantt-actual' : '',
      bar.critical ? 'gantt-critical' : '',
      bar.atRisk ? 'gantt-at-risk' : '',
      kind === 'proposed' ? 'gantt-proposed' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const middle = top + barHeight / 2;
    const due = bar.unit.due ? x(Date.parse(bar.unit.due)) : null;
    return (
      <g className={classes}>
        <title>{barTitle(bar, kind, i18n, proposed !== null)}</title>
        {width < 3 ? (
          <path
            d={`M${left} ${top} l${barHeight / 2} ${barHeight / 2} l${-barHeight / 2} ${barHeight / 2} l${-barHeight / 2} ${-barHeight / 2} z`}
          />
        ) : (
          <rect x={left} y={top} width={width} height={barHeight} rx={2} />
        )}
        {due !== null ? (
          <path className="gantt-due" d={`M${due} ${top - 2} v${barHeight + 4} M${due - 4} ${top - 3} h8 l-4 5 z`} />
        ) : null}
        {bar.atRisk ? (
          <text className="gantt-risk-mark" x={Math.max(x(bar.end), due ?? 0) + 6} y={middle + 5}>
            !
          </text>
        ) : null}
      </g>
    );
  };

  return (
    <figure className="gantt" aria-labelledby={titleId}>
      <figcaption id={titleId} className="gantt-caption">
        {label}
      </figcaption>
      <Legend proposed={proposed !== null} running={plan.now !== undefined} />
      <div className="gantt-scroll">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          role="img"
          aria-label={t('gantt.summary', {
            count: rows.length,
            start: i18n.date(plan.start),
            finish: i18n.date(plan.expectedFinish),
          })}
        >
          <g className="gantt-axis">
            {axis.ticks.map((tick) => (
              <g key={tick.at} className={tick.major ? 'gantt-tick gantt-tick-major' : 'gantt-tick'}>
                <line x1={x(tick.at)} x2={x(tick.at)} y1={AXIS_HEIGHT - 6} y2={height} />
                <text x={x(tick.at) + 3} y={AXIS_HEIGHT - 12}>
                  {tickFormat.format(new Date(tick.at))}
                </text>
              </g>
            ))}
          </g>
          {rows.map((row, index) => {
            const top = AXIS_HEIGHT + index * rowHeight;
            return (
              <g key={row.id} className={index % 2 === 0 ? 'gantt-row gantt-row-even' : 'gantt-row'}>
                <rect className="gantt-row-band" x={0} y={top} width={WIDTH} height={rowHeight} />
                <text
                  className={row.item ? 'gantt-label gantt-label-item' : 'gantt-label'}
                  x={row.item ? 18 : 6}
                  y={top + rowHeight / 2 + 5}
                >
                  <title>{row.label}</title>
                  {shorten(row.label, row.item ? 30 : 32)}
                </text>
                {row.current ? drawBar(row.current, top + 5, 'current') : null}
                {row.proposed ? drawBar(row.proposed, top + (row.current ? 6 + barHeight + 2 : 5), 'proposed') : null}
              </g>
            );
          })}
          {now !== null ? (
            <g className="gantt-now">
              <line x1={x(now)} x2={x(now)} y1={AXIS_HEIGHT - 4} y2={height} />
              <text x={x(now) + 3} y={AXIS_HEIGHT - 1}>
                {t('gantt.now')}
              </text>
            </g>
          ) : null}
        </svg>
      </div>
      <button
        type="button"
        className="secondary gantt-toggle"
        aria-expanded={tableShown}
        aria-controls={tableId}
        onClick={() => setTableShown((shown) => !shown)}
      >
        {tableShown ? t('gantt.hideTable') : t('gantt.showTable')}
      </button>
      <div id={tableId} className={tableShown ? 'gantt-table' : 'visually-hidden'}>
        <GanttTable label={label} rows={rows} proposed={proposed !== null} />
      </div>
    </figure>
  );
}

function barTitle(bar: Bar, kind: 'current' | 'proposed', i18n: I18n, comparing: boolean): string {
  const { t } = i18n;
  const parts = [
    comparing ? `${t(kind === 'proposed' ? 'gantt.legend.proposed' : 'gantt.legend.current')}:` : '',
    bar.unit.title ?? bar.unit.id,
    `${i18n.dateTime(new Date(bar.start).toISOString())} → ${i18n.dateTime(new Date(bar.end).toISOString())}`,
    bar.unit.due ? `${t('gantt.column.due')} ${i18n.dateTime(bar.unit.due)}` : '',
    bar.critical ? t('gantt.legend.critical') : '',
    bar.atRisk ? t('gantt.legend.atRisk') : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function Swatch({ className }: { readonly className: string }) {
  return (
    <svg className="gantt-swatch" viewBox="0 0 24 14" width="24" height="14" aria-hidden="true">
      <g className={className}>
        {className.includes('gantt-due') ? (
          <path d="M12 0 v14 M8 0 h8 l-4 5 z" />
        ) : className.includes('gantt-now') ? (
          <line x1={12} x2={12} y1={0} y2={14} />
        ) : (
          <rect x={1} y={2} width={22} height={10} rx={2} />
        )}
      </g>
    </svg>
  );
}

function Legend({ proposed, running }: { readonly proposed: boolean; readonly running: boolean }) {
  const { t } = useI18n();
  type Entry = readonly [className: string, key: Parameters<I18n['t']>[0], shown: boolean];
  const all: readonly Entry[] = [
    ['gantt-bar gantt-planned', 'gantt.legend.planned', true],
    ['gantt-bar gantt-open', 'gantt.legend.open', running],
    ['gantt-bar gantt-done gantt-actual', 'gantt.legend.actual', running],
    ['gantt-bar gantt-planned gantt-critical', 'gantt.legend.critical', true],
    ['gantt-bar gantt-planned gantt-at-risk', 'gantt.legend.atRisk', running],
    ['gantt-bar gantt-planned gantt-proposed', 'gantt.legend.proposed', proposed],
    ['gantt-bar gantt-due', 'gantt.legend.due', true],
    ['gantt-now', 'gantt.legend.now', running],
  ];
  const entries = all.filter(([, , shown]) => shown);
  return (
    <ul className="gantt-legend" aria-label={t('gantt.legend')}>
      {entries.map(([className, key]) => (
        <li key={key}>
          <Swatch className={className} />
          {t(key)}
        </li>
      ))}
    </ul>
  );
}

function GanttTable({
  label,
  rows,
  proposed,
}: {
  readonly label: string;
  readonly rows: readonly Row[];
  readonly proposed: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const when = (ms: number | undefined) =>
    ms === undefined ? t('app.none') : i18n.dateTime(new Date(ms).toISOString());
  const due = (bar: Bar | null) => (bar?.unit.due ? i18n.dateTime(bar.unit.due) : t('app.none'));
  const state = (bar: Bar | null) => {
    if (!bar) return t('app.none');
    const words = [bar.state === 'planned' ? t('gantt.planned') : i18n.status(bar.state)];
    if (bar.critical) words.push(t('gantt.legend.critical'));
    if (bar.atRisk) words.push(t('gantt.legend.atRisk'));
    return words.join(', ');
  };
  return (
    <table className="list gantt-facts">
      <caption>{t('gantt.tableCaption', { label })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('gantt.column.step')}</th>
          <th scope="col">{t('gantt.column.department')}</th>
          <th scope="col">{t('gantt.column.status')}</th>
          <th scope="col">{t('gantt.column.start')}</th>
          <th scope="col">{t('gantt.column.finish')}</th>
          <th scope="col">{t('gantt.column.due')}</th>
          {proposed ? (
            <>
              <th scope="col">{t('gantt.column.proposedStart')}</th>
              <th scope="col">{t('gantt.column.proposedFinish')}</th>
              <th scope="col">{t('gantt.column.proposedDue')}</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <th scope="row" className={row.item ? 'gantt-item' : undefined}>
              {row.label}
            </th>
            <td>{row.department ?? t('app.none')}</td>
            <td>{state(row.current ?? row.proposed)}</td>
            <td>{when(row.current?.start)}</td>
            <td>
              {when(row.current?.end)}
              {row.current?.actual ? ` (${t('gantt.actual')})` : ''}
            </td>
            <td>{due(row.current)}</td>
            {proposed ? (
              <>
                <td>{when(row.proposed?.start)}</td>
                <td>{when(row.proposed?.end)}</td>
                <td>{due(row.proposed)}</td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
