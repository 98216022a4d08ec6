import { describe, it, expect } from 'vitest';
import { classifyRequest, round2 } from './classifyRequest.ts';
import { RULES, SUPERSEDES } from './rules/index.ts';
import { ROOT_CAUSE_IDS } from '../model/rootCauses.ts';
import { classifyContext, requestEvidence } from './rules/testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, lambdaInvocationUri, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './rules/testing/realLines.ts';
import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { ClassifyContext } from './rule.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef';

function classified(r: RequestEvidence, ctx: ClassifyContext): { id: string | undefined; alternatives: string[] } {
  const c = classifyRequest(r, ctx);
  return { id: c.match?.id, alternatives: c.alternatives.map((a) => a.id) };
}

/** REST: Lambda answered 200 with X-Amz-Function-Error=Unhandled and API Gateway quoted the error (Source A; §1.2). */
function restUnhandled(fn: string, message: string, body = `{"errorMessage": "${message}"}`): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
    ...restLambdaCall(functionArn(fn), '/orders', 'POST'),
    ...restLambdaResponse({ latencyMs: 2900, functionError: 'Unhandled', body }),
    `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Method completed with status: 502',
  ];
}

describe('classifyRequest', () => {
  describe('the rule table', () => {
    it('has one rule per root-cause id (insufficient-evidence is not a matcher), none twice', () => {
      const ids = RULES.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids, 'insufficient-evidence'].sort()).toEqual([...ROOT_CAUSE_IDS].sort());
    });

    it('never lets two causes supersede each other', () => {
      for (const id of ROOT_CAUSE_IDS) {
        for (const other of SUPERSEDES[id] ?? []) expect(SUPERSEDES[other]?.includes(id) ?? false, `${id} <-> ${other}`).toBe(false);
      }
    });

    it('explains nothing when no rule matches: no cause, no alternatives', () => {
      // A 500 in the console's JSON access-log preset, with nothing else (elastic/integrations test-apigateway-rest.log shape).
      const r = requestEvidence({
        access: { requestId: REQUEST_ID, ip: '1.128.0.0', requestTime: '10/Jun/2023:15:36:28 +0000', httpMethod: 'GET', resourcePath: '/pets', status: '500', protocol: 'HTTP/1.1', responseLength: '36' },
      });
      const c = classifyRequest(r, REST);
      expect(c.match).toBeUndefined();
      expect(c.alternatives).toEqual([]);
    });
  });

  describe('a dependency the function calls is more specific than the function\'s error', () => {
    // LAMBDA_AND_XRAY_SHAPES.md §3 Python (index id 43672071645): boto3's throttle after its retries, uncaught.
    const throttle = 'An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity of your table or index.';

    it('an unhandled DynamoDB throttle is downstream-dependency-failure, with lambda-unhandled-error as an alternative', () => {
      const r = requestEvidence({
        execution: restUnhandled('orders-fn', throttle),
        lambda: [start(), `[ERROR] ClientError: ${throttle}\rTraceback (most recent call last):`, end(), report({ durationMs: 2890.4, tail: 'Status: error\tError Type: Runtime.Unknown' })],
      });
      const c = classifyRequest(r, REST);
      expect(c.match?.id).toBe('downstream-dependency-failure');
      const alt = c.alternatives.find((a) => a.id === 'lambda-unhandled-error');
      expect(alt).toBeDefined();
      expect(alt?.confidence).toBeLessThan(c.match?.confidence ?? 0);
      // lambda-throttled must not read the function's own throttle as Lambda refusing the invoke.
      expect(c.alternatives.map((a) => a.id)).not.toContain('lambda-throttled');
    });

    it('the same throttle quoted by API Gateway alone (no Lambda log read) is still the dependency', () => {
      expect(classified(requestEvidence({ execution: restUnhandled('orders-fn', throttle) }), REST)).toMatchObject({ id: 'downstream-dependency-failure' });
    });

    it('a handled AccessDeniedException is downstream-access-denied, with function-error-response as the alternative', () => {
      const denial = 'User: arn:aws:sts::123456789012:assumed-role/picking-fn-role/picking-fn is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:eu-west-1:123456789012:table/pick-lists because no identity-based policy allows the dynamodb:GetItem action';
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/pick-list'),
          ...restLambdaCall(functionArn('picking-fn'), '/pick-list', 'GET'),
          ...restLambdaResponse({ latencyMs: 48, body: '{"statusCode": 500, "body": "{\\"message\\": \\"internal error\\"}"}' }),
          'Successfully completed execution',
          'Method completed with status: 500',
        ],
        lambda: [start(), `[ERROR]\t2024-05-21T19:48:44.151Z\t${LAMBDA_REQUEST_ID}\tfailed to load pick list\nbotocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetItem operation: ${denial}`, end(), report({ durationMs: 41.2 })],
      });
      const c = classified(r, REST);
      expect(c.id).toBe('downstream-access-denied');
      expect(c.alternatives).toContain('function-error-response');
    });
  });

  describe('Lambda\'s own limits beat the error they cause', () => {
    it('out of memory beats the unhandled error it shows up as', () => {
      const killed = `RequestId: ${LAMBDA_REQUEST_ID} Error: Runtime exited with error: signal: killed`;
      const r = requestEvidence({
        execution: restUnhandled('pdf-fn', killed, `{"errorType":"Runtime.ExitError","errorMessage":"${killed}"}`),
        lambda: [start(), `${killed}\nRuntime.ExitError`, end(), report({ durationMs: 2210.4, memoryMb: 512, usedMb: 512, tail: 'Status: error\tError Type: Runtime.ExitError' })],
      });
      const c = classified(r, REST);
      expect(c.id).toBe('lambda-out-of-memory');
      expect(c.alternatives).toContain('lambda-unhandled-error');
    });

    it('a function timeout beats the unhandled error API Gateway reports for it', () => {
      const timedOut = `2024-05-21T19:48:47.456Z ${LAMBDA_REQUEST_ID} Task timed out after 3.00 seconds`;
      const r = requestEvidence({
        execution: restUnhandled('orders-fn', timedOut, `{"errorMessage":"${timedOut}"}`),
        lambda: [start(), end(), report({ durationMs: 3003.1 }), timedOut],
      });
      const c = classified(r, REST);
      expect(c.id).toBe('lambda-timeout');
      expect(c.alternatives).toContain('lambda-unhandled-error');
    });

    it('an HTTP API quoting the function\'s 5 s timeout is lambda-timeout, not the gateway\'s', () => {
      const r = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'POST',
          routeKey: 'POST /checkout',
          status: '500',
          integrationLatency: '5012',
          // Dynatrace guide (search index file 16993668887)
          integrationErrorMessage:
            'The Lambda function returned the following error: RequestId: 01fe3839-4974-40d5-960a-173fcb5ec786 Error: Task timed out after 5.00 seconds. Check your Lambda function code and try again.',
        },
        functionName: 'checkout-fn',
      });
      const c = classified(r, HTTP);
      expect(c.id).toBe('lambda-timeout');
      expect(c.alternatives).not.toContain('integration-timeout');
    });
  });

  describe('a function allowed to run longer than the gateway waits: the gateway\'s timeout', () => {
    it('REST: "Execution failed due to a timeout error" at 29 s, the function\'s own timeout 60 s', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'POST', '/reports'), ...restLambdaCall(functionArn('reports-fn'), '/reports', 'POST'), 'Execution failed due to a timeout error', 'Method completed with status: 504'],
        functionConfig: { timeoutSeconds: 60 },
        lambda: [start(), end(), report({ durationMs: 60000, tail: 'Status: timeout' }), `2024-05-21T19:49:44.000Z ${LAMBDA_REQUEST_ID} Task timed out after 60.00 seconds`],
        invocationMatch: 'time',
      });
      const c = classified(r, REST);
      expect(c.id).toBe('integration-timeout');
      expect(c.alternatives).toContain('lambda-timeout');
    });

    it('HTTP API: a 503 at 30 s while the invocation (tied by id) ran to its 60 s timeout', () => {
      const r = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'POST',
          routeKey: 'POST /reports',
          status: '503',
          integrationLatency: '30001',
          integrationRequestId: LAMBDA_REQUEST_ID,
        },
        functionName: 'reports-fn',
        functionConfig: { timeoutSeconds: 60 },
        lambda: [start(), end(), report({ durationMs: 60000, tail: 'Status: timeout' })],
      });
      const c = classified(r, HTTP);
      expect(c.id).toBe('integration-timeout');
      expect(c.alternatives).toContain('lambda-timeout');
    });
  });

  describe('the authorizer is more specific than its function\'s failure', () => {
    it('an authorizer whose function failed to initialise is authorizer-error, with lambda-init-error as an alternative', () => {
      // Authorizer run: Source B / KC api-gateway-logs; result body: 2023 Terraform notes; failure lines: search index id 40370491264.
      const r = requestEvidence({
        execution: [
          `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
          `Endpoint request URI: ${lambdaInvocationUri(functionArn('jwt-authorizer'))}`,
          'Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'jsonwebtoken\'"}',
          'Execution failed due to configuration error: Authorizer error',
          'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
          'Method completed with status: 500',
        ],
        // The authorizer function's own stream, tied by time (LAMBDA_AND_XRAY_SHAPES.md §1, index id 47362146931).
        functionName: 'jwt-authorizer',
        lambda: [
          `2024-05-21T19:48:44.120Z\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'jsonwebtoken'","stack":["Runtime.ImportModuleError: Error: Cannot find module 'jsonwebtoken'"]}`,
          'INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
          start(),
          end(),
          report({ durationMs: 171.38, tail: 'Status: error\tError Type: Runtime.ImportModuleError' }),
        ],
        invocationMatch: 'time',
      });
      const c = classifyRequest(r, REST);
      expect(c.match?.id).toBe('authorizer-error');
      const init = c.alternatives.find((a) => a.id === 'lambda-init-error');
      expect(init).toBeDefined();
      // A superseded cause is halved, not just discounted.
      expect(init?.confidence).toBe(round2(Math.min(0.92, c.match?.confidence ?? 0) * 0.5));
    });

    it('an authorizer API Gateway may not invoke is invoke-permission-denied, naming the authorizer\'s function', () => {
      const r = requestEvidence({
        execution: [
          `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
          `Endpoint request URI: ${lambdaInvocationUri(functionArn('jwt-authorizer'))}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
          'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
          'Method completed with status: 500',
        ],
      });
      const c = classifyRequest(r, REST);
      expect(c.match?.id).toBe('invoke-permission-denied');
      expect(c.match?.facts.functionName).toBe('jwt-authorizer');
      expect(c.alternatives.map((a) => a.id)).toContain('authorizer-error');
    });
  });

  describe('API Gateway\'s own words beat what they cause', () => {
    it('a malformed proxy response is not reported as the function\'s own 5xx', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/graphql'),
          ...restLambdaCall(functionArn('graphql-fn'), '/graphql', 'POST'),
          ...restLambdaResponse({ latencyMs: 64, body: '{"statusCode":500,"body":{"errors":[{"message":"boom"}]}}' }),
          'Execution failed due to configuration error: Malformed Lambda proxy response',
          'Method completed with status: 502',
        ],
        lambda: [start(), `2024-05-21T19:48:44.210Z\t${LAMBDA_REQUEST_ID}\tERROR\tresolver failed: boom`, end(), report({ durationMs: 60.2 })],
      });
      const c = classified(r, REST);
      expect(c.id).toBe('malformed-proxy-response');
      expect(c.alternatives).toContain('function-error-response');
    });

    it('an internal error is only an alternative when a more specific cause is found', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/prices'),
          `Endpoint request URI: ${lambdaInvocationUri(functionArn('prices-fn'))}`,
          `Lambda invocation failed with status: 429. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Execution failed due to configuration error: Rate Exceeded.',
          'Execution failed due to an internal error',
          'Method completed with status: 500',
        ],
      });
      const c = classifyRequest(r, REST);
      expect(c.match?.id).toBe('lambda-throttled');
      const internal = c.alternatives.find((a) => a.id === 'api-gateway-internal');
      expect(internal?.confidence).toBeLessThan(0.5);
    });
  });
});
