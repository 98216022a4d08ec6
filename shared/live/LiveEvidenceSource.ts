import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { XRayClient } from '@aws-sdk/client-xray';
import type { ExecutionLogLine, TraceSummaryRecord } from '../model/records.ts';
import { integrationForRoute } from '../correlate/correlateRequests.ts';
import { compileAccessLogFormat } from '../parsers/compileAccessLogFormat.ts';
import { extractExecutionFacts } from '../parsers/executionLogFacts.ts';
import { parseExecutionLogLine } from '../parsers/parseExecutionLogLine.ts';
import { parseLambdaLogLine } from '../parsers/parseLambdaLogLine.ts';
import type { AwsCall, AwsCallLog } from './AwsCallLog.ts';
import { tracesFromDocuments } from './contextFromDocuments.ts';
import { failingFromAccessLog, failingFromExecutionLog, sampleFailing, type FailingRequest, type FailingRequests } from './failingRecords.ts';
import { changeLookupNames, fetchChanges } from './fetchChanges.ts';
import { fetchMetrics } from './fetchMetrics.ts';
import { BATCH_FILE, SUMMARIES_FILE, fetchTraces } from './fetchTraces.ts';
import { functionTraceSummaries } from './functionTraceSummaries.ts';
import { type LiveClock, systemClock } from './liveClock.ts';
import { MAX_IDS_PER_QUERY, SPANS_LOG_GROUP, executionLinesOfRequestsQuery, failingAccessRecordsQuery, failingExecutionLinesQuery, lambdaLinesQuery, spansOfTracesQuery } from './liveQueries.ts';
import { NO_CALL_RECORDER } from './logsInsights/callRecorder.ts';
import { LogsAccessDeniedError, LogsInsightsError } from './logsInsights/errors.ts';
import { LogsInsightsRunner, type LogsInsightsRunnerOptions, type QueryOutcome, type QueryRequest } from './logsInsights/LogsInsightsRunner.ts';
import { windowAround } from './logsInsights/queries.ts';
import { rowsToLogEvents } from './logsInsights/rowsToLogEvents.ts';
import { type ApiScope, resolveApiScope } from './resolveApiScope.ts';
import { type LiveRow, type LiveSnapshot, mergeBatches, mergeSnapshots, mergeSummaries, rowKey } from './liveSnapshot.ts';
import { GatheredEvidence } from './GatheredEvidence.ts';
import { traceIdOf } from './traceFilterExpression.ts';

/** The clients a live diagnosis calls, and the log they record their calls in. */
export interface LiveClients {
  apiGateway: APIGatewayClient;
  apiGatewayV2: ApiGatewayV2Client;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  xray: XRayClient;
  cloudWatch: CloudWatchClient;
  cloudTrail: CloudTrailClient;
  callLog: AwsCallLog;
}

/** What to diagnose: the API (id or name), its stage, the window (epoch ms), and the alarm that started it. */
export interface LiveEvidenceRequest {
  api: string;
  stage: string;
  apiType?: 'REST' | 'HTTP';
  window: { start: number; end: number };
  /** The alarm document (EventBridge event or SNS message), written as alarm.json and read as the context's alarm. */
  alarmDocument?: unknown;
}

export interface LiveEvidenceOptions {
  /** The clients' region, for messages and when nothing else says it. */
  region?: string;
  /** Failing requests read in depth (default 20). */
  sampleSize?: number;
  /** Logs Insights scan budget in bytes (default 1 GB). */
  budgetBytes?: number;
  clock?: LiveClock;
  onProgress?: (progress: LiveProgress) => void;
  /**
   * True (default) when the Logs client is instrumented by createAwsClients, so the runner must not record its
   * calls again; false for clients whose `send` is mocked (aws-sdk-client-mock), so that the calls are counted.
   */
  logsClientInstrumented?: boolean;
  runner?: Omit<LogsInsightsRunnerOptions, 'clock'>;
  /** CloudTrail lookback before the window start (default 2 h). */
  changeLookbackMs?: number;
}

