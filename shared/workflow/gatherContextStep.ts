import { callsMadeBy } from '../live/AwsCallLog.ts';
import { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import { snapshotDelta } from '../live/liveSnapshot.ts';
import type { FragmentRef, Incident, ScopeSummary } from './stepPayloads.ts';
import { evidenceKey } from './evidenceKeys.ts';
import { loadScope, type StoredFragment } from './storedScope.ts';
import { liveOptionsOf, type WorkflowDeps } from './WorkflowDeps.ts';

/** GatherContext (beside the Map): the metrics of the window and the CloudTrail changes before it. */
export async function gatherContextStep(input: { incident: Incident; scope: ScopeSummary }, deps: WorkflowDeps): Promise<FragmentRef> {
  const { snapshot } = await loadScope(deps.store, input.scope.ref);
  const source = LiveEvidenceSource.resume(deps.clients, [snapshot], liveOptionsOf(deps));
  const before = source.snapshot([]);
  const { calls } = await callsMadeBy(() => source.gatherContext());
  const stored: StoredFragment = { snapshot: snapshotDelta(source.snapshot(calls), before) };
  const ref = await deps.store.putJson(evidenceKey(input.incident.diagnosisId, 'context.json'), stored);
  return { ref };
}
