import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Before the logger is created at import: Powertools resets a level set later at each invocation.
vi.hoisted(() => {
  process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
});

import { readFileSync } from 'node:fs';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SectionBlock } from '@slack/types';
import { fakeLambdaContext } from '../../shared/api/fakeLambdaContext.ts';
import { ChannelRateLimiter } from '../../shared/slack/delivery/ChannelRateLimiter.ts';
import { deliverToSlack } from '../../shared/slack/delivery/deliverToSlack.ts';
import { incidentThreadKey } from '../../shared/slack/delivery/IncidentThreads.ts';
import { MemoryIncidentThreads } from '../../shared/slack/delivery/MemoryIncidentThreads.ts';
import { SlackClient } from '../../shared/slack/delivery/SlackClient.ts';
import type { SlackTarget } from '../../shared/slack/delivery/slackTarget.ts';
import { FakeSlackServer } from '../../scripts/fakeSlack/FakeSlackServer.ts';
import type { AlarmResolvedDeps, AlarmResolvedOutcome } from './alarmResolved.ts';
import { alarmResolvedDepsFromEnv, slackTargetOf } from './deps.ts';
import { makeHandler } from './handler.ts';
import { MemoryIncidentLedger } from '../../shared/claim/MemoryIncidentLedger.ts';

/**
 * The OK event is events/alarms/rest-5xx-ok.json (its README gives the sources of its shape): orders-api/prod back to
 * OK at 10:41:32.611Z, after going to ALARM at 10:15:32.514Z (rest-5xx-alarm.json). Notify posted the incident's
 * root under the alarm's API dimension (ApiName "orders-api" for a REST alarm) and stage.
 */
type AlarmEvent = { time: string; detail: { state: Record<string, unknown>; previousState: Record<string, unknown> } };
const load = (file: string): AlarmEvent => JSON.parse(readFileSync(new URL(`../../events/alarms/${file}`, import.meta.url), 'utf8')) as AlarmEvent;
const restOk = load('rest-5xx-ok.json');
const restAlarm = load('rest-5xx-alarm.json');
const ALARM_SINCE = '2026-11-24T10:15:32.514Z';
const RESOLVED_AT = '2026-11-24T10:41:32.611Z';

/** http-5xx-alarm.json's alarm returning to OK 17 minutes later, in the wording CloudWatch uses for ALARM -> OK. */
function httpOk(): AlarmEvent {
  const event = load('http-5xx-alarm.json');
  event.time = '2026-11-24T14:19:58Z';
  event.detail.previousState = event.detail.state;
  event.detail.state = {
    reason: 'Threshold Crossed: 1 out of the last 2 datapoints [0.0 (24/11/26 14:18:00)] was not greater than or equal to the threshold (2.0) (minimum 1 datapoint for ALARM -> OK transition).',
    reasonData: '{"version":"1.0","queryDate":"2026-11-24T14:19:58.201+0000","startDate":"2026-11-24T14:17:00.000+0000","statistic":"Sum","period":60,"recentDatapoints":[1.0,0.0],"threshold":2.0,"evaluatedDatapoints":[{"timestamp":"2026-11-24T14:18:00.000+0000","sampleCount":101.0,"value":0.0}]}',
    timestamp: '2026-11-24T14:19:58.204+0000',
    value: 'OK',
  };
  return event;
}

let fake: FakeSlackServer;
let threads: MemoryIncidentThreads;
const noWait = { sleep: async () => undefined };

function botTarget(): SlackTarget {
  return { kind: 'bot', client: new SlackClient({ token: fake.token, baseUrl: fake.apiUrl, ...noWait }), channel: fake.channelId('api-alerts') };
}

function deps(target: SlackTarget | { off: string } = botTarget()): AlarmResolvedDeps & { asked: () => number } {
  let asked = 0;
  return {
    slack: async () => {
      asked += 1;
      return target;
    },
    asked: () => asked,
    threads,
    limiter: new ChannelRateLimiter(noWait),
    now: () => Date.parse('2026-11-24T12:00:00Z'),
  };
}

