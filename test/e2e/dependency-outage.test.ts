import type http from 'node:http';
import net from 'node:net';
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { openDatabase } from '../../db/data-source';
import { dependencyOutage } from '../../engine/dependency-outages';
import { Authenticator } from '../../engine/users';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { definitionsFolder, startTestBaton, type TestBaton } from '../support/test-baton';
import { userClient } from '../support/users';

const ERRAND = `
process: errand
title: Run an errand
owner: operations
input:
  type: object
  required: [what]
  properties:
    what: { type: string }
tasks:
  - id: fetch
    title: "Fetch {{ input.what }}"
    department: logistics
    due: 1d
`;

/**
 * A TCP relay in front of a real service: cut, it drops every connection and refuses new
 * ones, as a crashed or unreachable server does; restored, it listens on the same port again.
 */
class Relay {
  private readonly connections = new Set<net.Socket>();
  private readonly server: net.Server;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        this.connections.add(socket);
        socket.on('close', () => this.connections.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  static async open(target: { host: string; port: number }): Promise<Relay> {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    const relay = new Relay(target, port);
    await relay.restore();
    return relay;
  }

  /** The local ports of the relay's connections to the service (Postgres's `client_port`). */
  upstreamPorts(): number[] {
    return [...this.connections].flatMap((socket) =>
      socket.remotePort === this.target.port && socket.localPort ? [socket.localPort] : [],
    );
  }

  async cut(): Promise<void> {
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.connections) socket.destroy();
    await closed;
  }

  async restore(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }
}

function hostAndPort(address: string): { host: string; port: number } {
  const url = new URL(address.includes('://') ? address : `tcp://${address}`);
  return { host: url.hostname, port: Number(url.port) };
}

function expectUnavailable(answer: ApiResponse, dependency: 'postgres' | 'temporal', retryAfter: string | null) {
  expect(answer.status).toBe(503);
  expect(answer.contentType).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ status: 503, code: 'service-unavailable', dependency });
  // Where the services live is for the server's log, not for clients.
  expect(answer.body.detail).not.toMatch(/127\.0\.0\.1|ECONN|tcp/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
}

describe('an API whose Postgres or Temporal goes away', () => {
  let t: TestBaton;
  let postgresRelay: Relay;
  let temporalRelay: Relay;
  let db: DataSource;
  let connection: NativeConnection;
  let server: http.Server;
  let manager: ApiClient;
  /** A user the API has not seen yet: it must read the token from Postgres. */
  let unseenOwner: ApiClient;
  let instanceId: string;

  /** The answer of the API behind the relays, and its Retry-After header. */
  const ask = async (method: string, path: string, body?: unknown, client = manager) => {
    const response = await fetch(`${client.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer: ApiResponse = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : null,
    };
    return { answer, retryAfter: response.headers.get('retry-after') };
  };

  beforeAll(async () => {
    t = await startTestBaton('dependency-outage', definitionsFolder({ 'errand.yaml': ERRAND }));
    const managerOfBaton = await userClient(t.admin, 'manager');
    const ownerOfBaton = await userClient(t.admin, 'owner');
    const started = await managerOfBaton.post('/definitions/errand/instances', { input: { what: 'paint' } });
    expect(started.status).toBe(201);
    instanceId = started.body.id;

    // A second API on the same services, reaching them through relays the tests cut; the worker keeps running.
    const databaseUrl = new URL(t.baton.services.databaseUrl);
    postgresRelay = await Relay.open(hostAndPort(databaseUrl.toString()));
    databaseUrl.port = String(postgresRelay.port);
    temporalRelay = await Relay.open(hostAndPort(t.baton.services.temporalAddress));
    db = await openDatabase(databaseUrl.toString());
    connection = await NativeConnection.connect({ address: `127.0.0.1:${temporalRelay.port}` });
    const temporal = new Client({ connection, namespace: t.baton.context.temporal.options.namespace });
    const app = createApp(
      { ...t.baton.context, db, temporal },
      { authenticator: new Authenticator(db, t.baton.adminToken), mailer: null, publicUrl: () => '' },
    );
    server = await new Promise<http.Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as net.AddressInfo;
    manager = new ApiClient(`http://127.0.0.1:${port}`, managerOfBaton.token);
    unseenOwner = manager.as(ownerOfBaton.token ?? '');
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.destroy();
    await connection?.close();
    await t?.stop();
  });

  it('answers as usual while both are there', async () => {
    expect((await ask('GET', '/instances')).answer.status).toBe(200);
    expect((await ask('GET', `/instances/${instanceId}`)).answer.status).toBe(200);
  });

  it('answers 503 naming postgres, with Retry-After, while Postgres is unreachable; then recovers', async () => {
    await postgresRelay.cut();
    try {
      for (const [method, path, body] of [
        ['GET', '/instances'],
        ['GET', '/tasks?department=logistics'],
        ['GET', `/instances/${instanceId}`],
        ['POST', '/definitions/errand/instances', { input: { what: 'glue' } }],
      ] as const) {
        const { answer, retryAfter } = await ask(method, path, body);
        expectUnavailable(answer, 'postgres', retryAfter);
      }
      const { answer, retryAfter } = await ask('GET', '/definitions', undefined, unseenOwner);
      expectUnavailable(answer, 'postgres', retryAfter);
      const health = await ask('GET', '/healthz');
      expect(health.answer).toMatchObject({ status: 503, body: { status: 'unavailable', postgres: 'down' } });
      expect(Number(health.retryAfter)).toBeGreaterThan(0);
    } finally {
      await postgresRelay.restore();
    }
    expect((await ask('GET', '/instances')).answer.status).toBe(200);
  });

  it('answers 503 naming temporal, with Retry-After, while Temporal is unreachable; then recovers', async () => {
    await temporalRelay.cut();
    try {
      for (const [method, path, body] of [
        ['GET', `/instances/${instanceId}`],
        ['POST', '/definitions/errand/instances', { input: { what: 'glue' } }],
        ['POST', `/instances/${instanceId}/cancel`],
      ] as const) {
        const { answer, retryAfter } = await ask(method, path, body);
        expectUnavailable(answer, 'temporal', retryAfter);
      }
    } finally {
      await temporalRelay.restore();
    }
    expect((await ask('GET', `/instances/${instanceId}`)).answer.status).toBe(200);
    // The SDK retries an unreachable server for about 10 s per call before giving up.
  }, 120_000);

  it('recognises the connection failures pg reports, such as a server shutting the session down', async () => {
    const client = new pg.Client({ connectionString: t.baton.services.databaseUrl });
    await client.connect();
    client.on('error', () => {});
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const sleeping = client.query('SELECT pg_sleep(30)').catch((error: unknown) => error);
    await t.baton.context.db.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    const terminated = await sleeping;
    expect(terminated).toMatchObject({ code: '57P01' });
    expect(dependencyOutage(terminated)).toMatchObject({ dependency: 'postgres' });
    await client.end().catch(() => {});
  });
});
