import { describe, it, expect } from 'vitest';
import { apiGatewayInternal } from './apiGatewayInternal.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restHttpCall, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const REQUEST_ID = 'e1d2c3b4-a596-4878-9a6b-5c4d3e2f1a0b';

/**
 * "Execution failed due to an internal error" is matched by phrase: it was not found verbatim in public material
 * (API_GATEWAY_LOG_SHAPES.md §1.2; rest-api-gateway-internal/README.md). The lines around it are Source A's.
 */
function restInternal(): string[] {
  return [...restRequestStart(REQUEST_ID, 'GET', '/health'), ...restLambdaCall(functionArn('health-fn'), '/health', 'GET'), 'Execution failed due to an internal error', 'Method completed with status: 500'];
}

describe('api-gateway-internal', () => {
  describe('matches', () => {
    it('"Execution failed due to an internal error" with nothing answered behind it (moderate at most)', () => {
      const r = requestEvidence({ execution: restInternal() });
      const m = mustMatch(apiGatewayInternal, r, REST);
      expect(m.confidence).toBeLessThanOrEqual(0.6);
      expect(m.facts.detail).toBe('Execution failed due to an internal error');
    });
  });

  describe('does not match', () => {
    it('an internal error after the integration answered (the fault is behind the gateway)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/health'),
          ...restLambdaCall(functionArn('health-fn'), '/health', 'GET'),
          ...restLambdaResponse({ latencyMs: 11, body: '{"statusCode":200,"body":"ok"}' }),
          'Execution failed due to an internal error',
          'Method completed with status: 500',
        ],
      });
      expect(apiGatewayInternal.match(r, REST)).toBeUndefined();
    });

    it('an HTTP backend that was sent the request and never answered (that is backend-unreachable)', () => {
      const r = requestEvidence({
        execution: [...restRequestStart(REQUEST_ID, 'GET', '/health'), ...restHttpCall('http://internal-nlb-4f1c2e.elb.eu-west-1.amazonaws.com/health'), 'Execution failed due to an internal error', 'Method completed with status: 500'],
      });
      expect(apiGatewayInternal.match(r, REST)).toBeUndefined();
    });

    it('a function whose invocation failed (its own failure explains the request)', () => {
      const r = requestEvidence({
        execution: restInternal(),
        lambda: [start(), `2024-05-21T19:48:44.100Z\t${LAMBDA_REQUEST_ID}\tERROR\tInvoke Error \t{"errorType":"Error","errorMessage":"boom","stack":["Error: boom"]}`, end(), report({ durationMs: 3.3 })],
      });
      expect(apiGatewayInternal.match(r, REST)).toBeUndefined();
    });

    it('an access log\'s bare "Internal server error" without an execution log (that is insufficient evidence)', () => {
      const r = requestEvidence({
        access: { requestId: REQUEST_ID, requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', resourcePath: '/health', status: '500', error_message: 'Internal server error', error_responseType: 'DEFAULT_5XX' },
      });
      expect(apiGatewayInternal.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('say nothing failed behind the gateway, point at the Health Dashboard and a support case with request ids', () => {
      const r = requestEvidence({ execution: restInternal() });
      const f = findingFacts([{ request: r, match: mustMatch(apiGatewayInternal, r, REST) }], REST);
      expect(apiGatewayInternal.summarise(f)).toBe('API Gateway reported internal errors on 1 request to GET /health, with no failure visible in the integration.');
      const steps = apiGatewayInternal.remediate(f);
      expect(steps[0]).toContain('aws health describe-events');
      expect(steps[1]).toContain('extended request ids');
    });
  });
});
