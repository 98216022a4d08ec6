import type { WindowMs } from '../workflow/stepPayloads.ts';
import { quoteInput, type FieldError } from './fieldError.ts';
import { describeType, formatDuration, parseDuration, parseInstant } from './requestTime.ts';
import { API_ID_PATTERN } from '../model/apiId.ts';

/** POST /diagnoses, validated: the API and stage, and the window as the caller gave it (from+to, or since). */
export interface DiagnosisRequest {
  apiId: string;
  stage: string;
  /** Epoch ms; with `to`. */
  from?: number;
  /** Epoch ms; with `from`. */
  to?: number;
  /** ms before the request; the default (the last hour) when neither from/to nor since was given. */
  since?: number;
  /** The window this resolves to at the time of the request (from/to, or now − since .. now). */
  window: WindowMs;
}

export type DiagnosisRequestResult = { request: DiagnosisRequest } | { errors: FieldError[] };

export interface DiagnosisRequestOptions {
  /** Epoch ms of the request (the server's clock). */
  now: number;
  /** The longest window accepted (config MAX_WINDOW_MINUTES). */
  maxWindowMinutes?: number;
  /** API Gateway sets isBase64Encoded when the body matched a binary media type. */
  isBase64Encoded?: boolean;
}

export { API_ID_PATTERN };
/** API Gateway stage names: 1 to 128 letters, digits, hyphens and underscores; HTTP APIs also have "$default". */
export const STAGE_PATTERN = /^(?:[A-Za-z0-9_-]{1,128}|\$default)$/;
export const MAX_BODY_BYTES = 4096;
export const DEFAULT_MAX_WINDOW_MINUTES = 360;
export const DEFAULT_SINCE_MS = 60 * 60_000;
/** Clocks differ; a `to` a little ahead is accepted (the diagnosis reads what exists). */
export const MAX_FUTURE_MS = 5 * 60_000;
/** API Gateway metrics have one-minute periods: a shorter window cannot be told from noise. */
export const MIN_WINDOW_MS = 60_000;
/**
 * The oldest start accepted. X-Ray keeps traces for 30 days and CloudWatch alarm history 30 days (1-minute
 * metrics only 15), and Lambda and API Gateway log groups are commonly kept 30 days: an older window would produce
 * a diagnosis of missing evidence rather than of the incident.
 */
export const MAX_AGE_DAYS = 30;

/** The fields of the body; any other is refused. */
export const DIAGNOSIS_REQUEST_FIELDS = ['apiId', 'stage', 'from', 'to', 'since'] as const;
const FIELDS = DIAGNOSIS_REQUEST_FIELDS;
const EXAMPLE_BODY = '{"apiId":"a1b2c3d4e5","stage":"prod","since":"1h"}';

/** Fields people send by mistake, and what to send instead. */
const FIELD_HINTS: Record<string, string> = {
  apiname: 'API names are not accepted (several APIs can share one); send the API\'s id as "apiId"',
  name: 'API names are not accepted (several APIs can share one); send the API\'s id as "apiId"',
  api: 'send the API\'s id as "apiId"',
  restapiid: 'send the API\'s id as "apiId"',
  httpapiid: 'send the API\'s id as "apiId"',
  id: 'send the API\'s id as "apiId"',
  stagename: 'send the stage as "stage"',
  start: 'send the start of the window as "from"',
  starttime: 'send the start of the window as "from"',
  end: 'send the end of the window as "to"',
  endtime: 'send the end of the window as "to"',
  until: 'send the end of the window as "to"',
  window: 'send "since" (such as "30m") or "from" and "to"',
  duration: 'send the duration as "since" (such as "30m")',
  last: 'send the duration as "since" (such as "30m")',
};

/**
 * Validates the JSON body of POST /diagnoses. Every problem found is reported (not only the first), each with a
 * message saying what to send instead. Never throws.
 */
