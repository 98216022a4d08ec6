import type { Diagnosis, Finding, SuspectChange } from './model/diagnosis.ts';
import type { BundleContext } from './model/context.ts';
import type { EvidenceSource } from './model/evidenceSource.ts';
import { ROOT_CAUSE_TITLES } from './model/rootCauses.ts';
import type { DiagnoseOptions } from './diagnoseOptions.ts';
import { compileAccessLogFormat } from './parsers/compileAccessLogFormat.ts';
import { EvidenceCollector, MAX_SPANS, type CollectedEvidence } from './correlate/EvidenceCollector.ts';
import { correlateRequests, indexTraces, isLambdaSegmentWithRequestId, normaliseTraceId, type TraceIndex } from './correlate/correlateRequests.ts';
import type { RequestEvidence } from './correlate/requestEvidence.ts';
import { customLogGroups, functionNameOfInvocation, invocationFailed } from './correlate/invocation.ts';
import { classifyRequest } from './classify/classifyRequest.ts';
import { buildFindings, type Unexplained } from './classify/buildFindings.ts';
import { resolveScope } from './scope/resolveScope.ts';
import { findSuspectChanges } from './scope/findSuspectChanges.ts';
import { describeGaps } from './scope/describeGaps.ts';
import { findingLinks } from './links/findingLinks.ts';
import { redact } from './redact/redact.ts';

const DEFAULT_SAMPLE_SIZE = 20;

type Window = { start: number; end: number };

/**
 * The engine: one streaming pass over the logs, a second targeted pass for invocations a failing
 * request needs but the first pass let go, then correlation, classification and the diagnosis JSON.
 * Every source of evidence (bundle, live account) goes through here.
 */
