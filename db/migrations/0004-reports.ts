import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department reports (2026-11-25): the tasks completed in a period, over every department,
 * read by completion date over done tasks only. Open tasks are read by `tasks_inbox`.
 */
export class Reports1795996800003 implements MigrationInterface {
  name = 'Reports1795996800003';

  async up(db: QueryRunner): Promise<void> {
    await db.query("CREATE INDEX tasks_done_by_completion ON tasks (completed_at) WHERE status = 'done'");
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX tasks_done_by_completion');
  }
}
