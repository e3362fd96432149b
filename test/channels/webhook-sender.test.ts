import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret, sendWebhook } from '../../channels/webhook-sender';

/** What the receiver saw of one request, after checking its signature as a consumer would. */
interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly timestampHeader: string | undefined;
  readonly verified: unknown;
}

describe('sendWebhook to a receiver that checks signatures', () => {
  const secret = newWebhookSecret();
  const received: Received[] = [];
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://receiver').pathname;
      // Never answers: the sender's timeout must end the attempt.
      if (path === '/hang') return;
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified: unknown;
        try {
          verified = new Webhook(secret).verify(body, webhookHeaders(request.headers));
        } catch (error) {
          response.writeHead(401).end(`bad signature: ${(error as Error).message}`);
          return;
        }
        received.push({
          path,
          contentType: request.headers['content-type'],
          timestampHeader: header(request.headers, 'webhook-timestamp'),
          verified,
        });
        if (path === '/fail') response.writeHead(500).end(`database down ${'x'.repeat(500)}`);
        else if (path === '/gone') response.writeHead(410).end('unsubscribed');
        else if (path === '/moved') response.writeHead(301, { location: `${base}/ok` }).end();
        else response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const timestamp = new Date();
  const delivery = (path: string) => ({
    url: `${base}${path}`,
    secret,
    messageId: 'msg_7f9c2b1e.lease:overdue',
    timestamp,
    payload: { kind: 'overdue', taskTitle: 'Check the lease', note: 'élan ✓' },
  });

  it('delivers a signed JSON body the receiver verifies', async () => {
    await expect(sendWebhook(delivery('/ok'))).resolves.toEqual({ sent: true });
    expect(received.at(-1)).toEqual({
      path: '/ok',
      contentType: 'application/json',
      timestampHeader: String(Math.floor(timestamp.getTime() / 1000)),
      verified: { kind: 'overdue', taskTitle: 'Check the lease', note: 'élan ✓' },
    });
  });

  it('reports a 500 as transient, naming the status and the start of the body', async () => {
    const outcome = await sendWebhook(delivery('/fail'));
    expect(outcome).toMatchObject({ sent: false, permanent: false });
    const error = outcome.sent ? '' : outcome.error;
    expect(error).toContain(`POST ${base}/fail answered 500: database down`);
    expect(error.length).toBeLessThan(300);
  });

  it('reports 410 Gone as permanent: the receiver wants no more', async () => {
    const outcome = await sendWebhook(delivery('/gone'));
    expect(outcome).toEqual({ sent: false, permanent: true, error: `POST ${base}/gone answered 410: unsubscribed` });
  });

  it('does not follow a redirect', async () => {
    const before = received.length;
    const outcome = await sendWebhook(delivery('/moved'));
    expect(outcome).toMatchObject({ sent: false, permanent: false });
    expect(outcome.sent === false && outcome.error).toContain('answered 301');
    expect(received.slice(before).map(({ path }) => path)).toEqual(['/moved']);
  });

  it('gives up on a receiver that never answers, as transient, within the timeout', async () => {
    const started = Date.now();
    const outcome = await sendWebhook({ ...delivery('/hang'), timeoutMs: 300 });
    expect(outcome).toEqual({
      sent: false,
      permanent: false,
      error: `POST ${base}/hang did not answer within 300 ms`,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a refused connection as transient', async () => {
    const outcome = await sendWebhook({ ...delivery('/ok'), url: `http://127.0.0.1:${await closedPort()}/hook` });
    expect(outcome).toMatchObject({ sent: false, permanent: false });
    expect(outcome.sent === false && outcome.error).toMatch(/did not answer: .*ECONNREFUSED/);
  });

  it('never shows a credential of the URL in its error', async () => {
    const outcome = await sendWebhook(delivery('/fail?token=s3cret'));
    expect(outcome.sent === false && outcome.error).toContain(`POST ${base}/fail?token=*** answered 500`);
    expect(outcome.sent === false && outcome.error).not.toContain('s3cret');
  });

  it('reports an unusable secret or URL as permanent without sending anything', async () => {
    const before = received.length;
    await expect(sendWebhook({ ...delivery('/ok'), secret: 'whsec_' })).resolves.toMatchObject({
      sent: false,
      permanent: true,
    });
    await expect(sendWebhook({ ...delivery('/ok'), url: 'ftp://127.0.0.1/hook' })).resolves.toMatchObject({
      sent: false,
      permanent: true,
    });
    expect(received.length).toBe(before);
  });
});

describe('newWebhookSecret', () => {
  it('makes a whsec_ key of 32 random bytes that standardwebhooks accepts', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it('makes a different key each time', () => {
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
  });
});

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function webhookHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return {
    'webhook-id': header(headers, 'webhook-id') ?? '',
    'webhook-timestamp': header(headers, 'webhook-timestamp') ?? '',
    'webhook-signature': header(headers, 'webhook-signature') ?? '',
  };
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
