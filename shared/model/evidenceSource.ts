import type { BundleContext } from './context.ts';
import type { LogEvent, ReadProblem } from './logEvent.ts';
import type { TraceSegment, TraceSummaryRecord } from './records.ts';

/**
 * Where evidence comes from. The bundle reader is one implementation, the live account another;
 * the engine only sees this.
 */
export interface EvidenceSource {
  /** A short human description ("bundle events/incidents/x", "account 1234 us-east-1"). */
  readonly description: string;
  /** Context documents: alarm, stage, export, functions, metrics, changes. Problems go to `problems`. */
  readContext(): Promise<BundleContext>;
  /**
   * Every log event, streamed; each file's events in time order where the source allows. `onlyFiles`
   * restricts a second, targeted pass to the files named (LogEvent.file values).
   */
  logEvents(onlyFiles?: ReadonlySet<string>): AsyncIterable<LogEvent>;
  /** X-Ray segments and summaries. */
  readTraces(): Promise<{ segments: TraceSegment[]; summaries: TraceSummaryRecord[] }>;
  /** Problems met while reading (skipped files, unreadable parts). Filled as reading goes. */
  readonly problems: ReadProblem[];
  /** Counters for the diagnosis' stats. */
  readonly stats: { filesRead: number; filesSkipped: number; eventsRead: number; bytesRead: number };
}
