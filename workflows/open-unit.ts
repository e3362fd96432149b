import { APPROVAL_FORM } from '../plan/approval';
import { assertNever } from '../plan/assert-never';
import type { Values } from '../plan/evaluate';
import {
  renderCall,
  renderChildInput,
  renderNotification,
  renderTask,
  resolveWaitUntil,
  StepError,
} from '../plan/render-step';
import { ladderOf } from '../plan/steps';
import { renderText } from '../plan/template';
import type { CompiledStep } from '../plan/types';
import { callService } from './call-unit';
import { iso } from './instance-view';
import { notifyMessages } from './notifications';
import type { RunHost } from './run-host';
import { openUnit, type Progress, type StepState, settleUnit, type UnitState } from './run-state';
import type { SubProcesses } from './sub-process';
import { waitUntilDue } from './wait-unit';

/** How deep sub-processes may nest: deeper is almost surely a process starting itself. */
const MAXIMUM_PROCESS_DEPTH = 10;

type OpeningHost = Pick<RunHost, 'run' | 'plan' | 'calendar' | 'scopes' | 'failInBackground' | 'openReadySteps'>;

/**
 * Renders the unit from its evaluated expressions and opens it: a task's row and a `notify`
 * step's messages join `progress` to be written; a wait, a call or a sub-process begins its
 * work once they are. A value the step cannot run with throws `StepError`.
 */
export function renderUnit(
  host: OpeningHost,
  subProcesses: SubProcesses,
  state: StepState,
  unit: UnitState,
  step: CompiledStep,
  values: Values,
  progress: Progress,
): void {
  const { run, plan } = host;
  const now = Date.now();
  switch (step.kind) {
    case 'task':
    case 'approval': {
      const task = renderTask(step, values, plan.departments, now, () => host.calendar.of(values));
      const ladder = ladderOf(step, plan);
      const escalation = ladder.length > 0 ? { ladder, calendar: host.calendar.of(values) } : undefined;
      openUnit(unit, now, {
        title: task.title,
        department: task.department,
        dueAt: task.dueAt,
        overdue: false,
        estimatedCost: task.estimatedCost,
      });
      progress.tasks.push({
        id: unit.taskId,
        instanceId: run.instanceId,
        stepId: unit.id,
        title: task.title,
        description: task.description,
        department: task.department,
        dueAt: iso(task.dueAt),
        estimatedCost: task.estimatedCost,
        form: step.kind === 'approval' ? APPROVAL_FORM : step.form,
        openedAt: iso(now),
        ...(step.kind === 'approval' ? { kind: 'approval' } : {}),
        ...(state.round > 0 ? { round: state.round, note: state.note } : {}),
        ...(run.parent ? { parentInstanceId: run.parent.instanceId } : {}),
      });
      progress.units.push({ state, unit, ...(escalation ? { escalation } : {}) });
      return;
    }
    case 'notify': {
      const message = renderNotification(step, values, plan.departments);
      progress.notifications.push(...notifyMessages(host, unit, state.round, message, now));
      settleUnit(unit, 'done', message.text, now);
      return;
    }
    case 'milestone':
      unit.title = step.title === null ? null : renderText(step.title, values);
      settleUnit(unit, 'done', null, now);
      return;
    case 'wait': {
      openUnit(unit, now, { waitUntil: resolveWaitUntil(step, values, now, host.calendar.forWait(values)) });
      progress.units.push({ state, unit, work: () => waitUntilDue(host, state, unit) });
      return;
    }
    case 'call': {
      const call = renderCall(step, values);
      openUnit(unit, now);
      progress.units.push({ state, unit, work: () => callService(host, state, unit, step, call) });
      return;
    }
    case 'process': {
      const input = renderChildInput(step, values);
      if ((run.parent?.depth ?? 0) >= MAXIMUM_PROCESS_DEPTH) {
        throw new StepError(
          `sub-processes nest ${MAXIMUM_PROCESS_DEPTH} deep here: does "${step.process}" start itself, directly or through another process?`,
        );
      }
      openUnit(unit, now);
      progress.units.push({ state, unit, work: () => subProcesses.run(state, unit, step, input) });
      return;
    }
    default:
      assertNever(step);
  }
}
