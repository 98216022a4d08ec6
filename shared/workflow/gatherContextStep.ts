import { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import type { FragmentRef, Incident, ScopeSummary } from './stepPayloads.ts';
import { evidenceKey } from './evidenceKeys.ts';
import { loadScope } from './storedScope.ts';
import { storePhase } from './storePhase.ts';
import { liveOptionsOf, type WorkflowDeps } from './WorkflowDeps.ts';

/** GatherContext (beside the Map): the metrics of the window and the CloudTrail changes before it. */
export async function gatherContextStep(input: { incident: Incident; scope: ScopeSummary }, deps: WorkflowDeps): Promise<FragmentRef> {
  const { snapshot } = await loadScope(deps.store, input.scope.ref);
  const source = LiveEvidenceSource.resume(deps.clients, [snapshot], liveOptionsOf(deps));
  const { ref } = await storePhase(source, () => source.gatherContext(), deps.store, evidenceKey(input.incident.diagnosisId, 'context.json'));
  return { ref };
}
