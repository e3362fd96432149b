/** What a notification is about; `overdue` ones are written with the overdue mark, the others sent by the interpreter. */
export const NOTIFICATION_KINDS = ['overdue', 'notify', 'step-failed', 'replanned', 'escalation', 'budget'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who a notification is for, as the outbox stores it: a department's queue, its lead, a role, or an address. */
export type Recipient = `department:${string}` | `department-lead:${string}` | `role:${string}` | `address:${string}`;

export const Recipient = {
  department: (department: string): Recipient => `department:${department}`,
  departmentLead: (department: string): Recipient => `department-lead:${department}`,
  role: (role: string): Recipient => `role:${role}`,
  address: (address: string): Recipient => `address:${address}`,
} as const;

const ROLE_PREFIX = 'role:';

/**
 * Who an escalation rung's `notify` entry names: `department` (the task's), `department-lead`,
 * `process-owner` (the owner department), `role:<name>`, or a department id.
 */
export function rungRecipient(entry: string, department: string, owner: string): Recipient {
  if (entry === 'department') return Recipient.department(department);
  if (entry === 'department-lead') return Recipient.departmentLead(department);
  if (entry === 'process-owner') return Recipient.department(owner);
  return entry.startsWith(ROLE_PREFIX) ? Recipient.role(entry.slice(ROLE_PREFIX.length)) : Recipient.department(entry);
}