/** What a live diagnosis is doing, for a progress line. */
export interface LiveProgress {
  step: string;
  queriesRunning: number;
  queriesStarted: number;
  elapsedMs: number;
}

/** One sequential phase of the gathering: its critical path is the sum of these. */
export interface LivePhase {
  name: string;
  start: number;
  end: number;
}

/** One Logs Insights query a live diagnosis ran, for the bundle's README and the per-file statistics. */
export interface LiveQueryRecord {
  label: string;
  logGroupNames: string[];
  queryString: string;
  startTime: number;
  endTime: number;
  status: string;
  rows: number;
  statistics: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

export interface LiveSpend {
  queries: number;
  bytesScanned: number;
  apiCalls: number;
}

const DEFAULT_SAMPLE_SIZE = 20;
/** Execution and Lambda lines of a request lie within its integration timeout of its log line (29 s by default). */
const DEFAULT_TIMEOUT_MS = 29_000;
const SLACK_MS = 60_000;
const LAMBDA_ID = /x-amzn-RequestId[=:]\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|Lambda request id:\s*([0-9a-f-]{36})|RequestId: ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const XRAY_TRACE = /XRAY TraceId: (1-[0-9a-f]{8}-[0-9a-f]{24})/gi;

type Row = LiveRow;

/**
 * The live account as a source of evidence, gathered in four sequential phases:
 * 1. the scope (API, stage, integrations, functions and their log groups);
 * 2. in parallel: ONE Logs Insights query returning every failing access-log record of the window (or, with no
 *    access log, the execution log's failing lines), the stage's failing X-Ray trace summaries — and, in the
 *    background through every later phase, the metrics and the CloudTrail changes before the window;
 * 3. a sample of the failing requests stratified by error signature, then in parallel: the sampled requests'
 *    execution lines, the Lambda lines of the Lambda request ids known so far, the sampled traces;
 * 4. only when phase 3 named new ones: the Lambda lines of the Lambda request ids found in execution lines and
 *    traces, and the traces named by Lambda REPORT lines.
 * When the API's own logs cannot name the invocation behind a request (an HTTP API access log without
 * $context.integration.requestId, REST without INFO execution logs), phase 3 also reads the functions' failure-like
 * lines near the sample and, for traced functions, their failing traces; phase 4 then reads those invocations
 * whole, so the engine can match them to requests by time. With no API log at all, the same is done over the window.
 * Every row is handed to the engine as a LogEvent (its collector decides what it is, and attributes the
 * unsampled failing requests by signature); every document is kept by its bundle path for `collect`.
 */
export class LiveEvidenceSource extends GatheredEvidence {
  private readonly clock: LiveClock;
  private readonly runner: LogsInsightsRunner;
  private readonly startedAt: number;
  private summaries?: Promise<TraceSummaryRecord[]>;
  private running = 0;
  private step = 'starting';
  private logsRefused = false;

  constructor(
    private readonly clients: LiveClients,
    request: LiveEvidenceRequest,
    private readonly options: LiveEvidenceOptions = {},
  ) {
    super(request, options.budgetBytes);
    this.clock = options.clock ?? systemClock;
    const recorder = options.logsClientInstrumented === false ? clients.callLog : NO_CALL_RECORDER;
    // Polls at most a second apart (the runner's default backs off to 2 s): a 3 s query is read at ~3.3 s, not
    // ~4.3 s; with at most three queries at once that stays under GetQueryResults' 5 requests per second.
    this.runner = new LogsInsightsRunner(clients.logs, recorder, this.budget, { poll: { baseMs: 250, capMs: 1_000 }, ...options.runner, clock: this.clock });
    this.startedAt = this.clock.now();
  }

  override get description(): string {
    const s = this.scope;
    if (!s) return `live ${this.request.api}/${this.request.stage}`;
    return `account ${s.accountId ?? '(unknown)'} ${s.region ?? this.options.region ?? ''} ${s.apiType} API ${s.apiId}/${s.stage}`.replace(/\s+/g, ' ');
  }

  /** What the diagnosis spent so far. */
  spend(): LiveSpend {
    return { queries: this.budget.queries, bytesScanned: this.budget.spentBytes, apiCalls: this.clients.callLog.count };
  }

