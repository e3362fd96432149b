import { type FormEvent, useId, useState } from 'react';
import { useParams } from 'react-router';
import { type ApiError, api } from '../api';
import { Comments } from '../components/comments';
import { Failure, Loading, StatusBadge, usePageTitle } from '../components/feedback';
import SchemaForm, { errorsOutsideForm, FormRefusal } from '../forms/schema-form';
import { useI18n } from '../i18n/i18n';
import { useUser } from '../session';
import type { Department, Member, Page, Task, User } from '../types';
import { asApiError, useApi } from '../use-api';

/** What the user may do with a task, as the API decides it (README: claim, unclaim, assign, complete). */
function permissions(task: Task, user: User, departments: readonly Department[] | null) {
  const open = task.status === 'open';
  const ofDepartment = user.department === task.department;
  const isLead = ofDepartment && departments?.find((department) => department.id === task.department)?.lead === user.id;
  const holder = task.assignee?.id ?? null;
  const mine = holder === user.id;
  return {
    claim: open && holder === null && (ofDepartment || user.role === 'admin'),
    unclaim: open && holder !== null && (mine || isLead || user.role === 'manager' || user.role === 'admin'),
    // The lead gives a task to one of the department's people (GET /departments/:id/members), as may managers.
    assign: open && (isLead || user.role === 'manager' || user.role === 'admin'),
    complete:
      open && (ofDepartment || user.role === 'admin') && (holder === null || mine || isLead || user.role === 'admin'),
  };
}

/** The department's people, to give the task to one of them. */
function AssignPicker({
  task,
  busy,
  onAssign,
}: {
  readonly task: Task;
  readonly busy: boolean;
  readonly onAssign: (userId: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const members = useApi<Page<Member>>(`/departments/${encodeURIComponent(task.department)}/members`);
  const people = members.result.state === 'ready' ? members.result.data.items : [];
  const [chosen, setChosen] = useState('');
  const others = people.filter((person) => person.id !== task.assignee?.id);
  if (members.result.state === 'failed') return null;
  return (
    <form
      className="assign"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) onAssign(chosen);
      }}
    >
      <label htmlFor={id}>{t('task.assignTo')}</label>
      <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">{t('task.assignChoose')}</option>
        {others.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary" disabled={busy || chosen === ''}>
        {t('task.assign')}
      </button>
    </form>
  );
}

