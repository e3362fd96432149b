import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and channels (2026-12-04). Users get an address, a time zone, a language and can be
 * deactivated; `requester` is a role; departments get a shared mailbox and a lead. An instance
 * started from the catalogue keeps its requester, a task its assignee. Comments are kept per
 * instance (and task). Each outbox row is resolved once into deliveries (one per channel and
 * address) that a dispatcher sends and records; inserting an outbox row wakes it (LISTEN/NOTIFY).
 * Rows written before deliveries existed count as resolved: nobody is mailed about old news.
 */
export class PeopleAndChannels1795996800006 implements MigrationInterface {
  name = 'PeopleAndChannels1795996800006';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE users DROP CONSTRAINT users_role_check');
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('admin', 'owner', 'manager', 'staff', 'requester'))`);
    await db.query(`ALTER TABLE users
      ADD COLUMN email text,
      ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC',
      ADD COLUMN locale text NOT NULL DEFAULT 'en' CONSTRAINT users_locale_check CHECK (locale IN ('en', 'fr')),
      ADD COLUMN deactivated_at timestamptz,
      ADD COLUMN digest_sent_at timestamptz`);
    await db.query('CREATE UNIQUE INDEX users_by_email ON users (lower(email)) WHERE email IS NOT NULL');
    await db.query('CREATE INDEX users_by_department ON users (department) WHERE deactivated_at IS NULL');

    await db.query('ALTER TABLE departments ADD COLUMN email text, ADD COLUMN lead uuid REFERENCES users (id)');

    await db.query('ALTER TABLE instances ADD COLUMN requester_id uuid REFERENCES users (id), ADD COLUMN subject text');
    await db.query(
      'CREATE INDEX instances_by_requester ON instances (requester_id, started_at) WHERE requester_id IS NOT NULL',
    );

    await db.query(
      'ALTER TABLE tasks ADD COLUMN assignee_id uuid REFERENCES users (id), ADD COLUMN claimed_at timestamptz',
    );
    await db.query(
      'CREATE INDEX tasks_by_assignee ON tasks (assignee_id, status, due_at, id) WHERE assignee_id IS NOT NULL',
    );

    await db.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES instances (id),
        task_id text REFERENCES tasks (id),
        author_id text NOT NULL,
        author_name text NOT NULL,
        body text NOT NULL,
        source text NOT NULL DEFAULT 'api' CONSTRAINT comments_source_check CHECK (source IN ('api', 'email')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX comments_by_instance ON comments (instance_id, created_at, id)');

    await db.query(`ALTER TABLE notifications
      ADD COLUMN facts jsonb,
      ADD COLUMN resolved_at timestamptz`);
    await db.query('UPDATE notifications SET resolved_at = created_at');
    await db.query('CREATE INDEX notifications_unresolved ON notifications (created_at, id) WHERE resolved_at IS NULL');

    await db.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);

    await db.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        notification_id text NOT NULL REFERENCES notifications (id),
        channel text NOT NULL CONSTRAINT deliveries_channel_check CHECK (channel IN ('email', 'webhook')),
        user_id uuid REFERENCES users (id),
        webhook_id uuid REFERENCES webhooks (id),
        address text,
        status text NOT NULL CONSTRAINT deliveries_status_check
          CHECK (status IN ('pending', 'held', 'delivered', 'failed', 'dead-letter')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      "CREATE UNIQUE INDEX deliveries_once ON deliveries (notification_id, channel, coalesce(address, ''), coalesce(webhook_id::text, ''))",
    );
    await db.query("CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'");
    await db.query("CREATE INDEX deliveries_held ON deliveries (user_id) WHERE status = 'held'");
    await db.query('CREATE INDEX deliveries_by_notification ON deliveries (notification_id)');

    await db.query(`
      CREATE TABLE preferences (
        user_id uuid NOT NULL REFERENCES users (id),
        kind text NOT NULL,
        mode text NOT NULL CONSTRAINT preferences_mode_check CHECK (mode IN ('immediate', 'digest')),
        PRIMARY KEY (user_id, kind)
      )`);

    await db.query(`
      CREATE FUNCTION baton_outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('baton_outbox', '');
        RETURN NULL;
      END $$`);
    // Per row, so a statement that inserts nothing (ON CONFLICT DO NOTHING) wakes nobody; Postgres
    // sends the identical notifications of one transaction once.
    await db.query(`CREATE TRIGGER notifications_wake_the_dispatcher AFTER INSERT ON notifications
      FOR EACH ROW EXECUTE FUNCTION baton_outbox_wake()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER notifications_wake_the_dispatcher ON notifications');
    await db.query('DROP FUNCTION baton_outbox_wake()');
    await db.query('DROP TABLE preferences');
    await db.query('DROP TABLE deliveries');
    await db.query('DROP TABLE webhooks');
    await db.query('ALTER TABLE notifications DROP COLUMN facts, DROP COLUMN resolved_at');
    await db.query('DROP TABLE comments');
    await db.query('ALTER TABLE tasks DROP COLUMN assignee_id, DROP COLUMN claimed_at');
    await db.query('ALTER TABLE instances DROP COLUMN requester_id, DROP COLUMN subject');
    await db.query('ALTER TABLE departments DROP COLUMN email, DROP COLUMN lead');
    await db.query(
      'ALTER TABLE users DROP COLUMN email, DROP COLUMN time_zone, DROP COLUMN locale, DROP COLUMN deactivated_at, DROP COLUMN digest_sent_at',
    );
    await db.query("DELETE FROM users WHERE role = 'requester'");
    await db.query('ALTER TABLE users DROP CONSTRAINT users_role_check');
    await db.query(`ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('admin', 'owner', 'manager', 'staff'))`);
  }
}
