/**
 * Lambda log lines for one invocation, in the runtime's text or JSON log format.
 * Text: START/END/REPORT platform lines with tab separators and the XRAY line after REPORT; Node's
 * "<iso>\t<id>\tINFO\t<msg>" and Python's "[INFO]\t<iso>\t<id>\t<msg>". JSON (LoggingConfig.LogFormat=JSON):
 * {"timestamp","level","requestId","message"} and platform events {"time","type":"platform.start"|"platform.report",
 * "record":{...}} as in a public CloudWatch capture (tenner-notifier, 2026) found with the code index.
 */
import type { LogLine } from './logFiles.ts';
import type { Random } from './random.ts';
import { isoMillis } from './timeFormats.ts';

export type LambdaLogFormat = 'node-text' | 'node-json' | 'python-text' | 'python-json';

export interface FunctionShape {
  name: string;
  arn: string;
  runtime: string;
  /** "nodejs:20.v32" */
  runtimeVersion: string;
  memoryMb: number;
  timeoutSeconds: number;
  format: LambdaLogFormat;
  tracing: boolean;
}

export interface Invocation {
  requestId: string;
  start: number;
  durationMs: number;
  maxMemoryMb: number;
  coldStartMs?: number;
  stream: string;
  traceId?: string;
  segmentId?: string;
  /** App lines: offset in ms after start, level, text. */
  app: { at: number; level: 'INFO' | 'WARN' | 'ERROR' | 'DEBUG'; text: string }[];
  /** "timeout" when the function ran out its own timeout. */
  status?: 'success' | 'timeout' | 'error';
}

export function lambdaGroup(fn: FunctionShape): string {
  return `/aws/lambda/${fn.name}`;
}

const runtimeVersionArn = (rng: Random): string => `arn:aws:lambda:us-east-1::runtime:${rng.hex(64)}`;

export function invocationLines(fn: FunctionShape, inv: Invocation, rng: Random): LogLine[] {
  const group = lambdaGroup(fn);
  const lines: LogLine[] = [];
  const push = (timestamp: number, message: string): void => {
    lines.push({ timestamp, message, group, stream: inv.stream });
  };
  const initStart = inv.coldStartMs === undefined ? undefined : inv.start - inv.coldStartMs;
  const billed = Math.ceil(inv.durationMs);
  const end = inv.start + inv.durationMs;
  const json = fn.format === 'node-json' || fn.format === 'python-json';

  if (json) {
    if (initStart !== undefined) {
      push(initStart, JSON.stringify({
        time: isoMillis(initStart),
        type: 'platform.initStart',
        record: {
          initializationType: 'on-demand',
          phase: 'init',
          runtimeVersion: fn.runtimeVersion,
          runtimeVersionArn: runtimeVersionArn(rng),
          functionName: fn.name,
          functionVersion: '$LATEST',
        },
      }));
    }
    push(inv.start, JSON.stringify({ time: isoMillis(inv.start), type: 'platform.start', record: { requestId: inv.requestId, functionArn: fn.arn, version: '$LATEST' } }));
    for (const app of inv.app) {
      const t = inv.start + app.at;
      if (fn.format === 'python-json') {
        push(t, JSON.stringify({ timestamp: isoMillis(t).replace(/\.\d{3}Z$/, 'Z'), level: app.level === 'WARN' ? 'WARNING' : app.level, message: app.text, logger: 'root', requestId: inv.requestId }));
      } else {
        push(t, JSON.stringify({ timestamp: isoMillis(t), level: app.level, requestId: inv.requestId, message: app.text }));
      }
    }
    const metrics: Record<string, number> = {
      durationMs: inv.durationMs,
      billedDurationMs: billed,
      memorySizeMB: fn.memoryMb,
      maxMemoryUsedMB: inv.maxMemoryMb,
    };
    if (inv.coldStartMs !== undefined) metrics['initDurationMs'] = inv.coldStartMs;
    const record: Record<string, unknown> = { requestId: inv.requestId, metrics };
    if (inv.traceId) record['tracing'] = { spanId: inv.segmentId ?? rng.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${inv.traceId};Parent=${rng.hex(16)};Sampled=1` };
    record['status'] = inv.status ?? 'success';
    if (inv.status === 'timeout') record['errorType'] = 'Sandbox.Timedout';
    push(end, JSON.stringify({ time: isoMillis(end), type: 'platform.report', record }));
    return lines;
  }

  if (initStart !== undefined) {
    push(initStart, `INIT_START Runtime Version: ${fn.runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn(rng)}\n`);
  }
  push(inv.start, `START RequestId: ${inv.requestId} Version: $LATEST\n`);
  for (const app of inv.app) {
    const t = inv.start + app.at;
    if (fn.format === 'python-text') {
      const level = app.level === 'WARN' ? 'WARNING' : app.level;
      push(t, `[${level}]\t${isoMillis(t)}\t${inv.requestId}\t${app.text}\n`);
    } else {
      push(t, `${isoMillis(t)}\t${inv.requestId}\t${app.level}\t${app.text}\n`);
    }
  }
  if (inv.status === 'timeout') {
    push(end, `${isoMillis(end)} ${inv.requestId} Task timed out after ${(inv.durationMs / 1000).toFixed(2)} seconds\n\n`);
  }
  push(end, `END RequestId: ${inv.requestId}\n`);
  let report = `REPORT RequestId: ${inv.requestId}\tDuration: ${inv.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${fn.memoryMb} MB\tMax Memory Used: ${inv.maxMemoryMb} MB\t`;
  if (inv.coldStartMs !== undefined) report += `Init Duration: ${inv.coldStartMs.toFixed(2)} ms\t`;
  if (inv.status === 'timeout') report += 'Status: timeout\t';
  if (fn.tracing && inv.traceId) report += `\nXRAY TraceId: ${inv.traceId}\tSegmentId: ${inv.segmentId ?? rng.hex(16)}\tSampled: true\t`;
  push(end, `${report}\n`);
  return lines;
}

/** Node's "Invoke Error" line for an error that escaped the handler (text format). */
export function nodeInvokeError(errorType: string, errorMessage: string, stack: string[]): string {
  return `Invoke Error \t${JSON.stringify({ errorType, errorMessage, stack: [`${errorType}: ${errorMessage}`, ...stack] })}`;
}