/** Notify's root message for the incident (the real renderer is shared/slack/message; a stand-in with a header here). */
async function postIncident(apiId: string, stage: string, alarmSince: string): Promise<string> {
  const outcome = await deliverToSlack(
    {
      apiId,
      stage,
      diagnosisId: 'alarm-orders-api-prod-20261124T101532Z',
      alarmSince,
      message: {
        text: `5xx on ${apiId}/${stage}: Lambda function timed out`,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: `5xx on ${apiId}/${stage}: Lambda function timed out` } },
          { type: 'section', text: { type: 'mrkdwn', text: 'orders-create ran into its 29 s timeout on 41 of 44 failing requests.' } },
        ],
      },
    },
    { ...deps(), target: botTarget(), cooldownMs: 30 * 60_000, now: () => Date.parse(alarmSince) + 61_000 },
  );
  if (outcome.rootTs === undefined) throw new Error('no root posted');
  return outcome.rootTs;
}

const invoke = (event: unknown, d: AlarmResolvedDeps): Promise<AlarmResolvedOutcome> => makeHandler(() => d)(event, fakeLambdaContext('apigw-doctor-AlarmResolved'));

beforeAll(async () => {
  process.env['AWS_REGION'] ??= 'eu-west-1';
  fake = await FakeSlackServer.start();
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.reset();
  threads = new MemoryIncidentThreads();
});