  /** The gathering's time range for the queries: the window, never past now. */
  get queryWindow(): { start: number; end: number } {
    return { start: this.request.window.start, end: Math.min(this.request.window.end, Math.max(this.request.window.start, this.clock.now())) };
  }

  /** Runs every phase once; readContext, logEvents and readTraces all wait for it. ApiNotFoundError etc. propagate. */
  override gather(): Promise<void> {
    this.gathered ??= this.gatherAll();
    return this.gathered;
  }

  /** What was read so far, as plain JSON; `apiCalls` counts the calls given (default: every call of the clients). */
  override snapshot(apiCalls: readonly AwsCall[] = this.clients.callLog.all()): LiveSnapshot {
    return super.snapshot(apiCalls);
  }

  /**
   * A source that continues from earlier steps' snapshots (merged in order): the next phase runs with their scope,
   * failing requests and rows.
   */
  static resume(clients: LiveClients, snapshots: readonly LiveSnapshot[], options: LiveEvidenceOptions = {}): LiveEvidenceSource {
    const merged = mergeSnapshots(snapshots);
    const source = new LiveEvidenceSource(clients, merged.request, options);
    source.restore(merged);
    return source;
  }

  private async gatherAll(): Promise<void> {
    await this.gatherScope();
    // Context that no later phase needs runs in the background, through every phase.
    const background = this.gatherContext();
    const sampled = await this.gatherFailing();
    await this.gatherSample(sampled);
    this.setStep('metrics and CloudTrail changes');
    await background;
    this.setStep('done');
    this.finishStats();
  }

  /** Phase 1: the API, stage, integrations, functions and their log groups. ApiNotFoundError etc. propagate. */
  async gatherScope(): Promise<ApiScope> {
    const { clients, request } = this;
    const scope = await this.phase('scope: API, stage, integrations, functions', () =>
      resolveApiScope(clients, { api: request.api, stage: request.stage, ...(request.apiType ? { apiType: request.apiType } : {}) }, {
        ...(this.options.region !== undefined ? { region: this.options.region } : {}),
      }),
    );
    this.scope = scope;
    for (const gap of scope.gaps) this.gap(gap);
    Object.assign(this.documents, scope.documents);
    if (request.alarmDocument !== undefined) this.documents['alarm.json'] = request.alarmDocument;
    const window = this.queryWindow;
    if (!(window.end > window.start)) this.gap(`The window ${iso(request.window.start)} – ${iso(request.window.end)} has not begun yet: no log was queried`);
    return scope;
  }

  /** The metrics of the window and the CloudTrail changes before it (never fails: what cannot be read is a gap). */
  async gatherContext(): Promise<void> {
    const { clients, request } = this;
    const scope = this.requireScope();
    const window = this.queryWindow;
    const functionNames = [...new Set(scope.functions.map((f) => f.name))];
    await Promise.all([
      fetchMetrics(clients.cloudWatch, { apiType: scope.apiType, apiId: scope.apiId, ...(scope.apiName ? { apiName: scope.apiName } : {}), stage: scope.stage, functions: functionNames }, request.window, { clock: this.clock }).then((r) => {
        Object.assign(this.documents, r.documents);
        r.gaps.forEach((g) => this.gap(g));
      }),
      fetchChanges(
        clients.cloudTrail,
        { resourceNames: changeLookupNames(scope), onset: request.window.start, until: window.end, ...(this.options.changeLookbackMs !== undefined ? { lookbackMs: this.options.changeLookbackMs } : {}) },
        { clock: this.clock },
      ).then((r) => {
        Object.assign(this.documents, r.documents);
        r.gaps.forEach((g) => this.gap(g));
      }),
    ]).catch((error: unknown) => this.gap(`Metrics and CloudTrail changes could not be read: ${messageOf(error)}`));
  }

