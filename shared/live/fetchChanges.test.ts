import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudTrailClient, LookupEventsCommand, ThrottlingException, type Event } from '@aws-sdk/client-cloudtrail';
import { CHANGES_FILE, changeLookupNames, fetchChanges } from './fetchChanges.ts';
import { IntervalLimiter } from './rateLimiter.ts';
import { serviceError } from './answerInStack.ts';
import type { LiveClock } from './liveClock.ts';

const cloudTrail = mockClient(CloudTrailClient);
const client = () => new CloudTrailClient({ region: 'us-east-1' });
const ACCOUNT = '384756102938';
const ONSET = Date.parse('2026-03-10T13:52:30Z');

/** A clock whose sleep advances time, so the limiter's pacing can be measured. */
function fakeClock(): LiveClock & { t: number; sleeps: number[]; callTimes: number[] } {
  const c = { t: ONSET + 600_000, sleeps: [] as number[], callTimes: [] as number[], now: () => c.t, sleep: async (ms: number) => void (c.sleeps.push(ms), (c.t += ms)), random: () => 0.5 };
  return c;
}

// LookupEvents entries as the SDK returns them (EventTime a Date, ReadOnly the string "true"/"false",
// CloudTrailEvent the record as a JSON string): aws-cli awscli/examples/cloudtrail/lookup-events.rst; Lambda event
// names carry API versions (Lambda developer guide "Logging Lambda API calls using CloudTrail").
function event(id: string, name: string, time: string, opts: { readOnly?: boolean; source?: string; resources?: { ResourceType: string; ResourceName: string }[]; request?: unknown; response?: unknown } = {}): Event {
  const source = opts.source ?? 'lambda.amazonaws.com';
  const record = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'AssumedRole',
      principalId: 'AROAZSLS3RLM6KWF7E6B4:deploy',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/deploy`,
      accountId: ACCOUNT,
      sessionContext: { sessionIssuer: { type: 'Role', principalId: 'AROAZSLS3RLM6KWF7E6B4', arn: `arn:aws:iam::${ACCOUNT}:role/github-deploy`, accountId: ACCOUNT, userName: 'github-deploy' } },
    },
    eventTime: time,
    eventSource: source,
    eventName: name,
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.44',
    userAgent: 'aws-sdk-js/3.600.0',
    requestParameters: opts.request ?? null,
    responseElements: opts.response ?? null,
    requestID: `0b6e1c4a-${id}`,
    eventID: id,
    readOnly: opts.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
  return {
    EventId: id,
    EventName: name,
    ReadOnly: String(opts.readOnly ?? false),
    AccessKeyId: 'ASIAZSLS3RLMQZPBHLML',
    EventTime: new Date(time),
    EventSource: source,
    Username: 'deploy',
    Resources: opts.resources ?? [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'orders-fn' }],
    CloudTrailEvent: JSON.stringify(record),
  };
}

const timeoutChange = event('5f1c9c3e-0a47-4c4b-9c61-6f2a0a4d5b10', 'UpdateFunctionConfiguration20150331v2', '2026-03-10T13:51:58Z', {
  request: { functionName: 'orders-fn', timeout: 6 },
});
const readOnly = event('a0e0b7f2-33d1-4d8e-b4b6-6a8f0f7c1e22', 'GetFunctionConfiguration20150331v2', '2026-03-10T13:40:00Z', { readOnly: true, request: { functionName: 'orders-fn' } });
const deployment = event('ff797b29-8a94-4729-8d9e-4421b4a3f6e7', 'CreateDeployment', '2026-03-10T12:40:09Z', {
  source: 'apigateway.amazonaws.com',
  resources: [
    { ResourceName: 'prod', ResourceType: 'AWS::ApiGateway::Stage' },
    { ResourceName: '7d3338', ResourceType: 'AWS::ApiGateway::Deployment' },
    { ResourceName: 'rgkwmpkz6q', ResourceType: 'AWS::ApiGateway::RestApi' },
  ],
  request: { restApiId: 'rgkwmpkz6q', createDeploymentInput: { description: 'orders-api release 2026.03.10-1', stageName: 'prod' }, template: false },
  response: { id: '7d3338', createdDate: 'Mar 10, 2026 12:40:09 PM', self: { deploymentId: '7d3338', restApiId: 'rgkwmpkz6q', template: false } },
});

beforeEach(() => cloudTrail.reset());

describe('fetchChanges', () => {
  it('looks up each resource over the lookback, pages, drops read-only calls and duplicates, oldest first', async () => {
    cloudTrail.on(LookupEventsCommand, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'rgkwmpkz6q' }] }).resolves({ Events: [deployment] });
    cloudTrail
      .on(LookupEventsCommand, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'orders-fn' }] })
      .resolvesOnce({ Events: [timeoutChange, readOnly], NextToken: 'kbOt5LlLSsGn0MIn3KF7zOdLQbnuYt/+Ki4uQoIJh4ne6mR7o3FRd/mM3BsUyuM0' })
      .resolves({ Events: [deployment] });
    const clock = fakeClock();

    const result = await fetchChanges(client(), { resourceNames: ['rgkwmpkz6q', 'orders-fn'], onset: ONSET }, { clock });
    expect(cloudTrail).toHaveReceivedCommandTimes(LookupEventsCommand, 3);
    expect(cloudTrail).toHaveReceivedNthCommandWith(LookupEventsCommand, 1, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'rgkwmpkz6q' }],
      StartTime: new Date('2026-03-10T11:52:30Z'),
      EndTime: new Date('2026-03-10T13:52:30Z'),
      MaxResults: 50,
    });
    expect(cloudTrail).toHaveReceivedNthCommandWith(LookupEventsCommand, 3, { NextToken: 'kbOt5LlLSsGn0MIn3KF7zOdLQbnuYt/+Ki4uQoIJh4ne6mR7o3FRd/mM3BsUyuM0' });
    expect(result.gaps).toEqual([]);
    expect(result.changes.map((c) => c.what)).toEqual(['CreateDeployment on rgkwmpkz6q/prod: description=orders-api release 2026.03.10-1, deployment=7d3338', 'UpdateFunctionConfiguration on orders-fn: timeout=6']);
    expect(result.changes[1]).toMatchObject({ who: `arn:aws:sts::${ACCOUNT}:assumed-role/github-deploy/deploy`, file: CHANGES_FILE, time: Date.parse('2026-03-10T13:51:58Z') });
    const doc = result.documents[CHANGES_FILE] as { Events: { EventId: string; EventTime: string }[] };
    expect(doc.Events.map((e) => e.EventId)).toEqual([deployment.EventId, timeoutChange.EventId]);
    expect(doc.Events[0]?.EventTime).toBe('2026-03-10T12:40:09.000Z');
  });

  it('paces calls at 2 per second and retries ThrottlingException with backoff', async () => {
    const clock = fakeClock();
    cloudTrail.on(LookupEventsCommand).callsFake(async () => {
      clock.callTimes.push(clock.t);
      if (clock.callTimes.length === 1) throw new ThrottlingException({ $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' });
      return { Events: [] };
    });
    const limiter = new IntervalLimiter(500, clock);

    const result = await fetchChanges(client(), { resourceNames: ['a', 'b', 'c'], onset: ONSET }, { clock, limiter });
    expect(result.gaps).toEqual([]);
    expect(clock.callTimes).toHaveLength(4);
    const gapsBetween = clock.callTimes.slice(1).map((t, i) => t - (clock.callTimes[i] ?? 0));
    expect(gapsBetween.every((ms) => ms >= 500)).toBe(true);
  });

  it('gives up on throttling after bounded retries and says so', async () => {
    cloudTrail.on(LookupEventsCommand).rejects(new ThrottlingException({ $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }));
    const clock = fakeClock();
    const result = await fetchChanges(client(), { resourceNames: ['orders-fn'], onset: ONSET }, { clock });
    expect(cloudTrail).toHaveReceivedCommandTimes(LookupEventsCommand, 5);
    expect(result.gaps).toEqual(['CloudTrail kept throttling cloudtrail:LookupEvents (ThrottlingException: Rate exceeded); retried and gave up, so that evidence is missing']);
    expect(result.changes).toEqual([]);
  });

  it('stops at the first AccessDenied with one gap', async () => {
    cloudTrail.on(LookupEventsCommand).rejects(
      serviceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/Diag/cli is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action`,
        400,
      ),
    );
    const result = await fetchChanges(client(), { resourceNames: ['rgkwmpkz6q', 'orders-fn', 'catalog-fn'], onset: ONSET }, { clock: fakeClock() });
    expect(cloudTrail).toHaveReceivedCommandTimes(LookupEventsCommand, 1);
    expect(result.gaps).toEqual([
      `CloudTrail not allowed: cloudtrail:LookupEvents denied for arn:aws:sts::${ACCOUNT}:assumed-role/Diag/cli; add it to the policy to see recent changes to the API and its functions`,
    ]);
    expect(result.documents[CHANGES_FILE]).toEqual({ Events: [] });
  });

  it('honours lookback and until', async () => {
    cloudTrail.on(LookupEventsCommand).resolves({ Events: [] });
    await fetchChanges(client(), { resourceNames: ['orders-fn'], onset: ONSET, lookbackMs: 30 * 60_000, until: ONSET + 600_000 }, { clock: fakeClock() });
    expect(cloudTrail).toHaveReceivedCommandWith(LookupEventsCommand, { StartTime: new Date('2026-03-10T13:22:30Z'), EndTime: new Date('2026-03-10T14:02:30Z') });
  });
});

describe('changeLookupNames', () => {
  it('names the API id and each function by name and unqualified ARN', () => {
    expect(
      changeLookupNames({
        apiId: 'rgkwmpkz6q',
        functions: [
          { name: 'orders-fn', arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn:live` },
          { name: 'orders-fn', arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn` },
          { name: 'auth-fn' },
        ],
      }),
    ).toEqual(['rgkwmpkz6q', 'orders-fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-fn`, 'auth-fn']);
  });
});
