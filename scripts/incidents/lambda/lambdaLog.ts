import { createHash } from 'node:crypto';
import type { AppLog, ErrorInfo, Invocation, RawLogEvent } from './model.ts';
import { pythonJson } from './simulate.ts';
import { isoMillis } from './time.ts';

/**
 * Renders one invocation as the CloudWatch Logs events Lambda writes for it, per runtime and log format.
 * Shapes (sources in the bundles' README files):
 * - START/END/REPORT/INIT_START/INIT_REPORT text lines: Lambda docs "monitoring-cloudwatchlogs-logformat"; REPORT with
 *   "Status: timeout" / "Status: error\tError Type: Runtime.OutOfMemory" and the "XRAY TraceId" line from public logs.
 * - Node text "Invoke Error \t{...}" and "Uncaught Exception \t{...}": aws-lambda-nodejs-runtime-interface-client
 *   src/Errors.js (toFormatted) and LogPatch.js; JSON format from LogPatch.js formatJsonMessage.
 * - Python text "[ERROR] Type: msg\nTraceback..." with NBSP indentation and JSON format: aws-lambda-python-runtime-interface-client
 *   awslambdaric/bootstrap.py (log_error) and lambda_runtime_log_utils.py (JsonFormatter).
 * - Java "msg: type\ntrace": aws-lambda-java-runtime-interface-client UserFault.reportableError.
 */

export type LambdaLogFormat = 'node-text' | 'node-json' | 'python-text' | 'python-json' | 'java-text';

export interface LambdaLogOptions {
  format: LambdaLogFormat;
  region: string;
  /** 'modern' (2023+): REPORT carries Status for timeouts/platform errors; 'legacy': "Task timed out after" line, no Status. */
  style?: 'modern' | 'legacy';
}

const NBSP = '\u00a0';

export function runtimeVersionArn(region: string, runtimeVersion: string): string {
  const digest = createHash('sha256').update(runtimeVersion).digest('hex');
  return `arn:aws:lambda:${region}::runtime:${digest}`;
}

export function lambdaLogEvents(inv: Invocation, options: LambdaLogOptions): RawLogEvent[] {
  const json = options.format === 'node-json' || options.format === 'python-json';
  const lines = json ? jsonFormatLines(inv, options) : textFormatLines(inv, options);
  return lines.map(([timestamp, message]) => ({ timestamp, message, logGroup: inv.logGroup, logStream: inv.logStream }));
}

type Line = [number, string];

function endTime(inv: Invocation): number {
  return inv.start + Math.ceil(inv.durationMs);
}

function textFormatLines(inv: Invocation, options: LambdaLogOptions): Line[] {
  const out: Line[] = [];
  const style = options.style ?? 'modern';
  const initStartLine = `INIT_START Runtime Version: ${inv.runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn(options.region, inv.runtimeVersion)}\n`;
  if (inv.end.kind === 'init-error') {
    // INIT_START, the failed init phase, then the invoke-phase retry inside the invocation (its Duration covers it).
    const initStart = inv.initStart ?? inv.start - 200;
    const phase = inv.initPhaseDurationMs ?? 150;
    const retry = inv.initDurationMs ?? 150;
    const type = inv.end.error.type;
    out.push([initStart, initStartLine]);
    out.push([initStart + Math.ceil(phase) - 6, initErrorLine(inv.end.error, options.format, initStart + Math.ceil(phase) - 6)]);
    out.push([initStart + Math.ceil(phase), `INIT_REPORT Init Duration: ${phase.toFixed(2)} ms\tPhase: init\tStatus: error\tError Type: ${type}\n`]);
    const readyAt = inv.start + Math.ceil(retry);
    out.push([readyAt - 5, initErrorLine(inv.end.error, options.format, readyAt - 5)]);
    out.push([readyAt, `INIT_REPORT Init Duration: ${retry.toFixed(2)} ms\tPhase: invoke\tStatus: error\tError Type: ${type}\n`]);
    out.push([readyAt, `START RequestId: ${inv.requestId} Version: ${inv.version}\n`]);
    out.push([readyAt + 1, `Unknown application error occurred\n${type}\n`]);
    out.push([endTime(inv), `END RequestId: ${inv.requestId}\n`]);
    out.push([endTime(inv), reportLine(inv, style)]);
    return out;
  }
  if (inv.initStart !== undefined) out.push([inv.initStart, initStartLine]);
  out.push([inv.start, `START RequestId: ${inv.requestId} Version: ${inv.version}\n`]);
  for (const log of inv.appLogs) out.push([inv.start + log.offsetMs, appTextLine(inv, log, options.format)]);
  const end = endTime(inv);
  if (inv.end.kind === 'unhandled') out.push([end - 1, unhandledTextLine(inv, inv.end.error, options.format, end - 1)]);
  if (inv.end.kind === 'oom-killed') out.push([end, `RequestId: ${inv.requestId} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`]);
  out.push([end, `END RequestId: ${inv.requestId}\n`]);
  out.push([end, reportLine(inv, style)]);
  if (inv.end.kind === 'timeout' && style === 'legacy') {
    out.push([end, `${isoMillis(end)} ${inv.requestId} Task timed out after ${(inv.durationMs / 1000).toFixed(2)} seconds\n`]);
  }
  return out;
}

