import { describe, it, expect } from 'vitest';
import { lambdaThrottled } from './lambdaThrottled.ts';
import { classifyContext, findingFacts, mustMatch, requestEvidence, REGION } from './testing/requestEvidenceBuilder.ts';
import { end, functionArn, LAMBDA_REQUEST_ID, report, restLambdaCall, restLambdaResponse, restRequestStart, start, TRACE_ID } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'dcb2ab89-0e1f-4c3a-9b5d-7e8f6a4c2d10';
const FN = 'orders-fn';

/**
 * REST: Lambda refused the invoke. "Lambda invocation failed with status: 429. Lambda request id: ..." then
 * "Execution failed due to configuration error: Rate Exceeded." (2025 write-up of REST API failure modes;
 * DataBiosphere/azul#6624); the 429's headers and body as a 2018 note on reserved concurrency 1 shows them
 * (API_GATEWAY_LOG_SHAPES.md §1.1-1.2).
 */
function restThrottled(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
    ...restLambdaCall(functionArn(FN), '/orders', 'POST'),
    'Received response. Status: 429, Integration latency: 5 ms',
    `Endpoint response headers: {Date=Tue, 21 May 2024 19:48:44 GMT, Content-Length=103, Connection=keep-alive, x-amzn-RequestId=${LAMBDA_REQUEST_ID}, x-amzn-ErrorType=TooManyRequestsException}`,
    'Endpoint response body before transformations:\n{\n "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded",\n "Type": "User",\n "message": "Rate Exceeded."\n}',
    `Lambda invocation failed with status: 429. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Execution failed due to configuration error: Rate Exceeded.',
    'Method completed with status: 500',
  ];
}

/** REST access log with every variable, snake_case keys (DataBiosphere/azul#7470, #6624: the Logs Insights rows
 * "INTEGRATION_FAILURE, 500, -, -, Internal server error, Execution failed due to configuration error: Rate Exceeded."). */
const AZUL_THROTTLED = {
  requestId: REQUEST_ID,
  requestTime: '21/May/2024:19:48:44 +0000',
  httpMethod: 'POST',
  resourcePath: '/orders',
  status: '500',
  error_message: 'Internal server error',
  error_responseType: 'INTEGRATION_FAILURE',
  integration_error: 'Execution failed due to configuration error: Rate Exceeded.',
  integration_status: '-',
  integration_integrationStatus: '-',
  integrationLatency: '6',
};

describe('lambda-throttled', () => {
  describe('matches', () => {
    it('REST execution log: "Lambda invocation failed with status: 429" and "Rate Exceeded." (direct)', () => {
      const r = requestEvidence({ execution: restThrottled(), functionConfig: { reservedConcurrency: 1 } });
      const m = mustMatch(lambdaThrottled, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: FN, reservedConcurrency: 1 });
      expect(m.evidence[0]?.source).toBe('execution-log');
    });

    it('REST access log only: $context.integrationErrorMessage "... Rate Exceeded." on a Lambda integration', () => {
      const r = requestEvidence({
        access: AZUL_THROTTLED,
        integration: { route: 'POST /orders', type: 'aws_proxy', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn(FN)}/invocations`, functionName: FN },
      });
      const m = mustMatch(lambdaThrottled, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.75);
      expect(m.confidence).toBeLessThan(0.9);
    });

    it('HTTP API: $context.integration.integrationStatus 429 — Lambda\'s own status, not the function\'s (http-api-logging-variables.md)', () => {
      const r = requestEvidence({
        access: {
          requestId: 'KyDfdgZ9oAMEYpA=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'POST',
          routeKey: 'POST /orders',
          status: '500',
          integration_integrationStatus: '429',
          integration_status: '-',
          integration_latency: '4',
        },
        functionName: FN,
      });
      expect(mustMatch(lambdaThrottled, r, HTTP).confidence).toBeGreaterThanOrEqual(0.75);
    });

    it('is less certain when an invocation with the same request id ran to its REPORT', () => {
      const throttled = mustMatch(lambdaThrottled, requestEvidence({ execution: restThrottled() }), REST);
      const ran = mustMatch(lambdaThrottled, requestEvidence({ execution: restThrottled(), lambda: [start(), end(), report({ durationMs: 12.1 })] }), REST);
      expect(ran.confidence).toBeLessThan(throttled.confidence);
    });
  });

  describe('does not match', () => {
    it('API Gateway\'s own stage/key throttle (a 429 to the client, Source A)', () => {
      const r = requestEvidence({
        execution: [
          'Extended Request Id: Vwc2MGFUrPEFV_g=',
          `Verifying Usage Plan for request: ${REQUEST_ID}. API Key: ****abcd API Stage: a1b2c3d4e5/prod`,
          'Key throttle limit exceeded for RestApi a1b2c3d4e5, Stage prod, Resource k0w8mc, HttpMethod POST. Limit: 1.00 Burst: 1',
          'Method completed with status: 429',
        ],
        functionName: FN,
      });
      expect(lambdaThrottled.match(r, REST)).toBeUndefined();
    });

    it('a DynamoDB throttle the function threw, quoted in the customer-function-error line (that is downstream-dependency-failure)', () => {
      // Python ClientError text: "(ThrottlingException) when calling the PutItem operation (reached max retries: 9)"
      // (LAMBDA_AND_XRAY_SHAPES.md §3 Python, index id 43672071645), quoted by API Gateway (§1.2 shape).
      const message = 'An error occurred (ThrottlingException) when calling the PutItem operation (reached max retries: 9): Throughput exceeds the current capacity for one or more global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.';
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          ...restLambdaCall(functionArn(FN), '/orders', 'POST'),
          ...restLambdaResponse({ latencyMs: 2240, functionError: 'Unhandled', body: `{"errorMessage": "${message}", "errorType": "ClientError", "requestId": "${LAMBDA_REQUEST_ID}", "stackTrace": ["  File \\"/var/task/app.py\\", line 20, in handler\\n"]}` }),
          `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          `X-ray Tracing ID : ${TRACE_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(lambdaThrottled.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API access log quoting a throttle the function threw', () => {
      const r = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'POST',
          routeKey: 'POST /orders',
          status: '500',
          // Shape: "The Lambda function returned the following error: <errorMessage>. Check your Lambda function code
          // and try again." (Logs Insights transcript, search index file 28192826103).
          // The SSM throttle boto3 raises ("(ThrottlingException) when calling the GetParameter operation ...: Rate exceeded").
          integrationErrorMessage:
            'The Lambda function returned the following error: An error occurred (ThrottlingException) when calling the GetParameter operation (reached max retries: 4): Rate exceeded. Check your Lambda function code and try again.',
        },
        functionName: FN,
      });
      expect(lambdaThrottled.match(r, HTTP)).toBeUndefined();
    });

    it('a 429 from an HTTP backend (no Lambda involved)', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /rates', status: '502', integrationStatus: '429' },
        integration: { route: 'GET /rates', type: 'http_proxy', uri: 'https://rates.example.com/' },
      });
      expect(lambdaThrottled.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('reserved concurrency 0: say so, and remove it with delete-function-concurrency', () => {
      const r = requestEvidence({ execution: restThrottled(), functionConfig: { reservedConcurrency: 0 } });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaThrottled, r, REST) }], REST, { region: REGION });
      expect(lambdaThrottled.summarise(f)).toBe(`Lambda throttled ${FN} because its reserved concurrency is 0: 1 request to POST /orders were refused before the code ran.`);
      expect(lambdaThrottled.remediate(f)).toContain(
        `Reserved concurrency 0 stops every invocation of ${FN}: remove it (aws lambda delete-function-concurrency --function-name ${FN} --region ${REGION}) or set a positive value.`,
      );
    });

    it('a positive reserved concurrency: raise it with put-function-concurrency', () => {
      const r = requestEvidence({ execution: restThrottled(), functionConfig: { reservedConcurrency: 5 } });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaThrottled, r, REST) }], REST);
      expect(lambdaThrottled.remediate(f).some((s) => s.includes(`put-function-concurrency --function-name ${FN} --reserved-concurrent-executions 10`))).toBe(true);
    });

    it('no reserved concurrency: point at the account limit, and lead with a concurrency change from CloudTrail', () => {
      const r = requestEvidence({ execution: restThrottled() });
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 30),
            eventName: 'PutFunctionConcurrency20171031',
            eventSource: 'lambda.amazonaws.com',
            who: 'arn:aws:iam::123456789012:user/ops',
            resources: [functionArn(FN)],
            what: `PutFunctionConcurrency20171031 on ${FN}: ReservedConcurrentExecutions 1`,
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const steps = lambdaThrottled.remediate(findingFacts([{ request: r, match: mustMatch(lambdaThrottled, r, ctx) }], ctx));
      expect(steps[0]).toContain('PutFunctionConcurrency20171031');
      expect(steps.some((s) => s.includes('get-account-settings'))).toBe(true);
    });
  });
});
