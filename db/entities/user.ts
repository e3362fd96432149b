import { EntitySchema } from 'typeorm';

export const ROLES = ['admin', 'owner', 'manager', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  department: string | null;
  /** sha256 of the bearer token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdAt: Date;
}

export const User = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    role: { type: 'text' },
    department: { type: 'text', nullable: true },
    tokenHash: { type: 'text', name: 'token_hash', unique: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
