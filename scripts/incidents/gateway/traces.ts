/**
 * X-Ray documents: `aws xray batch-get-traces` ({"Traces":[{Id, Duration, Segments:[{Id, Document}]}]}) with
 * API Gateway stage segments (origin AWS::ApiGateway::Stage, aws.api_gateway.request_id) and their integration
 * subsegments, and `aws xray get-trace-summaries`.
 * Segment fields follow the X-Ray segment document reference
 * (https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html).
 */
import { ACCOUNT_ID, REGION } from './logFiles.ts';
import type { Random } from './random.ts';

export interface TraceSpec {
  traceId: string;
  apiType: 'REST' | 'HTTP';
  apiId: string;
  stage: string;
  apiName: string;
  apiGatewayRequestId: string;
  start: number;
  end: number;
  method: string;
  url: string;
  resourcePath: string;
  status: number;
  clientIp: string;
  /** The integration call as a subsegment. */
  integration?: {
    kind: 'lambda' | 'http' | 'aws';
    name: string;
    start: number;
    end: number;
    url: string;
    status?: number;
    fault?: boolean;
    error?: boolean;
    cause?: { message: string; type: string };
    functionName?: string;
    operation?: string;
    awsRequestId?: string;
  };
  /** A Lambda function segment (origin AWS::Lambda::Function), when the function ran. */
  lambdaFunction?: { name: string; start: number; end: number; requestId: string; fault?: boolean; error?: boolean; cause?: { message: string; type: string } };
}

const secs = (ms: number): number => Math.round(ms) / 1000;

export function traceDocuments(spec: TraceSpec, rng: Random): { Id: string; Document: string }[] {
  const segmentIdValue = rng.hex(16);
  const fault = spec.status >= 500;
  const error = spec.status >= 400 && spec.status < 500;
  const subsegments: unknown[] = [];
  const integ = spec.integration;
  if (integ) {
    const sub: Record<string, unknown> = {
      id: rng.hex(16),
      name: integ.name,
      start_time: secs(integ.start),
      end_time: secs(integ.end),
      http: { request: { url: integ.url, method: integ.kind === 'lambda' ? 'POST' : spec.method }, ...(integ.status ? { response: { status: integ.status } } : {}) },
      namespace: integ.kind === 'http' ? 'remote' : 'aws',
    };
    if (integ.kind !== 'http') {
      sub['aws'] = {
        ...(integ.functionName ? { function_name: integ.functionName } : {}),
        region: REGION,
        operation: integ.operation ?? 'Invoke',
        ...(integ.awsRequestId ? { request_id: integ.awsRequestId } : {}),
        resource_names: [integ.functionName ?? integ.name],
      };
    }
    if (integ.fault) sub['fault'] = true;
    if (integ.error) sub['error'] = true;
    if (integ.cause) {
      sub['cause'] = { working_directory: '', paths: [], exceptions: [{ id: rng.hex(16), message: integ.cause.message, type: integ.cause.type, remote: true }] };
    }
    subsegments.push(sub);
  }
  const stageArn = spec.apiType === 'REST'
    ? `arn:aws:apigateway:${REGION}::/restapis/${spec.apiId}/stages/${spec.stage}`
    : `arn:aws:apigateway:${REGION}::/apis/${spec.apiId}/stages/${spec.stage}`;
  const apigw: Record<string, unknown> = {
    id: segmentIdValue,
    name: spec.apiType === 'REST' ? `${spec.apiName}/${spec.stage}` : `${spec.apiId}/${spec.stage}`,
    start_time: secs(spec.start),
    trace_id: spec.traceId,
    end_time: secs(spec.end),
    http: {
      request: { url: spec.url, method: spec.method, user_agent: 'okhttp/4.12.0', client_ip: spec.clientIp, x_forwarded_for: true },
      response: { status: spec.status, content_length: 0 },
    },
    aws: { api_gateway: { account_id: ACCOUNT_ID, rest_api_id: spec.apiId, stage: spec.stage, request_id: spec.apiGatewayRequestId } },
    annotations: { 'aws:api_id': spec.apiId, 'aws:api_stage': spec.stage },
    metadata: { default: { extended_request_id: rng.hex(8), request_id: spec.apiGatewayRequestId, http_method: spec.method, stage: spec.stage, resource_path: spec.resourcePath } },
    origin: 'AWS::ApiGateway::Stage',
    resource_arn: stageArn,
    ...(fault ? { fault: true } : {}),
    ...(error ? { error: true } : {}),
    subsegments,
  };
  const docs = [{ Id: segmentIdValue, Document: JSON.stringify(apigw) }];
  const fn = spec.lambdaFunction;
  if (fn) {
    const serviceId = rng.hex(16);
    const service = {
      id: serviceId,
      name: fn.name,
      start_time: secs(fn.start - 3),
      trace_id: spec.traceId,
      end_time: secs(fn.end + 2),
      parent_id: (subsegments[0] as { id?: string } | undefined)?.id,
      http: { response: { status: 200 } },
      aws: { request_id: fn.requestId },
      origin: 'AWS::Lambda',
      resource_arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${fn.name}`,
    };
    const fnSeg: Record<string, unknown> = {
      id: rng.hex(16),
      name: fn.name,
      start_time: secs(fn.start),
      trace_id: spec.traceId,
      end_time: secs(fn.end),
      parent_id: serviceId,
      aws: { account_id: ACCOUNT_ID, function_arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${fn.name}`, resource_names: [fn.name] },
      origin: 'AWS::Lambda::Function',
    };
    if (fn.fault) fnSeg['fault'] = true;
    if (fn.error) fnSeg['error'] = true;
    if (fn.cause) fnSeg['cause'] = { working_directory: '/var/task', paths: [], exceptions: [{ id: rng.hex(16), message: fn.cause.message, type: fn.cause.type }] };
    docs.push({ Id: serviceId, Document: JSON.stringify(service) }, { Id: fnSeg['id'] as string, Document: JSON.stringify(fnSeg) });
  }
  return docs;
}

