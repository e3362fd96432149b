import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Role } from '../db/entities/user';

/** What the engine's operations need: the read model, the Temporal client, where workers listen. */
export interface EngineContext {
  readonly db: DataSource;
  readonly temporal: Client;
  readonly taskQueue: string;
  /** Where definitions deployed through the API find the data files they import; null: no imports. */
  readonly dataDirectory: string | null;
  /** Where definitions deployed through the API find the calendars they name; null: no calendars. */
  readonly calendarsDirectory: string | null;
  /** How many days a user's API token works when nobody chose (`BATON_TOKEN_TTL_DAYS`); 90 when not given. */
  readonly tokenTtlDays?: number;
}

/** Who is acting. The bootstrap admin has no user row; its id is `admin`. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly department: string | null;
}
