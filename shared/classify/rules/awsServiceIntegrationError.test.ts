import { describe, it, expect } from 'vitest';
import { awsServiceIntegrationError } from './awsServiceIntegrationError.ts';
import { ACCOUNT_ID, classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '6c5b4a39-2817-4f6e-9d5c-4b3a29181706';
const ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/apigw-orders-ddb`;

/**
 * REST direct DynamoDB integration. "Endpoint request URI: https://dynamodb.<region>.amazonaws.com/?Action=..." (a 2024
 * ops note, API_GATEWAY_LOG_SHAPES.md §1.1); the error body in DynamoDB's JSON error shape with IAM's denial wording and
 * the BackplaneAssumeRoleSession identity API Gateway uses for integration credentials (§1.2; the sequence is composed).
 */
function restDynamo(status: number, body: string): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
    `Endpoint request URI: https://dynamodb.${REGION}.amazonaws.com/?Action=PutItem`,
    `Endpoint request headers: {Authorization=****************************************************************************************************************************************************************************************************************************************************************************************************************f6e2c1, X-Amz-Date=20240521T194844Z, x-amzn-apigateway-api-id=a1b2c3d4e5, Accept=application/json, User-Agent=AmazonAPIGateway_a1b2c3d4e5, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJP//////////wEaCXVzLWVhc3QtMSJGMEQCIB [TRUNCATED]`,
    'Endpoint request body after transformations: {"TableName":"orders","Item":{"orderId":{"S":"o-1001"}}}',
    `Sending request to https://dynamodb.${REGION}.amazonaws.com/?Action=PutItem`,
    `Received response. Status: ${status}, Integration latency: 9 ms`,
    'Endpoint response headers: {Server=Server, Date=Tue, 21 May 2024 19:48:44 GMT, Content-Type=application/x-amz-json-1.0, Content-Length=312, Connection=keep-alive, x-amzn-RequestId=QF8A3SOQ5KL3V7C2G1D8H0JQ5VVV4KQNSO5AEMVJF66Q9ASUAAJG, x-amz-crc32=2806254124}',
    `Endpoint response body before transformations: ${body}`,
    'Method response body after transformations: {"__type":"com.amazon.coral.service#AccessDeniedException"}',
    'Method completed with status: 500',
  ];
}

const ACCESS_DENIED_BODY = `{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/apigw-orders-ddb/BackplaneAssumeRoleSession is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders because no identity-based policy allows the dynamodb:PutItem action"}`;

