import type { LambdaLogRecord } from '../model/records.ts';

/** One Lambda log line kept as evidence: the parsed record, its time and the raw text to quote. */
export interface LambdaLine {
  timestamp: number;
  record: LambdaLogRecord;
  raw: string;
}

export type ReportRecord = Extract<LambdaLogRecord, { kind: 'report' }>;

/** Everything one Lambda invocation wrote, as far as it was kept. */
export interface Invocation {
  requestId: string;
  logGroup?: string;
  logStream?: string;
  file: string;
  start?: number;
  end?: number;
  report?: ReportRecord;
  lines: LambdaLine[];
  /** Init-phase lines written just before this invocation in the same stream (cold start, init failures). */
  initLines: LambdaLine[];
  /** Something in it looks like a failure (error level, platform error, timeout, OOM, init error). */
  notable: boolean;
  /** Lines were dropped because the invocation wrote more than the cap. */
  truncated: boolean;
}

const FAILURE_WORDS = /error|exception|fail|unavailable|timed? ?out|denied|refused|throttl|panic|fatal|\b5\d\d\b/i;

/** Lines kept per invocation: enough for every decisive line without letting a chatty function grow memory. */
export const MAX_LINES_PER_INVOCATION = 80;

export function isNotableRecord(record: LambdaLogRecord): boolean {
  switch (record.kind) {
    case 'start':
    case 'end':
      return false;
    case 'report':
      return (
        (record.status !== undefined && record.status.toLowerCase() !== 'success') ||
        record.errorType !== undefined ||
        (record.maxMemoryUsedMb !== undefined &&
          record.memorySizeMb !== undefined &&
          record.maxMemoryUsedMb >= record.memorySizeMb)
      );
    case 'init':
      return record.status !== undefined && record.status.toLowerCase() !== 'success';
    case 'platform':
      return true;
    case 'app':
      return (
        record.errorType !== undefined ||
        record.level === 'ERROR' ||
        record.level === 'FATAL' ||
        record.level === 'WARN' ||
        // Runtimes and loggers without levels (Go's log package, puts, print) still say what went wrong.
        (record.level === undefined && FAILURE_WORDS.test(record.text))
      );
  }
}

/**
 * The function an invocation belongs to. A custom log group shared by several functions
 * (LoggingConfig.LogGroup) names the function in its stream names ("2026/10/21/orders-fn[$LATEST]abc");
 * the default group is /aws/lambda/NAME (Lambda@Edge: /aws/lambda/us-east-1.NAME); a custom group used
 * by one function is mapped by the function configurations.
 */
export function functionNameOfInvocation(
  inv: { logGroup?: string | undefined; logStream?: string | undefined } | undefined,
  customGroups: ReadonlyMap<string, string>,
): string | undefined {
  if (!inv) return undefined;
  const fromStream = inv.logStream ? /^\d{4}\/\d{2}\/\d{2}\/([A-Za-z0-9_-]+)\[/.exec(inv.logStream)?.[1] : undefined;
  if (fromStream) return fromStream;
  return functionNameOfLogGroup(inv.logGroup, customGroups);
}

/** Custom Lambda log groups (LoggingConfig.LogGroup) of the configured functions: group -> function name. */
export function customLogGroups(functions: readonly { name: string; logGroup?: string | undefined }[]): Map<string, string> {
  const groups = new Map<string, string>();
  for (const f of functions) if (f.logGroup) groups.set(f.logGroup, f.name);
  return groups;
}

/** Function name of a Lambda log group: /aws/lambda/NAME, or a custom group mapped by the function configurations. */
export function functionNameOfLogGroup(
  logGroup: string | undefined,
  customGroups: ReadonlyMap<string, string>,
): string | undefined {
  if (!logGroup) return undefined;
  // Bundle paths give "storefront/prod/lambda" for the group "/storefront/prod/lambda".
  const custom = customGroups.get(logGroup) ?? customGroups.get(logGroup.startsWith('/') ? logGroup.slice(1) : `/${logGroup}`);
  if (custom) return custom;
  const m = /^\/?aws\/lambda\/(?:[a-z]{2}-[a-z]+-\d\.)?([A-Za-z0-9_-]+)(?:\/.*)?$/.exec(logGroup);
  return m?.[1];
}

/**
 * A record that says the invocation failed, as opposed to one merely worth keeping: a WARN line
 * (a 404 for a missing item, a retry) is kept as context but does not make an invocation a failure.
 */
export function isFailureRecord(record: LambdaLogRecord): boolean {
  if (record.kind === 'app' && record.level === 'WARN' && record.errorType === undefined) return false;
  return isNotableRecord(record);
}

/** Whether an invocation failed by its own account (error lines, platform errors, timeout, OOM, init failure). */
export function invocationFailed(inv: Invocation): boolean {
  return inv.lines.some((l) => isFailureRecord(l.record)) || inv.initLines.some((l) => isFailureRecord(l.record));
}
