import { describe, it, expect } from 'vitest';
import { backendUnreachable } from './backendUnreachable.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, lambdaInvocationUri, restHttpCall, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
const VPC_URL = 'http://internal-nlb-4f1c2e.elb.eu-west-1.amazonaws.com:8080/inventory';
const VPC_INTEGRATION = { route: 'GET /inventory', type: 'http_proxy', uri: VPC_URL, connectionType: 'VPC_LINK', connectionId: 'x7k2p9' };

/** HTTP API access log, console JSON preset (search index file 28192826103). */
function httpAccess(extra: Record<string, string> = {}): Record<string, string> {
  return { requestId: 'Vdn1ng7PIAMEVPw=', ip: '107.21.85.89', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /catalog/{sku}', status: '500', protocol: 'HTTP/1.1', responseLength: '35', ...extra };
}

describe('backend-unreachable', () => {
  describe('matches', () => {
    it('REST VPC link: "Execution failed due to an vpc link error" (heroween.hateblo.jp, 2022)', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/inventory'), ...restHttpCall(VPC_URL), 'Execution failed due to an vpc link error', 'Method completed with status: 500'],
        integration: VPC_INTEGRATION,
      });
      const m = mustMatch(backendUnreachable, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ backend: VPC_URL, service: 'VPC_LINK' });
    });

    it('REST VPC link: the internal error after the request was sent and nothing came back (KC api-gateway-500-error-vpc)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/inventory'),
          ...restHttpCall(VPC_URL),
          'Execution failed due to configuration error: There was an internal error while executing your request',
          'Method completed with status: 500',
        ],
        integration: VPC_INTEGRATION,
      });
      const m = mustMatch(backendUnreachable, r, REST);
      expect(m.confidence).toBeGreaterThan(0.6);
      expect(m.confidence).toBeLessThan(0.9);
      expect(m.facts.detail).toContain('There was an internal error while executing your request');
    });

    it('REST: "Invalid endpoint address" (matched by phrase; not found verbatim, see API_GATEWAY_LOG_SHAPES.md)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/catalog/{sku}'),
          ...restHttpCall('https://catalog.internal.exmaple.com/items'),
          'Execution failed due to configuration error: Invalid endpoint address',
          'Method completed with status: 500',
        ],
      });
      expect(mustMatch(backendUnreachable, r, REST).facts.backend).toBe('https://catalog.internal.exmaple.com/items');
    });

    it('REST access log only: INTEGRATION_FAILURE "Network error communicating with endpoint" (gateway response default message)', () => {
      const r = requestEvidence({
        access: {
          requestId: REQUEST_ID,
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          resourcePath: '/inventory',
          status: '502',
          error_message: 'Network error communicating with endpoint',
          error_responseType: 'INTEGRATION_FAILURE',
          integrationStatus: '-',
        },
        integration: VPC_INTEGRATION,
      });
      const m = mustMatch(backendUnreachable, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.confidence).toBeLessThan(0.9);
    });

    it('HTTP API: a fast 500 with no integration status or latency on an HTTP integration (weak footprint)', () => {
      const r = requestEvidence({
        access: httpAccess(),
        integration: { route: 'GET /catalog/{sku}', type: 'http_proxy', uri: 'https://catalog.internal.exmaple.com/items/{sku}' },
      });
      const m = mustMatch(backendUnreachable, r, HTTP);
      expect(m.confidence).toBeLessThanOrEqual(0.6);
    });
  });

  describe('does not match', () => {
    it('a Lambda integration, even with "Connection reset" in its error', () => {
      const r = requestEvidence({
        access: httpAccess({ integrationErrorMessage: 'The Lambda function returned the following error: read ECONNRESET. Check your Lambda function code and try again.' }),
        integration: { route: 'GET /catalog/{sku}', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn('catalog-fn')), functionName: 'catalog-fn' },
      });
      expect(backendUnreachable.match(r, HTTP)).toBeUndefined();
    });

    it('a backend that answered with its own 502', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/inventory'),
          ...restHttpCall(VPC_URL),
          'Received response. Status: 502, Integration latency: 9 ms',
          'Endpoint response body before transformations: <html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
          'Method completed with status: 502',
        ],
        integration: VPC_INTEGRATION,
      });
      expect(backendUnreachable.match(r, REST)).toBeUndefined();
    });

    it('a backend that answered 503 itself, its body naming its own refused database (a quoted body is not the gateway\'s words)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/inventory'),
          ...restHttpCall(VPC_URL),
          'Received response. Status: 503, Integration latency: 132 ms',
          'Endpoint response headers: {Content-Type=application/json, Transfer-Encoding=chunked, Connection=keep-alive}',
          // Spring Boot's error document shape, with the JDBC driver's message.
          'Endpoint response body before transformations: {"timestamp":"2024-05-21T19:48:44.310+00:00","status":503,"error":"Service Unavailable","message":"Connection refused: inventory-db:5432","path":"/inventory"}',
          'Method completed with status: 503',
        ],
        integration: VPC_INTEGRATION,
      });
      expect(backendUnreachable.match(r, REST)).toBeUndefined();
    });

    it('an internal error after the backend answered', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/inventory'),
          ...restHttpCall(VPC_URL),
          'Received response. Status: 200, Integration latency: 9 ms',
          'Execution failed due to configuration error: There was an internal error while executing your request',
          'Method completed with status: 500',
        ],
        integration: VPC_INTEGRATION,
      });
      expect(backendUnreachable.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API 500 without integration fields on a route with an authorizer (that footprint is the authorizer\'s)', () => {
      const r = requestEvidence({
        access: httpAccess(),
        integration: { route: 'GET /catalog/{sku}', type: 'http_proxy', uri: 'https://catalog.example.com/items/{sku}', authorizer: 'jwt' },
      });
      expect(backendUnreachable.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('a VPC link: name the backend and check the link and its targets', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/inventory'), ...restHttpCall(VPC_URL), 'Execution failed due to an vpc link error', 'Method completed with status: 500'],
        integration: VPC_INTEGRATION,
      });
      const f = findingFacts([{ request: r, match: mustMatch(backendUnreachable, r, REST) }], REST);
      expect(backendUnreachable.summarise(f)).toBe(`API Gateway cannot reach ${VPC_URL} (Execution failed due to an vpc link error): 1 request to GET /inventory failed.`);
      const steps = backendUnreachable.remediate(f);
      expect(steps.some((s) => s.includes('aws elbv2 describe-target-health'))).toBe(true);
      expect(steps.some((s) => s.includes(`curl -sv ${VPC_URL}`))).toBe(true);
    });

    it('a name that does not resolve: check the URI and DNS of that host', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/catalog/{sku}'),
          ...restHttpCall('https://catalog.internal.exmaple.com/items'),
          'Execution failed due to configuration error: Invalid endpoint address',
          'Method completed with status: 500',
        ],
      });
      const f = findingFacts([{ request: r, match: mustMatch(backendUnreachable, r, REST) }], REST);
      expect(backendUnreachable.remediate(f)[0]).toContain('catalog.internal.exmaple.com does not resolve');
    });
  });
});