describe('aws-service-integration-error', () => {
  describe('matches', () => {
    it('REST DynamoDB: AccessDeniedException for the integration role, with action, resource and principal', () => {
      const r = requestEvidence({ execution: restDynamo(400, ACCESS_DENIED_BODY) });
      const m = mustMatch(awsServiceIntegrationError, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({
        service: 'dynamodb',
        action: 'dynamodb:PutItem',
        resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders`,
        principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/apigw-orders-ddb/BackplaneAssumeRoleSession`,
        errorType: 'AccessDeniedException',
      });
    });

    it('REST DynamoDB: ValidationException from a bad request template', () => {
      // DynamoDB's JSON error shape ("com.amazon.coral.validate#ValidationException").
      const r = requestEvidence({
        execution: restDynamo(400, '{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: Missing the key orderId in the item"}'),
      });
      const m = mustMatch(awsServiceIntegrationError, r, REST);
      expect(m.facts.errorType).toBe('ValidationException');
    });

    it('REST SQS: the XML error document (AccessDenied)', () => {
      // SQS query-API error XML: <ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource ... is denied.</Message>
      const url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/orders-queue`;
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          `Endpoint request URI: ${url}?Action=SendMessage`,
          `Sending request to ${url}?Action=SendMessage`,
          'Received response. Status: 403, Integration latency: 14 ms',
          `Endpoint response body before transformations: <?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Access to the resource https://sqs.${REGION}.amazonaws.com/ is denied.</Message><Detail/></Error><RequestId>3b1f8d2e-7a4c-5e6f-9b0a-1c2d3e4f5a6b</RequestId></ErrorResponse>`,
          'Method completed with status: 500',
        ],
      });
      const m = mustMatch(awsServiceIntegrationError, r, REST);
      expect(m.facts.service).toBe('sqs');
      expect(m.facts.action).toBe('SendMessage');
    });

    it('HTTP API first-class integration (StepFunctions-StartExecution) whose role cannot be assumed', () => {
      // terraform-aws-modules/terraform-aws-apigateway-v2#87: the CLF line with $context.integrationErrorMessage.
      const r = requestEvidence({
        access:
          '104.129.198.74 - - [24/Jan/2023:17:52:06 +0000] "POST POST /start-step-function HTTP/1.1" 500 35 fQke_hDCDoEEMpw= API Gateway doesn’t have permissions to assume the IAM role configured on the integration. Check the permissions and try again.',
        integration: { route: 'POST /start-step-function', type: 'aws_proxy', integrationSubtype: 'StepFunctions-StartExecution', credentials: `arn:aws:iam::${ACCOUNT_ID}:role/apigw-sfn` },
      });
      const m = mustMatch(awsServiceIntegrationError, r, HTTP);
      expect(m.facts.service).toBe('StepFunctions-StartExecution');
      expect(m.facts.principal).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/apigw-sfn`);
    });

    it('access log only: an integration status of 400 on a DynamoDB action integration is weaker', () => {
      const r = requestEvidence({
        access: { requestId: REQUEST_ID, requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'POST', resourcePath: '/orders', status: '500', integrationStatus: '400', integrationLatency: '9' },
        integration: { route: 'POST /orders', type: 'aws', uri: `arn:aws:apigateway:${REGION}:dynamodb:action/PutItem`, credentials: ROLE },
      });
      const m = mustMatch(awsServiceIntegrationError, r, REST);
      const direct = mustMatch(awsServiceIntegrationError, requestEvidence({ execution: restDynamo(400, ACCESS_DENIED_BODY) }), REST);
      expect(m.confidence).toBeLessThan(direct.confidence);
      expect(m.facts).toMatchObject({ service: 'dynamodb', action: 'PutItem', principal: ROLE });
    });
  });

  describe('does not match', () => {
    it('a Lambda integration whose export URI is the apigateway ARN form (arn:aws:apigateway:REGION:lambda:path/...)', () => {
      const r = requestEvidence({
        access: { requestId: REQUEST_ID, requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'POST', resourcePath: '/orders', status: '500', integrationStatus: '429' },
        integration: { route: 'POST /orders', type: 'aws_proxy', uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn('orders-fn')}/invocations`, functionName: 'orders-fn' },
      });
      expect(awsServiceIntegrationError.match(r, REST)).toBeUndefined();
    });

    it('a service integration that succeeded (2xx) while the method failed elsewhere', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          `Endpoint request URI: https://dynamodb.${REGION}.amazonaws.com/?Action=PutItem`,
          'Received response. Status: 200, Integration latency: 9 ms',
          'Endpoint response body before transformations: {}',
          'Execution failed due to configuration error: Output mapping refers to an invalid method response: 2xx/4xx/5xx',
          'Method completed with status: 500',
        ],
      });
      expect(awsServiceIntegrationError.match(r, REST)).toBeUndefined();
    });

    it('an HTTP backend (not an AWS service)', () => {
      const r = requestEvidence({
        access: { requestId: REQUEST_ID, requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', resourcePath: '/orders', status: '502', integrationStatus: '502' },
        integration: { route: 'GET /orders', type: 'http_proxy', uri: 'https://orders.example.com/' },
      });
      expect(awsServiceIntegrationError.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('access denied: allow the role the action on the resource', () => {
      const r = requestEvidence({ execution: restDynamo(400, ACCESS_DENIED_BODY) });
      const f = findingFacts([{ request: r, match: mustMatch(awsServiceIntegrationError, r, REST) }], REST);
      expect(awsServiceIntegrationError.summarise(f)).toBe('The direct dynamodb integration of POST /orders answers AccessDeniedException on dynamodb:PutItem: 1 request failed.');
      expect(awsServiceIntegrationError.remediate(f)[0]).toContain(`to call dynamodb:PutItem on arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders`);
    });

    it('validation error: fix the request mapping template', () => {
      const r = requestEvidence({
        execution: restDynamo(400, '{"__type":"com.amazon.coral.validate#ValidationException","message":"One or more parameter values were invalid: Missing the key orderId in the item"}'),
      });
      const f = findingFacts([{ request: r, match: mustMatch(awsServiceIntegrationError, r, REST) }], REST);
      expect(awsServiceIntegrationError.remediate(f)[0]).toContain('mapping template');
    });

    it('a role that cannot be assumed: its trust policy', () => {
      const r = requestEvidence({
        access:
          '104.129.198.74 - - [24/Jan/2023:17:52:06 +0000] "POST POST /start-step-function HTTP/1.1" 500 35 fQke_hDCDoEEMpw= API Gateway doesn’t have permissions to assume the IAM role configured on the integration. Check the permissions and try again.',
        integration: { route: 'POST /start-step-function', type: 'aws_proxy', integrationSubtype: 'StepFunctions-StartExecution', credentials: `arn:aws:iam::${ACCOUNT_ID}:role/apigw-sfn` },
      });
      const f = findingFacts([{ request: r, match: mustMatch(awsServiceIntegrationError, r, HTTP) }], HTTP);
      expect(awsServiceIntegrationError.remediate(f).some((s) => s.includes('trust policy') && s.includes(`arn:aws:iam::${ACCOUNT_ID}:role/apigw-sfn`))).toBe(true);
    });
  });
});
