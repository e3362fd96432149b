import { useEffect, useRef, useState } from 'react';
import { type ApiError, api } from '../../api';
import { Failure, Loading } from '../../components/feedback';
import SchemaForm, { errorsOutsideForm, FormRefusal } from '../../forms/schema-form';
import { useI18n } from '../../i18n/i18n';
import type { DefinitionDetails } from '../../types';
import type { Loaded } from '../../use-api';
import { asApiError } from '../../use-api';
import type { InstanceDetails, ProposedPlan } from './types';

type Input = Record<string, unknown>;

interface InputChangeProps {
  readonly path: string;
  readonly instance: InstanceDetails;
  readonly definition: Loaded<DefinitionDetails>;
  readonly proposal: ProposedPlan | null;
  onPreview(proposal: ProposedPlan | null): void;
  onApplied(instance: InstanceDetails): void;
}

/**
 * A change of the instance's input: the start form prefilled with what it has now, a preview of
 * the plan it would give (`POST /instances/:id/plan`: the dues it moves, the proposed Gantt beside
 * the current one), then applied (`PATCH /instances/:id/input`). The API judges both; its 422
 * messages are shown on their fields.
 */
export function InputChange({ path, instance, definition, proposal, onPreview, onApplied }: InputChangeProps) {
  const { t } = useI18n();
  const [formData, setFormData] = useState<Input>(instance.input);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState<'preview' | 'apply' | null>(null);
  const [applied, setApplied] = useState(false);

  async function preview(input: Input) {
    setSending('preview');
    setError(null);
    setApplied(false);
    try {
      onPreview(await api<ProposedPlan>('POST', `${path}/plan`, { body: { input } }));
    } catch (failure) {
      setError(asApiError(failure));
      onPreview(null);
    } finally {
      setSending(null);
    }
  }

  async function apply() {
    setSending('apply');
    setError(null);
    try {
      const next = await api<InstanceDetails>('PATCH', `${path}/input`, { body: { input: formData } });
      setApplied(true);
      setFormData(next.input);
      onApplied(next);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setSending(null);
    }
  }

  const schema = definition.state === 'ready' ? (definition.data.plan.input ?? null) : null;
  const fieldErrors = error?.status === 422 ? error.errors : [];
  const outside = schema ? errorsOutsideForm(fieldErrors, schema) : fieldErrors;
  return (
    <section aria-labelledby="input-heading" className="card">
      <h2 id="input-heading">{t('input.title')}</h2>
      <p className="hint">{t('input.hint')}</p>
      {definition.state === 'loading' ? <Loading /> : null}
      {definition.state === 'failed' ? <Failure error={definition.error} /> : null}
      {definition.state === 'ready' && definition.data.version !== instance.version ? (
        <p className="notice">
          {t('input.otherVersion', { latest: definition.data.version, version: instance.version })}
        </p>
      ) : null}
      {error ? <FormRefusal error={error} refused={t('input.refused')} outside={outside} /> : null}
      {applied ? (
        <p className="notice notice-ok" role="status">
          {t('input.applied')}
        </p>
      ) : null}
      {schema ? (
        <SchemaForm
          schema={schema}
          formData={formData}
          onChange={(data) => {
            setFormData(data);
            // What was previewed is no longer what would be applied.
            if (proposal) onPreview(null);
          }}
          onSubmit={(data) => void preview(data)}
          errors={fieldErrors}
          idPrefix="input"
          disabled={sending !== null}
        >
          <div className="actions">
            <button type="submit" disabled={sending !== null}>
              {sending === 'preview' ? t('input.previewing') : t('input.preview')}
            </button>
          </div>
        </SchemaForm>
      ) : null}
      {proposal ? (
        <Proposal
          proposal={proposal}
          sending={sending}
          onApply={() => void apply()}
          onDiscard={() => onPreview(null)}
        />
      ) : null}
    </section>
  );
}

function Proposal({
  proposal,
  sending,
  onApply,
  onDiscard,
}: {
  readonly proposal: ProposedPlan;
  readonly sending: 'preview' | 'apply' | null;
  onApply(): void;
  onDiscard(): void;
}) {
  const { t, dateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  // The preview's result takes the focus: it is what the button asked for.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="proposal-heading" className="proposal">
      <h3 id="proposal-heading" ref={heading} tabIndex={-1}>
        {t('input.proposal')}
      </h3>
      <p>
        {t('input.proposalFinish', { finish: dateTime(proposal.expectedFinish) })} {t('input.proposalCompared')}
      </p>
      {proposal.dueChanges.length === 0 ? (
        <p>{t('input.noDueChange')}</p>
      ) : (
        <div className="table-scroll">
          <table className="list due-changes">
            <caption>{t('input.dueChanges')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.column.task')}</th>
                <th scope="col">{t('gantt.column.department')}</th>
                <th scope="col">{t('input.currentDue')}</th>
                <th scope="col">{t('input.proposedDue')}</th>
              </tr>
            </thead>
            <tbody>
              {proposal.dueChanges.map((change) => (
                <tr key={change.taskId}>
                  <th scope="row">{change.title}</th>
                  <td>{change.department}</td>
                  <td>
                    <time dateTime={change.dueAt}>{dateTime(change.dueAt)}</time>
                  </td>
                  <td>
                    <time dateTime={change.proposedDueAt}>{dateTime(change.proposedDueAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" disabled={sending !== null} onClick={onApply}>
          {sending === 'apply' ? t('input.applying') : t('input.apply')}
        </button>
        <button type="button" className="secondary" disabled={sending !== null} onClick={onDiscard}>
          {t('input.discard')}
        </button>
      </div>
    </section>
  );
}

/** Cancelling the instance (and its sub-processes), after a confirmation. */
export function CancelInstance({
  path,
  onCancelled,
}: {
  readonly path: string;
  onCancelled(instance: InstanceDetails): void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (asked.current) ask.current?.focus();
  }, [confirming]);

  async function cancel() {
    setSending(true);
    setError(null);
    try {
      onCancelled(await api<InstanceDetails>('POST', `${path}/cancel`));
    } catch (failure) {
      setError(asApiError(failure));
      setSending(false);
    }
  }

  return (
    <section aria-labelledby="cancel-heading" className="card">
      <h2 id="cancel-heading">{t('cancel.title')}</h2>
      <p>{t('cancel.explain')}</p>
      {error ? <Failure error={error} /> : null}
      {confirming ? (
        <fieldset className="confirm">
          <legend>{t('cancel.question')}</legend>
          <div className="actions">
            <button type="button" className="danger" disabled={sending} onClick={() => void cancel()}>
              {sending ? t('cancel.cancelling') : t('cancel.confirm')}
            </button>
            <button
              type="button"
              className="secondary"
              ref={keep}
              disabled={sending}
              onClick={() => setConfirming(false)}
            >
              {t('cancel.keep')}
            </button>
          </div>
        </fieldset>
      ) : (
        <button
          type="button"
          className="secondary"
          ref={ask}
          onClick={() => {
            asked.current = true;
            setConfirming(true);
          }}
        >
          {t('cancel.ask')}
        </button>
      )}
    </section>
  );
}
