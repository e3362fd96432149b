import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors';
import { readConfig } from '../../infra/config';

describe('BATON_HOST', () => {
  it('is unset by default: each command applies its own default', () => {
    expect(readConfig({}).host).toBeNull();
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'baton.internal.example.com'])('accepts %s', (host) => {
    expect(readConfig({ BATON_HOST: host }).host).toBe(host);
  });

  it.each(['127.0.0.1:3000', '[::1]', 'http://localhost', 'two words', '-leading-dash'])('refuses %s', (host) => {
    expect(() => readConfig({ BATON_HOST: host })).toThrow(ConfigError);
    expect(() => readConfig({ BATON_HOST: host })).toThrow(/BATON_HOST=.* is not an IP address or a host name/);
  });
});

describe('BATON_MAIL_CATCHER_SMTP_PORT and BATON_MAIL_CATCHER_WEB_PORT', () => {
  it("default to maildev's own ports, 1025 and 1080", () => {
    expect(readConfig({})).toMatchObject({ mailCatcherSmtpPort: 1025, mailCatcherWebPort: 1080 });
  });

  it('are read from the environment', () => {
    expect(readConfig({ BATON_MAIL_CATCHER_SMTP_PORT: '2025', BATON_MAIL_CATCHER_WEB_PORT: ' 2080 ' })).toMatchObject({
      mailCatcherSmtpPort: 2025,
      mailCatcherWebPort: 2080,
    });
  });

  it.each(['0', '65536', '1025.5', 'smtp'])('refuse %s, naming the variable', (value) => {
    expect(() => readConfig({ BATON_MAIL_CATCHER_WEB_PORT: value })).toThrow(ConfigError);
    expect(() => readConfig({ BATON_MAIL_CATCHER_WEB_PORT: value })).toThrow(
      `BATON_MAIL_CATCHER_WEB_PORT=${value} is not a TCP port`,
    );
  });
});

describe('the mail settings', () => {
  it('refuse an SMTP URL that is none, naming the variable and the form', () => {
    expect(() => readConfig({ BATON_SMTP_URL: 'mail.example.com:25' })).toThrow(
      'BATON_SMTP_URL is not a smtp: or smtps: URL',
    );
  });

  it('keep the public URL without its trailing slash', () => {
    expect(readConfig({ BATON_PUBLIC_URL: 'https://baton.example.com/' }).publicUrl).toBe('https://baton.example.com');
  });

  it('take refuse or ignore for unknown senders, nothing else', () => {
    expect(readConfig({}).intakeUnknownSenders).toBe('refuse');
    expect(() => readConfig({ BATON_INTAKE_UNKNOWN_SENDERS: 'bounce' })).toThrow(ConfigError);
  });
});

describe('BATON_METRICS_TOKEN and BATON_WORKER_METRICS_ADDRESS', () => {
  it('are unset by default: no /metrics, no worker endpoint', () => {
    expect(readConfig({})).toMatchObject({ metricsToken: null, workerMetricsAddress: null });
  });

  it('are read from the environment', () => {
    const token = 'a'.repeat(64);
    expect(readConfig({ BATON_METRICS_TOKEN: token, BATON_WORKER_METRICS_ADDRESS: '0.0.0.0:9464' })).toMatchObject({
      metricsToken: token,
      workerMetricsAddress: '0.0.0.0:9464',
    });
  });

  it('refuse a token shorter than 32 characters', () => {
    expect(() => readConfig({ BATON_METRICS_TOKEN: 'short' })).toThrow(/BATON_METRICS_TOKEN is not 32 characters/);
  });

  it.each(['127.0.0.1:9464', '[::1]:9464', 'worker.internal:9464'])('accept the address %s', (address) => {
    expect(readConfig({ BATON_WORKER_METRICS_ADDRESS: address }).workerMetricsAddress).toBe(address);
  });

  it.each(['9464', '0.0.0.0', '0.0.0.0:0', '::1:9464', 'http://0.0.0.0:9464'])('refuse the address %s', (address) => {
    expect(() => readConfig({ BATON_WORKER_METRICS_ADDRESS: address })).toThrow(
      `BATON_WORKER_METRICS_ADDRESS=${address} is not a host:port address`,
    );
  });
});

describe('the token settings', () => {
  it('refuse a BATON_ADMIN_TOKEN shorter than 32 characters, saying how to make one', () => {
    expect(() => readConfig({ BATON_ADMIN_TOKEN: 'short-admin-token' })).toThrow(ConfigError);
    expect(() => readConfig({ BATON_ADMIN_TOKEN: 'short-admin-token' })).toThrow(
      /BATON_ADMIN_TOKEN is shorter than 32 characters.*openssl rand -hex 32/,
    );
    const token = 'f'.repeat(64);
    expect(readConfig({ BATON_ADMIN_TOKEN: token }).adminToken).toBe(token);
    expect(readConfig({}).adminToken).toBeNull();
  });

  it('give tokens 90 days by default, or BATON_TOKEN_TTL_DAYS between 1 and 365', () => {
    expect(readConfig({}).tokenTtlDays).toBe(90);
    expect(readConfig({ BATON_TOKEN_TTL_DAYS: '30' }).tokenTtlDays).toBe(30);
    for (const days of ['0', '366', '7.5', 'a month']) {
      expect(() => readConfig({ BATON_TOKEN_TTL_DAYS: days })).toThrow(
        `BATON_TOKEN_TTL_DAYS=${days} is not a whole number of days between 1 and 365`,
      );
    }
  });

  it('trust no proxy by default, or a number of hops, or addresses, subnets and range names', () => {
    expect(readConfig({}).trustProxy).toBeNull();
    expect(readConfig({ BATON_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ BATON_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    for (const value of ['true', 'proxy.internal', '10.0.0.0/33']) {
      expect(() => readConfig({ BATON_TRUST_PROXY: value })).toThrow(/BATON_TRUST_PROXY names/);
    }
  });
});
