/**
 * A stage's `accessLogSettings.format` turned into a parser, and the mapping from API Gateway's
 * $context variables to AccessLogRecord fields that every access log parser shares.
 * Variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
 * and http-api-logging-variables.html (awsdocs/amazon-api-gateway-developer-guide).
 */

/** The fields an access log line can fill: AccessLogRecord's, plus the ones that only describe the request. */
export type AccessLogField =
  | 'requestId'
  | 'extendedRequestId'
  | 'status'
  | 'integrationStatus'
  | 'integrationError'
  | 'integrationErrorMessage'
  | 'errorMessage'
  | 'errorResponseType'
  | 'authorizerError'
  | 'authorizerStatus'
  | 'responseLatencyMs'
  | 'integrationLatencyMs'
  | 'xrayTraceId'
  | 'integrationRequestId'
  | 'routeKey'
  | 'resourcePath'
  | 'path'
  | 'httpMethod'
  | 'ip'
  | 'apiId'
  | 'stage'
  | 'protocol'
  | 'requestTime'
  | 'requestTimeEpoch'
  | 'responseLength'
  | 'userAgent'
  | 'domainName';

/** A field a value goes to, and how much it is trusted there (0 best): integration.status beats integrationStatus. */
export interface FieldTarget {
  field: AccessLogField;
  rank: number;
}

/** $context variable (lower-cased, without "$context.") → the fields it fills. */
const CONTEXT_VARIABLE_TARGETS: Record<string, FieldTarget[]> = {
  requestid: [{ field: 'requestId', rank: 0 }],
  extendedrequestid: [{ field: 'extendedRequestId', rank: 0 }],
  status: [{ field: 'status', rank: 0 }],
  // For Lambda proxy integrations integration.status is what the function returned; integrationStatus is Lambda's own.
  'integration.status': [{ field: 'integrationStatus', rank: 0 }],
  integrationstatus: [{ field: 'integrationStatus', rank: 1 }],
  'integration.integrationstatus': [{ field: 'integrationStatus', rank: 2 }],
  'integration.error': [
    { field: 'integrationError', rank: 0 },
    { field: 'integrationErrorMessage', rank: 1 },
  ],
  integrationerrormessage: [
    { field: 'integrationErrorMessage', rank: 0 },
    { field: 'integrationError', rank: 1 },
  ],
  'error.message': [{ field: 'errorMessage', rank: 0 }],
  'error.messagestring': [{ field: 'errorMessage', rank: 1 }],
  'error.responsetype': [{ field: 'errorResponseType', rank: 0 }],
  'authorizer.error': [{ field: 'authorizerError', rank: 0 }],
  'authorize.error': [{ field: 'authorizerError', rank: 1 }],
  'authenticate.error': [{ field: 'authorizerError', rank: 2 }],
  'authorizer.status': [{ field: 'authorizerStatus', rank: 0 }],
  'authorizer.integrationstatus': [{ field: 'authorizerStatus', rank: 1 }],
  'authorize.status': [{ field: 'authorizerStatus', rank: 2 }],
  responselatency: [{ field: 'responseLatencyMs', rank: 0 }],
  integrationlatency: [{ field: 'integrationLatencyMs', rank: 0 }],
  'integration.latency': [{ field: 'integrationLatencyMs', rank: 1 }],
  xraytraceid: [{ field: 'xrayTraceId', rank: 0 }],
  'integration.requestid': [{ field: 'integrationRequestId', rank: 0 }],
  awsendpointrequestid: [{ field: 'integrationRequestId', rank: 1 }],
  routekey: [{ field: 'routeKey', rank: 0 }],
  resourcepath: [{ field: 'resourcePath', rank: 0 }],
  path: [{ field: 'path', rank: 0 }],
  httpmethod: [{ field: 'httpMethod', rank: 0 }],
  'identity.sourceip': [{ field: 'ip', rank: 0 }],
  apiid: [{ field: 'apiId', rank: 0 }],
  stage: [{ field: 'stage', rank: 0 }],
  protocol: [{ field: 'protocol', rank: 0 }],
  requesttime: [{ field: 'requestTime', rank: 0 }],
  requesttimeepoch: [{ field: 'requestTimeEpoch', rank: 0 }],
  responselength: [{ field: 'responseLength', rank: 0 }],
  'identity.useragent': [{ field: 'userAgent', rank: 0 }],
  domainname: [{ field: 'domainName', rank: 0 }],
};

