import { EntitySchema } from 'typeorm';

export const DELIVERY_MODES = ['immediate', 'digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** How a person wants one kind of notification: at once (the default) or in a daily digest. */
export interface PreferenceRow {
  userId: string;
  kind: string;
  mode: DeliveryMode;
}

export const Preference = new EntitySchema<PreferenceRow>({
  name: 'Preference',
  tableName: 'preferences',
  columns: {
    userId: { type: 'uuid', name: 'user_id', primary: true },
    kind: { type: 'text', primary: true },
    mode: { type: 'text' },
  },
});
