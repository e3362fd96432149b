import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from './api-client';
import { SHIPPED_DEFINITIONS } from './test-baton';
import { userClient } from './users';
import { eventually } from './wait';

/** The example start input shipped for a process (`definitions/examples/<key>.json`). */
export function shippedExample(key: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SHIPPED_DEFINITIONS, 'examples', `${key}.json`), 'utf8'));
}

/**
 * A copy of the shipped definitions folder (processes, departments, data files) whose
 * `data/systems.yaml` points the identity directory at `directoryUrl`, as an operator would.
 */
export function shippedDefinitionsWith(directoryUrl: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-shipped-'));
  fs.cpSync(SHIPPED_DEFINITIONS, dir, { recursive: true });
  const systems = path.join(dir, 'data', 'systems.yaml');
  const source = fs.readFileSync(systems, 'utf8');
  const pointed = source.replace(/^directoryUrl: .*$/m, `directoryUrl: ${directoryUrl}`);
  if (pointed === source) throw new Error('data/systems.yaml has no directoryUrl line to point at the test directory');
  fs.writeFileSync(systems, pointed);
  return dir;
}

export interface DirectoryRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A stand-in for the identity directory: `POST /accounts` creates a login from the display name. */
export interface FakeDirectory {
  readonly url: string;
  /** `host:port`, for BATON_CALL_HOSTS. */
  readonly host: string;
  readonly requests: DirectoryRequest[];
  close(): Promise<void>;
}

export async function startFakeDirectory(): Promise<FakeDirectory> {
  const requests: DirectoryRequest[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = text === '' ? {} : JSON.parse(text);
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      if (request.method !== 'POST' || request.url !== '/accounts') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'not found' }));
        return;
      }
      const login = String(body.displayName ?? 'user')
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .trim()
        .replace(/\s+/g, '.');
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ login, mailbox: `${login}@corp.example.com`, groups: body.groups }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One member of staff per department, created on first use. */
export class StaffRoster {
  private readonly clients = new Map<string, ApiClient>();

  constructor(private readonly admin: ApiClient) {}

  async of(department: string): Promise<ApiClient> {
    let client = this.clients.get(department);
    if (!client) {
      client = await userClient(this.admin, 'staff', department);
      this.clients.set(department, client);
    }
    return client;
  }
}

export interface TaskJson {
  readonly id: string;
  readonly instanceId: string;
  readonly stepId: string;
  readonly kind?: string;
  readonly title: string;
  readonly description: string | null;
  readonly department: string;
  readonly status: string;
  readonly estimatedCost: number;
  readonly actualCost: number | null;
  readonly form: unknown;
  readonly round?: number;
  readonly note?: string | null;
}

/** The open tasks of an instance, as a manager lists them (a parent's list includes its sub-processes' tasks). */
export async function openTasks(manager: ApiClient, instanceId: string): Promise<TaskJson[]> {
  const listed = await manager.get(`/tasks?instance=${instanceId}&status=open&limit=200`);
  if (listed.status !== 200) throw new Error(`GET /tasks answered ${listed.status}`);
  return listed.body.items;
}

/** What one department's staff see in their inbox for an instance: step id to title. */
export async function inboxOf(staff: ApiClient, instanceId: string): Promise<Record<string, string>> {
  const inbox = await staff.get('/tasks?status=open&limit=200');
  if (inbox.status !== 200) throw new Error(`GET /tasks answered ${inbox.status}`);
  return Object.fromEntries(
    (inbox.body.items as TaskJson[])
      .filter((task) => task.instanceId === instanceId)
      .map((task) => [task.stepId, task.title]),
  );
}

/** Waits until the instance's open tasks are exactly these step ids (calls and sub-processes move on their own). */
export async function untilOpen(
  manager: ApiClient,
  instanceId: string,
  stepIds: readonly string[],
): Promise<TaskJson[]> {
  const wanted = [...stepIds].sort();
  let last: string[] = [];
  try {
    return await eventually(
      async () => {
        const open = (await openTasks(manager, instanceId)).filter((task) => task.instanceId === instanceId);
        last = open.map((task) => task.stepId).sort();
        return JSON.stringify(last) === JSON.stringify(wanted) ? open : null;
      },
      `the open tasks of ${instanceId} to be ${wanted.join(', ')}`,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; open: ${last.join(', ') || 'none'}`);
  }
}

/** A step of an instance's status, by id (items of a `forEach` step included). */
export function stepOf<T extends { stepId: string; items?: T[] }>(steps: readonly T[], stepId: string): T {
  for (const step of steps) {
    if (step.stepId === stepId) return step;
    const item = step.items?.find((candidate) => candidate.stepId === stepId);
    if (item) return item;
  }
  throw new Error(`no step ${stepId}`);
}
