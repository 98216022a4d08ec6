import { describe, it, expect } from 'vitest';
import { claimIncident, type ClaimOptions } from './claimIncident.ts';
import { MemoryIncidentLedger } from './MemoryIncidentLedger.ts';
import { InvalidExecutionInput } from './InvalidExecutionInput.ts';
import type { ClaimOutcome, IncidentLedger } from './IncidentLedger.ts';
import { alarmStateChangeEvent, incidentAlarm, sampleAlarmEvent } from './testing/alarmEvents.ts';

const MIN = 60_000;
const HALF_HOUR = 30 * MIN;

function options(now: string | number, cooldownMs: ClaimOptions['cooldownMs'] = () => HALF_HOUR): ClaimOptions {
  return { now: typeof now === 'number' ? now : Date.parse(now), cooldownMs };
}

/** The payload ClaimIncident gets: {"event.$": "$", "executionName.$": "$$.Execution.Name"}. */
let executions = 0;
/** Each delivery starts its own execution (EventBridge names it), unless a test retries one by name. */
function payload(event: unknown, executionName = `f3c1e0aa-6b1d-4c55-9d7e-${String(++executions).padStart(12, '0')}`) {
  return { event, executionName };
}

/** A ledger that records each call, around the memory ledger. */
function recordingLedger(): IncidentLedger & { calls: string[] } {
  const inner = new MemoryIncidentLedger();
  const calls: string[] = [];
  return {
    calls,
    claimOnce: (key, claim): Promise<ClaimOutcome> => (calls.push(`once ${key}`), inner.claimOnce(key, claim)),
    claimCooldown: (key, claim, now): Promise<ClaimOutcome> => (calls.push(`cooldown ${key}`), inner.claimCooldown(key, claim, now)),
    shortenCooldown: (key, until) => (calls.push(`shorten ${key}`), inner.shortenCooldown(key, until)),
  };
}

