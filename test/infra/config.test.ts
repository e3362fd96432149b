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