  /**
   * Phase 2: ONE Logs Insights query for every failing record of the window, beside the stage's failing trace
   * summaries; returns the sample, stratified by error signature.
   */
  async gatherFailing(): Promise<FailingRequest[]> {
    const { clients } = this;
    const scope = this.requireScope();
    const window = this.queryWindow;
    const open = window.end > window.start;
    const functionNames = [...new Set(scope.functions.map((f) => f.name))];
    // Failing traces, beside the first query: REST stages with tracing on are traced from API Gateway (HTTP APIs
    // never are); when the API's logs cannot name the invocation behind a request, the traced functions' own
    // faults and downstream errors stand in.
    const namesNoInvocation = !this.logsNameInvocations(scope);
    const tracedFunctions = functionNames.filter((name) => scope.context.functions.some((f) => f.name === name && /^active$/i.test(f.tracingMode ?? '')));
    const summariesRead: Promise<TraceSummaryRecord[]> = !open
      ? Promise.resolve([])
      : scope.apiType === 'REST' && scope.tracingEnabled
        ? fetchTraces(clients.xray, { window, ...(scope.apiName ? { apiName: scope.apiName } : {}), stage: scope.stage, maxTraces: 0 }, { clock: this.clock }).then((r) => {
            this.addTraces(r.documents, r.gaps);
            return r.summaries;
          })
        : namesNoInvocation && tracedFunctions.length > 0
          ? functionTraceSummaries(clients.xray, tracedFunctions, window, { clock: this.clock }).then((r) => {
              this.addTraces({ [SUMMARIES_FILE]: r.document }, r.gaps);
              return tracesFromDocuments({ [SUMMARIES_FILE]: r.document }, []).summaries;
            })
          : Promise.resolve([]);
    this.summaries = summariesRead.catch((error: unknown) => {
      this.gap(`X-Ray trace summaries could not be read: ${messageOf(error)}`);
      return [];
    });

    const failing = open ? await this.phase('failing requests: one Logs Insights query', () => this.findFailing(scope, window)) : undefined;
    this.failing = failing;
    this.failingSearched = open;
    this.sampled = failing ? sampleFailing(failing, this.options.sampleSize ?? DEFAULT_SAMPLE_SIZE) : [];
    return this.sampled;
  }

