import { diagnose } from '../diagnose.ts';
import type { DiagnoseOptions } from '../diagnoseOptions.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { GatheredEvidence } from '../live/GatheredEvidence.ts';
import { emptySnapshot, mergeSnapshots, type LiveSnapshot } from '../live/liveSnapshot.ts';
import { alarmScopeFromEvent } from '../live/alarmScopeFromEvent.ts';
import type { CaughtFailure, ClassifyInput, DiagnosisSummary } from './stepPayloads.ts';
import { chartInputs } from '../slack/message/chartInputs.ts';
import { CHART_FILE, evidenceKey } from './evidenceKeys.ts';
import { loadFragment, loadScope } from './storedScope.ts';
import type { WorkflowDeps } from './WorkflowDeps.ts';

/**
 * Classify: every step's stored evidence merged into one source, the engine run over it (the same engine as the
 * CLI), a failed step named in the gaps. Stores diagnosis.json and returns its summary.
 */
export async function classifyStep(input: ClassifyInput, deps: WorkflowDeps): Promise<DiagnosisSummary> {
  const { incident } = input;
  const gaps: string[] = [];
  const failed = (step: string, failure: CaughtFailure | undefined) => {
    if (failure) gaps.push(`The workflow step ${step} failed (${describeFailure(failure)}): the diagnosis lacks the evidence it would have read.`);
  };
  failed('ResolveScope', input.failures?.scope);
  failed('FindFailingRequests', input.failures?.failing);
  failed('GatherEvidence', input.failures?.gather);

  const snapshots: LiveSnapshot[] = [];
  let engineOptions: DiagnoseOptions = {};
  if (input.scope) {
    const stored = await loadScope(deps.store, input.scope.ref);
    snapshots.push(stored.snapshot);
    engineOptions = stored.engineOptions;
  }
  if (input.failing?.ref !== undefined) snapshots.push(await loadFragment(deps.store, input.failing.ref));
  const [items, context] = input.gathered ?? [[], undefined];
  for (const [index, item] of items.entries()) {
    if ('failed' in item) failed(`GatherRequestEvidence (batch ${index + 1} of ${items.length})`, item.failed);
    else snapshots.push(await loadFragment(deps.store, item.ref));
  }
  if (context !== undefined) {
    if ('failed' in context) failed('GatherContext', context.failed);
    else snapshots.push(await loadFragment(deps.store, context.ref));
  }
  if (snapshots.length === 0) snapshots.push(incidentSnapshot(input));
  snapshots.push({ ...incidentSnapshot(input), gaps });

  const source = GatheredEvidence.fromSnapshots(snapshots);
  const spent = mergeSnapshots(snapshots);
  const diagnosis: Diagnosis = await diagnose(source, engineOptions);
  diagnosis.cost = { logsInsightsQueries: spent.spent.queries, bytesScanned: spent.spent.bytesScanned, apiCalls: spent.apiCalls };
  const ref = await deps.store.putJson(evidenceKey(incident.diagnosisId, 'diagnosis.json'), diagnosis);
  // The message's 5xx-per-minute chart: the metric series and deployments are in the evidence, not the diagnosis.
  await deps.store.putJson(evidenceKey(incident.diagnosisId, CHART_FILE), chartInputs(await source.readContext(), diagnosis));
  return {
    diagnosisId: incident.diagnosisId,
    ref,
    rootCause: diagnosis.rootCause.id,
    confidence: diagnosis.rootCause.confidence,
    failingRequests: diagnosis.failingRequests.total,
    ...(diagnosis.api.id ? { apiId: diagnosis.api.id } : {}),
    ...(diagnosis.api.stage ? { stage: diagnosis.api.stage } : {}),
  };
}

/** What the diagnosis knows without any step's evidence: the alarm (its window, its API) or the request. */
function incidentSnapshot(input: ClassifyInput): LiveSnapshot {
  const t = input.incident.target;
  const documents: Record<string, unknown> = {};
  let request: LiveSnapshot['request'];
  if (t.kind === 'alarm-event') {
    documents['alarm.json'] = t.event;
    let window = { start: input.incident.requestedAt, end: input.incident.requestedAt };
    let api = '';
    let stage = '';
    try {
      const alarm = alarmScopeFromEvent(t.event);
      window = alarm.window;
      api = alarm.api;
      stage = alarm.stage ?? '';
    } catch {
      // The claim step accepted the event; should it not name an API, the diagnosis says so through its gaps.
    }
    request = { api, stage, window, alarmDocument: t.event };
  } else {
    const end = t.to ?? input.incident.requestedAt;
    request = { api: t.api, stage: t.stage, window: { start: t.from ?? end - (t.since ?? 3_600_000), end } };
  }
  return emptySnapshot(request, documents);
}

/** "ApiNotFoundError: No REST API named x": Step Functions' Cause is the Lambda error as JSON. */
function describeFailure(failure: CaughtFailure): string {
  let cause = failure.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {
    // A plain-text cause (a timeout, a Pass state's) is shown as it is.
  }
  const text = [failure.Error, cause.slice(0, 300)].filter((s) => s !== undefined && s !== '').join(': ');
  return text || 'no reason given';
}
