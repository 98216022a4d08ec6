import type { LogEvent } from '../model/logEvent.ts';
import type { AccessLogRecord, ExecutionLogLine, LambdaLogRecord, TraceSegment } from '../model/records.ts';
import { parseExecutionLogLine, apiAndStageFromExecutionLogGroup } from '../parsers/parseExecutionLogLine.ts';
import { parseAccessLogRecord } from '../parsers/parseAccessLogRecord.ts';
import type { CompiledAccessLogFormat } from '../parsers/compileAccessLogFormat.ts';
import { parseLambdaLogLine, looksLikeLambdaLog } from '../parsers/parseLambdaLogLine.ts';
import { looksLikeSpanRecord, parseSpanRecord } from '../parsers/parseSpanRecord.ts';
import {
  type Invocation,
  type LambdaLine,
  MAX_LINES_PER_INVOCATION,
  isNotableRecord,
} from './invocation.ts';

/** Execution-log lines of one API request, with where they were read. */
export interface ExecutionRequest {
  requestId: string;
  apiId?: string;
  stage?: string;
  lines: ExecutionLogLine[];
  status?: number;
  first: number;
  last: number;
}

/** What the single streaming pass keeps: failing requests and what may correlate with them, plus counters. */
export interface CollectedEvidence {
  failingAccess: Map<string, AccessLogRecord>;
  failingExecution: Map<string, ExecutionRequest>;
  /** Lambda invocations that wrote something failure-like, by Lambda request id. */
  invocations: Map<string, Invocation>;
  /** Init failures seen in a stream with no invocation after them (the platform retried init on the next request). */
  orphanInitFailures: LambdaLine[];
  counts: {
    accessRecords: number;
    accessByStatusClass: Record<string, number>;
    executionRequests: number;
    lambdaEvents: number;
    unknownEvents: number;
    outOfScope: number;
  };
  /** Files with events of a kind nobody recognised: file -> count. */
  unrecognisedByFile: Map<string, number>;
  /** Files that held Lambda lines (re-read when a failing request's invocation was not kept). */
  lambdaFiles: Set<string>;
  /** Log groups seen per kind, for scope and gap reporting. */
  groupsByKind: { execution: Set<string>; access: Set<string>; lambda: Set<string> };
  /** API ids and stages named by execution log groups or access records. */
  apisSeen: Set<string>;
  setAside: Map<string, number>;
  /**
   * Spans read as log events (the `aws/spans` group of CloudWatch Transaction Search), as trace segments: every
   * span while there are at most MAX_SPANS, past that only the spans of traces with a fault, error or throttle.
   */
  spanSegments: TraceSegment[];
  /** Spans not kept because MAX_SPANS spans of failed traces were already kept. */
  spansDropped: number;
}

export interface CollectorScope {
  apiId?: string;
  stage?: string;
  accessLogFormat?: CompiledAccessLogFormat;
  /** Only keep invocations with these Lambda request ids (the second, targeted pass). */
  wantedInvocations?: ReadonlySet<string>;
}

interface StreamState {
  /**
   * Invocations started and not yet reported, oldest first. One stream runs one invocation at a time,
   * but a file that merges streams (aws logs tail --format short) interleaves them: a line without a
   * request id belongs to the most recent one still open.
   */
  open: Invocation[];
  pendingInit: LambdaLine[];
  isLambda: boolean;
}

/** Bound on invocations left open in one stream (START lines whose REPORT never came). */
const MAX_OPEN_PER_STREAM = 64;

/** Bound on the request ids of other stages remembered to set their access records aside. */
const MAX_OUT_OF_SCOPE_IDS = 500_000;

/** Spans kept at most; past it, the spans of traces with no failure are let go first. */
export const MAX_SPANS = 20_000;

/** Healthy request ids remembered so that their trailing lines are dropped (a bound on memory). */
const RECENTLY_HEALTHY_CAP = 20_000;

/** Execution requests with no completion line are flushed after this much log time has passed in their file. */
const PENDING_EXECUTION_TTL_MS = 10 * 60_000;

/**
 * Reads log events one at a time and keeps only what a diagnosis needs, so that memory follows the
 * number of failing requests, not the size of the bundle. Kind is decided by content, per event.
 */
export class EvidenceCollector {
  readonly collected: CollectedEvidence = {
    failingAccess: new Map(),
    failingExecution: new Map(),
    invocations: new Map(),
    orphanInitFailures: [],
    counts: {
      accessRecords: 0,
      accessByStatusClass: {},
      executionRequests: 0,
      lambdaEvents: 0,
      unknownEvents: 0,
      outOfScope: 0,
    },
    unrecognisedByFile: new Map(),
    lambdaFiles: new Set(),
    groupsByKind: { execution: new Set(), access: new Set(), lambda: new Set() },
    apisSeen: new Set(),
    setAside: new Map(),
    spanSegments: [],
    spansDropped: 0,
  };

