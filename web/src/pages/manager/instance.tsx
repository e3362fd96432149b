import './manager.css';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Failure, Loading, StatusBadge, usePageTitle } from '../../components/feedback';
import { Gantt } from '../../components/gantt';
import { useI18n } from '../../i18n/i18n';
import { useTaskEvents } from '../../live';
import type { DefinitionDetails, TaskEvent } from '../../types';
import { useApi } from '../../use-api';
import { useNumbers } from './format';
import { CancelInstance, InputChange } from './instance-actions';
import { AtRiskSteps, Steps } from './instance-steps';
import type { InstanceDetails, InstancePlan, ProposedPlan } from './types';

/**
 * One instance: where it stands, its live action plan as a Gantt chart (read again whenever one of
 * its tasks changes), the steps at risk, failed steps to retry or skip, a change of its input
 * previewed then applied, and cancelling it.
 */
export function InstancePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const path = `/instances/${encodeURIComponent(id)}`;
  const instance = useApi<InstanceDetails>(path);
  usePageTitle(t('instance.title'));

  if (instance.result.state === 'loading') return <Loading />;
  if (instance.result.state === 'failed') {
    if (instance.result.error.status === 404) {
      return (
        <>
          <h1>{t('instance.title')}</h1>
          <p role="alert">{t('instance.notFound')}</p>
          <Link to="/instances">{t('instance.backToList')}</Link>
        </>
      );
    }
    return (
      <>
        <h1>{t('instance.title')}</h1>
        <Failure error={instance.result.error} onRetry={instance.reload} />
      </>
    );
  }
  return (
    <InstanceView
      key={id}
      path={path}
      instance={instance.result.data}
      reload={instance.reload}
      replace={instance.replace}
    />
  );
}

interface InstanceViewProps {
  readonly path: string;
  readonly instance: InstanceDetails;
  reload(): void;
  replace(instance: InstanceDetails): void;
}

function InstanceView({ path, instance, reload, replace }: InstanceViewProps) {
  const { t, dateTime } = useI18n();
  const numbers = useNumbers();
  const running = instance.status === 'running';
  const definition = useApi<DefinitionDetails>(`/definitions/${encodeURIComponent(instance.key)}`);
  const plan = useApi<InstancePlan>(`${path}/plan`);
  const [proposal, setProposal] = useState<ProposedPlan | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const title =
    plan.result.state === 'ready'
      ? plan.result.data.title
      : definition.result.state === 'ready'
        ? definition.result.data.title
        : instance.key;
  usePageTitle(title);

  const reloadPlan = plan.reload;
  const refresh = useCallback(() => {
    reload();
    reloadPlan();
  }, [reload, reloadPlan]);
  const onTask = useCallback(
    (event: TaskEvent) => {
      if (event.instanceId !== instance.id) return;
      refresh();
      setAnnouncement(t('instance.updated'));
    },
    [instance.id, refresh, t],
  );
  const live = useTaskEvents({ onTask, onResync: refresh });
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(''), 5_000);
    return () => clearTimeout(timer);
  }, [announcement]);

  const changed = (next: InstanceDetails, message: string) => {
    replace(next);
    reloadPlan();
    setProposal(null);
    setAnnouncement(message);
  };

  return (
    <>
      <div className="page-heading">
        <h1>{title}</h1>
        <p className={`live live-${live}`} role="status">
          {running ? (live === 'offline' ? t('instance.offline') : live === 'live' ? t('instance.live') : '') : ''}
        </p>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <dl className="facts">
        <div>
          <dt>{t('instance.status')}</dt>
          <dd>
            <StatusBadge status={instance.status} />
            {instance.budget?.overBudget ? <span className="badge badge-late">{t('dashboard.overBudget')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('instance.progress')}</dt>
          <dd data-testid="progress">{t('instance.progressValue', instance.progress)}</dd>
        </div>
        <div>
          <dt>{t('instance.started')}</dt>
          <dd>
            <time dateTime={instance.startedAt}>{dateTime(instance.startedAt)}</time>
          </dd>
        </div>
        {instance.completedAt ? (
          <div>
            <dt>{t('instance.ended')}</dt>
            <dd>
              <time dateTime={instance.completedAt}>{dateTime(instance.completedAt)}</time>
            </dd>
          </div>
        ) : null}
        {plan.result.state === 'ready' && running ? (
          <div>
            <dt>{t('instance.expectedFinish')}</dt>
            <dd>
              <time dateTime={plan.result.data.expectedFinish}>{dateTime(plan.result.data.expectedFinish)}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('instance.cost')}</dt>
          <dd>
            {t('instance.costValue', {
              forecast: numbers.amount(instance.cost.forecast),
              actual: numbers.amount(instance.cost.actual),
            })}
            {instance.budget
              ? ` · ${t('instance.budgetValue', { amount: numbers.amount(instance.budget.amount), currency: instance.budget.currency ?? '' }).trim()}`
              : ''}
          </dd>
        </div>
        <div>
          <dt>{t('instance.reference')}</dt>
          <dd>
            <code>{instance.id}</code> · {t('instance.version', { version: instance.version })}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t('instance.plan')}</h2>
        {!running ? <p>{t('instance.planEnded')}</p> : null}
        {running && plan.result.state === 'loading' ? <Loading /> : null}
        {running && plan.result.state === 'failed' ? <Failure error={plan.result.error} onRetry={plan.reload} /> : null}
        {running && plan.result.state === 'ready' ? (
          <>
            <Gantt
              label={proposal ? t('instance.planCompared') : t('instance.planNow')}
              plan={plan.result.data}
              proposed={proposal}
            />
            <AtRiskSteps plan={plan.result.data} />
          </>
        ) : null}
      </section>

      <Steps
        path={path}
        instance={instance}
        plan={plan.result.state === 'ready' ? plan.result.data : null}
        onChanged={(next) => changed(next, t('instance.stepResolved'))}
      />

      {running ? (
        <InputChange
          path={path}
          instance={instance}
          definition={definition.result}
          proposal={proposal}
          onPreview={setProposal}
          onApplied={(next) => changed(next, t('input.applied'))}
        />
      ) : null}

      {running ? <CancelInstance path={path} onCancelled={(next) => changed(next, t('instance.cancelled'))} /> : null}
    </>
  );
}
