/** One CloudWatch Logs event as read from a bundle file or a live query, before its kind is known. */
export interface LogEvent {
  /** Epoch milliseconds, UTC. NaN never appears: events without a readable time get the previous event's time or 0. */
  timestamp: number;
  message: string;
  /** Log group name when the source says it (Logs Insights @log without the "account:" prefix, or the bundle path). */
  logGroup?: string;
  logStream?: string;
  /** Bundle-relative path of the file the event came from. */
  file: string;
}

/** A problem with the input that the diagnosis reports in `gaps` instead of failing. */
export interface ReadProblem {
  file: string;
  message: string;
}