  private readonly pendingExecution = new Map<string, ExecutionRequest>();
  private readonly recentlyHealthy = new Set<string>();
  private readonly outOfScopeRequests = new Set<string>();
  private readonly streams = new Map<string, StreamState>();
  private lastSweep = 0;
  /** The request the last execution line went to, while it is still where the maps say it is. */
  private lastRequest: ExecutionRequest | undefined;
  private lastExecutionGroup: string | undefined;
  private lastExecutionWhere: { apiId: string; stage: string } | undefined;
  private eventsSinceSweep = 0;
  /** Spans by trace id (insertion order = first seen), the traces among them that failed, and how many are kept. */
  private readonly spansByTrace = new Map<string, TraceSegment[]>();
  private readonly failedTraces = new Set<string>();
  /** Traces kept that show no failure so far, oldest first: the first to go when MAX_SPANS is reached. */
  private readonly healthyTraces = new Set<string>();
  private spanCount = 0;

  constructor(private readonly scope: CollectorScope) {}

  add(event: LogEvent): void {
    const exec = parseExecutionLogLine(event);
    if (exec) {
      if (!this.scope.wantedInvocations) this.addExecutionLine(exec, event);
      return;
    }
    // A span record (aws/spans) is JSON that an access-log format keyed on common names could half-match.
    if (event.message.startsWith('{') && looksLikeSpanRecord(event.message)) {
      const span = parseSpanRecord(event.message);
      if (span) {
        if (!this.scope.wantedInvocations) this.addSpan(span);
        return;
      }
    }
    const streamKey = `${event.file}\u0000${event.logStream ?? ''}`;
    let stream = this.streams.get(streamKey);
    // The stage's own access-log format is the strongest signal there is: check it before the Lambda
    // markers, which a custom field such as "aws_request_id" can resemble.
    if (this.scope.accessLogFormat && !stream?.isLambda && !this.scope.wantedInvocations) {
      const access = parseAccessLogRecord(event, this.scope.accessLogFormat);
      if (access) {
        this.addAccessRecord(access, event);
        return;
      }
    }
    // A stream already known to be Lambda's needs no second look (the shape test is a full parse).
    if (stream?.isLambda || looksLikeLambdaLog(event.message)) {
      if (!stream) {
        stream = { open: [], pendingInit: [], isLambda: true };
        this.streams.set(streamKey, stream);
      }
      stream.isLambda = true;
      this.addLambdaLine(event, stream);
      return;
    }
    if (this.scope.wantedInvocations) return;
    const access = parseAccessLogRecord(event, this.scope.accessLogFormat);
    if (access) {
      this.addAccessRecord(access, event);
      return;
    }
    this.collected.counts.unknownEvents++;
    this.collected.unrecognisedByFile.set(event.file, (this.collected.unrecognisedByFile.get(event.file) ?? 0) + 1);
  }

  /** Call once after the last event: closes open invocations and pending requests. */
  finish(): CollectedEvidence {
    for (const stream of this.streams.values()) {
      for (const inv of stream.open) this.closeInvocation(inv);
      for (const line of stream.pendingInit) {
        if (isNotableRecord(line.record)) this.collected.orphanInitFailures.push(line);
      }
      stream.open = [];
      stream.pendingInit = [];
    }
    for (const req of this.pendingExecution.values()) this.settleExecution(req);
    this.pendingExecution.clear();
    this.collected.spanSegments = [...this.spansByTrace.values()].flat();
    for (const id of this.outOfScopeRequests) {
      if (this.collected.failingAccess.delete(id)) {
        this.setAside('failing access-log records of requests whose execution logs belong to another stage or API');
      }
    }
    return this.collected;
  }

  private addSpan(span: TraceSegment): void {
    if (span.fault === true || span.error === true || span.throttle === true) {
      this.failedTraces.add(span.traceId);
      this.healthyTraces.delete(span.traceId);
    }
    // Full: room is made by letting go of the oldest traces that show no failure; with none left, the span is dropped.
    for (const traceId of this.healthyTraces) {
      if (this.spanCount < MAX_SPANS) break;
      if (traceId === span.traceId) continue;
      this.spanCount -= this.spansByTrace.get(traceId)?.length ?? 0;
      this.spansByTrace.delete(traceId);
      this.healthyTraces.delete(traceId);
    }
    if (this.spanCount >= MAX_SPANS) {
      this.collected.spansDropped++;
      return;
    }
    const list = this.spansByTrace.get(span.traceId) ?? [];
    if (list.length === 0) {
      this.spansByTrace.set(span.traceId, list);
      if (!this.failedTraces.has(span.traceId)) this.healthyTraces.add(span.traceId);
    }
    list.push(span);
    this.spanCount++;
  }

