import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Department } from '../db/entities/department';
import { type Role, User, type UserRow } from '../db/entities/user';
import { ValidationError } from '../errors';
import type { Actor } from './context';

export interface NewUser {
  readonly name: string;
  readonly role: Role;
  readonly department?: string | null;
}

/** Returns the user and its bearer token; only the token's hash is stored, so this is the one chance to read it. */
export async function createUser(db: DataSource, request: NewUser): Promise<{ user: UserRow; token: string }> {
  const department = request.department ?? null;
  if (request.role === 'staff' && department === null) {
    throw new ValidationError('staff must belong to a department', [
      { field: '/department', message: 'is required for staff; see GET /departments' },
    ]);
  }
  if (department !== null && !(await db.getRepository(Department).existsBy({ id: department }))) {
    throw new ValidationError('unknown department', [
      { field: '/department', message: `"${department}" is not a department; see GET /departments` },
    ]);
  }
  const token = `baton_${randomBytes(24).toString('base64url')}`;
  const user: UserRow = {
    id: randomUUID(),
    name: request.name,
    role: request.role,
    department,
    tokenHash: hashToken(token),
    createdAt: new Date(),
  };
  await db.getRepository(User).insert(user);
  return { user, token };
}

export async function listUsers(db: DataSource): Promise<UserRow[]> {
  return db.getRepository(User).find({ order: { createdAt: 'ASC' } });
}

export const BOOTSTRAP_ADMIN: Actor = { id: 'admin', name: 'bootstrap admin', role: 'admin', department: null };

/**
 * Every request authenticates, so known tokens are remembered briefly. Users cannot be
 * changed or revoked yet; when they can, the change must clear this cache.
 */
const knownTokens = new Map<string, { actor: Actor; expiresAt: number }>();
const KNOWN_TOKEN_TTL_MS = 30_000;
const KNOWN_TOKENS_MAX = 10_000;

/** Finds who holds a bearer token: the bootstrap admin (from configuration) or a user. */
export async function authenticate(db: DataSource, token: string, adminToken: string): Promise<Actor | null> {
  const hash = hashToken(token);
  if (timingSafeEqual(Buffer.from(hash), Buffer.from(hashToken(adminToken)))) return BOOTSTRAP_ADMIN;
  const known = knownTokens.get(hash);
  if (known && known.expiresAt > Date.now()) return known.actor;
  const [user]: Pick<UserRow, 'id' | 'name' | 'role' | 'department'>[] = await db.query(
    'SELECT id, name, role, department FROM users WHERE token_hash = $1',
    [hash],
  );
  if (!user) return null;
  const actor: Actor = { id: user.id, name: user.name, role: user.role, department: user.department };
  if (knownTokens.size >= KNOWN_TOKENS_MAX) knownTokens.delete(knownTokens.keys().next().value ?? '');
  knownTokens.set(hash, { actor, expiresAt: Date.now() + KNOWN_TOKEN_TTL_MS });
  return actor;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
