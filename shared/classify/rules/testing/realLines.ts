/**
 * Test helper: the ordinary lines around a failure, as API Gateway and Lambda write them. Every shape is
 * copied from the sources catalogued in shared/parsers/API_GATEWAY_LOG_SHAPES.md (§1.1, "Source A": the
 * execution log of `API-Gateway-Execution-Logs_uwe3g5jm54/Prod` in a public parser's test fixture, 2019;
 * "Source B": rotemtam/serverless-aws-logs-parser tests/mocks) and LAMBDA_AND_XRAY_SHAPES.md; only ids,
 * names and numbers are ours. The failure lines themselves are written in each rule's test, with their source.
 */
import { ACCOUNT_ID, API_ID, REGION } from './requestEvidenceBuilder.ts';

export const LAMBDA_REQUEST_ID = '71952965-d5cc-4974-ae08-6e2138b2275c';
export const TRACE_ID = '1-5c7674f4-a3491d0a9c8012c191821b83';

export function functionArn(name: string, qualifier?: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}${qualifier !== undefined ? `:${qualifier}` : ''}`;
}

export function lambdaInvocationUri(arn: string): string {
  return `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/${arn}/invocations`;
}

/** Source A (+ Source C, aws-amplify/amplify-js#11391): a REST request up to the integration call. */
export function restRequestStart(requestId: string, method: string, resourcePath: string): string[] {
  return [
    'Extended Request Id: Vwc2MGFUrPEFV_g=',
    `Verifying Usage Plan for request: ${requestId}. API Key:  API Stage: ${API_ID}/prod`,
    `API Key authorized because method '${method} ${resourcePath}' does not require API Key. Request will not contribute to throttle or quota limits`,
    `Usage Plan check succeeded for API Key  and API Stage ${API_ID}/prod`,
    `Starting execution for request: ${requestId}`,
    `HTTP Method: ${method}, Resource Path: ${resourcePath}`,
    'Method request path: {}',
    'Method request query string: {}',
    'Method request body before transformations: ',
  ];
}

/** Source A: the Lambda proxy call of a REST method, up to (not including) API Gateway's response. */
export function restLambdaCall(arn: string, resourcePath: string, method: string): string[] {
  const uri = lambdaInvocationUri(arn);
  return [
    `Endpoint request URI: ${uri}`,
    `Endpoint request headers: {x-amzn-lambda-integration-tag=c6af9ac6-7b61-11e6-9a41-93e8deadbeef, Authorization=****************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************c2b5de, X-Amz-Date=20240521T194844Z, x-amzn-apigateway-api-id=${API_ID}, X-Amz-Source-Arn=arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${API_ID}/prod/${method}${resourcePath}, Accept=application/json, User-Agent=AmazonAPIGateway_${API_ID}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJP//////////wEaCXVzLWVhc3QtMSJGMEQCIB [TRUNCATED]`,
    `Endpoint request body after transformations: {"resource":"${resourcePath}","path":"${resourcePath}","httpMethod":"${method}","headers":{"Accept":"*/*"},"multiValueHeaders":{"Accept":["*/*"]},"queryStringParameters":null, [TRUNCATED]`,
    `Sending request to ${uri}`,
  ];
}

/** Source A: Lambda answered the invoke (status 200 even when the function failed) with these headers and body. */
export function restLambdaResponse(opts: { latencyMs: number; body: string; functionError?: 'Unhandled' | 'Handled'; lambdaRequestId?: string }): string[] {
  const id = opts.lambdaRequestId ?? LAMBDA_REQUEST_ID;
  const fe = opts.functionError ? `, X-Amz-Function-Error=${opts.functionError}` : '';
  return [
    `Received response. Status: 200, Integration latency: ${opts.latencyMs} ms`,
    `Endpoint response headers: {Date=Tue, 21 May 2024 19:48:47 GMT, Content-Type=application/json, Content-Length=115, Connection=keep-alive, x-amzn-RequestId=${id}${fe}, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${TRACE_ID};sampled=1}`,
    `Endpoint response body before transformations: ${opts.body}`,
  ];
}

