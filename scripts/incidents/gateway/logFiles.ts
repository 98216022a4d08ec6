/**
 * Renders CloudWatch Logs events the way the AWS CLI prints them, one function per output shape.
 * Shapes: `aws logs filter-log-events`, `get-log-events`, `get-query-results`, `aws logs tail`
 * (detailed and --format short), JSON Lines in both key styles, and plain text.
 */
import { logEventId, type Random } from './random.ts';
import { insightsTimestamp, tailLongTimestamp, tailShortTimestamp } from './timeFormats.ts';

export interface LogLine {
  timestamp: number;
  message: string;
  group: string;
  stream: string;
}

export const ACCOUNT_ID = '123456789012';
export const REGION = 'us-east-1';

export function sortLines(lines: readonly LogLine[]): LogLine[] {
  // Stable by time, so lines of one request keep their order.
  return lines.map((line, index) => ({ line, index }))
    .sort((a, b) => a.line.timestamp - b.line.timestamp || a.index - b.index)
    .map((entry) => entry.line);
}

/** `aws logs filter-log-events --output json` (pretty-printed, as the CLI does). */
export function filterLogEventsJson(lines: readonly LogLine[], rng: Random): string {
  const events = sortLines(lines).map((line) => ({
    logStreamName: line.stream,
    timestamp: line.timestamp,
    message: line.message,
    ingestionTime: line.timestamp + rng.int(180, 1900),
    eventId: logEventId(rng),
  }));
  return `${JSON.stringify({ events, searchedLogStreams: [] }, null, 4)}\n`;
}

/** `aws logs get-log-events` for one stream: no logStreamName per event, forward/backward tokens. */
export function getLogEventsJson(lines: readonly LogLine[], rng: Random): string {
  const events = sortLines(lines).map((line) => ({
    timestamp: line.timestamp,
    message: line.message,
    ingestionTime: line.timestamp + rng.int(180, 1900),
  }));
  const token = (prefix: string): string => `${prefix}/${logEventId(rng)}/s`;
  return `${JSON.stringify({ events, nextForwardToken: token('f'), nextBackwardToken: token('b') }, null, 4)}\n`;
}

export interface InsightsOptions {
  /** Logs Insights sorts `@timestamp desc` by default: newest first. */
  newestFirst: boolean;
  includeLogStream: boolean;
  includeLog: boolean;
}

/** `aws logs get-query-results`: rows of {field, value}; @log is "account:log-group". */
export function insightsResultsJson(lines: readonly LogLine[], rng: Random, options: InsightsOptions): string {
  const sorted = sortLines(lines);
  const ordered = options.newestFirst ? [...sorted].reverse() : sorted;
  const results = ordered.map((line) => {
    const row: { field: string; value: string }[] = [
      { field: '@timestamp', value: insightsTimestamp(line.timestamp) },
      { field: '@message', value: line.message },
    ];
    if (options.includeLogStream) row.push({ field: '@logStream', value: line.stream });
    if (options.includeLog) row.push({ field: '@log', value: `${ACCOUNT_ID}:${line.group}` });
    row.push({ field: '@ptr', value: `Cm8KNgoyMTIzNDU2Nzg5MDEyOi${rng.hex(20)}EAUSNQ${rng.hex(12)}` });
    return row;
  });
  const bytes = ordered.reduce((sum, line) => sum + line.message.length + 60, 0);
  const statistics = {
    recordsMatched: ordered.length,
    recordsScanned: ordered.length * rng.int(6, 40),
    estimatedRecordsSkipped: 0,
    bytesScanned: bytes * rng.int(6, 40),
    estimatedBytesSkipped: 0,
    logGroupsScanned: new Set(ordered.map((line) => line.group)).size,
  };
  return `${JSON.stringify({ results, statistics, status: 'Complete' }, null, 4)}\n`;
}

/** JSON Lines: {"timestamp": <ms>, "message": "..."} per line. */
export function jsonLinesPlain(lines: readonly LogLine[]): string {
  return sortLines(lines).map((line) => JSON.stringify({ timestamp: line.timestamp, message: line.message })).join('\n') + '\n';
}

/** JSON Lines as Logs Insights exports rows: {"@timestamp": "2026-03-10 14:04:37.296", "@message": "..."}. */
export function jsonLinesInsights(lines: readonly LogLine[]): string {
  return sortLines(lines)
    .map((line) => JSON.stringify({ '@timestamp': insightsTimestamp(line.timestamp), '@message': line.message }))
    .join('\n') + '\n';
}

/** Plain text: the messages only, one per line (a message with newlines spans several). */
export function plainText(lines: readonly LogLine[]): string {
  return sortLines(lines).map((line) => line.message.replace(/\n$/, '')).join('\n') + '\n';
}

/** `aws logs tail` default (detailed): "<ISO time> <stream> <message>". */
export function tailLong(lines: readonly LogLine[]): string {
  return sortLines(lines)
    .map((line) => `${tailLongTimestamp(line.timestamp)} ${line.stream} ${line.message.replace(/\n$/, '')}`)
    .join('\n') + '\n';
}

/** `aws logs tail --format short`: "<short time> <message>". */
export function tailShort(lines: readonly LogLine[]): string {
  return sortLines(lines)
    .map((line) => `${tailShortTimestamp(line.timestamp)} ${line.message.replace(/\n$/, '')}`)
    .join('\n') + '\n';
}

export type LogFileShape =
  | 'filter-log-events'
  | 'get-log-events'
  | 'insights'
  | 'insights-oldest-first'
  | 'jsonl-plain'
  | 'jsonl-insights'
  | 'plain'
  | 'tail-long'
  | 'tail-short';

export function renderLogFile(shape: LogFileShape, lines: readonly LogLine[], rng: Random): string {
  switch (shape) {
    case 'filter-log-events':
      return filterLogEventsJson(lines, rng);
    case 'get-log-events':
      return getLogEventsJson(lines, rng);
    case 'insights':
      return insightsResultsJson(lines, rng, { newestFirst: true, includeLogStream: true, includeLog: true });
    case 'insights-oldest-first':
      return insightsResultsJson(lines, rng, { newestFirst: false, includeLogStream: false, includeLog: true });
    case 'jsonl-plain':
      return jsonLinesPlain(lines);
    case 'jsonl-insights':
      return jsonLinesInsights(lines);
    case 'plain':
      return plainText(lines);
    case 'tail-long':
      return tailLong(lines);
    case 'tail-short':
      return tailShort(lines);
  }
}

/** File extension that goes with a shape. */
export function extensionOf(shape: LogFileShape): string {
  switch (shape) {
    case 'jsonl-plain':
    case 'jsonl-insights':
      return '.jsonl';
    case 'plain':
    case 'tail-long':
    case 'tail-short':
      return '.log';
    default:
      return '.json';
  }
}
