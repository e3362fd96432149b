import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { redactUrl } from '../plan/redact';
import type { SendOutcome } from './smtp';

/** How long a receiver has to answer before the attempt counts as failed (and is retried later). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** How much of a refusing receiver's body is kept in the error: enough to read its reason. */
const MAX_BODY_EXCERPT = 200;

export interface WebhookDelivery {
  readonly url: string;
  /** `whsec_<base64>`, as `newWebhookSecret` makes. */
  readonly secret: string;
  /** The `webhook-id`: the same on every attempt, so receivers can drop a duplicate. */
  readonly messageId: string;
  readonly timestamp: Date;
  /** Sent as JSON. */
  readonly payload: unknown;
  /** Defaults to `WEBHOOK_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
}

/**
 * POSTs `payload` signed as the Standard Webhooks spec says (`webhook-id`, `webhook-timestamp`
 * in seconds, `webhook-signature`). A 2xx answer is delivered. 410 Gone is the receiver saying
 * it wants no more: permanent. Anything else, redirects included (the spec advises not to
 * follow them: the URL should be updated), is transient. Never throws.
 */
export async function sendWebhook({
  url,
  secret,
  messageId,
  timestamp,
  payload,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
}: WebhookDelivery): Promise<SendOutcome> {
  // The URL may carry a token: errors, which are stored and shown, name it redacted.
  const target = `POST ${redactUrl(url)}`;
  if (!isHttpUrl(url)) return { sent: false, permanent: true, error: `${target}: not an http(s) URL` };
  const body = JSON.stringify(payload ?? null);
  let signature: string;
  try {
    signature = new Webhook(secret).sign(messageId, timestamp, body);
  } catch (error) {
    // A secret that does not decode stays broken until someone replaces it.
    return { sent: false, permanent: true, error: `${target}: the signing secret is unusable (${messageOf(error)})` };
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) {
      // Nothing to read; cancelling frees the connection for the next delivery.
      await response.body?.cancel();
      return { sent: true };
    }
    const excerpt = (await response.text()).slice(0, MAX_BODY_EXCERPT);
    return {
      sent: false,
      permanent: response.status === 410,
      error: `${target} answered ${response.status}${excerpt === '' ? '' : `: ${excerpt}`}`,
    };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { sent: false, permanent: false, error: `${target} did not answer within ${timeoutMs} ms` };
    }
    return { sent: false, permanent: false, error: `${target} did not answer: ${messageOf(error)}` };
  }
}

/** A fresh signing secret: `whsec_` and 32 random bytes in base64 (the spec asks for at least 24). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

function isHttpUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure) is its cause. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? `${cause.code} ` : '';
    return `${error.message} (${code}${cause.message})`.trim();
  }
  return error.message;
}