/** Source A: the HTTP backend call of a REST method (http / http_proxy integration). */
export function restHttpCall(url: string): string[] {
  return [
    `Endpoint request URI: ${url}`,
    `Endpoint request headers: {x-amzn-apigateway-api-id=${API_ID}, Accept=application/json, User-Agent=AmazonAPIGateway_${API_ID}, X-Amzn-Trace-Id=Root=${TRACE_ID}}`,
    'Endpoint request body after transformations: ',
    `Sending request to ${url}`,
  ];
}

/** Lambda's own platform lines (LAMBDA_AND_XRAY_SHAPES.md §1: alexa-samples/skill-sample-nodejs-smarthome-switch#18, apex/up#663). */
export function start(id = LAMBDA_REQUEST_ID): string {
  return `START RequestId: ${id} Version: $LATEST`;
}
export function end(id = LAMBDA_REQUEST_ID): string {
  return `END RequestId: ${id}`;
}
export function report(opts: { id?: string; durationMs: number; memoryMb?: number; usedMb?: number; tail?: string }): string {
  const id = opts.id ?? LAMBDA_REQUEST_ID;
  const mem = opts.memoryMb ?? 128;
  const billed = Math.ceil(opts.durationMs);
  return `REPORT RequestId: ${id}\tDuration: ${opts.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${mem} MB\tMax Memory Used: ${opts.usedMb ?? 71} MB\t${opts.tail ?? ''}`;
}

/**
 * `aws xray batch-get-traces` output for one request: the API Gateway stage segment with its Lambda subsegment,
 * the AWS::Lambda and AWS::Lambda::Function segments, and the given subsegments of the function's Invocation.
 * Field names and nesting follow the segment-document reference and awslabs/aws-iatk's segment tests
 * (LAMBDA_AND_XRAY_SHAPES.md §4); a failing document is constructed, as no real one was found published.
 */
export function batchGetTraces(opts: { apiRequestId: string; functionName: string; lambdaRequestId?: string; calls: Record<string, unknown>[]; traceId?: string }): unknown {
  const traceId = opts.traceId ?? TRACE_ID;
  const arn = functionArn(opts.functionName);
  const t0 = 1716320924.1;
  const documents = [
    {
      id: '5b714d1d5495834c',
      name: `${API_ID}/prod`,
      trace_id: traceId,
      start_time: t0,
      end_time: t0 + 0.09,
      origin: 'AWS::ApiGateway::Stage',
      fault: true,
      http: { request: { url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com/prod/orders`, method: 'GET' }, response: { status: 502, content_length: 0 } },
      aws: { api_gateway: { account_id: ACCOUNT_ID, rest_api_id: API_ID, stage: 'prod', request_id: opts.apiRequestId } },
      subsegments: [
        {
          id: '59c0ea1310eda164',
          name: 'Lambda',
          start_time: t0 + 0.002,
          end_time: t0 + 0.088,
          namespace: 'aws',
          http: { request: { url: lambdaInvocationUri(arn), method: 'POST' }, response: { status: 200 } },
          aws: { function_name: opts.functionName, region: REGION, operation: 'Invoke', resource_names: [opts.functionName] },
        },
      ],
    },
    {
      id: 'e5174ea4aee0978c',
      name: opts.functionName,
      trace_id: traceId,
      parent_id: '59c0ea1310eda164',
      start_time: t0 + 0.01,
      end_time: t0 + 0.08,
      origin: 'AWS::Lambda',
      resource_arn: arn,
      http: { response: { status: 200 } },
      aws: { request_id: opts.lambdaRequestId ?? LAMBDA_REQUEST_ID },
    },
    {
      id: '8521d3986d6de9a0',
      name: opts.functionName,
      trace_id: traceId,
      parent_id: 'e5174ea4aee0978c',
      start_time: t0 + 0.012,
      end_time: t0 + 0.079,
      origin: 'AWS::Lambda::Function',
      aws: { account_id: ACCOUNT_ID, function_arn: arn, resource_names: [opts.functionName] },
      subsegments: [{ id: 'e4f60fbd3fdb3d6f', name: 'Invocation', start_time: t0 + 0.012, end_time: t0 + 0.078, subsegments: opts.calls }],
    },
  ];
  return { Traces: [{ Id: traceId, Duration: 0.09, LimitExceeded: false, Segments: documents.map((d) => ({ Id: d.id, Document: JSON.stringify(d) })) }], UnprocessedTraceIds: [] };
}
