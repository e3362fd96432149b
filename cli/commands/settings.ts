import { UsageError } from './usage-error';

/** `npm start` serves the API on PORT, 3000 by default (infra/config.ts). */
export const DEFAULT_SERVER_URL = 'http://localhost:3000';

export interface ServerSettings {
  /** Without a trailing slash. */
  readonly url: string;
  readonly token: string | null;
}

/** The server to talk to: `--server` or BATON_URL, `--token` or BATON_TOKEN (flags win). */
export function serverSettings(
  flags: { readonly server?: string; readonly token?: string },
  env: Readonly<Record<string, string | undefined>>,
): ServerSettings {
  const raw = flags.server ?? nonEmpty(env.BATON_URL) ?? DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(
      `"${raw}" is not a server address`,
      'use a URL such as http://localhost:3000 (--server or BATON_URL)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `"${raw}" is not an http(s) address`,
      'use a URL such as http://localhost:3000 (--server or BATON_URL)',
    );
  }
  return { url: url.toString().replace(/\/+$/, ''), token: flags.token ?? nonEmpty(env.BATON_TOKEN) };
}

/** `BATON_DEFINITIONS_DIR`, default `./definitions`, as `npm start` reads it (infra/config.ts). */
export function definitionsDir(env: Readonly<Record<string, string | undefined>>): string {
  return nonEmpty(env.BATON_DEFINITIONS_DIR) ?? 'definitions';
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
