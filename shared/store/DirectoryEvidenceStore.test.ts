import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryEvidenceStore } from './DirectoryEvidenceStore.ts';
import { describeEvidenceStoreContract } from './evidenceStoreContract.ts';
import { EvidenceUnreadable } from './evidenceErrors.ts';

const roots: string[] = [];
function freshRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'evidence-store-'));
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describeEvidenceStoreContract('DirectoryEvidenceStore', () => new DirectoryEvidenceStore(freshRoot()));

describe('DirectoryEvidenceStore', () => {
  it('writes each key as an indented JSON file under its root, and nothing beside it', async () => {
    const root = freshRoot();
    const store = new DirectoryEvidenceStore(root);
    const ref = await store.putJson('d1/fragments/batch-0.json', { requests: ['7f1c2a4e'] });
    expect(ref).toBe('d1/fragments/batch-0.json');
    expect(readFileSync(join(root, 'd1', 'fragments', 'batch-0.json'), 'utf8')).toBe('{\n  "requests": [\n    "7f1c2a4e"\n  ]\n}\n');
    expect(readdirSync(join(root, 'd1', 'fragments'))).toEqual(['batch-0.json']);
    expect(store.locationOf(ref)).toBe(join(root, 'd1', 'fragments', 'batch-0.json'));
  });

  it('reads files a person put there, and says which one is not JSON', async () => {
    const root = freshRoot();
    mkdirSync(join(root, 'd1'));
    writeFileSync(join(root, 'd1', 'ok.json'), '{"a": [1, 2]}');
    writeFileSync(join(root, 'd1', 'bad.json'), '{"a": ');
    mkdirSync(join(root, 'd1', 'folder.json'));
    const store = new DirectoryEvidenceStore(root);
    expect(await store.getJson('d1/ok.json')).toEqual({ a: [1, 2] });
    await expect(store.getJson('d1/bad.json')).rejects.toBeInstanceOf(EvidenceUnreadable);
    await expect(store.getJson('d1/bad.json')).rejects.toThrow(/bad\.json is not JSON/);
    await expect(store.getJson('d1/folder.json')).rejects.toBeInstanceOf(EvidenceUnreadable);
    await expect(store.getJson('d1/ok.json/x.json')).rejects.toMatchObject({ name: 'EvidenceNotFound' });
  });
});
