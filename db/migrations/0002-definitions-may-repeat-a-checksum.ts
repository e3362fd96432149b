import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redeploying an older file makes it the latest version again, so one checksum may
 * appear under several versions of a key. (2026-11-25)
 */
export class DefinitionsMayRepeatAChecksum1795996800001 implements MigrationInterface {
  name = 'DefinitionsMayRepeatAChecksum1795996800001';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE definitions DROP CONSTRAINT definitions_key_checksum_key');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE definitions ADD CONSTRAINT definitions_key_checksum_key UNIQUE (key, checksum)');
  }
}
