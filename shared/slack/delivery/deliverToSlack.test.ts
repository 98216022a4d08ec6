import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { KnownBlock } from '@slack/types';
import type { Diagnosis } from '../../model/diagnosis.ts';
import { FakeSlackServer } from '../../../scripts/fakeSlack/FakeSlackServer.ts';
import { ChannelRateLimiter } from './ChannelRateLimiter.ts';
import { deliverToSlack, type SlackDelivery } from './deliverToSlack.ts';
import { MemoryIncidentThreads } from './MemoryIncidentThreads.ts';
import { resolveIncident } from './resolveIncident.ts';
import { SlackClient, type SlackMessage } from './SlackClient.ts';
import type { SlackDeliveryDeps } from './slackTarget.ts';

// A real diagnosis (the golden output for the rest-lambda-timeout bundle), in a stand-in rendering: the real
// renderer is shared/slack/message; this policy only needs a message with text and blocks.
const golden = JSON.parse(readFileSync(new URL('../../../test/golden/rest-lambda-timeout.json', import.meta.url), 'utf8')) as Diagnosis;
const ALARM_SINCE = '2026-03-10T13:56:52.616Z';

function messageOf(d: Diagnosis, note = ''): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `5xx on ${d.api.name ?? d.api.id}/${d.api.stage}: ${d.rootCause.title}`.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: `${d.rootCause.summary}${note}` } },
    { type: 'actions', elements: [{ type: 'button', action_id: 'rerun', text: { type: 'plain_text', text: 'Re-run now' }, value: JSON.stringify({ apiId: d.api.id, stage: d.api.stage }) }] },
  ];
  return { text: `${d.api.name}/${d.api.stage}: ${d.rootCause.title}${note}`, blocks };
}

function evidenceOf(d: Diagnosis): NonNullable<SlackDelivery['evidence']> {
  const items = d.findings.flatMap((f) => f.evidence);
  return {
    replies: items.slice(0, 2).map((e) => ({ text: e.excerpt.slice(0, 200), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${e.excerpt.slice(0, 2900)}\`\`\`` } }] })),
    file: { filename: `${d.api.id}-${d.api.stage}-evidence.txt`, content: items.map((e) => `${e.timestamp ?? ''} ${e.source} ${e.requestId ?? ''}\n${e.excerpt}`).join('\n\n'), title: 'All evidence' },
  };
}

function delivery(diagnosisId: string, note = '', withEvidence = true): SlackDelivery {
  return { apiId: golden.api.id, stage: golden.api.stage, diagnosisId, alarmSince: ALARM_SINCE, message: messageOf(golden, note), ...(withEvidence ? { evidence: evidenceOf(golden) } : {}) };
}

let fake: FakeSlackServer;
const clock = { t: Date.parse('2026-03-10T13:57:53.000Z') };
const postTimes: number[] = [];

function deps(overrides: Partial<SlackDeliveryDeps> = {}): SlackDeliveryDeps {
  // Virtual time: the rate limiter's waits advance the clock; each Slack call notes the time it was made at.
  const timed: typeof fetch = (input, init) => {
    if (String(input).includes('chat.')) postTimes.push(clock.t);
    return fetch(input, init);
  };
  const client = new SlackClient({ token: fake.token, baseUrl: fake.apiUrl, fetch: timed, sleep: async () => undefined });
  return {
    target: { kind: 'bot', client, channel: '#api-alerts' },
    threads,
    limiter: new ChannelRateLimiter({ now: () => clock.t, sleep: async (ms) => void (clock.t += ms) }),
    now: () => clock.t,
    cooldownMs: 30 * 60_000,
    ...overrides,
  };
}

let threads: MemoryIncidentThreads;

beforeAll(async () => {
  fake = await FakeSlackServer.start({ now: () => clock.t, channels: { 'api-alerts': 'C0123ABCD' } });
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.reset();
  threads = new MemoryIncidentThreads();
  clock.t = Date.parse('2026-03-10T13:57:53.000Z');
  postTimes.length = 0;
});

