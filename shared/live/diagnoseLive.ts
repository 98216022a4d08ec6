import type { DiagnoseOptions } from '../diagnoseOptions.ts';
import { diagnose } from '../diagnose.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { alarmScopeFromEvent, alarmScopeFromName, type AlarmScope, onlyStageOf } from './alarmScope.ts';
import { systemClock } from './liveClock.ts';
import { type LiveClients, LiveEvidenceSource, type LiveEvidenceOptions, type LiveEvidenceRequest } from './LiveEvidenceSource.ts';

/** What a live diagnosis is about: an API and stage, an alarm by name, or an alarm event as delivered. */
export type LiveTarget =
  | { kind: 'api'; api: string; stage: string }
  | { kind: 'alarm'; alarmName: string; stage?: string }
  | { kind: 'alarm-event'; event: unknown; stage?: string };

export interface DiagnoseLiveOptions extends LiveEvidenceOptions {
  /** The window, epoch ms (command line --from/--to). */
  from?: number;
  to?: number;
  /** The last `since` ms (command line --since). */
  since?: number;
  /** Without a window and without an alarm: the last this-many ms (default 1 h). */
  defaultSinceMs?: number;
}

export interface LiveDiagnosis {
  diagnosis: Diagnosis;
  /** The evidence read, for `collect`. */
  source: LiveEvidenceSource;
  /** The options the engine ran with: a replay of the collected bundle passes the same (README of the bundle). */
  engineOptions: DiagnoseOptions;
  alarm?: AlarmScope;
}

const DEFAULT_SINCE_MS = 3_600_000;

/** What a live diagnosis will gather and how the engine will read it, before anything is gathered. */
export interface LivePlan {
  request: LiveEvidenceRequest;
  /** The window when it came from the command line or the default; the API and stage are added once resolved. */
  engineOptions: DiagnoseOptions;
  alarm?: AlarmScope;
}

/**
 * The target resolved to an API, stage and window: an alarm gives all three (its stage, when it has no Stage
 * dimension, is the API's only stage); the command line's window wins, else the alarm's, else the last hour.
 * AlarmScopeError and the other usage errors propagate (exit 2).
 */
export async function planLiveDiagnosis(clients: LiveClients, target: LiveTarget, options: DiagnoseLiveOptions = {}): Promise<LivePlan> {
  const clock = options.clock ?? systemClock;
  const alarm =
    target.kind === 'alarm'
      ? await alarmScopeFromName(clients.cloudWatch, target.alarmName, {
          ...(target.stage !== undefined ? { stage: target.stage } : {}),
          ...(options.region !== undefined ? { region: options.region } : {}),
        })
      : target.kind === 'alarm-event'
        ? alarmScopeFromEvent(target.event, target.stage !== undefined ? { stage: target.stage } : {})
        : undefined;

  // The engine computes the same window from alarm.json, so it is passed only when it did not come from the alarm.
  const engineOptions: DiagnoseOptions = {};
  let window: { start: number; end: number };
  if (options.from !== undefined && options.to !== undefined) {
    window = { start: options.from, end: options.to };
  } else if (options.since !== undefined) {
    const now = clock.now();
    window = { start: now - options.since, end: now };
  } else if (alarm) {
    window = alarm.window;
  } else {
    const now = clock.now();
    window = { start: now - (options.defaultSinceMs ?? DEFAULT_SINCE_MS), end: now };
  }
  if (!alarm || options.from !== undefined || options.since !== undefined) {
    engineOptions.from = window.start;
    engineOptions.to = window.end;
  }
  if (options.sampleSize !== undefined) engineOptions.sampleSize = options.sampleSize;

  const stage = alarm ? (alarm.stage ?? (await onlyStageOf(clients, alarm, options.region))) : target.kind === 'api' ? target.stage : '';
  const request: LiveEvidenceRequest = {
    api: alarm?.api ?? (target.kind === 'api' ? target.api : ''),
    stage,
    ...(alarm ? { apiType: alarm.apiType, alarmDocument: alarm.document } : {}),
    window,
  };
  return { request, engineOptions, ...(alarm ? { alarm } : {}) };
}

/**
 * A diagnosis of a live API: the target resolved (an alarm gives the API, stage and window), the evidence
 * gathered by LiveEvidenceSource, the same engine as offline, and what it cost. ApiNotFoundError,
 * AlarmScopeError and the other usage errors propagate (exit 2).
 */
export async function diagnoseLive(clients: LiveClients, target: LiveTarget, options: DiagnoseLiveOptions = {}): Promise<LiveDiagnosis> {
  const clock = options.clock ?? systemClock;
  const { request, engineOptions, alarm } = await planLiveDiagnosis(clients, target, options);
  const source = new LiveEvidenceSource(clients, request, { ...options, clock });
  await source.gather();
  const scope = source.scope;
  if (scope) {
    engineOptions.apiId = scope.apiId;
    engineOptions.stage = scope.stage;
  }
  const diagnosis = await diagnose(source, engineOptions);
  const spend = source.spend();
  diagnosis.cost = {
    logsInsightsQueries: spend.queries,
    bytesScanned: spend.bytesScanned,
    apiCalls: clients.callLog.calls().map(({ service, action, count }) => ({ service, action, count })),
  };
  return { diagnosis, source, engineOptions, ...(alarm ? { alarm } : {}) };
}
