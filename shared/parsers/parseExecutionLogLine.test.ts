import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { LogEvent } from '../model/logEvent.ts';
import { parseExecutionLogLine, apiAndStageFromExecutionLogGroup } from './parseExecutionLogLine.ts';

const event = (message: string, extra: Partial<LogEvent> = {}): LogEvent => ({
  timestamp: 1551267071458,
  message,
  file: 'logs/API-Gateway-Execution-Logs_uwe3g5jm54/Prod.json',
  ...extra,
});

describe('parseExecutionLogLine', () => {
  it.each([
    // Public fixture of an execution-log parser (subscription payload), API-Gateway-Execution-Logs_uwe3g5jm54/Prod, 2019
    ['(286364ab-3a83-11e9-8dc8-db3cf4c83204) Method completed with status: 502', '286364ab-3a83-11e9-8dc8-db3cf4c83204', 'Method completed with status: 502'],
    ['(286364ab-3a83-11e9-8dc8-db3cf4c83204) X-ray Tracing ID : 1-5c7674f4-a3491d0a9c8012c191821b83', '286364ab-3a83-11e9-8dc8-db3cf4c83204', 'X-ray Tracing ID : 1-5c7674f4-a3491d0a9c8012c191821b83'],
    // A 2025 write-up of REST API failure modes (execution log block under "Lambda function is throttling")
    ['(394365dc-1b10-411f-9668-70521cec1205) Lambda invocation failed with status: 429. Lambda request id: dcb2ab89-2d03-4b77-98cd-18d14fd2b850', '394365dc-1b10-411f-9668-70521cec1205', 'Lambda invocation failed with status: 429. Lambda request id: dcb2ab89-2d03-4b77-98cd-18d14fd2b850'],
    // serverless-heaven/serverless-webpack#314: multi-line text
    ['(be80cc66-0529-11e8-b1f6-c7a3139e9f85) Method request path:\n{}', 'be80cc66-0529-11e8-b1f6-c7a3139e9f85', 'Method request path:\n{}'],
    // aws-amplify/amplify-js#11391
    ['(0c1c44e1-1d54-42d8-ba45-cee2037fb46f) Extended Request Id: FOjNQEjfBcwFtAg=', '0c1c44e1-1d54-42d8-ba45-cee2037fb46f', 'Extended Request Id: FOjNQEjfBcwFtAg='],
    // WebSocket API execution logs use the extended id (blog post on ApiGatewayV2 authorizer permissions, 2020)
    ['(PDS1PEC4oAMFpyA=) Execution failed due to configuration error: Authorizer error', 'PDS1PEC4oAMFpyA=', 'Execution failed due to configuration error: Authorizer error'],
  ])('reads %j', (message, requestId, text) => {
    const line = parseExecutionLogLine(event(message, { logGroup: 'API-Gateway-Execution-Logs_uwe3g5jm54/Prod' }));
    expect(line).toEqual({
      requestId,
      text,
      timestamp: 1551267071458,
      logGroup: 'API-Gateway-Execution-Logs_uwe3g5jm54/Prod',
      file: 'logs/API-Gateway-Execution-Logs_uwe3g5jm54/Prod.json',
    });
  });

  it('keeps a multi-line response body whole and drops the trailing newline', () => {
    // Lambda throttling body as pasted in a 2018 note (reserved concurrency 1)
    const message =
      '(a5e3de30-8d59-11e8-b2f5-9339f1c001b0) Endpoint response body before transformations:\n{\n    "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded",\n    "Type": "User",\n    "message": "Rate Exceeded."\n}\n';
    const line = parseExecutionLogLine(event(message));
    expect(line?.text.startsWith('Endpoint response body before transformations:\n{')).toBe(true);
    expect(line?.text.endsWith('}')).toBe(true);
  });

  it('tolerates an ISO time left in front of the line', () => {
    // "2026-01-10T11:04:45.966Z\n(9cef...) ..." as printed by a console copy; the time may stay in the message
    const line = parseExecutionLogLine(
      event('2026-01-10T11:04:45.966Z (9cef3834-f42c-46d7-83fe-a6401a431398) Unauthorized request: 9cef3834-f42c-46d7-83fe-a6401a431398'),
    );
    expect(line?.requestId).toBe('9cef3834-f42c-46d7-83fe-a6401a431398');
    expect(line?.text).toBe('Unauthorized request: 9cef3834-f42c-46d7-83fe-a6401a431398');
  });

  it.each([
    // Lambda platform and runtime lines
    'START RequestId: 71952965-d5cc-4974-ae08-6e2138b2275c Version: $LATEST',
    'REPORT RequestId: 71952965-d5cc-4974-ae08-6e2138b2275c\tDuration: 10010.52 ms\tBilled Duration: 10000 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB',
    '2019-02-27T11:31:11.456Z 71952965-d5cc-4974-ae08-6e2138b2275c Task timed out after 10.00 seconds',
    '2019-02-21T16:57:20.679Z\t430b1cf7-15a2-4f58-a6e3-c1ec25f00e92\t(node:1) UnhandledPromiseRejectionWarning: ReferenceError: alert is not defined',
    '{"timestamp":"2023-10-27T19:17:45.586Z","level":"INFO","message":"hello","requestId":"79b4f56e-95b1-4643-9700-2807f4e68189"}',
    // access logs
    '{ "requestId":"c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "ip": "192.0.2.1", "status":"502" }',
    '192.0.2.1 - - [10/Mar/2026:14:04:37 +0000] "GET GET /orders HTTP/1.1" 502 36 KyDfdgZ9oAMEYpA=',
    // the console "Test" output has no request id per line
    'Thu Apr 01 21:58:32 UTC 2021 : Method completed with status: 502',
    // not an id
    '(node:1) Warning',
    '(286364ab-3a83-11e9-8dc8-db3cf4c83204)',
    '(286364ab-3a83-11e9-8dc8-db3cf4c83204)    ',
    '',
  ])('refuses %j', (message) => {
    expect(parseExecutionLogLine(event(message))).toBeNull();
  });

  it('never throws, whatever the message', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (message, timestamp) => {
        const line = parseExecutionLogLine({ message, timestamp, file: 'f' });
        if (line !== null) {
          expect(message).toContain(line.requestId);
          expect(line.text.length).toBeGreaterThan(0);
        }
      }),
    );
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1 }), (id, text) => {
        const line = parseExecutionLogLine({ message: `(${id}) x${text}`, timestamp: 0, file: 'f' });
        expect(line?.requestId).toBe(id);
      }),
    );
  });

  it('copes with a message that is not a string', () => {
    const bad = { timestamp: 0, message: 42, file: 'f' } as unknown as LogEvent;
    expect(parseExecutionLogLine(bad)).toBeNull();
  });
});

