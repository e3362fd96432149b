import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full process language (2026-11-25): an approval's rejection ends an instance as
 * `rejected` or sends tasks back (a task row is rewritten for each round, with the
 * approver's comment); `notify` steps and failed steps write messages with a subject.
 */
export class ApprovalsAndOutboxMessages1795996800002 implements MigrationInterface {
  name = 'ApprovalsAndOutboxMessages1795996800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'rejected', 'failed'))`);
    await db.query(`ALTER TABLE tasks
      ADD COLUMN kind text NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'approval')),
      ADD COLUMN round integer NOT NULL DEFAULT 0,
      ADD COLUMN note text`);
    await db.query('ALTER TABLE notifications ADD COLUMN subject text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications DROP COLUMN subject');
    await db.query('ALTER TABLE tasks DROP COLUMN kind, DROP COLUMN round, DROP COLUMN note');
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'failed'))`);
  }
}
