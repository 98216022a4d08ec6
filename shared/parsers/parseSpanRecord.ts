/**
 * One span record of the `aws/spans` log group (CloudWatch Transaction Search) as a TraceSegment, so that
 * the engine reads spans exactly as it reads X-Ray segments. Never throws on data.
 *
 * Shape (sources):
 * - With Transaction Search on, X-Ray segments are converted to OpenTelemetry semantic conventions with W3C
 *   trace ids and stored as one JSON log event per span in `aws/spans`:
 *   https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Transaction-Search.html and
 *   .../CloudWatch-Transaction-Search-ingesting-span-log-groups.html
 * - A record is OTLP JSON flattened: {"resource":{"attributes":{...}},"scope":{...},"traceId":"<32 hex>",
 *   "spanId":"<16 hex>","parentSpanId":"...","name":"...","kind":"CLIENT","startTimeUnixNano":1753228558420999936,
 *   "endTimeUnixNano":...,"durationNano":...,"attributes":{...},"status":{"code":"UNSET"|"OK"|"ERROR"},
 *   "events":[...],"_aws":{"xray":{"name","namespace","type"}}} — a converted API Gateway subsegment pasted in
 *   a public repository (search corpus id 10933878158: "aws.remote.service", "aws.remote.operation",
 *   "aws.span.kind", "http.status_code" and "http.response.status_code" 502, "rpc.system":"aws-api",
 *   resource "cloud.resource_id", "cloud.platform":"aws_api_gateway") and AgentCore spans captured from
 *   aws/spans (id 61520086539: "aws.request.id", "aws.xray.origin", "aws.remote.service":"AWS::...").
 * - Attribute meanings: OpenTelemetry semantic conventions — AWS SDK spans (rpc.system "aws-api", rpc.service,
 *   rpc.method, aws.request_id; https://opentelemetry.io/docs/specs/semconv/cloud-providers/aws-sdk/), FaaS
 *   (faas.execution / faas.invocation_id = the Lambda request id), exceptions as span events named
 *   "exception" with exception.type / exception.message (https://opentelemetry.io/docs/specs/otel/trace/exceptions/);
 *   Application Signals' aws.remote.service names AWS services "AWS::DynamoDB", "AWS::S3", ...
 * Variants accepted: attributes as a map or as OTLP [{key, value:{stringValue|intValue|...}}]; times as numbers
 * or strings; status codes as "ERROR", "STATUS_CODE_ERROR" or 2; kinds as "CLIENT", "SPAN_KIND_CLIENT" or 3.
 */
import type { TraceSegment } from '../model/records.ts';

type JsonObject = Record<string, unknown>;

/** Quick test before JSON.parse: a span record names all three. */
export function looksLikeSpanRecord(message: string): boolean {
  return message.includes('"traceId"') && message.includes('"spanId"') && message.includes('"startTimeUnixNano"');
}

export function parseSpanRecord(message: string): TraceSegment | undefined {
  if (typeof message !== 'string' || !looksLikeSpanRecord(message)) return undefined;
  const text = message.trim();
  if (!text.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    return isObject(parsed) ? spanToSegment(parsed) : undefined;
  } catch {
    // A bug here must not stop the diagnosis: the span is only unread.
    return undefined;
  }
}

/** W3C "6880250e4fc5b1c42f7b40fc4801f9fd" → X-Ray "1-6880250e-4fc5b1c42f7b40fc4801f9fd"; an X-Ray id stays. */
export function xrayTraceIdOfW3c(id: string): string | undefined {
  const raw = id.trim().toLowerCase();
  if (/^[0-9a-f]{32}$/.test(raw)) return `1-${raw.slice(0, 8)}-${raw.slice(8)}`;
  const xray = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/.exec(raw);
  return xray ? raw : undefined;
}

/** X-Ray "1-6880250e-4fc5b1c42f7b40fc4801f9fd" (or "Root=...") → the W3C form aws/spans stores. */
export function w3cTraceIdOfXray(id: string): string | undefined {
  const m = /1-([0-9a-f]{8})-([0-9a-f]{24})/i.exec(id);
  return m ? `${m[1]}${m[2]}`.toLowerCase() : undefined;
}

