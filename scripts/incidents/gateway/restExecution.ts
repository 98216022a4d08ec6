/**
 * REST API execution log steps, in the order and wording API Gateway writes them. Sources for the wording:
 * - full INFO sequence with a TOKEN authorizer, usage-plan lines with their double spaces, "Endpoint response headers"
 *   with x-amzn-RequestId: a 2017 CloudWatch execution-log capture kept in a public fixture file (found with the
 *   code index by searching "Authorizer result body before parsing");
 * - "Received response. Status: 200, Integration latency: 20 ms" and the Lambda response header set:
 *   you54f's serverless blog post (2021) and the hydrocron issue podaac/hydrocron#36;
 * - "Execution failed due to a timeout error" / "Method completed with status: 504":
 *   public reproduction notes for k1k7gu3ct7 (2025) and the lambda-ngrok reservedConcurrency notes;
 * - SSL, VPC-link and configuration errors: AWS knowledge-center articles api-gateway-ssl-certificate-errors,
 *   api-gateway-500-error-vpc; "Invalid endpoint address" and "network error communicating with endpoint":
 *   the gateway-response table (supported-gateway-response-types.html) and localstack's REST HTTP integration,
 *   which mirrors AWS' texts.
 */
import type { ExecStep, GatewayRequest } from './gatewayRequest.ts';
import { amzDate, httpDate } from './timeFormats.ts';

export interface RestApiShape {
  apiId: string;
  stage: string;
  /** Stage associated with a usage plan: API Gateway writes the three usage-plan lines. */
  usagePlan: boolean;
  /** methodSettings dataTraceEnabled: headers and bodies are logged. */
  dataTrace: boolean;
  tracing: boolean;
}

export class ExecBuilder {
  readonly steps: ExecStep[] = [];
  private clock = 0;

  /** Add a line `gap` ms after the previous one. */
  add(text: string, gap = 0): this {
    this.clock += gap;
    this.steps.push({ at: this.clock, text });
    return this;
  }

  /** Move the clock to an absolute offset (never backwards). */
  jump(at: number): this {
    this.clock = Math.max(this.clock, at);
    return this;
  }

  get now(): number {
    return this.clock;
  }
}

export function methodPathParams(req: GatewayRequest): string {
  const names = [...req.resourcePath.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] ?? '');
  if (names.length === 0) return '{}';
  const template = req.resourcePath.split('/');
  const actual = req.path.split('/');
  const pairs: string[] = [];
  template.forEach((segment, i) => {
    const m = /^\{([^}+]+)(\+?)\}$/.exec(segment);
    if (m) pairs.push(`${m[1]}=${m[2] === '+' ? actual.slice(i).join('/') : actual[i] ?? ''}`);
  });
  return `{${pairs.join(', ')}}`;
}

/** Lines before integration: extended id, optional authorizer, usage plan, method request. */
export function restPreamble(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, authorizer?: (b: ExecBuilder) => boolean): boolean {
  b.add(`Extended Request Id: ${req.extendedRequestId}`);
  if (authorizer && !authorizer(b)) return false;
  if (api.usagePlan) {
    b.add(`Verifying Usage Plan for request: ${req.requestId}. API Key:  API Stage: ${api.apiId}/${api.stage}`, 1);
    b.add(
      `API Key  authorized because method '${req.httpMethod} ${req.resourcePath}' does not require API Key. Request will not contribute to throttle or quota limits`,
      0,
    );
    b.add(`Usage Plan check succeeded for API Key  and API Stage ${api.apiId}/${api.stage}`, 0);
  }
  b.add(`Starting execution for request: ${req.requestId}`, 0);
  b.add(`HTTP Method: ${req.httpMethod}, Resource Path: ${req.path}`, 0);
  b.add(`Method request path: ${methodPathParams(req)}`, 0);
  b.add('Method request query string: {}', 0);
  if (api.dataTrace) {
    b.add(
      `Method request headers: {Accept=application/json, User-Agent=${req.userAgent}, X-Forwarded-For=${req.ip}, Host=${req.domainName}, X-Forwarded-Proto=https, X-Amzn-Trace-Id=Root=${req.traceId ?? ''}}`,
      0,
    );
    b.add(`Method request body before transformations: ${req.httpMethod === 'GET' ? '' : '[TRUNCATED]'}`, 0);
  }
  return true;
}

export function lambdaInvokeUri(region: string, functionArn: string): string {
  return `https://lambda.${region}.amazonaws.com/2015-03-31/functions/${functionArn}/invocations`;
}

