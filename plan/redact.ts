/**
 * A URL as Baton may show it: in a step's error, a notification, a plan, a log. The userinfo
 * (`https://user:secret@host`) and the values of query parameters named like credentials
 * (`token`, `access_token`, `api_key`, `apiKey`, `client_secret`, `X-Amz-Signature`...) become
 * `***`. Text only, no `URL`: workflow code calls it too, and a URL that does not parse
 * is redacted all the same.
 */
export function redactUrl(url: string): string {
  const [beforeFragment = '', ...fragment] = url.split('#');
  const queryAt = beforeFragment.indexOf('?');
  const address = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
  const query = queryAt === -1 ? null : beforeFragment.slice(queryAt + 1);
  const redacted = address.replace(USERINFO, '$1***@');
  return [
    query === null ? redacted : `${redacted}?${query.split('&').map(redactParameter).join('&')}`,
    ...fragment,
  ].join('#');
}

/** `scheme://userinfo@`: everything between `//` and the last `@` before the path. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

/** Endings of parameter names that carry credentials, compared without case, `-` or `_`. */
const CREDENTIAL_NAMES = [
  'token',
  'key',
  'secret',
  'password',
  'passwd',
  'pwd',
  'signature',
  'sig',
  'credential',
  'auth',
];

function redactParameter(parameter: string): string {
  const equals = parameter.indexOf('=');
  if (equals === -1) return parameter;
  const name = decodeName(parameter.slice(0, equals)).toLowerCase().replace(/[-_]/g, '');
  return CREDENTIAL_NAMES.some((ending) => name.endsWith(ending)) ? `${parameter.slice(0, equals)}=***` : parameter;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** Every URL in a text (an error message, a response quoted in one) redacted as `redactUrl` does. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
