import { accessLogEvent } from './accessLog.ts';
import { type Bundle, logPath } from './bundle.ts';
import { executionLogEvents } from './executionLog.ts';
import { apiGatewayLogStream } from './ids.ts';
import { type LambdaLogFormat, lambdaLogEvents } from './lambdaLog.ts';
import { filterLogEventsJson, getLogEventsJson, jsonLines, plainMessages, queryResultsJson, tailDetailed, tailShort } from './logFiles.ts';
import type { ApiRequest, Invocation, RawLogEvent } from './model.ts';
import type { Rng } from './rng.ts';

/** Writes the log layers of a bundle in the file format each scenario chooses. */

export type LogFileFormat =
  | 'filter-log-events'
  | 'query-results'
  | 'query-results-oldest-first'
  | 'jsonl'
  | 'jsonl-at'
  | 'text'
  | 'tail'
  | 'tail-short'
  /** One get-log-events file per log stream: logs/<group>/<stream>.json. */
  | 'streams';

export function writeLogFile(bundle: Bundle, rng: Rng, logGroup: string, events: RawLogEvent[], format: LogFileFormat, account: string): void {
  switch (format) {
    case 'filter-log-events':
      bundle.text(logPath(logGroup, 'json'), filterLogEventsJson(rng, events));
      return;
    case 'query-results':
    case 'query-results-oldest-first':
      bundle.text(logPath(logGroup, 'json'), queryResultsJson(rng, events, { account, newestFirst: format === 'query-results', withLog: true, withLogStream: true }));
      return;
    case 'jsonl':
      bundle.text(logPath(logGroup, 'jsonl'), jsonLines(events, 'plain'));
      return;
    case 'jsonl-at':
      bundle.text(logPath(logGroup, 'jsonl'), jsonLines(events, 'at'));
      return;
    case 'text':
      bundle.text(logPath(logGroup, 'log'), plainMessages(events));
      return;
    case 'tail':
      bundle.text(logPath(logGroup, 'txt'), tailDetailed(events));
      return;
    case 'tail-short':
      bundle.text(logPath(logGroup, 'txt'), tailShort(events));
      return;
    case 'streams': {
      const byStream = new Map<string, RawLogEvent[]>();
      for (const e of events) byStream.set(e.logStream, [...(byStream.get(e.logStream) ?? []), e]);
      for (const [stream, list] of byStream) bundle.text(logPath(logGroup, 'json', stream), getLogEventsJson(rng, list));
      return;
    }
  }
}

export interface ExecutionLogLayer {
  logGroup: string;
  format: LogFileFormat;
  dataTrace: boolean;
  tracing: boolean;
  receivedStyle?: 'status' | 'legacy';
  /** Requests whose lines are in the file (all by default). */
  include?: (req: ApiRequest) => boolean;
  streams: number;
  stageVariables?: Record<string, string>;
}

/** REST execution logs: API Gateway writes each request's lines to one of a few streams of the stage's group. */
export function executionLogs(rng: Rng, requests: ApiRequest[], layer: ExecutionLogLayer): RawLogEvent[] {
  const streams = Array.from({ length: layer.streams }, () => apiGatewayLogStream(rng));
  const out: RawLogEvent[] = [];
  for (const req of requests) {
    if (layer.include && !layer.include(req)) continue;
    const logStream = rng.pick(streams);
    const options = { dataTrace: layer.dataTrace, tracing: layer.tracing, logGroup: layer.logGroup, logStream, receivedStyle: layer.receivedStyle ?? 'status' };
    out.push(...executionLogEvents(rng, req, layer.stageVariables ? { ...options, stageVariables: layer.stageVariables } : options));
  }
  return out;
}

/** Access log records; a stage writes to a few streams of its destination group. */
export function accessLogs(rng: Rng, requests: ApiRequest[], format: string, logGroup: string, streams = 3): RawLogEvent[] {
  const names = Array.from({ length: streams }, () => apiGatewayLogStream(rng));
  return requests.map((req) => accessLogEvent(format, req, logGroup, rng.pick(names)));
}

export function lambdaLogs(invocations: Invocation[], format: LambdaLogFormat, region: string, style: 'modern' | 'legacy' = 'modern'): RawLogEvent[] {
  return invocations.flatMap((inv) => lambdaLogEvents(inv, { format, region, style }));
}

/** Events at or before the collection time (the bundle was recorded then). */
export function until(events: RawLogEvent[], cutoff: number): RawLogEvent[] {
  return events.filter((e) => e.timestamp <= cutoff);
}
