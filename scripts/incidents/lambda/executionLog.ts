import { base64, hex } from './ids.ts';
import type { ApiRequest, RawLogEvent } from './model.ts';
import type { Rng } from './rng.ts';
import { amzDate, httpDate, requestTime } from './time.ts';

/**
 * REST API execution log lines for one request with a Lambda proxy integration, "(<requestId>) <text>".
 * Line texts and their order are those of real execution logs:
 * - full request flow, timeout and malformed-proxy-response lines: a public test fixture of
 *   API-Gateway-Execution-Logs_uwe3g5jm54/Prod events (GitHub, 2019; search index file 14622791714);
 * - "Received response. Status: 200, Integration latency: N ms" and headers-before-body order: newer logs
 *   (GitHub issue brefphp/bref#534 era and the 2022 AWS re:Post / KC samples);
 * - 429 "Lambda invocation failed with status: 429. Lambda request id: X" / "Execution failed due to configuration
 *   error: Rate Exceeded." and "Invalid permissions on Lambda function" with "Method completed with status: 500":
 *   curl-recorded notes against a REST API (May 2025, search index file 31159485353);
 * - 403/404 invoke failures: https://repost.aws/knowledge-center/api-gateway-lambda-template-invoke-error
 *   ("Received response. Status: 403 ...", "Lambda invocation failed with status: 403. Lambda request id: ...").
 */

export interface ExecutionLogOptions {
  dataTrace: boolean;
  /** 'status': "Received response. Status: 200, Integration latency: N ms"; 'legacy': "Received response. Integration latency: N ms". */
  receivedStyle?: 'status' | 'legacy';
  tracing: boolean;
  logGroup: string;
  logStream: string;
  stageVariables?: Record<string, string>;
}

const TRUNCATE_AT = 1024;

function truncated(text: string): string {
  return text.length > TRUNCATE_AT ? `${text.slice(0, TRUNCATE_AT)} [TRUNCATED]` : text;
}

