import { describe, expect, it } from 'vitest';
import type { BundleContext } from '../model/context.ts';
import type { LogEvent } from '../model/logEvent.ts';
import { EvidenceCollector } from './EvidenceCollector.ts';
import { correlateRequests, indexTraces } from './correlateRequests.ts';

/**
 * Correlation across layers, from real-shaped lines through the real collector: the API request to its
 * execution lines, the Lambda invocation named in "Endpoint response headers", the trace named by the
 * REPORT line, and the time-only match that must not pick an invocation which merely warned.
 */
const API_REQ = '0894a994-46de-48b5-b1a2-bf089cd037d6';
const LAMBDA_REQ = '4d81c8a0-f4c7-4c9c-9d21-957e76296c1d';
const T0 = Date.UTC(2026, 2, 10, 13, 52, 53);
const EXEC_GROUP = 'API-Gateway-Execution-Logs_rgkwmpkz6q/prod';

function ev(message: string, timestamp: number, logGroup: string, file: string, logStream?: string): LogEvent {
  return { message, timestamp, logGroup, file, ...(logStream ? { logStream } : {}) };
}

const context: BundleContext = {
  deployments: [],
  functions: [{ name: 'orders-fn', timeoutSeconds: 6, file: 'functions/orders-fn.json', logGroup: '/aws/lambda/orders-fn' }],
  metrics: [],
  changes: [],
  api: {
    integrations: [{ route: 'GET /orders/{id}', type: 'aws_proxy', functionName: 'orders-fn' }],
    authorizers: [],
  },
};

function collect(events: LogEvent[]) {
  const c = new EvidenceCollector({ apiId: 'rgkwmpkz6q', stage: 'prod' });
  for (const e of events) c.add(e);
  return c.finish();
}

describe('correlateRequests', () => {
  it('ties the request to its invocation by the Lambda request id, maps the concrete path to its route, and links the trace from REPORT', () => {
    const exec = (text: string, dt: number) => ev(`(${API_REQ}) ${text}`, T0 + dt, EXEC_GROUP, 'logs/exec.json');
    const lambda = (text: string, dt: number) => ev(text, T0 + dt, '/aws/lambda/orders-fn', 'logs/aws/lambda/orders-fn.json', '2026/03/10/[$LATEST]abc');
    const collected = collect([
      exec('HTTP Method: GET, Resource Path: /orders/123', 0),
      exec('Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:384756102938:function:orders-fn/invocations', 2),
      lambda(`START RequestId: ${LAMBDA_REQ} Version: $LATEST`, 10),
      lambda(`2026-03-10T13:52:59.630Z ${LAMBDA_REQ} Task timed out after 6.00 seconds`, 6010),
      lambda(`END RequestId: ${LAMBDA_REQ}`, 6011),
      lambda(
        `REPORT RequestId: ${LAMBDA_REQ}\tDuration: 6000.00 ms\tBilled Duration: 6000 ms\tMemory Size: 512 MB\tMax Memory Used: 87 MB\tStatus: timeout\nXRAY TraceId: 1-69b02235-78073c416a31eef402e76db2\tSegmentId: cfd1a8f5e0abb7c0\tSampled: true`,
        6012,
      ),
      exec(`Endpoint response headers: {Date=Tue, 10 Mar 2026 13:52:59 GMT, x-amzn-RequestId=${LAMBDA_REQ}, X-Amz-Function-Error=Unhandled}`, 6020),
      exec('Method completed with status: 502', 6021),
    ]);
    const segment = { traceId: '1-69b02235-78073c416a31eef402e76db2', id: 'a', name: 'orders-fn', origin: 'AWS::Lambda::Function', startTime: T0, exceptions: [] };
    const { requests, claimed } = correlateRequests(collected, indexTraces([segment], []), context);
    expect(requests).toHaveLength(1);
    const r = requests[0];
    expect(r?.route).toBe('GET /orders/{id}');
    expect(r?.lambdaRequestId).toBe(LAMBDA_REQ);
    expect(r?.invocationMatch).toBe('request-id');
    expect(r?.functionName).toBe('orders-fn');
    expect(r?.functionConfig?.timeoutSeconds).toBe(6);
    expect(r?.traceId).toBe('1-69b02235-78073c416a31eef402e76db2');
    expect(r?.segments).toHaveLength(1);
    expect(claimed.has(LAMBDA_REQ)).toBe(true);
  });

  it('matches by time only an invocation that failed, never one that only warned', () => {
    const access = (id: string, dt: number) =>
      ev(
        JSON.stringify({ requestId: id, requestTime: new Date(T0 + dt).toISOString(), httpMethod: 'GET', routeKey: 'GET /orders/{id}', status: '500', responseLatency: '40' }),
        T0 + dt,
        '/aws/apigateway/orders',
        'logs/access.json',
      );
    const lambda = (text: string, dt: number, stream: string) => ev(text, T0 + dt, '/aws/lambda/orders-fn', 'logs/aws/lambda/orders-fn.json', stream);
    const warnOnly = '11111111-2222-3333-4444-555555555555';
    const failed = '66666666-7777-8888-9999-000000000000';
    const collected = collect([
      lambda(`START RequestId: ${warnOnly} Version: $LATEST`, -5, 's1'),
      lambda(`2026-03-10T13:52:53.000Z\t${warnOnly}\tWARN\torder o-1 not found`, -4, 's1'),
      lambda(`REPORT RequestId: ${warnOnly}\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB`, -2, 's1'),
      lambda(`START RequestId: ${failed} Version: $LATEST`, 30, 's2'),
      lambda(`2026-03-10T13:52:53.050Z\t${failed}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined","stack":["TypeError: x is undefined"]}`, 60, 's2'),
      lambda(`REPORT RequestId: ${failed}\tDuration: 35.00 ms\tBilled Duration: 35 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB`, 66, 's2'),
      access('KZbV8jG_vHcEJqQ=', 0),
    ]);
    const { requests } = correlateRequests(collected, indexTraces([], []), context);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.invocationMatch).toBe('time');
    expect(requests[0]?.invocation?.requestId).toBe(failed);
  });
});
