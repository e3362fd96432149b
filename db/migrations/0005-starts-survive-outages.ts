import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Starts that survive Temporal outages (2026-12-03): a start may carry the caller's
 * Idempotency-Key, unique per caller, with a hash of the request it was first sent with; a
 * row stays `start_pending` until Temporal confirmed its workflow, so the reconciler reads
 * only those rows, and it keeps the calendar the start chose so it can finish the start
 * itself. An instance Temporal ended on its own (terminated, timed out) becomes `terminated`.
 */
export class StartsSurviveOutages1795996800004 implements MigrationInterface {
  name = 'StartsSurviveOutages1795996800004';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'rejected', 'failed', 'terminated'))`);
    await db.query(`ALTER TABLE instances
      ADD COLUMN calendar text,
      ADD COLUMN idempotency_key text,
      ADD COLUMN start_request_hash text,
      ADD COLUMN start_pending boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE UNIQUE INDEX instances_by_idempotency_key ON instances (started_by, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await db.query('CREATE INDEX instances_start_pending ON instances (started_at) WHERE start_pending');
    // Starts from before this release were never confirmed: a crashed one left its row running with
    // no workflow. Each is checked once; sub-processes are started by their parent's workflow.
    await db.query("UPDATE instances SET start_pending = true WHERE status = 'running' AND parent_instance_id IS NULL");
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX instances_start_pending');
    await db.query('DROP INDEX instances_by_idempotency_key');
    await db.query(
      'ALTER TABLE instances DROP COLUMN calendar, DROP COLUMN idempotency_key, DROP COLUMN start_request_hash, DROP COLUMN start_pending',
    );
    await db.query('ALTER TABLE instances DROP CONSTRAINT instances_status_check');
    await db.query(`ALTER TABLE instances ADD CONSTRAINT instances_status_check
      CHECK (status IN ('running', 'completed', 'cancelled', 'rejected', 'failed'))`);
  }
}
