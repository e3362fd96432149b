import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail (2026-12-18): who changed what through Baton, when, and the before and after
 * where a change has them, one row per change, written in the change's own transaction where it
 * has one. Append-only: a trigger refuses every UPDATE, DELETE and TRUNCATE, so no code path of
 * Baton (nor a mistaken query) can rewrite history; only dropping the trigger, a deliberate act
 * of the database's owner, could. The id orders rows written in the same instant.
 */
export class AuditTrail1795996800010 implements MigrationInterface {
  name = 'AuditTrail1795996800010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Milliseconds, as the pages' cursors carry them: a finer time would let a row fall between two pages.
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        instance_id uuid,
        task_id text,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    // GET /audit: newest first, whole or narrowed to an actor, an instance or an action.
    await db.query('CREATE INDEX audit_events_by_time ON audit_events (at DESC, id DESC)');
    await db.query('CREATE INDEX audit_events_by_actor ON audit_events (actor_id, at DESC, id DESC)');
    await db.query(
      'CREATE INDEX audit_events_by_instance ON audit_events (instance_id, at DESC, id DESC) WHERE instance_id IS NOT NULL',
    );
    await db.query('CREATE INDEX audit_events_by_action ON audit_events (action, at DESC, id DESC)');
    await db.query(`
      CREATE FUNCTION baton_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege', HINT = 'audit events are never changed nor deleted';
      END $$`);
    await db.query(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION baton_audit_events_append_only()`);
    await db.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION baton_audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_events');
    await db.query('DROP FUNCTION baton_audit_events_append_only()');
  }
}
