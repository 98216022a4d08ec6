import { createHmac, timingSafeEqual } from 'node:crypto';
import { headerValue, rawBodyBytes, type SlackHttpRequest } from './slackRequest.ts';

/**
 * Slack's request signing, version 0 ("Verifying requests from Slack",
 * https://api.slack.com/authentication/verifying-requests-from-slack):
 * HMAC-SHA256 keyed with the app's signing secret over `v0:{X-Slack-Request-Timestamp}:{raw body}`, hex, sent as
 * `X-Slack-Signature: v0=<hex>`; a timestamp more than five minutes from now is refused (replay). Header names are
 * case-insensitive, and the body is the bytes as received, never a re-encoding of parsed fields.
 */

export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
/** Slack's own tolerance: "more than five minutes from local time". */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export type SignatureFailure =
  | 'no-secret'
  | 'missing-timestamp'
  | 'bad-timestamp'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'missing-signature'
  | 'bad-signature-format'
  | 'mismatch';

/** Verified: the body as text (UTF-8) for parsing. Refused: why, for the logs only (the caller answers 401 and nothing more). */
export type SignatureCheck = { ok: true; body: string; timestamp: number } | { ok: false; reason: SignatureFailure; detail: string };

const VERSION = 'v0';
const SIGNATURE_SHAPE = /^v0=[0-9a-f]{64}$/;

/** `v0=<hex>` for a timestamp (seconds, as the header carries it) and body bytes. */
export function slackSignature(signingSecret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`${VERSION}:${timestamp}:`, 'utf8');
  hmac.update(body);
  return `${VERSION}=${hmac.digest('hex')}`;
}

/** Checks a request's signature and timestamp against the signing secret at `nowMs`. Never throws. */
export function verifySlackSignature(request: SlackHttpRequest, signingSecret: string, nowMs: number, maxSkewSeconds = SLACK_MAX_SKEW_SECONDS): SignatureCheck {
  if (signingSecret === '') return { ok: false, reason: 'no-secret', detail: 'the signing secret is empty' };
  const timestampText = headerValue(request, SLACK_TIMESTAMP_HEADER)?.trim();
  if (timestampText === undefined || timestampText === '') {
    return { ok: false, reason: 'missing-timestamp', detail: `no ${SLACK_TIMESTAMP_HEADER} header` };
  }
  if (!/^\d{1,12}$/.test(timestampText)) {
    return { ok: false, reason: 'bad-timestamp', detail: `${SLACK_TIMESTAMP_HEADER} is not epoch seconds` };
  }
  const timestamp = Number(timestampText);
  const skew = timestamp - Math.floor(nowMs / 1000);
  if (skew < -maxSkewSeconds) return { ok: false, reason: 'stale-timestamp', detail: `the request was signed ${-skew} s ago (more than ${maxSkewSeconds} s)` };
  if (skew > maxSkewSeconds) return { ok: false, reason: 'future-timestamp', detail: `the request is signed ${skew} s in the future (more than ${maxSkewSeconds} s)` };

  const given = headerValue(request, SLACK_SIGNATURE_HEADER)?.trim().toLowerCase();
  if (given === undefined || given === '') return { ok: false, reason: 'missing-signature', detail: `no ${SLACK_SIGNATURE_HEADER} header` };
  if (!SIGNATURE_SHAPE.test(given)) {
    return { ok: false, reason: 'bad-signature-format', detail: `${SLACK_SIGNATURE_HEADER} is not "v0=" and 64 hex digits` };
  }
  const body = rawBodyBytes(request);
  const expected = Buffer.from(slackSignature(signingSecret, timestampText, body), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  // Equal lengths are guaranteed by the shape check; checked again because timingSafeEqual throws otherwise.
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, reason: 'mismatch', detail: 'the signature does not match the body and timestamp' };
  }
  return { ok: true, body: body.toString('utf8'), timestamp };
}