describe('deliverToSlack (bot)', () => {
  it('posts one root message per incident and puts the evidence into its thread', async () => {
    const outcome = await deliverToSlack(delivery('d1'), deps());
    expect(outcome).toMatchObject({ mode: 'new-root', channel: 'C0123ABCD', evidenceReplies: 2, problems: [] });
    expect(outcome.evidenceFileId).toMatch(/^F0/);

    const calls = fake.captured();
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage', 'chat.postMessage', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(calls.every((c) => c.error === undefined)).toBe(true);
    expect(calls[0]?.body).toEqual({ channel: '#api-alerts', ...messageOf(golden) });
    expect(calls[1]?.body['thread_ts']).toBe(outcome.rootTs);
    expect(calls[2]?.body['thread_ts']).toBe(outcome.rootTs);
    expect(calls[5]?.body).toMatchObject({ channel_id: 'C0123ABCD', thread_ts: outcome.rootTs });
    // Only the root is in the channel; the rest is in its thread.
    expect(fake.messages().filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    expect(fake.uploadedFiles()[0]?.content).toContain('Task timed out after 6.00 seconds');

    expect(await threads.get('thread#rgkwmpkz6q/prod')).toEqual({
      channel: 'C0123ABCD',
      ts: outcome.rootTs,
      diagnosisId: 'd1',
      postedAt: '2026-03-10T13:57:53.000Z',
      alarmSince: ALARM_SINCE,
      rootMessage: messageOf(golden),
    });
  });

  it('keeps to about one message a second in the channel (queued, not dropped)', async () => {
    await deliverToSlack(delivery('d1'), deps());
    expect(postTimes).toHaveLength(3);
    for (let i = 1; i < postTimes.length; i++) expect((postTimes[i] ?? 0) - (postTimes[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('puts a repeat within the cool-down into the thread and updates the root instead of posting anew', async () => {
    const first = await deliverToSlack(delivery('d1', '', false), deps());
    clock.t += 10 * 60_000;
    const second = await deliverToSlack(delivery('d2', ' (still failing)'), deps());
    expect(second).toMatchObject({ mode: 'thread', channel: 'C0123ABCD', rootTs: first.rootTs, evidenceReplies: 2, problems: [] });

    const roots = fake.messages().filter((m) => m.thread_ts === undefined);
    expect(roots).toHaveLength(1);
    expect(roots[0]).toMatchObject({ ts: first.rootTs, text: 'orders-api/prod: Lambda function timed out (still failing)', edits: 1 });
    const reply = fake.messages().find((m) => m.ts === second.replyTs);
    expect(reply).toMatchObject({ thread_ts: first.rootTs, text: 'orders-api/prod: Lambda function timed out (still failing)' });
    expect(fake.captured().filter((c) => c.method === 'chat.update')[0]?.body).toMatchObject({ channel: 'C0123ABCD', ts: first.rootTs });

    expect(await threads.get('thread#rgkwmpkz6q/prod')).toMatchObject({ ts: first.rootTs, diagnosisId: 'd2', postedAt: '2026-03-10T13:57:53.000Z', updatedAt: '2026-03-10T14:07:53.000Z', alarmSince: ALARM_SINCE });
  });

  it('measures the cool-down from the incident\'s last message, and posts a new root after it', async () => {
    await deliverToSlack(delivery('d1', '', false), deps());
    clock.t += 25 * 60_000;
    expect((await deliverToSlack(delivery('d2', '', false), deps())).mode).toBe('thread');
    clock.t += 25 * 60_000; // 50 min after the root, 25 after the last update
    expect((await deliverToSlack(delivery('d3', '', false), deps())).mode).toBe('thread');
    clock.t += 31 * 60_000;
    const late = await deliverToSlack(delivery('d4', '', false), deps());
    expect(late.mode).toBe('new-root');
    expect(fake.messages().filter((m) => m.thread_ts === undefined)).toHaveLength(2);
  });

  it('posts a new root when the old one is gone', async () => {
    await deliverToSlack(delivery('d1', '', false), deps());
    fake.failNext('chat.postMessage', { error: 'message_not_found' });
    const outcome = await deliverToSlack(delivery('d2', '', false), deps());
    expect(outcome.mode).toBe('new-root');
    expect((await threads.get('thread#rgkwmpkz6q/prod'))?.ts).toBe(outcome.rootTs);
  });

  it('reports, without failing, a root that could not be updated and evidence that could not be posted', async () => {
    await deliverToSlack(delivery('d1', '', false), deps());
    fake.failNext('chat.update', { error: 'cant_update_message' });
    fake.failNext('files.getUploadURLExternal', { error: 'file_uploads_disabled' });
    const outcome = await deliverToSlack(delivery('d2'), deps());
    expect(outcome.mode).toBe('thread');
    expect(outcome.evidenceReplies).toBe(2);
    expect(outcome.problems).toEqual([
      "the incident's root message was not updated: Slack chat.update failed: cant_update_message",
      'the evidence file was not uploaded: Slack files.getUploadURLExternal failed: file_uploads_disabled',
    ]);
    expect((await threads.get('thread#rgkwmpkz6q/prod'))?.rootMessage).toEqual(messageOf(golden));
  });

  it('fails when the diagnosis itself cannot be posted', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expect(deliverToSlack(delivery('d1'), deps())).rejects.toMatchObject({ error: 'not_in_channel' });
    expect(await threads.get('thread#rgkwmpkz6q/prod')).toBeUndefined();
  });
});

describe('resolveIncident', () => {
  it('updates the root to "Resolved after 14 min", tells the thread, and starts a new root next time', async () => {
    const first = await deliverToSlack(delivery('d1', '', false), deps());
    const outcome = await resolveIncident({ apiId: 'rgkwmpkz6q', stage: 'prod', resolvedAt: '2026-03-10T14:10:52.616Z' }, deps());
    expect(outcome).toEqual({ resolved: true, after: '14 min' });

    const root = fake.messages().find((m) => m.ts === first.rootTs);
    expect(root?.text).toBe('Resolved after 14 min: the alarm returned to OK at 2026-03-10 14:10 UTC. orders-api/prod: Lambda function timed out');
    expect(root?.blocks?.[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *Resolved after 14 min*: the alarm returned to OK at 2026-03-10 14:10 UTC.' } });
    expect(root?.blocks).toHaveLength(4);
    expect(fake.messages().find((m) => m.thread_ts === first.rootTs)?.text).toBe(':white_check_mark: Resolved after 14 min: the alarm returned to OK at 2026-03-10 14:10 UTC.');

    expect(await resolveIncident({ apiId: 'rgkwmpkz6q', stage: 'prod', resolvedAt: '2026-03-10T14:11:00.000Z' }, deps())).toMatchObject({ resolved: false, reason: 'already resolved at 2026-03-10T14:10:52.616Z' });
    clock.t += 60_000;
    expect((await deliverToSlack(delivery('d2', '', false), deps())).mode).toBe('new-root');
  });

  it('does nothing without an incident message', async () => {
    expect(await resolveIncident({ apiId: 'rgkwmpkz6q', stage: 'prod', resolvedAt: '2026-03-10T14:10:52.616Z' }, deps())).toEqual({ resolved: false, reason: 'no incident message for this API and stage' });
    expect(fake.captured()).toEqual([]);
  });
});

describe('webhook mode', () => {
  it('posts once, with no thread, no update and no evidence', async () => {
    const webhookDeps = deps({ target: { kind: 'webhook', client: new SlackClient(), url: fake.webhookUrl } });
    const outcome = await deliverToSlack(delivery('d1'), webhookDeps);
    expect(outcome).toEqual({ mode: 'webhook', evidenceReplies: 0, problems: ['webhook mode: the evidence was not posted (a webhook cannot reply in a thread); configure a bot token for threads'] });
    await deliverToSlack(delivery('d2', '', false), webhookDeps);
    expect(fake.captured().map((c) => [c.method, c.status])).toEqual([
      ['webhook', 200],
      ['webhook', 200],
    ]);
    expect(await threads.get('thread#rgkwmpkz6q/prod')).toBeUndefined();
    expect(await resolveIncident({ apiId: 'rgkwmpkz6q', stage: 'prod', resolvedAt: '2026-03-10T14:10:52.616Z' }, webhookDeps)).toEqual({ resolved: false, reason: 'webhook mode: there is no message to update' });
  });
});