describe('alarm-resolved', () => {
  it('marks the REST incident resolved: the root says "Resolved after 26 min", the thread is told, the record is closed', async () => {
    const ts = await postIncident('orders-api', 'prod', ALARM_SINCE);
    const outcome = await invoke(restOk, deps());
    expect(outcome).toEqual({ outcome: 'resolved', alarmName: 'orders-api-prod-5xx', apiId: 'orders-api', stage: 'prod', resolvedAt: RESOLVED_AT, after: '26 min' });

    const root = fake.messages().find((m) => m.ts === ts);
    expect(root?.edits).toBe(1);
    expect(root?.text).toMatch(/^Resolved after 26 min: the alarm returned to OK at 2026-11-24 10:41 UTC\. 5xx on orders-api\/prod/);
    // The banner goes right after the header; the rest of the message stays as it was.
    expect(root?.blocks?.[0]).toMatchObject({ type: 'header' });
    expect((root?.blocks?.[1] as SectionBlock).text?.text).toBe(':white_check_mark: *Resolved after 26 min*: the alarm returned to OK at 2026-11-24 10:41 UTC.');
    expect(root?.blocks).toHaveLength(3);
    const reply = fake.messages().find((m) => m.thread_ts === ts);
    expect(reply?.text).toBe(':white_check_mark: Resolved after 26 min: the alarm returned to OK at 2026-11-24 10:41 UTC.');
    expect((await threads.get(incidentThreadKey('orders-api', 'prod')))?.resolvedAt).toBe(RESOLVED_AT);
    expect(fake.captured().filter((c) => c.error !== undefined)).toEqual([]);
  });

  it("ends the API's cool-down 5 minutes after OK: a later alarm is a new incident, a flap within 5 minutes is not", async () => {
    const ledger = new MemoryIncidentLedger();
    const alarmedAt = Date.parse(RESOLVED_AT) - 26 * 60_000;
    const claim = (id: string, at: number) => ({ diagnosisId: id, claimedAt: at, until: at + 30 * 60_000, expiresAt: Math.ceil(at / 1000) + 7200 });
    await ledger.claimCooldown('cooldown#orders-api/prod', claim('first', alarmedAt), alarmedAt);
    await invoke(restOk, { ...deps(), ledger });
    const okAt = Date.parse(RESOLVED_AT);
    expect(await ledger.claimCooldown('cooldown#orders-api/prod', claim('flap', okAt + 60_000), okAt + 60_000)).toMatchObject({ claimed: false, heldBy: 'first' });
    expect(await ledger.claimCooldown('cooldown#orders-api/prod', claim('again', okAt + 6 * 60_000), okAt + 6 * 60_000)).toEqual({ claimed: true });
  });

  it('a second OK for the same incident changes nothing', async () => {
    await postIncident('orders-api', 'prod', ALARM_SINCE);
    await invoke(restOk, deps());
    const calls = fake.captured().length;
    expect(await invoke(restOk, deps())).toMatchObject({ outcome: 'not-resolved', reason: `already resolved at ${RESOLVED_AT}` });
    expect(fake.captured()).toHaveLength(calls);
  });

  it('an HTTP alarm is keyed by its ApiId dimension, and $default is a stage like any other', async () => {
    const ts = await postIncident('k3v9x2m7qp', '$default', '2026-11-24T14:02:58.129Z');
    expect(await invoke(httpOk(), deps())).toMatchObject({ outcome: 'resolved', apiId: 'k3v9x2m7qp', stage: '$default', resolvedAt: '2026-11-24T14:19:58.204Z', after: '17 min' });
    expect(fake.messages().find((m) => m.ts === ts)?.edits).toBe(1);
  });

  it('ignores the transition to ALARM, and OK from anything but ALARM, without asking for Slack', async () => {
    await postIncident('orders-api', 'prod', ALARM_SINCE);
    const calls = fake.captured().length;
    const d = deps();
    expect(await invoke(restAlarm, d)).toMatchObject({ outcome: 'ignored', alarmName: 'orders-api-prod-5xx', reason: 'the alarm went to ALARM, not OK' });
    const fromInsufficient = structuredClone(restOk);
    fromInsufficient.detail.previousState['value'] = 'INSUFFICIENT_DATA';
    expect(await invoke(fromInsufficient, d)).toMatchObject({ outcome: 'ignored', reason: 'the alarm went to OK from INSUFFICIENT_DATA, not from ALARM' });
    expect(d.asked()).toBe(0);
    expect(fake.captured()).toHaveLength(calls);
    expect((await threads.get(incidentThreadKey('orders-api', 'prod')))?.resolvedAt).toBeUndefined();
  });

  it('ignores an alarm without a Stage dimension, or on another namespace, and junk', async () => {
    const noStage = structuredClone(restOk) as unknown as { detail: { configuration: { metrics: Array<{ metricStat: { metric: { dimensions: Record<string, string>; namespace: string } } }> } } };
    delete noStage.detail.configuration.metrics[0]?.metricStat.metric.dimensions['Stage'];
    expect(await invoke(noStage, deps())).toMatchObject({ outcome: 'ignored', apiId: 'orders-api', reason: expect.stringContaining('no Stage dimension') });
    const lambdaAlarm = structuredClone(noStage);
    const metric = lambdaAlarm.detail.configuration.metrics[0]?.metricStat.metric;
    if (metric) {
      metric.namespace = 'AWS/Lambda';
      metric.dimensions = { FunctionName: 'orders-create' };
    }
    expect(await invoke(lambdaAlarm, deps())).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('no API Gateway API') });
    for (const junk of [null, 'OK', 42, {}, { detail: {} }, { 'detail-type': 'CloudWatch Alarm State Change', detail: { state: 'OK' } }]) {
      expect((await invoke(junk, deps())).outcome).toBe('ignored');
    }
  });

  it('does nothing when Slack is not configured (no SLACK_SECRET_ARN), and says why', async () => {
    const fromEnv = alarmResolvedDepsFromEnv({ AWS_REGION: 'eu-west-1', INCIDENTS_TABLE: 'incidents' });
    expect(await invoke(restOk, fromEnv)).toEqual({
      outcome: 'no-slack',
      alarmName: 'orders-api-prod-5xx',
      apiId: 'orders-api',
      stage: 'prod',
      resolvedAt: RESOLVED_AT,
      reason: 'SLACK_SECRET_ARN is not set: Slack is not configured, so there is no incident message to mark resolved',
    });
    expect(fake.captured()).toEqual([]);
  });

  it('webhook mode and an incident without a message: nothing to update', async () => {
    const webhook: SlackTarget = { kind: 'webhook', client: new SlackClient(noWait), url: fake.webhookUrl };
    expect(await invoke(restOk, deps(webhook))).toMatchObject({ outcome: 'not-resolved', reason: 'webhook mode: there is no message to update' });
    expect(await invoke(restOk, deps())).toMatchObject({ outcome: 'not-resolved', reason: 'no incident message for this API and stage' });
    expect(fake.captured()).toEqual([]);
  });

  it('Slack refusing both calls is reported, not thrown', async () => {
    await postIncident('orders-api', 'prod', ALARM_SINCE);
    fake.failNext('chat.update', { error: 'channel_not_found' });
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const outcome = await invoke(restOk, deps());
    expect(outcome.outcome).toBe('not-resolved');
    expect(outcome.reason).toMatch(/the root message was not updated: .*channel_not_found.*; the thread was not told: .*not_in_channel/);
  });
});

