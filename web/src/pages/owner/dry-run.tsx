import { Component, type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { parse } from 'yaml';
import type { ApiError } from '../../api';
import { Failure } from '../../components/feedback';
import SchemaForm, { errorsOutsideForm } from '../../forms/schema-form';
import { useI18n } from '../../i18n/i18n';
import type { FieldError, JsonSchema } from '../../types';
import { asApiError } from '../../use-api';
import { definitionErrorsOf, planSource } from './definition-api';
import { exampleOf } from './input-example';
import { PlanView } from './plan-view';
import type { ActionPlan } from './types';

type Outcome =
  | { readonly state: 'idle' }
  | { readonly state: 'planning' }
  | { readonly state: 'planned'; readonly plan: ActionPlan }
  | { readonly state: 'refused'; readonly input: readonly FieldError[]; readonly start: readonly FieldError[] }
  | { readonly state: 'definition-invalid' }
  | { readonly state: 'failed'; readonly error: ApiError };

type Mode = 'form' | 'json';

/**
 * The draft's start form (`input:`), read from its YAML as it stands; null while the YAML does
 * not read or has no start form. (The API checks the schema itself when it plans.)
 */
function inputSchemaOf(source: string): JsonSchema | null {
  try {
    const document: unknown = parse(source, { maxAliasCount: 100 });
    if (typeof document !== 'object' || document === null || !('input' in document)) return null;
    const input = (document as { input: unknown }).input;
    return typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as JsonSchema) : null;
  } catch {
    return null;
  }
}

function objectOf(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The dry run: the draft (not deployed) planned for an example start input from a start date
 * (`POST /definitions/plan`), drawn as a Gantt chart with its costs and expected finish. The
 * input is filled in with the draft's start form, or written as JSON.
 */
export function DryRun({ source }: { readonly source: string }) {
  const { t } = useI18n();
  // The start form changes only when its part of the YAML does: the form keeps its state meanwhile.
  const schemaText = useMemo(() => JSON.stringify(inputSchemaOf(source)), [source]);
  const schema = useMemo(() => JSON.parse(schemaText) as JsonSchema | null, [schemaText]);
  const [input, setInput] = useState(() => {
    const today = new Date().toISOString().slice(0, 10);
    return JSON.stringify(exampleOf(schema ?? { type: 'object' }, today), null, 2);
  });
  const [mode, setMode] = useState<Mode>('form');
  const [start, setStart] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  const formData = objectOf(input);
  const formShown = mode === 'form' && schema !== null && formData !== null;

  async function plan(value: unknown) {
    setJsonError(null);
    setOutcome({ state: 'planning' });
    try {
      setOutcome({ state: 'planned', plan: await planSource(source, value, start || null) });
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

  function planFromJson(event: FormEvent) {
    event.preventDefault();
    try {
      void plan(JSON.parse(input));
    } catch (error) {
      setJsonError(t('owner.plan.notJson', { detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  const inputErrors = outcome.state === 'refused' ? outcome.input : [];
  const startErrors = outcome.state === 'refused' ? outcome.start : [];
  const planning = outcome.state === 'planning';
  const startAndSubmit = (
    <>
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
      <button type="submit" disabled={planning}>
        {planning ? t('owner.plan.planning') : t('owner.plan.submit')}
      </button>
    </>
  );

  return (
    <section aria-labelledby="plan-heading" className="card dry-run">
      <h2 id="plan-heading">{t('owner.plan.title')}</h2>
      <p className="hint">{t('owner.plan.hint')}</p>
      {schema !== null ? (
        <fieldset className="plan-mode">
          <legend>{t('owner.plan.mode')}</legend>
          {(['form', 'json'] as const).map((value) => (
            <label key={value} className="check">
              <input
                type="radio"
                name="plan-mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              {value === 'form' ? t('owner.plan.modeForm') : t('owner.plan.modeJson')}
            </label>
          ))}
        </fieldset>
      ) : null}
      {formShown ? (
        <FormBoundary key={schemaText} fallback={<p className="notice">{t('owner.plan.formUnavailable')}</p>}>
          {(() => {
            const outside = errorsOutsideForm(inputErrors, schema);
            return outside.length > 0 ? (
              <ul className="field-error field-errors">
                {outside.map((entry) => (
                  <li key={`${entry.field} ${entry.message}`}>
                    <code>{entry.field || '/'}</code> {entry.message}
                  </li>
                ))}
              </ul>
            ) : null;
          })()}
          <SchemaForm
            schema={schema}
            formData={formData}
            onChange={(data) => setInput(JSON.stringify(data, null, 2))}
            onSubmit={(data) => void plan(data)}
            errors={inputErrors}
            idPrefix="plan-input-form"
            disabled={planning}
          >
            {startAndSubmit}
          </SchemaForm>
        </FormBoundary>
      ) : (
        <JsonInput
          input={input}
          onInput={setInput}
          jsonError={jsonError}
          errors={inputErrors}
          onSubmit={planFromJson}
          notAnObject={mode === 'form' && schema !== null && formData === null}
        >
          {startAndSubmit}
        </JsonInput>
      )}
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

function JsonInput({
  input,
  onInput,
  jsonError,
  errors,
  onSubmit,
  notAnObject,
  children,
}: {
  readonly input: string;
  onInput(input: string): void;
  readonly jsonError: string | null;
  readonly errors: readonly FieldError[];
  onSubmit(event: FormEvent): void;
  /** The form was asked for, but the JSON is not an object it can show. */
  readonly notAnObject: boolean;
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const invalid = jsonError !== null || errors.length > 0;
  return (
    <form onSubmit={onSubmit} noValidate>
      {notAnObject ? <p className="notice">{t('owner.plan.formNeedsObject')}</p> : null}
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
          onChange={(event) => onInput(event.currentTarget.value)}
          aria-describedby={invalid ? 'plan-input-hint plan-input-errors' : 'plan-input-hint'}
          aria-invalid={invalid ? true : undefined}
        />
        {invalid ? (
          <ul id="plan-input-errors" className="field-error field-errors">
            {jsonError ? <li>{jsonError}</li> : null}
            {errors.map((entry) => (
              <li key={`${entry.field} ${entry.message}`}>
                <code>{entry.field || '/'}</code> {entry.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {children}
    </form>
  );
}

/** A start form rjsf cannot render (a schema it does not understand) leaves the JSON to write. */
class FormBoundary extends Component<
  { readonly fallback: ReactNode; readonly children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
