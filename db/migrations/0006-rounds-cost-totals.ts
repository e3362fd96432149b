import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a task's earlier rounds cost is a sum of actual costs, each up to 999,999,999,999.99:
 * it needs more digits than one amount (a third round of two such costs overflowed, and the
 * write was refused for ever).
 */
export class RoundsCostTotals1795996800005 implements MigrationInterface {
  name = 'RoundsCostTotals1795996800005';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE tasks ALTER COLUMN earlier_rounds_cost TYPE numeric(20, 2)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE tasks ALTER COLUMN earlier_rounds_cost TYPE numeric(14, 2)');
  }
}
