import type { BundleContext } from '../model/context.ts';
import type { EvidenceSource } from '../model/evidenceSource.ts';
import type { LogEvent, ReadProblem } from '../model/logEvent.ts';
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import { parseTimeValue } from '../bundle/timestamps.ts';
import type { AwsCall } from './AwsCallLog.ts';
import { byPath, contextFromDocuments, tracesFromDocuments } from './contextFromDocuments.ts';
import type { FailingRequest, FailingRequests } from './failingRecords.ts';
import { BATCH_FILE } from './fetchTraces.ts';
import type { LiveEvidenceRequest, LivePhase, LiveQueryRecord } from './LiveEvidenceSource.ts';
import { type LiveRow, type LiveSnapshot, mergeSnapshots, rowKey } from './liveSnapshot.ts';
import { QueryBudget } from './logsInsights/QueryBudget.ts';
import { bundleFileOfGroup, rowsToLogEvents } from './logsInsights/rowsToLogEvents.ts';
import type { ApiScope } from './resolveApiScope.ts';

type Row = LiveRow;

/**
 * What a live gathering read — documents by bundle path, Logs Insights rows by log group, the gaps met — as an
 * evidence source for the engine, and as the JSON snapshots the workflow's steps store and merge. It calls no AWS
 * service: LiveEvidenceSource gathers into it; Classify reads the steps' snapshots back through it (so its bundle
 * carries no SDK client).
 */
export class GatheredEvidence implements EvidenceSource {
  readonly problems: ReadProblem[] = [];
  readonly stats = { filesRead: 0, filesSkipped: 0, eventsRead: 0, bytesRead: 0 };
  /** The phases as they ran (clock times), for the benchmark and the progress display. */
  readonly phases: LivePhase[] = [];
  /** Raw documents by bundle path (api/*, functions/*, metrics/*, changes/*, traces/*, alarm.json). */
  readonly documents: Record<string, unknown> = {};
  readonly budget: QueryBudget;
  /** Every Logs Insights query run, in the order they ended. */
  readonly queries: LiveQueryRecord[] = [];
  scope?: ApiScope;
  /** The failing requests found and the sample read in depth. */
  failing?: FailingRequests;
  sampled: FailingRequest[] = [];

  protected readonly rowsByGroup = new Map<string, Map<string, Row>>();
  protected readonly gaps: string[] = [];
  protected gathered?: Promise<void>;
  protected readonly traceIdsAsked = new Set<string>();
  protected readonly traceIdsAbsent = new Set<string>();
  protected failingSearched = false;
  /** X-Ray said its segments go to CloudWatch Logs: absent traces are spans in aws/spans, not missing. */
  protected transactionSearch = false;
  private context?: BundleContext;
  private traces?: { segments: TraceSegment[]; summaries: TraceSummaryRecord[] };

  constructor(
    protected readonly request: LiveEvidenceRequest,
    budgetBytes?: number,
  ) {
    this.budget = new QueryBudget(budgetBytes);
  }

  /** Every step's snapshot merged, read as they are (nothing more is gathered). */
  static fromSnapshots(snapshots: readonly LiveSnapshot[]): GatheredEvidence {
    const merged = mergeSnapshots(snapshots);
    const evidence = new GatheredEvidence(merged.request);
    evidence.restore(merged);
    evidence.gathered = Promise.resolve();
    evidence.finishStats();
    return evidence;
  }

  get description(): string {
    const s = this.scope;
    return s ? `account ${s.accountId ?? '(unknown)'} ${s.region ?? ''} ${s.apiType} API ${s.apiId}/${s.stage}`.replace(/\s+/g, ' ') : `live ${this.request.api}/${this.request.stage}`;
  }

  /** Resolves once everything is read (at once here; LiveEvidenceSource gathers first). */
  gather(): Promise<void> {
    return this.gathered ?? Promise.resolve();
  }

  async readContext(): Promise<BundleContext> {
    await this.gather();
    this.context ??= contextFromDocuments(this.documents, this.problems);
    return this.context;
  }

  async *logEvents(onlyFiles?: ReadonlySet<string>): AsyncIterable<LogEvent> {
    await this.gather();
    for (const [file, rows] of this.logFiles()) {
      if (onlyFiles && !onlyFiles.has(file)) continue;
      yield* rowsToLogEvents(rows, () => file);
    }
  }

  async readTraces(): Promise<{ segments: TraceSegment[]; summaries: TraceSummaryRecord[] }> {
    await this.gather();
    this.traces ??= tracesFromDocuments(this.documents, this.problems);
    return this.traces;
  }

