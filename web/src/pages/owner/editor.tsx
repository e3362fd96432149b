import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ApiError } from '../../api';
import { Failure, Loading, usePageTitle } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import type { DefinitionDetails } from '../../types';
import { asApiError, useApi } from '../../use-api';
import type { DeployedState } from './definition';
import { definitionErrorsOf, deploySource, type Validation, validateSource } from './definition-api';
import { DryRun } from './dry-run';
import { LeaveGuard } from './leave-guard';
import type { DefinitionError } from './types';
import { YamlEditor, type YamlEditorHandle } from './yaml-editor';

/** How long typing must pause before the draft is checked by the API. */
const VALIDATION_DELAY_MS = 400;

/** A new process starts from a small one that compiles, to change. */
const NEW_PROCESS = `process: new-process
title: A new process
owner: operations
input:
  type: object
  required: [name]
  properties:
    name: { type: string, minLength: 1 }
tasks:
  - id: first-step
    title: "First step for {{ input.name }}"
    department: operations
    due: 3 business days
    cost: 100
`;

/** `/definitions/:key/edit`: the latest version's YAML to change; `/definitions/new`: a new process. */
export function EditorPage() {
  const { key } = useParams();
  if (key === undefined) return <DefinitionEditor definition={null} />;
  return <ExistingDefinitionEditor definitionKey={key} />;
}

function ExistingDefinitionEditor({ definitionKey }: { readonly definitionKey: string }) {
  const { t } = useI18n();
  const { result, reload } = useApi<DefinitionDetails>(`/definitions/${encodeURIComponent(definitionKey)}`);
  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') {
    if (result.error.status === 404) {
      return (
        <>
          <h1>{t('owner.definitions.title')}</h1>
          <p role="alert">{t('owner.definition.notFound', { key: definitionKey })}</p>
        </>
      );
    }
    return <Failure error={result.error} onRetry={reload} />;
  }
  return <DefinitionEditor key={result.data.checksum} definition={result.data} />;
}

/** The last answer about the text (null before the first); kept while a newer text is being checked. */
type Check = Validation | { readonly state: 'failed'; readonly error: ApiError } | { readonly state: 'empty' } | null;

