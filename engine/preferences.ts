import type { DataSource } from 'typeorm';
import { type DeliveryMode, Preference } from '../db/entities/preference';
import { ConflictError } from '../errors';
import { NOTIFICATION_KINDS, type NotificationKind } from '../plan/recipient';
import type { Actor } from './context';
import { isUuid } from './ids';

export type Preferences = Record<NotificationKind, DeliveryMode>;

/** How the caller wants each kind of notification: `immediate` unless they chose the daily `digest`. */
export async function preferencesOf(db: DataSource, actor: Actor): Promise<Preferences> {
  const chosen = isUuid(actor.id) ? await db.getRepository(Preference).findBy({ userId: actor.id }) : [];
  const modes = new Map(chosen.map((preference) => [preference.kind, preference.mode]));
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, modes.get(kind) ?? 'immediate'])) as Preferences;
}

/** Sets the modes given, keeps the others. */
export async function setPreferences(
  db: DataSource,
  actor: Actor,
  changes: Partial<Preferences>,
): Promise<Preferences> {
  if (!isUuid(actor.id))
    throw new ConflictError('the bootstrap admin receives no notifications; use a user of your own');
  const rows = Object.entries(changes).map(([kind, mode]) => ({ userId: actor.id, kind, mode: mode as DeliveryMode }));
  if (rows.length > 0) await db.getRepository(Preference).upsert(rows, ['userId', 'kind']);
  return preferencesOf(db, actor);
}