/** One task: what it asks, its due date, claiming it, completing it with its form, its comments. */
export function TaskPage() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const { id = '' } = useParams();
  const path = `/tasks/${encodeURIComponent(id)}`;
  const { result, reload, replace } = useApi<Task>(path);
  const departments = useApi<Page<Department>>('/departments');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(result.state === 'ready' ? result.data.title : t('inbox.title'));

  if (result.state === 'loading') return <Loading />;
  if (result.state === 'failed') {
    if (result.error.status === 404 || result.error.status === 403) {
      return (
        <>
          <h1>{t('inbox.title')}</h1>
          <p role="alert">{t('task.notFound')}</p>
        </>
      );
    }
    return <Failure error={result.error} onRetry={reload} />;
  }
  const task = result.data;
  const may = permissions(task, user, departments.result.state === 'ready' ? departments.result.data.items : null);
  const late = task.status === 'open' && (task.overdue || Date.parse(task.dueAt) < Date.now());

  async function act(action: 'claim' | 'unclaim' | 'assign', userId?: string) {
    setBusy(true);
    setActionError(null);
    try {
      const body = action === 'assign' ? { userId } : undefined;
      replace(await api<Task>('POST', `${path}/${action}`, { body }));
    } catch (failure) {
      setActionError(asApiError(failure));
      reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{task.title}</h1>
      <dl className="facts">
        <div>
          <dt>{t('task.status')}</dt>
          <dd>
            <StatusBadge status={task.status} />
            {late ? <span className="badge badge-late">{t('task.overdue')}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('task.due')}</dt>
          <dd>
            <time dateTime={task.dueAt}>{dateTime(task.dueAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('task.department')}</dt>
          <dd>{task.department}</dd>
        </div>
        {task.status === 'open' ? (
          <div>
            <dt>{t('task.holder')}</dt>
            <dd data-testid="holder">{task.assignee ? (task.assignee.name ?? task.assignee.id) : t('task.nobody')}</dd>
          </div>
        ) : null}
        {task.estimatedCost !== null ? (
          <div>
            <dt>{t('task.estimatedCost')}</dt>
            <dd>{task.estimatedCost}</dd>
          </div>
        ) : null}
      </dl>
      {task.description ? <p className="description">{task.description}</p> : null}

      {may.claim || may.unclaim || may.assign ? (
        <div className="actions">
          {may.claim ? (
            <button type="button" disabled={busy} onClick={() => void act('claim')}>
              {t('task.claim')}
            </button>
          ) : null}
          {may.assign ? (
            <AssignPicker task={task} busy={busy} onAssign={(userId) => void act('assign', userId)} />
          ) : null}
          {may.unclaim ? (
            <button type="button" className="secondary" disabled={busy} onClick={() => void act('unclaim')}>
              {t('task.unclaim')}
            </button>
          ) : null}
        </div>
      ) : null}
      {actionError ? <Failure error={actionError} /> : null}

      {task.status === 'open' && may.complete ? <CompleteForm key={task.id} task={task} onDone={replace} /> : null}
      {task.status === 'open' && !may.complete && task.assignee ? (
        <p className="notice">{t('task.heldByOther', { name: task.assignee.name ?? task.assignee.id })}</p>
      ) : null}
      {task.status !== 'open' ? <Outcome task={task} /> : null}

      <Comments path={`${path}/comments`} />
    </>
  );
}

function CompleteForm({ task, onDone }: { readonly task: Task; readonly onDone: (task: Task) => void }) {
  const { t } = useI18n();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [actualCost, setActualCost] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const costId = useId();
  const costHintId = useId();
  const costErrorId = useId();
  const form = task.form ?? { type: 'object', properties: {} };

  async function complete(output: Record<string, unknown>) {
    setSending(true);
    setError(null);
    try {
      const body = actualCost.trim() === '' ? { output } : { output, actualCost: Number(actualCost) };
      onDone(await api<Task>('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, { body }));
    } catch (failure) {
      setError(asApiError(failure));
      setSending(false);
    }
  }

  const fieldErrors = error?.status === 422 ? error.errors : [];
  const costError = fieldErrors.find((entry) => entry.field === '/actualCost')?.message;
  const outside = errorsOutsideForm(
    fieldErrors.filter((entry) => entry.field !== '/actualCost'),
    form,
  );
  return (
    <section className="card" aria-labelledby="complete-heading">
      <h2 id="complete-heading">{t('task.complete')}</h2>
      {error ? <FormRefusal error={error} refused={t('task.refused')} outside={outside} /> : null}
      <SchemaForm
        schema={form}
        formData={formData}
        onChange={setFormData}
        onSubmit={(data) => void complete(data)}
        errors={fieldErrors}
        idPrefix="output"
        disabled={sending}
      >
        <div className="form-group">
          <label htmlFor={costId}>{t('task.actualCost')}</label>
          <input
            id={costId}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={actualCost}
            onChange={(event: FormEvent<HTMLInputElement>) => setActualCost(event.currentTarget.value)}
            aria-describedby={costError ? `${costHintId} ${costErrorId}` : costHintId}
            aria-invalid={costError ? true : undefined}
          />
          <p id={costHintId} className="hint">
            {t('task.actualCostHint')}
          </p>
          {costError ? (
            <p id={costErrorId} className="field-error">
              {costError}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={sending}>
          {sending ? t('task.completing') : t('task.completeSubmit')}
        </button>
      </SchemaForm>
    </section>
  );
}

/** A task that is done (or cancelled): who did it, when, and what they recorded. */
function Outcome({ task }: { readonly task: Task }) {
  const { t, dateTime } = useI18n();
  const entries = Object.entries(task.output ?? {});
  return (
    <section aria-labelledby="outcome-heading" className="card">
      <h2 id="outcome-heading">{task.status === 'done' ? t('task.output') : t('task.notOpen')}</h2>
      {task.completedAt && task.completedByName ? (
        <p>{t('task.completedBy', { name: task.completedByName, at: dateTime(task.completedAt) })}</p>
      ) : null}
      {entries.length > 0 ? (
        <dl className="facts output">
          {entries.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{formatValue(value, t)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}

function formatValue(value: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (value === true) return t('form.yes');
  if (value === false) return t('form.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
