import './manager.css';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api';
import { Failure, Loading, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../use-api';
import { BarChart } from './charts';
import { useNumbers } from './format';
import type { CostReport, DepartmentReport } from './types';

const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC (the API reads these dates in UTC). */
function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Each department's on-time rate and median cycle time over a period; costs by process and by department. */
export function ReportsPage() {
  const { t } = useI18n();
  usePageTitle(t('reports.title'));
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <Departments />
      <Costs />
    </>
  );
}

function Departments() {
  const { t, locale } = useI18n();
  const numbers = useNumbers();
  const [params, setParams] = useSearchParams();
  // The period's days as chosen (the API counts them in UTC), not as instants in the user's zone.
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  const from = params.get('from') ?? isoDay(Date.now() - 30 * DAY);
  const to = params.get('to') ?? isoDay(Date.now());
  const [draft, setDraft] = useState({ from, to });
  const { result, reload } = useApi<DepartmentReport>(withQuery('/reports/departments', { from, to }));
  const fromId = useId();
  const toId = useId();

  function show(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.set('from', draft.from);
    next.set('to', draft.to);
    setParams(next, { replace: true });
  }

  const fieldError = (field: string) =>
    result.state === 'failed' && result.error.status === 422
      ? result.error.errors.find((error) => error.field === field)?.message
      : undefined;
  const items = result.state === 'ready' ? result.data.items : [];
  const period = t('reports.period', { from: day(from), to: day(to) });
  const completed = items.filter((item) => item.onTimeRate !== null || item.medianCycleHours !== null);
  return (
    <section aria-labelledby="departments-heading">
      <h2 id="departments-heading">{t('reports.departments')}</h2>
      <form className="filters period" onSubmit={show} aria-label={t('reports.periodLabel')}>
        <span>
          <label htmlFor={fromId}>{t('reports.from')}</label>
          <input
            id={fromId}
            type="date"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            aria-invalid={fieldError('/from') ? true : undefined}
          />
        </span>
        <span>
          <label htmlFor={toId}>{t('reports.to')}</label>
          <input
            id={toId}
            type="date"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            aria-invalid={fieldError('/to') ? true : undefined}
          />
        </span>
        <button type="submit">{t('reports.show')}</button>
      </form>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' ? (
        <>
          <p className="hint">{t('reports.periodHint', { period })}</p>
          {completed.length === 0 ? <p>{t('reports.noneCompleted')}</p> : null}
          <div className="chart-grid">
            <BarChart
              title={t('reports.onTimeChart', { period })}
              summary={t('reports.onTimeSummary', { count: items.filter((item) => item.onTimeRate !== null).length })}
              series={[{ label: t('reports.onTimeRate'), className: 'chart-series-0' }]}
              rowHeader={t('gantt.column.department')}
              rows={completed.map((item) => ({ label: item.name, values: [item.onTimeRate] }))}
              format={numbers.percent}
              max={1}
            />
            <BarChart
              title={t('reports.cycleChart', { period })}
              summary={t('reports.cycleSummary', {
                count: items.filter((item) => item.medianCycleHours !== null).length,
              })}
              series={[{ label: t('reports.medianCycleHours'), className: 'chart-series-1' }]}
              rowHeader={t('gantt.column.department')}
              rows={completed.map((item) => ({ label: item.name, values: [item.medianCycleHours] }))}
              format={(value) => t('reports.hours', { hours: numbers.hours(value) })}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

function Costs() {
  const { t } = useI18n();
  const numbers = useNumbers();
  const { result, reload } = useApi<CostReport>('/reports/costs');
  const items = result.state === 'ready' ? result.data.items : [];
  const byDepartment = new Map<string, { estimated: number; actual: number }>();
  for (const item of items) {
    for (const [department, cost] of Object.entries(item.byDepartment)) {
      const sum = byDepartment.get(department) ?? { estimated: 0, actual: 0 };
      byDepartment.set(department, { estimated: sum.estimated + cost.estimated, actual: sum.actual + cost.actual });
    }
  }
  const departments = [...byDepartment.entries()].sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="report-costs-heading">
      <h2 id="report-costs-heading">{t('reports.costs')}</h2>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' ? (
        <div className="chart-grid">
          <BarChart
            title={t('reports.costsByProcess')}
            summary={t('dashboard.costsSummary', {
              processes: items.length,
              over: items.filter((item) => item.budget !== null && item.estimated > item.budget).length,
            })}
            rowHeader={t('instances.column.process')}
            series={[
              { label: t('costs.estimated'), className: 'chart-series-0' },
              { label: t('costs.actual'), className: 'chart-series-1' },
              { label: t('costs.budget'), className: 'chart-budget' },
            ]}
            rows={items.map((item) => ({
              label: t('costs.processVersion', { key: item.key, version: item.version }),
              values: [item.estimated, item.actual, item.budget],
            }))}
            format={numbers.amount}
          />
          <BarChart
            title={t('reports.costsByDepartment')}
            summary={t('reports.costsByDepartmentSummary', { count: departments.length })}
            rowHeader={t('gantt.column.department')}
            series={[
              { label: t('costs.estimated'), className: 'chart-series-0' },
              { label: t('costs.actual'), className: 'chart-series-1' },
            ]}
            rows={departments.map(([department, cost]) => ({
              label: department,
              values: [cost.estimated, cost.actual],
            }))}
            format={numbers.amount}
          />
        </div>
      ) : null}
    </section>
  );
}
