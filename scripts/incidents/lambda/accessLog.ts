import type { ApiRequest, RawLogEvent } from './model.ts';
import { requestTime } from './time.ts';

/**
 * Access log records: the stage's format string with $context variables substituted, as API Gateway writes them.
 * The console's sample formats (CLF, JSON, XML, CSV) are those of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html (REST) and
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html (HTTP); a variable without a
 * value prints "-". HTTP API request ids are the short "Vdn1ng7PIAMEVPw=" form (seen in a public Logs Insights
 * transcript of an HTTP API access log group, search index file 28192826103).
 */

export const REST_CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId';
export const REST_JSON = '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }';
export const REST_XML = '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>';
export const REST_CSV = '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId';
export const HTTP_JSON = '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }';

/** The value of each $context variable for a request. */
export function contextValues(req: ApiRequest): Record<string, string> {
  const inv = req.invocation;
  const rest = req.api.type === 'REST';
  const failed = req.status >= 500;
  const integrationLatency = req.integration.kind === 'invoked' || req.integration.kind === 'invoke-rejected' ? String(req.integration.latencyMs) : '-';
  const integrationRequestId = inv?.requestId ?? (req.integration.kind === 'invoke-rejected' ? req.integration.lambdaRequestId : '-');
  // Status Lambda's Invoke API answered with (not the function's statusCode).
  const lambdaStatus = req.integration.kind === 'invoked' ? '200' : req.integration.kind === 'invoke-rejected' ? String(req.integration.httpStatus) : '-';
  let functionStatus = '-';
  if (inv !== undefined && inv.response.kind === 'payload') {
    try {
      const parsed: unknown = JSON.parse(inv.response.payload);
      const code = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'statusCode') : undefined;
      if (typeof code === 'number') functionStatus = String(code);
    } catch {
      functionStatus = '-';
    }
  }
  let integrationErrorMessage = '-';
  if (!rest && inv !== undefined && inv.response.kind === 'function-error') {
    integrationErrorMessage = `The Lambda function returned the following error: ${inv.response.errorMessage}. Check your Lambda function code and try again.`;
  }
  return {
    requestId: req.requestId,
    extendedRequestId: req.extendedRequestId,
    'identity.sourceIp': req.sourceIp,
    'identity.caller': '-',
    'identity.user': '-',
    'identity.userAgent': req.userAgent,
    requestTime: requestTime(req.time),
    requestTimeEpoch: String(req.time),
    httpMethod: req.httpMethod,
    resourcePath: rest ? req.resourcePath : '-',
    path: rest ? `/${req.api.stage}${req.path}` : req.path,
    routeKey: rest ? '-' : req.routeKey,
    status: String(req.status),
    protocol: 'HTTP/1.1',
    responseLength: String(req.responseLength),
    responseLatency: String(req.responseLatencyMs),
    integrationLatency,
    'integration.latency': integrationLatency,
    integrationStatus: lambdaStatus,
    'integration.integrationStatus': lambdaStatus,
    'integration.status': functionStatus,
    'integration.requestId': integrationRequestId,
    awsEndpointRequestId: integrationRequestId,
    integrationErrorMessage,
    'error.message': failed ? (rest ? 'Internal server error' : 'Internal Server Error') : '-',
    'error.messageString': failed ? (rest ? '"Internal server error"' : '"Internal Server Error"') : '-',
    xrayTraceId: req.traceId,
    stage: req.api.stage,
    apiId: req.api.id,
    domainName: `${req.api.id}.execute-api.${req.api.region}.amazonaws.com`,
  };
}

/** Substitutes $context variables in a format string; longest names first so "$context.integration.status" wins over "$context.integration". */
export function renderAccessLog(format: string, req: ApiRequest): string {
  const values = contextValues(req);
  return format.replace(/\$context\.([A-Za-z]+(?:\.[A-Za-z]+)*)/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : value;
  });
}

export function accessLogEvent(format: string, req: ApiRequest, logGroup: string, logStream: string): RawLogEvent {
  return { timestamp: req.time + req.responseLatencyMs, message: renderAccessLog(format, req), logGroup, logStream };
}
