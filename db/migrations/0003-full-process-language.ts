import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full process language (2026-11-25): an approval's rejection ends an instance as
 * `rejected` or sends tasks back (a task row is rewritten for each round, with the
 * approver's comment); `notify` steps and failed steps write messages with a subject;
 * a sub-process is an instance of its own, linked to its parent, as are its tasks.
 */
export class FullProcessLanguage1795996800002 implements MigrationInterface {
  name = 'FullProcessLanguage1795996800002';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'rejected', 'failed'))`);
    await db.query(`ALTER TABLE instances
      ADD COLUMN parent_instance_id uuid REFERENCES instances (id),
      ADD COLUMN parent_step_id text`);
    await db.query(`ALTER TABLE tasks
      ADD COLUMN kind text NOT NULL DEFAULT 'task' CHECK (kind IN ('task', 'approval')),
      ADD COLUMN round integer NOT NULL DEFAULT 0,
      ADD COLUMN note text,
      ADD COLUMN earlier_rounds_cost numeric(14, 2) NOT NULL DEFAULT 0,
      ADD COLUMN parent_instance_id uuid REFERENCES instances (id)`);
    // `GET /tasks?instance=<parent>` lists the sub-processes' tasks too.
    await db.query(
      'CREATE INDEX tasks_by_parent_instance ON tasks (parent_instance_id) WHERE parent_instance_id IS NOT NULL',
    );
    await db.query('ALTER TABLE notifications ADD COLUMN subject text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE notifications DROP COLUMN subject');
    await db.query(
      'ALTER TABLE tasks DROP COLUMN kind, DROP COLUMN round, DROP COLUMN note, DROP COLUMN earlier_rounds_cost, DROP COLUMN parent_instance_id',
    );
    await db.query('ALTER TABLE instances DROP COLUMN parent_instance_id, DROP COLUMN parent_step_id');
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'failed'))`);
  }
}
