import { describe, it, expect } from 'vitest';
import { lambdaNotFound } from './lambdaNotFound.ts';
import { ACCOUNT_ID, classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, LAMBDA_REQUEST_ID, lambdaInvocationUri, restLambdaCall, restLambdaResponse, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '5b0f3c1e-8d2a-4f6b-9c7e-1a2b3c4d5e6f';

/**
 * REST: Lambda answered the invoke with 404. Lambda's error for a missing function or alias is
 * ResourceNotFoundException "Function not found: arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]"
 * (moto's Lambda tests, search index id 103755902; AWS CLI output quoted in index ids 46237965738, 7996788665;
 * apex/up#606 "Alias not found: arn:...:function:sample-up:staging"). The execution-log sequence around it is
 * composed from the §1.1-1.2 shapes ("Lambda invocation failed with status: N. Lambda request id: ...").
 */
function restNotFound(arn: string): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/prices'),
    ...restLambdaCall(arn, '/prices', 'GET'),
    'Received response. Status: 404, Integration latency: 7 ms',
    `Endpoint response headers: {Date=Tue, 21 May 2024 19:48:44 GMT, Content-Type=application/json, Content-Length=115, Connection=keep-alive, x-amzn-RequestId=${LAMBDA_REQUEST_ID}, x-amzn-ErrorType=ResourceNotFoundException}`,
    `Endpoint response body before transformations: {"Message":"Function not found: ${arn}","Type":"User"}`,
    `Lambda invocation failed with status: 404. Lambda request id: ${LAMBDA_REQUEST_ID}`,
    'Method completed with status: 500',
  ];
}