/** fieldsOfContextVariable's answers: asked for every field of every access log record. */
const FIELDS_OF_VARIABLE = new Map<string, FieldTarget[]>();
const MAX_CACHED_VARIABLES = 4096;

/** The fields a $context variable fills ("$context.integration.status", "context.status" or "status"). */
export function fieldsOfContextVariable(variable: string): FieldTarget[] {
  let fields = FIELDS_OF_VARIABLE.get(variable);
  if (fields === undefined) {
    const name = variable.trim().replace(/^\$/, '').replace(/^context\./i, '').toLowerCase();
    fields = CONTEXT_VARIABLE_TARGETS[name] ?? [];
    if (FIELDS_OF_VARIABLE.size < MAX_CACHED_VARIABLES) FIELDS_OF_VARIABLE.set(variable, fields);
  }
  return fields;
}

/** Variables whose value is a number (or "-"); the rest are text. */
const NUMERIC_VARIABLES = new Set([
  'status', 'integrationstatus', 'integration.status', 'integration.integrationstatus', 'responselatency',
  'integrationlatency', 'integration.latency', 'responselength', 'requesttimeepoch', 'authorizer.status',
  'authorizer.integrationstatus', 'authorizer.latency', 'authorizer.integrationlatency', 'authorize.status',
  'authorize.latency', 'authenticate.status', 'authenticate.latency', 'dataprocessed', 'waf.status', 'waf.latency',
]);

/** Variables whose value never holds a space. */
const TOKEN_VARIABLES = new Set([
  'requestid', 'extendedrequestid', 'identity.sourceip', 'httpmethod', 'protocol', 'apiid', 'stage', 'xraytraceid',
  'integration.requestid', 'awsendpointrequestid', 'awsendpointrequestid2', 'error.responsetype', 'accountid',
  'domainname', 'domainprefix', 'deploymentid', 'resourceid', 'identity.accountid', 'identity.caller', 'identity.user',
  'identity.userarn', 'identity.apikey', 'identity.apikeyid', 'authorizer.principalid',
]);

/** One piece of a text template: literal text (whitespace runs match any whitespace) or a $context variable. */
export type TemplatePiece =
  | { literal: string; pattern: RegExp }
  | { variable: string; shape: 'number' | 'token' | 'text' };

export type CompiledAccessLogFormat =
  | {
      kind: 'json';
      source: string;
      /** Every $context variable the format names (lower-cased, without "$context."). */
      variables: string[];
      /** JSON key path (segments joined by "\u0000") → the variable its value holds. */
      variableByPath: ReadonlyMap<string, string>;
    }
  | {
      kind: 'text';
      source: string;
      variables: string[];
      /** The template cut into literals and variables; read a line with matchTextFormat. */
      pieces: TemplatePiece[];
    }
  | { kind: 'unusable'; source: string; variables: string[]; problem: string };

const VARIABLE = /\$context\.([A-Za-z0-9_.-]*[A-Za-z0-9_])/g;

export const PATH_SEPARATOR = '\u0000';

function normalizeVariable(name: string): string {
  return name.toLowerCase();
}

/** Compile `accessLogSettings.format` into a parser. Never throws; a format it cannot use comes back as kind "unusable". */
export function compileAccessLogFormat(format: string): CompiledAccessLogFormat {
  const source = typeof format === 'string' ? format : '';
  const template = source.replace(/(?:\\n|\r?\n)+$/, '').trim();
  const variables = [...template.matchAll(VARIABLE)].map((match) => normalizeVariable(match[1] ?? ''));
  if (template.length === 0) return { kind: 'unusable', source, variables, problem: 'empty access log format' };
  if (variables.length === 0) return { kind: 'unusable', source, variables, problem: 'the access log format names no $context variable' };

  if (template.startsWith('{')) {
    const json = compileJsonTemplate(template);
    if (json) return { kind: 'json', source, variables, variableByPath: json };
  }
  return { kind: 'text', source, variables, pieces: templatePieces(template) };
}

