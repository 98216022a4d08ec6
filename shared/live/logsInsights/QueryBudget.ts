import { formatBytes } from './errors.ts';

/** 1 GB as AWS bills Logs Insights scans (binary gigabyte). */
export const ONE_GB = 1024 ** 3;

/** A time range in epoch milliseconds, both ends inclusive. */
export interface TimeWindow {
  startTime: number;
  endTime: number;
}

export interface NarrowedWindow extends TimeWindow {
  narrowed: boolean;
  /** Why and by how much, for `gaps`; set when narrowed. */
  reason?: string;
}

export interface NarrowOptions {
  /** Bytes one millisecond of this window is expected to scan; defaults to the highest rate seen so far. */
  bytesPerMs?: number;
  /** Keep this instant inside the narrowed window (e.g. the alarm time or a sampled request); default: the window's end. */
  anchor?: number;
  /** Never narrow below this length (default 60 s). */
  minMs?: number;
  /** Share of the remaining budget this one query may use (default 1: all of it). */
  share?: number;
}

/**
 * What the Logs Insights queries of one diagnosis have scanned, against a budget (default 1 GB).
 *
 * A query's cost is only known when it ends (statistics.bytesScanned), so the budget keeps running totals, and the
 * caller narrows the next time range with `narrow` when little remains; the runner refuses new queries once it is
 * exceeded.
 */
export class QueryBudget {
  private spent = 0;
  private count = 0;
  private highestRate = 0;

  constructor(readonly budgetBytes: number = ONE_GB) {
    if (!(budgetBytes > 0)) throw new RangeError(`scan budget must be positive, got ${budgetBytes}`);
  }

  /** Bytes scanned so far. */
  get spentBytes(): number {
    return this.spent;
  }

  /** Queries started so far. */
  get queries(): number {
    return this.count;
  }

  /** Bytes per ms of time range seen on the costliest query so far (0 before any). */
  get bytesPerMs(): number {
    return this.highestRate;
  }

  remaining(): number {
    return Math.max(0, this.budgetBytes - this.spent);
  }

  exceeded(): boolean {
    return this.spent >= this.budgetBytes;
  }

  /** What earlier steps of the same diagnosis spent (the workflow runs phases in separate Lambdas). */
  carryOver(spent: { queries: number; bytesScanned: number; bytesPerMs?: number }): void {
    this.count += Math.max(0, spent.queries);
    this.spent += Math.max(0, spent.bytesScanned);
    this.highestRate = Math.max(this.highestRate, spent.bytesPerMs ?? 0);
  }

  /** A query was started (counted whether or not it completes). */
  recordQuery(): void {
    this.count++;
  }

  /** A query ended having scanned `bytes` over a time range `windowMs` long. */
  recordScanned(bytes: number, windowMs?: number): void {
    if (!Number.isFinite(bytes) || bytes <= 0) return;
    this.spent += bytes;
    if (windowMs !== undefined && windowMs > 0) this.highestRate = Math.max(this.highestRate, bytes / windowMs);
  }

  /**
   * The window itself when the remaining budget covers it, else the longest window around `anchor` that it
   * covers (never shorter than `minMs`). Without a known rate nothing can be estimated and the window is kept.
   */
  narrow(window: TimeWindow, options: NarrowOptions = {}): NarrowedWindow {
    const length = Math.max(0, window.endTime - window.startTime);
    const rate = options.bytesPerMs ?? this.highestRate;
    const share = Math.min(1, Math.max(0, options.share ?? 1));
    const allowedBytes = this.remaining() * share;
    if (!(rate > 0) || length * rate <= allowedBytes) return { ...window, narrowed: false };

    const minMs = Math.max(1, options.minMs ?? 60_000);
    const allowedMs = Math.min(length, Math.max(minMs, Math.floor(allowedBytes / rate)));
    if (allowedMs >= length) return { ...window, narrowed: false };

    const anchor = Math.min(window.endTime, Math.max(window.startTime, options.anchor ?? window.endTime));
    // Centre on the anchor, then slide back inside the original window.
    let startTime = anchor - Math.floor(allowedMs / 2);
    startTime = Math.max(window.startTime, Math.min(startTime, window.endTime - allowedMs));
    const endTime = startTime + allowedMs;
    return {
      startTime,
      endTime,
      narrowed: true,
      reason:
        `Logs Insights time range narrowed from ${formatMinutes(length)} to ${formatMinutes(allowedMs)} ` +
        `(${formatBytes(this.remaining())} of the ${formatBytes(this.budgetBytes)} scan budget left)`,
    };
  }

  /** "3 queries, 120 MB scanned of 1 GB". */
  describe(): string {
    return `${this.count} Logs Insights ${this.count === 1 ? 'query' : 'queries'}, ${formatBytes(this.spent)} scanned of ${formatBytes(this.budgetBytes)}`;
  }
}

function formatMinutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1).replace(/\.0$/, '')} h`;
}
