import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDERS } from '../builders.ts';
import { LAMBDA_BUNDLES } from '../bundleNames.ts';
import { checkBundle } from './checkBundle.ts';

/** The committed bundles are what the generator writes, and they pass the checks. Run with --root scripts/incidents/lambda. */
const root = join(import.meta.dirname, '..', '..', '..', '..', 'events', 'incidents');

describe('Lambda-side incident bundles', () => {
  it('has a builder for every bundle name', () => {
    expect(Object.keys(BUILDERS).sort()).toEqual([...LAMBDA_BUNDLES].sort());
  });

  for (const name of LAMBDA_BUNDLES) {
    it(`${name}: on disk equals the generator's output and passes the checks`, () => {
      const bundle = BUILDERS[name]();
      for (const [path, content] of bundle.files) expect(readFileSync(join(root, name, path), 'utf8'), path).toBe(content);
      expect(checkBundle(root, name).problems).toEqual([]);
      expect(bundle.size()).toBeLessThan(480 * 1024);
    });
  }

  it('catches a wrong failing count and a Lambda id with no START', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
    try {
      cpSync(join(root, 'rest-lambda-init-error'), join(dir, 'rest-lambda-init-error'), { recursive: true });
      const expectedPath = join(dir, 'rest-lambda-init-error', 'expected.json');
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as { failingRequests: number };
      writeFileSync(expectedPath, JSON.stringify({ ...expected, failingRequests: expected.failingRequests + 1 }));
      const logPath = join(dir, 'rest-lambda-init-error', 'logs', 'aws', 'lambda', 'accounts-fn.log');
      writeFileSync(logPath, readFileSync(logPath, 'utf8').replace(/START RequestId: [0-9a-f-]{36}/g, 'START RequestId: 00000000-0000-4000-8000-000000000000'));
      const problems = checkBundle(dir, 'rest-lambda-init-error').problems;
      expect(problems.some((p) => p.startsWith('expected.failingRequests'))).toBe(true);
      expect(problems.some((p) => p.includes('has no START'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