  /**
   * Phases 3 and 4 for some of the sampled requests (all of them from the CLI, one batch in the workflow): their
   * execution lines, the Lambda lines of the invocations known so far, their traces; then what those named.
   * With no API log at all (phase 2 found nothing to read), the functions' failed invocations over the window.
   */
  async gatherSample(sampled: readonly FailingRequest[]): Promise<void> {
    const scope = this.requireScope();
    const { failing } = this;
    const window = this.queryWindow;
    const open = window.end > window.start;
    const functionNames = [...new Set(scope.functions.map((f) => f.name))];
    const sampleSize = this.options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
    const namesNoInvocation = !this.logsNameInvocations(scope);
    const summaries = this.summaries ?? Promise.resolve(tracesFromDocuments(this.documents, []).summaries);
    // No API log at all: the functions' failed invocations in the window are the best evidence left (the engine
    // then diagnoses from Lambda logs alone, with less confidence).
    const lambdaOnly = open && this.failingSearched && failing === undefined && functionNames.length > 0;

    if (sampled.length > 0 || lambdaOnly) {
      const around = lambdaOnly ? window : this.aroundSample(scope, sampled);
      const known = { lambda: new Set<string>(), traces: new Set<string>() };
      // The access log names the invocation of every failing request when its format logs it: reading them all
      // (as many as one query holds, the sample's first) costs the same scan as reading the sample's.
      for (const r of sampled) if (r.lambdaRequestId) known.lambda.add(r.lambdaRequestId);
      for (const r of failing?.requests ?? []) {
        if (known.lambda.size >= MAX_IDS_PER_QUERY) break;
        if (r.lambdaRequestId && r.time >= around.start && r.time <= around.end) known.lambda.add(r.lambdaRequestId);
      }
      // Execution lines already read in phase 2 (no access log) can name Lambda request ids.
      for (const id of lambdaIdsInExecution(this.executionLinesOf(sampled.map((r) => r.requestId)))) known.lambda.add(id);
      const timeMatching = lambdaOnly || this.needsTimeMatching(scope, sampled, namesNoInvocation);

      await this.phase('correlation: execution lines, Lambda lines and traces of the sample', async () => {
        await Promise.all([
          scope.apiType === 'REST' && scope.executionLogGroup && sampled.length > 0
            ? this.query('execution lines of the sample', [scope.executionLogGroup], executionLinesOfRequestsQuery(sampled.map((r) => r.requestId)), around)
            : undefined,
          this.lambdaQuery(scope, [...known.lambda], around, timeMatching),
          summaries.then(async (found) => {
            const fromRecords = sampled.map((r) => r.traceId).filter((id): id is string => id !== undefined);
            const failed = found.filter((s) => s.hasFault === true || s.hasError === true || (s.httpStatus ?? 0) >= 500);
            await this.fetchTraceIds(scope, fromRecords.length > 0 ? fromRecords : nearest(failed, (s) => s.startTime, sampled, around, sampleSize).map((s) => s.traceId), known.traces, around);
          }),
        ]);
      });

      // Phase 4, only when phase 3 named invocations or traces not read yet.
      const lambdaIds = [...lambdaIdsInExecution(this.executionLinesOf(sampled.map((r) => r.requestId)))];
      for (const seg of tracesFromDocuments(this.documents, []).segments) {
        if (seg.awsRequestId && /Lambda/i.test(`${seg.origin ?? ''} ${seg.namespace ?? ''}`)) lambdaIds.push(seg.awsRequestId.toLowerCase());
      }
      if (timeMatching) lambdaIds.push(...nearest(this.failedInvocations(scope), (i) => i.time, sampled, around, 2 * sampleSize).map((i) => i.id));
      const newLambda = [...new Set(lambdaIds)].filter((id) => !known.lambda.has(id));
      const newTraces = this.traceIdsInLines(sampled).filter((id) => !known.traces.has(id));
      if (newLambda.length > 0 || newTraces.length > 0) {
        newLambda.forEach((id) => known.lambda.add(id));
        await this.phase('follow-up: Lambda lines named by execution lines, traces and failed invocations', async () => {
          await Promise.all([this.lambdaQuery(scope, newLambda, around, false), this.fetchTraceIds(scope, newTraces, known.traces, around)]);
        });
      }
    } else {
      await summaries;
    }
  }

  /** Phase 2's trace summaries run on through phase 3 from the CLI; a workflow step waits for them before it stores. */
  async settleTraceSummaries(): Promise<void> {
    await this.summaries;
  }

  private requireScope(): ApiScope {
    if (!this.scope) throw new Error('LiveEvidenceSource: the scope must be gathered first');
    return this.scope;
  }

  /**
   * Whether the API's own logs name the Lambda invocation behind a failing request: REST execution logs at INFO
   * do ("x-amzn-RequestId", "Lambda request id"), and so does an access log with $context.integration.requestId
   * or $context.awsEndpointRequestId.
   */
  private logsNameInvocations(scope: ApiScope): boolean {
    if (scope.apiType === 'REST' && scope.executionLoggingLevel === 'INFO') return true;
    return scope.accessLogGroup !== undefined && /\$context\.(?:integration\.requestId|awsEndpointRequestId|integrationRequestId)\b/.test(scope.accessLogFormat ?? '');
  }

  /** Invocations that wrote a failure-like line with their request id (read in phase 3, time matching). */
  private failedInvocations(scope: ApiScope): { id: string; time: number }[] {
    const groups = new Set(scope.functions.map((f) => f.logGroup));
    const out: { id: string; time: number }[] = [];
    for (const [group, rows] of this.rowsByGroup) {
      if (!groups.has(group)) continue;
      for (const event of rowsToLogEvents([...rows.values()])) {
        const record = parseLambdaLogLine(event.message);
        if (!record || record.kind === 'start' || record.kind === 'end' || record.kind === 'init' || !('requestId' in record) || !record.requestId) continue;
        if (record.kind === 'report' && !record.status) continue;
        out.push({ id: record.requestId.toLowerCase(), time: event.timestamp });
      }
    }
    return out;
  }