function reportLine(inv: Invocation, style: 'modern' | 'legacy'): string {
  // Before 2023 a timed-out invocation was billed the timeout itself ("Duration: 3071.27 ms\tBilled Duration: 3000 ms").
  const billed = style === 'legacy' && inv.end.kind === 'timeout' ? Math.floor(inv.durationMs / 1000) * 1000 : inv.billedDurationMs;
  let line = `REPORT RequestId: ${inv.requestId}\tDuration: ${inv.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${inv.memorySizeMb} MB\tMax Memory Used: ${inv.maxMemoryUsedMb} MB\t`;
  if (inv.initDurationMs !== undefined && inv.end.kind !== 'init-error') line += `Init Duration: ${inv.initDurationMs.toFixed(2)} ms\t`;
  const status = style === 'modern' ? reportStatus(inv) : undefined;
  line += status !== undefined ? `${status}\n` : '\n';
  if (inv.traceId !== undefined && inv.segmentId !== undefined) {
    line += `XRAY TraceId: ${inv.traceId}\tSegmentId: ${inv.segmentId}\tSampled: true\t\n`;
  }
  return line;
}

function reportStatus(inv: Invocation): string | undefined {
  switch (inv.end.kind) {
    case 'timeout':
      return 'Status: timeout';
    case 'oom-killed':
      return 'Status: error\tError Type: Runtime.OutOfMemory';
    case 'init-error':
      return `Status: error\tError Type: ${inv.end.error.type}`;
    default:
      return undefined;
  }
}

function appTextLine(inv: Invocation, log: AppLog, format: LambdaLogFormat): string {
  const at = isoMillis(inv.start + log.offsetMs);
  if (log.raw === true) return `${log.text}\n`;
  switch (format) {
    case 'python-text': {
      const level = log.level === 'WARN' ? 'WARNING' : log.level === 'FATAL' ? 'CRITICAL' : log.level;
      const head = `[${level}]\t${at}\t${inv.requestId}\t${log.text}\n`;
      return log.error ? `${head}${pythonTraceback(log.error, ' ')}\n` : head;
    }
    case 'java-text': {
      const stamp = at.replace('T', ' ').replace(/\.\d{3}Z$/, '');
      const head = `${stamp} ${inv.requestId} ${log.level.padEnd(5)} ${javaLoggerName(inv.functionName)} - ${log.text}\n`;
      return log.error ? `${head}${log.error.type}: ${log.error.message}\n${log.error.stack.map((s) => `\tat ${s}`).join('\n')}\n` : head;
    }
    default: {
      // util.format(msg, err) prints the error's stack after the message.
      const text = log.error ? `${log.text} ${nodeStack(log.error)}` : log.text;
      return `${at}\t${inv.requestId}\t${log.level}\t${text}\n`;
    }
  }
}

