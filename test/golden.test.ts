import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseBundle } from '../shared/diagnoseBundle.ts';
import { readExpected } from '../shared/evaluation/expectedDiagnosis.ts';
import { ROOT_CAUSE_IDS } from '../shared/model/rootCauses.ts';

/**
 * One golden test per incident bundle: the root cause, the set of findings and the count of failing
 * requests that the bundle's expected.json states, plus the diagnosis JSON compared with its recorded
 * copy in test/golden/ (update with `npx vitest run test/golden.test.ts -u` and review the diff).
 */
const root = path.resolve('events/incidents');
const bundles = readdirSync(root).filter((n) => existsSync(path.join(root, n, 'expected.json'))).sort();

describe('golden diagnoses of events/incidents', () => {
  it('has bundles to check', () => {
    expect(bundles.length).toBeGreaterThan(10);
  });

  for (const name of bundles) {
    it(name, async () => {
      const dir = path.join(root, name);
      const expected = await readExpected(dir);
      if (!expected) throw new Error('expected.json unreadable');
      const d = await diagnoseBundle(dir);
      expect(d.schemaVersion).toBe(1);
      expect(ROOT_CAUSE_IDS).toContain(d.rootCause.id);
      expect(d.rootCause.id).toBe(expected.rootCause);
      expect(new Set(d.findings.map((f) => f.id))).toEqual(new Set(expected.findings));
      if (expected.failingRequests !== undefined) expect(d.failingRequests.total).toBe(expected.failingRequests);
      if (expected.api?.stage) expect(d.api.stage).toBe(expected.api.stage);
      if (expected.api?.type) expect(d.api.type).toBe(expected.api.type);
      for (const f of d.findings) {
        expect(f.confidence).toBeGreaterThanOrEqual(0);
        expect(f.confidence).toBeLessThanOrEqual(1);
        if (f.id !== 'insufficient-evidence') expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.remediation.length).toBeGreaterThan(0);
      }
      // Stats and absolute paths differ between machines; the rest is the recorded diagnosis.
      const { stats: _stats, ...stable } = d;
      await expect(JSON.stringify(stable, null, 2)).toMatchFileSnapshot(path.join('golden', `${name}.json`));
    });
  }
});