  /** Phase 2: every failing record, from the access log, or else from the execution log. */
  private async findFailing(scope: ApiScope, window: { start: number; end: number }): Promise<FailingRequests | undefined> {
    const where = { apiId: scope.apiId, stage: scope.stage };
    const compiled = scope.accessLogFormat ? compileAccessLogFormat(scope.accessLogFormat) : undefined;
    if (scope.accessLogGroup) {
      const outcome = await this.query('failing requests (access log)', [scope.accessLogGroup], failingAccessRecordsQuery(scope.accessLogFormat), window);
      if (outcome && outcome.logGroupNames.length > 0) {
        return failingFromAccessLog(rowsToLogEvents(outcome.rows), compiled, where);
      }
    }
    if (scope.apiType === 'REST' && scope.executionLogGroup) {
      if (!scope.accessLogGroup) this.gap(`Stage ${scope.stage} writes no access log to CloudWatch Logs: failing requests are counted from its execution log`);
      const outcome = await this.query('failing requests (execution log)', [scope.executionLogGroup], failingExecutionLinesQuery(), window);
      if (outcome && outcome.logGroupNames.length > 0) return failingFromExecutionLog(rowsToLogEvents(outcome.rows), where);
    }
    return undefined;
  }

  /**
   * The time range around the sampled requests that their execution and Lambda lines fall in: the longest
   * function or integration timeout before and after each one, plus a minute.
   */
  private aroundSample(scope: ApiScope, sampled: readonly FailingRequest[]): { start: number; end: number } {
    const timeouts = [
      DEFAULT_TIMEOUT_MS,
      ...scope.context.functions.map((f) => (f.timeoutSeconds ?? 0) * 1000),
      ...(scope.context.api?.integrations ?? []).map((i) => i.timeoutMs ?? 0),
    ];
    const slack = Math.max(...timeouts) + SLACK_MS;
    const range = windowAround(sampled.map((r) => r.time), slack, slack) ?? { startTime: this.request.window.start, endTime: this.request.window.end };
    const end = Math.min(range.endTime, this.clock.now());
    return { start: Math.min(range.startTime, end), end };
  }

  /** Some sampled request of a Lambda route will never name its invocation: match invocations by time instead. */
  private needsTimeMatching(scope: ApiScope, sampled: readonly FailingRequest[], logsNameNoInvocation: boolean): boolean {
    if (scope.functions.length === 0 || !logsNameNoInvocation) return false;
    const context = { deployments: [], functions: [], metrics: [], changes: [], ...(scope.context.api ? { api: scope.context.api } : {}) };
    return sampled.some((r) => {
      if (r.lambdaRequestId) return false;
      const integration = integrationForRoute(r.route, context);
      return integration === undefined || integration.functionName !== undefined;
    });
  }

  /** The Lambda lines of some invocations (and, for time matching, every failure-like line) of the functions in scope. */
  private async lambdaQuery(scope: ApiScope, ids: readonly string[], around: { start: number; end: number }, notable: boolean): Promise<void> {
    const groups = [...new Set(scope.functions.filter((f) => f.exists).map((f) => f.logGroup))];
    if (groups.length === 0) return;
    const query = lambdaLinesQuery(ids, { notable });
    if (query === undefined) return;
    await this.query('Lambda lines of the sample', groups, query, around);
  }

