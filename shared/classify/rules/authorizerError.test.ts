import { describe, it, expect } from 'vitest';
import { authorizerError } from './authorizerError.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, lambdaInvocationUri, restLambdaCall, restLambdaResponse, restRequestStart, LAMBDA_REQUEST_ID } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'cf101403-4a17-11e7-935f-35dfc4618b7d';
const AUTH_FN = 'jwt-authorizer';

/**
 * REST: the authorizer's run in the execution log (Source B: rotemtam/serverless-aws-logs-parser mocks;
 * KC api-gateway-logs "Starting authorizer: 62mgrc"), its result body an init error document (2023 Terraform
 * notes: "Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError",...}"), then
 * "Execution failed due to configuration error: Authorizer error" and the gateway response line (blog on
 * ApiGatewayV2 authorizer permissions, 2020, search index id 40370491264).
 */
function restAuthorizerCrashed(): string[] {
  return [
    'Extended Request Id: Vwc2MGFUrPEFV_g=',
    `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
    'Incoming identity: ****I1BUdE',
    `Endpoint request URI: ${lambdaInvocationUri(functionArn(AUTH_FN))}`,
    'Endpoint request body after transformations: {"type":"TOKEN","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders","authorizationToken":"****I1BUdE"}',
    'Sending request to ' + lambdaInvocationUri(functionArn(AUTH_FN)),
    'Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'jsonwebtoken\'\\nRequire stack:\\n- /var/task/index.js\\n- /var/runtime/index.mjs","trace":["Runtime.ImportModuleError: Error: Cannot find module \'jsonwebtoken\'"]}',
    'Execution failed due to configuration error: Authorizer error',
    'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
    'Method completed with status: 500',
  ];
}

describe('authorizer-error', () => {
  describe('matches', () => {
    it('REST execution log: "Authorizer error" after the authorizer\'s run (direct)', () => {
      const r = requestEvidence({
        execution: restAuthorizerCrashed(),
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn('orders-fn')), functionName: 'orders-fn', authorizer: 'jwt' },
      });
      const m = mustMatch(authorizerError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts.authorizer).toBe('jwt');
      expect(m.facts.detail).toContain('Authorizer error');
      // The integration's function was never called: it is not named as the failing function.
      expect(m.facts.functionName).toBeUndefined();
    });

    it('REST at ERROR level: only "Authorizer error" and the gateway response line', () => {
      const r = requestEvidence({
        execution: ['Execution failed due to configuration error: Authorizer error', 'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500'],
      });
      expect(mustMatch(authorizerError, r, REST).confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('REST: "AuthorizerConfigurationException" (2023 Terraform notes)', () => {
      const r = requestEvidence({
        execution: [`Starting authorizer: 62mgrc for request: ${REQUEST_ID}`, 'Execution failed due to configuration error: AuthorizerConfigurationException', 'Method completed with status: 500'],
      });
      expect(mustMatch(authorizerError, r, REST).confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('access log only: error.responseType AUTHORIZER_CONFIGURATION_ERROR (REST, every-variable format of DataBiosphere/azul)', () => {
      const r = requestEvidence({
        access: {
          requestId: REQUEST_ID,
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          resourcePath: '/orders',
          status: '500',
          authorizer_error: '-',
          error_message: 'Internal server error',
          error_responseType: 'AUTHORIZER_CONFIGURATION_ERROR',
          integrationStatus: '-',
        },
      });
      const m = mustMatch(authorizerError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.confidence).toBeLessThan(0.9);
    });

    it('access log only: $context.authorizer.error set, AUTHORIZER_FAILURE', () => {
      const r = requestEvidence({
        access: {
          requestId: 'KyDfdgZ9oAMEYpA=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /orders',
          status: '500',
          errorResponseType: 'AUTHORIZER_FAILURE',
          authorizerError: 'Internal Server Error',
        },
      });
      expect(mustMatch(authorizerError, r, HTTP).confidence).toBeGreaterThanOrEqual(0.8);
    });

    it('HTTP API footprint: a 500 on a route with an authorizer that never reached its integration (weak)', () => {
      // HTTP API console JSON format (search index file 28192826103): no integration status or latency logged.
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', ip: '107.21.85.89', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders', status: '500', protocol: 'HTTP/1.1', responseLength: '35' },
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: functionArn('orders-fn'), functionName: 'orders-fn', authorizer: 'jwt-lambda' },
      });
      const m = mustMatch(authorizerError, r, HTTP);
      expect(m.confidence).toBeLessThanOrEqual(0.6);
      expect(m.reason).toContain('before the integration was called');
    });
  });

  describe('does not match', () => {
    it('an authorizer that allowed the call, then an integration that failed', () => {
      // Source B: "Authorizer result body before parsing: {"policyDocument": ...}", "Using valid authorizer policy for principal".
      const r = requestEvidence({
        execution: [
          `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
          'Incoming identity: ****I1BUdE',
          'Authorizer result body before parsing: {"principalId":"user","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders"}]}}',
          'Using valid authorizer policy for principal: ****user',
          'Successfully completed authorizer execution',
          ...restRequestStart(REQUEST_ID, 'GET', '/orders').slice(1),
          ...restLambdaCall(functionArn('orders-fn'), '/orders', 'GET'),
          ...restLambdaResponse({ latencyMs: 31, functionError: 'Unhandled', body: '{"errorType":"TypeError","errorMessage":"x is not a function"}' }),
          `Lambda execution failed with status 200 due to customer function error: x is not a function. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn('orders-fn')), functionName: 'orders-fn', authorizer: 'jwt' },
      });
      expect(authorizerError.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API 500 on an authorized route where the integration answered', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders', status: '500', integrationStatus: '200', integrationLatency: '48' },
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: functionArn('orders-fn'), functionName: 'orders-fn', authorizer: 'jwt-lambda' },
      });
      expect(authorizerError.match(r, HTTP)).toBeUndefined();
    });

    it('an HTTP API 500 with no authorizer on the route', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders', status: '500' },
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: functionArn('orders-fn'), functionName: 'orders-fn' },
      });
      expect(authorizerError.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('REST: name the authorizer and its function, and the policy document it must return', () => {
      // The authorizer runs before "HTTP Method: ..., Resource Path: ..." is logged: the route comes from the access log.
      const r = requestEvidence({
        execution: restAuthorizerCrashed(),
        access: { requestId: REQUEST_ID, requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', resourcePath: '/orders', status: '500', protocol: 'HTTP/1.1', responseLength: '36' },
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn('orders-fn')), functionName: 'orders-fn', authorizer: 'jwt' },
      });
      const ctx = classifyContext('REST', { api: { integrations: [], authorizers: [{ name: 'jwt', functionName: AUTH_FN, type: 'TOKEN' }] } });
      const f = findingFacts([{ request: r, match: mustMatch(authorizerError, r, ctx) }], ctx);
      expect(authorizerError.summarise(f)).toBe('The Lambda authorizer jwt fails, so 1 request to GET /orders got a 500 before reaching the integration.');
      const steps = authorizerError.remediate(f);
      expect(steps[0]).toContain(`the logs of ${AUTH_FN}`);
      expect(steps.some((s) => s.includes('"principalId"') && s.includes('policyDocument'))).toBe(true);
    });

    it('HTTP API: the simple-response format', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders', status: '500' },
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: functionArn('orders-fn'), functionName: 'orders-fn', authorizer: 'jwt-lambda' },
      });
      const f = findingFacts([{ request: r, match: mustMatch(authorizerError, r, HTTP) }], HTTP);
      expect(authorizerError.remediate(f).some((s) => s.includes('"isAuthorized"'))).toBe(true);
    });
  });
});

describe('authorizer-error from the authorizer function\'s own log (tied by time)', () => {
  // HTTP API REQUEST authorizer that times out: the access log has "-" in every authorizer and
  // integration field (serverless-application-model#2005); the authorizer's log has Lambda's own
  // "<time> <id> Task timed out after 3.00 seconds" (Lambda developer guide, monitoring-cloudwatchlogs).
  it('says the authorizer timed out, names its function, quotes its line, and is more certain than the footprint alone', () => {
    const AUTH_ID = '8c2569cd-81fd-41b2-aebf-3e0ac690b5a7';
    const spec = {
      access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '11/Aug/2026:19:04:43 +0000', routeKey: 'GET /bookings/{bookingId}', status: '500', integrationStatus: '-', integrationLatency: '-', authorizerError: '-' },
      integration: { route: 'GET /bookings/{bookingId}', type: 'aws_proxy', functionName: 'bookings-fn', authorizer: 'bookings-authz' },
    };
    const footprintOnly = mustMatch(authorizerError, requestEvidence(spec), HTTP);
    const withLog = requestEvidence({
      ...spec,
      lambda: [
        `START RequestId: ${AUTH_ID} Version: $LATEST`,
        `2026-08-11T19:04:46.171Z ${AUTH_ID} Task timed out after 3.00 seconds`,
        `END RequestId: ${AUTH_ID}`,
        `REPORT RequestId: ${AUTH_ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout`,
      ],
    });
    // The builder ties the lines as the integration's invocation; the correlator ties them as the authorizer's.
    withLog.authorizerInvocation = withLog.invocation;
    withLog.authorizerFunction = 'bookings-authz';
    delete withLog.invocation;
    const m = mustMatch(authorizerError, withLog, HTTP);
    expect(m.confidence).toBeGreaterThan(footprintOnly.confidence);
    expect(m.facts.functionName).toBe('bookings-authz');
    expect(m.facts.timeoutSeconds).toBe(3);
    expect(m.evidence.some((e) => e.source === 'lambda-log' && /Task timed out after 3\.00 seconds/.test(e.excerpt) && e.lambdaRequestId === AUTH_ID)).toBe(true);
    const summary = authorizerError.summarise(findingFacts([{ request: withLog, match: m }], HTTP));
    expect(summary).toContain('bookings-authz');
    expect(summary).toContain('times out (after 3 s)');
  });
});
