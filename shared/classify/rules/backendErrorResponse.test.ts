import { describe, it, expect } from 'vitest';
import { backendErrorResponse } from './backendErrorResponse.ts';
import { classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, lambdaInvocationUri, restHttpCall, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
const URL = 'https://bookings.svc.example.com/api/bookings';

/** REST http_proxy: "Received response. Status: 503, Integration latency: 12 ms" (you54f blog 2021 shape, §1.1) and the backend's body. */
function restBackend503(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/bookings'),
    ...restHttpCall(URL),
    'Received response. Status: 503, Integration latency: 12 ms',
    'Endpoint response headers: {Content-Type=text/html, Content-Length=162, Connection=keep-alive, Server=nginx}',
    'Endpoint response body before transformations: <html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>',
    'Method completed with status: 503',
  ];
}

/** HTTP API access log, console JSON preset plus $context.integrationStatus (http-backend-error-response shape). */
function httpAccess(extra: Record<string, string>): Record<string, string> {
  return { requestId: 'Vdn1ng7PIAMEVPw=', ip: '107.21.85.89', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /bookings', status: '502', protocol: 'HTTP/1.1', responseLength: '122', ...extra };
}

describe('backend-error-response', () => {
  describe('matches', () => {
    it('REST: "Received response. Status: 503" from an HTTP backend, passed on (direct)', () => {
      const r = requestEvidence({ execution: restBackend503() });
      const m = mustMatch(backendErrorResponse, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.85);
      expect(m.facts).toMatchObject({ detail: '503', backend: URL });
      expect(m.evidence.map((e) => e.source)).toEqual(['execution-log', 'execution-log']);
    });

    it('HTTP API: integrationStatus 502 on an HTTP integration from the export', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationStatus: '502', integrationLatency: '41' }),
        integration: { route: 'GET /bookings', type: 'http_proxy', uri: URL },
      });
      const m = mustMatch(backendErrorResponse, r, HTTP);
      expect(m.facts).toMatchObject({ detail: '502', backend: URL });
      expect(m.confidence).toBeGreaterThanOrEqual(0.75);
    });

    it('access log only, integration unknown: weaker', () => {
      const known = mustMatch(backendErrorResponse, requestEvidence({ access: httpAccess({ integrationStatus: '502' }), integration: { route: 'GET /bookings', type: 'http_proxy', uri: URL } }), HTTP);
      const unknown = mustMatch(backendErrorResponse, requestEvidence({ access: httpAccess({ integrationStatus: '502' }) }), HTTP);
      expect(unknown.confidence).toBeLessThan(known.confidence);
    });
  });

  describe('does not match', () => {
    it('a Lambda integration (its 5xx is the function\'s: function-error-response or a Lambda cause)', () => {
      const r = requestEvidence({
        access: httpAccess({ status: '500', integrationStatus: '500' }),
        integration: { route: 'GET /bookings', type: 'aws_proxy', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn('bookings-fn')}/invocations`, functionName: 'bookings-fn' },
      });
      expect(backendErrorResponse.match(r, HTTP)).toBeUndefined();
    });

    it('a REST Lambda integration whose invoke answered 500', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/bookings'),
          `Endpoint request URI: ${lambdaInvocationUri(functionArn('bookings-fn'))}`,
          'Received response. Status: 500, Integration latency: 8 ms',
          'Method completed with status: 500',
        ],
      });
      expect(backendErrorResponse.match(r, REST)).toBeUndefined();
    });

    it('a direct AWS service integration (that is aws-service-integration-error)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/bookings'),
          `Endpoint request URI: https://dynamodb.${REGION}.amazonaws.com/?Action=PutItem`,
          'Received response. Status: 500, Integration latency: 15 ms',
          'Endpoint response body before transformations: {"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}',
          'Method completed with status: 500',
        ],
      });
      expect(backendErrorResponse.match(r, REST)).toBeUndefined();
    });

    it('a backend that answered 200 while the gateway failed afterwards', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/bookings'),
          ...restHttpCall(URL),
          'Received response. Status: 200, Integration latency: 20 ms',
          'Execution failed due to configuration error: Output mapping refers to an invalid method response: 2xx/4xx/5xx',
          'Method completed with status: 500',
        ],
      });
      expect(backendErrorResponse.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the backend and its status, and send the reader to the backend\'s own logs', () => {
      const r = requestEvidence({ execution: restBackend503() });
      const f = findingFacts([{ request: r, match: mustMatch(backendErrorResponse, r, REST) }], REST);
      expect(backendErrorResponse.summarise(f)).toBe(`${URL} answered 503 and API Gateway passed it on: 1 request to GET /bookings.`);
      const steps = backendErrorResponse.remediate(f);
      expect(steps[0]).toContain('The fault is in the backend bookings.svc.example.com, not in API Gateway');
      expect(steps.some((s) => s.includes('$context.requestId'))).toBe(true);
    });
  });
});
