import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { slackSignature, verifySlackSignature } from './verifySlackSignature.ts';

/**
 * Slack's worked example from "Verifying requests from Slack"
 * (https://api.slack.com/authentication/verifying-requests-from-slack, now docs.slack.dev/authentication/verifying-requests-from-slack).
 * The body text is quoted byte for byte by independent test suites that pin the same signature, e.g. a Spring
 * SlackAuthenticatorTest ("チェック用データはこちらを参考にした https://api.slack.com/authentication/verifying-requests-from-slack")
 * and a Go TestComputeSlackSignature_KnownAnswer ("the worked example published in Slack's documentation").
 */
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = '1531420618';
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const DOC_NOW = Number(DOC_TIMESTAMP) * 1000;

/** Headers as Slack sends them (capitalised as Slack writes them; a REST API passes them through as sent). */
function docRequest(overrides: { headers?: Record<string, string>; body?: string } = {}) {
  return {
    headers: overrides.headers ?? {
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'X-Slack-Request-Timestamp': DOC_TIMESTAMP,
      'X-Slack-Signature': DOC_SIGNATURE,
    },
    body: overrides.body ?? DOC_BODY,
    isBase64Encoded: false,
  };
}

/** An independent signer (not the module's), so the scheme is checked rather than echoed. */
function sign(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

describe('slackSignature', () => {
  it("reproduces Slack's documented example signature", () => {
    expect(slackSignature(DOC_SECRET, DOC_TIMESTAMP, DOC_BODY)).toBe(DOC_SIGNATURE);
    expect(slackSignature(DOC_SECRET, DOC_TIMESTAMP, Buffer.from(DOC_BODY))).toBe(DOC_SIGNATURE);
  });
});

describe('verifySlackSignature', () => {
  it("accepts Slack's documented example request at its own time and within five minutes of it", () => {
    const check = verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW);
    expect(check).toEqual({ ok: true, body: DOC_BODY, timestamp: 1531420618 });
    expect(verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW + 300_000).ok).toBe(true);
    expect(verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW - 300_000).ok).toBe(true);
  });

  it('accepts lower-cased header names (HTTP APIs lower-case them) and headers only in multiValueHeaders', () => {
    const lower = { headers: { 'x-slack-request-timestamp': DOC_TIMESTAMP, 'x-slack-signature': DOC_SIGNATURE }, body: DOC_BODY };
    expect(verifySlackSignature(lower, DOC_SECRET, DOC_NOW).ok).toBe(true);
    const multi = { headers: null, multiValueHeaders: { 'X-Slack-Request-Timestamp': [DOC_TIMESTAMP], 'X-SLACK-SIGNATURE': [DOC_SIGNATURE] }, body: DOC_BODY };
    expect(verifySlackSignature(multi, DOC_SECRET, DOC_NOW).ok).toBe(true);
  });

  it('verifies the decoded bytes when API Gateway base64-encoded the body', () => {
    const request = { ...docRequest(), body: Buffer.from(DOC_BODY).toString('base64'), isBase64Encoded: true };
    expect(verifySlackSignature(request, DOC_SECRET, DOC_NOW)).toMatchObject({ ok: true, body: DOC_BODY });
    // The same base64 text taken as the body itself is not what Slack signed.
    expect(verifySlackSignature({ ...request, isBase64Encoded: false }, DOC_SECRET, DOC_NOW)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a tampered body: one changed field, a re-encoded space, a trailing newline', () => {
    for (const body of [
      DOC_BODY.replace('text=&', 'text=prod&'),
      DOC_BODY.replace('user_id=U2CERLKJA', 'user_id=U2CERLKJB'),
      DOC_BODY.replace('%2Fwebhook-collect', '/webhook-collect'),
      `${DOC_BODY}\n`,
    ]) {
      expect(verifySlackSignature(docRequest({ body }), DOC_SECRET, DOC_NOW)).toMatchObject({ ok: false, reason: 'mismatch' });
    }
  });

  it('refuses the right request checked with another secret, and an empty secret', () => {
    expect(verifySlackSignature(docRequest(), '8f742231b10e8888abcd99yyyzzz85a6', DOC_NOW)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifySlackSignature(docRequest(), '', DOC_NOW)).toMatchObject({ ok: false, reason: 'no-secret' });
  });

  it('refuses stale and future timestamps (replay), one second past the five minutes', () => {
    expect(verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW + 301_000)).toMatchObject({ ok: false, reason: 'stale-timestamp' });
    expect(verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW + 86_400_000)).toMatchObject({ ok: false, reason: 'stale-timestamp' });
    expect(verifySlackSignature(docRequest(), DOC_SECRET, DOC_NOW - 301_000)).toMatchObject({ ok: false, reason: 'future-timestamp' });
  });

  it('refuses a replayed signature under a fresh timestamp', () => {
    const now = Date.parse('2026-11-24T10:15:32Z');
    const fresh = String(Math.floor(now / 1000));
    const request = docRequest({ headers: { 'X-Slack-Request-Timestamp': fresh, 'X-Slack-Signature': DOC_SIGNATURE } });
    expect(verifySlackSignature(request, DOC_SECRET, now)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses missing and malformed headers without throwing', () => {
    const only = (headers: Record<string, string>) => verifySlackSignature(docRequest({ headers }), DOC_SECRET, DOC_NOW);
    expect(only({ 'X-Slack-Signature': DOC_SIGNATURE })).toMatchObject({ ok: false, reason: 'missing-timestamp' });
    expect(only({ 'X-Slack-Request-Timestamp': DOC_TIMESTAMP })).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(only({ 'X-Slack-Request-Timestamp': '', 'X-Slack-Signature': DOC_SIGNATURE })).toMatchObject({ ok: false, reason: 'missing-timestamp' });
    expect(only({ 'X-Slack-Request-Timestamp': '1531420618.5', 'X-Slack-Signature': DOC_SIGNATURE })).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(only({ 'X-Slack-Request-Timestamp': 'Thu, 12 Jul 2018', 'X-Slack-Signature': DOC_SIGNATURE })).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(only({ 'X-Slack-Request-Timestamp': DOC_TIMESTAMP, 'X-Slack-Signature': DOC_SIGNATURE.slice(3) })).toMatchObject({ ok: false, reason: 'bad-signature-format' });
    expect(only({ 'X-Slack-Request-Timestamp': DOC_TIMESTAMP, 'X-Slack-Signature': 'v1=' + DOC_SIGNATURE.slice(3) })).toMatchObject({ ok: false, reason: 'bad-signature-format' });
    expect(only({ 'X-Slack-Request-Timestamp': DOC_TIMESTAMP, 'X-Slack-Signature': DOC_SIGNATURE.slice(0, -1) })).toMatchObject({ ok: false, reason: 'bad-signature-format' });
    expect(verifySlackSignature({ headers: null, body: null }, DOC_SECRET, DOC_NOW)).toMatchObject({ ok: false, reason: 'missing-timestamp' });
  });

  it('accepts any body signed with the secret, and refuses it after any one byte changes', () => {
    const now = Date.parse('2026-11-24T10:15:32Z');
    const timestamp = String(Math.floor(now / 1000));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.nat(), (body, at) => {
        const headers = { 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': sign('s3cr3t', timestamp, body) };
        expect(verifySlackSignature({ headers, body }, 's3cr3t', now).ok).toBe(true);
        const bytes = Buffer.from(body, 'utf8');
        const i = at % bytes.length;
        bytes[i] = (bytes[i] ?? 0) ^ 0x01;
        const changed = { headers, body: bytes.toString('base64'), isBase64Encoded: true };
        expect(verifySlackSignature(changed, 's3cr3t', now)).toMatchObject({ ok: false, reason: 'mismatch' });
      }),
    );
  });
});

describe('the sample requests of events/slack', () => {
  // Signed by events/slack/generate.ts with its test secret; checked here too so that the default test run covers them.
  const dir = new URL('../../events/slack/', import.meta.url);
  const TEST_SECRET = 'f3a5c1e9b7d24a6c8e0f2b4d6a8c0e1f';
  it('verify with the test secret at their arrival time, except the forged one; the docs example with Slack\'s secret', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const event = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { requestContext: { requestTimeEpoch: number }; headers: Record<string, string>; body: string; isBase64Encoded: boolean };
      const docs = file === 'slash-command-slack-docs-example.json';
      const check = verifySlackSignature(event, docs ? DOC_SECRET : TEST_SECRET, docs ? DOC_NOW : event.requestContext.requestTimeEpoch);
      expect(check.ok, file).toBe(file !== 'slash-command-forged.json');
    }
  });
});
