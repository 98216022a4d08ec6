import { describe, it, expect } from 'vitest';
import { malformedProxyResponse } from './malformedProxyResponse.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, lambdaInvocationUri, restLambdaCall, restLambdaResponse, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const REQUEST_ID = '4e2c1d7a-6b3f-4a8e-9d0c-5f1a2b3c4d5e';
const FN = 'graphql-fn';

/** REST: the function returned an object whose body is not a string; API Gateway says so and answers 502
 * (Source A; vincentsarago/lambda-proxy#59, brefphp/bref#534, michalkvasnicak/aws-lambda-graphql#48). */
function restMalformed(body: string): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/graphql'),
    ...restLambdaCall(functionArn(FN), '/graphql', 'POST'),
    ...restLambdaResponse({ latencyMs: 64, body }),
    'Execution failed due to configuration error: Malformed Lambda proxy response',
    'Method completed with status: 502',
  ];
}

describe('malformed-proxy-response', () => {
  describe('matches', () => {
    it('REST: "Malformed Lambda proxy response", quoting what the function returned', () => {
      const r = requestEvidence({ execution: restMalformed('{"statusCode":200,"body":{"data":{"orders":[]}}}') });
      const m = mustMatch(malformedProxyResponse, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: FN, detail: '{"statusCode":200,"body":{"data":{"orders":[]}}}' });
      expect(m.evidence.filter((e) => e.source === 'execution-log')).toHaveLength(2);
    });

    it('REST: a function that returned null', () => {
      const r = requestEvidence({ execution: restMalformed('null') });
      expect(mustMatch(malformedProxyResponse, r, REST).facts.detail).toBe('null');
    });

    it('access log only: the failure text in $context.integrationErrorMessage (as DataBiosphere/azul#6624 logs "Rate Exceeded.")', () => {
      const r = requestEvidence({
        access: {
          requestId: REQUEST_ID,
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'POST',
          resourcePath: '/graphql',
          status: '502',
          error_message: 'Internal server error',
          error_responseType: 'DEFAULT_5XX',
          integration_error: 'Execution failed due to configuration error: Malformed Lambda proxy response',
        },
        integration: { route: 'POST /graphql', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn(FN)), functionName: FN },
      });
      const m = mustMatch(malformedProxyResponse, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.confidence).toBeLessThan(0.95);
      expect(m.evidence[0]?.source).toBe('access-log');
    });
  });

  describe('does not match', () => {
    it('a well-formed proxy response with statusCode 500 (that is function-error-response)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/graphql'),
          ...restLambdaCall(functionArn(FN), '/graphql', 'POST'),
          // Source A: "Endpoint response body before transformations: {"statusCode":500,"body":...}"
          ...restLambdaResponse({ latencyMs: 64, body: '{"statusCode":500,"headers":{"Content-Type":"application/json"},"body":"{\\"message\\":\\"database unavailable\\"}"}' }),
          'Method response body after transformations: {"message":"database unavailable"}',
          'Successfully completed execution',
          'Method completed with status: 500',
        ],
      });
      expect(malformedProxyResponse.match(r, REST)).toBeUndefined();
    });

    it('an unhandled function error', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/graphql'),
          ...restLambdaCall(functionArn(FN), '/graphql', 'POST'),
          ...restLambdaResponse({ latencyMs: 20, functionError: 'Unhandled', body: '{"errorType":"Error","errorMessage":"boom"}' }),
          'Lambda execution failed with status 200 due to customer function error: boom. Lambda request id: 71952965-d5cc-4974-ae08-6e2138b2275c',
          'Method completed with status: 502',
        ],
      });
      expect(malformedProxyResponse.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the function and quote what it returned', () => {
      const r = requestEvidence({ execution: restMalformed('{"statusCode":200,"body":{"data":{"orders":[]}}}') });
      const f = findingFacts([{ request: r, match: mustMatch(malformedProxyResponse, r, REST) }], REST);
      expect(malformedProxyResponse.summarise(f)).toBe(`${FN} returns a response API Gateway cannot read as a proxy response, so 1 request to POST /graphql got a 502.`);
      const steps = malformedProxyResponse.remediate(f);
      expect(steps[0]).toContain('"body": "<string>"');
      expect(steps).toContain('What it returned: {"statusCode":200,"body":{"data":{"orders":[]}}}');
    });
  });
});
