/**
 * Parses one CloudWatch Logs message of a Lambda function's log group into a LambdaLogRecord.
 *
 * Covers the platform's own lines (START/END/REPORT, INIT_START/INIT_REPORT, RESTORE_*, EXTENSION/TELEMETRY,
 * "Task timed out after", "RequestId: x Error: Runtime exited ...", the JSON system-log events
 * {"time","type":"platform.*","record"}) and the runtimes' own formats (Node.js, Python, Java, .NET text and JSON,
 * log4j2 with AWSRequestId, Powertools). The shapes and where each was found are listed in
 * LAMBDA_AND_XRAY_SHAPES.md beside this file. Never throws on data.
 */
import type { LambdaLogRecord } from '../model/records.ts';

type AppRecord = Extract<LambdaLogRecord, { kind: 'app' }>;
type Level = NonNullable<AppRecord['level']>;
type JsonObject = Record<string, unknown>;

/** A parsed record and whether the line's shape is Lambda's own (not just any application text). */
interface Parsed {
  record: LambdaLogRecord;
  distinct: boolean;
}

/** One message → record; `app` for ordinary text; null only for an empty message. */
export function parseLambdaLogLine(message: string): LambdaLogRecord | null {
  return parseMessage(message)?.record ?? null;
}

/** True only for lines whose shape is distinctly Lambda's (platform lines, the runtimes' own formats). */
export function looksLikeLambdaLog(message: string): boolean {
  return parseMessage(message)?.distinct ?? false;
}

/** The Lambda request id (awsRequestId) a line carries, in any of the formats, or undefined. */
export function lambdaRequestIdOf(message: string): string | undefined {
  const record = parseMessage(message)?.record;
  if (record === undefined || !('requestId' in record)) return undefined;
  return record.requestId === '' ? undefined : record.requestId;
}

