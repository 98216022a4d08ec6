import { describe, it, expect } from 'vitest';
import { MemoryEvidenceStore } from './MemoryEvidenceStore.ts';
import { describeEvidenceStoreContract } from './evidenceStoreContract.ts';
import { EvidenceUnreadable } from './evidenceErrors.ts';

describeEvidenceStoreContract('MemoryEvidenceStore', () => new MemoryEvidenceStore());

describe('MemoryEvidenceStore', () => {
  it('hands out copies, so a reader cannot change what is stored', async () => {
    const store = new MemoryEvidenceStore();
    const ref = await store.putJson('d/x.json', { list: [1] });
    const first = (await store.getJson(ref)) as { list: number[] };
    first.list.push(2);
    expect(await store.getJson(ref)).toEqual({ list: [1] });
    expect(store.keys()).toEqual(['d/x.json']);
  });

  it('says a stored document that is not JSON is unreadable', async () => {
    const store = new MemoryEvidenceStore();
    store.putText('d/x.json', '{"half":');
    await expect(store.getJson('d/x.json')).rejects.toBeInstanceOf(EvidenceUnreadable);
  });
});