  /**
   * The sampled traces from X-Ray; with CloudWatch Transaction Search on (X-Ray has none of them and says its segments
   * go to CloudWatch Logs), their spans from the `aws/spans` log group instead: one query over the sample's time range,
   * whose rows the engine reads as log events (and `collect` writes as logs/aws/spans.json).
   */
  private async fetchTraceIds(scope: ApiScope, ids: readonly string[], fetched: Set<string>, around: { start: number; end: number }): Promise<void> {
    const wanted = [...new Set(ids.map((id) => traceIdOf(id)).filter((id): id is string => id !== undefined && !fetched.has(id)))].slice(
      0,
      this.options.sampleSize ?? DEFAULT_SAMPLE_SIZE,
    );
    if (wanted.length === 0) return;
    wanted.forEach((id) => fetched.add(id));
    // Traces come from a traced stage or from traced functions (an HTTP API's, which X-Ray never traces itself): either
    // way, none found may mean CloudWatch Transaction Search holds them as spans.
    const traced = scope.tracingEnabled || scope.context.functions.some((f) => /^active$/i.test(f.tracingMode ?? ''));
    const result = await fetchTraces(this.clients.xray, { traceIds: wanted, tracingEnabled: traced, maxTraces: wanted.length }, { clock: this.clock });
    wanted.forEach((id) => this.traceIdsAsked.add(id));
    result.absent.forEach((id) => this.traceIdsAbsent.add(id));
    if (result.transactionSearch === true) this.transactionSearch = true;
    this.addTraces(result.documents, result.gaps);
    if (result.transactionSearch !== true || result.missing.length === 0) return;
    const outcome = await this.query('spans of the sampled traces (aws/spans)', [SPANS_LOG_GROUP], spansOfTracesQuery(result.missing), around);
    if (outcome && outcome.logGroupNames.length > 0 && outcome.rows.length === 0) {
      this.gap(`${SPANS_LOG_GROUP} had no span of the ${result.missing.length} sampled traces between ${iso(around.start)} and ${iso(around.end)}`);
    }
  }

  /** Trace documents join what earlier phases fetched (one batch-get-traces.json, one trace-summaries.json). */
  private addTraces(documents: Record<string, unknown>, gaps: readonly string[]): void {
    gaps.forEach((g) => this.gap(g));
    for (const [file, doc] of Object.entries(documents)) {
      const before = this.documents[file];
      this.documents[file] = before === undefined ? doc : file === BATCH_FILE ? mergeBatches(before, doc) : mergeSummaries(before, doc);
    }
  }

  /** Trace ids that the sampled requests' execution lines and the Lambda REPORT lines name. */
  private traceIdsInLines(sampled: readonly FailingRequest[]): string[] {
    const ids = new Set<string>();
    const facts = groupByRequest(this.executionLinesOf(sampled.map((r) => r.requestId)));
    for (const lines of facts.values()) {
      const traceId = extractExecutionFacts(lines).traceId;
      if (traceId) ids.add(traceId.toLowerCase());
    }
    for (const rows of this.rowsByGroup.values()) {
      for (const row of rows.values()) for (const m of (row['@message'] ?? '').matchAll(XRAY_TRACE)) if (m[1]) ids.add(m[1].toLowerCase());
    }
    return [...ids];
  }

  /** Execution lines read so far (any phase) of the given requests. */
  private executionLinesOf(requestIds: readonly string[]): ExecutionLogLine[] {
    const wanted = new Set(requestIds);
    const out: ExecutionLogLine[] = [];
    for (const [group, rows] of this.rowsByGroup) {
      if (!group.startsWith('API-Gateway-Execution-Logs_')) continue;
      for (const event of rowsToLogEvents([...rows.values()])) {
        const line = parseExecutionLogLine(event);
        if (line && wanted.has(line.requestId)) out.push(line);
      }
    }
    return out;
  }

  /** One Logs Insights query; its rows are kept by log group, its problems become gaps, its failure a gap. */
  private async query(label: string, groups: readonly string[], queryString: string | undefined, range: { start: number; end: number }): Promise<QueryOutcome | undefined> {
    if (queryString === undefined || groups.length === 0 || !(range.end >= range.start) || this.logsRefused) return undefined;
    const narrowed = this.budget.narrow({ startTime: range.start, endTime: range.end }, { share: 0.5 });
    if (narrowed.narrowed && narrowed.reason) this.gap(`${label}: ${narrowed.reason}`);
    const request: QueryRequest = { logGroupNames: groups, queryString, startTime: narrowed.startTime, endTime: narrowed.endTime };
    this.running++;
    this.emit();
    try {
      const outcome = await this.runner.run(request);
      this.queries.push({
        label,
        logGroupNames: outcome.logGroupNames,
        queryString,
        startTime: request.startTime,
        endTime: request.endTime,
        status: outcome.status,
        rows: outcome.rows.length,
        statistics: { ...outcome.statistics },
      });
      outcome.problems.forEach((p) => this.gap(p));
      // A group queried that answered nothing is evidence too ("no failing request there"): it gets its (empty) file.
      for (const group of outcome.logGroupNames) if (!this.rowsByGroup.has(group)) this.rowsByGroup.set(group, new Map());
      this.keepRows(outcome.rows, groups);
      return outcome;
    } catch (error) {
      if (error instanceof LogsInsightsError) {
        // Every later query would be refused the same way: one gap says it.
        if (error instanceof LogsAccessDeniedError) this.logsRefused = true;
        this.gap(`${label}: ${error.message}`);
        return undefined;
      }
      throw error;
    } finally {
      this.running--;
      this.emit();
    }
  }