function javaLoggerName(functionName: string): string {
  return functionName.split('-').map((p) => (p[0] ?? '').toUpperCase() + p.slice(1)).join('').replace(/Fn$/, 'Handler');
}

function nodeStack(error: ErrorInfo): string {
  const entries = Object.entries(error.props ?? {});
  const props = entries.length > 0 ? ` {\n${entries.map(([k, v]) => `  ${k}: ${typeof v === 'number' ? v : `'${v}'`}`).join(',\n')}\n}` : '';
  return `${error.stack.join('\n')}${props}`;
}

function nodeErrorDocument(error: ErrorInfo, stackKey: 'stack' | 'stackTrace'): Record<string, unknown> {
  const doc: Record<string, unknown> = { errorType: error.type, errorMessage: error.message };
  if (error.code !== undefined) doc['code'] = error.code;
  doc[stackKey] = error.stack;
  return doc;
}

function unhandledTextLine(inv: Invocation, error: ErrorInfo, format: LambdaLogFormat, at: number): string {
  switch (format) {
    case 'python-text':
      return `[ERROR] ${error.type}: ${error.message}\nTraceback (most recent call last):\n${pythonTraceback(error, NBSP)}`;
    case 'java-text':
      return `${error.message}: ${error.type}\n${error.type}: ${error.message}\n${error.stack.map((s) => `\tat ${s}`).join('\n')}\n\n`;
    default:
      return `${isoMillis(at)}\t${inv.requestId}\tERROR\tInvoke Error \t${JSON.stringify(nodeErrorDocument(error, 'stack'))}\n`;
  }
}

function initErrorLine(error: ErrorInfo, format: LambdaLogFormat, at: number): string {
  if (format === 'python-text') {
    return `[ERROR] ${error.type}: ${error.message}\nTraceback (most recent call last):`;
  }
  return `${isoMillis(at)}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(nodeErrorDocument(error, 'stack'))}\n`;
}

/** Python traceback lines; the runtime replaces leading spaces with NBSP for unhandled errors, logging keeps spaces. */
function pythonTraceback(error: ErrorInfo, indent: string): string {
  const lines: string[] = [];
  for (const element of error.stack) {
    for (const line of element.split('\n')) {
      if (line === '') continue;
      const lead = line.length - line.trimStart().length;
      lines.push(indent.repeat(lead) + line.trimStart());
    }
  }
  if (indent === NBSP) return lines.join('\n');
  return `Traceback (most recent call last):\n${lines.join('\n')}\n${error.qualifiedType ?? error.type}: ${error.message}`;
}

/** Platform events print durations as doubles: "durationMs":10000.0, not 10000. */
function platformJson(value: unknown): string {
  return JSON.stringify(value).replace(/"(durationMs|initDurationMs)":(-?\d+)(?=[,}])/g, '"$1":$2.0');
}

