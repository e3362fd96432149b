import { EntitySchema } from 'typeorm';

export const ROLES = ['admin', 'owner', 'manager', 'staff', 'requester'] as const;
export type Role = (typeof ROLES)[number];

/** The languages Baton writes to people in. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  department: string | null;
  createdAt: Date;
  /** Where Baton's mail reaches the person; null: nothing is mailed to them. */
  email: string | null;
  /** An IANA zone (`Europe/Paris`): the dates in their mail. */
  timeZone: string;
  locale: Locale;
  /** Set when an admin deactivated them: their token stops working, nothing is sent to them. */
  deactivatedAt: Date | null;
  /** When their last daily digest went out. */
  digestSentAt: Date | null;
}

export const User = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    role: { type: 'text' },
    department: { type: 'text', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
    email: { type: 'text', nullable: true },
    timeZone: { type: 'text', name: 'time_zone' },
    locale: { type: 'text' },
    deactivatedAt: { type: 'timestamptz', name: 'deactivated_at', nullable: true },
    digestSentAt: { type: 'timestamptz', name: 'digest_sent_at', nullable: true },
  },
});
