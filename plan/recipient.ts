/**
 * What a notification is about. The interpreter sends the first six (`overdue` with the overdue
 * mark); the engine sends the others, about people's work (`assigned`, `reassigned`, `comment`)
 * and to requesters (`request-*`).
 */
export const NOTIFICATION_KINDS = [
  'overdue',
  'notify',
  'step-failed',
  'replanned',
  'escalation',
  'budget',
  'assigned',
  'reassigned',
  'comment',
  'request-received',
  'request-updated',
  'request-resolved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Who a notification is for, as the outbox stores it: a department (its mailbox, or its members),
 * its lead, the users of a role, one user, the instance's requester, or an address. Delivery
 * resolves it to people and addresses when it sends.
 */
export type Recipient =
  | `department:${string}`
  | `department-lead:${string}`
  | `role:${string}`
  | `user:${string}`
  | 'requester'
  | `address:${string}`;

export const Recipient = {
  department: (department: string): Recipient => `department:${department}`,
  departmentLead: (department: string): Recipient => `department-lead:${department}`,
  role: (role: string): Recipient => `role:${role}`,
  user: (userId: string): Recipient => `user:${userId}`,
  requester: 'requester' as Recipient,
  address: (address: string): Recipient => `address:${address}`,
} as const;

const ROLE_PREFIX = 'role:';

/**
 * Who an escalation rung's `notify` entry names: `department` (the task's), `department-lead`,
 * `process-owner` (the owner department), `requester`, `role:<name>`, or a department id.
 */
export function rungRecipient(entry: string, department: string, owner: string): Recipient {
  if (entry === 'department') return Recipient.department(department);
  if (entry === 'requester') return Recipient.requester;
  if (entry === 'department-lead') return Recipient.departmentLead(department);
  if (entry === 'process-owner') return Recipient.department(owner);
  return entry.startsWith(ROLE_PREFIX) ? Recipient.role(entry.slice(ROLE_PREFIX.length)) : Recipient.department(entry);
}
