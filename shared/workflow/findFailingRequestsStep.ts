import { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import type { FailingSummary, Incident, SampledRequestRef, ScopeSummary } from './stepPayloads.ts';
import { evidenceKey } from './evidenceKeys.ts';
import { loadScope } from './storedScope.ts';
import { storePhase } from './storePhase.ts';
import { liveOptionsOf, type WorkflowDeps } from './WorkflowDeps.ts';

/**
 * FindFailingRequests: one Logs Insights query for every failing request of the window (and the stage's failing
 * trace summaries beside it), the sample stratified by error signature, handed to the Map in batches. With no
 * API log to read but functions to look at, one empty batch: the functions' failed invocations over the window.
 */
export async function findFailingRequestsStep(input: { incident: Incident; scope: ScopeSummary }, deps: WorkflowDeps): Promise<FailingSummary> {
  const { snapshot } = await loadScope(deps.store, input.scope.ref);
  const source = LiveEvidenceSource.resume(deps.clients, [snapshot], liveOptionsOf(deps));
  const { result: sampled, ref, delta } = await storePhase(
    source,
    async () => {
      const sample = await source.gatherFailing();
      await source.settleTraceSummaries();
      return sample;
    },
    deps.store,
    evidenceKey(input.incident.diagnosisId, 'failing.json'),
  );

  const refs: SampledRequestRef[] = sampled.map((r) => ({ requestId: r.requestId, time: r.time }));
  const batches: SampledRequestRef[][] = [];
  const size = Math.max(1, deps.settings.batchSize);
  for (let i = 0; i < refs.length; i += size) batches.push(refs.slice(i, i + size));
  const functions = source.scope?.functions.length ?? 0;
  if (batches.length === 0 && delta.failingSearched && !source.failing && functions > 0) batches.push([]);
  return { ref, total: source.failing?.requests.length ?? 0, batches };
}