function braces(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

export function executionLogEvents(rng: Rng, req: ApiRequest, options: ExecutionLogOptions): RawLogEvent[] {
  const lines: [number, string][] = [];
  const t0 = req.time;
  const at = (offset: number, text: string): void => {
    lines.push([t0 + offset, `(${req.requestId}) ${text}`]);
  };
  const { api } = req;
  const host = `${api.id}.execute-api.${api.region}.amazonaws.com`;
  at(0, `Extended Request Id: ${req.extendedRequestId}`);
  at(0, `Verifying Usage Plan for request: ${req.requestId}. API Key:  API Stage: ${api.id}/${api.stage}`);
  at(1, `API Key  authorized because method '${req.httpMethod} ${req.resourcePath}' does not require API Key. Request will not contribute to throttle or quota limits`);
  at(1, `Usage Plan check succeeded for API Key  and API Stage ${api.id}/${api.stage}`);
  at(1, `Starting execution for request: ${req.requestId}`);
  at(1, `HTTP Method: ${req.httpMethod}, Resource Path: ${req.path}`);
  at(1, `Method request path: ${braces(Object.entries(req.pathParameters))}`);
  at(1, `Method request query string: ${braces(Object.entries(req.query))}`);
  const methodHeaders: [string, string][] = [
    ['Accept', 'application/json'],
    ['Host', host],
    ['User-Agent', req.userAgent],
    ['X-Amzn-Trace-Id', `Root=${req.traceId}`],
    ['X-Forwarded-For', req.sourceIp],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
  if (req.body !== undefined) methodHeaders.splice(1, 0, ['Content-Type', 'application/json']);
  if (options.dataTrace) {
    at(1, `Method request headers: ${braces(methodHeaders)}`);
    at(1, `Method request body before transformations: ${req.body ?? ''}`);
  }
  const fnArn = req.functionArn ?? '';
  const endpoint = `https://lambda.${api.region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`;
  at(1, `Endpoint request URI: ${endpoint}`);
  if (options.dataTrace) {
    const endpointHeaders = braces([
      ['x-amzn-lambda-integration-tag', req.requestId],
      ['Authorization', `${'*'.repeat(452)}${hex(rng, 6)}`],
      ['X-Amz-Date', amzDate(t0)],
      ['x-amzn-apigateway-api-id', api.id],
      ['X-Amz-Source-Arn', `arn:aws:execute-api:${api.region}:${api.account}:${api.id}/${api.stage}/${req.httpMethod}${req.resourcePath}`],
      ['Accept', 'application/json'],
      ['User-Agent', `AmazonAPIGateway_${api.id}`],
      ['X-Amz-Security-Token', `IQoJb3JpZ2luX2VjE${base64(rng, 600)}`],
    ]);
    at(1, `Endpoint request headers: ${truncated(endpointHeaders)}`);
    at(2, `Endpoint request body after transformations: ${truncated(proxyEvent(req, methodHeaders, options.stageVariables))}`);
  }
  at(2, `Sending request to ${endpoint}`);

  const integration = req.integration;
  if (integration.kind === 'permission-denied') {
    at(req.responseLatencyMs - 2, 'Execution failed due to configuration error: Invalid permissions on Lambda function');
    at(req.responseLatencyMs - 2, `Method completed with status: ${req.status}`);
    if (options.tracing) at(req.responseLatencyMs - 2, `X-ray Tracing ID : ${req.traceId}`);
    return toEvents(lines, options);
  }
  if (integration.kind === 'invoke-rejected') {
    const t = integration.latencyMs;
    at(t, received(options, integration.httpStatus, t));
    if (options.dataTrace) {
      at(t, `Endpoint response headers: ${braces([
        ['Date', httpDate(t0 + t)],
        ['Content-Type', 'application/json'],
        ['Content-Length', String(integration.body.length)],
        ['Connection', 'keep-alive'],
        ['x-amzn-RequestId', integration.lambdaRequestId],
        ['x-amzn-ErrorType', integration.errorType],
      ])}`);
      at(t, `Endpoint response body before transformations: ${integration.body}`);
    }
    at(t, `Lambda invocation failed with status: ${integration.httpStatus}. Lambda request id: ${integration.lambdaRequestId}`);
    at(t, `Execution failed due to configuration error: ${integration.configErrorText}`);
    at(t, `Method completed with status: ${req.status}`);
    if (options.tracing) at(t, `X-ray Tracing ID : ${req.traceId}`);
    return toEvents(lines, options);
  }
  const inv = req.invocation;
  if (integration.kind !== 'invoked' || inv === undefined) return toEvents(lines, options);
  const t = integration.latencyMs;
  at(t, received(options, 200, t));
  const payload = inv.response.payload;
  if (options.dataTrace) {
    const responseHeaders: [string, string][] = [
      ['Date', httpDate(t0 + t)],
      ['Content-Type', 'application/json'],
      ['Content-Length', String(Buffer.byteLength(payload, 'utf8'))],
      ['Connection', 'keep-alive'],
      ['x-amzn-RequestId', inv.requestId],
    ];
    if (inv.response.kind === 'function-error') responseHeaders.push(['X-Amz-Function-Error', 'Unhandled']);
    responseHeaders.push(['x-amzn-Remapped-Content-Length', '0']);
    responseHeaders.push(['X-Amz-Executed-Version', inv.version]);
    if (inv.traceId !== undefined) responseHeaders.push(['X-Amzn-Trace-Id', `root=${inv.traceId};parent=${req.gatewaySegmentId};sampled=1`]);
    at(t, `Endpoint response headers: ${braces(responseHeaders)}`);
    at(t, `Endpoint response body before transformations: ${truncated(payload)}`);
  }
  if (inv.response.kind === 'function-error') {
    at(t, `Lambda execution failed with status 200 due to customer function error: ${inv.response.errorMessage}. Lambda request id: ${inv.requestId}`);
    at(t, `Method completed with status: ${req.status}`);
  } else if (req.status === 502) {
    at(t + 1, 'Execution failed due to configuration error: Malformed Lambda proxy response');
    at(t + 1, `Method completed with status: ${req.status}`);
  } else {
    if (options.dataTrace) {
      const body = JSON.parse(payload) as { body?: string };
      at(t, `Method response body after transformations: ${truncated(body.body ?? '')}`);
      at(t, `Method response headers: ${braces([['Content-Type', 'application/json'], ['X-Amzn-Trace-Id', `Root=${req.traceId};Parent=${req.gatewaySegmentId};Sampled=1`]])}`);
    }
    at(t, 'Successfully completed execution');
    at(t, `Method completed with status: ${req.status}`);
  }
  at(t, `AWS Integration Endpoint RequestId : ${inv.requestId}`);
  if (options.tracing) at(t, `X-ray Tracing ID : ${req.traceId}`);
  return toEvents(lines, options);
}

function received(options: ExecutionLogOptions, status: number, latency: number): string {
  return options.receivedStyle === 'legacy'
    ? `Received response. Integration latency: ${latency} ms`
    : `Received response. Status: ${status}, Integration latency: ${latency} ms`;
}

function toEvents(lines: [number, string][], options: ExecutionLogOptions): RawLogEvent[] {
  return lines.map(([timestamp, message]) => ({ timestamp, message, logGroup: options.logGroup, logStream: options.logStream }));
}

/** The Lambda proxy (payload 1.0) event API Gateway sends, as printed in "Endpoint request body after transformations". */
function proxyEvent(req: ApiRequest, headers: [string, string][], stageVariables: Record<string, string> | undefined): string {
  const headerMap = Object.fromEntries(headers);
  const multi = Object.fromEntries(headers.map(([k, v]) => [k, [v]]));
  return JSON.stringify({
    resource: req.resourcePath,
    path: req.path,
    httpMethod: req.httpMethod,
    headers: headerMap,
    multiValueHeaders: multi,
    queryStringParameters: Object.keys(req.query).length > 0 ? req.query : null,
    multiValueQueryStringParameters: null,
    pathParameters: Object.keys(req.pathParameters).length > 0 ? req.pathParameters : null,
    stageVariables: stageVariables ?? null,
    requestContext: {
      resourceId: 'x1y2z3',
      resourcePath: req.resourcePath,
      httpMethod: req.httpMethod,
      extendedRequestId: req.extendedRequestId,
      requestTime: requestTime(req.time),
      requestTimeEpoch: req.time,
      path: `/${req.api.stage}${req.path}`,
      accountId: req.api.account,
      protocol: 'HTTP/1.1',
      stage: req.api.stage,
      requestId: req.requestId,
      apiId: req.api.id,
    },
    body: req.body ?? null,
    isBase64Encoded: false,
  });
}
