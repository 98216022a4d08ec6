import { hex, segmentId, uuid } from './ids.ts';
import type { ApiRequest, ErrorInfo } from './model.ts';
import type { Rng } from './rng.ts';
import { cliTimestamp, epochSeconds } from './time.ts';

/**
 * X-Ray documents as `aws xray batch-get-traces` returns them (each segment's Document is a JSON string).
 * Field shapes follow real documents of an API Gateway stage segment, an AWS::Lambda segment, an
 * AWS::Lambda::Function segment with Initialization/Invocation/Overhead subsegments and an inferred AWS service
 * segment, as captured in a public Go test of the X-Ray API (search index file 9249507089), and the runtime's
 * xray_fault cause ({"working_directory","exceptions":[{"message","type","stack"}],"paths"}) from
 * aws-lambda-python-runtime-interface-client awslambdaric/bootstrap.py make_xray_fault.
 */

export interface DownstreamCall {
  /** "DynamoDB", "SecretsManager", a host name. */
  name: string;
  namespace: 'aws' | 'remote';
  offsetMs: number;
  durationMs: number;
  status?: number;
  aws?: Record<string, unknown>;
  url?: string;
  /** 4xx: error, 429: throttle, 5xx or no response: fault. */
  exception?: { type: string; message: string; remote: boolean };
  /** Origin of the inferred segment X-Ray adds for AWS calls: "AWS::DynamoDB::Table". */
  inferredOrigin?: string;
}

export interface TraceOptions {
  account: string;
  /** A failure to attach to the function's Invocation subsegment. */
  functionError?: ErrorInfo;
  downstream?: DownstreamCall[];
}

type Doc = Record<string, unknown>;

function flags(status: number | undefined): Doc {
  if (status === undefined) return { fault: true };
  if (status === 429) return { error: true, throttle: true };
  if (status >= 500) return { fault: true };
  if (status >= 400) return { error: true };
  return {};
}

