import { describe, it, expect } from 'vitest';
import { functionErrorResponse } from './functionErrorResponse.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restHttpCall, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '8f7e6d5c-4b3a-4291-8a7b-6c5d4e3f2a1b';
const FN = 'pricing-fn';

/** REST: Lambda answered 200 without X-Amz-Function-Error and the proxy body says 500 (Source A: "{"statusCode":500,...}"). */
function restReturned500(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/quotes'),
    ...restLambdaCall(functionArn(FN), '/quotes', 'POST'),
    ...restLambdaResponse({ latencyMs: 35, body: '{"statusCode":500,"headers":{"Content-Type":"application/json"},"body":"{\\"message\\":\\"could not price the order\\"}"}' }),
    'Method response body after transformations: {"message":"could not price the order"}',
    'Successfully completed execution',
    'Method completed with status: 500',
  ];
}

/** Node.js text format (LogPatch.js): the function's own ERROR line before it answers 500. */
const REASON = `2024-05-21T19:48:44.210Z\t${LAMBDA_REQUEST_ID}\tERROR\tcould not price order o-1001: exchange rate for CHF missing`;

describe('function-error-response', () => {
  describe('matches', () => {
    it('REST: a 500 proxy response and the reason the function logged (direct)', () => {
      const r = requestEvidence({ execution: restReturned500(), lambda: [start(), REASON, end(), report({ durationMs: 31.9 })] });
      const m = mustMatch(functionErrorResponse, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.facts).toMatchObject({ functionName: FN, detail: '500', errorMessage: 'could not price order o-1001: exchange rate for CHF missing' });
      expect(m.evidence.map((e) => e.source)).toEqual(['lambda-log', 'execution-log']);
    });

    it('REST: the same response with no reason logged is less certain', () => {
      const withReason = mustMatch(functionErrorResponse, requestEvidence({ execution: restReturned500(), lambda: [start(), REASON, end(), report({ durationMs: 31.9 })] }), REST);
      const silent = mustMatch(functionErrorResponse, requestEvidence({ execution: restReturned500(), lambda: [start(), end(), report({ durationMs: 31.9 })] }), REST);
      expect(silent.confidence).toBeLessThan(withReason.confidence);
      expect(silent.reason).toContain('without logging a reason');
    });

    it('HTTP API: $context.integrationStatus 200 (Lambda\'s own status) with a 500 to the client', () => {
      // http-api-logging-variables.md: integrationStatus is what Lambda answered, not the function's statusCode.
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'POST', routeKey: 'POST /quotes', status: '500', integrationStatus: '200', integrationLatency: '33', integrationErrorMessage: '-' },
        functionName: FN,
      });
      const m = mustMatch(functionErrorResponse, r, HTTP);
      expect(m.confidence).toBeLessThanOrEqual(0.5);
      expect(m.evidence[0]?.source).toBe('access-log');
    });

    it('HTTP API with the function\'s log tied by time: the logged reason, but less certain than by request id', () => {
      const lines = [start(), REASON, end(), report({ durationMs: 31.9 })];
      const byId = mustMatch(
        functionErrorResponse,
        requestEvidence({ access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', routeKey: 'POST /quotes', status: '500', integrationRequestId: LAMBDA_REQUEST_ID }, functionName: FN, lambda: lines }),
        HTTP,
      );
      const byTime = mustMatch(
        functionErrorResponse,
        requestEvidence({ access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', routeKey: 'POST /quotes', status: '500' }, functionName: FN, lambda: lines }),
        HTTP,
      );
      expect(byTime.facts.errorMessage).toContain('exchange rate for CHF missing');
      expect(byTime.confidence).toBeLessThan(byId.confidence);
    });
  });

  describe('does not match', () => {
    it('a function that threw (X-Amz-Function-Error=Unhandled)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/quotes'),
          ...restLambdaCall(functionArn(FN), '/quotes', 'POST'),
          ...restLambdaResponse({ latencyMs: 30, functionError: 'Unhandled', body: '{"errorType":"Error","errorMessage":"rate missing"}' }),
          `Lambda execution failed with status 200 due to customer function error: rate missing. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(functionErrorResponse.match(r, REST)).toBeUndefined();
    });

    it('an HTTP backend\'s 500 (no function involved)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/quotes'),
          ...restHttpCall('https://pricing.example.com/quote'),
          'Received response. Status: 500, Integration latency: 12 ms',
          'Endpoint response body before transformations: {"statusCode":500,"message":"internal"}',
          'Method completed with status: 500',
        ],
      });
      expect(functionErrorResponse.match(r, REST)).toBeUndefined();
    });

    it('a throttled invoke (Lambda answered 429, the function never ran)', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', routeKey: 'POST /quotes', status: '500', integrationStatus: '429' },
        functionName: FN,
      });
      expect(functionErrorResponse.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('quote the reason the function logged', () => {
      const r = requestEvidence({ execution: restReturned500(), lambda: [start(), REASON, end(), report({ durationMs: 31.9 })] });
      const f = findingFacts([{ request: r, match: mustMatch(functionErrorResponse, r, REST) }], REST);
      expect(functionErrorResponse.summarise(f)).toBe(
        `${FN} ran and returned 500 itself on 1 request to POST /quotes. Its own log gives the reason: could not price order o-1001: exchange rate for CHF missing`,
      );
      expect(functionErrorResponse.remediate(f)[0]).toBe(`Fix what ${FN} reports: "could not price order o-1001: exchange rate for CHF missing".`);
    });

    it('say that nothing was logged, and ask for a log line on every error path', () => {
      const r = requestEvidence({ execution: restReturned500(), lambda: [start(), end(), report({ durationMs: 31.9 })] });
      const f = findingFacts([{ request: r, match: mustMatch(functionErrorResponse, r, REST) }], REST);
      expect(functionErrorResponse.summarise(f)).toContain('It logged no reason.');
      expect(functionErrorResponse.remediate(f)[0]).toContain('without logging why');
    });
  });
});
