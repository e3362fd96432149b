import { EntitySchema } from 'typeorm';
import type { TaskKind } from '../../plan/steps';
import { numericAmount } from './columns';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskRow {
  id: string;
  instanceId: string;
  stepId: string;
  kind: TaskKind;
  title: string;
  description: string | null;
  department: string;
  status: TaskStatus;
  dueAt: Date;
  overdue: boolean;
  estimatedCost: number;
  actualCost: number | null;
  // Plain records here: TypeORM's deep partial types cannot follow the recursive JSON types.
  output: Record<string, unknown> | null;
  form: Record<string, unknown> | null;
  openedAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  /** 0, then raised each time an approval sends the task back. */
  round: number;
  /** Why the task was sent back: the approver's comment. */
  note: string | null;
  /** What the task's earlier rounds cost, when an approval sent it back. */
  earlierRoundsCost: number;
  /** Set on a sub-process's tasks: the instance that started it. */
  parentInstanceId: string | null;
  /** The person who claimed it or was given it; null: anyone of its department may take it. */
  assigneeId: string | null;
  /** When its holder took it (or was given it). */
  claimedAt: Date | null;
}

export const Task = new EntitySchema<TaskRow>({
  name: 'Task',
  tableName: 'tasks',
  columns: {
    id: { type: 'text', primary: true },
    instanceId: { type: 'uuid', name: 'instance_id' },
    stepId: { type: 'text', name: 'step_id' },
    kind: { type: 'text', default: 'task' },
    title: { type: 'text' },
    description: { type: 'text', nullable: true },
    department: { type: 'text' },
    status: { type: 'text' },
    dueAt: { type: 'timestamptz', name: 'due_at' },
    overdue: { type: 'boolean', default: false },
    estimatedCost: { type: 'numeric', name: 'estimated_cost', transformer: numericAmount },
    actualCost: { type: 'numeric', name: 'actual_cost', nullable: true, transformer: numericAmount },
    output: { type: 'jsonb', nullable: true },
    form: { type: 'jsonb', nullable: true },
    openedAt: { type: 'timestamptz', name: 'opened_at' },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
    completedBy: { type: 'text', name: 'completed_by', nullable: true },
    round: { type: 'integer', default: 0 },
    note: { type: 'text', nullable: true },
    earlierRoundsCost: { type: 'numeric', name: 'earlier_rounds_cost', default: 0, transformer: numericAmount },
    parentInstanceId: { type: 'uuid', name: 'parent_instance_id', nullable: true },
    assigneeId: { type: 'uuid', name: 'assignee_id', nullable: true },
    claimedAt: { type: 'timestamptz', name: 'claimed_at', nullable: true },
  },
});
