import { describe, it, expect } from 'vitest';
import { downstreamAccessDenied } from './downstreamAccessDenied.ts';
import { ACCOUNT_ID, classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { batchGetTraces, end, functionArn, LAMBDA_REQUEST_ID, lambdaInvocationUri, report, restLambdaCall, restLambdaResponse, restRequestStart, start } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = 'fce0a22b-e154-482e-9b28-dba8432d1c38';
const FN = 'picking-fn';
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/pick-lists`;
/** IAM's denial wording as AWS SDKs carry it (LAMBDA_AND_XRAY_SHAPES.md §3: index ids 1713370866, 67418607288). */
const DENIAL = `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/picking-fn-role/${FN} is not authorized to perform: dynamodb:GetItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:GetItem action`;

/** The function caught the error, logged it with logger.exception and returned {"statusCode": 500}: REST shows a 200 from Lambda. */
function restHandled500(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/orders/{orderId}/pick-list'),
    ...restLambdaCall(functionArn(FN), '/orders/{orderId}/pick-list', 'GET'),
    ...restLambdaResponse({ latencyMs: 48, body: '{"statusCode": 500, "headers": {"Content-Type": "application/json"}, "body": "{\\"message\\": \\"internal error\\"}"}' }),
    'Method response body after transformations: {"message": "internal error"}',
    'Successfully completed execution',
    'Method completed with status: 500',
  ];
}

/** Python text format "[LEVEL]\t<time>\t<request id>\t<message>" (awslambdaric bootstrap.py) with logging's exc_info traceback. */
const PY_LOGGED = `[ERROR]\t2024-05-21T19:48:44.151Z\t${LAMBDA_REQUEST_ID}\tfailed to load pick list\nTraceback (most recent call last):\n  File "/var/task/app.py", line 31, in handler\n    item = table.get_item(Key={"orderId": order_id})\nbotocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetItem operation: ${DENIAL}`;

describe('downstream-access-denied', () => {
  describe('matches', () => {
    it('Python: the function logged the AccessDeniedException and returned 500 itself (handled)', () => {
      const r = requestEvidence({ execution: restHandled500(), lambda: [start(), PY_LOGGED, end(), report({ durationMs: 41.2 })] });
      const m = mustMatch(downstreamAccessDenied, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.85);
      expect(m.facts).toMatchObject({
        functionName: FN,
        action: 'dynamodb:GetItem',
        resource: TABLE,
        principal: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/picking-fn-role/${FN}`,
      });
      expect(m.alternatives).toEqual([{ id: 'function-error-response', confidence: 0.3 }]);
    });

    it('Node.js: an unhandled AccessDeniedException in "Invoke Error" (Errors.js shape; index id 1713370866)', () => {
      const r = requestEvidence({
        access: { requestId: 'Vdn1ng7PIAMEVPw=', requestTime: '21/May/2024:19:48:44 +0000', httpMethod: 'GET', routeKey: 'GET /orders/{orderId}/pick-list', status: '500', integrationRequestId: LAMBDA_REQUEST_ID },
        functionName: FN,
        lambda: [
          start(),
          `2024-05-21T19:48:44.160Z\t${LAMBDA_REQUEST_ID}\tERROR\tInvoke Error \t{"errorType":"AccessDeniedException","errorMessage":"${DENIAL}","name":"AccessDeniedException","$fault":"client","$metadata":{"httpStatusCode":400,"requestId":"BABA4C09BF7E647C459D9AB39F4906B2D3F5","attempts":1,"totalRetryDelay":0},"__type":"com.amazon.coral.service#AccessDeniedException","stack":["AccessDeniedException: ${DENIAL}","    at throwDefaultError (/var/runtime/node_modules/@aws-sdk/node_modules/@smithy/smithy-client/dist-cjs/index.js:838:20)"]}`,
          end(),
          report({ durationMs: 210.7, tail: 'Status: error\tError Type: AccessDeniedException' }),
        ],
      });
      const m = mustMatch(downstreamAccessDenied, r, HTTP);
      expect(m.facts.action).toBe('dynamodb:GetItem');
      expect(m.alternatives).toEqual([{ id: 'lambda-unhandled-error', confidence: 0.3 }]);
    });

    it('Python: the uncaught ClientError for comprehend (index id 67418607288: no "on resource" part)', () => {
      const r = requestEvidence({
        execution: restHandled500(),
        lambda: [
          start(),
          `[ERROR] ClientError: An error occurred (AccessDeniedException) when calling the DetectDominantLanguage operation: User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/lang-role/${FN} is not authorized to perform: comprehend:DetectDominantLanguage because no identity-based policy allows the comprehend:DetectDominantLanguage action\rTraceback (most recent call last):`,
          end(),
          report({ durationMs: 301.5 }),
        ],
      });
      const m = mustMatch(downstreamAccessDenied, r, REST);
      expect(m.facts.action).toBe('comprehend:DetectDominantLanguage');
      expect(m.facts.resource).toBeUndefined();
    });

    it('S3\'s "Access Denied" in botocore\'s words', () => {
      const r = requestEvidence({
        execution: restHandled500(),
        lambda: [start(), '[ERROR] ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied\rTraceback (most recent call last):', end(), report({ durationMs: 88.1 })],
      });
      expect(mustMatch(downstreamAccessDenied, r, REST).facts.dependency).toBeDefined();
    });

    it('the function\'s own lambda:InvokeFunction on another function being denied', () => {
      const denial = `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/orders-role/orders-fn is not authorized to perform: lambda:InvokeFunction on resource: ${functionArn('billing-fn')} because no identity-based policy allows the lambda:InvokeFunction action`;
      const r = requestEvidence({
        execution: restHandled500(),
        lambda: [start(), `[ERROR] ClientError: An error occurred (AccessDeniedException) when calling the Invoke operation: ${denial}\rTraceback (most recent call last):`, end(), report({ durationMs: 61.0 })],
      });
      expect(mustMatch(downstreamAccessDenied, r, REST).facts.action).toBe('lambda:InvokeFunction');
    });

    it('no Lambda log read: the denial in API Gateway\'s quote of the function\'s error (REST and HTTP APIs)', () => {
      const rest = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders/{orderId}/pick-list'),
          ...restLambdaCall(functionArn(FN), '/orders/{orderId}/pick-list', 'GET'),
          ...restLambdaResponse({ latencyMs: 140, functionError: 'Unhandled', body: `{"errorType":"AccessDeniedException","errorMessage":"${DENIAL}"}` }),
          `Lambda execution failed with status 200 due to customer function error: ${DENIAL}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      const m = mustMatch(downstreamAccessDenied, rest, REST);
      expect(m.facts).toMatchObject({ action: 'dynamodb:GetItem', resource: TABLE });
      expect(m.alternatives).toEqual([{ id: 'lambda-unhandled-error', confidence: 0.3 }]);
      const http = requestEvidence({
        access: {
          requestId: 'Vdn1ng7PIAMEVPw=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /orders/{orderId}/pick-list',
          status: '500',
          integrationErrorMessage: `The Lambda function returned the following error: An error occurred (AccessDeniedException) when calling the GetItem operation: ${DENIAL}. Check your Lambda function code and try again.`,
        },
        functionName: FN,
      });
      expect(mustMatch(downstreamAccessDenied, http, HTTP).facts.action).toBe('dynamodb:GetItem');
    });

    it('X-Ray only: the DynamoDB subsegment\'s AccessDeniedException (lower than the function\'s own log line)', () => {
      const traces = batchGetTraces({
        apiRequestId: REQUEST_ID,
        functionName: FN,
        calls: [
          {
            id: '00982845682749e7',
            name: 'DynamoDB',
            start_time: 1716320924.12,
            end_time: 1716320924.13,
            error: true,
            namespace: 'aws',
            http: { response: { status: 400, content_length: 312 } },
            aws: { operation: 'GetItem', region: REGION, retries: 0, table_name: 'pick-lists', resource_names: ['pick-lists'] },
            cause: { working_directory: '/var/task', exceptions: [{ id: '231180d36fe89e23', message: DENIAL, type: 'AccessDeniedException', remote: true }] },
          },
        ],
      });
      const fromTrace = mustMatch(downstreamAccessDenied, requestEvidence({ execution: restHandled500(), traces }), REST);
      const fromLog = mustMatch(downstreamAccessDenied, requestEvidence({ execution: restHandled500(), lambda: [start(), PY_LOGGED, end(), report({ durationMs: 41.2 })] }), REST);
      expect(fromTrace.facts).toMatchObject({ action: 'dynamodb:GetItem', service: 'DynamoDB' });
      expect(fromTrace.evidence.some((e) => e.source === 'xray' && e.excerpt.includes('AccessDeniedException'))).toBe(true);
      expect(fromTrace.confidence).toBeLessThan(fromLog.confidence);
    });
  });

  describe('does not match', () => {
    it('API Gateway\'s own "Invalid permissions on Lambda function" (that is invoke-permission-denied)', () => {
      // hashicorp/terraform-provider-aws#14965
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
          `Endpoint request URI: ${lambdaInvocationUri(functionArn(FN))}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Method completed with status: 500',
        ],
      });
      expect(downstreamAccessDenied.match(r, REST)).toBeUndefined();
    });

    it('a DynamoDB throttle the function met (that is downstream-dependency-failure)', () => {
      const r = requestEvidence({
        execution: restHandled500(),
        lambda: [
          start(),
          // LAMBDA_AND_XRAY_SHAPES.md §3 Python (index id 43672071645)
          '[ERROR] ClientError: An error occurred (ProvisionedThroughputExceededException) when calling the PutItem operation (reached max retries: 9): The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.\rTraceback (most recent call last):',
          end(),
          report({ durationMs: 2890.4 }),
        ],
      });
      expect(downstreamAccessDenied.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('name the function, the action and the resource; the exact put-role-policy for the role', () => {
      const r = requestEvidence({ execution: restHandled500(), lambda: [start(), PY_LOGGED, end(), report({ durationMs: 41.2 })] });
      const f = findingFacts([{ request: r, match: mustMatch(downstreamAccessDenied, r, REST) }], REST);
      expect(downstreamAccessDenied.summarise(f)).toBe(`${FN} is denied dynamodb:GetItem on ${TABLE}, so 1 request to GET /orders/{orderId}/pick-list failed.`);
      expect(downstreamAccessDenied.remediate(f)[0]).toBe(
        `Allow picking-fn-role to call dynamodb:GetItem on ${TABLE}: aws iam put-role-policy --role-name picking-fn-role --policy-name allow-dynamodb-GetItem --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"${TABLE}"}]}' — better, add it in the infrastructure code that owns the role.`,
      );
    });

    it('leads with the policy change that preceded the onset', () => {
      const r = requestEvidence({ execution: restHandled500(), lambda: [start(), PY_LOGGED, end(), report({ durationMs: 41.2 })] });
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 40),
            eventName: 'DeleteRolePolicy',
            eventSource: 'iam.amazonaws.com',
            who: `arn:aws:iam::${ACCOUNT_ID}:user/ops`,
            resources: ['picking-fn-role'],
            what: 'DeleteRolePolicy on picking-fn-role: dynamodb-read',
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const steps = downstreamAccessDenied.remediate(findingFacts([{ request: r, match: mustMatch(downstreamAccessDenied, r, ctx) }], ctx));
      expect(steps[0]).toContain('DeleteRolePolicy on picking-fn-role');
    });
  });
});