export function parseDiagnosisRequest(body: string | null | undefined, options: DiagnosisRequestOptions): DiagnosisRequestResult {
  const text = decodeBody(body, options.isBase64Encoded === true);
  if (text === undefined || text.trim() === '') {
    return fail('body', `The request has no body; send a JSON object such as ${EXAMPLE_BODY}`);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    return fail('body', `The body is ${bytes} bytes; a diagnosis request is a small JSON object of at most ${MAX_BODY_BYTES} bytes, such as ${EXAMPLE_BODY}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail('body', `The body is not JSON (${reason}); send a JSON object such as ${EXAMPLE_BODY} with Content-Type: application/json`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('body', `The body must be a JSON object such as ${EXAMPLE_BODY}, not ${describeType(json)}`);
  }
  const fields = json as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(fields)) {
    if (!(FIELDS as readonly string[]).includes(key)) errors.push({ field: key, message: unknownFieldMessage(key) });
  }
  const apiId = checkApiId(fields['apiId'], errors);
  const stage = checkStage(fields['stage'], errors);
  const window = checkWindow(fields, options, errors);
  if (errors.length > 0 || apiId === undefined || stage === undefined || window === undefined) return { errors };
  return { request: { apiId, stage, ...window } };
}

function decodeBody(body: string | null | undefined, base64: boolean): string | undefined {
  if (body === null || body === undefined) return undefined;
  return base64 ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function fail(field: string, message: string): DiagnosisRequestResult {
  return { errors: [{ field, message }] };
}

function unknownFieldMessage(key: string): string {
  const accepted = 'the accepted fields are apiId, stage, from, to and since';
  const sameButCase = FIELDS.find((f) => f.toLowerCase() === key.toLowerCase());
  if (sameButCase !== undefined) return `Unknown field ${quoteInput(key)}: field names are case-sensitive; did you mean "${sameButCase}"?`;
  const hint = FIELD_HINTS[key.toLowerCase()];
  return `Unknown field ${quoteInput(key)}${hint ? `: ${hint}` : ''}; ${accepted}`;
}

function checkApiId(value: unknown, errors: FieldError[]): string | undefined {
  const what = 'the id of the REST or HTTP API: 10 lowercase letters and digits such as "a1b2c3d4e5", the part before ".execute-api." in its URL';
  const findIt = 'list them with "aws apigateway get-rest-apis" (REST) or "aws apigatewayv2 get-apis" (HTTP)';
  if (value === undefined) {
    errors.push({ field: 'apiId', message: `apiId is required: ${what}` });
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ field: 'apiId', message: `apiId must be a string, ${what}; it is ${describeType(value)}` });
    return undefined;
  }
  if (API_ID_PATTERN.test(value)) return value;
  const fromUrl = /(?:^|\/\/|\.)?([a-z0-9]{10})\.execute-api\./i.exec(value)?.[1];
  if (fromUrl !== undefined) {
    errors.push({ field: 'apiId', message: `apiId must be the API's id, not its URL: send "${fromUrl.toLowerCase()}"` });
  } else if (/^[A-Za-z0-9]{10}$/.test(value)) {
    errors.push({ field: 'apiId', message: `API ids are lowercase: send "${value.toLowerCase()}" if that is the id` });
  } else {
    errors.push({
      field: 'apiId',
      message: `${quoteInput(value)} is not an API id. apiId is ${what}. API names are not accepted here, because several APIs can share a name; ${findIt}`,
    });
  }
  return undefined;
}

function checkStage(value: unknown, errors: FieldError[]): string | undefined {
  const what = 'a stage name such as "prod": 1 to 128 letters, digits, hyphens and underscores, or "$default" for an HTTP API\'s default stage';
  if (value === undefined) {
    errors.push({ field: 'stage', message: `stage is required: ${what}` });
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ field: 'stage', message: `stage must be a string, ${what}; it is ${describeType(value)}` });
    return undefined;
  }
  if (STAGE_PATTERN.test(value)) return value;
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  const hint = trimmed !== value && STAGE_PATTERN.test(trimmed) ? `; send "${trimmed}" without the slashes` : '';
  errors.push({ field: 'stage', message: `${quoteInput(value)} is not a stage name: stage is ${what}${hint}` });
  return undefined;
}

