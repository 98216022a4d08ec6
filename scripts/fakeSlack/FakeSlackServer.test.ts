import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnyBlock, KnownBlock } from '@slack/types';
import { FakeSlackServer } from './FakeSlackServer.ts';
import { SlackClient } from '../../shared/slack/delivery/SlackClient.ts';
import { SlackApiError } from '../../shared/slack/delivery/SlackApiError.ts';

let fake: FakeSlackServer;
const sleeps: number[] = [];
const client = () => new SlackClient({ token: fake.token, baseUrl: fake.apiUrl, sleep: async (ms) => void sleeps.push(ms), timeoutMs: 5000 });

// Typed with @slack/types: what the renderer sends has this structure.
const blocks: KnownBlock[] = [
  { type: 'header', text: { type: 'plain_text', text: '5xx on orders-api/prod: Lambda function timed out' } },
  { type: 'section', text: { type: 'mrkdwn', text: '*orders-fn* hit its timeout of 6 s on 11 requests.' }, fields: [{ type: 'mrkdwn', text: '*Status*\n502 ×11' }] },
  { type: 'context', elements: [{ type: 'mrkdwn', text: 'confidence 95%' }] },
  { type: 'actions', elements: [{ type: 'button', action_id: 'rerun', text: { type: 'plain_text', text: 'Re-run now' }, value: '{"apiId":"rgkwmpkz6q","stage":"prod"}' }] },
];

beforeAll(async () => {
  fake = await FakeSlackServer.start({ now: () => Date.parse('2024-04-24T23:06:40.000Z'), channels: { 'api-alerts': 'C0123ABCD' } });
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.reset();
  sleeps.length = 0;
});