describe('claimIncident: alarm events', () => {
  it('claims a real REST alarm transition (events/incidents/rest-lambda-timeout) and passes the event on', async () => {
    const event = incidentAlarm('rest-lambda-timeout');
    const ledger = recordingLedger();
    const incident = await claimIncident(payload(event), ledger, options('2026-03-10T13:56:53.400Z'));
    expect(incident).toEqual({
      diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d',
      proceed: true,
      target: { kind: 'alarm-event', event },
      requestedAt: Date.parse('2026-03-10T13:56:52.616Z'),
    });
    // The transition first, then the API's cool-down.
    expect(ledger.calls).toEqual(['once transition#alarm-orders-api-prod-5xx-20260310T135652-b346246d', 'cooldown cooldown#orders-api/prod']);
  });

  it('keys an HTTP API cool-down by ApiId and Stage (events/incidents/http-authorizer-error)', async () => {
    const ledger = recordingLedger();
    const incident = await claimIncident(payload(incidentAlarm('http-authorizer-error')), ledger, options('2026-08-12T08:35:13Z'));
    expect(incident.diagnosisId).toBe('alarm-profile-http-5xx-20260812T083512-eeeba4e0');
    expect(ledger.calls[1]).toBe('cooldown cooldown#p9r4f1l6e3/$default');
  });

  it('reads metric-math alarms, alarms without a Stage, and the SNS alarm message too', async () => {
    const keys: string[] = [];
    const ledger = recordingLedger();
    for (const name of ['rt-rest-dotnet-authorizer-timeout', 'rt-http-ruby-lambda-throttled', 'http-lambda-timeout']) {
      const incident = await claimIncident(payload(incidentAlarm(name)), ledger, options(Date.parse('2027-01-01T00:00:00Z'), (key) => (keys.push(key), HALF_HOUR)));
      expect(incident.proceed, name).toBe(true);
      expect(incident.diagnosisId, name).toMatch(/^alarm-[a-z0-9-]+-\d{8}T\d{6}-[0-9a-f]{8}$/);
    }
    expect(keys).toEqual(['partner-gateway/v2', 'h6q2n8d4ls/*', 'yha1rvrori/$default']);
  });

  it('handles the sample events of events/alarms: two alarms on one API share its cool-down, OK is let go', async () => {
    const ledger = new MemoryIncidentLedger();
    const keys: string[] = [];
    const cooldownMs = (key: string) => (keys.push(key), HALF_HOUR);
    const at = (iso: string) => options(Date.parse(iso), cooldownMs);
    const http = await claimIncident(payload(sampleAlarmEvent('http-5xx-alarm.json')), ledger, at('2026-11-24T14:02:59Z'));
    const count = await claimIncident(payload(sampleAlarmEvent('rest-5xx-alarm.json')), ledger, at('2026-11-24T10:15:33Z'));
    const rate = await claimIncident(payload(sampleAlarmEvent('rest-error-rate-alarm.json')), ledger, at('2026-11-24T10:15:49Z'));
    const ok = await claimIncident(payload(sampleAlarmEvent('rest-5xx-ok.json')), ledger, at('2026-11-24T10:41:33Z'));
    expect(keys).toEqual(['k3v9x2m7qp/$default', 'orders-api/prod', 'orders-api/prod']);
    expect(http).toMatchObject({ proceed: true, diagnosisId: expect.stringMatching(/^alarm-checkout-http-default-5xx-20261124T140258-[0-9a-f]{8}$/) });
    expect(count).toMatchObject({ proceed: true, diagnosisId: expect.stringMatching(/^alarm-orders-api-prod-5xx-20261124T101532-[0-9a-f]{8}$/) });
    expect(rate).toMatchObject({ proceed: false, reason: `cooling down until 2026-11-24T10:45:33.000Z after ${count.diagnosisId} (orders-api/prod)` });
    expect(ok).toMatchObject({ proceed: false, reason: 'alarm "orders-api-prod-5xx" went to OK, not ALARM: nothing to diagnose' });
  });

  it('stops a second delivery of the same transition, even with another event id and a reordered copy', async () => {
    const ledger = new MemoryIncidentLedger();
    const event = alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' });
    const first = await claimIncident(payload(event, 'exec-1'), ledger, options('2026-03-10T13:56:53Z'));
    const redelivered = { ...alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z', id: '0e9c1c5b-1f1d-8c1e-2a6a-77e0f9a0c4d2' }) };
    const second = await claimIncident(payload(JSON.parse(JSON.stringify(redelivered)), 'exec-2'), ledger, options('2026-03-10T13:56:55Z'));
    expect(first.proceed).toBe(true);
    expect(second).toMatchObject({ diagnosisId: first.diagnosisId, proceed: false, reason: `already diagnosed: ${first.diagnosisId}` });
  });

  it('lets a flapping alarm start one diagnosis per cool-down, and keeps suppressed transitions suppressed', async () => {
    const ledger = new MemoryIncidentLedger();
    const t0 = '2026-03-10T13:56:52.616Z';
    const first = await claimIncident(payload(alarmStateChangeEvent({ at: t0 })), ledger, options('2026-03-10T13:56:53.000Z'));
    expect(first.proceed).toBe(true);

    const ok = await claimIncident(payload(alarmStateChangeEvent({ at: '2026-03-10T13:59:52.616Z', state: 'OK' })), ledger, options('2026-03-10T13:59:53Z'));
    expect(ok).toMatchObject({ proceed: false, reason: 'alarm "orders-api-prod-5xx" went to OK, not ALARM: nothing to diagnose' });

    const flap = alarmStateChangeEvent({ at: '2026-03-10T14:02:52.616Z' });
    const suppressed = await claimIncident(payload(flap), ledger, options('2026-03-10T14:02:53Z'));
    expect(suppressed).toMatchObject({
      proceed: false,
      reason: `cooling down until 2026-03-10T14:26:53.000Z after ${first.diagnosisId} (orders-api/prod)`,
      requestedAt: Date.parse('2026-03-10T14:02:52.616Z'),
    });
    expect(suppressed.diagnosisId).not.toBe(first.diagnosisId);

    // Redelivered after the cool-down ended, the suppressed transition is still not diagnosed.
    const late = await claimIncident(payload(flap), ledger, options('2026-03-10T14:40:00Z'));
    expect(late).toMatchObject({ proceed: false, reason: `already diagnosed: ${suppressed.diagnosisId}` });

    // A new transition after the cool-down starts a diagnosis and its own cool-down.
    const next = await claimIncident(payload(alarmStateChangeEvent({ at: '2026-03-10T14:41:52.616Z' })), ledger, options('2026-03-10T14:41:53Z'));
    expect(next.proceed).toBe(true);
    expect(ledger.item('cooldown#orders-api/prod')).toMatchObject({ diagnosisId: next.diagnosisId, cooldownUntil: Date.parse('2026-03-10T14:41:53Z') + HALF_HOUR });
  });

  it('cools each API and stage down on its own, with its own length; 0 means no cool-down', async () => {
    const ledger = new MemoryIncidentLedger();
    const cooldownMs = (key: string) => (key === 'payments-api/prod' ? 0 : HALF_HOUR);
    const at = (minute: number) => `2026-03-10T14:${String(minute).padStart(2, '0')}:10.000Z`;
    const orders = (minute: number) => alarmStateChangeEvent({ at: at(minute) });
    const staging = (minute: number) => alarmStateChangeEvent({ name: 'orders-api-staging-5xx', at: at(minute), dimensions: { ApiName: 'orders-api', Stage: 'staging' } });
    const payments = (minute: number) => alarmStateChangeEvent({ name: 'payments-api-prod-5xx', at: at(minute), dimensions: { ApiName: 'payments-api', Stage: 'prod' } });
    const run = async (event: unknown, minute: number) => (await claimIncident(payload(event), ledger, options(Date.parse(at(minute)) + 500, cooldownMs))).proceed;
    expect(await run(orders(0), 0)).toBe(true);
    expect(await run(staging(1), 1)).toBe(true);
    expect(await run(payments(2), 2)).toBe(true);
    expect(await run(orders(3), 3)).toBe(false);
    expect(await run(staging(4), 4)).toBe(false);
    expect(await run(payments(5), 5)).toBe(true);
    expect(ledger.item('cooldown#payments-api/prod')).toBeUndefined();
  });

  it('does not touch the ledger for OK and INSUFFICIENT_DATA transitions', async () => {
    const ledger = recordingLedger();
    for (const state of ['OK', 'INSUFFICIENT_DATA'] as const) {
      const incident = await claimIncident(payload(alarmStateChangeEvent({ at: '2026-03-10T14:10:00Z', state })), ledger, options('2026-03-10T14:10:01Z'));
      expect(incident).toMatchObject({ proceed: false, reason: `alarm "orders-api-prod-5xx" went to ${state}, not ALARM: nothing to diagnose` });
      expect(incident.diagnosisId).toMatch(/^alarm-orders-api-prod-5xx-20260310T141000-[0-9a-f]{8}$/);
    }
    expect(ledger.calls).toEqual([]);
  });

  it('accepts the bare event (no {event, executionName} wrapper)', async () => {
    const incident = await claimIncident(alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' }), new MemoryIncidentLedger(), options('2026-03-10T13:57:00Z'));
    expect(incident.proceed).toBe(true);
  });

  it('fails the step when the ledger fails, rather than diagnosing twice or never', async () => {
    const broken: IncidentLedger = {
      claimOnce: () => Promise.reject(Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException' })),
      claimCooldown: () => Promise.reject(new Error('not reached')),
      shortenCooldown: () => Promise.resolve(),
    };
    await expect(claimIncident(payload(alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' })), broken, options('2026-03-10T13:57:00Z'))).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});

describe('claimIncident: a retried execution', () => {
  it('finds its own claims after the cool-down write failed, and still diagnoses; another execution stays suppressed', async () => {
    const ledger = new MemoryIncidentLedger();
    let failOnce = true;
    const flaky: IncidentLedger = {
      claimOnce: (key, claim) => ledger.claimOnce(key, claim),
      claimCooldown: (key, claim, now) => {
        if (failOnce) {
          failOnce = false;
          return Promise.reject(Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ThrottlingException' }));
        }
        return ledger.claimCooldown(key, claim, now);
      },
      shortenCooldown: (key, until) => ledger.shortenCooldown(key, until),
    };
    const event = alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' });
    await expect(claimIncident(payload(event, 'exec-1'), flaky, options('2026-03-10T13:57:00Z'))).rejects.toMatchObject({ name: 'ThrottlingException' });
    // Step Functions retries the same execution: its transition claim is its own.
    const retried = await claimIncident(payload(event, 'exec-1'), flaky, options('2026-03-10T13:57:03Z'));
    expect(retried.proceed).toBe(true);
    // EventBridge delivering the same transition again starts another execution: a duplicate.
    const redelivered = await claimIncident(payload(event, 'exec-2'), flaky, options('2026-03-10T13:57:05Z'));
    expect(redelivered.proceed).toBe(false);
    expect(redelivered.reason).toMatch(/^already diagnosed/);
  });
});

describe('claimIncident: manual requests', () => {
  it('always proceeds, under the request id, with the API target and no ledger write', async () => {
    const ledger = recordingLedger();
    const input = payload({ manual: { id: 'd-20260310-1402-7hq2', apiId: 'a1b2c3d4e5', stage: 'prod', since: 900_000, requestedBy: 'arn:aws:sts::384756102938:assumed-role/oncall/jane' } }, 'd-20260310-1402-7hq2');
    const now = Date.parse('2026-03-10T14:02:11Z');
    for (let i = 0; i < 2; i += 1) {
      expect(await claimIncident(input, ledger, options(now))).toEqual({
        diagnosisId: 'd-20260310-1402-7hq2',
        proceed: true,
        target: { kind: 'api', api: 'a1b2c3d4e5', stage: 'prod', since: 900_000 },
        requestedAt: now,
      });
    }
    const window = await claimIncident(payload({ manual: { id: 'd2', apiId: 'orders-api', stage: '$default', from: 1773150000000, to: 1773151800000 } }), ledger, options(now));
    expect(window.target).toEqual({ kind: 'api', api: 'orders-api', stage: '$default', from: 1773150000000, to: 1773151800000 });
    expect(ledger.calls).toEqual([]);
  });

  it('uses the execution name when the request carries no id', async () => {
    const incident = await claimIncident(payload({ manual: { apiId: 'a1b2c3d4e5', stage: 'prod' } }, 'chatops-4411'), new MemoryIncidentLedger(), options(0));
    expect(incident.diagnosisId).toBe('chatops-4411');
  });
});

describe('claimIncident: input that is neither', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an empty object', {}, /neither an alarm state-change event nor a manual request/],
    ['null', null, /neither an alarm state-change event nor a manual request/],
    ['a string', 'ALARM', /neither an alarm state-change event nor a manual request/],
    ['describe-alarms output', { MetricAlarms: [{ AlarmName: 'orders-api-prod-5xx' }], CompositeAlarms: [] }, /describe-alarms/],
    [
      'an alarm configuration change event',
      { version: '0', 'detail-type': 'CloudWatch Alarm Configuration Change', source: 'aws.cloudwatch', detail: { alarmName: 'orders-api-prod-5xx', operation: 'update' } },
      /"CloudWatch Alarm Configuration Change" event; only "CloudWatch Alarm State Change" events/,
    ],
    ['a manual request without a stage', { manual: { id: 'd1', apiId: 'a1b2c3d4e5' } }, /manual request is not valid: stage is missing or empty/],
    ['a manual request with a bad id and window', { manual: { id: '../x', apiId: 'a', stage: 'prod', from: 'yesterday', to: 5 } }, /id "..\/x" is not 1-80 .*; from is not a time in epoch milliseconds/],
    ['a manual request with from after to', { manual: { id: 'd1', apiId: 'a', stage: 'prod', from: 10, to: 5 } }, /from is not before to/],
    ['a manual request that is not an object', { manual: 'orders-api/prod' }, /manual request is not an object/],
  ];
  for (const [what, event, message] of cases) {
    it(`throws InvalidExecutionInput for ${what}`, async () => {
      const error = await claimIncident(payload(event), new MemoryIncidentLedger(), options(0)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidExecutionInput);
      expect(error).toMatchObject({ name: 'InvalidExecutionInput' });
      expect((error as Error).message).toMatch(message);
    });
  }

  it('throws for an alarm event with no transition time', async () => {
    const event = alarmStateChangeEvent({ at: '2026-03-10T13:56:52.616Z' });
    const detail = event['detail'] as { state: Record<string, unknown> };
    delete detail.state['timestamp'];
    delete event['time'];
    await expect(claimIncident(payload(event), new MemoryIncidentLedger(), options(0))).rejects.toThrow(/no transition time/);
  });
});

describe('a chat-ops request', () => {
  it('keeps where the result must be posted (the slash command response_url and channel)', async () => {
    const input = {
      event: {
        manual: {
          id: 'slack-a1b2c3d4e5-prod-20260310T140000Z-k3j9xq',
          apiId: 'a1b2c3d4e5',
          stage: 'prod',
          since: 3_600_000,
          requestedBy: 'slack:T0001/U0001',
          reply: { responseUrl: 'https://hooks.slack.com/commands/T0001/123/abc', channelId: 'C0001', userId: 'U0001', ignored: 42 },
        },
      },
      executionName: 'slack-a1b2c3d4e5-prod-20260310T140000Z-k3j9xq',
    };
    const incident = await claimIncident(input, new MemoryIncidentLedger(), { now: Date.parse('2026-03-10T14:00:00Z'), cooldownMs: () => 0 });
    expect(incident.reply).toEqual({ responseUrl: 'https://hooks.slack.com/commands/T0001/123/abc', channelId: 'C0001', userId: 'U0001' });
    expect(incident.proceed).toBe(true);
  });
});