describe('lambda-not-found', () => {
  describe('matches', () => {
    it('REST: a deleted function (404, "Function not found: arn:...")', () => {
      const arn = functionArn('prices-fn');
      const r = requestEvidence({ execution: restNotFound(arn) });
      const m = mustMatch(lambdaNotFound, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: 'prices-fn', functionArn: arn });
      expect(m.facts.qualifier).toBeUndefined();
    });

    it('REST: an alias that does not exist names the qualifier', () => {
      const arn = functionArn('prices-fn', 'staging');
      const r = requestEvidence({ execution: restNotFound(arn) });
      const m = mustMatch(lambdaNotFound, r, REST);
      expect(m.facts).toMatchObject({ functionArn: arn, qualifier: 'staging' });
    });

    it('REST: a stage variable that resolved to nothing leaves "function:NAME:" and Lambda refuses the ARN', () => {
      // serverless/serverless#344: Lambda's validation error for "arn:aws:lambda:us-east-1:190406971514:function:staticCharts-StaticIntraday:"
      // (amazon-archives/aws-apigateway-importer#119 shows the integration URI with ${stageVariables.functionAlias}).
      const arn = 'arn:aws:lambda:us-east-1:190406971514:function:staticCharts-StaticIntraday:';
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/intraday'),
          `Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/${arn}/invocations`,
          'Received response. Status: 400, Integration latency: 6 ms',
          `Endpoint response body before transformations: {"message":"1 validation error detected: Value '${arn}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:aws:lambda:)?([a-z]{2}-[a-z]+-\\\\d{1}:)?(\\\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\\\$LATEST|[a-zA-Z0-9-_]+))?"}`,
          `Lambda invocation failed with status: 400. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 500',
        ],
        integration: {
          route: 'GET /intraday',
          type: 'aws_proxy',
          uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:190406971514:function:staticCharts-StaticIntraday:${stageVariables.functionAlias}/invocations',
        },
      });
      const m = mustMatch(lambdaNotFound, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.facts.functionName).toBe('staticCharts-StaticIntraday');
      expect(m.facts.detail).toContain('${stageVariables.functionAlias}');
    });

    it('access log only: $context.integrationStatus 404 on a Lambda integration is weaker', () => {
      const r = requestEvidence({
        access: {
          requestId: REQUEST_ID,
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          resourcePath: '/prices',
          status: '500',
          integrationStatus: '404',
          integrationLatency: '7',
        },
        integration: { route: 'GET /prices', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn('prices-fn')), functionName: 'prices-fn' },
      });
      const m = mustMatch(lambdaNotFound, r, REST);
      const direct = mustMatch(lambdaNotFound, requestEvidence({ execution: restNotFound(functionArn('prices-fn')) }), REST);
      expect(m.confidence).toBeLessThan(direct.confidence);
    });
  });

  describe('does not match', () => {
    it('the function\'s own DynamoDB ResourceNotFoundException, quoted as a customer function error', () => {
      // botocore's message for a missing table: "An error occurred (ResourceNotFoundException) when calling the
      // GetItem operation: Requested resource not found" (the Python ClientError shape of LAMBDA_AND_XRAY_SHAPES.md §3).
      const message = 'An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found';
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/prices'),
          ...restLambdaCall(functionArn('prices-fn'), '/prices', 'GET'),
          ...restLambdaResponse({ latencyMs: 80, functionError: 'Unhandled', body: `{"errorMessage": "${message}", "errorType": "ResourceNotFoundException", "requestId": "${LAMBDA_REQUEST_ID}"}` }),
          `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(lambdaNotFound.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API access log quoting the function\'s own not-found error', () => {
      const r = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /prices',
          status: '500',
          // "The Lambda function returned the following error: ... Check your Lambda function code and try again." (index file 28192826103)
          integrationErrorMessage:
            'The Lambda function returned the following error: An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found. Check your Lambda function code and try again.',
        },
        functionName: 'prices-fn',
      });
      expect(lambdaNotFound.match(r, HTTP)).toBeUndefined();
    });

    it('an HTTP backend that answered 404', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /prices', status: '502', integrationStatus: '404' },
        integration: { route: 'GET /prices', type: 'http_proxy', uri: 'https://prices.example.com/' },
      });
      expect(lambdaNotFound.match(r, HTTP)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('a missing alias: name the ARN and list the aliases', () => {
      const arn = functionArn('prices-fn', 'staging');
      const r = requestEvidence({ execution: restNotFound(arn) });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaNotFound, r, REST) }], REST);
      expect(lambdaNotFound.summarise(f)).toBe(`The integration of GET /prices points at ${arn}, which does not exist; 1 request failed.`);
      expect(lambdaNotFound.remediate(f)[0]).toContain('aws lambda list-aliases --function-name prices-fn');
    });

    it('a deleted function: get-function, and the CloudTrail deletion first', () => {
      const r = requestEvidence({ execution: restNotFound(functionArn('prices-fn')) });
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 30),
            eventName: 'DeleteFunction20150331',
            eventSource: 'lambda.amazonaws.com',
            who: `arn:aws:iam::${ACCOUNT_ID}:user/ops`,
            resources: [functionArn('prices-fn')],
            what: 'DeleteFunction20150331 on prices-fn',
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const steps = lambdaNotFound.remediate(findingFacts([{ request: r, match: mustMatch(lambdaNotFound, r, ctx) }], ctx, { region: REGION }));
      expect(steps[0]).toContain('DeleteFunction20150331 on prices-fn');
      expect(steps.some((s) => s.includes('aws lambda get-function --function-name prices-fn'))).toBe(true);
    });

    it('a stage variable in the URI: say which variable to set on which stage', () => {
      const r = requestEvidence({
        execution: restNotFound(functionArn('prices-fn', 'prod')),
        integration: { route: 'GET /prices', type: 'aws_proxy', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn('prices-fn')}:\${stageVariables.alias}/invocations` },
      });
      const f = findingFacts([{ request: r, match: mustMatch(lambdaNotFound, r, REST) }], REST, { stage: 'prod' });
      expect(lambdaNotFound.remediate(f).some((s) => s.includes('${stageVariables.alias}') && s.includes('stage prod'))).toBe(true);
    });
  });
});
