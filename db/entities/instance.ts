import { EntitySchema } from 'typeorm';

export const INSTANCE_STATUSES = ['running', 'completed', 'cancelled', 'rejected', 'failed'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

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
  },
});