describe('SlackClient against the fake Slack', () => {
  it('posts a message by channel name and gets the channel id and a Slack-shaped ts back', async () => {
    const posted = await client().postMessage({ channel: '#api-alerts', text: 'orders-api/prod: Lambda function timed out', blocks });
    expect(posted).toEqual({ channel: 'C0123ABCD', ts: '1714000000.000000' });
    const [call] = fake.captured();
    expect(call?.method).toBe('chat.postMessage');
    expect(call?.body).toEqual({ channel: '#api-alerts', text: 'orders-api/prod: Lambda function timed out', blocks });
    expect(call?.error).toBeUndefined();
  });

  it('replies in the thread and updates the root', async () => {
    const slack = client();
    const root = await slack.postMessage({ channel: 'api-alerts', text: 'first', blocks });
    const reply = await slack.postMessage({ channel: root.channel, thread_ts: root.ts, text: 'still failing' });
    const updated = await slack.update({ channel: root.channel, ts: root.ts, text: 'resolved after 14 min', blocks: blocks.slice(0, 2) });
    expect(reply.ts > root.ts).toBe(true);
    expect(updated).toEqual(root);
    expect(fake.messages()).toEqual([
      { channel: 'C0123ABCD', ts: root.ts, text: 'resolved after 14 min', blocks: blocks.slice(0, 2), edits: 1 },
      { channel: 'C0123ABCD', ts: reply.ts, thread_ts: root.ts, text: 'still failing', edits: 0 },
    ]);
  });

  it('uploads a file into a thread with getUploadURLExternal, the upload URL and completeUploadExternal', async () => {
    const slack = client();
    const root = await slack.postMessage({ channel: 'api-alerts', text: 'root' });
    const content = 'requestId,status\n0894a994-46de-48b5-b1a2-bf089cd037d6,502\n';
    const { fileId } = await slack.uploadFile({ channel: root.channel, thread_ts: root.ts, filename: 'evidence.txt', content, title: 'All evidence' });
    expect(fileId).toMatch(/^F0[0-9A-F]{9}$/);
    const calls = fake.captured();
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(calls[1]?.body).toEqual({ filename: 'evidence.txt', length: String(Buffer.byteLength(content)) });
    expect(calls[3]?.body).toEqual({ files: [{ id: fileId, title: 'All evidence' }], channel_id: 'C0123ABCD', thread_ts: root.ts });
    expect(fake.uploadedFiles()).toEqual([{ id: fileId, filename: 'evidence.txt', length: Buffer.byteLength(content), content, title: 'All evidence', channel: 'C0123ABCD', thread_ts: root.ts }]);
  });

  it('posts to an incoming webhook and surfaces its plain-text errors', async () => {
    const slack = new SlackClient({ sleep: async () => undefined });
    await slack.postWebhook(fake.webhookUrl, { text: 'orders-api/prod: Lambda function timed out', blocks });
    expect(fake.captured().at(-1)).toMatchObject({ method: 'webhook', status: 200, body: { text: 'orders-api/prod: Lambda function timed out' } });

    await expect(slack.postWebhook(fake.webhookUrl, { text: '' })).rejects.toMatchObject({ name: 'SlackApiError', method: 'webhook', error: 'no_text', httpStatus: 400 });
    const tooMany: AnyBlock[] = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(slack.postWebhook(fake.webhookUrl, { text: 'x', blocks: tooMany })).rejects.toMatchObject({ error: 'invalid_blocks', httpStatus: 400 });
    const error = await slack.postWebhook(`${fake.webhookUrl}x`, { text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ error: 'no_service', httpStatus: 404 });
    // The webhook URL is a secret: it is in no error message.
    expect(String((error as Error).message)).not.toContain(fake.webhookUrl.split('/').at(-1));
  });

  it('waits out a 429 with its Retry-After and then succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 2 });
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const posted = await client().postMessage({ channel: 'api-alerts', text: 'after the rate limit' });
    expect(posted.channel).toBe('C0123ABCD');
    expect(sleeps).toEqual([2000, 1000]);
    expect(fake.captured().map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('gives up after maxRetries 429s, and at once when Retry-After is longer than allowed', async () => {
    for (let i = 0; i < 4; i++) fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await expect(client().postMessage({ channel: 'api-alerts', text: 'x' })).rejects.toMatchObject({ error: 'ratelimited', httpStatus: 429 });
    expect(sleeps).toEqual([1000, 1000, 1000]);

    fake.reset();
    sleeps.length = 0;
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 120 });
    await expect(client().postMessage({ channel: 'api-alerts', text: 'x' })).rejects.toMatchObject({ error: 'ratelimited' });
    expect(sleeps).toEqual([]);
  });

  it('turns ok:false into a SlackApiError with Slack\'s detail', async () => {
    const long: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
    const error = await client().postMessage({ channel: 'api-alerts', text: 'x', blocks: long }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ method: 'chat.postMessage', error: 'invalid_blocks', detail: ['must be less than 151 characters [json-pointer:/blocks/0/text/text]', '[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]'] });

    await expect(new SlackClient({ token: 'xoxb-wrong', baseUrl: fake.apiUrl }).postMessage({ channel: 'api-alerts', text: 'x' })).rejects.toMatchObject({ error: 'invalid_auth' });
    await expect(client().update({ channel: '#api-alerts', ts: '1714000000.000000', text: 'x' })).rejects.toMatchObject({ error: 'channel_not_found' });
    await expect(client().update({ channel: 'C0123ABCD', ts: '1.000000', text: 'x' })).rejects.toMatchObject({ error: 'message_not_found' });
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expect(client().postMessage({ channel: 'api-alerts', text: 'x' })).rejects.toThrow('Slack chat.postMessage failed: not_in_channel');
  });

  it('never sends the token anywhere but the Authorization header, and not to the upload URL', async () => {
    const seen: { url: string; auth: string | undefined; body: string }[] = [];
    const spy: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      seen.push({ url: String(input), auth: headers.get('authorization') ?? undefined, body: typeof init?.body === 'string' ? init.body : '' });
      return fetch(input, init);
    };
    const slack = new SlackClient({ token: fake.token, baseUrl: fake.apiUrl, fetch: spy });
    const root = await slack.postMessage({ channel: 'api-alerts', text: 'root' });
    await slack.uploadFile({ channel: root.channel, thread_ts: root.ts, filename: 'e.txt', content: 'x' });
    expect(seen.map((s) => s.auth === `Bearer ${fake.token}`)).toEqual([true, true, false, true]);
    expect(seen.some((s) => s.body.includes(fake.token))).toBe(false);
  });

  it('checks the token with auth.test, and sends JSON with a charset (no missing_charset warning)', async () => {
    expect(await client().authTest()).toEqual({ teamId: 'T0FAKE0001', userId: 'U0FAKEBOT1', botId: 'B0FAKEBOT1' });
    const raw = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'api-alerts', text: 'x' }) });
    expect(await raw.json()).toMatchObject({ ok: true, warning: 'missing_charset' });
  });

  it('fails with a clear error when there is no bot token', async () => {
    await expect(new SlackClient({ baseUrl: fake.apiUrl }).postMessage({ channel: 'api-alerts', text: 'x' })).rejects.toMatchObject({ error: 'not_authed' });
    expect(fake.captured()).toEqual([]);
  });

  it('times out a request that gets no answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    await expect(new SlackClient({ token: 'xoxb-t', fetch: hanging, timeoutMs: 50 }).postMessage({ channel: 'c', text: 'x' })).rejects.toMatchObject({ name: 'SlackTransportError', reason: 'timeout' });
  });
});
