import type { FailingRequest, FailingRequests } from './failingRecords.ts';
import { BATCH_FILE, SUMMARIES_FILE } from './fetchTraces.ts';
import type { LiveEvidenceRequest, LivePhase, LiveQueryRecord } from './LiveEvidenceSource.ts';
import type { ApiScope } from './resolveApiScope.ts';

/** A Logs Insights result row as kept: @timestamp, @message, @log, @logStream. */
export type LiveRow = Record<string, string>;

/** Calls to one action of one service. */
export interface ApiCallCount {
  service: string;
  action: string;
  count: number;
}

/**
 * What a live gathering has read so far, as plain JSON: the workflow runs the phases in separate Lambdas, each
 * storing what it read (a delta) in the evidence store; Classify merges them back into one evidence source.
 */
export interface LiveSnapshot {
  request: LiveEvidenceRequest;
  scope?: ApiScope;
  documents: Record<string, unknown>;
  /** Rows by log group, oldest first. */
  rows: Record<string, LiveRow[]>;
  gaps: string[];
  queries: LiveQueryRecord[];
  /** Phase 2 ran (so `failing` undefined means the API wrote no log to read). */
  failingSearched: boolean;
  failing?: FailingRequests;
  sampled: FailingRequest[];
  spent: { queries: number; bytesScanned: number; bytesPerMs: number };
  apiCalls: ApiCallCount[];
  phases: LivePhase[];
  /** Trace ids asked of X-Ray, and those it did not have (reported once, over every step's calls). */
  traceIdsAsked?: string[];
  traceIdsAbsent?: string[];
  /** X-Ray sends segments to CloudWatch Logs (Transaction Search). */
  transactionSearch?: boolean;
}

export function rowKey(row: LiveRow): string {
  return `${row['@timestamp'] ?? ''}\u0000${row['@logStream'] ?? ''}\u0000${row['@message'] ?? ''}`;
}

/** What `after` read that `before` had not (documents that changed are kept whole). */
export function snapshotDelta(after: LiveSnapshot, before: LiveSnapshot): LiveSnapshot {
  const rows: Record<string, LiveRow[]> = {};
  for (const [group, list] of Object.entries(after.rows)) {
    const known = new Set((before.rows[group] ?? []).map(rowKey));
    const fresh = list.filter((row) => !known.has(rowKey(row)));
    // A group queried that answered nothing is kept (empty): it says where the engine looked.
    if (fresh.length > 0 || !(group in before.rows)) rows[group] = fresh;
  }
  const documents: Record<string, unknown> = {};
  for (const [file, doc] of Object.entries(after.documents)) {
    if (JSON.stringify(doc) !== JSON.stringify(before.documents[file])) documents[file] = doc;
  }
  const beforeGaps = new Set(before.gaps);
  return {
    request: after.request,
    documents,
    rows,
    gaps: after.gaps.filter((g) => !beforeGaps.has(g)),
    queries: after.queries.slice(before.queries.length),
    failingSearched: after.failingSearched && !before.failingSearched,
    ...(after.failing && !before.failing ? { failing: after.failing } : {}),
    sampled: before.sampled.length > 0 ? [] : after.sampled,
    spent: {
      queries: after.spent.queries - before.spent.queries,
      bytesScanned: after.spent.bytesScanned - before.spent.bytesScanned,
      bytesPerMs: after.spent.bytesPerMs,
    },
    apiCalls: after.apiCalls,
    phases: after.phases.slice(before.phases.length),
    ...(after.scope && !before.scope ? { scope: after.scope } : {}),
    traceIdsAsked: newIn(after.traceIdsAsked, before.traceIdsAsked),
    traceIdsAbsent: newIn(after.traceIdsAbsent, before.traceIdsAbsent),
    ...(after.transactionSearch && !before.transactionSearch ? { transactionSearch: true } : {}),
  };
}

/** A snapshot that has read nothing yet about `request`. */
export function emptySnapshot(request: LiveEvidenceRequest, documents: Record<string, unknown> = {}): LiveSnapshot {
  return { request, documents, rows: {}, gaps: [], queries: [], failingSearched: false, sampled: [], spent: { queries: 0, bytesScanned: 0, bytesPerMs: 0 }, apiCalls: [], phases: [] };
}

