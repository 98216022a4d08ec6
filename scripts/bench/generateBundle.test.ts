import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseBundle } from '../../shared/diagnoseBundle.ts';
import { generateBundle, type GeneratedBundle } from './generateBundle.ts';
import { readFloor } from './readFloor.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const f of filesOf(dir)) hash.update(f).update(readFileSync(path.join(dir, f)));
  return hash.digest('hex');
}

describe('generateBundle (the benchmark bundle)', () => {
  let bundle: GeneratedBundle;

  it('writes about the events asked for, in every log format, with the context files', () => {
    bundle = generateBundle({ dir: tempDir(), events: 40_000 });
    expect(bundle.events).toBeGreaterThan(36_000);
    expect(bundle.events).toBeLessThan(44_000);
    expect(bundle.events).toBe(bundle.files.reduce((s, f) => s + f.events, 0));
    const formats = new Set(bundle.files.map((f) => f.format));
    expect([...formats].sort()).toEqual([
      'JSON Lines (jq -c .events[])',
      'JSON Lines {timestamp,message}',
      'aws logs tail',
      'filter-log-events, pretty',
      'get-log-events, minified',
      'get-query-results (newest 10,000)',
    ]);
    for (const f of ['alarm.json', 'api/stage.json', 'api/export.json', 'functions/orders-fn.json', 'expected.json']) {
      expect(() => JSON.parse(readFileSync(path.join(bundle.dir, f), 'utf8'))).not.toThrow();
    }
    expect(bundle.truth.failing.timeout).toBeGreaterThan(0);
    expect(bundle.truth.failing['type-error']).toBeGreaterThan(0);
    expect(bundle.truth.failing['dynamodb-throttle']).toBeGreaterThan(0);
  });

  it('writes files the floor can parse whole, with the event counts it reported', async () => {
    const floor = await readFloor(bundle.dir);
    expect(floor.files).toBe(bundle.files.length);
    expect(floor.bytes).toBe(bundle.bytes);
    // Text lines of `aws logs tail` include the continuation lines of multi-line messages.
    expect(floor.events).toBeGreaterThanOrEqual(bundle.events);
    const pretty = JSON.parse(readFileSync(path.join(bundle.dir, 'logs/aws/lambda/orders-fn.json'), 'utf8')) as { events: unknown[] };
    expect(pretty.events).toHaveLength(bundle.files.find((f) => f.file.endsWith('orders-fn.json'))?.events ?? -1);
  });

  it('writes the same bytes for the same seed', () => {
    const again = generateBundle({ dir: tempDir(), events: 40_000 });
    expect(digest(again.dir)).toBe(digest(bundle.dir));
  });

  it('is diagnosed as what it was generated to be', async () => {
    const expected = JSON.parse(readFileSync(path.join(bundle.dir, 'expected.json'), 'utf8')) as { rootCause: string; failingRequests: number; requestCounts: Record<string, number> };
    const diagnosis = await diagnoseBundle(bundle.dir);
    expect(diagnosis.rootCause.id).toBe(expected.rootCause);
    expect(diagnosis.failingRequests.total).toBe(expected.failingRequests);
    expect(Object.fromEntries(diagnosis.findings.map((f) => [f.id, f.requestCount]))).toEqual(expected.requestCounts);
    expect(diagnosis.stats.eventsRead).toBe(bundle.events);
  });
});
