import { describe, it, expect } from 'vitest';
import type { LogEvent } from '../model/logEvent.ts';
import { compileAccessLogFormat } from '../parsers/compileAccessLogFormat.ts';
import { failingFromAccessLog, failingFromExecutionLog, sampleFailing } from './failingRecords.ts';

// HTTP API access log format with the error and integration fields (API Gateway developer guide, "Customizing HTTP
// API access logs"); ids in the base64-like HTTP API form.
const FORMAT =
  '{ "requestId":"$context.requestId", "routeKey":"$context.routeKey", "status":"$context.status", "integrationStatus":"$context.integration.integrationStatus", "integrationRequestId":"$context.integration.requestId", "integrationErrorMessage":"$context.integrationErrorMessage", "errorMessage":"$context.error.message" }';
const compiled = compileAccessLogFormat(FORMAT);
const base = Date.parse('2026-03-30T15:20:00Z');

function record(i: number, status: number, error: string, integrationId = '-'): LogEvent {
  const id = `KZbV8jG_vHcEJ${String(i).padStart(3, '0')}=`;
  return {
    timestamp: base + i * 1000,
    message: `{ "requestId":"${id}", "routeKey":"POST /checkout", "status":"${status}", "integrationStatus":"${status === 504 ? '-' : '200'}", "integrationRequestId":"${integrationId}", "integrationErrorMessage":"${error}", "errorMessage":"${status === 504 ? 'Service Unavailable' : 'Internal Server Error'}" }`,
    logGroup: '/aws/apigateway/checkout-http-access',
    file: 'logs/aws/apigateway/checkout-http-access.json',
  };
}

describe('failingFromAccessLog', () => {
  it('groups failing records by status, route and error texts (ids and numbers masked), largest first', () => {
    const events = [
      ...Array.from({ length: 40 }, (_, i) => record(i, 502, `The Lambda function returned the following error: Task timed out after ${6 + (i % 3)}.00 seconds`)),
      record(40, 504, 'Network error communicating with endpoint'),
      record(41, 504, 'Network error communicating with endpoint'),
      record(42, 200, '-'),
    ];
    const failing = failingFromAccessLog(events, compiled, {});
    expect(failing.summary.total).toBe(42);
    expect(failing.summary.byStatus).toEqual({ '502': 40, '504': 2 });
    expect(failing.summary.groups.map((g) => [g.status, g.count])).toEqual([
      [502, 40],
      [504, 2],
    ]);
  });

  it('the stratified sample draws the rare second cause too, spread over time', () => {
    const events = [
      ...Array.from({ length: 200 }, (_, i) => record(i, 502, 'The Lambda function returned the following error: Task timed out after 6.00 seconds', crypto.randomUUID())),
      record(200, 504, 'Network error communicating with endpoint'),
      record(201, 504, 'Network error communicating with endpoint'),
    ];
    const sample = sampleFailing(failingFromAccessLog(events, compiled, {}), 20);
    expect(sample).toHaveLength(20);
    expect(sample.filter((r) => r.status === 504)).toHaveLength(2);
    const times = sample.filter((r) => r.status === 502).map((r) => r.time);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(150_000);
    // The Lambda request id the access log names comes with each request.
    expect(sample.filter((r) => r.status === 502).every((r) => /^[0-9a-f-]{36}$/.test(r.lambdaRequestId ?? ''))).toBe(true);
  });

  it('sets aside records of another API or stage', () => {
    const other: LogEvent = { ...record(1, 502, 'x'), message: '{ "requestId":"Vdn1pgs-oAMEaXQ=", "apiId":"c0ffee1234", "stage":"staging", "status":"502" }' };
    expect(failingFromAccessLog([other, record(2, 502, 'x')], undefined, { apiId: 'yha1rvrori', stage: '$default' }).summary.total).toBe(1);
  });
});

describe('failingFromExecutionLog', () => {
  const line = (id: string, text: string, t = base): LogEvent => ({ timestamp: t, message: `(${id}) ${text}`, logGroup: 'API-Gateway-Execution-Logs_k8d4s0v6rn/prod', file: 'logs/x.json' });

  it('counts requests with a 5xx completion line, their first failure line as signature; a 4xx failure is not failing', () => {
    const a = 'c8ea2a2e-7a94-4c52-bd3a-39f6d4923b76';
    const b = 'e65fb33f-ea9b-48cf-840a-b6c1c6cc566e';
    const c = '0600b0e6-bed0-4227-a717-c92385044f63';
    const events = [
      line(a, 'Lambda execution failed with status 200 due to customer function error: RequestId: b4912040-c0fb-431a-9a1d-936af1f73e4b Error: Task timed out after 8.00 seconds. Lambda request id: b4912040-c0fb-431a-9a1d-936af1f73e4b'),
      line(a, 'Method completed with status: 502'),
      line(b, 'Execution failed due to configuration error: Malformed Lambda proxy response'),
      line(b, 'Method completed with status: 502'),
      line(c, 'Execution failed due to configuration error: Invalid JSON in request body'),
    ];
    const failing = failingFromExecutionLog(events, { apiId: 'k8d4s0v6rn', stage: 'prod' });
    expect(failing.requests.map((r) => r.requestId).sort()).toEqual([a, b].sort());
    expect(failing.summary.groups).toHaveLength(2);
    expect(failing.summary.groups.map((g) => g.signature).sort()[0]).toMatch(/^502 ~\|~ Execution failed due to configuration error: Malformed Lambda proxy response$/);
    expect(failingFromExecutionLog(events, { apiId: 'k8d4s0v6rn', stage: 'staging' }).summary.total).toBe(0);
  });
});
