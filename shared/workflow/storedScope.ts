import type { DiagnoseOptions } from '../diagnoseOptions.ts';
import type { LiveSnapshot } from '../live/liveSnapshot.ts';
import type { EvidenceStore } from '../store/EvidenceStore.ts';

/** scope.json: what ResolveScope read, and the options the engine will diagnose with. */
export interface StoredScope {
  snapshot: LiveSnapshot;
  engineOptions: DiagnoseOptions;
}

/** A step's stored delta (failing.json, batch-N.json, context.json). */
export interface StoredFragment {
  snapshot: LiveSnapshot;
}

function isSnapshot(value: unknown): value is LiveSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<LiveSnapshot>;
  return typeof s.request === 'object' && typeof s.documents === 'object' && typeof s.rows === 'object' && Array.isArray(s.gaps);
}

/** Reads scope.json; a document of another shape is refused (a step must not diagnose from garbage). */
export async function loadScope(store: EvidenceStore, ref: string): Promise<StoredScope> {
  const doc = (await store.getJson(ref)) as Partial<StoredScope> | null;
  if (!doc || !isSnapshot(doc.snapshot)) throw new StoredEvidenceError(`${ref} is not a stored scope`);
  return { snapshot: doc.snapshot, engineOptions: doc.engineOptions ?? {} };
}

export async function loadFragment(store: EvidenceStore, ref: string): Promise<LiveSnapshot> {
  const doc = (await store.getJson(ref)) as Partial<StoredFragment> | null;
  if (!doc || !isSnapshot(doc.snapshot)) throw new StoredEvidenceError(`${ref} is not a stored evidence fragment`);
  return doc.snapshot;
}

export class StoredEvidenceError extends Error {
  override name = 'StoredEvidenceError';
}