/** Endpoint request lines for a Lambda (AWS_PROXY or AWS) integration, up to "Sending request to". */
export function lambdaRequestLines(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, uri: string, body?: string): void {
  b.add(`Endpoint request URI: ${uri}`, 1);
  if (api.dataTrace) {
    b.add(
      `Endpoint request headers: {x-amzn-lambda-integration-tag=${req.requestId}, Authorization=****************************************************************************************a1c4f2, X-Amz-Date=${amzDate(req.start)}, x-amzn-apigateway-api-id=${api.apiId}, X-Amz-Source-Arn=arn:aws:execute-api:us-east-1:123456789012:${api.apiId}/${api.stage}/${req.httpMethod}${req.resourcePath}, Accept=application/json, User-Agent=AmazonAPIGateway_${api.apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEMr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ [TRUNCATED]`,
      0,
    );
    b.add(`Endpoint request body after transformations: ${body ?? `{"resource":"${req.resourcePath}","path":"${req.path}","httpMethod":"${req.httpMethod}","headers":{"Accept":"application/json"} [TRUNCATED]`}`, 0);
  }
  b.add(`Sending request to ${uri}`, 0);
}

export interface LambdaResponse {
  lambdaRequestId: string;
  latency: number;
  contentLength: number;
  traceParent?: string;
  functionError?: 'Unhandled' | 'Handled';
  body?: string;
}

/** "Received response ..." through "Method completed with status" for a Lambda integration that answered. */
export function lambdaResponseLines(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, res: LambdaResponse, methodStatus: number): void {
  b.jump(res.latency + b.now);
  b.add(`Received response. Status: 200, Integration latency: ${res.latency} ms`);
  const trace = req.traceId ? `, X-Amzn-Trace-Id=root=${req.traceId};parent=${res.traceParent ?? '0000000000000000'};sampled=1` : '';
  const fnError = res.functionError ? `, X-Amz-Function-Error=${res.functionError}` : '';
  b.add(
    `Endpoint response headers: {Date=${httpDate(req.start + b.now)}, Content-Type=application/json, Content-Length=${res.contentLength}, Connection=keep-alive, x-amzn-RequestId=${res.lambdaRequestId}${fnError}, x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST${trace}}`,
    0,
  );
  if (api.dataTrace) {
    b.add(`Endpoint response body before transformations: ${res.body ?? '{"statusCode":200,"body":"{}"}'}`, 0);
    b.add(`Method response body after transformations: ${res.body ?? '{}'}`, 0);
  }
  b.add(`Method response headers: {Content-Type=application/json${req.traceId ? `, X-Amzn-Trace-Id=Root=${req.traceId};Parent=${res.traceParent ?? '0000000000000000'};Sampled=1` : ''}}`, 0);
  b.add('Successfully completed execution', 0);
  b.add(`Method completed with status: ${methodStatus}`, 0);
  b.add(`AWS Integration Endpoint RequestId : ${res.lambdaRequestId}`, 0);
  if (api.tracing && req.traceId) b.add(`X-ray Tracing ID : Root=${req.traceId};Parent=${res.traceParent ?? '0000000000000000'};Sampled=1`, 0);
}

/** Endpoint request lines for an HTTP or HTTP_PROXY integration. */
export function httpRequestLines(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, uri: string): void {
  b.add(`Endpoint request URI: ${uri}`, 1);
  if (api.dataTrace) {
    b.add(`Endpoint request headers: {Accept=application/json, User-Agent=${req.userAgent}, X-Forwarded-For=${req.ip}, x-amzn-apigateway-api-id=${api.apiId}, X-Amzn-Trace-Id=Root=${req.traceId ?? ''}}`, 0);
    b.add(`Endpoint request body after transformations: `, 0);
  }
  b.add(`Sending request to ${uri}`, 0);
}

export interface HttpResponse {
  status: number;
  latency: number;
  contentType: string;
  contentLength: number;
  server?: string;
  body?: string;
}

/** An HTTP backend that answered (any status): API Gateway passes the status on for HTTP_PROXY. */
export function httpResponseLines(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, res: HttpResponse): void {
  b.jump(res.latency + b.now);
  b.add(`Received response. Status: ${res.status}, Integration latency: ${res.latency} ms`);
  b.add(
    `Endpoint response headers: {Date=${httpDate(req.start + b.now)}, Content-Type=${res.contentType}, Content-Length=${res.contentLength}, Connection=keep-alive${res.server ? `, Server=${res.server}` : ''}}`,
    0,
  );
  if (api.dataTrace) {
    b.add(`Endpoint response body before transformations: ${res.body ?? ''}`, 0);
    b.add(`Method response body after transformations: ${res.body ?? ''}`, 0);
  }
  b.add(`Method response headers: {Content-Type=${res.contentType}, Date=${httpDate(req.start + b.now)}${req.traceId ? `, X-Amzn-Trace-Id=Root=${req.traceId}` : ''}}`, 0);
  b.add('Successfully completed execution', 0);
  b.add(`Method completed with status: ${res.status}`, 0);
  if (api.tracing && req.traceId) b.add(`X-ray Tracing ID : Root=${req.traceId};Sampled=1`, 0);
}

/** A failure API Gateway itself reports ("Execution failed due to ..."), then the method completion. */
export function failureLines(b: ExecBuilder, req: GatewayRequest, api: RestApiShape, after: number, failure: string, status: number): void {
  b.jump(b.now + after);
  b.add(failure);
  b.add(`Method completed with status: ${status}`, 0);
  if (api.tracing && req.traceId) b.add(`X-ray Tracing ID : Root=${req.traceId};Sampled=1`, 0);
}

/** "(<requestId>) <text>": the message of every execution log event. */
export function execMessage(req: GatewayRequest, text: string): string {
  return `(${req.requestId}) ${text}`;
}
