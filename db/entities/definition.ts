import { EntitySchema } from 'typeorm';
import type { StoredPlan } from '../../plan/upgrade';

export interface DefinitionRow {
  key: string;
  version: number;
  checksum: string;
  title: string;
  owner: string;
  source: string;
  /** As compiled when deployed; read it through `upgradePlan`. */
  plan: StoredPlan;
  deployedAt: Date;
  deployedBy: string | null;
}

export const Definition = new EntitySchema<DefinitionRow>({
  name: 'Definition',
  tableName: 'definitions',
  columns: {
    key: { type: 'text', primary: true },
    version: { type: 'integer', primary: true },
    checksum: { type: 'text' },
    title: { type: 'text' },
    owner: { type: 'text' },
    source: { type: 'text' },
    plan: { type: 'jsonb' },
    deployedAt: { type: 'timestamptz', name: 'deployed_at', createDate: true },
    deployedBy: { type: 'text', name: 'deployed_by', nullable: true },
  },
});
