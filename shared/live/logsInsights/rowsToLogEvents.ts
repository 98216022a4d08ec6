import { parseTimeValue } from '../../bundle/timestamps.ts';
import type { LogEvent } from '../../model/logEvent.ts';

/**
 * Logs Insights rows (fields @timestamp, @message, @log, @logStream) as the engine's LogEvents. @timestamp comes as
 * "2026-03-10 14:04:37.296" (UTC) — or epoch ms from moto —, @log as "123456789012:/aws/lambda/orders-fn".
 * Rows without a message are skipped; a row without a readable time takes the previous row's (contract: never NaN).
 */
export function rowsToLogEvents(
  rows: readonly Record<string, string>[],
  /** The bundle path the events would be collected to; default the contract's logs/<group>.json. */
  fileFor: (logGroup: string | undefined) => string = bundleFileOfGroup,
): LogEvent[] {
  const events: LogEvent[] = [];
  let previous = 0;
  for (const row of rows) {
    const message = row['@message'];
    if (typeof message !== 'string') continue;
    const timestamp = parseTimeValue(row['@timestamp']) ?? previous;
    previous = timestamp;
    const logGroup = logGroupOf(row['@log']);
    const event: LogEvent = { timestamp, message, file: fileFor(logGroup) };
    if (logGroup !== undefined) event.logGroup = logGroup;
    const stream = row['@logStream'];
    if (typeof stream === 'string' && stream.length > 0) event.logStream = stream;
    events.push(event);
  }
  return events;
}

/** "123456789012:/aws/lambda/orders-fn" → "/aws/lambda/orders-fn"; a bare name stays as it is. */
export function logGroupOf(log: string | undefined): string | undefined {
  if (typeof log !== 'string' || log.length === 0) return undefined;
  const match = /^\d{12}:(.+)$/.exec(log);
  return match?.[1] ?? log;
}

/** Contract §1: logs/aws/lambda/orders-fn.json holds /aws/lambda/orders-fn. */
export function bundleFileOfGroup(logGroup: string | undefined): string {
  if (logGroup === undefined) return 'logs/unknown.json';
  return `logs/${logGroup.replace(/^\/+/, '')}.json`;
}
