import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttpCall } from '../../activities/http-call';
import { redactUrl, redactUrls } from '../../plan/redact';

describe('redactUrl', () => {
  it('hides the userinfo and the values of credential-like query parameters, keeping the rest', () => {
    expect(redactUrl('https://user:secret@erp.example.com/api/orders?site=LYO&token=abc&api_key=k&apiKey=z#top')).toBe(
      'https://***@erp.example.com/api/orders?site=LYO&token=***&api_key=***&apiKey=***#top',
    );
    expect(redactUrl('https://s3.example.com/f?X-Amz-Credential=c&X-Amz-Signature=s&access_token=t')).toBe(
      'https://s3.example.com/f?X-Amz-Credential=***&X-Amz-Signature=***&access_token=***',
    );
    expect(redactUrl('https://erp.example.com/a@b?q=x@y&page=2')).toBe('https://erp.example.com/a@b?q=x@y&page=2');
  });

  it('redacts every URL of a text', () => {
    expect(redactUrls('GET https://u:p@h.example.com/x?secret=1 failed: "http://h.example.com/?key=2".')).toBe(
      'GET https://***@h.example.com/x?secret=*** failed: "http://h.example.com/?key=***".',
    );
  });
});

describe('sendHttpCall with credentials in the URL', () => {
  let server: http.Server;
  let base = '';
  const authorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      authorizations.push(request.headers.authorization);
      // Echoes the address asked for, as some servers do in their errors.
      response.writeHead(request.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ asked: `http://${request.headers.host}${request.url}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = (url: string) => ({ method: 'GET' as const, url, headers: {}, body: null, timeoutMs: 2_000 });

  it('sends them as Basic auth', async () => {
    await expect(sendHttpCall(call(`http://svc:s3cret@${base}/ok`), ['127.0.0.1'])).resolves.toEqual({
      asked: `http://${base}/ok`,
    });
    expect(authorizations.at(-1)).toBe(`Basic ${Buffer.from('svc:s3cret').toString('base64')}`);
  });

  it('never shows them, nor a token of the query, in what a failure says', async () => {
    const failure = sendHttpCall(call(`http://svc:s3cret@${base}/fail?token=t0ken&site=LYO`), ['127.0.0.1']);
    await expect(failure).rejects.toThrow(`GET http://***@${base}/fail?token=***&site=LYO answered 500`);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).not.toMatch(/s3cret|t0ken/);
    const refused = await sendHttpCall(call(`http://svc:s3cret@127.0.0.1:1/x?api_key=k3y`), ['127.0.0.1']).catch(
      (error: Error) => error.message,
    );
    expect(refused).toContain('GET http://***@127.0.0.1:1/x?api_key=*** did not answer');
    expect(refused).not.toMatch(/s3cret|k3y/);
  });
});
