import type { FailingRequest } from '../live/failingRecords.ts';
import { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import type { FragmentRef, RequestBatchInput } from './stepPayloads.ts';
import { evidenceKey } from './evidenceKeys.ts';
import { loadFragment, loadScope } from './storedScope.ts';
import { storePhase } from './storePhase.ts';
import { liveOptionsOf, type WorkflowDeps } from './WorkflowDeps.ts';

/**
 * GatherRequestEvidence (one Map item): the batch's execution lines, the Lambda lines of their invocations and
 * their traces, then what those named. The scan budget left is shared evenly among the batches, which run at once.
 */
export async function gatherRequestEvidenceStep(input: RequestBatchInput, deps: WorkflowDeps): Promise<FragmentRef> {
  const { snapshot } = await loadScope(deps.store, input.scope.ref);
  const snapshots = [snapshot];
  if (input.failing.ref !== undefined) snapshots.push(await loadFragment(deps.store, input.failing.ref));
  const batches = Math.max(1, input.failing.batches.length);
  const spent = snapshots.reduce((n, s) => n + s.spent.bytesScanned, 0);
  const share = spent + Math.max(0, deps.settings.budgetBytes - spent) / batches;
  const source = LiveEvidenceSource.resume(deps.clients, snapshots, liveOptionsOf(deps, share));

  const byId = new Map(source.sampled.map((r) => [r.requestId, r]));
  // A request the failing step did not keep (it cannot happen unless the store was edited) is read by id and time alone.
  const batch: FailingRequest[] = input.batch.map((ref) => byId.get(ref.requestId) ?? { requestId: ref.requestId, time: ref.time, signature: '' });
  const { ref } = await storePhase(source, () => source.gatherSample(batch), deps.store, evidenceKey(input.incident.diagnosisId, `batch-${input.index}.json`));
  return { ref };
}
