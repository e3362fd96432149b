import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Baton on the web (2026-12-04). A browser signs in with a one-time link mailed to the person
 * (`sign_in_links`, single use, short-lived) or with an API token, and keeps a session cookie
 * (`sessions`, with the token its writes must repeat against cross-site requests). Only hashes
 * are stored: a copy of the database opens no session. Every change of a task (opened, moved,
 * taken, closed) is announced on `baton_tasks`, which the API relays to open pages.
 */
export class WebSessions1795996800008 implements MigrationInterface {
  name = 'WebSessions1795996800008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sign_in_links (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query('CREATE INDEX sign_in_links_by_user ON sign_in_links (user_id, created_at)');
    await db.query(`
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX sessions_by_user ON sessions (user_id)');
    await db.query(`
      CREATE FUNCTION baton_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('baton_tasks', json_build_object(
          'id', NEW.id, 'instanceId', NEW.instance_id, 'department', NEW.department,
          'assigneeId', NEW.assignee_id, 'status', NEW.status)::text);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER tasks_announce_changes AFTER INSERT OR UPDATE OF status, department, assignee_id
      ON tasks FOR EACH ROW EXECUTE FUNCTION baton_task_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER tasks_announce_changes ON tasks');
    await db.query('DROP FUNCTION baton_task_changed()');
    await db.query('DROP TABLE sessions');
    await db.query('DROP TABLE sign_in_links');
  }
}
