import { describe, it, expect } from 'vitest';
import { lambdaOutOfMemory } from './lambdaOutOfMemory.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence, REGION } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'b92a770e-3f5c-4d1e-8c1a-2f0b6e4d9a11';
const FN = 'pdf-fn';

/** HTTP API access log (console JSON + $context.integration.requestId), search index file 28192826103. */
function access(withLambdaId = true): Record<string, string> {
  return {
    requestId: 'Iq8dHhlwIAMEV_g=',
    ip: '1.128.0.0',
    requestTime: '21/May/2024:19:48:44 +0000',
    httpMethod: 'POST',
    routeKey: 'POST /render',
    status: '500',
    protocol: 'HTTP/1.1',
    responseLength: '35',
    ...(withLambdaId ? { integrationRequestId: LAMBDA_REQUEST_ID } : {}),
  };
}

/** LAMBDA_AND_XRAY_SHAPES.md §1 "OOM kill" (index ids 14863649404, 43929547653) and "Runtime exit" (19408983659). */
const KILLED = `RequestId: ${LAMBDA_REQUEST_ID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError`;

describe('lambda-out-of-memory', () => {
  describe('matches', () => {
    it('REPORT ... Status: error Error Type: Runtime.OutOfMemory (index ids 27362830499, 59287833708)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [start(), end(), report({ durationMs: 1480.2, memoryMb: 10239, usedMb: 10239, tail: 'Init Duration: 551.73 ms\tStatus: error\tError Type: Runtime.OutOfMemory' })],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: FN, memorySizeMb: 10239, maxMemoryUsedMb: 10239 });
      expect(m.evidence.some((e) => e.excerpt.includes('Runtime.OutOfMemory'))).toBe(true);
    });

    it('"Runtime exited with error: signal: killed" with Max Memory Used at Memory Size (index id 67038418218)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512 })],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.reason).toContain('memory used reached the configured size');
    });

    it('"signal: killed" alone, memory not at its limit, is less certain', () => {
      const full = mustMatch(lambdaOutOfMemory, requestEvidence({ access: access(), functionName: FN, lambda: [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512 })] }), HTTP);
      const notFull = mustMatch(lambdaOutOfMemory, requestEvidence({ access: access(), functionName: FN, lambda: [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 301 })] }), HTTP);
      expect(notFull.confidence).toBeLessThan(full.confidence);
      expect(notFull.confidence).toBeLessThanOrEqual(0.75);
    });

    it('Node.js: V8\'s "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory" (index id 58882895958)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [
          start(),
          '<--- Last few GCs --->',
          'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
          KILLED,
          end(),
          report({ durationMs: 5120.7, memoryMb: 1024, usedMb: 1024, tail: 'Status: error\tError Type: Runtime.ExitError' }),
        ],
      });
      expect(mustMatch(lambdaOutOfMemory, r, HTTP).confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('Java: the runtime\'s error document for java.lang.OutOfMemoryError (java-exceptions.md shape)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        functionConfig: { runtime: 'java21', memorySizeMb: 512 },
        lambda: [
          start(),
          '{"errorMessage":"Java heap space","errorType":"java.lang.OutOfMemoryError","stackTrace":["java.base/java.util.Arrays.copyOf(Unknown Source)","example.Handler.handleRequest(Handler.java:41)"]}',
          end(),
          report({ durationMs: 8800.1, memoryMb: 512, usedMb: 512 }),
        ],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.runtime).toBe('java21');
    });

    it('Python: [ERROR] MemoryError with its traceback (awslambdaric bootstrap.py format)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [
          start(),
          '[ERROR] MemoryError\rTraceback (most recent call last):\r\u00a0\u00a0File "/var/task/app.py", line 12, in handler\r\u00a0\u00a0\u00a0\u00a0rows = list(reader)',
          end(),
          report({ durationMs: 3003.5, memoryMb: 256, usedMb: 256, tail: 'Status: error\tError Type: Runtime.Unknown' }),
        ],
      });
      expect(mustMatch(lambdaOutOfMemory, r, HTTP).confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('JSON system log format: platform.report status error, errorType Runtime.OutOfMemory (telemetry schema reference)', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [
          `{"time":"2024-05-21T19:48:44.500Z","type":"platform.start","record":{"requestId":"${LAMBDA_REQUEST_ID}","version":"$LATEST"}}`,
          `{"time":"2024-05-21T19:48:46.000Z","type":"platform.runtimeDone","record":{"requestId":"${LAMBDA_REQUEST_ID}","status":"error","errorType":"Runtime.OutOfMemory","metrics":{"durationMs":1500.0,"producedBytes":0}}}`,
          `{"time":"2024-05-21T19:48:46.001Z","type":"platform.report","record":{"requestId":"${LAMBDA_REQUEST_ID}","metrics":{"durationMs":1500.0,"billedDurationMs":1500,"memorySizeMB":128,"maxMemoryUsedMB":128},"status":"error","errorType":"Runtime.OutOfMemory"}}`,
        ],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.memorySizeMb).toBe(128);
    });

    it('REST: API Gateway quotes the kill in its customer-function-error line (composed from the invoke error document and §1.2)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/render'),
          ...restLambdaCall(functionArn(FN), '/render', 'POST'),
          ...restLambdaResponse({
            latencyMs: 2230,
            functionError: 'Unhandled',
            body: `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: ${LAMBDA_REQUEST_ID} Error: Runtime exited with error: signal: killed"}`,
          }),
          `Lambda execution failed with status 200 due to customer function error: RequestId: ${LAMBDA_REQUEST_ID} Error: Runtime exited with error: signal: killed. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
        lambda: [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512 })],
      });
      const m = mustMatch(lambdaOutOfMemory, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.evidence.map((e) => e.source)).toEqual(expect.arrayContaining(['lambda-log', 'execution-log']));
    });

    it('a failed invocation with memory used up to its size, no line saying why, is out of memory but less certain', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [start(), end(), report({ durationMs: 902.3, memoryMb: 256, usedMb: 256, tail: 'Status: error\tError Type: Runtime.ExitError' })],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      expect(m.confidence).toBeLessThan(0.9);
      expect(m.confidence).toBeGreaterThanOrEqual(0.7);
    });

    it('is less certain when the invocation was tied to the request by time only', () => {
      const lines = [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512 })];
      const direct = mustMatch(lambdaOutOfMemory, requestEvidence({ access: access(), functionName: FN, lambda: lines }), HTTP);
      const byTime = mustMatch(lambdaOutOfMemory, requestEvidence({ access: access(false), functionName: FN, lambda: lines }), HTTP);
      expect(byTime.confidence).toBeLessThan(direct.confidence);
    });
  });

  describe('does not match', () => {
    it('a successful invocation that used all its memory', () => {
      const r = requestEvidence({ access: access(), functionName: FN, lambda: [start(), end(), report({ durationMs: 95.1, memoryMb: 512, usedMb: 512 })] });
      expect(lambdaOutOfMemory.match(r, HTTP)).toBeUndefined();
    });

    it('a timeout at full memory: "Task timed out" is Lambda stopping the function for its timeout (nasa/cumulus#1043)', () => {
      // The cumulus paste: REPORT at 512 of 512 MB, then "Task timed out after 20.02 seconds".
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/token'),
          ...restLambdaCall(functionArn('token-fn'), '/token', 'GET'),
          ...restLambdaResponse({ latencyMs: 20031, functionError: 'Unhandled', body: `{"errorMessage":"2019-06-06T19:14:19.346Z ${LAMBDA_REQUEST_ID} Task timed out after 20.02 seconds"}` }),
          `Lambda execution failed with status 200 due to customer function error: 2019-06-06T19:14:19.346Z ${LAMBDA_REQUEST_ID} Task timed out after 20.02 seconds. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
        lambda: [
          start(),
          end(),
          `REPORT RequestId: ${LAMBDA_REQUEST_ID}\tDuration: 20020.32 ms\tBilled Duration: 20000 ms Memory Size: 512 MB\tMax Memory Used: 512 MB`,
          `2019-06-06T19:14:19.346Z ${LAMBDA_REQUEST_ID} Task timed out after 20.02 seconds`,
        ],
      });
      expect(lambdaOutOfMemory.match(r, REST)).toBeUndefined();
    });

    it('an ordinary unhandled error', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [
          start(),
          // aws-lambda-nodejs-runtime-interface-client Errors.js: the Invoke Error line.
          `2024-05-21T19:48:44.612Z\t${LAMBDA_REQUEST_ID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'pages')","stack":["TypeError: Cannot read properties of undefined (reading 'pages')","    at Runtime.handler (file:///var/task/index.mjs:12:31)"]}`,
          end(),
          report({ durationMs: 40.2, memoryMb: 512, usedMb: 88, tail: 'Status: error\tError Type: Runtime.UnhandledPromiseRejection' }),
        ],
      });
      expect(lambdaOutOfMemory.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the memory used and configured, and a doubled --memory-size', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        functionConfig: { runtime: 'nodejs20.x', memorySizeMb: 512 },
        lambda: [start(), KILLED, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512 })],
      });
      const m = mustMatch(lambdaOutOfMemory, r, HTTP);
      const f = findingFacts([{ request: r, match: m }], HTTP, { region: REGION });
      expect(lambdaOutOfMemory.summarise(f)).toBe(`${FN} ran out of memory (used 512 MB of 512 MB) and was killed on 1 request to POST /render.`);
      const steps = lambdaOutOfMemory.remediate(f);
      expect(steps[0]).toContain(`aws lambda update-function-configuration --function-name ${FN} --memory-size 1024 --region ${REGION}`);
      expect(steps.some((s) => s.includes('NODE_OPTIONS'))).toBe(true);
    });

    it('never proposes more than Lambda\'s 10240 MB', () => {
      const r = requestEvidence({
        access: access(),
        functionName: FN,
        lambda: [start(), end(), report({ durationMs: 1480.2, memoryMb: 10239, usedMb: 10239, tail: 'Status: error\tError Type: Runtime.OutOfMemory' })],
      });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaOutOfMemory, r, HTTP) }], HTTP);
      expect(lambdaOutOfMemory.remediate(f)[0]).toContain('--memory-size 10240');
    });
  });
});