  private setAside(reason: string): void {
    this.collected.counts.outOfScope++;
    this.collected.setAside.set(reason, (this.collected.setAside.get(reason) ?? 0) + 1);
  }

  private addExecutionLine(line: ExecutionLogLine, event: LogEvent): void {
    const where = event.logGroup ? this.executionGroup(event.logGroup) : undefined;
    if (where && !this.inScope(where.apiId, where.stage)) {
      this.setAside(`execution logs of ${where.apiId}/${where.stage}`);
      // Its access-log records (which rarely say their stage) belong to that stage too.
      if (this.outOfScopeRequests.size < MAX_OUT_OF_SCOPE_IDS) this.outOfScopeRequests.add(line.requestId);
      return;
    }
    // Lines of one request mostly come one after another: the last request found is tried first.
    let req = this.lastRequest?.requestId === line.requestId ? this.lastRequest : undefined;
    req ??= this.pendingExecution.get(line.requestId) ?? this.collected.failingExecution.get(line.requestId);
    // "AWS Integration Endpoint RequestId" and "X-ray Tracing ID" follow "Method completed" of a
    // healthy request: they must not start a new pending request.
    if (!req && this.recentlyHealthy.has(line.requestId)) return;
    if (!req) {
      req = { requestId: line.requestId, lines: [], first: line.timestamp, last: line.timestamp };
      if (where) {
        req.apiId = where.apiId;
        req.stage = where.stage;
      }
      this.pendingExecution.set(line.requestId, req);
      this.collected.counts.executionRequests++;
    }
    this.lastRequest = req;
    if (req.lines.length < 200) req.lines.push(line);
    req.first = Math.min(req.first, line.timestamp);
    req.last = Math.max(req.last, line.timestamp);
    const completed = line.text.startsWith('Method completed with status:') ? /^Method completed with status:\s*(\d{3})/.exec(line.text) : null;
    if (completed) {
      req.status = Number(completed[1]);
      this.pendingExecution.delete(line.requestId);
      this.settleExecution(req);
    }
    this.sweep(line.timestamp);
  }

  /**
   * The API and stage an execution log group names, noted as seen. Every line of a file carries the
   * same group, so the answer for the last group is kept rather than matched again per line.
   */
  private executionGroup(group: string): { apiId: string; stage: string } | undefined {
    if (group === this.lastExecutionGroup) return this.lastExecutionWhere;
    const where = apiAndStageFromExecutionLogGroup(group);
    this.collected.groupsByKind.execution.add(group);
    if (where) this.collected.apisSeen.add(`${where.apiId}/${where.stage}`);
    this.lastExecutionGroup = group;
    this.lastExecutionWhere = where;
    return where;
  }

  /** A request is kept when it failed: a 5xx completion, or failure lines without a completion. */
  private rememberHealthy(requestId: string): void {
    this.recentlyHealthy.add(requestId);
    if (this.recentlyHealthy.size > RECENTLY_HEALTHY_CAP) {
      const oldest = this.recentlyHealthy.values().next().value;
      if (oldest !== undefined) this.recentlyHealthy.delete(oldest);
    }
  }

  private settleExecution(req: ExecutionRequest): void {
    // Settling moves the request between the maps (or out of both): look it up afresh next time.
    this.lastRequest = undefined;
    const failed =
      req.status !== undefined
        ? req.status >= 500
        : req.lines.some((l) => /fail|error|timed out|timeout|unable to|invalid/i.test(l.text));
    if (failed) this.collected.failingExecution.set(req.requestId, req);
    else {
      this.collected.failingExecution.delete(req.requestId);
      if (req.status !== undefined) this.rememberHealthy(req.requestId);
    }
  }

  private sweep(now: number): void {
    if (++this.eventsSinceSweep < 5000 && now - this.lastSweep < PENDING_EXECUTION_TTL_MS) return;
    this.eventsSinceSweep = 0;
    this.lastSweep = now;
    for (const [id, req] of this.pendingExecution) {
      if (now - req.last > PENDING_EXECUTION_TTL_MS) {
        this.pendingExecution.delete(id);
        this.settleExecution(req);
      }
    }
  }

