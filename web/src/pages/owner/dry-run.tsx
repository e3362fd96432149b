import { type FormEvent, useState } from 'react';
import type { ApiError } from '../../api';
import { Failure } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { FieldError } from '../../types';
import { asApiError } from '../../use-api';
import { definitionErrorsOf, planSource } from './definition-api';
import { PlanView } from './plan-view';
import type { ActionPlan } from './types';

type Outcome =
  | { readonly state: 'idle' }
  | { readonly state: 'planning' }
  | { readonly state: 'planned'; readonly plan: ActionPlan }
  | { readonly state: 'refused'; readonly input: readonly FieldError[]; readonly start: readonly FieldError[] }
  | { readonly state: 'definition-invalid' }
  | { readonly state: 'failed'; readonly error: ApiError };

/**
 * The dry run: the draft (not deployed) planned for an example start input from a start date
 * (`POST /definitions/plan`), drawn as a Gantt chart with its costs and expected finish.
 */
export function DryRun({ source, initialInput }: { readonly source: string; readonly initialInput: string }) {
  const { t } = useI18n();
  const [input, setInput] = useState(initialInput);
  const [start, setStart] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  async function plan(event: FormEvent) {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      setJsonError(t('owner.plan.notJson', { detail: error instanceof Error ? error.message : String(error) }));
      return;
    }
    setJsonError(null);
    setOutcome({ state: 'planning' });
    try {
      setOutcome({ state: 'planned', plan: await planSource(source, parsed, start || null) });
    } catch (failure) {
      const error = asApiError(failure);
      if (definitionErrorsOf(error)) setOutcome({ state: 'definition-invalid' });
      else if (error.status === 422 && error.errors.length > 0) {
        const isStart = (entry: FieldError) => entry.field === '/start';
        setOutcome({
          state: 'refused',
          input: error.errors.filter((entry) => !isStart(entry)),
          start: error.errors.filter(isStart),
        });
      } else setOutcome({ state: 'failed', error });
    }
  }

  const inputErrors = outcome.state === 'refused' ? outcome.input : [];
  const startErrors = outcome.state === 'refused' ? outcome.start : [];
  const inputInvalid = jsonError !== null || inputErrors.length > 0;
  return (
    <section aria-labelledby="plan-heading" className="card dry-run">
      <h2 id="plan-heading">{t('owner.plan.title')}</h2>
      <p className="hint">{t('owner.plan.hint')}</p>
      <form onSubmit={(event) => void plan(event)} noValidate>
        <div className="form-group">
          <label htmlFor="plan-input">{t('owner.plan.input')}</label>
          <p id="plan-input-hint" className="hint">
            {t('owner.plan.inputHint')}
          </p>
          <textarea
            id="plan-input"
            className="code-input"
            rows={10}
            spellCheck={false}
            value={input}
            onChange={(event) => setInput(event.currentTarget.value)}
            aria-describedby={inputInvalid ? 'plan-input-hint plan-input-errors' : 'plan-input-hint'}
            aria-invalid={inputInvalid ? true : undefined}
          />
          {inputInvalid ? (
            <ul id="plan-input-errors" className="field-error field-errors">
              {jsonError ? <li>{jsonError}</li> : null}
              {inputErrors.map((entry) => (
                <li key={`${entry.field} ${entry.message}`}>
                  <code>{entry.field || '/'}</code> {entry.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="form-group">
          <label htmlFor="plan-start">{t('owner.plan.start')}</label>
          <p id="plan-start-hint" className="hint">
            {t('owner.plan.startHint')}
          </p>
          <input
            id="plan-start"
            type="date"
            value={start}
            onChange={(event) => setStart(event.currentTarget.value)}
            aria-describedby={startErrors.length > 0 ? 'plan-start-hint plan-start-errors' : 'plan-start-hint'}
            aria-invalid={startErrors.length > 0 ? true : undefined}
          />
          {startErrors.length > 0 ? (
            <ul id="plan-start-errors" className="field-error field-errors">
              {startErrors.map((entry) => (
                <li key={entry.message}>{entry.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="submit" disabled={outcome.state === 'planning'}>
          {outcome.state === 'planning' ? t('owner.plan.planning') : t('owner.plan.submit')}
        </button>
      </form>
      <div className="notice-slot" role="status">
        {outcome.state === 'refused' ? <p className="notice notice-error">{t('owner.plan.refused')}</p> : null}
        {outcome.state === 'definition-invalid' ? (
          <p className="notice notice-error">{t('owner.plan.definitionInvalid')}</p>
        ) : null}
      </div>
      {outcome.state === 'failed' ? <Failure error={outcome.error} /> : null}
      {outcome.state === 'planned' ? <PlanView plan={outcome.plan} /> : null}
    </section>
  );
}
