import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { ExecutionLogLine } from '../model/records.ts';
import {
  classifyExecutionFailure,
  extractExecutionFacts,
  integrationTargetFromUri,
  lambdaTargetFromUri,
} from './executionLogFacts.ts';

/** One request's lines, one millisecond apart unless a line gives its own time. */
function request(requestId: string, texts: Array<string | [number, string]>, logGroup?: string): ExecutionLogLine[] {
  return texts.map((entry, index) => {
    const [timestamp, text] = typeof entry === 'string' ? [1_700_000_000_000 + index, entry] : entry;
    const line: ExecutionLogLine = { requestId, timestamp, text, file: 'logs/exec.json' };
    if (logGroup !== undefined) line.logGroup = logGroup;
    return line;
  });
}

describe('extractExecutionFacts: Lambda integrations', () => {
  it('a function that ran past its own timeout (proxy integration)', () => {
    // Public fixture of an execution-log parser: "parsing log events where the lambda timed out",
    // API-Gateway-Execution-Logs_uwe3g5jm54/Prod, 2019-02-27 (headers shortened, texts otherwise as logged).
    const facts = extractExecutionFacts(
      request(
        '286364ab-3a83-11e9-8dc8-db3cf4c83204',
        [
          [1551267060425, 'Extended Request Id: Vwc2MGFUrPEFV_g='],
          [1551267060425, 'Verifying Usage Plan for request: 286364ab-3a83-11e9-8dc8-db3cf4c83204. API Key: API Stage: uwe3g5jm54/Prod'],
          [1551267060428, "API Key authorized because method 'GET /echo' does not require API Key. Request will not contribute to throttle or quota limits"],
          [1551267060428, 'Usage Plan check succeeded for API Key and API Stage uwe3g5jm54/Prod'],
          [1551267060429, 'Starting execution for request: 286364ab-3a83-11e9-8dc8-db3cf4c83204'],
          [1551267060429, 'HTTP Method: GET, Resource Path: /echo'],
          [1551267060429, 'Method request path: {}'],
          [1551267060429, 'Method request query string: {}'],
          [1551267060429, 'Method request headers: {Accept=application/json, CloudFront-Viewer-Country=GB, User-Agent=Paw/3.1.8 (Macintosh; OS X/10.14.0) GCDHTTPRequest, Host=uwe3g5jm54.execute-api.eu-west-2.amazonaws.com, X-Forwarded-Port=443, X-Amzn-Trace-Id=Root=1-5c7674f4-a3491d0a9c8012c191821b83, X-Forwarded-For=62.254.81.74, 52.46.38.85}'],
          [1551267060429, 'Method request body before transformations: '],
          [1551267060429, 'Endpoint request URI: https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-2:958845080241:function:log-test-1-EchoFunction-175HKORAF18IO/invocations'],
          [1551267060429, 'Endpoint request headers: {x-amzn-lambda-integration-tag=286364ab-3a83-11e9-8dc8-db3cf4c83204, Authorization=****37c4d7, X-Amz-Date=20190227T113100Z, x-amzn-apigateway-api-id=uwe3g5jm54, X-Amz-Source-Arn=arn:aws:execute-api:eu-west-2:958845080241:uwe3g5jm54/Prod/GET/echo, Accept=application/json, User-Agent=AmazonAPIGateway_uwe3g5jm54, X-Amz-Security-Token=FQoGZXIvYXdz [TRUNCATED]'],
          [1551267060429, 'Endpoint request body after transformations: {"resource":"/echo","path":"/echo","httpMethod":"GET","headers":{"Accept":"application/json","X-Amzn-Trace-Id":"Root=1-5c7674f4-a3491d0a9c8012c191821b83"},"multiValueHeaders":{"Accept":["application/json"],"CloudFront-Is-Tablet-V [TRUNCATED]'],
          [1551267060429, 'Sending request to https://lambda.eu-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-2:958845080241:function:log-test-1-EchoFunction-175HKORAF18IO/invocations'],
          [1551267071458, 'Received response. Integration latency: 11029 ms'],
          [1551267071458, 'Endpoint response body before transformations: {"errorMessage":"2019-02-27T11:31:11.456Z 71952965-d5cc-4974-ae08-6e2138b2275c Task timed out after 10.00 seconds"}'],
          [1551267071458, 'Endpoint response headers: {Date=Wed, 27 Feb 2019 11:31:11 GMT, Content-Type=application/json, Content-Length=115, Connection=keep-alive, x-amzn-RequestId=71952965-d5cc-4974-ae08-6e2138b2275c, X-Amz-Function-Error=Unhandled, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=1-5c7674f4-a3491d0a9c8012c191821b83;sampled=1}'],
          [1551267071458, 'Lambda execution failed with status 200 due to customer function error: 2019-02-27T11:31:11.456Z 71952965-d5cc-4974-ae08-6e2138b2275c Task timed out after 10.00 seconds. Lambda request id: 71952965-d5cc-4974-ae08-6e2138b2275c'],
          [1551267071458, 'Method completed with status: 502'],
          [1551267071458, 'AWS Integration Endpoint RequestId : 71952965-d5cc-4974-ae08-6e2138b2275c'],
          [1551267071458, 'X-ray Tracing ID : 1-5c7674f4-a3491d0a9c8012c191821b83'],
        ],
        'API-Gateway-Execution-Logs_uwe3g5jm54/Prod',
      ),
    );
    expect(facts).toMatchObject({
      requestId: '286364ab-3a83-11e9-8dc8-db3cf4c83204',
      apiId: 'uwe3g5jm54',
      stage: 'Prod',
      extendedRequestId: 'Vwc2MGFUrPEFV_g=',
      httpMethod: 'GET',
      resourcePath: '/echo',
      path: '/echo',
      status: 502,
      completed: true,
      succeeded: false,
      integrationKind: 'lambda',
      functionArn: 'arn:aws:lambda:eu-west-2:958845080241:function:log-test-1-EchoFunction-175HKORAF18IO',
      functionName: 'log-test-1-EchoFunction-175HKORAF18IO',
      functionRegion: 'eu-west-2',
      functionAccountId: '958845080241',
      lambdaRequestId: '71952965-d5cc-4974-ae08-6e2138b2275c',
      integrationRequestId: '71952965-d5cc-4974-ae08-6e2138b2275c',
      functionErrorHeader: 'Unhandled',
      functionErrorMessage: '2019-02-27T11:31:11.456Z 71952965-d5cc-4974-ae08-6e2138b2275c Task timed out after 10.00 seconds',
      traceId: '1-5c7674f4-a3491d0a9c8012c191821b83',
      integrationLatencyMs: 11029,
      timedOut: false,
      firstTimestamp: 1551267060425,
      lastTimestamp: 1551267071458,
      lineCount: 21,
    });
    expect(facts.qualifier).toBeUndefined();
    expect(facts.integrationStatus).toBeUndefined();
    expect(facts.failures).toEqual([
      {
        kind: 'lambda-function-error',
        phase: 'integration',
        status: 200,
        lambdaRequestId: '71952965-d5cc-4974-ae08-6e2138b2275c',
        timestamp: 1551267071458,
        text: 'Lambda execution failed with status 200 due to customer function error: 2019-02-27T11:31:11.456Z 71952965-d5cc-4974-ae08-6e2138b2275c Task timed out after 10.00 seconds. Lambda request id: 71952965-d5cc-4974-ae08-6e2138b2275c',
      },
    ]);
    expect(facts.authorizer).toBeUndefined();
  });

  it('API Gateway stopped waiting (29 s)', () => {
    // 2025 write-up of REST API failure modes, "504 Endpoint request timed out"
    const facts = extractExecutionFacts(
      request('fbcaf9e5-d535-40a1-891c-7b70118cf7e8', ['Execution failed due to a timeout error', 'Method completed with status: 504']),
    );
    expect(facts.timedOut).toBe(true);
    expect(facts.status).toBe(504);
    expect(facts.failures.map((failure) => failure.kind)).toEqual(['timeout']);
  });

  it('lines given out of order are read in time order', () => {
    // A 2018 note on reserved concurrency 1: the first request timed out
    const lines = request('8a699106-8d59-11e8-905d-b3747276ed60', [
      'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:lambda-ngrok-dev-hello/invocations',
      'Execution failed due to a timeout error',
      'Method completed with status: 504',
    ]).reverse();
    const facts = extractExecutionFacts(lines);
    expect(facts.functionName).toBe('lambda-ngrok-dev-hello');
    expect(facts.endpointUri).toContain('lambda-ngrok-dev-hello');
    expect(facts.timedOut).toBe(true);
    expect(facts.firstTimestamp).toBeLessThan(facts.lastTimestamp ?? 0);
  });

  it('a proxy response that is not {statusCode, headers, body}', () => {
    // Blog post (2021) on serverless-offline vs AWS; console test output re-prefixed with the request id
    const facts = extractExecutionFacts(
      request('8212e5af-c174-48ce-85d5-729d73c6771a', [
        'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:525422853402:function:local-aws-testing-dev-hello/invocations',
        'Received response. Status: 200, Integration latency: 20 ms',
        'Endpoint response headers: {Date=Thu, 01 Apr 2021 21:58:32 GMT, Content-Type=application/json, Content-Length=13, Connection=keep-alive, x-amzn-RequestId=035eb943-58c9-451e-aa94-7fc3a11fb91f, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=1-60664208-52c510e19934133a3c7f7dcc;sampled=0}',
        'Endpoint response body before transformations: "hello world"',
        'Execution failed due to configuration error: Malformed Lambda proxy response',
        'Method completed with status: 502',
      ]),
    );
    expect(facts).toMatchObject({
      integrationKind: 'lambda',
      functionName: 'local-aws-testing-dev-hello',
      integrationStatus: 200,
      integrationLatencyMs: 20,
      lambdaRequestId: '035eb943-58c9-451e-aa94-7fc3a11fb91f',
      traceId: '1-60664208-52c510e19934133a3c7f7dcc',
      endpointResponseBody: '"hello world"',
      status: 502,
    });
    expect(facts.functionErrorHeader).toBeUndefined();
    expect(facts.failures.map((failure) => failure.kind)).toEqual(['malformed-proxy-response']);
  });

  it('a proxy response with a 5xx statusCode the function returned itself', () => {
    // Same public parser fixture as above ("parses log data with multiple requests"), request 5cb7ee58
    const facts = extractExecutionFacts(
      request('5cb7ee58-39e6-11e9-be7e-29aff96747f2', [
        'Received response. Integration latency: 111 ms',
        'Endpoint response body before transformations: {"statusCode":500,"body":{"message":"Request failed with status code 502"}}',
        'Endpoint response headers: {Date=Tue, 26 Feb 2019 16:48:37 GMT, Content-Type=application/json, Content-Length=745, Connection=keep-alive, x-amzn-RequestId=15aba189-6719-4153-b214-46824db50ffa, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=1-5c756de5-f69ee0aea16ccb26b0eb5c51;sampled=1}',
        'Execution failed due to configuration error: Malformed Lambda proxy response',
        'Method completed with status: 502',
      ]),
    );
    expect(facts.proxyStatusCode).toBe(500);
    expect(facts.integrationRequestId).toBe('15aba189-6719-4153-b214-46824db50ffa');
  });

  it('Lambda throttled the invocation (429, Rate Exceeded)', () => {
    // 2025 write-up of REST API failure modes, "Lambda function is throttling"
    const facts = extractExecutionFacts(
      request('394365dc-1b10-411f-9668-70521cec1205', [
        'Lambda invocation failed with status: 429. Lambda request id: dcb2ab89-2d03-4b77-98cd-18d14fd2b850',
        'Execution failed due to configuration error: Rate Exceeded.',
        'Method completed with status: 500',
      ]),
    );
    expect(facts.lambdaInvocationStatus).toBe(429);
    expect(facts.lambdaRequestId).toBe('dcb2ab89-2d03-4b77-98cd-18d14fd2b850');
    expect(facts.status).toBe(500);
    expect(facts.failures.map((failure) => [failure.kind, failure.status])).toEqual([
      ['lambda-invocation-failed', 429],
      ['rate-exceeded', undefined],
    ]);
  });

  it('reserved concurrency reached, as logged in 2018 (throttle body, TooManyRequestsException header)', () => {
    const facts = extractExecutionFacts(
      request('a5e3de30-8d59-11e8-b2f5-9339f1c001b0', [
        'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:lambda-ngrok-dev-hello/invocations',
        'Received response. Integration latency: 5 ms',
        'Endpoint response body before transformations:\n{\n    "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded",\n    "Type": "User",\n    "message": "Rate Exceeded."\n}',
        'Endpoint response headers: {Connection=keep-alive, x-amzn-RequestId=a5e453c2-8d59-11e8-bf58-f5dde8cf91a3, x-amzn-ErrorType=TooManyRequestsException, Content-Length=104, Date=Sun, 22 Jul 2018 02:48:00 GMT, Content-Type=application/json}',
        'Execution failed due to configuration error: Malformed Lambda proxy response',
        'Method completed with status: 502',
      ]),
    );
    expect(facts.endpointErrorType).toBe('TooManyRequestsException');
    expect(facts.endpointResponseError).toEqual({
      type: 'User',
      message: 'Rate Exceeded.',
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
    expect(facts.failures.map((failure) => failure.kind)).toEqual(['malformed-proxy-response']);
  });

  it('API Gateway may not invoke the function', () => {
    // 2025 write-up, "Resource base policy doesn't allow API Gateway api to invoke your function"
    const facts = extractExecutionFacts(
      request('73737819-c94c-48d7-86d7-b1700e4be29b', [
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        'Method completed with status: 500',
      ]),
    );
    expect(facts.failures).toMatchObject([{ kind: 'invalid-permissions', phase: 'integration' }]);
  });

  it('a handled error of a non-proxy Lambda integration (X-Amz-Function-Error=Handled)', () => {
    // rotemtam/serverless-aws-logs-parser tests/mocks: "api_gateway_error_request" (2016), lines re-prefixed
    const facts = extractExecutionFacts(
      request('9537d573-87c5-11e6-b3e4-6f23bc206746', [
        'Starting execution for request: 9537d573-87c5-11e6-b3e4-6f23bc206746',
        'HTTP Method: POST, Resource Path: /repos/hello',
        'Method request path: {id=hello}',
        'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:SampleProject_getRepositories/invocations',
        'Endpoint response body before transformations: {"errorMessage":"Error: Request failed with status code 422"}',
        'Endpoint response headers: {x-amzn-Remapped-Content-Length=0, x-amzn-RequestId=953898c1-87c5-11e6-8bfd-9d908893e99b, Connection=keep-alive, Content-Length=61, X-Amz-Function-Error=Handled, Date=Sat, 01 Oct 2016 10:55:36 GMT, Content-Type=application/json}',
        'Method response body after transformations: {"errorMessage":"Error: Request failed with status code 422"}',
        'Method response headers: {Content-Type=application/json}',
        'Successfully completed execution',
        'Method completed with status: 400',
      ]),
    );
    expect(facts).toMatchObject({
      httpMethod: 'POST',
      resourcePath: '/repos/hello',
      pathParameters: { id: 'hello' },
      functionErrorHeader: 'Handled',
      functionErrorMessage: 'Error: Request failed with status code 422',
      lambdaRequestId: '953898c1-87c5-11e6-8bfd-9d908893e99b',
      methodResponseBody: '{"errorMessage":"Error: Request failed with status code 422"}',
      succeeded: true,
      status: 400,
    });
    expect(facts.failures).toEqual([]);
  });

  it('stage variables in the invocation URI, resolved to nothing or left unresolved', () => {
    // aws-apigateway-importer#119 and serverless/serverless#344 show both ARN shapes
    const unresolved = extractExecutionFacts(
      request('e1f0c6a2-1111-4b5c-9d3e-2f4a5b6c7d8e', [
        'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:101010101010:function:austen4-UsersImages:${stageVariables.functionAlias}/invocations',
      ]),
    );
    expect(unresolved.functionName).toBe('austen4-UsersImages');
    expect(unresolved.qualifier).toBe('${stageVariables.functionAlias}');
    expect(unresolved.stageVariablesReferenced).toEqual(['functionAlias']);

    const empty = extractExecutionFacts(
      request('e1f0c6a2-2222-4b5c-9d3e-2f4a5b6c7d8e', [
        'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:190406971514:function:staticCharts-StaticIntraday:/invocations',
      ]),
    );
    expect(empty.functionName).toBe('staticCharts-StaticIntraday');
    expect(empty.qualifier).toBeUndefined();
    expect(empty.functionQualifierEmpty).toBe(true);
  });
});

describe('extractExecutionFacts: authorizers', () => {
  it('keeps the authorizer run apart from the integration', () => {
    // rotemtam/serverless-aws-logs-parser tests/mocks: "api_gateway_successful_request" (2017), shortened
    const facts = extractExecutionFacts(
      request('cf101403-4a17-11e7-935f-35dfc4618b7d', [
        'Starting authorizer: elkw5b for request: cf101403-4a17-11e7-935f-35dfc4618b7d',
        'Incoming identity: ****I1BUdE',
        'Endpoint request URI: https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-west-2:919586034543:function:ExtensionGatewayAuthorizer/invocations',
        'Endpoint request headers: {x-amzn-lambda-integration-tag=cf101403-4a17-11e7-935f-35dfc4618b7d, X-Amz-Source-Arn=arn:aws:execute-api:us-west-2:919586034543:oo8kadh853/authorizers/elkw5b}',
        'Endpoint request body after transformations: {"type":"TOKEN","authorizationToken":"24u62kim5mn0slhwigdt7v4ybkwef5 eyJ","methodArn":"arn:aws:execute-api:us-west-2:919586034543:oo8kadh853/Test/GET/user_info"}',
        'Authorizer result body before parsing: {"policyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Resource": ["arn:aws:execute-api:us-west-2:919586034543:oo8kadh853/Test/*/*"], "Effect": "Allow"}]}, "principalId": "UkoTIwQiZZsx03SlU9t_y"}',
        'Using valid authorizer policy for principal: ****bkwef5',
        'Successfully completed authorizer execution',
        'Verifying Usage Plan for request: cf101403-4a17-11e7-935f-35dfc4618b7d. API Key:  API Stage: oo8kadh853/Test',
        "API Key  authorized because method 'ANY /{resource+}' does not require API Key. Request will not contribute to throttle or quota limits",
        'Usage Plan check succeeded for API Key  and API Stage oo8kadh853/Test',
        'Starting execution for request: cf101403-4a17-11e7-935f-35dfc4618b7d',
        'HTTP Method: GET, Resource Path: /user_info',
        'Method request path: {resource=user_info}',
        'Method request headers: {Accept=*/*, Host=ext.muxy.io, X-Forwarded-Port=443, X-Amzn-Trace-Id=Root=1-59359a79-0d29389d32bb11c4196221e9, Via=2.0 4959f7132ae6b3fce773418bff3f76bd.cloudfront.net (CloudFront)}',
        'Endpoint request URI: https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-west-2:919586034543:function:extension_state/invocations',
        'Endpoint request body after transformations: {"resource":"/{resource+}","path":"/user_info","httpMethod":"GET","headers":{"Accept":"*/*"} [TRUNCATED]',
        'Endpoint response body before transformations: {"body": "{\\"ip_address\\": \\"89.64.28.236\\"}", "headers": {"Access-Control-Allow-Origin": "*"}, "statusCode": 200}',
        'Endpoint response headers: {x-amzn-Remapped-Content-Length=0, x-amzn-RequestId=cf154484-4a17-11e7-aa36-15f3676da0c2, Connection=keep-alive, Content-Length=183, Date=Mon, 05 Jun 2017 17:52:57 GMT, X-Amzn-Trace-Id=root=1-59359a79-3f2c1fd185751bfd75aaa3b7;sampled=0, Content-Type=application/json}',
        'Method response body after transformations: {"ip_address": "89.64.28.236"}',
        'Successfully completed execution',
        'Method completed with status: 200',
      ]),
    );
    expect(facts.authorizer).toMatchObject({
      authorizerId: 'elkw5b',
      functionName: 'ExtensionGatewayAuthorizer',
      outcome: 'authorized',
    });
    expect(facts.authorizer?.resultBody).toContain('"Effect": "Allow"');
    expect(facts).toMatchObject({
      apiId: 'oo8kadh853',
      stage: 'Test',
      functionName: 'extension_state',
      resourcePath: '/user_info',
      path: '/user_info',
      pathParameters: { resource: 'user_info' },
      lambdaRequestId: 'cf154484-4a17-11e7-aa36-15f3676da0c2',
      // the request's trace, not the one Lambda echoed in 2017
      traceId: '1-59359a79-0d29389d32bb11c4196221e9',
      proxyStatusCode: 200,
      status: 200,
      succeeded: true,
    });
    expect(facts.failures).toEqual([]);
  });

  it('an authorizer the gateway may not invoke (WebSocket API, no "Starting authorizer" line)', () => {
    // Blog post on ApiGatewayV2 authorizer permissions (2020-07-02)
    const facts = extractExecutionFacts(
      request('PDS1PEC4oAMFpyA=', [
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        'Execution failed due to configuration error: Authorizer error',
        'Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
      ]),
    );
    expect(facts.failures.map((failure) => [failure.kind, failure.phase])).toEqual([
      ['invalid-permissions', 'authorizer'],
      ['authorizer-error', 'authorizer'],
    ]);
    expect(facts.gatewayResponseType).toBe('AUTHORIZER_CONFIGURATION_ERROR');
    expect(facts.gatewayResponseStatus).toBe(500);
    expect(facts.authorizer?.outcome).toBe('error');
  });

  it('an authorizer function that cannot start', () => {
    // Notes of a Terraform project (2023-06): console test of the authorizer, lines re-prefixed
    const facts = extractExecutionFacts(
      request('4f0f8a53-0b55-4a57-9d57-0f3e0c2f1d11', [
        'Starting authorizer: 4hugyv for request: 4f0f8a53-0b55-4a57-9d57-0f3e0c2f1d11',
        'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:770646514888:function:Authorize-Registrations-Lambda/invocations',
        'Authorizer result body before parsing: {"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module \'../../scaffold/okta\'\\nRequire stack:\\n- /var/task/modules/authorize_lambda_function/index.js"}',
        'Execution failed due to configuration error: Authorizer error',
        'AuthorizerConfigurationException',
        'Method completed with status: 500',
      ]),
    );
    expect(facts.authorizer).toMatchObject({ authorizerId: '4hugyv', functionName: 'Authorize-Registrations-Lambda', outcome: 'error' });
    expect(facts.authorizer?.resultBody).toContain('Runtime.ImportModuleError');
    expect(facts.endpointUri).toBeUndefined();
    expect(facts.functionName).toBeUndefined();
    expect(facts.failures.map((failure) => [failure.kind, failure.phase])).toEqual([
      ['authorizer-error', 'authorizer'],
      ['authorizer-error', 'authorizer'],
    ]);
  });

  it('an authorizer whose credentials role API Gateway cannot assume', () => {
    // Same notes (2023-06-07)
    const facts = extractExecutionFacts(
      request('0b5d2e55-6b1a-4c1e-8f11-5a1b2c3d4e5f', [
        'Execution failed due to configuration error: API Gateway does not have permission to assume the provided role arn:aws:iam::770646514888:role/lambda_execution_role_Authorize-Registrations-Lambda',
        'Execution failed due to configuration error: Authorizer error',
        'AuthorizerConfigurationException',
      ]),
    );
    expect(facts.failures.map((failure) => failure.kind)).toEqual(['assume-role-denied', 'authorizer-error', 'authorizer-error']);
    expect(facts.failures.every((failure) => failure.phase === 'authorizer')).toBe(true);
  });

  it('an authorizer that said no', () => {
    // AWS knowledge center "How can I use Amazon API Gateway logs for troubleshooting?"
    const facts = extractExecutionFacts(
      request('fd443056-60d0-425f-874e-e93e5d61351e', [
        'Starting authorizer: 62mgrc for request: fd443056-60d0-425f-874e-e93e5d61351e',
        'Unauthorized request: fd443056-60d0-425f-874e-e93e5d61351e',
      ]),
    );
    expect(facts.authorizer).toMatchObject({ authorizerId: '62mgrc', outcome: 'unauthorized' });
    expect(facts.failures).toMatchObject([{ kind: 'unauthorized', phase: 'authorizer' }]);
  });
});

describe('extractExecutionFacts: HTTP, VPC link and AWS service integrations', () => {
  it.each([
    // AWS knowledge center "api-gateway-ssl-certificate-errors" (badssl.com tests)
    ['Execution failed due to configuration error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target', 'tls'],
    ['Execution failed due to configuration error: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed', 'tls'],
    // AWS knowledge center "api-gateway-500-error-vpc"
    ["Execution failed due to configuration error: Host name 'domain.com.com' does not match the certificate subject provided by the peer (CN=myinstance.com)", 'tls'],
    ['Execution failed due to configuration error: There was an internal error while executing your request', 'internal-error'],
    // cloudnamaste.com "API Gateway General SSLEngine error"
    ['Execution failed due to configuration error: General SSLEngine problem', 'tls'],
    // heroween.hateblo.jp (2022): REST API with VPC link
    ['Execution failed due to an vpc link error', 'vpc-link'],
    // Known-case list of a public runbook (pattern "Execution failed due to a network error communicating with endpoint: Connection is closed")
    ['Execution failed due to a network error communicating with endpoint: Connection is closed', 'network'],
    ['Execution failed due to configuration error: Invalid endpoint address', 'invalid-endpoint-address'],
    ['Execution failed due to an internal error', 'internal-error'],
    // Korean ops note (2022-04-23)
    ['Execution failed due to configuration error: Unable to transform request', 'transform-request'],
    ['Execution failed due to configuration error: Unable to transform response', 'transform-response'],
    // AWS knowledge center "api-gateway-internal-server-error"
    ['Execution failed due to configuration error: Output mapping refers to an invalid method response: 2xx/4xx/5xx', 'output-mapping'],
    ['Execution failed due to configuration error: No match for output mapping and no default output mapping specified for Endpoint Response code: 500', 'output-mapping'],
    ['Execution failed due to configuration error: Invalid JSON in response: Unexpected character (\'<\' (code 60))', 'invalid-json'],
    // DataBiosphere/azul#6624: the integration error of throttled invocations
    ['Execution failed due to configuration error: Rate Exceeded.', 'rate-exceeded'],
    ['Execution failed due to configuration error: Lambda was unable to decrypt the environment variables because KMS access was denied', 'configuration-error'],
    // Public parser fixture: usage plan throttling
    ['Key throttle limit exceeded for RestApi uwe3g5jm54, Stage Prod, Resource k0w8mc, HttpMethod POST. Limit: 1.00 Burst: 1', 'api-throttled'],
    ['Endpoint request timed out', 'timeout'],
    ['There was an error evaluating the AWS WAF rules associated with this API', 'waf'],
  ])('classifies %j', (text, kind) => {
    expect(classifyExecutionFailure(text)?.kind).toBe(kind);
  });

  it.each([
    'Method response body after transformations: {"message": "Internal server error"}',
    'Endpoint response body before transformations: {"message":"Endpoint request timed out"}',
    'Successfully completed execution',
    'Method completed with status: 500',
    'Sending request to https://self-signed.badssl.com/',
  ])('does not take %j for a failure', (text) => {
    expect(classifyExecutionFailure(text)).toBeUndefined();
  });

  it('an HTTP backend with a bad certificate', () => {
    const facts = extractExecutionFacts(
      request('6a0b8f3e-9c1d-4e2f-8a3b-4c5d6e7f8091', [
        'Sending request to https://self-signed.badssl.com/',
        'Execution failed due to configuration error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
        'Method completed with status: 500',
      ]),
    );
    expect(facts.integrationKind).toBe('http');
    expect(facts.endpointUri).toBe('https://self-signed.badssl.com/');
    expect(facts.failures.map((failure) => failure.kind)).toEqual(['tls']);
  });

  it('an HTTP backend that answered 503', () => {
    const facts = extractExecutionFacts(
      request('c2f1e0d9-8b7a-4655-9443-3221100ffeed', [
        'Endpoint request URI: http://internal-orders-alb-1234567890.eu-west-1.elb.amazonaws.com/orders/42',
        'Received response. Status: 503, Integration latency: 4 ms',
        'Endpoint response body before transformations: <html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
        'Method completed with status: 503',
      ]),
    );
    expect(facts).toMatchObject({ integrationKind: 'http', integrationStatus: 503, status: 503 });
    expect(facts.failures).toEqual([]);
  });

  it('a DynamoDB integration whose role may not write', () => {
    // Composed from documented pieces: the execution log lines above, the "Endpoint request URI" of a DynamoDB
    // integration (a 2024 ops note: https://dynamodb.us-east-1.amazonaws.com/?Action=GetItem) and DynamoDB's
    // AccessDeniedException body ({"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: ... is not authorized ..."}).
    const facts = extractExecutionFacts(
      request('7e2c9a10-3b4d-4f5e-8a6b-7c8d9e0f1a2b', [
        'Endpoint request URI: https://dynamodb.us-east-1.amazonaws.com/?Action=PutItem',
        'Received response. Status: 400, Integration latency: 6 ms',
        'Endpoint response headers: {Server=Server, Date=Tue, 10 Mar 2026 14:04:37 GMT, Content-Type=application/x-amz-json-1.0, Content-Length=247, Connection=keep-alive, x-amzn-RequestId=RB8L4Q1J6S6S1F0V8M1UQQ0T9BVV4KQNSO5AEMVJF66Q9ASUAAJG, x-amz-crc32=2843371432}',
        'Endpoint response body before transformations: {"__type":"com.amazon.coral.service#AccessDeniedException","Message":"User: arn:aws:sts::123456789012:assumed-role/orders-api-dynamodb/BackplaneAssumeRoleSession is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders"}',
        'Method response body after transformations: {"message":"internal error"}',
        'Method completed with status: 500',
      ]),
    );
    expect(facts).toMatchObject({
      integrationKind: 'aws-service',
      awsService: 'dynamodb',
      awsAction: 'PutItem',
      integrationStatus: 400,
      integrationRequestId: 'RB8L4Q1J6S6S1F0V8M1UQQ0T9BVV4KQNSO5AEMVJF66Q9ASUAAJG',
      endpointResponseError: { type: 'AccessDeniedException' },
    });
    expect(facts.lambdaRequestId).toBeUndefined();
    expect(facts.failures).toHaveLength(1);
    expect(facts.failures[0]?.kind).toBe('aws-service-error');
    expect(facts.failures[0]?.text).toContain('#AccessDeniedException');
  });
});

describe('integrationTargetFromUri and lambdaTargetFromUri', () => {
  it.each([
    ['https://sqs.us-east-1.amazonaws.com/123456789012/orders-queue', { kind: 'aws-service', awsService: 'sqs' }],
    ['https://states.us-east-1.amazonaws.com/?Action=StartExecution', { kind: 'aws-service', awsService: 'states', awsAction: 'StartExecution' }],
    ['https://sync-states.us-east-1.amazonaws.com/?Action=StartSyncExecution', { kind: 'aws-service', awsService: 'states', awsAction: 'StartSyncExecution' }],
    ['https://my-bucket.s3.us-east-1.amazonaws.com/reports/1.json', { kind: 'aws-service', awsService: 's3' }],
    ['https://kinesis.eu-west-1.amazonaws.com/?Action=PutRecord', { kind: 'aws-service', awsService: 'kinesis', awsAction: 'PutRecord' }],
    ['https://events.us-east-1.amazonaws.com/?Action=PutEvents', { kind: 'aws-service', awsService: 'events', awsAction: 'PutEvents' }],
    ['arn:aws:apigateway:us-east-1:dynamodb:action/PutItem', { kind: 'aws-service', awsService: 'dynamodb', awsAction: 'PutItem' }],
    ['arn:aws:apigateway:us-east-1:s3:path/my-bucket/{key}', { kind: 'aws-service', awsService: 's3' }],
    ['http://internal-alb-vpc-99214.ap-south-1.elb.amazonaws.com:8443/checkout', { kind: 'http' }],
    ['http://ec2-54-1-2-3.compute-1.amazonaws.com/orders', { kind: 'http' }],
    ['https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/orders', { kind: 'http' }],
    ['https://self-signed.badssl.com/', { kind: 'http' }],
  ])('%s', (uri, expected) => {
    expect(integrationTargetFromUri(uri)).toEqual(expected);
  });

  it('reads Lambda targets in every ARN shape', () => {
    expect(
      integrationTargetFromUri('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn:live/invocations'),
    ).toEqual({
      kind: 'lambda',
      lambda: {
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders-fn:live',
        functionName: 'orders-fn',
        qualifier: 'live',
        qualifierEmpty: false,
        region: 'us-east-1',
        accountId: '123456789012',
      },
    });
    expect(lambdaTargetFromUri('https://lambda.cn-north-1.amazonaws.com.cn/2015-03-31/functions/arn:aws-cn:lambda:cn-north-1:123456789012:function:fn-cn/invocations')?.functionName).toBe('fn-cn');
    expect(lambdaTargetFromUri('https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aencoded-fn/invocations')?.functionName).toBe('encoded-fn');
    expect(lambdaTargetFromUri('https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}/invocations')?.functionName).toBe('${stageVariables.fn}');
    expect(lambdaTargetFromUri('arn:aws:lambda:us-east-1:123456789012:function:orders-fn:7')?.qualifier).toBe('7');
    expect(lambdaTargetFromUri('https://self-signed.badssl.com/')).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (uri) => {
        void integrationTargetFromUri(uri);
        void lambdaTargetFromUri(uri);
        void lambdaTargetFromUri(`https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/${uri}/invocations`);
      }),
    );
  });
});