/** JSON templates: put a placeholder string where each variable goes (quoting bare ones), parse, map key paths. */
function compileJsonTemplate(template: string): Map<string, string> | undefined {
  const names: string[] = [];
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (inString && char === '\\') {
      out += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      out += char;
      continue;
    }
    if (char === '$' && template.startsWith('$context.', i)) {
      VARIABLE.lastIndex = i;
      const match = VARIABLE.exec(template);
      if (match && match.index === i && match[1] !== undefined) {
        const token = `@@V${names.length}@@`;
        names.push(normalizeVariable(match[1]));
        out += inString ? token : `"${token}"`;
        i += match[0].length - 1;
        continue;
      }
    }
    out += char;
  }
  VARIABLE.lastIndex = 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const map = new Map<string, string>();
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === 'string') {
      const only = /^@@V(\d+)@@$/.exec(value.trim());
      const name = only ? names[Number(only[1])] : undefined;
      if (name !== undefined) map.set(path.join(PATH_SEPARATOR), name);
      return;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  walk(parsed, []);
  return map.size > 0 ? map : undefined;
}

/** Text templates (CLF, CSV, XML, "key: value" lists) cut into literals and variables. */
function templatePieces(template: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  const literal = (text: string): void => {
    const source = text
      .split(/\s+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+');
    pieces.push({ literal: text, pattern: new RegExp(source, 'y') });
  };
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    const index = match.index ?? 0;
    if (index > last) literal(template.slice(last, index));
    const variable = normalizeVariable(match[1] ?? '');
    const shape = NUMERIC_VARIABLES.has(variable) ? 'number' : TOKEN_VARIABLES.has(variable) ? 'token' : 'text';
    pieces.push({ variable, shape });
    last = index + match[0].length;
  }
  if (last < template.length) literal(template.slice(last));
  return pieces;
}

const NUMBER_VALUE = /-?\d+(?:\.\d+)?|-/y;
/** Attempts one line may cost before it counts as not matching: lazy free-text fields could otherwise explode. */
const MATCH_BUDGET = 20_000;

/**
 * Read a line with a text format: variable (lower-cased, without "$context.") → raw value, or undefined when the
 * line is not in that format. Free text is matched shortest-first, like a lazy regex, within a fixed budget.
 */
export function matchTextFormat(format: Extract<CompiledAccessLogFormat, { kind: 'text' }>, line: string): Record<string, string> | undefined {
  if (typeof line !== 'string') return undefined;
  const pieces = format.pieces;
  const values: string[] = new Array<string>(pieces.length).fill('');
  let budget = MATCH_BUDGET;
  const text = line.replace(/\s+$/, '');
  const startAt = text.length - text.replace(/^\s+/, '').length;

  const literalLength = (piece: TemplatePiece | undefined, at: number): number | undefined => {
    if (!piece || !('literal' in piece)) return undefined;
    piece.pattern.lastIndex = at;
    const match = piece.pattern.exec(text);
    return match ? match[0].length : undefined;
  };

  const matchFrom = (index: number, at: number): boolean => {
    if (--budget <= 0) return false;
    const piece = pieces[index];
    if (piece === undefined) return at >= text.length;
    if ('literal' in piece) {
      const length = literalLength(piece, at);
      return length !== undefined && matchFrom(index + 1, at + length);
    }
    const next = pieces[index + 1];
    if (next === undefined) {
      const rest = text.slice(at);
      if (piece.shape === 'number' && !/^(?:-?\d+(?:\.\d+)?|-)$/.test(rest)) return false;
      if (piece.shape === 'token' && /\s/.test(rest)) return false;
      values[index] = rest;
      return true;
    }
    if (piece.shape === 'number') {
      NUMBER_VALUE.lastIndex = at;
      const match = NUMBER_VALUE.exec(text);
      if (!match) return false;
      values[index] = match[0];
      return matchFrom(index + 1, at + match[0].length);
    }
    for (let end = at; end <= text.length; end++) {
      if (--budget <= 0) return false;
      if (piece.shape === 'token' && end > at && /\s/.test(text.charAt(end - 1))) return false;
      if ('literal' in next && literalLength(next, end) === undefined) continue;
      values[index] = text.slice(at, end);
      if (matchFrom(index + 1, end)) return true;
    }
    return false;
  };

  if (!matchFrom(0, startAt)) return undefined;
  const out: Record<string, string> = {};
  pieces.forEach((piece, index) => {
    if ('variable' in piece && out[piece.variable] === undefined) out[piece.variable] = values[index] ?? '';
  });
  return out;
}
