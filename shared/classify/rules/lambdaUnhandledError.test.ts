import { describe, it, expect } from 'vitest';
import { lambdaUnhandledError } from './lambdaUnhandledError.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'a57bdd96-1f2e-4d3c-8b4a-5f6e7d8c9b0a';
const FN = 'orders-fn';
const TYPE_ERROR = "Cannot read properties of undefined (reading 'id')";

/** REST: the function threw; Lambda answered 200 with X-Amz-Function-Error=Unhandled and API Gateway said so (Source A; §1.2). */
function restThrew(message = TYPE_ERROR): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/orders/{id}'),
    ...restLambdaCall(functionArn(FN), '/orders/{id}', 'GET'),
    ...restLambdaResponse({ latencyMs: 27, functionError: 'Unhandled', body: `{"errorType":"TypeError","errorMessage":"${message}","trace":["TypeError: ${message}","    at Runtime.handler (file:///var/task/index.mjs:12:31)"]}` }),
    `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Method completed with status: 502',
  ];
}

/** Node.js runtime's "Invoke Error" line (Errors.js / LogPatch.js; a real line: "2022-09-24T04:57:13.319Z\ta57bdd96-…\tERROR\tInvoke Error \t{...}"). */
const NODE_INVOKE_ERROR = `2024-05-21T19:48:44.319Z\t${LAMBDA_REQUEST_ID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"${TYPE_ERROR}","stack":["TypeError: ${TYPE_ERROR}","    at Runtime.handler (file:///var/task/index.mjs:12:31)","    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)"]}`;

function httpAccess(extra: Record<string, string>): Record<string, string> {
  // HTTP API console JSON preset + $context.integrationErrorMessage (search index file 28192826103).
  return { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders/{id}', status: '500', protocol: 'HTTP/1.1', ...extra };
}

describe('lambda-unhandled-error', () => {
  describe('matches', () => {
    it('REST execution log alone: "... due to customer function error: <message>"', () => {
      const r = requestEvidence({ execution: restThrew() });
      const m = mustMatch(lambdaUnhandledError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.85);
      expect(m.facts).toMatchObject({ functionName: FN, errorMessage: `${TYPE_ERROR}. Lambda request id: ${LAMBDA_REQUEST_ID}` });
    });

    it('REST + the runtime\'s "Invoke Error" line: the error type and message from the function\'s log (stronger)', () => {
      const alone = mustMatch(lambdaUnhandledError, requestEvidence({ execution: restThrew() }), REST);
      const r = requestEvidence({ execution: restThrew(), lambda: [start(), NODE_INVOKE_ERROR, end(), report({ durationMs: 25.1, tail: 'Status: error\tError Type: TypeError' })] });
      const m = mustMatch(lambdaUnhandledError, r, REST);
      expect(m.confidence).toBeGreaterThan(alone.confidence);
      expect(m.facts).toMatchObject({ errorType: 'TypeError', errorMessage: TYPE_ERROR });
      expect(m.evidence.map((e) => e.source)).toEqual(['lambda-log', 'execution-log']);
    });

    it('Python text format: "[ERROR] KeyError: \'id\'" with the traceback joined by \\r (awslambdaric bootstrap.py)', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        lambda: [
          start(),
          `[ERROR] KeyError: 'id'\rTraceback (most recent call last):\r\u00a0\u00a0File "/var/task/app.py", line 8, in handler\r\u00a0\u00a0\u00a0\u00a0return orders[event['id']]`,
          end(),
          report({ durationMs: 2.9 }),
        ],
      });
      const m = mustMatch(lambdaUnhandledError, r, HTTP);
      expect(m.facts.errorType).toBe('KeyError');
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
    });

    it('Python JSON log format: the uncaught-error document and platform.report status error', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        lambda: [
          `{"time":"2024-05-21T19:48:44.100Z","type":"platform.start","record":{"requestId":"${LAMBDA_REQUEST_ID}","version":"$LATEST"}}`,
          // awslambdaric bootstrap.py log_error in JSON mode ("timestamp" without milliseconds).
          `{"timestamp": "2024-05-21T19:48:44Z", "level": "ERROR", "errorMessage": "'id'", "errorType": "KeyError", "requestId": "${LAMBDA_REQUEST_ID}", "stackTrace": ["  File \\"/var/task/app.py\\", line 8, in handler\\n    return orders[event['id']]\\n"]}`,
          `{"time":"2024-05-21T19:48:44.110Z","type":"platform.report","record":{"requestId":"${LAMBDA_REQUEST_ID}","metrics":{"durationMs":3.1,"billedDurationMs":4,"memorySizeMB":128,"maxMemoryUsedMB":52},"status":"error","errorType":"KeyError"}}`,
        ],
      });
      expect(mustMatch(lambdaUnhandledError, r, HTTP).facts.errorType).toBe('KeyError');
    });

    it('Java: the runtime\'s error document with no level prefix (java-exceptions.md)', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        lambda: [
          start(),
          '{"errorMessage":"/ by zero","errorType":"java.lang.ArithmeticException","stackTrace":["example.HandlerDivide.handleRequest(HandlerDivide.java:28)","example.HandlerDivide.handleRequest(HandlerDivide.java:13)"]}',
          end(),
          report({ durationMs: 122.4, memoryMb: 512, usedMb: 98 }),
        ],
      });
      expect(mustMatch(lambdaUnhandledError, r, HTTP).facts.errorType).toBe('java.lang.ArithmeticException');
    });

    it('Node.js: "Unhandled Promise Rejection" (Errors.js; index ids 27629908185, 36477841754)', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }),
        functionName: FN,
        lambda: [
          start(),
          `2024-05-21T19:48:44.200Z\t${LAMBDA_REQUEST_ID}\tERROR\tUnhandled Promise Rejection \t{"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: order o-1001 is in an invalid state","reason":{"errorType":"Error","errorMessage":"order o-1001 is in an invalid state"},"promise":{},"stack":["Runtime.UnhandledPromiseRejection: Error: order o-1001 is in an invalid state"]}`,
          end(),
          report({ durationMs: 31.2 }),
        ],
      });
      expect(mustMatch(lambdaUnhandledError, r, HTTP).facts.errorType).toBe('Runtime.UnhandledPromiseRejection');
    });

    it('HTTP API access log only: "The Lambda function returned the following error: ..." (Logs Insights transcript, index file 28192826103)', () => {
      const r = requestEvidence({
        access: httpAccess({
          integrationErrorMessage:
            'The Lambda function returned the following error: An error occurred (ValidationException) when calling the PutItem operation: One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes. Check your Lambda function code and try again.',
        }),
        functionName: FN,
      });
      const m = mustMatch(lambdaUnhandledError, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.75);
      expect(m.facts.errorMessage).toContain('ValidationException');
      expect(m.evidence[0]?.source).toBe('access-log');
    });

    it('is less certain when the invocation is tied to the request by time only', () => {
      const lines = [start(), NODE_INVOKE_ERROR, end(), report({ durationMs: 25.1, tail: 'Status: error\tError Type: TypeError' })];
      const direct = mustMatch(lambdaUnhandledError, requestEvidence({ access: httpAccess({ integrationRequestId: LAMBDA_REQUEST_ID }), functionName: FN, lambda: lines }), HTTP);
      const byTime = mustMatch(lambdaUnhandledError, requestEvidence({ access: httpAccess({}), functionName: FN, lambda: lines }), HTTP);
      expect(byTime.confidence).toBeLessThan(direct.confidence);
    });
  });

  describe('does not match', () => {
    it('a function that handled the failure and returned {"statusCode":500} (that is function-error-response)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders/{id}'),
          ...restLambdaCall(functionArn(FN), '/orders/{id}', 'GET'),
          ...restLambdaResponse({ latencyMs: 18, body: '{"statusCode":500,"body":"{\\"message\\":\\"internal error\\"}"}' }),
          'Successfully completed execution',
          'Method completed with status: 500',
        ],
        lambda: [start(), `2024-05-21T19:48:44.300Z\t${LAMBDA_REQUEST_ID}\tERROR\tcould not price order o-1001: currency missing`, end(), report({ durationMs: 12.0 })],
      });
      expect(lambdaUnhandledError.match(r, REST)).toBeUndefined();
    });

    it('a throttled invoke: the function never ran', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders/{id}'),
          ...restLambdaCall(functionArn(FN), '/orders/{id}', 'GET'),
          `Lambda invocation failed with status: 429. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Execution failed due to configuration error: Rate Exceeded.',
          'Method completed with status: 500',
        ],
      });
      expect(lambdaUnhandledError.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name what was thrown, by which function, on which route; a code deploy before the onset comes first', () => {
      const r = requestEvidence({ execution: restThrew(), lambda: [start(), NODE_INVOKE_ERROR, end(), report({ durationMs: 25.1 })] });
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 40),
            eventName: 'UpdateFunctionCode20150331v2',
            eventSource: 'lambda.amazonaws.com',
            who: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
            resources: [functionArn(FN)],
            what: `UpdateFunctionCode20150331v2 on ${FN}`,
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaUnhandledError, r, ctx) }], ctx);
      expect(lambdaUnhandledError.summarise(f)).toBe(`${FN} throws TypeError: ${TYPE_ERROR} on 1 request to GET /orders/{id}.`);
      const steps = lambdaUnhandledError.remediate(f);
      expect(steps[0]).toContain(`UpdateFunctionCode20150331v2 on ${FN}`);
      expect(steps[1]).toContain(`Fix the error in ${FN} (TypeError)`);
    });
  });
});
