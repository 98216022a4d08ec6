import { describe, it, expect } from 'vitest';
import { lambdaTimeout } from './lambdaTimeout.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence, REGION } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';
const FN = 'orders-fn';

/** A REST Lambda proxy request whose function timed out after 3 s, as the execution log tells it (Source A). */
function restTimedOut(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/orders/{id}'),
    ...restLambdaCall(functionArn(FN), '/orders/{id}', 'GET'),
    // API_GATEWAY_LOG_SHAPES.md §1.1 Source A: the timeout error document Lambda returns, quoted as the body.
    ...restLambdaResponse({
      latencyMs: 3012,
      functionError: 'Unhandled',
      body: `{"errorMessage":"2024-05-21T19:48:47.456Z ${LAMBDA_REQUEST_ID} Task timed out after 3.00 seconds"}`,
    }),
    // §1.2 Source A: API Gateway's failure line for a function error.
    `Lambda execution failed with status 200 due to customer function error: 2024-05-21T19:48:47.456Z ${LAMBDA_REQUEST_ID} Task timed out after 3.00 seconds. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Method completed with status: 502',
  ];
}

/** The function's log stream of a timed-out invocation, older runtimes (apex/up#663, nasa/cumulus#1043). */
const LAMBDA_TASK_TIMED_OUT = [
  start(),
  end(),
  report({ durationMs: 3003.12 }),
  `2024-05-21T19:48:47.456Z ${LAMBDA_REQUEST_ID} Task timed out after 3.00 seconds`,
];

/** HTTP API access log in the console's JSON format plus $context.integrationErrorMessage / integration.requestId
 * (field names: the evidence_api Logs Insights transcript, search index file 28192826103). */
function httpAccess(extra: Record<string, string>): Record<string, string> {
  return {
    requestId: 'Vdn1ng7PIAMEVPw=',
    ip: '107.21.85.89',
    requestTime: '21/May/2024:19:48:44 +0000',
    httpMethod: 'POST',
    routeKey: 'POST /checkout',
    status: '500',
    protocol: 'HTTP/1.1',
    responseLength: '35',
    ...extra,
  };
}

describe('lambda-timeout', () => {
  describe('matches every way the timeout is written', () => {
    it('REST: API Gateway quotes "Task timed out" in its customer-function-error line (direct, high)', () => {
      const r = requestEvidence({ execution: restTimedOut() });
      const m = mustMatch(lambdaTimeout, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: FN, timeoutSeconds: 3 });
      expect(m.evidence.some((e) => e.source === 'execution-log' && /Task timed out after 3\.00 seconds/.test(e.excerpt))).toBe(true);
    });

    it('the Lambda log\'s "Task timed out after 18.02 seconds", tied by request id', () => {
      // apex/up#663: the line as Lambda wrote it, after REPORT in the same stream.
      const r = requestEvidence({
        execution: restTimedOut(),
        lambda: [start(), end(), report({ durationMs: 18018.26 }), `2018-05-17T06:46:28.161Z ${LAMBDA_REQUEST_ID} Task timed out after 18.02 seconds`],
      });
      const m = mustMatch(lambdaTimeout, r, REST);
      expect(r.invocationMatch).toBe('request-id');
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.evidence.some((e) => e.source === 'lambda-log' && /Task timed out after 18\.02 seconds/.test(e.excerpt))).toBe(true);
    });

    it('newer runtimes: REPORT ... Status: timeout with no "Task timed out" line', () => {
      // LAMBDA_AND_XRAY_SHAPES.md §1 "REPORT timeout" (index id 71175656459).
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        lambda: [start(), end(), report({ durationMs: 10000, memoryMb: 256, usedMb: 90, tail: 'Status: timeout' })],
      });
      const m = mustMatch(lambdaTimeout, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.durationMs).toBe(10000);
      expect(m.evidence.some((e) => e.source === 'lambda-log' && e.excerpt.includes('Status: timeout'))).toBe(true);
    });

    it('JSON system log format: platform.report with "status":"timeout"', () => {
      // Telemetry schema reference (LAMBDA_AND_XRAY_SHAPES.md §2): platform.start / runtimeDone / report.
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        functionConfig: { timeoutSeconds: 10, memorySizeMb: 256 },
        lambda: [
          `{"time":"2024-05-21T19:48:34.001Z","type":"platform.start","record":{"requestId":"${LAMBDA_REQUEST_ID}","version":"$LATEST"}}`,
          `{"time":"2024-05-21T19:48:44.002Z","type":"platform.runtimeDone","record":{"requestId":"${LAMBDA_REQUEST_ID}","status":"timeout","metrics":{"durationMs":10000.0,"producedBytes":0}}}`,
          `{"time":"2024-05-21T19:48:44.003Z","type":"platform.report","record":{"requestId":"${LAMBDA_REQUEST_ID}","metrics":{"durationMs":10000.0,"billedDurationMs":10000,"memorySizeMB":256,"maxMemoryUsedMB":90},"status":"timeout"}}`,
        ],
      });
      const m = mustMatch(lambdaTimeout, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      // No log line names the timeout: it comes from the function configuration.
      expect(m.facts.timeoutSeconds).toBe(10);
    });

    it('HTTP API: $context.integrationErrorMessage quotes Lambda\'s timeout, with no Lambda logs read', () => {
      // The message of an HTTP API whose Lambda timed out (Dynatrace guide, search index file 16993668887).
      const r = requestEvidence({
        access: httpAccess({
          integrationErrorMessage:
            'The Lambda function returned the following error: RequestId: 01fe3839-4974-40d5-960a-173fcb5ec786 Error: Task timed out after 5.00 seconds. Check your Lambda function code and try again.',
        }),
        functionName: FN,
      });
      const m = mustMatch(lambdaTimeout, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.85);
      expect(m.facts.timeoutSeconds).toBe(5);
    });
  });

  describe('confidence follows how directly the evidence says it', () => {
    it('direct (request id) > time-correlated > access-log latency alone', () => {
      const direct = mustMatch(lambdaTimeout, requestEvidence({ execution: restTimedOut(), lambda: LAMBDA_TASK_TIMED_OUT }), REST);
      const byTime = mustMatch(
        lambdaTimeout,
        requestEvidence({ access: httpAccess({ integrationLatency: '3005' }), functionName: FN, lambda: LAMBDA_TASK_TIMED_OUT }),
        HTTP,
      );
      const latencyOnly = mustMatch(
        lambdaTimeout,
        requestEvidence({ access: httpAccess({ integrationLatency: '3005' }), functionName: FN, functionConfig: { timeoutSeconds: 3 } }),
        HTTP,
      );
      expect(byTime.confidence).toBeLessThan(direct.confidence);
      expect(latencyOnly.confidence).toBeLessThan(byTime.confidence);
      expect(latencyOnly.confidence).toBeLessThanOrEqual(0.6);
      expect(latencyOnly.evidence.every((e) => e.source === 'access-log')).toBe(true);
    });

    it('a function allowed to run longer than the gateway waits is the gateway\'s timeout, not the function\'s', () => {
      // The function (timeout 60 s) was still running when the REST API gave up at 29 s and wrote
      // "Execution failed due to a timeout error" (§1.2); Lambda later wrote its own timeout at 60 s.
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/reports'),
          ...restLambdaCall(functionArn('reports-fn'), '/reports', 'POST'),
          'Execution failed due to a timeout error',
          'Method completed with status: 504',
        ],
        functionConfig: { timeoutSeconds: 60 },
        lambda: [start(), end(), report({ durationMs: 60000 }), `2024-05-21T19:49:44.000Z ${LAMBDA_REQUEST_ID} Task timed out after 60.00 seconds`],
      });
      const m = mustMatch(lambdaTimeout, r, REST);
      expect(m.confidence).toBeLessThanOrEqual(0.5);
    });
  });

  describe('does not match', () => {
    it('a function that failed fast with its own error', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders/{id}'),
          ...restLambdaCall(functionArn(FN), '/orders/{id}', 'GET'),
          ...restLambdaResponse({ latencyMs: 45, functionError: 'Unhandled', body: '{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'id\')"}' }),
          // §1.2 (2025 write-up of REST API failure modes)
          `Lambda execution failed with status 200 due to customer function error: Cannot read properties of undefined (reading 'id'). Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
        functionConfig: { timeoutSeconds: 3 },
      });
      expect(lambdaTimeout.match(r, REST)).toBeUndefined();
    });

    it('a dependency timing out inside the function, logged by the function, when the function itself finished', () => {
      // Node.js runtime text format (LogPatch.js): the function's own ERROR line about an outbound call.
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID, integrationLatency: '2040' }),
        functionName: FN,
        functionConfig: { timeoutSeconds: 10 },
        lambda: [
          start(),
          `2024-05-21T19:48:46.010Z\t${LAMBDA_REQUEST_ID}\tERROR\tpayment provider request timed out after 2000 ms`,
          end(),
          report({ durationMs: 2031.4 }),
        ],
      });
      expect(lambdaTimeout.match(r, HTTP)).toBeUndefined();
    });

    it('an HTTP backend behind the gateway that timed out (no function involved)', () => {
      const r = requestEvidence({
        access: { ...httpAccess({ status: '504', integrationLatency: '30001' }), routeKey: 'GET /legacy' },
        integration: { route: 'GET /legacy', type: 'http_proxy', uri: 'https://legacy.example.com/api' },
      });
      expect(lambdaTimeout.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the function, its timeout and the route, with a copy-paste command under 29 s', () => {
      const r = requestEvidence({ execution: restTimedOut(), lambda: LAMBDA_TASK_TIMED_OUT });
      const m = mustMatch(lambdaTimeout, r, REST);
      const f = findingFacts([{ request: r, match: m }], REST, { region: REGION, firstSeen: '2024-05-21T19:48:44.000Z' });
      const summary = lambdaTimeout.summarise(f);
      expect(summary).toContain(FN);
      expect(summary).toContain('3 s');
      expect(summary).toContain('GET /orders/{id}');
      expect(summary).toContain('since 2024-05-21 19:48:44Z');
      const steps = lambdaTimeout.remediate(f);
      const command = steps.find((s) => s.includes('update-function-configuration'));
      expect(command).toContain(`--function-name ${FN} --timeout 6 --region ${REGION}`);
    });

    it('never suggests a timeout of 29 s or more', () => {
      const r = requestEvidence({ execution: restTimedOut() });
      const m = mustMatch(lambdaTimeout, r, REST);
      const f = findingFacts([{ request: r, match: { ...m, facts: { ...m.facts, timeoutSeconds: 25 } } }], REST);
      const command = lambdaTimeout.remediate(f).find((s) => s.includes('--timeout')) ?? '';
      const value = Number(/--timeout (\d+)/.exec(command)?.[1]);
      expect(value).toBeGreaterThan(25);
      expect(value).toBeLessThan(29);
    });

    it('puts a configuration change that preceded the onset first', () => {
      const r = requestEvidence({ execution: restTimedOut() });
      const m = mustMatch(lambdaTimeout, r, REST);
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 40),
            eventName: 'UpdateFunctionConfiguration20150331v2',
            eventSource: 'lambda.amazonaws.com',
            who: 'arn:aws:iam::123456789012:user/deployer',
            resources: [functionArn(FN)],
            what: `UpdateFunctionConfiguration20150331v2 on ${FN}: Timeout 30 -> 3`,
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const steps = lambdaTimeout.remediate(findingFacts([{ request: r, match: m }], ctx));
      expect(steps[0]).toContain('Timeout 30 -> 3');
    });
  });
});