/** The editor, checked as one types; the list of its errors; the dry run; deploying. */
function DefinitionEditor({ definition }: { readonly definition: DefinitionDetails | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const title = definition ? t('owner.editor.titleEdit', { title: definition.title }) : t('owner.editor.titleNew');
  usePageTitle(title);
  const original = definition?.source ?? NEW_PROCESS;
  const [source, setSource] = useState(original);
  const released = useRef(false);
  const [check, setCheck] = useState<Check>(null);
  const [checking, setChecking] = useState(true);
  const [deploying, setDeploying] = useState(false);
  const [deployError, setDeployError] = useState<ApiError | null>(null);
  const [refused, setRefused] = useState(false);
  const editor = useRef<YamlEditorHandle>(null);
  const latestCheck = useRef(0);

  // Each change is checked once typing pauses; an answer about an older text is dropped.
  useEffect(() => {
    const attempt = ++latestCheck.current;
    if (source.trim() === '') {
      setCheck({ state: 'empty' });
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = window.setTimeout(() => {
      validateSource(source)
        .then((validation) => {
          if (attempt !== latestCheck.current) return;
          setCheck(validation);
          setChecking(false);
        })
        .catch((error: unknown) => {
          if (attempt !== latestCheck.current) return;
          setCheck({ state: 'failed', error: asApiError(error) });
          setChecking(false);
        });
    }, VALIDATION_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [source]);

  // The last errors stay shown while a change is checked (the editor moves its markers with the text).
  const errors = check?.state === 'invalid' ? check.errors : NO_ERRORS;

  async function deploy() {
    setDeploying(true);
    setDeployError(null);
    setRefused(false);
    const sent = source;
    try {
      const answer = await deploySource(sent);
      const created = definition === null || answer.key !== definition.key || answer.checksum !== definition.checksum;
      const state: DeployedState = { deployed: { version: answer.version, created } };
      released.current = true;
      navigate(`/definitions/${encodeURIComponent(answer.key)}`, { state });
    } catch (error) {
      const refusedErrors = definitionErrorsOf(error);
      if (refusedErrors && sent === source) {
        ++latestCheck.current;
        setCheck({ state: 'invalid', errors: refusedErrors });
        setChecking(false);
        setRefused(true);
      } else {
        setDeployError(asApiError(error));
      }
      setDeploying(false);
    }
  }

  return (
    <>
      <LeaveGuard when={source !== original} released={released} />
      <p className="breadcrumb">
        <Link to="/definitions">{t('owner.definitions.title')}</Link>
        {definition ? (
          <>
            {' › '}
            <Link to={`/definitions/${encodeURIComponent(definition.key)}`}>{definition.title}</Link>
          </>
        ) : null}
      </p>
      <h1>{title}</h1>
      <section aria-labelledby="editor-label">
        <h2 id="editor-label">{t('owner.editor.label')}</h2>
        <p id="editor-hint" className="hint">
          {t('owner.editor.keyboardHint')}
        </p>
        <YamlEditor
          ref={editor}
          initial={source}
          onChange={setSource}
          errors={errors}
          labelledBy="editor-label"
          describedBy="editor-hint editor-status"
        />
        <CheckStatus check={check} checking={checking} />
        {errors.length > 0 ? (
          <ErrorList errors={errors} onSelect={(error) => editor.current?.focusAt(error.line, error.column)} />
        ) : null}
      </section>

      <section aria-labelledby="deploy-heading" className="card">
        <h2 id="deploy-heading">{t('owner.deploy.title')}</h2>
        <p className="hint">{t('owner.deploy.hint')}</p>
        {refused ? (
          <p className="notice notice-error" role="alert">
            {t('owner.deploy.refused')}
          </p>
        ) : null}
        {deployError ? <Failure error={deployError} /> : null}
        <button type="button" disabled={deploying} onClick={() => void deploy()}>
          {deploying ? t('owner.deploy.deploying') : t('owner.deploy.submit')}
        </button>
      </section>

      <DryRun source={source} />
    </>
  );
}

const NO_ERRORS: readonly DefinitionError[] = [];

/**
 * Whether the draft compiles. Only the answers are announced (a live region), not each check
 * started while typing: "Checking…" is shown beside them.
 */
function CheckStatus({ check, checking }: { readonly check: Check; readonly checking: boolean }) {
  const { t } = useI18n();
  let text = '';
  let className = 'check-status';
  switch (check?.state) {
    case undefined:
      break;
    case 'valid':
      text =
        check.answer.steps === 1
          ? t('owner.editor.validOneStep', { key: check.answer.key })
          : t('owner.editor.valid', { key: check.answer.key, steps: check.answer.steps });
      className += ' check-valid';
      break;
    case 'invalid':
      text =
        check.errors.length === 1
          ? t('owner.editor.oneError')
          : t('owner.editor.errors', { count: check.errors.length });
      className += ' check-invalid';
      break;
    case 'failed':
      text = t('owner.editor.checkFailed', { detail: check.error.detail });
      className += ' check-invalid';
      break;
    case 'empty':
      text = t('owner.editor.empty');
      className += ' check-invalid';
      break;
  }
  return (
    <div className="check-line">
      <p id="editor-status" className={className} role="status" data-testid="check-status">
        {text}
      </p>
      {checking ? <span className="muted">{t('owner.editor.checking')}</span> : null}
    </div>
  );
}

/** The draft's errors, in the order of the file; choosing one moves the editor's cursor to it. */
function ErrorList({
  errors,
  onSelect,
}: {
  readonly errors: readonly DefinitionError[];
  onSelect(error: DefinitionError): void;
}) {
  const { t } = useI18n();
  const sorted = [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
  return (
    <ol className="definition-errors" aria-label={t('owner.editor.errorList')}>
      {sorted.map((error) => (
        <li key={`${error.line}:${error.column}:${error.code}:${error.message}`}>
          <button type="button" className="link-button" onClick={() => onSelect(error)}>
            {t('owner.editor.position', { line: error.line, column: error.column })}
          </button>{' '}
          <span className="error-message">{error.message}</span> <code className="muted">{error.code}</code>
          {error.hint ? <p className="hint">{error.hint}</p> : null}
        </li>
      ))}
    </ol>
  );
}
