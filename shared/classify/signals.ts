import type { RequestEvidence } from '../correlate/requestEvidence.ts';
import type { ClassifyContext } from './rule.ts';
import { invocationFailed } from '../correlate/invocation.ts';

/**
 * Small questions that several rules ask of one request's evidence. Each rule keeps its own
 * patterns; only facts that are not a rule's own decision live here.
 */

/** The integration timeout API Gateway enforced: the configured one, else the default for the API type. */
export function integrationTimeoutMs(r: RequestEvidence, ctx: ClassifyContext): number {
  if (r.integration?.timeoutMs) return r.integration.timeoutMs;
  return defaultIntegrationTimeoutMs(ctx.apiType);
}

/** API Gateway's default (and, without a quota increase, maximum) integration timeout: 29 s REST, 30 s HTTP. */
export function defaultIntegrationTimeoutMs(apiType: ClassifyContext['apiType']): number {
  return apiType === 'HTTP' ? 30_000 : 29_000;
}

/** The integration's endpoint as the execution log names it, else as the export configures it. */
export function integrationUri(r: RequestEvidence): string | undefined {
  return r.facts?.endpointUri ?? r.integration?.uri;
}

export function isLambdaIntegration(r: RequestEvidence): boolean {
  if (r.functionName || r.invocation || r.lambdaRequestId) return true;
  return /lambda[:.]|:function:|\/functions\//i.test(integrationUri(r) ?? '');
}

/** The execution log shows the request sent to an HTTP(S) endpoint ("Sending request to https://..."). */
export function sentToHttpEndpoint(r: RequestEvidence): boolean {
  return (r.execution?.lines ?? []).some((l) => /^Sending request to https?:\/\//i.test(l.text));
}

/** The execution log shows a response from the integration (status line, headers or body). */
export function integrationAnswered(r: RequestEvidence): boolean {
  return (r.execution?.lines ?? []).some((l) => /^(Received response|Endpoint response (headers|body))/i.test(l.text));
}

/** Whether the gateway itself reports a timeout for the request (execution log or access log). */
export function gatewayTimeoutSignal(r: RequestEvidence): string | undefined {
  for (const line of r.execution?.lines ?? []) {
    if (/Execution failed due to a timeout error|Endpoint request timed out|Integration timeout/i.test(line.text)) return line.text;
  }
  const a = r.access;
  if (!a) return undefined;
  if (a.errorResponseType && /INTEGRATION_TIMEOUT/i.test(a.errorResponseType)) return `error.responseType=${a.errorResponseType}`;
  for (const msg of [a.integrationErrorMessage, a.integrationError, a.errorMessage]) {
    // HTTP APIs quote the function's own timeout ("The Lambda function returned the following error: ...
    // Task timed out after 5.00 seconds"): Lambda stopped the function, the gateway did not give up.
    if (msg && /timed out|timeout/i.test(msg) && !/Task timed out after|The Lambda function returned the following error/i.test(msg)) return msg;
  }
  return undefined;
}

/** Integration/backend error texts an access log carries. */
export function accessErrorTexts(r: RequestEvidence): string[] {
  const a = r.access;
  if (!a) return [];
  return [a.integrationErrorMessage, a.integrationError, a.authorizerError, a.errorMessage].filter(
    (s): s is string => typeof s === 'string' && s.length > 0 && s !== '-',
  );
}

/** Confidence for Lambda evidence depends on how the invocation was tied to the request. */
export function matchWeight(r: RequestEvidence): number {
  switch (r.invocationMatch) {
    case 'request-id':
    case 'trace':
      return 1;
    case 'time':
      return 0.8;
    default:
      return 0.7;
  }
}

/**
 * Did the function throw (Lambda reports a function error) or return an error response itself?
 * Unhandled: API Gateway's "customer function error" / X-Amz-Function-Error header (HTTP APIs: "The Lambda
 * function returned the following error: ..." in $context.integrationErrorMessage), the runtime's
 * "Invoke Error" / "Unhandled Promise Rejection" / "Uncaught Exception" / Python "LAMBDA_WARNING:
 * Unhandled exception", or a REPORT / platform.report with status error.
 */
const UNHANDLED_LAMBDA = /\tInvoke Error\s|Invoke Error \t|Unhandled Promise Rejection|Uncaught Exception|LAMBDA_WARNING: Unhandled exception|"type"\s*:\s*"platform\.runtimeDone"[^}]*"status"\s*:\s*"(error|failure)"|^\[ERROR\]\s+[A-Za-z_.]+(Error|Exception)\b/m;

export function functionOutcome(r: RequestEvidence): 'unhandled' | 'handled' | 'unknown' {
  for (const line of r.execution?.lines ?? []) {
    if (/customer function error|X-Amz-Function-Error=Unhandled/i.test(line.text)) return 'unhandled';
  }
  // HTTP APIs: "The Lambda function returned the following error: ... Check your Lambda function code and try again."
  if (accessErrorTexts(r).some((t) => /The Lambda function returned the following error/i.test(t))) return 'unhandled';
  const inv = r.invocation;
  if (inv) {
    const status = inv.report?.status?.toLowerCase();
    if (status === 'error' || status === 'failure') return 'unhandled';
    if (inv.lines.some((l) => UNHANDLED_LAMBDA.test(l.raw))) return 'unhandled';
    // Runtime-written error objects (Java/other runtimes print {"errorMessage","errorType","stackTrace"} alone).
    if (inv.lines.some((l) => /^\s*\{\s*"errorMessage"\s*:/.test(l.raw) && /"errorType"/.test(l.raw))) return 'unhandled';
    // The Java runtime prints an uncaught exception as "<message>: <exception class>" and its stack,
    // with no level: a logger call would carry one.
    if (inv.lines.some((l) => l.record.kind === 'app' && l.record.errorType !== undefined && l.record.level === undefined && /\n\s*at [\w$.]+\(/.test(l.raw))) {
      return 'unhandled';
    }
  }
  for (const line of r.execution?.lines ?? []) {
    if (/^Endpoint response body before transformations:\s*\{[^]*"statusCode"\s*:\s*"?5\d\d/i.test(line.text)) return 'handled';
  }
  // Tied only by time, an invocation that ran normally proves nothing about this request's response.
  if (inv?.report && r.status !== undefined && r.status >= 500 && (r.invocationMatch !== 'time' || invocationFailed(inv))) return 'handled';
  if (r.access?.integrationStatus === 200 && r.status !== undefined && r.status >= 500 && isLambdaIntegration(r) && !r.access.integrationErrorMessage) {
    return 'handled';
  }
  return 'unknown';
}

/**
 * API Gateway quoting the function's own error: "Lambda execution failed with status 200 due to customer
 * function error: ...", HTTP APIs' "The Lambda function returned the following error: ...". What the
 * function's code met (a DynamoDB throttle, a missing table, a denied call) is quoted there, and is not
 * the gateway's own failure to invoke it.
 */
const FUNCTION_ERROR_QUOTE = /customer function error|The Lambda function returned the following error|Lambda Customer Function Error/i;

export function isFunctionErrorQuote(text: string): boolean {
  return FUNCTION_ERROR_QUOTE.test(text);
}
