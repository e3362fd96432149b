import { useState } from 'react';
import { Link } from 'react-router';
import { type ApiError, api } from '../../api';
import { Failure, StatusBadge } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { asApiError } from '../../use-api';
import { useNumbers } from './format';
import type { InstanceDetails, InstancePlan, InstanceStep } from './types';

/** The units of the plan expected to end after their due, or after the date their due is anchored before. */
export function AtRiskSteps({ plan }: { readonly plan: InstancePlan }) {
  const { t, dateTime } = useI18n();
  const titles = new Map<string, string>();
  for (const step of plan.steps) {
    titles.set(step.id, step.title ?? step.id);
    for (const item of step.items ?? []) titles.set(item.id, item.title ?? item.id);
  }
  return (
    <section aria-labelledby="plan-at-risk-heading" className="card">
      <h3 id="plan-at-risk-heading">{t('instance.atRisk')}</h3>
      {plan.atRisk.length === 0 ? (
        <p>{t('instance.atRiskNone')}</p>
      ) : (
        <ul className="at-risk-list">
          {plan.atRisk.map((unit) => (
            <li key={unit.id}>
              <strong>{titles.get(unit.id) ?? unit.id}</strong>
              {unit.department ? ` (${unit.department})` : ''}:{' '}
              {unit.due
                ? t('instance.atRiskDue', { finish: dateTime(unit.expectedFinish), due: dateTime(unit.due) })
                : t('instance.atRiskFinish', { finish: dateTime(unit.expectedFinish) })}
              {unit.reasons.filter((reason) => reason !== 'due').length > 0
                ? ` ${t('instance.atRiskAnchor', { anchors: unit.reasons.filter((reason) => reason !== 'due').join(', ') })}`
                : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every step (and item) with its status and due; a failed one with its error, to retry or skip. */
export function Steps({
  path,
  instance,
  plan,
  onChanged,
}: {
  readonly path: string;
  readonly instance: InstanceDetails;
  /** Names the steps not opened yet (the instance titles a step once its title is rendered). */
  readonly plan: InstancePlan | null;
  onChanged(instance: InstanceDetails): void;
}) {
  const titles = new Map(plan?.steps.map((step) => [step.id, step.title ?? step.id]) ?? []);
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function resolve(step: InstanceStep, action: 'retry' | 'skip') {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<InstanceDetails>('POST', `${path}/steps/${encodeURIComponent(step.stepId)}/${action}`));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  const rows = instance.steps.flatMap((step) => [
    { step, item: false },
    ...(step.items ?? []).map((item) => ({ step: item, item: true })),
  ]);
  return (
    <section aria-labelledby="steps-heading">
      <h2 id="steps-heading">{t('instance.steps')}</h2>
      {error ? <Failure error={error} /> : null}
      <div className="table-scroll">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('gantt.column.step')}</th>
              <th scope="col">{t('gantt.column.department')}</th>
              <th scope="col">{t('gantt.column.status')}</th>
              <th scope="col">{t('gantt.column.due')}</th>
              <th scope="col">{t('instance.column.cost')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ step, item }, index) => (
              <StepRow
                // Items of a forEach share their step's id: the position tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is the instance's steps in their fixed order
                key={`${step.stepId}-${index}`}
                step={step}
                name={step.title ?? titles.get(step.stepId) ?? step.stepId}
                item={item}
                busy={busy}
                onResolve={(action) => void resolve(step, action)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function StepRow({
  step,
  name,
  item,
  busy,
  onResolve,
}: {
  readonly step: InstanceStep;
  readonly name: string;
  readonly item: boolean;
  readonly busy: boolean;
  onResolve(action: 'retry' | 'skip'): void;
}) {
  const { t, dateTime } = useI18n();
  const numbers = useNumbers();
  const cost = step.actualCost ?? step.estimatedCost;
  return (
    <tr className={step.overdue && step.status === 'open' ? 'late' : undefined} data-step={step.stepId}>
      <th scope="row" className={item ? 'step-item' : undefined}>
        {step.taskId ? <Link to={`/tasks/${encodeURIComponent(step.taskId)}`}>{name}</Link> : name}
        {step.round ? <span className="muted small"> · {t('instance.round', { round: step.round })}</span> : null}
        {step.status === 'failed' ? (
          <div className="step-failure">
            {step.error ? <p className="field-error">{step.error}</p> : null}
            {!item ? (
              <div className="actions">
                <button type="button" disabled={busy} onClick={() => onResolve('retry')}>
                  {t('instance.retry')}
                  <span className="visually-hidden"> {name}</span>
                </button>
                <button type="button" className="secondary" disabled={busy} onClick={() => onResolve('skip')}>
                  {t('instance.skip')}
                  <span className="visually-hidden"> {name}</span>
                </button>
              </div>
            ) : null}
          </div>
        ) : null}
      </th>
      <td>{step.department ?? t('app.none')}</td>
      <td>
        <StatusBadge status={step.status} />
        {step.overdue && step.status === 'open' ? <span className="badge badge-late">{t('task.overdue')}</span> : null}
      </td>
      <td>{step.dueAt ? <time dateTime={step.dueAt}>{dateTime(step.dueAt)}</time> : t('app.none')}</td>
      <td>{cost === null ? t('app.none') : numbers.amount(cost)}</td>
    </tr>
  );
}