  /**
   * The rows read, by bundle file (logs/<group path>.json), files in path order and rows oldest first — the
   * order the bundle reader reads a `get-query-results` file in, so a replay sees the same stream.
   */
  logFiles(): [file: string, rows: Row[], group: string][] {
    return [...this.rowsByGroup.entries()]
      .map(([group, rows]): [string, Row[], string] => [
        bundleFileOfGroup(group),
        [...rows.values()]
          .map((row, index) => ({ row, index, time: parseTimeValue(row['@timestamp']) ?? 0 }))
          .sort((a, b) => a.time - b.time || a.index - b.index)
          .map((r) => r.row),
        group,
      ])
      .sort(([a], [b]) => byPath(a, b));
  }

  /** The gaps the gathering met, in the order met. */
  collectionGaps(): readonly string[] {
    return this.gaps;
  }

  /** What was read so far, as plain JSON; `apiCalls` counts the calls given (default: none). */
  snapshot(apiCalls: readonly AwsCall[] = []): LiveSnapshot {
    const calls = new Map<string, { service: string; action: string; count: number }>();
    for (const call of apiCalls) {
      const key = `${call.service}:${call.action}`;
      const sum = calls.get(key) ?? { service: call.service, action: call.action, count: 0 };
      sum.count++;
      calls.set(key, sum);
    }
    return structuredClone({
      request: this.request,
      ...(this.scope ? { scope: this.scope } : {}),
      documents: this.documents,
      rows: Object.fromEntries(this.logFiles().map(([, rows, group]) => [group, rows])),
      gaps: [...this.gaps],
      queries: this.queries,
      failingSearched: this.failingSearched,
      ...(this.failing ? { failing: this.failing } : {}),
      sampled: this.sampled,
      spent: { queries: this.budget.queries, bytesScanned: this.budget.spentBytes, bytesPerMs: this.budget.bytesPerMs },
      apiCalls: [...calls.values()],
      phases: this.phases,
      traceIdsAsked: [...this.traceIdsAsked],
      traceIdsAbsent: [...this.traceIdsAbsent],
      ...(this.transactionSearch ? { transactionSearch: true } : {}),
    });
  }

  /** Takes over a merged snapshot's state. */
  protected restore(merged: LiveSnapshot): void {
    this.budget.carryOver(merged.spent);
    if (merged.scope) this.scope = merged.scope;
    Object.assign(this.documents, merged.documents);
    for (const [group, rows] of Object.entries(merged.rows)) this.rowsByGroup.set(group, new Map(rows.map((row) => [rowKey(row), row])));
    for (const gap of merged.gaps) this.gap(gap);
    this.queries.push(...merged.queries);
    this.phases.push(...merged.phases);
    this.failingSearched = merged.failingSearched;
    if (merged.failing) this.failing = merged.failing;
    this.sampled = merged.sampled;
    merged.traceIdsAsked?.forEach((id) => this.traceIdsAsked.add(id));
    merged.traceIdsAbsent?.forEach((id) => this.traceIdsAbsent.add(id));
    this.transactionSearch ||= merged.transactionSearch === true;
  }

  protected gap(message: string): void {
    if (this.gaps.includes(message)) return;
    this.gaps.push(message);
    this.problems.push({ file: '', message });
  }

  protected finishStats(): void {
    // Traces X-Ray did not have, over every call (one call's missing trace may be another's).
    const found = new Set(tracesFromDocuments({ [BATCH_FILE]: this.documents[BATCH_FILE] ?? { Traces: [] } }, []).segments.map((s) => s.traceId?.toLowerCase()));
    const absent = [...this.traceIdsAbsent].filter((id) => !found.has(id.toLowerCase()));
    if (absent.length > 0 && !this.transactionSearch) this.gap(`X-Ray had no trace for ${absent.length} of ${this.traceIdsAsked.size} sampled traces (not sampled, or past X-Ray's 30-day retention)`);
    const files = this.logFiles();
    this.stats.filesRead = files.filter(([, rows]) => rows.length > 0).length + Object.keys(this.documents).length;
    this.stats.eventsRead = files.reduce((n, [, rows]) => n + rows.length, 0);
    this.stats.bytesRead =
      files.reduce((n, [, rows]) => n + rows.reduce((m, row) => m + Buffer.byteLength(row['@message'] ?? ''), 0), 0) +
      Object.values(this.documents).reduce<number>((n, doc) => n + Buffer.byteLength(JSON.stringify(doc) ?? ''), 0);
  }
}
