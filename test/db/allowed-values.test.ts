import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../db/data-source';
import { TASK_STATUSES } from '../../db/entities/task';
import { ROLES } from '../../db/entities/user';
import { INSTANCE_STATUSES } from '../../plan/instance-view';
import { TASK_KINDS } from '../../plan/steps';
import { testDatabaseUrl } from '../support/test-baton';

/**
 * The migrations spell each list of allowed values once more, in a CHECK constraint, as they must
 * (they are append-only history): the migrated database has to agree with the list's one home.
 */
describe('the migrated database', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase(await testDatabaseUrl('allowed_values'));
    await migrate(db);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  /** The values the column's CHECK constraint allows, as Postgres stores it. */
  async function allowedBy(table: string, column: string): Promise<string[]> {
    const rows: { definition: string }[] = await db.query(
      `SELECT pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'c' AND c.conrelid = $1::regclass AND a.attname = $2`,
      [table, column],
    );
    expect(rows).toHaveLength(1);
    return [...(rows[0]?.definition ?? '').matchAll(/'([^']*)'::text/g)].map((match) => match[1] ?? '');
  }

  it.each([
    ['instances', 'status', INSTANCE_STATUSES],
    ['tasks', 'status', TASK_STATUSES],
    ['tasks', 'kind', TASK_KINDS],
    ['users', 'role', ROLES],
  ])('allows in %s.%s exactly the values of its list', async (table, column, values) => {
    expect((await allowedBy(table, column)).sort()).toEqual([...values].sort());
  });
});
