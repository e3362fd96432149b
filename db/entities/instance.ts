import { EntitySchema } from 'typeorm';
import type { InstanceStatus } from '../../plan/instance-view';

export interface InstanceRow {
  id: string;
  key: string;
  version: number;
  status: InstanceStatus;
  // A plain record here: TypeORM's deep partial types cannot follow the recursive JSON types.
  input: Record<string, unknown>;
  startedAt: Date;
  startedBy: string | null;
  completedAt: Date | null;
  /** A sub-process's parent instance and the step (or item, `hires[2]`) that started it. */
  parentInstanceId: string | null;
  parentStepId: string | null;
  /** The calendar the start chose over the process's own, kept so a start can be finished later. */
  calendar: string | null;
  /** The caller's Idempotency-Key, unique per caller (`startedBy`). */
  idempotencyKey: string | null;
  /** What the key's first request asked for: a retry must ask for the same. */
  startRequestHash: string | null;
  /** From the row's insert until Temporal confirmed its workflow: the rows the reconciler checks. */
  startPending: boolean;
  /** Who asked for it through the catalogue; null for instances started by staff or a parent. */
  requesterId: string | null;
  /** What a request is about (its process's `catalogue.requestSubject`, rendered when asked); null: its process's title. */
  subject: string | null;
}

export const Instance = new EntitySchema<InstanceRow>({
  name: 'Instance',
  tableName: 'instances',
  columns: {
    id: { type: 'uuid', primary: true },
    key: { type: 'text', name: 'definition_key' },
    version: { type: 'integer', name: 'definition_version' },
    status: { type: 'text' },
    input: { type: 'jsonb' },
    startedAt: { type: 'timestamptz', name: 'started_at' },
    startedBy: { type: 'text', name: 'started_by', nullable: true },
    completedAt: { type: 'timestamptz', name: 'completed_at', nullable: true },
    parentInstanceId: { type: 'uuid', name: 'parent_instance_id', nullable: true },
    parentStepId: { type: 'text', name: 'parent_step_id', nullable: true },
    calendar: { type: 'text', nullable: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key', nullable: true },
    startRequestHash: { type: 'text', name: 'start_request_hash', nullable: true },
    startPending: { type: 'boolean', name: 'start_pending' },
    requesterId: { type: 'uuid', name: 'requester_id', nullable: true },
    subject: { type: 'text', nullable: true },
  },
});
