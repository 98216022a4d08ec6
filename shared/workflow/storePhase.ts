import { callsMadeBy } from '../live/AwsCallLog.ts';
import type { LiveEvidenceSource } from '../live/LiveEvidenceSource.ts';
import { type LiveSnapshot, snapshotDelta } from '../live/liveSnapshot.ts';
import type { EvidenceStore } from '../store/EvidenceStore.ts';
import type { StoredFragment } from './storedScope.ts';

/**
 * Runs one gathering phase on a resumed source and stores what it read, and only that (the delta, with the AWS
 * calls the phase made), under `key`: what every evidence step after ResolveScope does.
 */
export async function storePhase<T>(source: LiveEvidenceSource, phase: () => Promise<T>, store: EvidenceStore, key: string): Promise<{ result: T; ref: string; delta: LiveSnapshot }> {
  const before = source.snapshot([]);
  const { result, calls } = await callsMadeBy(phase);
  const delta = snapshotDelta(source.snapshot(calls), before);
  const stored: StoredFragment = { snapshot: delta };
  return { result, ref: await store.putJson(key, stored), delta };
}