describe('alarmResolvedDepsFromEnv (deployed: the secret from Secrets Manager, the thread on the incidents table)', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  const dynamodb = mockClient(DynamoDBClient);
  const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-doctor/slack-Ab12Cd';
  beforeEach(() => {
    secretsManager.reset();
    dynamodb.reset();
  });
  afterAll(() => {
    secretsManager.restore();
    dynamodb.restore();
  });

  it('reads the bot token once, finds the thread by thread#<api>/<stage> and writes it back resolved', async () => {
    const channel = fake.channelId('api-alerts');
    const root = await new SlackClient({ token: fake.token, baseUrl: fake.apiUrl }).postMessage({ channel, text: '5xx on orders-api/prod: Lambda function timed out' });
    secretsManager.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, Name: 'apigw-doctor/slack', SecretString: JSON.stringify({ signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', botToken: fake.token }) });
    const item = { pk: { S: 'thread#orders-api/prod' }, channel: { S: root.channel }, ts: { S: root.ts }, diagnosisId: { S: 'd-1' }, postedAt: { S: '2026-11-24T10:16:40.000Z' }, alarmSince: { S: ALARM_SINCE } };
    dynamodb
      .on(GetItemCommand, { TableName: 'apigw-doctor-incidents', Key: { pk: { S: 'thread#orders-api/prod' } } })
      .resolvesOnce({ Item: item })
      .resolves({ Item: { ...item, resolvedAt: { S: RESOLVED_AT } } })
      .on(PutItemCommand)
      .resolves({});
    const d = alarmResolvedDepsFromEnv({ AWS_REGION: 'eu-west-1', SLACK_SECRET_ARN: SECRET_ARN, SLACK_CHANNEL: channel, INCIDENTS_TABLE: 'apigw-doctor-incidents', SLACK_API_URL: fake.apiUrl });
    expect(await invoke(restOk, d)).toMatchObject({ outcome: 'resolved', after: '26 min' });
    expect(await invoke(restOk, d)).toMatchObject({ outcome: 'not-resolved', reason: `already resolved at ${RESOLVED_AT}` });
    expect(secretsManager).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secretsManager).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
    expect(dynamodb).toHaveReceivedCommandWith(PutItemCommand, { TableName: 'apigw-doctor-incidents', Item: expect.objectContaining({ pk: { S: 'thread#orders-api/prod' }, resolvedAt: { S: RESOLVED_AT } }) });
  });

  it('a DynamoDB failure fails the invocation, so that Lambda retries the event', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: JSON.stringify({ signingSecret: 's1', botToken: fake.token }) });
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' }));
    const d = alarmResolvedDepsFromEnv({ AWS_REGION: 'eu-west-1', SLACK_SECRET_ARN: `${SECRET_ARN}-throttled`, SLACK_CHANNEL: 'C0123ABCD', INCIDENTS_TABLE: 'apigw-doctor-incidents', SLACK_API_URL: fake.apiUrl });
    await expect(invoke(restOk, d)).rejects.toThrow(/allowed throughput/);
    expect(fake.captured()).toEqual([]);
  });

  it('a secret that cannot be used is logged and the event dropped, naming no value', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ ARN: SECRET_ARN, SecretString: 'xoxb-not-json' });
    const d = alarmResolvedDepsFromEnv({ AWS_REGION: 'eu-west-1', SLACK_SECRET_ARN: `${SECRET_ARN}-unreadable`, SLACK_CHANNEL: 'C0123ABCD', INCIDENTS_TABLE: 'apigw-doctor-incidents' });
    const outcome = await invoke(restOk, d);
    expect(outcome).toMatchObject({ outcome: 'no-slack', reason: expect.stringContaining('the secret is not JSON') });
    expect(JSON.stringify(outcome)).not.toContain('xoxb-not-json');
    expect(dynamodb).not.toHaveReceivedCommand(GetItemCommand);
  });
});

describe('slackTargetOf', () => {
  it('bot with a token and a channel, webhook without a token, otherwise why not', () => {
    expect(slackTargetOf({ signingSecret: 's', botToken: 'xoxb-1' }, ' C0123ABCD ')).toMatchObject({ kind: 'bot', channel: 'C0123ABCD' });
    expect(slackTargetOf({ signingSecret: 's', botToken: 'xoxb-1' }, undefined)).toEqual({ off: 'the Slack secret has a bot token but SLACK_CHANNEL is not set' });
    expect(slackTargetOf({ signingSecret: 's', webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' }, 'C0123ABCD')).toMatchObject({ kind: 'webhook', url: 'https://hooks.slack.com/services/T0/B0/x' });
    expect(slackTargetOf({ signingSecret: 's' }, 'C0123ABCD')).toEqual({ off: 'the Slack secret has neither botToken nor webhookUrl, so nothing is posted to Slack' });
  });
});
