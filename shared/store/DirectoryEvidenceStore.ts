import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { EvidenceStore } from './EvidenceStore.ts';
import { EvidenceNotFound, EvidenceUnreadable, InvalidEvidenceKey } from './evidenceErrors.ts';
import { assertEvidenceKey, evidenceJson } from './evidenceKey.ts';

/**
 * An evidence store in a local folder, for the local workflow run: a key is a path relative to the folder, and the
 * ref is the key. Documents are written indented, so that a person can read what each step stored.
 */
export class DirectoryEvidenceStore implements EvidenceStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async putJson(key: string, value: unknown): Promise<string> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so that a reader never sees half a document.
    const partial = `${path}.${randomUUID()}.partial`;
    await writeFile(partial, `${evidenceJson(key, value, 2)}\n`, 'utf8');
    await rename(partial, path);
    return key;
  }

  async getJson(ref: string): Promise<unknown> {
    const path = this.pathOf(ref);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new EvidenceNotFound(ref, path, { cause: error });
      if (code === 'EISDIR') throw new EvidenceUnreadable(ref, `${path} is a folder`, { cause: error });
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new EvidenceUnreadable(ref, `${path} is not JSON`, { cause: error });
    }
  }

  locationOf(ref: string): string {
    return this.pathOf(ref);
  }

  private pathOf(key: string): string {
    assertEvidenceKey(key);
    const path = join(this.root, ...key.split('/'));
    // The key rule already refuses "..", absolute paths and backslashes; this is the belt to those braces.
    if (!path.startsWith(this.root + sep)) throw new InvalidEvidenceKey(key, `it leads outside ${this.root}`);
    return path;
  }
}