export function traceOfRequest(rng: Rng, req: ApiRequest, options: TraceOptions): { Id: string; Duration: number; LimitExceeded: boolean; Segments: { Id: string; Document: string }[] } {
  const docs: Doc[] = [];
  const inv = req.invocation;
  const { api } = req;
  const gwEnd = req.time + req.responseLatencyMs;
  const lambdaSubId = segmentId(rng);
  if (api.type === 'REST') {
    const gw: Doc = {
      id: req.gatewaySegmentId,
      name: `${api.name}/${api.stage}`,
      start_time: epochSeconds(req.time),
      trace_id: req.traceId,
      end_time: epochSeconds(gwEnd),
      http: {
        request: { url: `https://${api.id}.execute-api.${api.region}.amazonaws.com/${api.stage}${req.path}`, method: req.httpMethod, user_agent: req.userAgent, client_ip: req.sourceIp, x_forwarded_for: true },
        response: { status: req.status, content_length: 0 },
      },
      aws: { api_gateway: { account_id: api.account, rest_api_id: api.id, stage: api.stage, request_id: req.requestId } },
      annotations: { 'aws:api_id': api.id, 'aws:api_stage': api.stage },
      metadata: { default: { extended_request_id: req.extendedRequestId, request_id: req.requestId } },
      origin: 'AWS::ApiGateway::Stage',
      resource_arn: `arn:aws:apigateway:${api.region}::/restapis/${api.id}/stages/${api.stage}`,
    };
    if (req.status >= 500) gw['fault'] = true;
    else if (req.status >= 400) gw['error'] = true;
    const fnName = inv?.functionName ?? (req.functionArn ?? '').split(':')[6] ?? '';
    const lambdaStatus = req.integration.kind === 'invoke-rejected' ? req.integration.httpStatus : req.integration.kind === 'permission-denied' ? 403 : 200;
    const sub: Doc = {
      id: lambdaSubId,
      name: 'Lambda',
      start_time: epochSeconds(req.time + 2),
      end_time: epochSeconds(gwEnd - 2),
      ...(lambdaStatus === 200 ? {} : flags(lambdaStatus)),
      http: {
        request: { url: `https://lambda.${api.region}.amazonaws.com/2015-03-31/functions/${req.functionArn ?? ''}/invocations`, method: 'POST' },
        response: { status: lambdaStatus, content_length: inv ? Buffer.byteLength(inv.response.payload, 'utf8') : 104 },
      },
      aws: { function_name: fnName, region: api.region, operation: 'Invoke', resource_names: [fnName] },
      namespace: 'aws',
    };
    gw['subsegments'] = [sub];
    docs.push(gw);
  }
  if (inv !== undefined && inv.traceId !== undefined && inv.segmentId !== undefined) {
    const serviceId = segmentId(rng);
    const invEnd = inv.start + Math.ceil(inv.durationMs);
    const service: Doc = {
      id: serviceId,
      name: inv.functionName,
      start_time: epochSeconds(inv.initStart ?? inv.start - 3),
      trace_id: inv.traceId,
      end_time: epochSeconds(invEnd + 4),
      http: { response: { status: 200 } },
      aws: { request_id: inv.requestId },
      origin: 'AWS::Lambda',
      resource_arn: `arn:aws:lambda:${api.region}:${options.account}:function:${inv.functionName}`,
    };
    if (api.type === 'REST') service['parent_id'] = lambdaSubId;
    if (inv.end.kind === 'timeout' || inv.end.kind === 'oom-killed' || inv.end.kind === 'init-error') service['error'] = true;
    docs.push(service);
    const fnArn = `arn:aws:lambda:${api.region}:${options.account}:function:${inv.functionName}`;
    const subsegments: Doc[] = [];
    if (inv.initStart !== undefined && inv.initDurationMs !== undefined) {
      subsegments.push({ id: segmentId(rng), name: 'Initialization', start_time: epochSeconds(inv.initStart), end_time: epochSeconds(inv.initStart + inv.initDurationMs), aws: { function_arn: fnArn } });
    }
    const invocationSub: Doc = { id: segmentId(rng), name: 'Invocation', start_time: epochSeconds(inv.start), end_time: epochSeconds(invEnd), aws: { function_arn: fnArn } };
    const error = options.functionError ?? (inv.end.kind === 'unhandled' ? inv.end.error : undefined);
    if (error !== undefined) {
      invocationSub['fault'] = true;
      invocationSub['cause'] = {
        working_directory: '/var/task',
        exceptions: [{ id: hex(rng, 16), message: error.message, type: error.type }],
        paths: [],
      };
    }
    const children: Doc[] = [];
    for (const call of options.downstream ?? []) {
      const callId = segmentId(rng);
      const child: Doc = {
        id: callId,
        name: call.name,
        start_time: epochSeconds(inv.start + call.offsetMs),
        end_time: epochSeconds(inv.start + call.offsetMs + call.durationMs),
        ...flags(call.status),
      };
      if (call.status !== undefined || call.url !== undefined) {
        const http: Doc = {};
        if (call.url !== undefined) http['request'] = { url: call.url, method: 'POST' };
        if (call.status !== undefined) http['response'] = { status: call.status, content_length: call.exception ? 312 : 1024 };
        child['http'] = http;
      }
      if (call.aws) child['aws'] = { ...call.aws, request_id: hex(rng, 4).toUpperCase() + uuid(rng).replace(/-/g, '').slice(0, 48).toUpperCase() };
      child['namespace'] = call.namespace;
      if (call.exception) {
        child['cause'] = { working_directory: '/var/task', exceptions: [{ id: hex(rng, 16), message: call.exception.message, type: call.exception.type, remote: call.exception.remote }] };
      }
      children.push(child);
      if (call.inferredOrigin !== undefined) {
        const inferred: Doc = {
          id: segmentId(rng),
          name: call.name,
          start_time: child['start_time'],
          trace_id: inv.traceId,
          end_time: child['end_time'],
          parent_id: callId,
          inferred: true,
          ...flags(call.status),
        };
        if (call.status !== undefined) inferred['http'] = { response: { status: call.status, content_length: 312 } };
        inferred['aws'] = child['aws'];
        inferred['origin'] = call.inferredOrigin;
        if (call.exception) inferred['cause'] = child['cause'];
        docs.push(inferred);
      }
    }
    if (children.length > 0) invocationSub['subsegments'] = children;
    subsegments.push(invocationSub);
    subsegments.push({ id: segmentId(rng), name: 'Overhead', start_time: epochSeconds(invEnd), end_time: epochSeconds(invEnd + 3), aws: { function_arn: fnArn } });
    const fnSeg: Doc = {
      id: inv.segmentId,
      name: inv.functionName,
      start_time: epochSeconds(inv.initStart ?? inv.start),
      trace_id: inv.traceId,
      end_time: epochSeconds(invEnd + 3),
      parent_id: serviceId,
    };
    if (error !== undefined || inv.end.kind !== 'success') fnSeg['fault'] = true;
    fnSeg['aws'] = { account_id: options.account, function_arn: fnArn, resource_names: [inv.functionName] };
    fnSeg['origin'] = 'AWS::Lambda::Function';
    fnSeg['subsegments'] = subsegments;
    docs.push(fnSeg);
  }
  const starts = docs.map((d) => Number(d['start_time']));
  const ends = docs.map((d) => Number(d['end_time']));
  const traceIdValue = inv?.traceId ?? req.traceId;
  return {
    Id: traceIdValue,
    Duration: Math.round((Math.max(...ends) - Math.min(...starts)) * 1000) / 1000,
    LimitExceeded: false,
    Segments: docs.map((d) => ({ Id: String(d['id']), Document: JSON.stringify(d) })),
  };
}

