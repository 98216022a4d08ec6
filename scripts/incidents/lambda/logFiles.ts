import { base64, logEventId } from './ids.ts';
import type { RawLogEvent } from './model.ts';
import type { Rng } from './rng.ts';
import { insightsTimestamp, tailLongTimestamp, tailShortTimestamp } from './time.ts';

/**
 * The file formats a bundle's logs/ may hold, as the AWS CLI prints them (CLI v2, `--output json` is 4-space indented):
 * filter-log-events, get-log-events, get-query-results, JSON Lines, plain text and `aws logs tail` (detailed and
 * --format short: awscli/customizations/logs/tail.py, DetailedLogEventsFormatter / ShortLogEventsFormatter).
 */

const byTime = (a: RawLogEvent, b: RawLogEvent): number => a.timestamp - b.timestamp;

function ingestion(rng: Rng, e: RawLogEvent): number {
  return e.timestamp + (e.ingestionDelayMs ?? rng.int(180, 2400));
}

export function filterLogEventsJson(rng: Rng, events: RawLogEvent[]): string {
  const sorted = [...events].sort(byTime);
  return `${JSON.stringify({
    events: sorted.map((e) => ({ logStreamName: e.logStream, timestamp: e.timestamp, message: e.message, ingestionTime: ingestion(rng, e), eventId: logEventId(rng) })),
    searchedLogStreams: [],
  }, null, 4)}\n`;
}

export function getLogEventsJson(rng: Rng, events: RawLogEvent[]): string {
  const sorted = [...events].sort(byTime);
  const token = (p: string): string => `${p}/${logEventId(rng)}/s`;
  return `${JSON.stringify({
    events: sorted.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: ingestion(rng, e) })),
    nextForwardToken: token('f'),
    nextBackwardToken: token('b'),
  }, null, 4)}\n`;
}

export interface QueryResultsOptions {
  account: string;
  /** Logs Insights sorts @timestamp desc unless the query says otherwise. */
  newestFirst: boolean;
  withLog: boolean;
  withLogStream: boolean;
}

export function queryResultsJson(rng: Rng, events: RawLogEvent[], options: QueryResultsOptions): string {
  const sorted = [...events].sort(byTime);
  if (options.newestFirst) sorted.reverse();
  const results = sorted.map((e) => {
    const row: { field: string; value: string }[] = [
      { field: '@timestamp', value: insightsTimestamp(e.timestamp) },
      { field: '@message', value: e.message },
    ];
    if (options.withLogStream) row.push({ field: '@logStream', value: e.logStream });
    if (options.withLog) row.push({ field: '@log', value: `${options.account}:${e.logGroup}` });
    row.push({ field: '@ptr', value: `Cm${base64(rng, 120)}` });
    return row;
  });
  const bytes = events.reduce((sum, e) => sum + e.message.length + 60, 0);
  return `${JSON.stringify({
    results,
    statistics: { recordsMatched: results.length, recordsScanned: Math.round(results.length * 3.7), bytesScanned: Math.round(bytes * 3.7) },
    status: 'Complete',
  }, null, 4)}\n`;
}

/** One JSON object a line: {"timestamp": ms, "message"} or Insights-style {"@timestamp", "@message"}. */
export function jsonLines(events: RawLogEvent[], keys: 'plain' | 'at'): string {
  return [...events].sort(byTime).map((e) => JSON.stringify(keys === 'plain'
    ? { timestamp: e.timestamp, message: e.message }
    : { '@timestamp': insightsTimestamp(e.timestamp), '@message': e.message, '@logStream': e.logStream })).join('\n') + '\n';
}

function stripEnd(message: string): string {
  return message.replace(/\s+$/, '');
}

export function tailDetailed(events: RawLogEvent[]): string {
  return [...events].sort(byTime).map((e) => `${tailLongTimestamp(e.timestamp)} ${e.logStream} ${stripEnd(e.message)}\n`).join('');
}

export function tailShort(events: RawLogEvent[]): string {
  return [...events].sort(byTime).map((e) => `${tailShortTimestamp(e.timestamp)} ${stripEnd(e.message)}\n`).join('');
}

/** Messages only, one a line (what people paste from the console). */
export function plainMessages(events: RawLogEvent[]): string {
  return [...events].sort(byTime).map((e) => `${stripEnd(e.message)}\n`).join('');
}
