import { describe, it, expect } from 'vitest';
import { invokePermissionDenied } from './invokePermissionDenied.ts';
import { ACCOUNT_ID, API_ID, classifyContext, findingFacts, mustMatch, REGION, requestEvidence } from './testing/requestEvidenceBuilder.ts';
import { functionArn, LAMBDA_REQUEST_ID, lambdaInvocationUri, restLambdaCall, restLambdaResponse, restRequestStart } from './testing/realLines.ts';

const REST = classifyContext('REST');
const HTTP = classifyContext('HTTP');
const REQUEST_ID = '9e3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const FN = 'orders-fn';

/** hashicorp/terraform-provider-aws#14965: the execution log of a method whose function lacks the resource-policy
 * statement ("Execution failed due to configuration error: Invalid permissions on Lambda function", status 500). */
function restDenied(): string[] {
  return [
    ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
    `Endpoint request URI: ${lambdaInvocationUri(functionArn(FN))}`,
    `Sending request to ${lambdaInvocationUri(functionArn(FN))}`,
    'Execution failed due to configuration error: Invalid permissions on Lambda function',
    'Method completed with status: 500',
  ];
}

describe('invoke-permission-denied', () => {
  describe('matches', () => {
    it('REST: "Invalid permissions on Lambda function" (resource policy)', () => {
      const r = requestEvidence({ execution: restDenied() });
      const m = mustMatch(invokePermissionDenied, r, REST);
      expect(m.confidence).toBeGreaterThanOrEqual(0.9);
      expect(m.facts).toMatchObject({ functionName: FN, functionArn: functionArn(FN) });
      expect(m.facts.detail).toBeUndefined();
    });

    it('REST: the credentials role cannot be assumed (2023 Terraform notes, API_GATEWAY_LOG_SHAPES.md §1.2)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
          `Endpoint request URI: ${lambdaInvocationUri(functionArn(FN))}`,
          `Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::${ACCOUNT_ID}:role/apigw-invoke-orders`,
          'Method completed with status: 500',
        ],
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn(FN)), functionName: FN, credentials: `arn:aws:iam::${ACCOUNT_ID}:role/apigw-invoke-orders` },
      });
      const m = mustMatch(invokePermissionDenied, r, REST);
      expect(m.facts.detail).toBe('credentials-role');
      expect(m.facts.principal).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/apigw-invoke-orders`);
    });

    it('HTTP API access log (CLF preset + $context.integrationErrorMessage): "... doesn\'t have permissions to call the integration"', () => {
      // terraform-aws-modules/terraform-aws-apigateway-v2#41: a source ARN of ".../*/*/*" on an HTTP API.
      // (The paste starts at the time; the preset's leading "$context.identity.sourceIp - -" is restored.)
      const r = requestEvidence({
        access:
          '104.129.198.74 - - [09/Jun/2021:12:17:05 +0000] "GET $default HTTP/1.1" 500 35 AqCiOhxcLPEEMIA= The IAM role configured on the integration or API Gateway doesn\'t have permissions to call the integration. Check the permissions and try again',
        integration: { route: '$default', type: 'aws_proxy', uri: functionArn('chart-museum'), functionName: 'chart-museum', payloadFormatVersion: '2.0' },
      });
      const m = mustMatch(invokePermissionDenied, r, HTTP);
      expect(m.confidence).toBeGreaterThanOrEqual(0.8);
      expect(m.facts.functionName).toBe('chart-museum');
    });

    it('REST: the authorizer\'s function may not be invoked — names the authorizer function, not the integration\'s', () => {
      // A failing authorizer invoke as described in a public runbook (search index id 54492964256:
      // "AuthorizerConfigurationException / Invalid permissions on Lambda function" while testing the authorizer);
      // sequence composed from the §1.1 authorizer lines (Source B, KC api-gateway-logs "Starting authorizer: 62mgrc").
      const authorizerArn = functionArn('jwt-authorizer');
      const r = requestEvidence({
        execution: [
          'Extended Request Id: Vwc2MGFUrPEFV_g=',
          `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
          'Incoming identity: ****I1BUdE',
          `Endpoint request URI: ${lambdaInvocationUri(authorizerArn)}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
          'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
          'Method completed with status: 500',
        ],
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn(FN)), functionName: FN, authorizer: 'jwt' },
      });
      const m = mustMatch(invokePermissionDenied, r, REST);
      expect(m.facts.functionName).toBe('jwt-authorizer');
      expect(m.facts.functionArn).toBe(authorizerArn);
      expect(m.facts.authorizer).toBe('62mgrc');
    });

    it('ERROR-level logging: only the failure lines, "Authorizer error" after the denied invoke (blog on ApiGatewayV2 authorizer permissions, 2020)', () => {
      // Search index id 40370491264: the three lines as logged (WebSocket request id there; a REST UUID here).
      const r = requestEvidence({
        execution: [
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
          'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
        ],
        integration: { route: 'GET /orders', type: 'aws_proxy', uri: lambdaInvocationUri(functionArn(FN)), functionName: FN, authorizer: 'ConnectAuthorizer' },
      });
      const ctx = classifyContext('REST', { api: { integrations: [], authorizers: [{ name: 'ConnectAuthorizer', functionName: 'cc-authorizer', type: 'REQUEST' }] } });
      const m = mustMatch(invokePermissionDenied, r, ctx);
      expect(m.facts.functionName).toBe('cc-authorizer');
      expect(m.facts.authorizer).toBe('ConnectAuthorizer');
      const steps = invokePermissionDenied.remediate(findingFacts([{ request: r, match: m }], ctx, { region: REGION, accountId: ACCOUNT_ID, apiId: API_ID }));
      expect(steps.some((s) => s.includes('--function-name cc-authorizer') && s.includes(`${API_ID}/authorizers/*`))).toBe(true);
    });

    it('HTTP API: the knowledge-center wording of the same message, with a typographic apostrophe', () => {
      // KC api-gateway-http-lambda-integrations: "integrationError": "The IAM role configured on the integration or API Gateway
      // doesn’t have permissions to call the integration. Check the permissions and try again".
      const r = requestEvidence({
        access: {
          requestId: 'KyDfdgZ9oAMEYpA=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /orders',
          status: '500',
          integrationError: 'The IAM role configured on the integration or API Gateway doesn’t have permissions to call the integration. Check the permissions and try again',
        },
        functionName: FN,
      });
      expect(mustMatch(invokePermissionDenied, r, HTTP).facts.functionName).toBe(FN);
    });

    it('HTTP API: $context.authorizer.error "... doesn’t have permissions to call the authorizer" (KC api-gateway-http-lambda-integrations)', () => {
      const r = requestEvidence({
        access: {
          requestId: 'KyDfdgZ9oAMEYpA=',
          requestTime: '21/May/2024:19:48:44 +0000',
          httpMethod: 'GET',
          routeKey: 'GET /orders',
          status: '500',
          authorizerError: 'The IAM role configured on the authorizer or API Gateway doesn’t have permissions to call the authorizer. Check the permissions and try again',
        },
        integration: { route: 'GET /orders', type: 'http_proxy', uri: 'https://orders.example.com/', authorizer: 'jwt-lambda' },
      });
      const ctx = classifyContext('HTTP', { api: { integrations: [], authorizers: [{ name: 'jwt-lambda', functionName: 'jwt-authorizer', type: 'REQUEST' }] } });
      const m = mustMatch(invokePermissionDenied, r, ctx);
      expect(m.facts).toMatchObject({ functionName: 'jwt-authorizer', authorizer: 'jwt-lambda' });
    });
  });

  describe('does not match', () => {
    it('the function\'s own call to another function being denied (that is downstream-access-denied)', () => {
      // The IAM message shape of LAMBDA_AND_XRAY_SHAPES.md §3 ("User: arn:aws:sts::...:assumed-role/... is not authorized
      // to perform: ... because no identity-based policy allows ..."), quoted by API Gateway (§1.2).
      const message = `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/orders-role/${FN} is not authorized to perform: lambda:InvokeFunction on resource: ${functionArn('billing-fn')} because no identity-based policy allows the lambda:InvokeFunction action`;
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'GET', '/orders'),
          ...restLambdaCall(functionArn(FN), '/orders', 'GET'),
          ...restLambdaResponse({ latencyMs: 140, functionError: 'Unhandled', body: `{"errorType":"AccessDeniedException","errorMessage":"${message}"}` }),
          `Lambda execution failed with status 200 due to customer function error: ${message}. Lambda request id: ${LAMBDA_REQUEST_ID}`,
          'Method completed with status: 502',
        ],
      });
      expect(invokePermissionDenied.match(r, REST)).toBeUndefined();
    });

    it('an HTTP API Step Functions integration whose role cannot be assumed (that is aws-service-integration-error)', () => {
      // terraform-aws-modules/terraform-aws-apigateway-v2#87, the line as CloudWatch showed it.
      const r = requestEvidence({
        access:
          '104.129.198.74 - - [24/Jan/2023:17:52:06 +0000] "POST POST /start-step-function HTTP/1.1" 500 35 fQke_hDCDoEEMpw= API Gateway doesn’t have permissions to assume the IAM role configured on the integration. Check the permissions and try again.',
        integration: { route: 'POST /start-step-function', type: 'aws_proxy', integrationSubtype: 'StepFunctions-StartExecution', credentials: `arn:aws:iam::${ACCOUNT_ID}:role/apigw-sfn` },
      });
      expect(invokePermissionDenied.match(r, HTTP)).toBeUndefined();
    });

    it('a DynamoDB integration whose role lacks dynamodb:PutItem (composed §1.2 service error)', () => {
      const r = requestEvidence({
        execution: [
          ...restRequestStart(REQUEST_ID, 'POST', '/orders'),
          `Endpoint request URI: https://dynamodb.${REGION}.amazonaws.com/?Action=PutItem`,
          'Received response. Status: 400, Integration latency: 9 ms',
          `Endpoint response body before transformations: {"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/apigw-lambda-ddb/BackplaneAssumeRoleSession is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/orders because no identity-based policy allows the dynamodb:PutItem action"}`,
          'Method completed with status: 500',
        ],
      });
      expect(invokePermissionDenied.match(r, REST)).toBeUndefined();
    });
  });

  describe('summary and remediation', () => {
    it('REST: the exact aws lambda add-permission with the API\'s source ARN', () => {
      const r = requestEvidence({ execution: restDenied() });
      const f = findingFacts([{ request: r, match: mustMatch(invokePermissionDenied, r, REST) }], REST, { region: REGION, accountId: ACCOUNT_ID, apiId: API_ID });
      expect(invokePermissionDenied.summarise(f)).toBe(`API Gateway is not allowed to invoke ${FN}: 1 request to GET /orders failed before the function ran.`);
      expect(invokePermissionDenied.remediate(f)).toContain(
        `Give API Gateway back its invoke permission on ${FN}: aws lambda add-permission --function-name ${functionArn(FN)} --statement-id apigateway-invoke-${API_ID} --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn "arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${API_ID}/*/*/*" --region ${REGION}`,
      );
    });

    it('HTTP API: the source ARN has two wildcards after the API id (stage/route), not three', () => {
      const r = requestEvidence({
        access:
          '104.129.198.74 - - [09/Jun/2021:12:17:05 +0000] "GET $default HTTP/1.1" 500 35 AqCiOhxcLPEEMIA= The IAM role configured on the integration or API Gateway doesn\'t have permissions to call the integration. Check the permissions and try again',
        integration: { route: '$default', type: 'aws_proxy', uri: functionArn('chart-museum'), functionName: 'chart-museum' },
      });
      const f = findingFacts([{ request: r, match: mustMatch(invokePermissionDenied, r, HTTP) }], HTTP, { region: REGION, accountId: ACCOUNT_ID, apiId: API_ID });
      expect(invokePermissionDenied.remediate(f).some((s) => s.includes(`--source-arn "arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${API_ID}/*/*"`))).toBe(true);
    });

    it('the authorizer: a permission whose source ARN names the API\'s authorizers', () => {
      const r = requestEvidence({
        execution: [
          `Starting authorizer: 62mgrc for request: ${REQUEST_ID}`,
          `Endpoint request URI: ${lambdaInvocationUri(functionArn('jwt-authorizer'))}`,
          'Execution failed due to configuration error: Invalid permissions on Lambda function',
          'Execution failed due to configuration error: Authorizer error',
          'Method completed with status: 500',
        ],
      });
      const f = findingFacts([{ request: r, match: mustMatch(invokePermissionDenied, r, REST) }], REST, { region: REGION, accountId: ACCOUNT_ID, apiId: API_ID });
      expect(invokePermissionDenied.remediate(f).some((s) => s.includes(`--function-name ${functionArn('jwt-authorizer')}`) && s.includes(`arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${API_ID}/authorizers/62mgrc`))).toBe(true);
    });

    it('a credentials role: the trust policy and lambda:InvokeFunction on the function', () => {
      const r = requestEvidence({
        execution: [`Endpoint request URI: ${lambdaInvocationUri(functionArn(FN))}`, `Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::${ACCOUNT_ID}:role/apigw-invoke-orders`, 'Method completed with status: 500'],
      });
      const steps = invokePermissionDenied.remediate(findingFacts([{ request: r, match: mustMatch(invokePermissionDenied, r, REST) }], REST));
      expect(steps.some((s) => s.includes('trust policy must allow apigateway.amazonaws.com') && s.includes(`lambda:InvokeFunction on ${functionArn(FN)}`))).toBe(true);
    });

    it('leads with the RemovePermission that preceded the onset', () => {
      const r = requestEvidence({ execution: restDenied() });
      const ctx = classifyContext('REST', {
        changes: [
          {
            time: Date.UTC(2024, 4, 21, 19, 40),
            eventName: 'RemovePermission20150331v2',
            eventSource: 'lambda.amazonaws.com',
            who: `arn:aws:iam::${ACCOUNT_ID}:user/ops`,
            resources: [functionArn(FN)],
            what: `RemovePermission20150331v2 on ${FN}: statement apigateway-invoke`,
            file: 'changes/cloudtrail.json',
          },
        ],
      });
      const steps = invokePermissionDenied.remediate(findingFacts([{ request: r, match: mustMatch(invokePermissionDenied, r, ctx) }], ctx));
      expect(steps[0]).toContain('RemovePermission20150331v2');
    });
  });
});