function parseMessage(message: unknown): Parsed | undefined {
  if (typeof message !== 'string') return undefined;
  const text = message.replace(/^\uFEFF/, '').trim();
  if (text === '') return undefined;
  try {
    return parseText(text, 0);
  } catch {
    // A parser bug must not stop a diagnosis: the line is still evidence as plain text.
    return { record: { kind: 'app', text }, distinct: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------

function parseText(text: string, depth: number): Parsed {
  if (text.startsWith('{')) {
    const object = parseJsonObject(text);
    if (object !== undefined) return parseJsonLine(object, text, depth);
  }
  return (
    parsePlatformText(text) ??
    parseNodeText(text) ??
    parsePythonText(text) ??
    parsePythonUncaught(text) ??
    parseLog4jText(text) ??
    parsePlainApp(text)
  );
}

// ---------------------------------------------------------------------------------------------
// Platform lines in the plain-text system log format
// ---------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** "Runtime.ExitError", "Sandbox.Timedout": the error type Lambda appends on a line of its own. */
const TRAILING_PLATFORM_ERROR_TYPE = /(?:^|\s)((?:Runtime|Sandbox|Function|Extension)\.[A-Za-z]+)\s*$/;

function parsePlatformText(text: string): Parsed | undefined {
  // Every platform line starts with an upper-case word, except "Task timed out" with a time or
  // punctuation in front: the runtimes' own lines (a time first) skip the patterns that cannot match.
  const first = text.charCodeAt(0);
  if (first < 0x41 || first > 0x5a) return text.includes('Task timed out after') ? parseTimedOut(text) : undefined;
  let m = /^START RequestId:\s*(\S+)(?:\s+Version:\s*(\S+))?/.exec(text);
  if (m) return platform({ kind: 'start', requestId: m[1] ?? '', ...optional('version', m[2]) });

  m = /^END RequestId:\s*(\S+)/.exec(text);
  if (m) return platform({ kind: 'end', requestId: m[1] ?? '' });

  if (/^REPORT\s/.test(text)) return parseReportText(text);
  if (/^INIT_START\s/.test(text) || /^RESTORE_START\s/.test(text)) {
    return platform(compact({
      kind: 'init' as const,
      phase: 'start' as const,
      runtimeVersion: /Runtime Version:\s*(\S+)/.exec(text)?.[1],
      lambdaPhase: text.startsWith('RESTORE') ? 'restore' : undefined,
    }));
  }
  if (/^INIT_REPORT\s/.test(text) || /^RESTORE_REPORT\s/.test(text)) {
    return platform(compact({
      kind: 'init' as const,
      phase: 'report' as const,
      durationMs: numberFrom(/(?:Init|Restore) Duration:\s*([\d.]+)\s*ms/.exec(text)?.[1]),
      status: /Status:\s*([A-Za-z]+)/.exec(text)?.[1],
      errorType: /Error Type:\s*([\w.]+)/.exec(text)?.[1],
      lambdaPhase: /Phase:\s*([\w-]+)/.exec(text)?.[1] ?? (text.startsWith('RESTORE') ? 'restore' : undefined),
    }));
  }
  if (/^(?:EXTENSION|TELEMETRY|LOGS)\s+Name:/.test(text) || /^XRAY TraceId:/.test(text)) {
    return platform(compact({ kind: 'platform' as const, text, errorType: /Error Type:\s*([\w.]+)/.exec(text)?.[1] }));
  }

  const timedOut = text.includes('Task timed out after') ? parseTimedOut(text) : undefined;
  if (timedOut) return timedOut;

  // "RequestId: 00c4bc44-... Error: Runtime exited with error: signal: killed\nRuntime.ExitError"
  m = /^RequestId:\s*(\S+)\s+Error:/.exec(text);
  if (m) {
    return platform(compact({
      kind: 'platform' as const,
      requestId: requestIdOrUndefined(m[1]),
      text,
      errorType: TRAILING_PLATFORM_ERROR_TYPE.exec(text)?.[1],
    }));
  }
  if (
    /^(?:Runtime exited (?:with error|without providing a reason)|Process exited before completing request|Unknown application error occurred)/.test(text) ||
    /^(?:Runtime|Sandbox)\.[A-Za-z]+$/.test(text)
  ) {
    return platform(compact({ kind: 'platform' as const, text, errorType: TRAILING_PLATFORM_ERROR_TYPE.exec(text)?.[1] }));
  }
  return undefined;
}

// "2020-11-10T05:46:57.874Z 160788cd-... Task timed out after 3.07 seconds", the bare older form, and
// "RequestId: x Error: Task timed out after 3.00 seconds".
const TIMED_OUT = /^(?:\W*|\d{4}-\d\d-\d\dT\S+\s+(\S+)\s+|RequestId:\s*(\S+)\s+Error:\s*)Task timed out after\s+([\d.]+)\s*seconds/;

function parseTimedOut(text: string): Parsed | undefined {
  const m = TIMED_OUT.exec(text);
  if (!m) return undefined;
  return platform(compact({
    kind: 'platform' as const,
    requestId: requestIdOrUndefined(m[1] ?? m[2]),
    text,
    timeoutSeconds: numberFrom(m[3]),
    errorType: TRAILING_PLATFORM_ERROR_TYPE.exec(text)?.[1],
  }));
}

/** REPORT fields are tab-separated as Lambda writes them; pasted copies use spaces, so each is found by name. */
function parseReportText(text: string): Parsed {
  const requestId = /RequestId:\s*(\S+)/.exec(text)?.[1];
  if (requestId === undefined) {
    // Not a shape Lambda writes; keep it as a platform line rather than invent an id.
    return platform({ kind: 'platform', text });
  }
  return platform(compact({
    kind: 'report' as const,
    requestId,
    durationMs: numberFrom(/(?<!(?:Billed|Init|Restore)\s)Duration:\s*([\d.]+)\s*ms/.exec(text)?.[1]),
    billedDurationMs: numberFrom(/Billed Duration:\s*([\d.]+)\s*ms/.exec(text)?.[1]),
    memorySizeMb: numberFrom(/Memory Size:\s*(\d+)\s*MB/.exec(text)?.[1]),
    maxMemoryUsedMb: numberFrom(/Max Memory Used:\s*(\d+)\s*MB/.exec(text)?.[1]),
    initDurationMs: numberFrom(/Init Duration:\s*([\d.]+)\s*ms/.exec(text)?.[1]),
    status: /Status:\s*([A-Za-z]+)/.exec(text)?.[1],
    errorType: /Error Type:\s*([\w.]+)/.exec(text)?.[1],
    xrayTraceId: /XRAY TraceId:\s*([\w-]+)/.exec(text)?.[1],
  }));
}

// ---------------------------------------------------------------------------------------------
// JSON lines: system-log platform events and application logs in the JSON log format
// ---------------------------------------------------------------------------------------------

function parseJsonLine(object: JsonObject, raw: string, depth: number): Parsed {
  const type = object['type'];
  if (typeof type === 'string' && 'record' in object) {
    if (type.startsWith('platform.')) return parsePlatformEvent(type, object['record'], raw);
    // Telemetry API wrappers ({"time","type":"function","record":...}) carry a function log line.
    if ((type === 'function' || type === 'extension') && depth === 0) {
      const record = object['record'];
      if (typeof record === 'string' && record.trim() !== '') return parseText(record.trim(), depth + 1);
      if (isObject(record)) return parseJsonApp(record, JSON.stringify(record), depth + 1);
    }
  }
  return parseJsonApp(object, raw, depth);
}

function parsePlatformEvent(type: string, recordValue: unknown, raw: string): Parsed {
  const record = isObject(recordValue) ? recordValue : {};
  const requestId = requestIdOrUndefined(stringOf(record['requestId']));
  const status = stringOf(record['status']);
  const errorType = stringOf(record['errorType']);
  const metrics = isObject(record['metrics']) ? record['metrics'] : {};

  switch (type) {
    case 'platform.initStart':
    case 'platform.restoreStart':
      return platform(compact({
        kind: 'init' as const,
        phase: 'start' as const,
        runtimeVersion: stringOf(record['runtimeVersion']),
        lambdaPhase: type === 'platform.restoreStart' ? 'restore' : stringOf(record['phase']),
      }));
    case 'platform.initReport':
    case 'platform.restoreReport':
      return platform(compact({
        kind: 'init' as const,
        phase: 'report' as const,
        status,
        errorType,
        durationMs: numberOf(metrics['durationMs']),
        lambdaPhase: type === 'platform.restoreReport' ? 'restore' : stringOf(record['phase']),
      }));
    case 'platform.start':
      if (requestId !== undefined) return platform(compact({ kind: 'start' as const, requestId, version: stringOf(record['version']) }));
      break;
    case 'platform.end':
      if (requestId !== undefined) return platform({ kind: 'end', requestId });
      break;
    case 'platform.runtimeDone':
      // A successful runtimeDone is the JSON counterpart of END; any other status is a failure signal.
      if (requestId !== undefined && (status === undefined || status === 'success')) return platform({ kind: 'end', requestId });
      return platform(compact({ kind: 'platform' as const, requestId, text: `${type} status: ${status ?? 'unknown'}`, errorType }));
    case 'platform.report':
      if (requestId !== undefined) {
        return platform(compact({
          kind: 'report' as const,
          requestId,
          durationMs: numberOf(metrics['durationMs']),
          billedDurationMs: numberOf(metrics['billedDurationMs']),
          memorySizeMb: numberOf(metrics['memorySizeMB']),
          maxMemoryUsedMb: numberOf(metrics['maxMemoryUsedMB']),
          initDurationMs: numberOf(metrics['initDurationMs']),
          status,
          errorType,
          xrayTraceId: traceRootOf(record['tracing']),
        }));
      }
      break;
    case 'platform.logsDropped':
      return platform({
        kind: 'platform',
        text: `${type}: ${numberOf(record['droppedRecords']) ?? '?'} records (${numberOf(record['droppedBytes']) ?? '?'} bytes) dropped: ${stringOf(record['reason']) ?? ''}`.trim(),
      });
    case 'platform.fault': {
      // Logs API (2020) form: "record": "RequestId: d783b35e-... Process exited before completing request"
      const faultText = typeof recordValue === 'string' ? recordValue : raw;
      return platform(compact({
        kind: 'platform' as const,
        requestId: requestIdOrUndefined(/RequestId:\s*(\S+)/.exec(faultText)?.[1]),
        text: faultText,
        errorType: TRAILING_PLATFORM_ERROR_TYPE.exec(faultText)?.[1],
      }));
    }
    default:
      break;
  }
  return platform(compact({ kind: 'platform' as const, requestId, text: status === undefined ? raw : `${type} status: ${status}`, errorType }));
}

/** "Root=1-62e900b2-710d76f009d6e7785905449a;Parent=0efbd19962d95b05;Sampled=1" → the Root. */
function traceRootOf(tracing: unknown): string | undefined {
  if (!isObject(tracing)) return undefined;
  const value = stringOf(tracing['value']);
  return value === undefined ? undefined : /Root=([\w-]+)/.exec(value)?.[1];
}

const REQUEST_ID_KEYS = ['requestId', 'AWSRequestId', 'function_request_id', 'awsRequestId', 'aws_request_id'] as const;
const LEVEL_KEYS = ['level', 'log_level', 'levelname', 'severity', 'logLevel'] as const;

/**
 * An application line in the JSON log format (Node.js, Python, Java, .NET), Powertools, pino, or a runtime's
 * error document ({"errorMessage","errorType","stackTrace"}).
 */
function parseJsonApp(object: JsonObject, raw: string, depth: number): Parsed {
  const requestKey = REQUEST_ID_KEYS.find((key) => typeof object[key] === 'string');
  const requestId = requestKey === undefined ? undefined : requestIdOrUndefined(stringOf(object[requestKey]));
  const levelValue = LEVEL_KEYS.map((key) => object[key]).find((value) => value !== undefined);
  let level = normalizeLevel(levelValue);
  const messageValue = object['message'] ?? object['msg'];

  let error = errorOfJson(object);
  // console.error(err) in the Node JSON format nests the error document in "message".
  if (error === undefined && isObject(messageValue)) error = errorOfJson(messageValue);
  // A JSON string inside "message" (console.log(JSON.stringify(x)) under the JSON log format).
  let inner: Parsed | undefined;
  if (typeof messageValue === 'string' && messageValue.trimStart().startsWith('{') && depth === 0) {
    const innerObject = parseJsonObject(messageValue.trim());
    if (innerObject !== undefined) inner = parseJsonApp(innerObject, messageValue.trim(), depth + 1);
  }
  if (error === undefined && inner?.record.kind === 'app' && inner.record.errorType !== undefined) {
    error = { errorType: inner.record.errorType, errorMessage: inner.record.errorMessage, stackTrace: inner.record.stackTrace };
  }
  if (level === undefined && inner?.record.kind === 'app') level = inner.record.level;

  const isErrorDocument = typeof object['errorType'] === 'string' && typeof object['errorMessage'] === 'string';
  if (level === undefined && isErrorDocument) level = 'ERROR';

  let text: string;
  if (typeof messageValue === 'string') text = messageValue;
  else if (messageValue !== undefined && messageValue !== null && !isObject(messageValue)) text = String(messageValue);
  else if (error !== undefined) text = [error.errorType, error.errorMessage].filter((part) => part !== undefined && part !== '').join(': ') || raw;
  else text = raw;

  // Lambda's JSON format always writes a level beside requestId; a bare "requestId" key alone is also what
  // API Gateway access logs carry, so it is not enough.
  const distinct =
    (requestKey !== undefined && (levelValue !== undefined || requestKey !== 'requestId')) ||
    (isErrorDocument && (hasStack(object) || Object.keys(object).length <= 4));

  return { record: appRecord(text, level, requestId, error), distinct };
}

interface ErrorParts {
  errorType?: string | undefined;
  errorMessage?: string | undefined;
  stackTrace?: string[] | undefined;
}

/** The error fields of a JSON log object, in any of the shapes the runtimes, Powertools and pino write. */
function errorOfJson(object: JsonObject): ErrorParts | undefined {
  const errorType = stringOf(object['errorType']);
  const errorMessage = stringOf(object['errorMessage']);
  if (errorType !== undefined || errorMessage !== undefined) {
    return compact({ errorType, errorMessage, stackTrace: stackOf(object['stackTrace'] ?? object['stack'] ?? object['trace']) });
  }
  // Powertools for Python: logger.exception → "exception" (the formatted traceback) and "exception_name".
  const exceptionName = stringOf(object['exception_name']);
  const exception = stringOf(object['exception']);
  if (exceptionName !== undefined || exception !== undefined) {
    const lines = exception === undefined ? [] : splitLines(exception);
    const fromTraceback = lines.length > 0 ? extractErrorFromLines(lines, true) : undefined;
    return compact({
      errorType: exceptionName ?? fromTraceback?.errorType,
      errorMessage: fromTraceback?.errorMessage ?? stringOf(object['message']),
      stackTrace: fromTraceback?.stackTrace ?? (lines.length > 0 ? lines : undefined),
    });
  }
  // Powertools for TypeScript: "error": {name, location, message, stack}; pino: "err": {type, message, stack}.
  for (const key of ['error', 'err']) {
    const nested = object[key];
    if (isObject(nested)) {
      const nestedType = stringOf(nested['name']) ?? stringOf(nested['type']) ?? stringOf(nested['errorType']) ?? stringOf(nested['code']);
      const nestedMessage = stringOf(nested['message']) ?? stringOf(nested['errorMessage']);
      if (nestedType !== undefined || nestedMessage !== undefined) {
        return compact({ errorType: nestedType, errorMessage: nestedMessage, stackTrace: stackOf(nested['stack'] ?? nested['stackTrace']) });
      }
    }
  }
  return undefined;
}

function hasStack(object: JsonObject): boolean {
  return ['stackTrace', 'stack', 'trace'].some((key) => Array.isArray(object[key]));
}

/** Stack traces come as arrays of strings (Node, Python, Java), arrays of frames (Go), or one string. */
function stackOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    const lines = splitLines(value).filter((line) => line.trim() !== '');
    return lines.length > 0 ? lines : undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const lines: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      for (const line of splitLines(item)) if (line.trim() !== '') lines.push(line.replace(/\u00a0/g, ' ').trimEnd());
    } else if (isObject(item)) {
      const label = stringOf(item['label']) ?? '';
      const path = stringOf(item['path']) ?? '';
      const line = numberOf(item['line']);
      lines.push(`${label} (${path}${line === undefined ? '' : `:${line}`})`.trim());
    }
  }
  return lines.length > 0 ? lines : undefined;
}

