import { Gantt } from '../../components/gantt';
import { useI18n } from '../../i18n/i18n';
import type { ActionPlan } from './types';

/** An action plan: when it is expected to finish, what it costs, each step's dates (chart and table). */
export function PlanView({ plan }: { readonly plan: ActionPlan }) {
  const { t, dateTime, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const departments = Object.entries(plan.costs.byDepartment).sort(([, a], [, b]) => b - a);
  const titleOf = new Map(plan.steps.map((step) => [step.id, step.title ?? step.id]));
  return (
    <div className="plan" data-testid="plan">
      <h3 id="plan-result-heading">{t('owner.plan.result', { title: plan.title })}</h3>
      <dl className="facts">
        <div>
          <dt>{t('owner.plan.starts')}</dt>
          <dd>
            <time dateTime={plan.start}>{dateTime(plan.start)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('owner.plan.expectedFinish')}</dt>
          <dd data-testid="expected-finish">
            <time dateTime={plan.expectedFinish}>{dateTime(plan.expectedFinish)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('owner.plan.workingDays')}</dt>
          <dd>{number.format(plan.workingDays)}</dd>
        </div>
        <div>
          <dt>{t('owner.plan.calendar')}</dt>
          <dd>{plan.calendar}</dd>
        </div>
        <div>
          <dt>{t('owner.plan.totalCost')}</dt>
          <dd data-testid="total-cost">{number.format(plan.costs.total)}</dd>
        </div>
        {plan.costs.budget !== null ? (
          <div>
            <dt>{t('owner.plan.budget')}</dt>
            <dd>
              {number.format(plan.costs.budget)}
              {plan.costs.overBudget ? (
                <span className="badge badge-late">{t('owner.plan.overBudget')}</span>
              ) : plan.costs.remaining !== null ? (
                <span className="muted">
                  {' '}
                  ({t('owner.plan.remaining', { amount: number.format(plan.costs.remaining) })})
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {plan.criticalPath.length > 0 ? (
        <p>
          <strong>{t('owner.plan.criticalPath')}</strong>{' '}
          {plan.criticalPath.map((id) => titleOf.get(id) ?? id).join(' → ')}
        </p>
      ) : null}

      <Gantt label={t('owner.plan.chart', { title: plan.title })} plan={plan} />

      <table className="list plan-steps">
        <caption className="visually-hidden">{t('owner.plan.stepsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('owner.plan.column.step')}</th>
            <th scope="col">{t('owner.plan.column.department')}</th>
            <th scope="col">{t('owner.plan.column.start')}</th>
            <th scope="col">{t('owner.plan.column.finish')}</th>
            <th scope="col">{t('owner.plan.column.due')}</th>
            <th scope="col">{t('owner.plan.column.cost')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.steps.map((step) => (
            <tr key={step.id} className={step.slackDays !== null && step.slackDays < 0 ? 'late' : undefined}>
              <th scope="row">
                {step.title ?? step.id}
                {step.critical ? <span className="badge">{t('owner.plan.critical')}</span> : null}
                {step.skipped ? <span className="badge">{t('status.skipped')}</span> : null}
                {step.notes.length > 0 ? <span className="hint plan-notes">{step.notes.join('; ')}</span> : null}
              </th>
              <td>{step.department ?? t('app.none')}</td>
              <td>{dateTime(step.earliestStart)}</td>
              <td>{dateTime(step.expectedFinish)}</td>
              <td>{step.due ? dateTime(step.due) : t('app.none')}</td>
              <td>{number.format(step.estimatedCost)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {departments.length > 0 ? (
        <>
          <h4>{t('owner.plan.costsByDepartment')}</h4>
          <table className="list plan-costs">
            <thead>
              <tr>
                <th scope="col">{t('owner.plan.column.department')}</th>
                <th scope="col">{t('owner.plan.column.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map(([department, cost]) => (
                <tr key={department}>
                  <td>{department}</td>
                  <td>{number.format(cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
