import { expect } from 'vitest';
import type { ApiClient } from './api-client';

/** Creates a user through the API and returns a client acting as that user. */
export async function userClient(
  admin: ApiClient,
  role: 'owner' | 'manager' | 'staff' | 'requester',
  department?: string,
): Promise<ApiClient> {
  return (await person(admin, { name: `${role} ${department ?? ''}`.trim(), role, department })).client;
}

export interface PersonFields {
  readonly name: string;
  readonly role: 'owner' | 'manager' | 'staff' | 'requester' | 'admin';
  readonly department?: string;
  readonly email?: string;
  readonly timeZone?: string;
  readonly locale?: 'en' | 'fr';
}

/** Creates a user through the API: their id, and a client acting as them. */
export async function person(admin: ApiClient, fields: PersonFields): Promise<{ id: string; client: ApiClient }> {
  const response = await admin.post('/users', fields);
  expect(response.status).toBe(201);
  return { id: response.body.id, client: admin.as(response.body.token) };
}