// ---------------------------------------------------------------------------------------------
// Runtime text formats
// ---------------------------------------------------------------------------------------------

const ISO_Z = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z`;
/** Node.js (and .NET) text format: "<ISO time>\t<requestId>\t<LEVEL>\t<message>"; pasted copies use spaces. */
const NODE_TEXT = new RegExp(String.raw`^${ISO_Z}[\t ]+(\S+)[\t ]+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL|trce|dbug|info|warn|fail|crit)(?:\t|[ ]+|$)([\s\S]*)$`);
/** Node's textErrorLogger: "Invoke Error \t{...}", "Uncaught Exception \t{...}", "Unhandled Promise Rejection \t{...}". */
const NODE_ERROR_LABEL = /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s*/;

function parseNodeText(text: string): Parsed | undefined {
  const m = NODE_TEXT.exec(text);
  if (!m) return undefined;
  const requestId = requestIdOrUndefined(m[1]);
  const level = normalizeLevel(m[2]);
  const body = m[3] ?? '';
  const labelled = NODE_ERROR_LABEL.exec(body);
  if (labelled) {
    const document = parseJsonObject(body.slice(labelled[0].length).trim());
    const error = document === undefined ? undefined : errorOfJson(document);
    if (error !== undefined) return { record: appRecord(body, level, requestId, error), distinct: true };
  }
  return { record: appRecord(body, level, requestId, errorOfText(body, level)), distinct: true };
}

/** Python text format: "[LEVEL]\t<ISO time>\t<requestId>\t<message>" (the requestId is empty during init). */
const PYTHON_TEXT = new RegExp(String.raw`^\[(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)\][\t ]+${ISO_Z}\t([^\t]*)\t([\s\S]*)$`);
const PYTHON_TEXT_SPACED = new RegExp(String.raw`^\[(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|TRACE)\][\t ]+${ISO_Z}[ ]+(\S+)[ ]+([\s\S]*)$`);

function parsePythonText(text: string): Parsed | undefined {
  const m = PYTHON_TEXT.exec(text) ?? PYTHON_TEXT_SPACED.exec(text);
  if (!m) return undefined;
  const level = normalizeLevel(m[1]);
  const body = m[3] ?? '';
  return { record: appRecord(body, level, requestIdOrUndefined(m[2]), errorOfText(body, level)), distinct: true };
}

/**
 * The Python runtime's own line for an uncaught exception or an init failure:
 * "[ERROR] Runtime.ImportModuleError: Unable to import module 'app': No module named 'requests'\rTraceback ..."
 * (lines joined by \r on stdout, \n through the telemetry descriptor; frame indentation is U+00A0).
 */
function parsePythonUncaught(text: string): Parsed | undefined {
  const lines = splitLines(text);
  const first = lines[0] ?? '';
  const m = /^\[(ERROR|WARNING|WARN|CRITICAL)\] (?!\d{4}-)([A-Za-z_][\w.]*)(?::[ \t]?(.*))?$/.exec(first);
  if (!m) return undefined;
  const level = normalizeLevel(m[1]);
  const body = text.slice(text.indexOf(']') + 2);
  const type = m[2] ?? '';
  if (type === 'LAMBDA_WARNING') return { record: appRecord(body, level, undefined, undefined), distinct: true };

  const tracebackAt = lines.findIndex((line) => /^\s*Traceback \(most recent call last\):/.test(line));
  // The runtime always follows with a Traceback line; pasted one-liners keep only the first line, so accept
  // those when the word is an exception name ("[ERROR] Database: down" from an app's print() is not).
  const exceptionLike = ERROR_TYPE_SUFFIX.test(type.slice(type.lastIndexOf('.') + 1)) || /^(?:Runtime|Sandbox)\./.test(type) || /^[A-Z]\w*Warning$/.test(type);
  if (tracebackAt === -1 && !exceptionLike) return undefined;
  const messageLines = [m[3] ?? '', ...lines.slice(1, tracebackAt === -1 ? lines.length : tracebackAt)];
  const errorMessage = messageLines.join('\n').trim();
  const frames = tracebackAt === -1 ? [] : lines.slice(tracebackAt + 1).filter((line) => line.trim() !== '');
  const error: ErrorParts = compact({
    errorType: type,
    errorMessage: errorMessage === '' ? undefined : errorMessage,
    stackTrace: frames.length > 0 ? frames.map((line) => line.replace(/\u00a0/g, ' ').trimEnd()) : undefined,
  });
  return { record: appRecord(body, level, undefined, error), distinct: true };
}

/** log4j2 with Lambda's appender: "%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1}:%L - %m%n". */
const LOG4J_TEXT = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?Z?\s+(\S+)\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\b\s*([\s\S]*)$/;

function parseLog4jText(text: string): Parsed | undefined {
  const m = LOG4J_TEXT.exec(text);
  if (!m || !UUID.test(m[1] ?? '')) return undefined;
  const level = normalizeLevel(m[2]);
  const body = m[3] ?? '';
  return { record: appRecord(body, level, m[1], errorOfText(body, level)), distinct: true };
}

/** Anything else: the function's own output (stdout, a stack trace, a Ruby/Go error document, a V8 fatal). */
function parsePlainApp(text: string): Parsed {
  // V8 prints this itself when the heap limit is hit; no runtime prefix, but nothing else writes it.
  const heap = /FATAL ERROR: ([^\r\n]*JavaScript heap out of memory)/.exec(text);
  if (heap) return { record: appRecord(text, 'FATAL', undefined, { errorMessage: heap[1] }), distinct: true };
  if (/^LAMBDA_WARNING: /.test(text)) return { record: appRecord(text, 'WARN', undefined, undefined), distinct: true };

  const level = levelOfPlainText(text);
  return { record: appRecord(text, level, undefined, errorOfText(text, level)), distinct: false };
}

function levelOfPlainText(text: string): Level | undefined {
  const bracketed = /^\[?(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\]?(?=[\s:|-]|$)/.exec(text);
  if (bracketed) return normalizeLevel(bracketed[1]);
  const keyValue = /\blevel[=:]\s*"?([A-Za-z]+)/.exec(text);
  if (keyValue) return normalizeLevel(keyValue[1]);
  if (/^Exception in thread "/.test(text) || /^Traceback \(most recent call last\):/.test(text)) return 'ERROR';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Errors written as text: JS/Java stack traces, Python tracebacks, embedded error documents
// ---------------------------------------------------------------------------------------------

/** The error a text message carries, if any; ERROR/FATAL lines keep at least their text as errorMessage. */
function errorOfText(body: string, level: Level | undefined): ErrorParts | undefined {
  const embedded = embeddedErrorDocument(body);
  if (embedded !== undefined) return embedded;
  const lines = splitLines(body);
  const extracted = extractErrorFromLines(lines, level === 'ERROR' || level === 'FATAL');
  if (extracted !== undefined) return extracted;
  if (level === 'ERROR' || level === 'FATAL') {
    const trimmed = body.trim();
    return trimmed === '' ? undefined : { errorMessage: trimmed };
  }
  return undefined;
}

/** "Error raised from handler method\n{...}" (Ruby), "msg \t{"errorType":...}" — a runtime error document after some words. */
function embeddedErrorDocument(body: string): ErrorParts | undefined {
  const start = body.search(/(?:^|[\t\n\r ])\{\s*"(?:errorType|errorMessage)"/);
  if (start === -1) return undefined;
  const from = body.indexOf('{', start);
  const document = parseJsonObject(body.slice(from).trim());
  return document === undefined ? undefined : errorOfJson(document);
}

const FRAME = /^\s*at\s+\S|^\s*\.\.\. \d+ more\s*$|^[\s\u00a0]+File "/;
const TRACEBACK = /^\s*Traceback \(most recent call last\):\s*$/;
const ERROR_TYPE_SUFFIX = /(?:Error|Exception|Throwable|Fault|Rejection|Denied|Timeout|Exit)$/;
/** Candidate "<Type>: " headers: "Error: boom", "AssertionError [ERR_ASSERTION]: ...", "java.lang.OutOfMemoryError: ...". */
const HEADER = /(?:^|[\s"'(\[])((?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$][\w$]*)(?: \[[A-Z0-9_]+\])?:(?=\s|$)/g;

/**
 * Finds an exception in text lines. A Python traceback names the exception on its last line; a JS or Java trace
 * on the line before its first "at" frame. Without a trace, a header is trusted at the start of the text, or
 * anywhere when the line was logged at ERROR.
 */
function extractErrorFromLines(lines: string[], errorLevel: boolean): ErrorParts | undefined {
  // With chained exceptions ("During handling of the above exception...") the last traceback names what was raised.
  const tracebackAt = lines.findLastIndex((line) => TRACEBACK.test(line));
  if (tracebackAt !== -1) {
    const python = pythonTraceback(lines, tracebackAt);
    if (python !== undefined) return python;
  }
  const firstFrame = lines.findIndex((line) => /^\s*at\s+\S/.test(line));
  const searchUntil = firstFrame === -1 ? Math.min(lines.length, 1) : firstFrame;
  for (let index = 0; index < searchUntil; index++) {
    const line = lines[index] ?? '';
    const header = findHeader(line, firstFrame !== -1 || errorLevel);
    if (header === undefined) continue;
    const continuation = firstFrame === -1 ? [] : lines.slice(index + 1, firstFrame).filter((l) => !/^\s*Caused by: /.test(l));
    const message = [header.rest, ...continuation].join('\n').trim();
    const frames = firstFrame === -1 ? [] : lines.slice(firstFrame).filter((l) => FRAME.test(l) || /^\s*Caused by: /.test(l));
    return compact({
      errorType: header.type,
      errorMessage: message === '' ? undefined : message,
      stackTrace: frames.length > 0 ? frames.map((l) => l.trimEnd()) : undefined,
    });
  }
  // Java 8's runtime writes "<message>: <exception class>" on the first line ("Class not found: x: java.lang.ClassNotFoundException").
  const javaSuffix = /^(.*): ((?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))\s*$/.exec(lines[0] ?? '');
  if (javaSuffix) return { errorType: javaSuffix[2], errorMessage: javaSuffix[1] };
  return undefined;
}

function findHeader(line: string, anywhere: boolean): { type: string; rest: string } | undefined {
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(line); m !== null; m = HEADER.exec(line)) {
    const type = m[1] ?? '';
    const lastSegment = type.slice(type.lastIndexOf('.') + 1);
    const atStart = line.slice(0, m.index).trim() === '' || /^Exception in thread "[^"]*"\s*$/.test(line.slice(0, m.index + 1).trim());
    if (ERROR_TYPE_SUFFIX.test(lastSegment) && (anywhere || atStart)) {
      return { type, rest: line.slice(m.index + m[0].length).trim() };
    }
  }
  return undefined;
}

function pythonTraceback(lines: string[], tracebackAt: number): ErrorParts | undefined {
  const frames: string[] = [];
  let index = tracebackAt + 1;
  // Frames are indented ("  File ..." and the source line under it); the exception line is not.
  while (index < lines.length && /^[\s\u00a0]/.test(lines[index] ?? '')) {
    frames.push((lines[index] ?? '').replace(/\u00a0/g, ' ').trimEnd());
    index++;
  }
  const exceptionLine = lines[index];
  if (exceptionLine === undefined) return undefined;
  const m = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/.exec(exceptionLine.trim());
  if (!m) return undefined;
  const following: string[] = [];
  for (const line of lines.slice(index + 1)) {
    if (line.trim() === '' || TRACEBACK.test(line)) break;
    following.push(line);
  }
  const message = [m[2] ?? '', ...following].join('\n').trim();
  return compact({
    errorType: m[1],
    errorMessage: message === '' ? undefined : message,
    stackTrace: frames.length > 0 ? frames : undefined,
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function platform(record: LambdaLogRecord): Parsed {
  return { record, distinct: true };
}

function appRecord(text: string, level: Level | undefined, requestId: string | undefined, error: ErrorParts | undefined): AppRecord {
  return compact({
    kind: 'app' as const,
    requestId: requestIdOrUndefined(requestId),
    level,
    text,
    errorType: error?.errorType,
    errorMessage: error?.errorMessage,
    stackTrace: error?.stackTrace,
  });
}

/** Log levels as the runtimes, .NET, Python logging, Powertools and pino spell them. */
function normalizeLevel(value: unknown): Level | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // pino/bunyan numbers (10 trace … 60 fatal), the usual numeric levels in Node functions.
    if (value <= 10) return 'TRACE';
    if (value <= 20) return 'DEBUG';
    if (value <= 30) return 'INFO';
    if (value <= 40) return 'WARN';
    if (value <= 50) return 'ERROR';
    return 'FATAL';
  }
  if (typeof value !== 'string') return undefined;
  switch (value.trim().toUpperCase()) {
    case 'TRACE': case 'TRCE': case 'VERBOSE': return 'TRACE';
    case 'DEBUG': case 'DBUG': return 'DEBUG';
    case 'INFO': case 'INFORMATION': case 'NOTICE': case 'LOG': return 'INFO';
    case 'WARN': case 'WARNING': return 'WARN';
    case 'ERROR': case 'ERR': case 'FAIL': return 'ERROR';
    case 'FATAL': case 'CRITICAL': case 'CRIT': case 'ALERT': case 'EMERG': case 'EMERGENCY': case 'PANIC': return 'FATAL';
    default: return undefined;
  }
}

/** Node prints "undefined" for the request id of lines written during init. */
function requestIdOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'undefined' || trimmed === 'null' ? undefined : trimmed;
}

function parseJsonObject(text: string): JsonObject | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return numberFrom(value);
  return undefined;
}

function numberFrom(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Drops keys whose value is undefined, so records hold only what the line said. */
function compact<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}