/** Several snapshots (or deltas) of one diagnosis as one, in the order given; rows deduplicated per group. */
export function mergeSnapshots(snapshots: readonly LiveSnapshot[]): LiveSnapshot {
  const first = snapshots[0];
  if (!first) throw new Error('mergeSnapshots: no snapshot');
  const merged = emptySnapshot(first.request);
  const { documents, gaps } = merged;
  const rows = new Map<string, Map<string, LiveRow>>();
  const calls = new Map<string, ApiCallCount>();
  for (const snap of snapshots) {
    if (snap.scope && !merged.scope) merged.scope = snap.scope;
    for (const [file, doc] of Object.entries(snap.documents)) {
      const before = documents[file];
      documents[file] = before === undefined ? doc : file === BATCH_FILE ? mergeBatches(before, doc) : file === SUMMARIES_FILE ? mergeSummaries(before, doc) : doc;
    }
    for (const [group, list] of Object.entries(snap.rows)) {
      const byKey = rows.get(group) ?? new Map<string, LiveRow>();
      for (const row of list) byKey.set(rowKey(row), row);
      rows.set(group, byKey);
    }
    for (const gap of snap.gaps) if (!gaps.includes(gap)) gaps.push(gap);
    merged.queries.push(...snap.queries);
    merged.failingSearched ||= snap.failingSearched;
    if (snap.failing && !merged.failing) merged.failing = snap.failing;
    if (snap.sampled.length > 0 && merged.sampled.length === 0) merged.sampled = snap.sampled;
    merged.spent.queries += snap.spent.queries;
    merged.spent.bytesScanned += snap.spent.bytesScanned;
    merged.spent.bytesPerMs = Math.max(merged.spent.bytesPerMs, snap.spent.bytesPerMs);
    for (const call of snap.apiCalls) {
      const key = `${call.service}:${call.action}`;
      const sum = calls.get(key) ?? { service: call.service, action: call.action, count: 0 };
      sum.count += call.count;
      calls.set(key, sum);
    }
    merged.phases.push(...snap.phases);
    merged.traceIdsAsked = [...new Set([...(merged.traceIdsAsked ?? []), ...(snap.traceIdsAsked ?? [])])];
    merged.traceIdsAbsent = [...new Set([...(merged.traceIdsAbsent ?? []), ...(snap.traceIdsAbsent ?? [])])];
    if (snap.transactionSearch) merged.transactionSearch = true;
  }
  merged.rows = Object.fromEntries([...rows].map(([group, byKey]) => [group, [...byKey.values()]]));
  merged.apiCalls = [...calls.values()];
  return merged;
}

/** Two `get-trace-summaries` outputs as one, by trace id. */
export function mergeSummaries(a: unknown, b: unknown): unknown {
  const byId = new Map<string, unknown>();
  for (const doc of [a, b]) {
    const list = typeof doc === 'object' && doc !== null && 'TraceSummaries' in doc && Array.isArray(doc.TraceSummaries) ? (doc.TraceSummaries as unknown[]) : [];
    for (const s of list) {
      const id = typeof s === 'object' && s !== null && 'Id' in s && typeof s.Id === 'string' ? s.Id : `#${byId.size}`;
      byId.set(id, s);
    }
  }
  return { TraceSummaries: [...byId.values()] };
}

/** Two `batch-get-traces` outputs as one: traces by id, unprocessed ids that stayed unprocessed. */
export function mergeBatches(a: unknown, b: unknown): unknown {
  const traces = new Map<string, unknown>();
  const unprocessed = new Set<string>();
  for (const doc of [a, b]) {
    if (typeof doc !== 'object' || doc === null) continue;
    const record = doc as { Traces?: unknown; UnprocessedTraceIds?: unknown };
    for (const t of Array.isArray(record.Traces) ? record.Traces : []) {
      const id = typeof t === 'object' && t !== null && 'Id' in t && typeof t.Id === 'string' ? t.Id : `#${traces.size}`;
      traces.set(id, t);
    }
    for (const id of Array.isArray(record.UnprocessedTraceIds) ? record.UnprocessedTraceIds : []) if (typeof id === 'string') unprocessed.add(id);
  }
  for (const id of traces.keys()) unprocessed.delete(id);
  return { Traces: [...traces.values()], UnprocessedTraceIds: [...unprocessed] };
}

function newIn(after: readonly string[] | undefined, before: readonly string[] | undefined): string[] {
  const known = new Set(before ?? []);
  return (after ?? []).filter((id) => !known.has(id));
}
