import { describe, it, expect } from 'vitest';
import { integrationTimeout } from './integrationTimeout.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, restHttpCall, restLambdaCall, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '3a5aa225-2b1c-4d2f-8a8e-0c6f5b3e1d77';

/** REST: the gateway gave up on a Lambda that runs up to 60 s (§1.2: "Execution failed due to a timeout error", status 504;
 * 2025 write-up of REST API failure modes and a 2018 note, API_GATEWAY_LOG_SHAPES.md). */
function restGatewayTimedOut(target: 'lambda' | 'http'): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/reports'),
    ...(target === 'lambda' ? restLambdaCall(functionArn('reports-fn'), '/reports', 'POST') : restHttpCall('https://reports.internal.example.com/generate')),
    'Execution failed due to a timeout error',
    'Method completed with status: 504',
  ];
}

/** REST access log with every variable, snake_case keys (DataBiosphere/azul#6284: a 504 INTEGRATION_TIMEOUT row;
 * the line also held an invalid "error_messageString" pair, left out here). */
function azulAccess(extra: Record<string, string> = {}): Record<string, string> {
  return {
    accountId: '542754589326',
    apiId: 'ccp122p730',
    authorizer_error: '-',
    awsEndpointRequestId: '-',
    error_message: 'Endpoint request timed out',
    error_responseType: 'INTEGRATION_TIMEOUT',
    extendedRequestId: 'YIwYiFstIAMESqA=',
    httpMethod: 'POST',
    integration_error: '-',
    integrationErrorMessage: '-',
    integrationLatency: '29003',
    integrationStatus: '-',
    path: '/prod/index/files',
    requestId: REQUEST_ID,
    requestTime: '21/May/2024:19:48:44 +0000',
    resourcePath: '/index/{entity_type}',
    responseLatency: '29005',
    stage: 'prod',
    status: '504',
    ...extra,
  };
}

/** HTTP API access log, console JSON format + integration fields (search index file 28192826103). */
function httpAccess(extra: Record<string, string>): Record<string, string> {
  return {
    requestId: 'Vdn1ng7PIAMEVPw=',
    ip: '107.21.85.89',
    requestTime: '21/May/2024:19:48:44 +0000',
    httpMethod: 'GET',
    routeKey: 'GET /export',
    protocol: 'HTTP/1.1',
    responseLength: '33',
    ...extra,
  };
}