function spanToSegment(span: JsonObject): TraceSegment | undefined {
  const traceId = typeof span['traceId'] === 'string' ? xrayTraceIdOfW3c(span['traceId']) : undefined;
  const spanId = typeof span['spanId'] === 'string' && /^[0-9a-f]{1,32}$/i.test(span['spanId']) ? span['spanId'].toLowerCase() : undefined;
  const start = nanosToMs(span['startTimeUnixNano']);
  if (!traceId || !spanId || start === undefined) return undefined;
  const attrs = attributesOf(span['attributes']);
  const resource = attributesOf(isObject(span['resource']) ? span['resource']['attributes'] : undefined);
  const xray = isObject(span['_aws']) && isObject(span['_aws']['xray']) ? span['_aws']['xray'] : {};

  const kind = kindOf(span['kind'], attrs['aws.span.kind']);
  const remoteService = str(attrs['aws.remote.service']);
  const rpcSystem = str(attrs['rpc.system']);
  const xrayNamespace = str(xray['namespace']);
  const outbound = kind === 'CLIENT' || kind === 'PRODUCER';
  const namespace =
    xrayNamespace === 'aws' || xrayNamespace === 'remote'
      ? xrayNamespace
      : outbound && (/^AWS::/i.test(remoteService ?? '') || rpcSystem === 'aws-api')
        ? 'aws'
        : outbound && (remoteService !== undefined || str(attrs['url.full']) !== undefined || str(attrs['http.url']) !== undefined || str(attrs['server.address']) !== undefined)
          ? 'remote'
          : undefined;

  const http = numberOf(attrs['http.response.status_code'] ?? attrs['http.status_code']);
  const statusError = statusIsError(isObject(span['status']) ? span['status']['code'] : undefined);
  const faas = str(attrs['faas.execution']) ?? str(attrs['faas.invocation_id']);
  const platform = str(resource['cloud.platform']);
  const origin =
    str(attrs['aws.xray.origin']) ??
    str(xray['origin']) ??
    (outbound ? undefined : faas !== undefined || platform === 'aws_lambda' ? 'AWS::Lambda::Function' : platform === 'aws_api_gateway' ? 'AWS::ApiGateway::Stage' : undefined);

  const awsService = remoteService?.replace(/^AWS::/i, '');
  const name =
    namespace === 'aws'
      ? (str(xray['name']) ?? awsService ?? str(attrs['rpc.service']) ?? str(span['name']) ?? 'unknown')
      : (str(xray['name']) ?? (namespace === 'remote' ? remoteService : undefined) ?? str(span['name']) ?? str(resource['service.name']) ?? 'unknown');

  const segment: TraceSegment = { traceId, id: spanId, name, startTime: start, exceptions: exceptionsOf(span['events'], namespace !== undefined) };
  const parent = str(span['parentSpanId']);
  if (parent) segment.parentId = parent.toLowerCase();
  if (origin) segment.origin = origin;
  const end = nanosToMs(span['endTimeUnixNano']);
  if (end !== undefined) segment.endTime = end;
  if (http !== undefined) segment.httpStatus = http;
  if ((http !== undefined && http >= 500) || (statusError && http === undefined)) segment.fault = true;
  if (http !== undefined && http >= 400 && http < 500) segment.error = true;
  if (http === 429) segment.throttle = true;
  const apiGatewayRequestId = str(attrs['aws.api_gateway.request_id']);
  if (apiGatewayRequestId) segment.apiGatewayRequestId = apiGatewayRequestId;
  const requestId = faas ?? str(attrs['aws.request_id']) ?? str(attrs['aws.request.id']) ?? str(attrs['aws.requestId']);
  if (requestId) segment.awsRequestId = requestId;
  const operation = str(attrs['aws.remote.operation']) ?? str(attrs['rpc.method']) ?? str(attrs['aws.operation']);
  if (namespace === 'aws' && operation) segment.awsOperation = operation;
  if (namespace) segment.namespace = namespace;
  const arn = outbound ? undefined : (str(resource['cloud.resource_id']) ?? str(attrs['aws.resource.arn']) ?? str(resource['faas.id']));
  if (arn) segment.resourceArn = arn;
  const url = str(attrs['url.full']) ?? str(attrs['http.url']);
  if (url) segment.url = url;
  // A failed span without an exception event still says why in its status message.
  const statusMessage = isObject(span['status']) ? str(span['status']['message']) : undefined;
  if (segment.exceptions.length === 0 && statusError && statusMessage) segment.exceptions.push({ message: statusMessage });
  return segment;
}

function exceptionsOf(events: unknown, remote: boolean): TraceSegment['exceptions'] {
  if (!Array.isArray(events)) return [];
  const out: TraceSegment['exceptions'] = [];
  for (const event of events.slice(0, 50)) {
    if (!isObject(event)) continue;
    const attrs = attributesOf(event['attributes']);
    const type = str(attrs['exception.type']);
    const message = str(attrs['exception.message']);
    if (event['name'] !== 'exception' && type === undefined && message === undefined) continue;
    const e: TraceSegment['exceptions'][number] = {};
    if (type) e.type = type;
    if (message) e.message = message;
    if (remote) e.remote = true;
    out.push(e);
  }
  return out;
}

/** A map of attributes, from the flattened map aws/spans stores or from OTLP's [{key, value:{...Value}}]. */
function attributesOf(value: unknown): JsonObject {
  if (isObject(value)) return value;
  if (!Array.isArray(value)) return {};
  const out: JsonObject = {};
  for (const item of value) {
    if (!isObject(item) || typeof item['key'] !== 'string') continue;
    const v = item['value'];
    out[item['key']] = isObject(v) ? (v['stringValue'] ?? v['intValue'] ?? v['doubleValue'] ?? v['boolValue']) : v;
  }
  return out;
}

type Kind = 'SERVER' | 'CLIENT' | 'PRODUCER' | 'CONSUMER' | 'INTERNAL' | undefined;

function kindOf(kind: unknown, awsKind: unknown): Kind {
  const byNumber: Kind[] = [undefined, 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
  if (typeof kind === 'number') return byNumber[kind];
  const text = typeof kind === 'string' ? kind.toUpperCase().replace(/^SPAN_KIND_/, '') : typeof awsKind === 'string' ? awsKind.toUpperCase() : '';
  if (text === 'LOCAL_ROOT') return 'SERVER';
  return text === 'SERVER' || text === 'CLIENT' || text === 'PRODUCER' || text === 'CONSUMER' || text === 'INTERNAL' ? text : undefined;
}

function statusIsError(code: unknown): boolean {
  if (code === 2) return true;
  return typeof code === 'string' && /^(STATUS_CODE_)?ERROR$/i.test(code.trim());
}

/** Epoch nanoseconds (number or numeric string) → epoch ms; plausible times only (after 2000). */
function nanosToMs(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,22}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(n)) return undefined;
  const ms = n / 1e6;
  return ms > 946_684_800_000 && ms < 8_000_000_000_000 ? ms : undefined;
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
