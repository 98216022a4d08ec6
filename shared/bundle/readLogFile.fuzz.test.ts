/**
 * Whatever bytes a log file holds, readLogFile never throws, yields well-formed events, and
 * records a problem whenever it yields nothing or had to leave something out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEvent, ReadProblem } from '../model/logEvent.ts';
import { READER_FIXTURES, makeTempDir, readAll } from './testFiles.ts';

const tmp = makeTempDir('apigw-doctor-fuzz-');
afterAll(() => tmp.remove());
const FILE = 'logs/fuzz.json';

function checkInvariants(events: LogEvent[], problems: ReadProblem[]): void {
  for (const e of events) {
    expect(Number.isFinite(e.timestamp)).toBe(true);
    expect(typeof e.message).toBe('string');
    expect(e.file).toBe(FILE);
    expect(e.logGroup === undefined || typeof e.logGroup === 'string').toBe(true);
    expect(e.logStream === undefined || typeof e.logStream === 'string').toBe(true);
  }
  for (const p of problems) {
    expect(p.file).toBe(FILE);
    expect(p.message.startsWith(`${FILE}: `)).toBe(true);
  }
  if (events.length === 0) expect(problems.length).toBeGreaterThan(0);
}

let counter = 0;
async function readBytes(bytes: Uint8Array | Buffer): Promise<{ events: LogEvent[]; problems: ReadProblem[] }> {
  const file = tmp.write(`f${counter++}.bin`, Buffer.from(bytes));
  const result = await readAll(file, FILE, '/aws/lambda/fuzz');
  checkInvariants(result.events, result.problems);
  return result;
}

describe('readLogFile on arbitrary input', () => {
  it('survives arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        await readBytes(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary text and JSON values', async () => {
    const json = fc.jsonValue().map((v) => JSON.stringify(v));
    const eventish = fc
      .record({ timestamp: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), message: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }, { requiredKeys: [] })
      .map((e) => JSON.stringify({ events: [e, e], results: [[e]] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 500 }), json, eventish), async (text) => {
        await readBytes(Buffer.from(text));
      }),
      { numRuns: 300 },
    );
  });

  it('survives random corruption of a valid file', async () => {
    const base = readFileSync(path.join(READER_FIXTURES, 'filter-log-events-lambda.json'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = Buffer.from(base);
        for (const [at, value] of flips) bytes[at] = value;
        await readBytes(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('skips lines over 1 MiB wherever they are, with a problem, and keeps the others', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant('short'), fc.constant('long')), { minLength: 1, maxLength: 4 }), async (kinds) => {
        const lines = kinds.map((k, i) => (k === 'long' ? 'L'.repeat(1024 * 1024 + 10 + i) : `2026-03-10T14:04:3${i}.000Z\tid\tINFO\tline ${i}`));
        const { events, problems } = await readBytes(Buffer.from(lines.join('\n')));
        expect(events.length).toBe(kinds.filter((k) => k === 'short').length);
        if (kinds.includes('long')) expect(problems.map((p) => p.message).join('\n')).toMatch(/longer than 1 MiB skipped/);
      }),
      { numRuns: 12 },
    );
  });
});

describe('readLogFile on truncated files', () => {
  // Every offset of the small pretty file; every third offset of the others, to keep the suite quick.
  const jsonFixtures = [
    ['filter-log-events-lambda.json', 1],
    ['filter-log-events-execution-minified.json', 3],
    ['get-query-results-newest-first.json', 3],
  ] as const;
  for (const [name, step] of jsonFixtures) {
    it(`${name}: at every ${step === 1 ? '' : `${step}rd `}cut, the complete events only, and a problem`, async () => {
      const full = readFileSync(path.join(READER_FIXTURES, name));
      const all = (await readBytes(full)).events;
      const lastBrace = full.lastIndexOf('}');
      for (let cut = 0; cut < full.length; cut += step) {
        const { events, problems } = await readBytes(full.subarray(0, cut));
        expect(events.length).toBeLessThanOrEqual(all.length);
        // Events that came out are the file's own, whole.
        for (const e of events) expect(all.some((a) => a.message === e.message && a.timestamp === e.timestamp)).toBe(true);
        if (cut <= lastBrace) expect(problems.length, `cut at ${cut}`).toBeGreaterThan(0);
      }
    });
  }

  for (const name of ['tail-detailed.log', 'events.jsonl', 'plain-python.txt']) {
    it(`${name}: at every cut, no throw and never more events than the whole file`, async () => {
      const full = readFileSync(path.join(READER_FIXTURES, name));
      const all = (await readBytes(full)).events;
      for (let cut = 0; cut < full.length; cut += 3) {
        const { events } = await readBytes(full.subarray(0, cut));
        expect(events.length).toBeLessThanOrEqual(all.length);
      }
    });
  }

  it('a gzipped file cut anywhere: no throw, a problem, only whole events', async () => {
    const full = readFileSync(path.join(READER_FIXTURES, 'filter-log-events-lambda.json'));
    const gz = gzipSync(full);
    for (let cut = 1; cut < gz.length; cut++) {
      const { events, problems } = await readBytes(gz.subarray(0, cut));
      expect(problems.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(6);
    }
  });
});