type WindowFields = Pick<DiagnosisRequest, 'from' | 'to' | 'since' | 'window'>;

function checkWindow(fields: Record<string, unknown>, options: DiagnosisRequestOptions, errors: FieldError[]): WindowFields | undefined {
  const now = options.now;
  const maxMinutes = options.maxWindowMinutes !== undefined && options.maxWindowMinutes > 0 ? options.maxWindowMinutes : DEFAULT_MAX_WINDOW_MINUTES;
  const maxAgeMs = MAX_AGE_DAYS * 86_400_000;
  const maxWindowMs = Math.min(maxMinutes * 60_000, maxAgeMs);
  const has = (k: string): boolean => fields[k] !== undefined && fields[k] !== null;
  const errorCount = errors.length;

  if (has('since') && (has('from') || has('to'))) {
    errors.push({ field: 'since', message: 'Send either "since" (a duration back from now) or "from" and "to", not both' });
    return undefined;
  }
  if (has('from') || has('to')) {
    if (!has('from')) errors.push({ field: 'from', message: `"from" is required with "to": the start of the window, such as "2026-11-24T10:00:00Z"` });
    if (!has('to')) errors.push({ field: 'to', message: `"to" is required with "from": the end of the window, such as "2026-11-24T11:00:00Z" (or send "since" instead)` });
    const from = has('from') ? parseInstant(fields['from']) : undefined;
    const to = has('to') ? parseInstant(fields['to']) : undefined;
    if (from && 'problem' in from) errors.push({ field: 'from', message: `from ${from.problem}` });
    if (to && 'problem' in to) errors.push({ field: 'to', message: `to ${to.problem}` });
    if (errors.length > errorCount || !from || !to || !('value' in from) || !('value' in to)) return undefined;
    const start = from.value;
    const end = to.value;
    if (start >= end) {
      errors.push({ field: 'from', message: `from (${iso(start)}) must be before to (${iso(end)})` });
      return undefined;
    }
    if (end > now + MAX_FUTURE_MS) {
      errors.push({ field: 'to', message: `to (${iso(end)}) is in the future (it is ${iso(now)} now); it may be at most ${formatDuration(MAX_FUTURE_MS)} ahead` });
    }
    if (start < now - maxAgeMs) {
      errors.push({
        field: 'from',
        message: `from (${iso(start)}) is more than ${MAX_AGE_DAYS} days ago: X-Ray keeps traces and CloudWatch keeps alarm history for ${MAX_AGE_DAYS} days (1-minute metrics for 15), so the evidence of an older incident is gone`,
      });
    }
    const length = end - start;
    if (length > maxWindowMs) {
      errors.push({ field: 'window', message: `The window from ${iso(start)} to ${iso(end)} is ${formatDuration(roundMinutes(length))} long; it may be at most ${formatDuration(maxWindowMs)}. Narrow it to the minutes around the first errors` });
    } else if (length < MIN_WINDOW_MS) {
      errors.push({ field: 'window', message: `The window from ${iso(start)} to ${iso(end)} is shorter than a minute, API Gateway's metric period; widen it` });
    }
    return errors.length > errorCount ? undefined : { from: start, to: end, window: { start, end } };
  }

  const since = has('since') ? parseDuration(fields['since']) : { value: Math.min(DEFAULT_SINCE_MS, maxWindowMs) };
  if ('problem' in since) {
    errors.push({ field: 'since', message: `since ${since.problem}` });
    return undefined;
  }
  if (since.value > maxWindowMs) {
    errors.push({ field: 'since', message: `since (${formatDuration(since.value)}) may be at most ${formatDuration(maxWindowMs)}; for an older incident send "from" and "to" around it` });
    return undefined;
  }
  if (since.value < MIN_WINDOW_MS) {
    errors.push({ field: 'since', message: `since (${formatDuration(since.value)}) is shorter than a minute, API Gateway's metric period; a number is milliseconds, so send a duration such as "30m"` });
    return undefined;
  }
  return { since: since.value, window: { start: now - since.value, end: now } };
}

function roundMinutes(ms: number): number {
  return Math.ceil(ms / 60_000) * 60_000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
