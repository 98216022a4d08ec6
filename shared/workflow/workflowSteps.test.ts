/**
 * The evidence steps run one after another as the state machine runs them (the Map's batches at once), over
 * accounts built from incident bundles: the stored fragments merged by Classify must give the diagnosis the
 * one-process live path gives; a failed step must degrade the diagnosis (a gap), not lose it.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAwsClients } from '../live/awsClients.ts';
import { answerFromBundle, eventSpan, loadBundleAccount, type BundleAccount } from '../live/bundleAccount.ts';
import { diagnoseLive } from '../live/diagnoseLive.ts';
import type { LiveClock } from '../live/liveClock.ts';
import type { Diagnosis } from '../model/diagnosis.ts';
import { MemoryEvidenceStore } from '../store/MemoryEvidenceStore.ts';
import { classifyStep } from './classifyStep.ts';
import { findFailingRequestsStep } from './findFailingRequestsStep.ts';
import { gatherContextStep } from './gatherContextStep.ts';
import { gatherRequestEvidenceStep } from './gatherRequestEvidenceStep.ts';
import { resolveScopeStep } from './resolveScopeStep.ts';
import type { Incident } from './stepPayloads.ts';
import type { WorkflowDeps } from './WorkflowDeps.ts';

const incidents = fileURLToPath(new URL('../../events/incidents/', import.meta.url));
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' };

function accountClients(account: BundleAccount) {
  const clients = createAwsClients({ region: account.region, credentials });
  let time = (account.alarm?.stateChangeTime ?? eventSpan(account).end) + 3_600_000;
  const clock: LiveClock = { now: () => time, sleep: async (ms) => void (time += ms), random: () => 0.5 };
  answerFromBundle(clients, account, { now: clock.now });
  return { clients, clock };
}

function incidentOf(account: BundleAccount): Incident {
  const span = eventSpan(account);
  return {
    diagnosisId: 'test-diagnosis',
    proceed: true,
    requestedAt: span.end,
    target: account.alarmDocument
      ? { kind: 'alarm-event', event: account.alarmDocument }
      : { kind: 'api', api: account.apiId, stage: account.stageName, from: span.start, to: span.end },
  };
}

function comparable(d: Diagnosis): unknown {
  const { stats: _s, cost: _c, gaps: _g, ...rest } = d;
  return rest;
}

describe('the workflow steps over accounts built from bundles', () => {
  it.each(['rest-lambda-timeout', 'http-lambda-timeout', 'rest-two-causes-timeout-and-oom', 'rt-rest-error-level-exec-logs-only', 'http-insufficient-evidence-metrics-only'])(
    '%s: Classify over the stored fragments = the one-process live diagnosis',
    async (name) => {
      const account = await loadBundleAccount(path.join(incidents, name));
      const incident = incidentOf(account);
      const one = accountClients(account);
      const span = eventSpan(account);
      const live = await diagnoseLive(
        one.clients,
        incident.target.kind === 'alarm-event' ? { kind: 'alarm-event', event: account.alarmDocument } : { kind: 'api', api: account.apiId, stage: account.stageName },
        { clock: one.clock, region: account.region, ...(account.alarmDocument ? {} : { from: span.start, to: span.end }) },
      );

      const { clients, clock } = accountClients(account);
      const store = new MemoryEvidenceStore();
      const deps: WorkflowDeps = { clients, store, clock, settings: { sampleSize: 20, batchSize: 5, budgetBytes: 1e9, region: account.region } };
      const scope = await resolveScopeStep({ incident }, deps);
      expect(scope.apiId).toBe(account.apiId);
      const failing = await findFailingRequestsStep({ incident, scope }, deps);
      expect(failing.batches.every((b) => b.length <= 5)).toBe(true);
      const items = await Promise.all(failing.batches.map((batch, index) => gatherRequestEvidenceStep({ incident, scope, failing, batch, index }, deps)));
      const context = await gatherContextStep({ incident, scope }, deps);
      const summary = await classifyStep({ incident, scope, failing, gathered: [items, context] }, deps);
      const diagnosis = (await store.getJson(summary.ref)) as Diagnosis;

      expect(comparable(diagnosis)).toEqual(comparable(live.diagnosis));
      expect(summary).toMatchObject({ diagnosisId: 'test-diagnosis', rootCause: live.diagnosis.rootCause.id, failingRequests: live.diagnosis.failingRequests.total });
      // Every query and call of every step is counted once.
      expect(diagnosis.cost?.logsInsightsQueries).toBeGreaterThan(0);
      expect(diagnosis.cost?.apiCalls.find((c) => c.action === 'StartQuery')?.count).toBe(diagnosis.cost?.logsInsightsQueries);
    },
  );

  it('a failed step becomes a gap, and a scope that could not be resolved still gives a diagnosis', async () => {
    const account = await loadBundleAccount(path.join(incidents, 'rest-lambda-timeout'));
    const { clients, clock } = accountClients(account);
    const store = new MemoryEvidenceStore();
    const deps: WorkflowDeps = { clients, store, clock, settings: { sampleSize: 20, batchSize: 5, budgetBytes: 1e9 } };
    const incident = incidentOf(account);
    const cause = JSON.stringify({ errorType: 'ApiNotFoundError', errorMessage: 'No REST API named orders-api in us-east-1' });
    const summary = await classifyStep({ incident, failures: { scope: { Error: 'ApiNotFoundError', Cause: cause } } }, deps);
    const diagnosis = (await store.getJson(summary.ref)) as Diagnosis;
    expect(diagnosis.rootCause.id).toBe('insufficient-evidence');
    expect(diagnosis.gaps.join('\n')).toContain('ResolveScope failed (ApiNotFoundError: No REST API named orders-api in us-east-1)');

    const scope = await resolveScopeStep({ incident }, deps);
    const failing = await findFailingRequestsStep({ incident, scope }, deps);
    const batchFailed = { Error: 'States.Timeout', Cause: 'Task timed out after 300.00 seconds' };
    const degraded = await classifyStep(
      { incident, scope, failing, gathered: [failing.batches.map(() => ({ failed: batchFailed })), { failed: { Error: 'ThrottlingException', Cause: 'Rate exceeded' } }] },
      deps,
    );
    const d = (await store.getJson(degraded.ref)) as Diagnosis;
    // The failing requests are still counted from the access log, the missing batches and context are named.
    expect(d.failingRequests.total).toBe(failing.total);
    expect(d.gaps.some((g) => g.includes('GatherRequestEvidence (batch 1 of') && g.includes('States.Timeout'))).toBe(true);
    expect(d.gaps.some((g) => g.includes('GatherContext failed (ThrottlingException: Rate exceeded)'))).toBe(true);
  });
});
