/**
 * Notify's Slack path against the fake Slack server (scripts/fakeSlack): an alarm's diagnosis posts one root message
 * whose Block Kit passes Slack's checks, the evidence in its thread; a repeat within the cool-down threads and updates
 * the root; a muted API is not posted; a /diagnose request is answered on its response_url; the SNS https entry is an
 * Amazon Q custom notification.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { readFile } from 'node:fs/promises';
import { FakeSlackServer } from '../../scripts/fakeSlack/FakeSlackServer.ts';
import { MemoryMuteList } from '../chatops/MemoryMuteList.ts';
import type { ResponsePoster, ResponseUrlMessage } from '../chatops/responsePoster.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { ChannelRateLimiter } from '../slack/delivery/ChannelRateLimiter.ts';
import { MemoryIncidentThreads } from '../slack/delivery/MemoryIncidentThreads.ts';
import { SlackClient } from '../slack/delivery/SlackClient.ts';
import { blockKitProblems } from '../slack/message/blockKitProblems.ts';
import { amazonQNotificationProblems } from '../amazonq/amazonQNotificationSchema.ts';
import { MemoryEvidenceStore } from '../store/MemoryEvidenceStore.ts';
import type { Incident } from '../workflow/stepPayloads.ts';
import { notify } from './notify.ts';
import { alarmScopeFromEvent } from '../live/alarmScopeFromEvent.ts';
import { resolveIncident } from '../slack/delivery/resolveIncident.ts';
import type { SlackNotifyDeps } from './notifySlack.ts';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:384756102938:apigw-doctor-diagnoses';
let slack: FakeSlackServer;
let diagnosis: Diagnosis;
let alarmEvent: unknown;
const NOW = Date.parse('2026-03-10T14:05:00Z');

beforeAll(async () => {
  slack = await FakeSlackServer.start({ now: () => NOW });
  diagnosis = JSON.parse(await readFile(new URL('../../test/golden/rest-lambda-timeout.json', import.meta.url), 'utf8')) as Diagnosis;
  alarmEvent = JSON.parse(await readFile(new URL('../../events/incidents/rest-lambda-timeout/alarm.json', import.meta.url), 'utf8')) as unknown;
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.reset();
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

function slackDeps(extra: Partial<SlackNotifyDeps> = {}, threads = new MemoryIncidentThreads()): SlackNotifyDeps {
  const client = new SlackClient({ token: slack.token, baseUrl: slack.apiUrl });
  return {
    delivery: { target: { kind: 'bot', client, channel: 'C0INCIDENT1' }, threads, limiter: new ChannelRateLimiter({ ratePerSecond: 1000, burst: 100 }), now: () => NOW, cooldownMs: 30 * 60_000 },
    responses: { post: async () => ({ ok: true }) },
    ...extra,
  };
}

async function storeWith(id: string): Promise<MemoryEvidenceStore> {
  const store = new MemoryEvidenceStore();
  await store.putJson(`diagnoses/${id}/diagnosis.json`, diagnosis);
  await store.putJson(`diagnoses/${id}/chart.json`, { metricSeries: [{ time: '2026-03-10T13:55:00Z', value: 0 }, { time: '2026-03-10T13:56:00Z', value: 9 }], deployments: [] });
  return store;
}

function alarmIncident(id: string): Incident {
  return { diagnosisId: id, proceed: true, target: { kind: 'alarm-event', event: alarmEvent }, requestedAt: Date.parse('2026-03-10T13:56:52Z') };
}

function summary(id: string) {
  return { diagnosisId: id, ref: `diagnoses/${id}/diagnosis.json`, rootCause: diagnosis.rootCause.id, confidence: diagnosis.rootCause.confidence, failingRequests: diagnosis.failingRequests.total };
}

describe('Notify to Slack', () => {
  it("posts an alarm's diagnosis as one root message with valid Block Kit, the evidence in its thread", async () => {
    const store = await storeWith('d1');
    const result = await notify({ incident: alarmIncident('d1'), diagnosis: summary('d1') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps() });
    expect(result.slack).toEqual({ posted: 'incident-root' });
    const posts = slack.captured().filter((c) => c.method === 'chat.postMessage');
    const root = posts[0]?.body;
    expect(root?.['channel']).toBe('C0INCIDENT1');
    expect(root?.['thread_ts']).toBeUndefined();
    expect(blockKitProblems({ text: root?.['text'], blocks: root?.['blocks'] })).toEqual([]);
    expect(JSON.stringify(root?.['blocks'])).toContain(diagnosis.rootCause.title);
    // Evidence replies go into the root's thread, and the whole evidence as a file.
    const rootTs = slack.messages()[0]?.ts;
    expect(posts.slice(1).length).toBeGreaterThan(0);
    expect(posts.slice(1).every((p) => p.body['thread_ts'] === rootTs)).toBe(true);
    expect(slack.uploadedFiles()).toHaveLength(1);
  });

  it("keys the incident as the alarm names the API, so the alarm's OK transition resolves that very message", async () => {
    const threads = new MemoryIncidentThreads();
    const store = await storeWith('d7');
    const deps = slackDeps({}, threads);
    await notify({ incident: alarmIncident('d7'), diagnosis: summary('d7') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => deps });
    // What alarm-resolved reads from the OK event: the alarm's ApiName (REST) and Stage.
    const alarm = alarmScopeFromEvent(alarmEvent);
    const resolved = await resolveIncident({ apiId: alarm.api, stage: alarm.stage ?? '', resolvedAt: '2026-03-10T14:10:52Z' }, deps.delivery);
    expect(resolved.resolved).toBe(true);
    expect(JSON.stringify(slack.messages()[0]?.blocks)).toMatch(/[Rr]esolved after 14 min/);
  });

  it("uses the API's own cool-down (COOLDOWNS): past it, a repeat is a new incident", async () => {
    const threads = new MemoryIncidentThreads();
    const store = await storeWith('d8');
    const deps = { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps({ cooldownFor: () => 0 }, threads) };
    await notify({ incident: alarmIncident('d8'), diagnosis: summary('d8') }, deps);
    const second = await notify({ incident: alarmIncident('d8'), diagnosis: summary('d8') }, deps);
    expect(second.slack?.posted).toBe('incident-root');
  });

  it('threads a repeat of the same incident within the cool-down and updates the root', async () => {
    const threads = new MemoryIncidentThreads();
    const store = await storeWith('d2');
    const deps = { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps({}, threads) };
    await notify({ incident: alarmIncident('d2'), diagnosis: summary('d2') }, deps);
    const second = await notify({ incident: alarmIncident('d2'), diagnosis: summary('d2') }, deps);
    expect(second.slack?.posted).toBe('incident-thread');
    expect(slack.captured().filter((c) => c.method === 'chat.update')).toHaveLength(1);
    const roots = slack.messages().filter((m) => m.thread_ts === undefined);
    expect(roots).toHaveLength(1);
  });

  it('does not post a muted API, but still publishes to SNS', async () => {
    const mutes = new MemoryMuteList();
    await mutes.mute(diagnosis.api.id, diagnosis.api.stage, NOW + 3_600_000, 'U0ONCALL', NOW);
    const store = await storeWith('d3');
    const result = await notify({ incident: alarmIncident('d3'), diagnosis: summary('d3') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps({ mutes }) });
    expect(result.slack?.posted).toBe('muted');
    expect(slack.captured()).toHaveLength(0);
    expect(result.snsMessageId).toBe('m-1');
  });

  it('answers a /diagnose request on its response_url, in the channel', async () => {
    const posted: ResponseUrlMessage[] = [];
    const responses: ResponsePoster = { post: async (_url, message) => (posted.push(message), { ok: true }) };
    const store = await storeWith('d4');
    const incident: Incident = {
      diagnosisId: 'd4',
      proceed: true,
      target: { kind: 'api', api: diagnosis.api.id, stage: diagnosis.api.stage, since: 3_600_000 },
      reply: { responseUrl: 'https://hooks.slack.com/commands/T0001/1/abc', channelId: 'C0ASKED001', userId: 'U0001' },
      requestedAt: NOW - 60_000,
    };
    const result = await notify({ incident, diagnosis: summary('d4') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps({ responses }) });
    expect(result.slack?.posted).toBe('response-url');
    expect(posted[0]?.response_type).toBe('in_channel');
    expect(blockKitProblems({ text: posted[0]?.text, blocks: posted[0]?.blocks })).toEqual([]);
    expect(slack.captured()).toHaveLength(0);
  });

  it("posts a button's re-run into the thread it was pressed in", async () => {
    const store = await storeWith('d9');
    const incident: Incident = {
      diagnosisId: 'd9',
      proceed: true,
      target: { kind: 'api', api: diagnosis.api.id, stage: diagnosis.api.stage, from: NOW - 3_600_000, to: NOW },
      reply: { channelId: 'C0ASKED001', userId: 'U0001', threadTs: '1773151012.000100' },
      requestedAt: NOW,
    };
    const result = await notify({ incident, diagnosis: summary('d9') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps() });
    expect(result.slack?.posted).toBe('reply-channel');
    const post = slack.captured().find((c) => c.method === 'chat.postMessage')?.body;
    expect(post).toMatchObject({ channel: 'C0ASKED001', thread_ts: '1773151012.000100' });
  });

  it('a Slack failure does not fail the step (SNS was published; a retry would publish again)', async () => {
    const store = await storeWith('d5');
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const result = await notify({ incident: alarmIncident('d5'), diagnosis: summary('d5') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, slack: async () => slackDeps() });
    expect(result.snsMessageId).toBe('m-1');
    expect(result.slack?.posted).toBe('failed');
    expect(result.slack?.problems?.join(' ')).toContain('channel_not_found');
  });

  it('the SNS https entry is an Amazon Q custom notification by default, the diagnosis JSON on request', async () => {
    const store = await storeWith('d6');
    await notify({ incident: alarmIncident('d6'), diagnosis: summary('d6') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC });
    const message = JSON.parse(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}') as Record<string, string>;
    const q = JSON.parse(message['https'] ?? '{}') as { version?: string; source?: string; content?: { title?: string } };
    expect(q).toMatchObject({ version: '1.0', source: 'custom' });
    expect(amazonQNotificationProblems(q)).toEqual([]);
    expect(JSON.parse(message['sqs'] ?? '{}')).toMatchObject(diagnosis);

    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });
    await notify({ incident: alarmIncident('d6'), diagnosis: summary('d6') }, { store, sns: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC, snsHttpsFormat: 'diagnosis' });
    const plain = JSON.parse(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}') as Record<string, string>;
    expect(JSON.parse(plain['https'] ?? '{}')).toMatchObject(diagnosis);
  });
});
