import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TypeORM orders migrations by the timestamp ending the class name (2026-11-25). */
export class InitialSchema1795996800000 implements MigrationInterface {
  name = 'InitialSchema1795996800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE departments (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'owner', 'manager', 'staff')),
        department text REFERENCES departments (id),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE definitions (
        key text NOT NULL,
        version integer NOT NULL,
        checksum text NOT NULL,
        title text NOT NULL,
        owner text NOT NULL,
        source text NOT NULL,
        plan jsonb NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        deployed_by text,
        PRIMARY KEY (key, version),
        UNIQUE (key, checksum)
      )`);
    await db.query(`
      CREATE TABLE instances (
        id uuid PRIMARY KEY,
        definition_key text NOT NULL,
        definition_version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
        input jsonb NOT NULL,
        started_at timestamptz NOT NULL,
        started_by text,
        completed_at timestamptz,
        FOREIGN KEY (definition_key, definition_version) REFERENCES definitions (key, version)
      )`);
    await db.query('CREATE INDEX instances_by_key_status ON instances (definition_key, status, started_at)');
    await db.query(`
      CREATE TABLE tasks (
        id text PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES instances (id),
        step_id text NOT NULL,
        title text NOT NULL,
        description text,
        department text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
        due_at timestamptz NOT NULL,
        overdue boolean NOT NULL DEFAULT false,
        estimated_cost numeric(14, 2) NOT NULL DEFAULT 0,
        actual_cost numeric(14, 2),
        output jsonb,
        form jsonb,
        opened_at timestamptz NOT NULL,
        completed_at timestamptz,
        completed_by text
      )`);
    // The inbox query: one department, one status, by due date, keyset-paginated on (due_at, id).
    await db.query('CREATE INDEX tasks_inbox ON tasks (department, status, due_at, id)');
    await db.query('CREATE INDEX tasks_by_instance ON tasks (instance_id)');
    await db.query(`
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES instances (id),
        task_id text REFERENCES tasks (id),
        kind text NOT NULL,
        recipient text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      )`);
    await db.query('CREATE INDEX notifications_by_instance ON notifications (instance_id, kind, created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['notifications', 'tasks', 'instances', 'definitions', 'users', 'departments']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
