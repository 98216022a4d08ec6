import { describe, it, expect } from 'vitest';
import { SlackRequestAuthenticator } from './SlackRequestAuthenticator.ts';
import { SlackSecretsError } from './slackSecrets.ts';
import { slackSignature } from './verifySlackSignature.ts';

describe('SlackRequestAuthenticator', () => {
  const now = Date.parse('2026-11-24T10:15:32Z');
  const timestamp = String(Math.floor(now / 1000));
  const body = 'command=%2Fdiagnose&text=orders-api+prod';
  const signedWith = (secret: string) => ({ headers: { 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': slackSignature(secret, timestamp, body) }, body });

  it('re-reads the secret once after a mismatch (a rotated signing secret), at most once a minute', async () => {
    let current = 'old-secret';
    const reads: boolean[] = [];
    const auth = new SlackRequestAuthenticator(async (options) => {
      reads.push(options?.forceFetch === true);
      return { signingSecret: options?.forceFetch ? current : 'old-secret' };
    });
    expect(await auth.authenticate(signedWith('old-secret'), now)).toMatchObject({ ok: true });
    current = 'new-secret';
    expect(await auth.authenticate(signedWith('new-secret'), now)).toMatchObject({ ok: true });
    expect(reads).toEqual([false, false, true]);
    expect(await auth.authenticate(signedWith('forged'), now + 1000)).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(reads).toEqual([false, false, true, false]);
  });

  it('reports an unreadable secret as its own reason', async () => {
    const auth = new SlackRequestAuthenticator(async () => {
      throw new SlackSecretsError('The Slack secret x cannot be used: the secret is not JSON');
    });
    expect(await auth.authenticate(signedWith('x'), now)).toEqual({ ok: false, reason: 'secret-unavailable', detail: 'The Slack secret x cannot be used: the secret is not JSON' });
  });
});
