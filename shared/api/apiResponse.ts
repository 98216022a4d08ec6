import type { ErrorBody, FieldError } from './fieldError.ts';

/** A Lambda proxy integration response (API Gateway REST "Output format of a Lambda function for proxy integration"). */
export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Every status POST /diagnoses answers with (docs/openapi.json documents each; a test checks it). */
export const START_DIAGNOSIS_STATUSES = [202, 400, 409, 500, 503] as const;
/** Every status GET /diagnoses/{id} answers with. */
export const GET_DIAGNOSIS_STATUSES = [200, 400, 404, 500, 503] as const;

/** Seconds a throttled caller is asked to wait (Step Functions' API token buckets refill within seconds). */
export const RETRY_AFTER_SECONDS = 5;

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(statusCode: number, message: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}): ApiResponse {
  const body: ErrorBody = { message };
  if (options.errors !== undefined && options.errors.length > 0) body.errors = options.errors;
  return jsonResponse(statusCode, body, options.headers);
}

export function retryLaterResponse(what: string): ApiResponse {
  return errorResponse(503, `${what} is being throttled by AWS; retry in ${RETRY_AFTER_SECONDS} seconds`, {
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  });
}

/** 500 with a generic message: the details go to the logs, never to the caller. */
export function internalErrorResponse(what: string, requestId: string | undefined): ApiResponse {
  const quote = requestId ? `; quote request id ${requestId} to find the details in the logs` : '';
  return errorResponse(500, `${what} failed with an internal error${quote}`);
}
