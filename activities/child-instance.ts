import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { Definition } from '../db/entities/definition';
import type { JsonObject } from '../plan/types';
import { validateAgainst } from '../validation/field-errors';
import type { ChildInstance, ChildInstanceRequest } from './contract';

/** `ApplicationFailure.type` of a sub-process that cannot start as declared. */
export const ChildRefused = 'ChildRefused';

/** Creates the sub-process's row (idempotent on its id), pinned to the latest version of its process. */
export async function prepareChildInstance(db: DataSource, request: ChildInstanceRequest): Promise<ChildInstance> {
  const definition = await db
    .getRepository(Definition)
    .findOne({ where: { key: request.key }, order: { version: 'DESC' } });
  if (!definition) {
    throw ApplicationFailure.nonRetryable(
      `no process is deployed under the key "${request.key}"; deploy it, then retry the step`,
      ChildRefused,
    );
  }
  const errors = validateAgainst(definition.plan.input, request.input);
  if (errors.length > 0) {
    const details = errors.map((error) => `${error.field || '/'} ${error.message}`).join('; ');
    throw ApplicationFailure.nonRetryable(
      `the input given to "${request.key}" does not match its start form: ${details}`,
      ChildRefused,
    );
  }
  // Checked against the start form, which requires an object.
  const input = request.input as JsonObject;
  await db.query(
    `INSERT INTO instances (id, definition_key, definition_version, status, input, started_at, started_by,
       parent_instance_id, parent_step_id)
     VALUES ($1, $2, $3, 'running', $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING`,
    [
      request.instanceId,
      definition.key,
      definition.version,
      JSON.stringify(input),
      request.startedAt,
      `instance:${request.parentInstanceId}`,
      request.parentInstanceId,
      request.parentStepId,
    ],
  );
  return {
    instanceId: request.instanceId,
    key: definition.key,
    version: definition.version,
    plan: definition.plan,
    input,
  };
}