function jsonFormatLines(inv: Invocation, options: LambdaLogOptions): Line[] {
  const out: Line[] = [];
  const end = endTime(inv);
  const tracing = inv.traceId !== undefined && inv.segmentId !== undefined
    ? { spanId: inv.segmentId, type: 'X-Amzn-Trace-Id', value: `Root=${inv.traceId};Parent=${inv.segmentId};Sampled=1` }
    : undefined;
  if (inv.initStart !== undefined) {
    out.push([inv.initStart, platformJson({
      time: isoMillis(inv.initStart),
      type: 'platform.initStart',
      record: {
        initializationType: 'on-demand',
        phase: 'init',
        runtimeVersion: inv.runtimeVersion,
        runtimeVersionArn: runtimeVersionArn(options.region, inv.runtimeVersion),
        functionName: inv.functionName,
        functionVersion: inv.version,
      },
    })]);
  }
  const startRecord: Record<string, unknown> = { requestId: inv.requestId, version: inv.version };
  if (tracing) startRecord['tracing'] = tracing;
  out.push([inv.start, platformJson({ time: isoMillis(inv.start), type: 'platform.start', record: startRecord })]);
  for (const log of inv.appLogs) out.push([inv.start + log.offsetMs, appJsonLine(inv, log, options.format)]);
  if (inv.end.kind === 'unhandled') out.push([end - 1, unhandledJsonLine(inv, inv.end.error, options.format, end - 1)]);
  const status = inv.end.kind === 'success' ? 'success' : inv.end.kind === 'timeout' ? 'timeout' : 'error';
  out.push([end, platformJson({
    time: isoMillis(end),
    type: 'platform.runtimeDone',
    record: { requestId: inv.requestId, status, metrics: { durationMs: inv.durationMs, producedBytes: status === 'success' ? 180 : 0 } },
  })]);
  const metrics: Record<string, number> = {
    durationMs: inv.durationMs,
    billedDurationMs: inv.billedDurationMs,
    memorySizeMB: inv.memorySizeMb,
    maxMemoryUsedMB: inv.maxMemoryUsedMb,
  };
  if (inv.initDurationMs !== undefined) metrics['initDurationMs'] = inv.initDurationMs;
  const record: Record<string, unknown> = { requestId: inv.requestId, metrics };
  if (tracing) record['tracing'] = tracing;
  record['status'] = status;
  if (inv.end.kind === 'oom-killed') record['errorType'] = 'Runtime.OutOfMemory';
  out.push([end + 1, platformJson({ time: isoMillis(end + 1), type: 'platform.report', record })]);
  return out;
}

function appJsonLine(inv: Invocation, log: AppLog, format: LambdaLogFormat): string {
  const at = isoMillis(inv.start + log.offsetMs);
  if (format === 'python-json') {
    const level = log.level === 'WARN' ? 'WARNING' : log.level;
    const doc: Record<string, unknown> = { timestamp: at, level, message: log.text, logger: 'root' };
    if (log.error) {
      doc['stackTrace'] = log.error.stack;
      doc['errorType'] = log.error.type;
      doc['errorMessage'] = log.error.message;
    }
    doc['requestId'] = inv.requestId;
    if (log.error) doc['location'] = '/var/task/app.py:handler:58';
    return pythonJson(doc);
  }
  const doc: Record<string, unknown> = { timestamp: at, level: log.level, requestId: inv.requestId, message: log.error ? `${log.text} ${log.error.type}: ${log.error.message}` : log.text };
  if (log.error) {
    doc['errorType'] = log.error.type;
    doc['errorMessage'] = log.error.message;
    doc['stackTrace'] = log.error.stack;
  }
  return JSON.stringify(doc);
}

function unhandledJsonLine(inv: Invocation, error: ErrorInfo, format: LambdaLogFormat, at: number): string {
  if (format === 'python-json') {
    // bootstrap.log_error: time.strftime("%Y-%m-%dT%H:%M:%S"), no milliseconds, no zone.
    return pythonJson({
      timestamp: isoMillis(at).replace(/\.\d{3}Z$/, ''),
      level: 'ERROR',
      errorMessage: error.message,
      errorType: error.type,
      requestId: inv.requestId,
      stackTrace: error.stack,
    });
  }
  return JSON.stringify({ timestamp: isoMillis(at), level: 'ERROR', requestId: inv.requestId, message: nodeErrorDocument(error, 'stackTrace') });
}

/** The error document the Invoke API returns for an unhandled error, as each runtime serialises it. */
export function functionErrorPayload(error: ErrorInfo, runtime: 'node' | 'python' | 'java', requestId: string): string {
  if (runtime === 'python') return pythonJson({ errorMessage: error.message, errorType: error.type, requestId, stackTrace: error.stack });
  if (runtime === 'java') return JSON.stringify({ errorMessage: error.message, errorType: error.type, stackTrace: error.stack });
  return JSON.stringify({ errorType: error.type, errorMessage: error.message, trace: error.stack });
}