export async function diagnose(source: EvidenceSource, options: DiagnoseOptions = {}): Promise<Diagnosis> {
  const context = await source.readContext();
  const scope = resolveScope(context, options);
  const collector = new EvidenceCollector({
    ...(scope.apiId ? { apiId: scope.apiId } : {}),
    ...(scope.stage ? { stage: scope.stage } : {}),
    ...(context.stage?.accessLogFormat ? { accessLogFormat: compileAccessLogFormat(context.stage.accessLogFormat) } : {}),
  });
  for await (const event of source.logEvents()) collector.add(event);
  const collected = collector.finish();
  const read = await source.readTraces();
  // Spans read as log events (aws/spans, CloudWatch Transaction Search) are trace segments like X-Ray's.
  const segments = collected.spanSegments.length > 0 ? [...read.segments, ...collected.spanSegments] : read.segments;
  const traces = indexTraces(segments, read.summaries);

  await recoverQuietInvocations(source, collected, traces);

  let { requests, claimed } = correlateRequests(collected, traces, context);
  scope.learnFrom(requests, collected);
  const window = scope.window(requests);
  // A request without a time (0) cannot be placed outside the window: it stays.
  const outside = (r: RequestEvidence) => window !== undefined && r.time > 0 && (r.time < window.start || r.time > window.end);
  const outOfWindow = requests.filter(outside);
  if (outOfWindow.length > 0) requests = requests.filter((r) => !outside(r));

  // Only when no API Gateway log was read at all: then failed invocations are the best proxy.
  const fromLambdaOnly = requests.length === 0 && collected.counts.accessRecords === 0 && collected.counts.executionRequests === 0;
  if (fromLambdaOnly) requests = requestsFromInvocations(collected, context, window, claimed);

  const classified = requests.map((r) => classifyRequest(r, { context, apiType: scope.apiType }));
  const gaps = describeGaps({ source, context, collected, requests, scope, outOfWindow, fromLambdaOnly, traceCount: segments.length });
  if (collected.spansDropped > 0) {
    gaps.messages.push(`${collected.spansDropped} spans (aws/spans) were not read: only ${MAX_SPANS} are kept, those of failed traces first.`);
  }
  // What findings and their links are about, as the scope learned it from the documents and the logs.
  const about = {
    ...(scope.apiId ? { apiId: scope.apiId } : {}),
    ...(scope.stage ? { stage: scope.stage } : {}),
    apiType: scope.apiType,
    ...(scope.region ? { region: scope.region } : {}),
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    context,
    ...(window ? { window } : {}),
  };
  const { findings, unexplained } = buildFindings(classified, { ...about, missing: gaps.missing });
  if (fromLambdaOnly) for (const f of findings) f.confidence = Math.round(f.confidence * 70) / 100;
  for (const f of findings) {
    const links = findingLinks(f, about);
    if (links.length > 0) f.links = links;
  }

  const times = requests.map((r) => r.time).filter((t) => t > 0).sort((a, b) => a - b);
  const onset = times[0];
  const suspectChanges: SuspectChange[] = findSuspectChanges(context, onset ?? window?.start, requests);
  const total = requests.length > 0 ? requests.length : metricCount(context, window);
  if (unexplained && findings.length > 0) {
    gaps.messages.push(`${unexplained.requestCount} failing requests could not be tied to a cause: ${unexplained.summary}`);
  }
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const root = pickRootCause(findings, unexplained, total, gaps.missing);
  const effectiveWindow = window ?? (times.length > 0 ? { start: times[0] as number, end: times[times.length - 1] as number } : undefined);

  const diagnosis: Diagnosis = {
    schemaVersion: 1,
    api: { id: scope.apiId ?? scope.apiName ?? 'unknown', stage: scope.stage ?? 'unknown', type: scope.apiType, ...(scope.apiName ? { name: scope.apiName } : {}) },
    window: {
      start: effectiveWindow ? iso(effectiveWindow.start) : '',
      end: effectiveWindow ? iso(effectiveWindow.end) : '',
      source: window ? scope.windowSource : times.length > 0 ? 'failures' : 'none',
    },
    failingRequests: {
      total,
      sampled: stratifiedSample(findings, unexplained?.requestIds ?? [], sampleSize),
      byStatus: countBy(requests.map((r) => (r.status === undefined ? undefined : String(r.status)))),
      byRoute: countBy(requests.map((r) => r.route)),
      countedFrom: requests.length > 0 ? (collected.failingAccess.size > 0 ? 'access-log' : fromLambdaOnly ? 'none' : 'execution-log') : total > 0 ? 'metrics' : 'none',
      ...(onset !== undefined ? { onset: iso(onset) } : {}),
      ...(times.length > 0 ? { last: iso(times[times.length - 1] as number) } : {}),
    },
    rootCause: root,
    findings,
    // Everything that quotes input text is redacted before it leaves (excerpts and finding texts are already).
    suspectChanges: suspectChanges.map((c) => ({ ...c, what: redact(c.what) })),
    gaps: gaps.messages.map((g) => redact(g)),
    unmatched: unmatchedEvidence(collected, claimed, context, window).map((u) => (u.example === undefined ? u : { ...u, example: redact(u.example) })),
    stats: { ...source.stats },
  };
  if (context.alarm) {
    diagnosis.alarm = {
      name: context.alarm.name,
      ...(context.alarm.state ? { state: context.alarm.state } : {}),
      ...(context.alarm.stateChangeTime ? { time: iso(context.alarm.stateChangeTime) } : {}),
      ...(context.alarm.metricName ? { metric: `${context.alarm.namespace ?? ''}/${context.alarm.metricName}` } : {}),
    };
  }
  return diagnosis;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function countBy(values: readonly (string | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/**
 * Failing requests whose Lambda request id is known but whose invocation wrote nothing failure-like
 * were let go by the first pass (to keep memory flat); read the Lambda files again for just those.
 */
async function recoverQuietInvocations(source: EvidenceSource, collected: CollectedEvidence, traces: TraceIndex): Promise<void> {
  const wanted = new Set<string>();
  const consider = (id: string | undefined) => {
    if (id && id !== '-' && !collected.invocations.has(id)) wanted.add(id);
  };
  for (const req of collected.failingExecution.values()) {
    for (const line of req.lines) {
      const m = /x-amzn-RequestId=([0-9a-f-]{36})|Lambda request id:\s*([0-9a-f-]{36})/i.exec(line.text);
      if (m) consider(m[1] ?? m[2]);
    }
  }
  for (const rec of collected.failingAccess.values()) {
    consider(rec.integrationRequestId);
    // The same trace id and Lambda segment correlateRequests will tie the request to.
    const traceId = normaliseTraceId(rec.xrayTraceId);
    for (const seg of traceId ? (traces.byTrace.get(traceId) ?? []) : []) if (isLambdaSegmentWithRequestId(seg)) consider(seg.awsRequestId);
  }
  if (wanted.size === 0 || collected.lambdaFiles.size === 0) return;
  const second = new EvidenceCollector({ wantedInvocations: wanted });
  for await (const event of source.logEvents(collected.lambdaFiles)) second.add(event);
  for (const [id, inv] of second.finish().invocations) if (!collected.invocations.has(id)) collected.invocations.set(id, inv);
}

/**
 * With no API Gateway log at all, the failing invocations of the API's functions in the window are the
 * best proxy for failing requests; their findings are marked less certain.
 */
function requestsFromInvocations(
  collected: CollectedEvidence,
  context: BundleContext,
  window: Window | undefined,
  claimed: Set<string>,
): RequestEvidence[] {
  const custom = customLogGroups(context.functions);
  const apiFunctions = new Set((context.api?.integrations ?? []).map((i) => i.functionName).filter(Boolean));
  const out: RequestEvidence[] = [];
  for (const inv of collected.invocations.values()) {
    if (!inv.notable || !invocationFailed(inv)) continue;
    const t = inv.start ?? inv.end ?? 0;
    if (window && (t < window.start || t > window.end)) continue;
    const fn = functionNameOfInvocation(inv, custom);
    if (apiFunctions.size > 0 && fn && !apiFunctions.has(fn)) continue;
    const r: RequestEvidence = { requestId: '', time: t, segments: [], invocation: inv, invocationMatch: 'request-id', lambdaRequestId: inv.requestId };
    if (fn) r.functionName = fn;
    const cfg = context.functions.find((f) => f.name === fn);
    if (cfg) r.functionConfig = cfg;
    const route = context.api?.integrations.find((i) => i.functionName === fn)?.route;
    if (route) r.route = route;
    claimed.add(inv.requestId);
    out.push(r);
  }
  return out;
}

/** Sum of the 5xx metric over the window, when logs have no failing request to count. */
function metricCount(context: BundleContext, window: Window | undefined): number {
  const series = context.metrics.find((m) => m.metricName === '5XXError' || m.metricName === '5xx');
  if (!series) return 0;
  const stat = (series.stat ?? '').toLowerCase();
  if (stat && stat !== 'sum') return 0;
  return Math.round(series.points.filter((p) => !window || (p.timestamp >= window.start && p.timestamp <= window.end)).reduce((s, p) => s + p.value, 0));
}

/**
 * The contract: the first finding, or insufficient-evidence when no finding stands. Insufficient
 * evidence is not a finding: it says what is missing and how to turn it on.
 */
function pickRootCause(findings: readonly Finding[], unexplained: Unexplained | undefined, total: number, missing: readonly string[]): Diagnosis['rootCause'] {
  const first = findings[0];
  if (first) return { id: first.id, title: first.title, confidence: first.confidence, summary: first.summary };
  const missingText = missing.length ? ` Missing: ${missing.join('; ')}.` : '';
  const summary = unexplained
    ? unexplained.summary
    : total > 0
      ? `Metrics count ${total} failing requests in the window, but no log read holds one of them.${missingText}`
      : `No failing request was found in the evidence read.${missingText}`;
  return {
    id: 'insufficient-evidence',
    title: ROOT_CAUSE_TITLES['insufficient-evidence'],
    confidence: unexplained ? 0.2 : 0.1,
    summary,
    remediation: unexplained?.remediation ?? [
      "Collect the API Gateway access log and (REST) execution log groups for the window, and the integrated functions' log groups, then run the diagnosis again.",
      'If execution or access logging is off on the stage, turn it on so that the next occurrence can be diagnosed.',
    ],
  };
}

/** Up to `size` request ids, taken in turn from each finding so a rare second cause is represented. */
function stratifiedSample(findings: readonly Finding[], unexplained: readonly string[], size: number): string[] {
  const out: string[] = [];
  const queues = [...findings.map((f) => [...f.sampledRequestIds]), [...unexplained]];
  while (out.length < size && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const id = q.shift();
      if (id && !out.includes(id)) out.push(id);
      if (out.length >= size) break;
    }
  }
  return out;
}

function unmatchedEvidence(
  collected: CollectedEvidence,
  claimed: ReadonlySet<string>,
  context: BundleContext,
  window: Window | undefined,
): Diagnosis['unmatched'] {
  const custom = customLogGroups(context.functions);
  const loose = [...collected.invocations.values()].filter(
    (inv) => inv.notable && invocationFailed(inv) && !claimed.has(inv.requestId) && (!window || ((inv.start ?? 0) >= window.start && (inv.start ?? 0) <= window.end)),
  );
  const out: Diagnosis['unmatched'] = [];
  if (loose.length > 0) {
    const ex = loose[0];
    const line = ex?.lines.find((l) => l.record.kind !== 'start')?.raw ?? '';
    out.push({
      kind: 'Lambda request ids that failed but are not tied to a failing API request of this API and stage (asynchronous or scheduled invocations, whose retries share one id; another API or stage; or requests whose API logs were not read)',
      count: loose.length,
      example: `${functionNameOfInvocation(ex, custom) ?? ex?.logGroup ?? ''} ${ex?.requestId ?? ''}: ${line.slice(0, 200)}`.trim(),
    });
  }
  if (collected.orphanInitFailures.length > 0) {
    out.push({ kind: 'init failures with no invocation after them', count: collected.orphanInitFailures.length, example: collected.orphanInitFailures[0]?.raw.slice(0, 200) ?? '' });
  }
  return out;
}
