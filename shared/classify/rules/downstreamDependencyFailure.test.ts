import { describe, it, expect } from 'vitest';
import { downstreamDependencyFailure } from './downstreamDependencyFailure.ts';
import { classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { batchGetTraces, end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const FN = 'tracking-fn';

/** HTTP API access log (console JSON + integration fields, search index file 28192826103). */
function access(withLambdaId: boolean): Record<string, string> {
  return {
    requestId: 'Vdn1ng7PIAMEVPw=',
    requestTime: '21/May/2024:19:48:44 +0000',
    httpMethod: 'GET',
    routeKey: 'GET /tracking/{id}',
    status: '502',
    ...(withLambdaId ? { integrationRequestId: LAMBDA_REQUEST_ID } : {}),
  };
}

/**
 * Node.js: `console.error('db query failed', err)` for a refused PostgreSQL connection — the runtime's text format
 * (LogPatch.js) with util.format printing the stack and the socket error's own properties (as Node prints them).
 */
const NODE_ECONNREFUSED = `2024-05-21T19:48:44.512Z\t${LAMBDA_REQUEST_ID}\tERROR\tdb query failed Error: connect ECONNREFUSED 10.0.12.48:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16) {\n  errno: -111,\n  code: 'ECONNREFUSED',\n  syscall: 'connect',\n  address: '10.0.12.48',\n  port: 5432\n}`;

/** Python: the throttle boto3 raised after its retries (LAMBDA_AND_XRAY_SHAPES.md §3 Python, index id 43672071645), uncaught. */
const PY_THROTTLE = '[ERROR] ClientError: An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly.\rTraceback (most recent call last):\r\u00a0\u00a0File "/var/task/app.py", line 22, in handler\r\u00a0\u00a0\u00a0\u00a0table.put_item(Item=item)';

function restUnhandled(message: string): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/events'),
    ...restLambdaCall(functionArn(FN), '/events', 'POST'),
    ...restLambdaResponse({ latencyMs: 2900, functionError: 'Unhandled', body: `{"errorMessage": "${message}", "errorType": "ClientError", "requestId": "${LAMBDA_REQUEST_ID}"}` }),
    `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Method completed with status: 502',
  ];
}

describe('downstream-dependency-failure', () => {
  describe('matches', () => {
    it('an unhandled DynamoDB throttle: the dependency, with lambda-unhandled-error as the alternative', () => {
      const message = 'An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index.';
      const r = requestEvidence({ execution: restUnhandled(message), lambda: [start(), PY_THROTTLE, end(), report({ durationMs: 2890.4, tail: 'Status: error\tError Type: Runtime.Unknown' })] });
      const m = mustMatch(downstreamDependencyFailure, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.facts.dependency).toContain('ThrottlingException');
      expect(m.alternatives).toEqual([{ id: 'lambda-unhandled-error', confidence: 0.3 }]);
    });

    it('a refused database connection the function handled and answered 502 for (http-downstream-dependency-failure shape)', () => {
      const r = requestEvidence({
        access: access(true),
        functionName: FN,
        lambda: [start(), NODE_ECONNREFUSED, end(), report({ durationMs: 14.8 })],
      });
      const m = mustMatch(downstreamDependencyFailure, r, HTTP);
      expect(m.facts).toMatchObject({ functionName: FN, backend: '10.0.12.48:5432' });
      expect(m.facts.dependency).toContain('ECONNREFUSED');
      expect(m.alternatives).toEqual([{ id: 'function-error-response', confidence: 0.3 }]);
    });

    it('psycopg2\'s OperationalError "could not connect to server: Connection refused"', () => {
      const r = requestEvidence({
        access: access(true),
        functionName: FN,
        lambda: [
          start(),
          `[ERROR]\t2024-05-21T19:48:44.501Z\t${LAMBDA_REQUEST_ID}\tdatabase unavailable: could not connect to server: Connection refused\n\tIs the server running on host "tracking-db.cluster-c1x2y3.eu-west-1.rds.amazonaws.com" (10.0.12.48) and accepting\n\tTCP/IP connections on port 5432?`,
          end(),
          report({ durationMs: 1021.3 }),
        ],
      });
      expect(mustMatch(downstreamDependencyFailure, r, HTTP).facts.dependency).toMatch(/Connection refused|could not connect/);
    });

    it('a third-party API answering 503 (axios\' "Request failed with status code 503")', () => {
      const r = requestEvidence({
        access: access(true),
        functionName: FN,
        lambda: [start(), `2024-05-21T19:48:44.700Z\t${LAMBDA_REQUEST_ID}\tERROR\tcarrier lookup failed AxiosError: Request failed with status code 503`, end(), report({ durationMs: 640.2 })],
      });
      expect(mustMatch(downstreamDependencyFailure, r, HTTP).facts.dependency).toContain('Request failed with status code 503');
    });

    it('X-Ray: a throttled DynamoDB subsegment, with the log line it is stronger', () => {
      const traces = batchGetTraces({
        apiRequestId: REQUEST_ID,
        functionName: FN,
        calls: [
          {
            id: '3f2e1d0c9b8a7f6e',
            name: 'DynamoDB',
            start_time: 1716320924.12,
            end_time: 1716320926.9,
            error: true,
            throttle: true,
            namespace: 'aws',
            http: { response: { status: 400 } },
            aws: { operation: 'PutItem', region: REGION, retries: 9, table_name: 'events' },
            cause: { working_directory: '/var/task', exceptions: [{ id: '0c1d2e3f4a5b6c7d', type: 'ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.', remote: true }] },
          },
        ],
      });
      const traceOnly = mustMatch(downstreamDependencyFailure, requestEvidence({ execution: restUnhandled('boom'), traces }), REST);
      expect(traceOnly.facts.service).toBe('DynamoDB');
      expect(traceOnly.facts.dependency).toMatch(/^DynamoDB PutItem/);
      expect(traceOnly.facts.dependency).toContain('ProvisionedThroughputExceeded');
      const both = mustMatch(downstreamDependencyFailure, requestEvidence({ execution: restUnhandled('boom'), traces, lambda: [start(), PY_THROTTLE, end(), report({ durationMs: 2890.4 })] }), REST);
      expect(both.confidence).toBeGreaterThan(traceOnly.confidence);
    });

    it('no Lambda log read: API Gateway\'s quote of the function\'s error names the throttle', () => {
      const message = 'An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index.';
      const rest = mustMatch(downstreamDependencyFailure, requestEvidence({ execution: restUnhandled(message) }), REST);
      expect(rest.facts.dependency).toBe('ThrottlingException');
      expect(rest.evidence[0]?.excerpt).toContain('customer function error');
      expect(rest.alternatives).toEqual([{ id: 'lambda-unhandled-error', confidence: 0.3 }]);
      const http = mustMatch(
        downstreamDependencyFailure,
        requestEvidence({
          // "The Lambda function returned the following error: ... Check your Lambda function code and try again." (index file 28192826103)
          access: { ...access(false), status: '500', integrationErrorMessage: `The Lambda function returned the following error: ${message}. Check your Lambda function code and try again.` },
          functionName: FN,
        }),
        HTTP,
      );
      expect(http.evidence[0]?.source).toBe('access-log');
      expect(http.confidence).toBeLessThan(0.85);
    });

    it('is less certain when the invocation is tied to the request by time only', () => {
      const lines = [start(), NODE_ECONNREFUSED, end(), report({ durationMs: 14.8 })];
      const direct = mustMatch(downstreamDependencyFailure, requestEvidence({ access: access(true), functionName: FN, lambda: lines }), HTTP);
      const byTime = mustMatch(downstreamDependencyFailure, requestEvidence({ access: access(false), functionName: FN, lambda: lines }), HTTP);
      expect(byTime.confidence).toBeLessThan(direct.confidence);
    });
  });

  describe('does not match', () => {
    it('a function that logs its own 500 response (the reason is its own, not a dependency)', () => {
      const r = requestEvidence({
        access: access(true),
        functionName: FN,
        lambda: [
          start(),
          `2024-05-21T19:48:44.300Z\t${LAMBDA_REQUEST_ID}\tERROR\tmissing configuration: STRIPE_KEY is not set`,
          `2024-05-21T19:48:44.301Z\t${LAMBDA_REQUEST_ID}\tINFO\tresponse {"statusCode":500,"headers":{"Content-Type":"application/json"},"body":"{\\"message\\":\\"internal error\\"}"}`,
          end(),
          report({ durationMs: 3.1 }),
        ],
      });
      expect(downstreamDependencyFailure.match(r, HTTP)).toBeUndefined();
    });

    it('API Gateway\'s own Lambda subsegment throttled by Lambda (that is lambda-throttled)', () => {
      const traces = {
        Traces: [
          {
            Id: '1-5c7674f4-a3491d0a9c8012c191821b83',
            Duration: 0.01,
            LimitExceeded: false,
            Segments: [
              {
                Id: '5b714d1d5495834c',
                Document: JSON.stringify({
                  id: '5b714d1d5495834c',
                  name: 'a1b2c3d4e5/prod',
                  trace_id: '1-5c7674f4-a3491d0a9c8012c191821b83',
                  start_time: 1716320924.1,
                  end_time: 1716320924.11,
                  origin: 'AWS::ApiGateway::Stage',
                  fault: true,
                  http: { response: { status: 500 } },
                  aws: { api_gateway: { request_id: REQUEST_ID, rest_api_id: 'a1b2c3d4e5', stage: 'prod' } },
                  subsegments: [
                    { id: '59c0ea1310eda164', name: 'Lambda', start_time: 1716320924.101, end_time: 1716320924.106, namespace: 'aws', throttle: true, error: true, http: { response: { status: 429 } }, aws: { function_name: FN, operation: 'Invoke' } },
                  ],
                }),
              },
            ],
          },
        ],
      };
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/events'),
          ...restLambdaCall(functionArn(FN), '/events', 'POST'),
          `Lambda invocation failed with status: 429. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Execution failed due to configuration error: Rate Exceeded.',
          'Method completed with status: 500',
        ],
        traces,
      });
      expect(downstreamDependencyFailure.match(r, REST)).toBeUndefined();
    });

    it('an ordinary bug (TypeError) with no dependency in sight', () => {
      const r = requestEvidence({
        access: access(true),
        functionName: FN,
        lambda: [
          start(),
          `2024-05-21T19:48:44.612Z\t${LAMBDA_REQUEST_ID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'carrier')","stack":["TypeError: Cannot read properties of undefined (reading 'carrier')","    at Runtime.handler (file:///var/task/index.mjs:12:31)"]}`,
          end(),
          report({ durationMs: 4.2 }),
        ],
      });
      expect(downstreamDependencyFailure.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('a refused connection: name the host:port and suggest RDS Proxy / pool size', () => {
      const r = requestEvidence({ access: access(true), functionName: FN, lambda: [start(), NODE_ECONNREFUSED, end(), report({ durationMs: 14.8 })] });
      const f = findingFacts([{ request: r, match: mustMatch(downstreamDependencyFailure, r, HTTP) }], HTTP);
      expect(downstreamDependencyFailure.summarise(f)).toBe(`A dependency of ${FN} is failing (10.0.12.48:5432) — ECONNREFUSED — so 1 request to GET /tracking/{id} failed.`);
      const steps = downstreamDependencyFailure.remediate(f);
      expect(steps[0]).toContain('10.0.12.48:5432 refuses connections');
      expect(steps[0]).toContain('RDS Proxy');
    });

    it('a throttle: capacity and backoff', () => {
      const r = requestEvidence({ execution: restUnhandled('boom'), lambda: [start(), PY_THROTTLE, end(), report({ durationMs: 2890.4 })] });
      const f = findingFacts([{ request: r, match: mustMatch(downstreamDependencyFailure, r, REST) }], REST);
      const steps = downstreamDependencyFailure.remediate(f);
      expect(steps[0]).toContain('is throttling');
      expect(steps[0]).toContain('on-demand');
    });
  });
});
