import net from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listen } from '../../db/listen';
import { eventually } from '../support/wait';

/** A TCP relay to Postgres whose open connections can go silent: they stay open, nothing passes any more. */
class SilencingRelay {
  private readonly server: net.Server;
  private readonly connections = new Set<{ silent: boolean; sockets: readonly net.Socket[] }>();

  constructor(target: { readonly host: string; readonly port: number }) {
    this.server = net.createServer((incoming) => {
      const outgoing = net.connect(target.port, target.host);
      const connection = { silent: false, sockets: [incoming, outgoing] };
      this.connections.add(connection);
      incoming.on('data', (chunk) => connection.silent || outgoing.write(chunk));
      outgoing.on('data', (chunk) => connection.silent || incoming.write(chunk));
      for (const socket of connection.sockets) {
        socket.on('error', () => socket.destroy());
        socket.on('close', () => this.connections.delete(connection));
      }
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  /** As behind a failed-over address: the connections open now pass nothing, and never close. */
  silenceOpenConnections(): void {
    for (const connection of this.connections) connection.silent = true;
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) for (const socket of connection.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('listening on a Postgres channel', () => {
  const databaseUrl = new URL(inject('databaseUrl'));
  let relay: SilencingRelay;
  let relayedUrl: string;

  beforeAll(async () => {
    relay = new SilencingRelay({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(await relay.start());
    relayedUrl = url.toString();
  });

  afterAll(async () => {
    await relay?.stop();
  });

  it('finds a connection that went silent without closing, says it lost it, and listens again on a new one', async () => {
    const events: string[] = [];
    const payloads: string[] = [];
    const db = { options: { url: relayedUrl } } as unknown as DataSource;
    const listener = listen(
      db,
      'baton_listen_test',
      {
        onNotify: (payload) => payloads.push(payload),
        onListening: () => events.push('listening'),
        onLost: () => events.push('lost'),
      },
      { heartbeatMs: 200, heartbeatTimeoutMs: 300 },
    );
    const sender = new Client({ connectionString: databaseUrl.toString() });
    await sender.connect();
    try {
      await eventually(async () => listener.listening, 'the first connection');
      await sender.query("SELECT pg_notify('baton_listen_test', 'before')");
      await eventually(async () => payloads.includes('before'), 'the first notification');

      relay.silenceOpenConnections();
      await eventually(async () => events.includes('lost'), 'the silent connection to be found', 5_000);
      await eventually(async () => listener.listening, 'a new connection', 10_000);
      expect(events).toEqual(['listening', 'lost', 'listening']);
      await sender.query("SELECT pg_notify('baton_listen_test', 'after')");
      await eventually(async () => payloads.includes('after'), 'a notification on the new connection');
    } finally {
      await sender.end();
      await listener.close();
    }
  });
});