export function batchGetTraces(traces: ReturnType<typeof traceOfRequest>[]): unknown {
  return { Traces: traces, UnprocessedTraceIds: [] };
}

export interface SummaryInput {
  req: ApiRequest;
  account: string;
  /** Exception of the root cause, if the trace names one. */
  rootCause?: { service: string; type: string; entity: string; exception?: { name: string; message: string }; remote?: boolean; inferred?: boolean };
}

export function traceSummaries(items: SummaryInput[], approximateTime: number): unknown {
  return {
    TraceSummaries: items.map(({ req, account, rootCause }) => {
      const { api } = req;
      const fn = req.invocation?.functionName;
      const serviceIds: Doc[] = [{ Name: `${api.name}/${api.stage}`, Names: [`${api.name}/${api.stage}`], AccountId: account, Type: 'AWS::ApiGateway::Stage' }];
      if (fn !== undefined) {
        serviceIds.push({ Name: fn, Names: [fn], Type: 'AWS::Lambda' });
        serviceIds.push({ Name: fn, Names: [fn], AccountId: account, Type: 'AWS::Lambda::Function' });
      }
      const summary: Doc = {
        Id: req.invocation?.traceId ?? req.traceId,
        StartTime: cliTimestamp(req.time),
        Duration: req.responseLatencyMs / 1000,
        ResponseTime: req.responseLatencyMs / 1000,
        HasFault: req.status >= 500,
        HasError: req.status >= 400 && req.status < 500,
        HasThrottle: req.status === 429,
        IsPartial: false,
        Http: { HttpURL: `https://${api.id}.execute-api.${api.region}.amazonaws.com/${api.stage}${req.path}`, HttpStatus: req.status, HttpMethod: req.httpMethod, UserAgent: req.userAgent, ClientIp: req.sourceIp },
        Annotations: {
          'aws:api_id': [{ AnnotationValue: { StringValue: api.id }, ServiceIds: [serviceIds[0]] }],
          'aws:api_stage': [{ AnnotationValue: { StringValue: api.stage }, ServiceIds: [serviceIds[0]] }],
        },
        Users: [],
        ServiceIds: serviceIds,
        ResourceARNs: [{ ARN: `arn:aws:apigateway:${api.region}::/restapis/${api.id}/stages/${api.stage}` }, ...(fn !== undefined ? [{ ARN: `arn:aws:lambda:${api.region}:${account}:function:${fn}` }] : [])],
        InstanceIds: [],
        AvailabilityZones: [],
        EntryPoint: { Name: `${api.name}/${api.stage}`, Names: [`${api.name}/${api.stage}`], AccountId: account, Type: 'AWS::ApiGateway::Stage' },
        FaultRootCauses: [],
        ErrorRootCauses: [],
        ResponseTimeRootCauses: [],
        Revision: 2,
        MatchedEventTime: cliTimestamp(req.time),
      };
      if (rootCause !== undefined) {
        const entry = {
          Services: [{
            Name: rootCause.service,
            Names: [rootCause.service],
            Type: rootCause.type,
            AccountId: account,
            EntityPath: [
              { Name: rootCause.service, Exceptions: [], Remote: false },
              { Name: rootCause.entity, Exceptions: rootCause.exception ? [{ Name: rootCause.exception.name, Message: rootCause.exception.message }] : [], Remote: rootCause.remote ?? false },
            ],
            Inferred: rootCause.inferred ?? false,
          }],
          ClientImpacting: true,
        };
        if (req.status >= 500) summary['FaultRootCauses'] = [entry];
        else summary['ErrorRootCauses'] = [entry];
      }
      return summary;
    }),
    ApproximateTime: cliTimestamp(approximateTime),
    TracesProcessedCount: items.length,
  };
}
