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
