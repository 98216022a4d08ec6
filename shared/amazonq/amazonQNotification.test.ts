import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import type { Diagnosis } from '../model/diagnosis.ts';
import { amazonQNotificationOf, threadIdOf } from './amazonQNotification.ts';
import { AMAZON_Q_LIMITS, amazonQNotificationProblems } from './amazonQNotificationSchema.ts';

const goldenDir = new URL('../../test/golden/', import.meta.url);
const golden = (name: string) => JSON.parse(readFileSync(new URL(name, goldenDir), 'utf8')) as Diagnosis;

describe('amazonQNotificationOf', () => {
  it('builds the documented custom notification for a Lambda timeout', () => {
    const n = amazonQNotificationOf(golden('rest-lambda-timeout.json'), { diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d', incidentStart: '2026-03-10T13:56:52.616Z' });
    expect(amazonQNotificationProblems(n)).toEqual([]);
    expect(n.version).toBe('1.0');
    expect(n.source).toBe('custom');
    expect(n.id).toBe('alarm-orders-api-prod-5xx-20260310T135652-b346246d');
    expect(n.content.textType).toBe('client-markdown');
    expect(n.content.title).toBe(':rotating_light: 5xx on orders-api/prod: Lambda function timed out');
    const lines = n.content.description.split('\n');
    expect(lines[0]).toBe('orders-fn hit its timeout of 6 s on 11 requests to GET /orders/{id} since 2026-03-10 13:52:53Z; Lambda stopped it and API Gateway returned a 5xx.');
    expect(lines[1]).toBe('*Failing requests:* 11 (502 ×11) on GET /orders/{id} (11) since 2026-03-10 13:52 UTC, last 2026-03-10 13:58 UTC');
    expect(lines[2]).toBe('*Confidence:* high (0.95)');
    expect(n.content.description).toContain('```REPORT RequestId: 4d81c8a0-f4c7-4c9c-9d21-957e76296c1d\tDuration: 6000.00 ms');
    expect(n.content.description).toMatch(/<https:\/\/us-east-1\.console\.aws\.amazon\.com\/[^|]+\|Logs Insights/);
    expect(n.content.nextSteps?.[1]).toBe('Find what orders-fn waits on: open the X-Ray trace of a sampled request, or search its log group for the slow call just before "Task timed out" (a database, an HTTP API, a cold dependency).');
    expect(n.content.keywords).toEqual(['orders-api', 'prod', 'lambda-timeout', 'medium']);
    expect(n.metadata).toEqual({
      threadId: 'apigw-doctor-rgkwmpkz6q-prod-20260310T1356Z',
      summary: '5xx on orders-api/prod: Lambda function timed out (11 requests)',
      eventType: 'ApiGateway5xxDiagnosis',
      relatedResources: ['rgkwmpkz6q', 'orders-fn'],
      additionalContext: {
        apiId: 'rgkwmpkz6q',
        stage: 'prod',
        rootCause: 'lambda-timeout',
        confidence: '0.95',
        failingRequests: '11',
        severity: 'medium',
        diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-b346246d',
        onset: '2026-03-10T13:52:53.000Z',
        apiName: 'orders-api',
      },
      enableCustomActions: true,
    });
  });

  it('threads the diagnoses of one incident together, and only those', () => {
    const d = golden('rest-lambda-timeout.json');
    const first = amazonQNotificationOf(d, { diagnosisId: 'd1', incidentStart: '2026-03-10T13:56:52.616Z' });
    const repeat = amazonQNotificationOf(d, { diagnosisId: 'd2', incidentStart: '2026-03-10T13:56:52.616Z' });
    const next = amazonQNotificationOf(d, { diagnosisId: 'd3', incidentStart: '2026-03-11T02:00:00.000Z' });
    expect(repeat.metadata?.threadId).toBe(first.metadata?.threadId);
    expect(next.metadata?.threadId).not.toBe(first.metadata?.threadId);
    expect(threadIdOf('rgkwmpkz6q', 'prod')).toBe('apigw-doctor-rgkwmpkz6q-prod');
    expect(amazonQNotificationOf(d, { diagnosisId: 'd', threadId: 'mine' }).metadata?.threadId).toBe('mine');
  });

  it('names the second cause and says what to turn on when the evidence is insufficient', () => {
    const two = amazonQNotificationOf(golden('rest-two-causes-timeout-and-oom.json'), { diagnosisId: 'd' });
    expect(two.content.description).toMatch(/\n\*Also:\* Lambda function ran out of memory on \d+ requests: /);
    const none = amazonQNotificationOf(golden('rest-insufficient-evidence-no-exec-logs.json'), { diagnosisId: 'd' });
    expect(none.content.title).toBe(':grey_question: 5xx on ' + (golden('rest-insufficient-evidence-no-exec-logs.json').api.name ?? golden('rest-insufficient-evidence-no-exec-logs.json').api.id) + '/prod: Not enough evidence to decide');
    expect(none.content.nextSteps?.[0]).toMatch(/^Turn on execution logging at ERROR/);
    expect(none.content.description).toContain('*Confidence:* not established');
    expect(none.content.description).toContain('*Missing:* Execution logging is OFF on stage prod');
  });

  it('is valid for every golden diagnosis, and small enough for SNS', () => {
    const names = readdirSync(goldenDir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(50);
    for (const name of names) {
      const n = amazonQNotificationOf(golden(name), { diagnosisId: `d-${name}`, incidentStart: '2026-03-10T13:56:52.616Z' });
      expect(amazonQNotificationProblems(n), name).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(n)), name).toBeLessThan(16 * 1024);
    }
  });

  it('cuts oversized text to the documented limits instead of failing', () => {
    const d = golden('rest-lambda-timeout.json');
    const huge: Diagnosis = {
      ...d,
      api: { ...d.api, name: 'n'.repeat(400) },
      rootCause: { ...d.rootCause, title: 't'.repeat(400), summary: 's'.repeat(12_000) },
      findings: d.findings.map((f) => ({ ...f, remediation: ['r'.repeat(1000), ...Array.from({ length: 9 }, (_, i) => `step ${i}`)] })),
    };
    const n = amazonQNotificationOf(huge, { diagnosisId: 'd' });
    expect(amazonQNotificationProblems(n)).toEqual([]);
    expect(n.content.title).toHaveLength(AMAZON_Q_LIMITS.title);
    expect(n.content.description.length).toBeLessThanOrEqual(AMAZON_Q_LIMITS.description);
    expect(n.content.nextSteps).toHaveLength(5);
    expect(n.content.nextSteps?.[0]).toHaveLength(AMAZON_Q_LIMITS.nextStep);
  });

  it('redacts what it quotes', () => {
    const d = golden('rest-lambda-timeout.json');
    const leaky: Diagnosis = { ...d, findings: d.findings.map((f) => ({ ...f, evidence: [{ source: 'execution-log', excerpt: 'Method request headers: {Authorization=Bearer abcdefghijklmnop, Host=x}' }] })) };
    const n = amazonQNotificationOf(leaky, { diagnosisId: 'd' });
    expect(n.content.description).toContain('Authorization=[REDACTED], Host=x');
    expect(n.content.description).not.toContain('abcdefghijklmnop');
  });
});

describe('amazonQNotificationProblems', () => {
  it('checks the documented constraints', () => {
    expect(amazonQNotificationProblems({ version: '2.0', source: 'aws', content: { textType: 'markdown', title: 'x'.repeat(251), description: '', nextSteps: ['y'.repeat(351)], keywords: ['z'.repeat(76)] }, metadata: { additionalContext: { a: 'has space' }, enableCustomActions: 'yes' } })).toEqual([
      'version must be "1.0"',
      'source must be "custom"',
      'content.textType must be "client-markdown"',
      'content.title is longer than 250 characters',
      'content.description must be a non-empty string',
      'content.nextSteps[0] is longer than 350 characters',
      'content.keywords[0] is longer than 75 characters',
      'metadata.enableCustomActions must be a boolean',
      'metadata.additionalContext.a must be printable ASCII without spaces, 1–1024 characters',
    ]);
    expect(amazonQNotificationProblems({ version: '1.0', source: 'custom', content: { description: 'd'.repeat(8000) } })).toEqual([]);
    expect(amazonQNotificationProblems({ version: '1.0', source: 'custom', content: { description: 'd'.repeat(8001) } })).toEqual(['content.description is longer than 8000 characters']);
  });
});