describe('apiAndStageFromExecutionLogGroup', () => {
  it.each([
    ['API-Gateway-Execution-Logs_uwe3g5jm54/Prod', { apiId: 'uwe3g5jm54', stage: 'Prod' }],
    ['API-Gateway-Execution-Logs_ccp122p730/prod', { apiId: 'ccp122p730', stage: 'prod' }],
    // Logs Insights @log is "account:log-group"
    ['542754589326:API-Gateway-Execution-Logs_ccp122p730/prod', { apiId: 'ccp122p730', stage: 'prod' }],
    // a bundle path naming a stream under the group
    ['API-Gateway-Execution-Logs_a1b2c3d4e5/prod/e369853df766fa44e1ed0ff613f563bd', { apiId: 'a1b2c3d4e5', stage: 'prod' }],
    // the knowledge-center article writes it with a slash
    ['API-Gateway-Execution-Logs/a1b2c3d4e5/test-invoke-stage', { apiId: 'a1b2c3d4e5', stage: 'test-invoke-stage' }],
  ])('%s', (group, expected) => {
    expect(apiAndStageFromExecutionLogGroup(group)).toEqual(expected);
  });

  it.each(['/aws/lambda/orders-fn', '/aws/apigateway/azul-service-prod', 'API-Gateway-Execution-Logs_abc', ''])('refuses %j', (group) => {
    expect(apiAndStageFromExecutionLogGroup(group)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (group) => void apiAndStageFromExecutionLogGroup(group)));
  });
});

describe('parseExecutionLogLine: the quick reading of "(<uuid>) <text>" agrees with the pattern', () => {
  const pattern = new RegExp(
    '^\\s*(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?\\s+)?\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9_-]{12,22}={1,2})\\) ([\\s\\S]*)$',
  );
  const byPattern = (message: string) => {
    const m = pattern.exec(message);
    if (!m) return null;
    const text = (m[2] ?? '').replace(/\s+$/, '');
    return m[1] === undefined || text.length === 0 ? null : { requestId: m[1], text };
  };
  const real = fc.uuid();
  // A UUID with one character changed (to a non-hex letter, a dash, a space, a bracket...), one dropped or one added.
  const damaged = fc
    .tuple(fc.uuid(), fc.nat(35), fc.constantFrom('g', 'G', 'z', '-', ' ', ')', '(', 'A', 'f', 'F', '0', ''), fc.boolean())
    .map(([u, at, c, insert]) => u.slice(0, at) + c + u.slice(insert ? at : at + 1));
  const uuidLike = fc.oneof(damaged, fc.stringMatching(/^[0-9a-fA-FgG-]{34,38}$/));
  it('finds the same request id and text as the pattern for any line', () => {
    fc.assert(
      fc.property(fc.oneof(real, uuidLike), fc.constantFrom(') ', ')', ')  ', ') \n'), fc.string({ unit: 'binary', maxLength: 40 }), (id, close, tail) => {
        const message = `(${id}${close}${tail}`;
        const got = parseExecutionLogLine({ timestamp: 1, message, file: 'f' });
        const want = byPattern(message);
        expect(got === null ? null : { requestId: got.requestId, text: got.text }).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });
});
