import './manager.css';
import { Link } from 'react-router';
import { Failure, Loading, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../use-api';
import { BarChart } from './charts';
import { useNumbers } from './format';
import type { AtRiskReport, CostReport, DepartmentReport } from './types';

/** A manager's first page: each department's open and overdue tasks, the instances at risk, costs against budgets. */
export function DashboardPage() {
  const { t } = useI18n();
  usePageTitle(t('dashboard.title'));
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <div className="dashboard">
        <AtRisk />
        <div className="dashboard-charts">
          <Workload />
          <Costs />
        </div>
      </div>
    </>
  );
}

function Workload() {
  const { t } = useI18n();
  const { result, reload } = useApi<DepartmentReport>('/reports/departments');
  const numbers = useNumbers();
  return (
    <section aria-labelledby="workload-heading" className="card">
      <h2 id="workload-heading">{t('dashboard.workload')}</h2>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' ? <p className="hint">{t('dashboard.workloadHint')}</p> : null}
      {result.state === 'ready' ? (
        <BarChart
          title={t('dashboard.workloadChart')}
          summary={t('dashboard.workloadSummary', {
            open: result.data.items.reduce((sum, item) => sum + item.open, 0),
            overdue: result.data.items.reduce((sum, item) => sum + item.overdue, 0),
            departments: result.data.items.length,
          })}
          rowHeader={t('gantt.column.department')}
          series={[
            { label: t('dashboard.open'), className: 'chart-series-0' },
            { label: t('dashboard.overdue'), className: 'chart-late' },
          ]}
          rows={result.data.items
            .filter((item) => item.open > 0 || item.overdue > 0)
            .map((item) => ({ label: item.name, values: [item.open, item.overdue] }))}
          format={numbers.amount}
        />
      ) : null}
    </section>
  );
}

function AtRisk() {
  const { t, dateTime } = useI18n();
  const { result, reload } = useApi<AtRiskReport>('/reports/at-risk?limit=20');
  const numbers = useNumbers();
  return (
    <section aria-labelledby="at-risk-heading" className="card">
      <h2 id="at-risk-heading">{t('dashboard.atRisk')}</h2>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' && result.data.items.length === 0 ? <p>{t('dashboard.atRiskNone')}</p> : null}
      {result.state === 'ready' && result.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.column.instance')}</th>
                <th scope="col">{t('dashboard.column.overdueTasks')}</th>
                <th scope="col">{t('dashboard.column.oldestOverdue')}</th>
                <th scope="col">{t('dashboard.column.nextDue')}</th>
                <th scope="col">{t('dashboard.column.departments')}</th>
                <th scope="col">{t('dashboard.column.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((item) => (
                <tr key={item.instanceId} className={item.overdueTasks > 0 ? 'late' : undefined}>
                  <td>
                    <Link to={`/instances/${encodeURIComponent(item.instanceId)}`}>
                      {item.subject && item.subject !== item.title ? `${item.title}: ${item.subject}` : item.title}
                    </Link>
                    <span className="muted small">
                      {' '}
                      · {t('dashboard.startedOn', { date: dateTime(item.startedAt) })}
                    </span>
                  </td>
                  <td>{item.overdueTasks}</td>
                  <td>{item.oldestOverdueDueAt ? dateTime(item.oldestOverdueDueAt) : t('app.none')}</td>
                  <td>{item.nextDueAt ? dateTime(item.nextDueAt) : t('app.none')}</td>
                  <td>{item.departments.length > 0 ? item.departments.join(', ') : t('app.none')}</td>
                  <td>
                    {item.budget === null
                      ? numbers.amount(item.estimatedCost)
                      : t('dashboard.costOfBudget', {
                          cost: numbers.amount(item.estimatedCost),
                          budget: numbers.amount(item.budget),
                        })}
                    {item.overBudget ? <span className="badge badge-late">{t('dashboard.overBudget')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Costs() {
  const { t } = useI18n();
  const { result, reload } = useApi<CostReport>('/reports/costs');
  const numbers = useNumbers();
  return (
    <section aria-labelledby="costs-heading" className="card">
      <h2 id="costs-heading">{t('dashboard.costs')}</h2>
      {result.state === 'loading' ? <Loading /> : null}
      {result.state === 'failed' ? <Failure error={result.error} onRetry={reload} /> : null}
      {result.state === 'ready' ? (
        <BarChart
          title={t('dashboard.costsChart')}
          summary={t('dashboard.costsSummary', {
            processes: result.data.items.length,
            over: result.data.items.filter((item) => item.budget !== null && item.estimated > item.budget).length,
          })}
          rowHeader={t('instances.column.process')}
          series={[
            { label: t('costs.estimated'), className: 'chart-series-0' },
            { label: t('costs.actual'), className: 'chart-series-1' },
            { label: t('costs.budget'), className: 'chart-budget' },
          ]}
          rows={result.data.items.map((item) => ({
            label: t('costs.processVersion', { key: item.key, version: item.version }),
            values: [item.estimated, item.actual, item.budget],
          }))}
          format={numbers.amount}
        />
      ) : null}
    </section>
  );
}