  private keepRows(rows: readonly Row[], groups: readonly string[]): void {
    for (const row of rows) {
      const message = row['@message'];
      if (typeof message !== 'string') continue;
      const log = row['@log'];
      // @log is "account:group"; a row without it (a single-group query on some endpoints) belongs to that group.
      const group = log ? (/^\d{12}:(.+)$/.exec(log)?.[1] ?? log) : groups.length === 1 ? groups[0] : undefined;
      if (group === undefined) continue;
      const kept: Row = { '@timestamp': row['@timestamp'] ?? '', '@message': message, '@log': log ?? group };
      if (row['@logStream']) kept['@logStream'] = row['@logStream'];
      const byKey = this.rowsByGroup.get(group) ?? new Map<string, Row>();
      byKey.set(rowKey(kept), kept);
      this.rowsByGroup.set(group, byKey);
    }
  }

  private async phase<T>(name: string, run: () => Promise<T>): Promise<T> {
    this.setStep(name);
    const start = this.clock.now();
    try {
      return await run();
    } finally {
      this.phases.push({ name, start, end: this.clock.now() });
    }
  }

  private setStep(step: string): void {
    this.step = step;
    this.emit();
  }

  private emit(): void {
    this.options.onProgress?.({ step: this.step, queriesRunning: this.running, queriesStarted: this.budget.queries, elapsedMs: this.clock.now() - this.startedAt });
  }


}

/** Lambda request ids that execution lines name (the integration's and the authorizer's). */
function lambdaIdsInExecution(lines: readonly ExecutionLogLine[]): string[] {
  const ids = new Set<string>();
  for (const list of groupByRequest(lines).values()) {
    const facts = extractExecutionFacts(list);
    for (const id of [facts.lambdaRequestId, facts.authorizer?.lambdaRequestId, facts.integrationKind === 'lambda' ? facts.integrationRequestId : undefined]) {
      if (id) ids.add(id.toLowerCase());
    }
    for (const line of list) for (const m of line.text.matchAll(LAMBDA_ID)) {
      const id = m[1] ?? m[2] ?? m[3];
      if (id) ids.add(id.toLowerCase());
    }
  }
  return [...ids];
}

function groupByRequest(lines: readonly ExecutionLogLine[]): Map<string, ExecutionLogLine[]> {
  const out = new Map<string, ExecutionLogLine[]>();
  for (const line of lines) {
    const list = out.get(line.requestId) ?? [];
    list.push(line);
    out.set(line.requestId, list);
  }
  return out;
}

/**
 * Up to `k` items closest in time to a sampled request (all of them when there is no sample), inside `range`:
 * the traces and invocations most likely to be the sampled requests' own.
 */
function nearest<T>(items: readonly T[], timeOf: (item: T) => number | undefined, sampled: readonly FailingRequest[], range: { start: number; end: number }, k: number): T[] {
  const scored = items
    .map((item) => ({ item, time: timeOf(item) }))
    .filter((x): x is { item: T; time: number } => x.time !== undefined && x.time >= range.start && x.time <= range.end)
    .map((x) => ({ item: x.item, distance: sampled.length === 0 ? 0 : Math.min(...sampled.map((r) => Math.abs(r.time - x.time))) }));
  scored.sort((a, b) => a.distance - b.distance);
  return scored.slice(0, k).map((x) => x.item);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