describe('extractExecutionFacts: robustness', () => {
  it('no lines gives empty facts', () => {
    expect(extractExecutionFacts([])).toEqual({
      lineCount: 0,
      completed: false,
      succeeded: false,
      stageVariablesReferenced: [],
      timedOut: false,
      failures: [],
    });
  });

  const prefixes = [
    '',
    'Endpoint request URI: ',
    'Sending request to ',
    'Endpoint response headers: ',
    'Endpoint response body before transformations: ',
    'Received response. Status: ',
    'Method completed with status: ',
    'Lambda execution failed with status 200 due to customer function error: ',
    'Lambda invocation failed with status: ',
    'Execution failed due to configuration error: ',
    'Method request path: ',
    'HTTP Method: ',
    'Starting authorizer: ',
    'X-ray Tracing ID : ',
    'Gateway response type: ',
  ];

  it('arbitrary lines never throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ prefix: fc.constantFrom(...prefixes), rest: fc.string(), timestamp: fc.integer() }), { maxLength: 30 }),
        (entries) => {
          const facts = extractExecutionFacts(
            entries.map((entry) => ({ requestId: 'r', timestamp: entry.timestamp, text: entry.prefix + entry.rest, file: 'f' })),
          );
          expect(facts.lineCount).toBe(entries.length);
          for (const failure of facts.failures) expect(typeof failure.text).toBe('string');
        },
      ),
    );
  });

  it('bad entries in the array are skipped', () => {
    const lines = [null, { requestId: 'r', timestamp: 1, text: 'Method completed with status: 502', file: 'f' }, 7] as unknown as ExecutionLogLine[];
    expect(extractExecutionFacts(lines).status).toBe(502);
  });
});
