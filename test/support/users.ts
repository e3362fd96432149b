import { expect } from 'vitest';
import type { ApiClient } from './api-client';

/** Creates a user through the API and returns a client acting as that user. */
export async function userClient(
  admin: ApiClient,
  role: 'owner' | 'manager' | 'staff',
  department?: string,
): Promise<ApiClient> {
  const response = await admin.post('/users', { name: `${role} ${department ?? ''}`.trim(), role, department });
  expect(response.status).toBe(201);
  return admin.as(response.body.token);
}
