import { describe, it, expect } from 'vitest';
import { lambdaInitError } from './lambdaInitError.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'fd443056-60d0-425f-874e-e93e5d61351e';

/** HTTP API access log (console JSON + $context.integration.requestId), search index file 28192826103. */
const ACCESS = {
  requestId: 'KyDfdgZ9oAMEYpA=',
  ip: '1.128.0.0',
  requestTime: '21/May/2024:19:48:44 +0000',
  httpMethod: 'GET',
  routeKey: 'GET /daily',
  status: '500',
  protocol: 'HTTP/1.1',
  responseLength: '35',
  integrationRequestId: LAMBDA_REQUEST_ID,
};

describe('lambda-init-error', () => {
  describe('matches', () => {
    it('Node.js: Uncaught Exception Runtime.UserCodeSyntaxError, INIT_REPORT Phase: init Status: error (index id 47362146931)', () => {
      // The order Lambda writes a failing init in (LAMBDA_AND_XRAY_SHAPES.md §1): error, INIT_REPORT init,
      // the error again, INIT_REPORT invoke, START, END, REPORT with Status: error.
      const uncaught = `2024-05-21T19:48:44.120Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.UserCodeSyntaxError","errorMessage":"SyntaxError: Unexpected token '}'","stack":["Runtime.UserCodeSyntaxError: SyntaxError: Unexpected token '}'","    at _loadUserApp (file:///var/runtime/index.mjs:1084:17)"]}`;
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        functionConfig: { runtime: 'nodejs20.x', handler: 'index.handler' },
        lambda: [
          'INIT_START Runtime Version: nodejs:20.v22\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:da57c20c4b965d5b75540f6865a35fc8030358e33ec44ecfed33e90901a27a72',
          uncaught,
          'INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError',
          uncaught,
          'INIT_REPORT Init Duration: 160.12 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.UserCodeSyntaxError',
          start(),
          end(),
          report({ durationMs: 171.38, tail: 'Status: error\tError Type: Runtime.UserCodeSyntaxError' }),
        ],
      });
      const m = mustMatch(lambdaInitError, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: 'daily-fn', errorType: 'Runtime.UserCodeSyntaxError', runtime: 'nodejs20.x' });
      expect(m.facts.errorMessage).toContain("SyntaxError: Unexpected token '}'");
      expect(m.evidence.some((e) => e.source === 'lambda-log' && e.excerpt.includes('Uncaught Exception'))).toBe(true);
    });

    it('Python: [ERROR] Runtime.ImportModuleError with its traceback joined by \\r (index ids 819990948, 65956892815)', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        functionConfig: { runtime: 'python3.11', handler: 'app.handler' },
        lambda: [
          'INIT_START Runtime Version: python:3.11.v39\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:93e1d5a6a5ec4a1d8e4a8c1f4e1a3c5e7c9e2b4d6f8a0c2e4b6d8f0a2c4e6b8d',
          "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'\rTraceback (most recent call last):",
          'INIT_REPORT Init Duration: 1670.77 ms\tPhase: init\tStatus: error\tError Type: Runtime.Unknown',
          start(),
          end(),
          report({ durationMs: 1702.5, tail: 'Status: error\tError Type: Runtime.Unknown' }),
        ],
      });
      const m = mustMatch(lambdaInitError, r, HTTP);
      expect(m.facts.errorType).toBe('Runtime.ImportModuleError');
      expect(m.facts.errorMessage).toBe("Unable to import module 'app': No module named 'daily'");
    });

    it('an init that ran out of its 10 s: INIT_REPORT ... Status: timeout (index id 66429978798)', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        lambda: ['INIT_REPORT Init Duration: 9999.79 ms    Phase: init    Status: timeout', start(), end(), report({ durationMs: 3000.12, tail: 'Status: timeout' })],
      });
      const m = mustMatch(lambdaInitError, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('JSON system log format: platform.initReport with "status":"error" (telemetry schema reference)', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        lambda: [
          '{"time":"2024-05-21T19:48:44.010Z","type":"platform.initStart","record":{"initializationType":"on-demand","phase":"init","runtimeVersion":"python:3.12.v27","runtimeVersionArn":"arn:aws:lambda:eu-west-1::runtime:6d1e4b6f","functionName":"daily-fn","functionVersion":"$LATEST"}}',
          '{"time":"2024-05-21T19:48:44.200Z","type":"platform.initReport","record":{"initializationType":"on-demand","phase":"init","status":"error","errorType":"Runtime.ImportModuleError","metrics":{"durationMs":190.4}}}',
          `{"time":"2024-05-21T19:48:44.210Z","type":"platform.start","record":{"requestId":"${LAMBDA_REQUEST_ID}","version":"$LATEST"}}`,
          `{"time":"2024-05-21T19:48:44.400Z","type":"platform.report","record":{"requestId":"${LAMBDA_REQUEST_ID}","metrics":{"durationMs":190.0,"billedDurationMs":191,"memorySizeMB":128,"maxMemoryUsedMB":40},"status":"error","errorType":"Runtime.ImportModuleError"}}`,
        ],
      });
      const m = mustMatch(lambdaInitError, r, HTTP);
      expect(m.facts.errorType).toBe('Runtime.ImportModuleError');
    });

    it('REST execution log only: the response body and failure line name Runtime.ImportModuleError', () => {
      // API_GATEWAY_LOG_SHAPES.md §1.1: the body a 2024 README (Prisma on Lambda) quotes.
      const body = `{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module '.prisma/client/default'\\nRequire stack:\\n- /var/task/node_modules/@prisma/client/default.js","trace":["Runtime.ImportModuleError: Error: Cannot find module '.prisma/client/default'"]}`;
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/users'),
          ...restLambdaCall(functionArn('users-fn'), '/users', 'GET'),
          ...restLambdaResponse({ latencyMs: 412, functionError: 'Unhandled', body }),
          `Lambda execution failed with status 200 due to customer function error: Error: Cannot find module '.prisma/client/default'. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      const m = mustMatch(lambdaInitError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.functionName).toBe('users-fn');
      expect(m.facts.errorType).toBe('Runtime.ImportModuleError');
    });

    it('Java: {"errorType":"java.lang.ClassNotFoundException"} written by the runtime (index id 46567241349)', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        lambda: [
          start(),
          '{"errorMessage":"Class not found: example.Handler","errorType":"java.lang.ClassNotFoundException","stackTrace":["java.base/java.net.URLClassLoader.findClass(Unknown Source)"]}',
          end(),
          report({ durationMs: 402.1, memoryMb: 512 }),
        ],
      });
      expect(mustMatch(lambdaInitError, r, HTTP).confidence).toBeGreaterThan(0.8);
    });

    it('confidence is lower when the invocation is tied to the request only by time', () => {
      const lines = [
        "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'",
        'INIT_REPORT Init Duration: 1670.77 ms\tPhase: init\tStatus: error\tError Type: Runtime.Unknown',
        start(),
        end(),
        report({ durationMs: 1702.5 }),
      ];
      const direct = mustMatch(lambdaInitError, requestEvidence({ access: ACCESS, functionName: 'daily-fn', lambda: lines }), HTTP);
      const { integrationRequestId: _omitted, ...withoutId } = ACCESS;
      const byTime = mustMatch(lambdaInitError, requestEvidence({ access: withoutId, functionName: 'daily-fn', lambda: lines }), HTTP);
      expect(byTime.confidence).toBeLessThan(direct.confidence);
    });
  });

  describe('does not match', () => {
    it('a cold start that succeeded, followed by an error in the handler', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        lambda: [
          'INIT_START Runtime Version: python:3.11.v39\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:93e1d5a6a5ec4a1d8e4a8c1f4e1a3c5e7c9e2b4d6f8a0c2e4b6d8f0a2c4e6b8d',
          start(),
          // awslambdaric bootstrap.py: an uncaught error in the handler.
          `[ERROR] KeyError: 'id'\rTraceback (most recent call last):\r\u00a0\u00a0File "/var/task/app.py", line 8, in handler\r\u00a0\u00a0\u00a0\u00a0return orders[event['id']]`,
          end(),
          report({ durationMs: 12.3, tail: 'Init Duration: 542.01 ms\t' }),
        ],
      });
      expect(lambdaInitError.match(r, HTTP)).toBeUndefined();
    });

    it('a REST function error that is not about loading the code', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/users'),
          ...restLambdaCall(functionArn('users-fn'), '/users', 'GET'),
          ...restLambdaResponse({ latencyMs: 40, functionError: 'Unhandled', body: '{"errorType":"UsernameExistsException","errorMessage":"User already exists"}' }),
          // serverless/serverless#8671
          `Lambda execution failed with status 200 due to customer function error: An error occurred (UsernameExistsException) when calling the SignUp operation: User already exists.. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(lambdaInitError.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the function, the error and the handler; roll back the deploy that preceded the onset', () => {
      const r = requestEvidence({
        access: ACCESS,
        functionName: 'daily-fn',
        functionConfig: { runtime: 'python3.11', handler: 'app.handler' },
        lambda: ["[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'", start(), end(), report({ durationMs: 1702.5 })],
      });
      const m = mustMatch(lambdaInitError, r, HTTP);
      const ctx = classifyContext('HTTP', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 40),
            eventName: 'UpdateFunctionCode20150331v2',
            eventSource: 'lambda.amazonaws.com',
            who: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
            resources: [functionArn('daily-fn')],
            what: 'UpdateFunctionCode20150331v2 on daily-fn',
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const f = findingFacts([{ request: r, match: m }], ctx);
      expect(lambdaInitError.summarise(f)).toBe(
        "daily-fn cannot start (Runtime.ImportModuleError: Unable to import module 'app': No module named 'daily'), so every request to GET /daily fails (1 request).",
      );
      const steps = lambdaInitError.remediate(f);
      expect(steps[0]).toContain('Roll back');
      expect(steps[0]).toContain('UpdateFunctionCode20150331v2 on daily-fn');
      expect(steps.some((s) => s.includes('"app.handler"'))).toBe(true);
      expect(steps.some((s) => s.includes('aws lambda invoke --function-name daily-fn'))).toBe(true);
    });
  });
});
