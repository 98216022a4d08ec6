/**
 * One API request as API Gateway sees it, and how it shows in the access log.
 * Access log formats are templates of $context variables, filled in the way API Gateway fills them:
 * a variable with no value is written as "-" (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html;
 * the "-" for unset values is also visible in DataBiosphere/azul issue #6284, where every unset field reads "-").
 */
import { requestTime } from './timeFormats.ts';

export interface ExecStep {
  /** Milliseconds after the request started. */
  at: number;
  text: string;
}

export interface AuthorizerOutcome {
  status?: number;
  latency?: number;
  integrationLatency?: number;
  integrationStatus?: number;
  error?: string;
  requestId?: string;
  principalId?: string;
}

export interface GatewayRequest {
  requestId: string;
  extendedRequestId: string;
  traceId?: string;
  start: number;
  ip: string;
  userAgent: string;
  httpMethod: string;
  /** REST resource template, "/reports/{id}". */
  resourcePath: string;
  /** Path the client called, without the stage ("/reports/r-1042"). */
  path: string;
  /** HTTP API route key, "GET /search". */
  routeKey: string;
  stage: string;
  apiId: string;
  domainName: string;
  protocol: string;
  status: number;
  responseLength: number;
  responseLatency: number;
  integrationStatus?: number;
  /** $context.integration.status: what the function code or backend answered. */
  integrationBackendStatus?: number;
  integrationLatency?: number;
  integrationRequestId?: string;
  integrationErrorMessage?: string;
  errorMessage?: string;
  errorResponseType?: string;
  authorizer?: AuthorizerOutcome;
  /** REST execution log steps; empty for HTTP APIs. */
  exec: ExecStep[];
}

const dash = (value: string | number | undefined): string =>
  value === undefined || value === '' ? '-' : String(value);

/** The value API Gateway writes for one $context variable. */
export function contextValue(variable: string, req: GatewayRequest): string {
  switch (variable) {
    case '$context.requestId':
      return req.requestId;
    case '$context.extendedRequestId':
      return req.extendedRequestId;
    case '$context.identity.sourceIp':
      return req.ip;
    case '$context.identity.caller':
    case '$context.identity.user':
    case '$context.identity.accountId':
      return '-';
    case '$context.identity.userAgent':
      return req.userAgent;
    case '$context.requestTime':
      return requestTime(req.start);
    case '$context.requestTimeEpoch':
      return String(req.start);
    case '$context.httpMethod':
      return req.httpMethod;
    case '$context.resourcePath':
      return req.resourcePath;
    case '$context.path':
      // REST: the stage is part of $context.path; HTTP APIs' $default stage adds nothing.
      return req.stage === '$default' ? req.path : `/${req.stage}${req.path}`;
    case '$context.routeKey':
      return req.routeKey;
    case '$context.protocol':
      return req.protocol;
    case '$context.status':
      return String(req.status);
    case '$context.responseLength':
      return String(req.responseLength);
    case '$context.responseLatency':
      return String(req.responseLatency);
    case '$context.integrationLatency':
    case '$context.integration.latency':
      return dash(req.integrationLatency);
    case '$context.integrationStatus':
    case '$context.integration.integrationStatus':
      return dash(req.integrationStatus);
    case '$context.integration.status':
      return dash(req.integrationBackendStatus);
    case '$context.integration.requestId':
    case '$context.awsEndpointRequestId':
      return dash(req.integrationRequestId);
    case '$context.integrationErrorMessage':
    case '$context.integration.error':
      return dash(req.integrationErrorMessage);
    case '$context.error.message':
      return dash(req.errorMessage);
    case '$context.error.messageString':
      return req.errorMessage === undefined ? '-' : `"${req.errorMessage}"`;
    case '$context.error.responseType':
      return dash(req.errorResponseType);
    case '$context.authorizer.error':
      return dash(req.authorizer?.error);
    case '$context.authorizer.status':
      return dash(req.authorizer?.status);
    case '$context.authorizer.latency':
      return dash(req.authorizer?.latency);
    case '$context.authorizer.integrationLatency':
      return dash(req.authorizer?.integrationLatency);
    case '$context.authorizer.integrationStatus':
      return dash(req.authorizer?.integrationStatus);
    case '$context.authorizer.requestId':
      return dash(req.authorizer?.requestId);
    case '$context.authorizer.principalId':
      return dash(req.authorizer?.principalId);
    case '$context.xrayTraceId':
      return dash(req.traceId === undefined ? undefined : `Root=${req.traceId}`);
    case '$context.stage':
      return req.stage;
    case '$context.apiId':
      return req.apiId;
    case '$context.domainName':
      return req.domainName;
    default:
      throw new Error(`no value for ${variable}`);
  }
}

/** Fill an access log format template for one request. */
export function renderAccessLog(format: string, req: GatewayRequest): string {
  return format.replace(/\$context\.[A-Za-z0-9_.]*[A-Za-z0-9_]/g, (variable) => contextValue(variable, req));
}

/**
 * Access log formats. The console presets are quoted from the REST and HTTP API logging pages
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html); the others are
 * custom formats of the kind people write (fields from api-gateway-variables-for-access-logging.html and
 * http-api-logging-variables.html).
 */
export const ACCESS_FORMATS = {
  /** REST console "CLF" preset (note: no space between "]" and the quote, as the console writes it). */
  restClf:
    '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.extendedRequestId',
  /** REST console "JSON" preset: the default field names. */
  restJsonConsole:
    '{ "requestId":"$context.requestId", "extendedRequestId":"$context.extendedRequestId","ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod", "resourcePath":"$context.resourcePath", "status":"$context.status", "protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
  /** REST console "XML" preset. */
  restXml:
    '<request id="$context.requestId"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> <ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> <user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> <httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> <status>$context.status</status> <protocol>$context.protocol</protocol> <responseLength>$context.responseLength</responseLength> </request>',
  /** REST console "CSV" preset. */
  restCsv:
    '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.extendedRequestId',
  /** HTTP API console "CLF" preset. */
  httpClf:
    '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.routeKey $context.protocol" $context.status $context.responseLength $context.requestId',
  /** HTTP API console "JSON" preset. */
  httpJsonConsole:
    '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }',
} as const;

/** The HTTP API console CLF preset with $context.integrationErrorMessage added at the end, as the
 * HTTP API Lambda troubleshooting page tells people to do
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html). */
export const HTTP_CLF_WITH_INTEGRATION_ERROR = `${ACCESS_FORMATS.httpClf} $context.integrationErrorMessage`;
