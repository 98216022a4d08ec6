/** The behaviour every EvidenceStore shares, as a suite each implementation's tests run against itself. */
import { describe, it, expect } from 'vitest';
import type { EvidenceStore } from './EvidenceStore.ts';
import { EvidenceNotFound, InvalidEvidenceKey } from './evidenceErrors.ts';

export function describeEvidenceStoreContract(name: string, makeStore: () => EvidenceStore | Promise<EvidenceStore>): void {
  describe(`${name}: the EvidenceStore contract`, () => {
    it('gives back what was put, by the ref it returned', async () => {
      const store = await makeStore();
      const value = { diagnosisId: 'alarm-orders-api-prod-5xx-20260310T135652-0c3e9d1a', rootCause: { id: 'lambda-timeout', confidence: 0.93 }, note: 'naïve “quotes” ✓' };
      const ref = await store.putJson('alarm-orders-api-prod-5xx-20260310T135652-0c3e9d1a/diagnosis.json', value);
      expect(ref).toBe('alarm-orders-api-prod-5xx-20260310T135652-0c3e9d1a/diagnosis.json');
      expect(await store.getJson(ref)).toEqual(value);
    });

    it('overwrites a key, and drops what JSON drops (undefined properties)', async () => {
      const store = await makeStore();
      await store.putJson('d1/scope.json', { a: 1 });
      const ref = await store.putJson('d1/scope.json', { a: 2, gone: undefined, when: new Date('2026-03-10T13:56:52.616Z') });
      expect(await store.getJson(ref)).toEqual({ a: 2, when: '2026-03-10T13:56:52.616Z' });
    });

    it('throws EvidenceNotFound for a ref that names nothing', async () => {
      const store = await makeStore();
      await expect(store.getJson('d1/fragments/never-written.json')).rejects.toBeInstanceOf(EvidenceNotFound);
      await expect(store.getJson('d1/fragments/never-written.json')).rejects.toMatchObject({ name: 'EvidenceNotFound', ref: 'd1/fragments/never-written.json' });
    });

    it('refuses keys that are not plain relative paths, before touching storage', async () => {
      const store = await makeStore();
      for (const key of ['', '/abs/x.json', '../outside.json', 'd1/../../x.json', 'd1/./x.json', 'd1//x.json', 'd1\\x.json', 'd1/x\n.json']) {
        await expect(store.putJson(key, {}), key).rejects.toBeInstanceOf(InvalidEvidenceKey);
        await expect(store.getJson(key), key).rejects.toBeInstanceOf(InvalidEvidenceKey);
      }
    });

    it('refuses a value that has no JSON form instead of storing nothing', async () => {
      const store = await makeStore();
      await expect(store.putJson('d1/x.json', undefined)).rejects.toThrow(/no JSON form/);
    });
  });
}