export function batchGetTraces(specs: TraceSpec[], rng: Random): unknown {
  return {
    Traces: specs.map((spec) => ({
      Id: spec.traceId,
      Duration: secs(spec.end - spec.start),
      LimitExceeded: false,
      Segments: traceDocuments(spec, rng),
    })),
    UnprocessedTraceIds: [],
  };
}

export function traceSummaries(specs: TraceSpec[], rootCause: (spec: TraceSpec) => unknown[]): unknown {
  return {
    TraceSummaries: specs.map((spec) => ({
      Id: spec.traceId,
      StartTime: secs(spec.start),
      Duration: secs(spec.end - spec.start),
      ResponseTime: secs(spec.end - spec.start),
      HasFault: spec.status >= 500,
      HasError: spec.status >= 400 && spec.status < 500,
      HasThrottle: spec.status === 429,
      IsPartial: false,
      Http: { HttpURL: spec.url, HttpStatus: spec.status, HttpMethod: spec.method, ClientIp: spec.clientIp },
      Annotations: {},
      Users: [],
      ServiceIds: [{ Name: spec.apiType === 'REST' ? `${spec.apiName}/${spec.stage}` : `${spec.apiId}/${spec.stage}`, Names: [`${spec.apiName}/${spec.stage}`], AccountId: ACCOUNT_ID, Type: 'AWS::ApiGateway::Stage' }],
      FaultRootCauses: spec.status >= 500 ? rootCause(spec) : [],
      ErrorRootCauses: [],
      ResponseTimeRootCauses: [],
      Revision: 1,
      MatchedEventTime: secs(spec.start),
    })),
    ApproximateTime: secs(Math.max(...specs.map((s) => s.end))),
    TracesProcessedCount: specs.length,
  };
}