describe('integration-timeout', () => {
  describe('matches', () => {
    it('REST execution log "Execution failed due to a timeout error" on a Lambda integration (direct, high)', () => {
      const r = requestEvidence({ execution: restGatewayTimedOut('lambda'), functionConfig: { timeoutSeconds: 60 } });
      const m = mustMatch(integrationTimeout, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: 'reports-fn', integrationTimeoutMs: 29_000, timeoutSeconds: 60 });
      expect(m.evidence.some((e) => e.source === 'execution-log' && e.excerpt.includes('Execution failed due to a timeout error'))).toBe(true);
    });

    it('REST on an HTTP backend: names the backend, not a function', () => {
      const r = requestEvidence({ execution: restGatewayTimedOut('http') });
      const m = mustMatch(integrationTimeout, r, REST);
      expect(m.facts.functionName).toBeUndefined();
      expect(m.facts.backend).toBe('https://reports.internal.example.com/generate');
    });

    it('"Endpoint request timed out" as the execution log writes it', () => {
      // CodeGenieApp/serverless-express#111, aws/chalice#537 (the 504's message, also in execution logs).
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/search'), ...restHttpCall('https://search.example.com/q'), 'Endpoint request timed out', 'Method completed with status: 504'],
      });
      expect(mustMatch(integrationTimeout, r, REST).confidence).toBeGreaterThanOrEqual(0.9);
    });

    it('REST access log only: error.responseType INTEGRATION_TIMEOUT at ~29 s', () => {
      const r = requestEvidence({ access: azulAccess() });
      const m = mustMatch(integrationTimeout, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.confidence).toBeLessThan(0.9);
      expect(m.facts.integrationLatencyMs).toBe(29003);
      expect(m.evidence[0]?.excerpt).toContain('error.responseType=INTEGRATION_TIMEOUT');
    });

    it('HTTP API: a 503 after the 30 s limit with no error text (serverless/serverless#11222, anomalyco/sst#2232)', () => {
      const r = requestEvidence({ access: httpAccess({ status: '503', integrationLatency: '30002', responseLatency: '30004' }), functionName: 'export-fn' });
      const m = mustMatch(integrationTimeout, r, HTTP);
      expect(m.facts.integrationTimeoutMs).toBe(30_000);
      expect(m.confidence).toBeGreaterThanOrEqual(0.75);
    });

    it('a route with its own shorter integration timeout', () => {
      const r = requestEvidence({
        access: httpAccess({ status: '504', integrationLatency: '10004' }),
        integration: { route: 'GET /export', type: 'http_proxy', uri: 'https://export.example.com/', timeoutMs: 10_000 },
      });
      const m = mustMatch(integrationTimeout, r, HTTP);
      expect(m.facts.integrationTimeoutMs).toBe(10_000);
      expect(m.confidence).toBeGreaterThan(0.5);
    });

    it('a bare 504 with nothing else is weak', () => {
      const r = requestEvidence({ access: httpAccess({ status: '504' }) });
      const weak = mustMatch(integrationTimeout, r, HTTP);
      const strong = mustMatch(integrationTimeout, requestEvidence({ execution: restGatewayTimedOut('lambda') }), REST);
      expect(weak.confidence).toBeLessThanOrEqual(0.5);
      expect(weak.confidence).toBeLessThan(strong.confidence);
    });
  });

  describe('does not match', () => {
    it('a backend that answered 503 itself (its own status, not the gateway giving up)', () => {
      const r = requestEvidence({
        access: httpAccess({ status: '503', integrationStatus: '503', integrationLatency: '29950' }),
        integration: { route: 'GET /export', type: 'http_proxy', uri: 'https://export.example.com/' },
      });
      expect(integrationTimeout.match(r, HTTP)).toBeUndefined();
    });

    it('REST: the backend\'s 503 in "Received response. Status: 503" (you54f blog shape)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/search'),
          ...restHttpCall('https://search.example.com/q'),
          'Received response. Status: 503, Integration latency: 12 ms',
          'Endpoint response headers: {Content-Type=text/html, Content-Length=162, Connection=keep-alive}',
          'Endpoint response body before transformations: <html><body><h1>503 Service Unavailable</h1></body></html>',
          'Method completed with status: 503',
        ],
      });
      expect(integrationTimeout.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API access log quoting the function\'s own 5 s timeout (that is lambda-timeout)', () => {
      // Dynatrace guide (search index file 16993668887).
      const r = requestEvidence({
        access: httpAccess({
          status: '500',
          integrationLatency: '5012',
          integrationErrorMessage:
            'The Lambda function returned the following error: RequestId: 01fe3839-4974-40d5-960a-173fcb5ec786 Error: Task timed out after 5.00 seconds. Check your Lambda function code and try again.',
        }),
        functionName: 'export-fn',
      });
      expect(integrationTimeout.match(r, HTTP)).toBeUndefined();
    });

    it('a Lambda function error answered in milliseconds', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
          ...restLambdaCall(functionArn('orders-fn'), '/orders', 'GET'),
          // §1.2 (2025 write-up)
          'Lambda execution failed with status 200 due to customer function error: Application error in a Lambda function. Lambda request id: 758a8c2f-1c2e-4c39-9d25-0a3e8f5c1b2a',
          'Method completed with status: 502',
        ],
      });
      expect(integrationTimeout.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the limit, the function and a --timeout below it when the function may run longer', () => {
      const r = requestEvidence({ execution: restGatewayTimedOut('lambda'), functionConfig: { timeoutSeconds: 60 } });
      const m = mustMatch(integrationTimeout, r, REST);
      const f = findingFacts([{ request: r, match: m }], REST);
      expect(integrationTimeout.summarise(f)).toContain('29 s integration timeout waiting for reports-fn on 1 request to POST /reports');
      const steps = integrationTimeout.remediate(f);
      expect(steps.some((s) => s.includes('own timeout (60 s)') && s.includes('--function-name reports-fn --timeout 28'))).toBe(true);
      expect(steps.some((s) => /asynchronously|202/.test(s))).toBe(true);
    });

    it('HTTP APIs: the 30 s hard limit, and the backend by URL', () => {
      const r = requestEvidence({
        access: httpAccess({ status: '504', integrationLatency: '30001' }),
        integration: { route: 'GET /export', type: 'http_proxy', uri: 'https://export.example.com/' },
      });
      const m = mustMatch(integrationTimeout, r, HTTP);
      const f = findingFacts([{ request: r, match: m }], HTTP);
      expect(integrationTimeout.summarise(f)).toContain('30 s integration timeout waiting for https://export.example.com/');
      const steps = integrationTimeout.remediate(f);
      expect(steps[0]).toContain('https://export.example.com/');
      expect(steps.some((s) => s.includes('cannot wait longer than 30 s'))).toBe(true);
    });
  });
});