  private inScope(apiId: string | undefined, stage: string | undefined): boolean {
    if (this.scope.apiId && apiId && apiId !== this.scope.apiId) return false;
    if (this.scope.stage && stage && stage !== this.scope.stage) return false;
    return true;
  }

  private addAccessRecord(record: AccessLogRecord, event: LogEvent): void {
    if (event.logGroup) this.collected.groupsByKind.access.add(event.logGroup);
    if (record.apiId && record.stage) this.collected.apisSeen.add(`${record.apiId}/${record.stage}`);
    if (!this.inScope(record.apiId, record.stage)) {
      this.setAside(`access log records of ${record.apiId ?? '?'}/${record.stage ?? '?'}`);
      return;
    }
    const counts = this.collected.counts;
    counts.accessRecords++;
    const cls = record.status === undefined ? 'unknown' : `${Math.floor(record.status / 100)}xx`;
    counts.accessByStatusClass[cls] = (counts.accessByStatusClass[cls] ?? 0) + 1;
    if (record.status !== undefined && record.status >= 500) {
      this.collected.failingAccess.set(record.requestId, record);
    }
  }

  private addLambdaLine(event: LogEvent, stream: StreamState): void {
    const record = parseLambdaLogLine(event.message);
    if (!record) return;
    this.collected.counts.lambdaEvents++;
    this.collected.lambdaFiles.add(event.file);
    if (event.logGroup) this.collected.groupsByKind.lambda.add(event.logGroup);
    const line: LambdaLine = { timestamp: event.timestamp, record, raw: event.message };

    if (record.kind === 'start') {
      const inv = this.collected.invocations.get(record.requestId) ?? this.openInvocation(record.requestId, event, stream.pendingInit);
      if (!stream.open.includes(inv)) stream.open.push(inv);
      if (stream.open.length > MAX_OPEN_PER_STREAM) this.closeInvocation(stream.open.shift() as Invocation);
      stream.pendingInit = [];
      return;
    }
    const current = stream.open[stream.open.length - 1];
    if (record.kind === 'init' && !current) {
      stream.pendingInit.push(line);
      return;
    }
    // (lambdaRequestIdOf(event.message) would parse the same message again to the same record.)
    const explicitId = requestIdOfRecord(record);
    let target = current;
    if (explicitId && target?.requestId !== explicitId) {
      target = stream.open.find((i) => i.requestId === explicitId) ?? this.collected.invocations.get(explicitId);
      if (!target) {
        // A line of an invocation whose START was not read (the file starts mid-invocation).
        target = this.openInvocation(explicitId, event, []);
        stream.open.push(target);
      }
    }
    if (!target) {
      if (isNotableRecord(record)) stream.pendingInit.push(line);
      return;
    }
    this.appendLine(target, line);
    if (record.kind === 'report') {
      target.report = record;
      target.end = event.timestamp;
      this.closeInvocation(target);
      const at = stream.open.indexOf(target);
      if (at >= 0) stream.open.splice(at, 1);
    }
  }

  private openInvocation(requestId: string, event: LogEvent, initLines: LambdaLine[]): Invocation {
    const inv: Invocation = {
      requestId,
      file: event.file,
      start: event.timestamp,
      lines: [],
      initLines,
      notable: initLines.some((l) => isNotableRecord(l.record)),
      truncated: false,
    };
    if (event.logGroup !== undefined) inv.logGroup = event.logGroup;
    if (event.logStream !== undefined) inv.logStream = event.logStream;
    // Provisionally registered so that out-of-order lines find it; dropped on close if quiet.
    this.collected.invocations.set(requestId, inv);
    return inv;
  }

  private appendLine(inv: Invocation, line: LambdaLine): void {
    const notable = isNotableRecord(line.record);
    if (notable) inv.notable = true;
    if (inv.lines.length < MAX_LINES_PER_INVOCATION || (notable && inv.lines.length < MAX_LINES_PER_INVOCATION * 2)) {
      inv.lines.push(line);
    } else {
      inv.truncated = true;
    }
    inv.end = Math.max(inv.end ?? line.timestamp, line.timestamp);
  }

  private closeInvocation(inv: Invocation): void {
    const wanted = this.scope.wantedInvocations;
    const keep = wanted ? wanted.has(inv.requestId) : inv.notable;
    if (!keep) this.collected.invocations.delete(inv.requestId);
  }
}

function requestIdOfRecord(record: LambdaLogRecord): string | undefined {
  return 'requestId' in record ? record.requestId : undefined;
}
