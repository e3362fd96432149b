import type { NotificationToSend, TaskToOpen } from '../activities/contract';
import type { CompiledCalendar } from '../plan/calendar';
import type { StepStatus } from '../plan/instance-view';
import type { CompiledStep, EscalationRung, JsonValue } from '../plan/types';

/** What the steps after a step wait for. */
export const SETTLED: readonly StepStatus[] = ['done', 'skipped'];

/** One unit of work: the step itself, or one item of a `forEach` step (`equipment[2]`). */
export interface UnitState {
  readonly id: string;
  /** The task's id when the unit is a task; unique in Baton: `<instanceId>.<unit id>`. */
  readonly taskId: string;
  readonly item: { readonly value: JsonValue; readonly index: number } | null;
  status: StepStatus;
  /** Open in memory but not yet written: not completable until its row exists. */
  opening: boolean;
  title: string | null;
  department: string | null;
  openedAt: number | null;
  dueAt: number | null;
  waitUntil: number | null;
  overdue: boolean;
  estimatedCost: number;
  actualCost: number | null;
  output: JsonValue;
  completedAt: number | null;
  completedBy: string | null;
  error: string | null;
  /** The sub-process a `process` step started. */
  childInstanceId: string | null;
}

export interface StepState {
  readonly step: CompiledStep;
  status: StepStatus;
  /** Chosen to start; its `when` and `forEach` are being evaluated. */
  starting: boolean;
  /**
   * Raised whenever the step is reset (sent back, retried, cancelled): work begun for an
   * earlier epoch sees the change after its awaits and leaves the step alone.
   */
  epoch: number;
  /** Created when the step starts: one, or one per item. */
  units: UnitState[] | null;
  /** A failure of the step as a whole (its `when` or `forEach`). */
  error: string | null;
  failures: number;
  /** Raised each time an approval sends the step back. */
  round: number;
  note: string | null;
  /** Approvals only: how many times it rejected. */
  rejections: number;
  /** What the rounds before the current one cost: redone work is paid twice. */
  spentInEarlierRounds: number;
}

/** What starting steps produced: rows and messages to write, and units whose work begins once written. */
export interface Progress {
  readonly tasks: TaskToOpen[];
  readonly notifications: NotificationToSend[];
  readonly units: {
    readonly state: StepState;
    readonly unit: UnitState;
    /** A wait, a call or a sub-process. */
    readonly work?: () => Promise<void>;
    /** A task's escalation ladder, with the calendar its rungs are counted in. */
    readonly escalation?: { readonly ladder: readonly EscalationRung[]; readonly calendar: CompiledCalendar };
  }[];
}

export function emptyProgress(): Progress {
  return { tasks: [], notifications: [], units: [] };
}

export function newStepState(step: CompiledStep): StepState {
  return {
    step,
    status: 'pending',
    starting: false,
    epoch: 0,
    units: null,
    error: null,
    failures: 0,
    round: 0,
    note: null,
    rejections: 0,
    spentInEarlierRounds: 0,
  };
}

export function newUnitState(instanceId: string, id: string, item: UnitState['item']): UnitState {
  return {
    id,
    taskId: `${instanceId}.${id}`,
    item,
    status: 'pending',
    opening: false,
    title: null,
    department: null,
    openedAt: null,
    dueAt: null,
    waitUntil: null,
    overdue: false,
    estimatedCost: 0,
    actualCost: null,
    output: null,
    completedAt: null,
    completedBy: null,
    error: null,
    childInstanceId: null,
  };
}

/** A unit whose work is under way: a task in a queue, a timer, a call or a sub-process. */
export function openUnit(unit: UnitState, now: number, fields: Partial<UnitState> = {}): void {
  Object.assign<UnitState, Partial<UnitState>>(unit, { ...fields, status: 'open', opening: true, openedAt: now });
}

export function settleUnit(unit: UnitState, status: 'done' | 'skipped', output: JsonValue, now: number): void {
  unit.status = status;
  unit.output = output;
  unit.opening = false;
  unit.completedAt = now;
}

/** A started step's status follows its units: failed if one failed, skipped if all were, done once all settled. */
export function refreshStep(state: StepState): void {
  const units = state.units ?? [];
  if (units.some((unit) => unit.status === 'failed')) state.status = 'failed';
  else if (units.length > 0 && units.every((unit) => unit.status === 'skipped')) state.status = 'skipped';
  else if (units.every((unit) => SETTLED.includes(unit.status))) state.status = 'done';
  else state.status = 'open';
}
