import type { EvidenceStore } from './EvidenceStore.ts';
import { EvidenceNotFound, EvidenceUnreadable } from './evidenceErrors.ts';
import { assertEvidenceKey, evidenceJson } from './evidenceKey.ts';

/**
 * An evidence store in memory, for tests. It keeps the JSON text, not the object, so a reader gets a copy and
 * sees exactly what S3 would give back (undefined properties gone, dates as strings).
 */
export class MemoryEvidenceStore implements EvidenceStore {
  private readonly documents = new Map<string, string>();

  async putJson(key: string, value: unknown): Promise<string> {
    assertEvidenceKey(key);
    this.documents.set(key, evidenceJson(key, value));
    return key;
  }

  async getJson(ref: string): Promise<unknown> {
    assertEvidenceKey(ref);
    const text = this.documents.get(ref);
    if (text === undefined) throw new EvidenceNotFound(ref, this.locationOf(ref));
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EvidenceUnreadable(ref, 'not JSON', { cause: error });
    }
  }

  locationOf(ref: string): string {
    return `memory:${ref}`;
  }

  /** The stored keys, sorted (for tests). */
  keys(): string[] {
    return [...this.documents.keys()].sort();
  }

  /** Stores raw text under a key, as a corrupt or hand-edited document would be (for tests). */
  putText(key: string, text: string): void {
    assertEvidenceKey(key);
    this.documents.set(key, text);
  }
}
