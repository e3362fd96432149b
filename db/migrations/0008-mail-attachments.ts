import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail attachments (2026-12-11). The files a mail brought to an instance: the one that opened a
 * request, or a reply (then the comment it became is named too). Kept in Postgres with the rest
 * of the instance, bounded by the mail intake (at most 10 files and 10 MB per mail), so a backup
 * of the database is a backup of everything.
 */
export class MailAttachments1795996800007 implements MigrationInterface {
  name = 'MailAttachments1795996800007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES instances (id),
        comment_id uuid REFERENCES comments (id),
        file_name text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL CONSTRAINT attachments_size_check CHECK (size >= 0),
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX attachments_by_instance ON attachments (instance_id, created_at, id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE attachments');
  }
}
