import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonEventScanner, type JsonScanHandler, type ScanIssue } from './jsonEventScanner.ts';

interface Seen {
  events: unknown[];
  rows: unknown[];
  documents: unknown[];
  statuses: string[];
  issues: ScanIssue[];
  cut: string | undefined;
}

function scan(chunks: Buffer[], maxElementBytes?: number): Seen {
  const seen: Seen = { events: [], rows: [], documents: [], statuses: [], issues: [], cut: undefined };
  const handler: JsonScanHandler = {
    event: (v) => seen.events.push(v),
    row: (v) => seen.rows.push(v),
    document: (v) => seen.documents.push(v),
    status: (s) => seen.statuses.push(s),
    issue: (kind) => seen.issues.push(kind),
  };
  const scanner = new JsonEventScanner(handler, maxElementBytes);
  for (const c of chunks) scanner.push(c);
  seen.cut = scanner.end();
  return seen;
}

function splitEvery(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

// Strings that stress the scanner: escaped quotes and backslashes, braces and brackets in text,
// an escaped line break, a JSON payload inside the message, non-ASCII (multi-byte) text.
const TRICKY_EVENTS = [
  { logStreamName: '2026/03/10/[$LATEST]abc', timestamp: 1773151477296, message: 'START RequestId: 1 Version: $LATEST\n', ingestionTime: 1773151477300, eventId: '1' },
  { logStreamName: 's', timestamp: 1773151477297, message: 'quote " and backslash \\ and both \\" end\\', ingestionTime: 1, eventId: '2' },
  { logStreamName: 's', timestamp: 1773151477298, message: '{"errorType":"Error","stack":["a]","b}"]} ] } [ {', ingestionTime: 1, eventId: '3' },
  { logStreamName: 's', timestamp: 1773151477299, message: 'café ✓ 日本語 🎉 \u2028', ingestionTime: 1, eventId: '4' },
  { logStreamName: 's', timestamp: 1773151477300, message: 'x'.repeat(200) + '\\"' + 'y'.repeat(100), nested: { a: [1, { b: '}' }] }, eventId: '5' },
];

describe('JsonEventScanner', () => {
  for (const [name, text] of [
    ['minified', JSON.stringify({ events: TRICKY_EVENTS, searchedLogStreams: [] })],
    ['pretty', JSON.stringify({ events: TRICKY_EVENTS, searchedLogStreams: [] }, null, 4)],
  ] as const) {
    it(`finds the same events wherever a ${name} file is split into chunks`, () => {
      const bytes = Buffer.from(text);
      for (let cut = 0; cut <= bytes.length; cut++) {
        const seen = scan([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(seen.events, `split at ${cut}`).toEqual(TRICKY_EVENTS);
        expect(seen.issues).toEqual([]);
        expect(seen.cut).toBeUndefined();
      }
      expect(scan(splitEvery(bytes, 1)).events).toEqual(TRICKY_EVENTS);
      expect(scan(splitEvery(bytes, 7)).events).toEqual(TRICKY_EVENTS);
    });
  }

  it('finds every event of arbitrary event lists, pretty or minified, in arbitrary chunks', () => {
    const event = fc.record({
      logStreamName: fc.string(),
      timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
      message: fc.string({ unit: 'binary', maxLength: 300 }),
      ingestionTime: fc.integer({ min: 0, max: 2 ** 45 }),
      eventId: fc.string({ maxLength: 60 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), (events, pretty, chunk) => {
        const doc = { events, searchedLogStreams: [], nextToken: 'Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCo' };
        const bytes = Buffer.from(pretty ? JSON.stringify(doc, null, 4) : JSON.stringify(doc));
        const seen = scan(splitEvery(bytes, chunk));
        expect(seen.events).toEqual(events);
        expect(seen.issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the status of a get-query-results document and its rows', () => {
    const doc = { results: [[{ field: '@timestamp', value: 't' }]], statistics: { recordsMatched: 1 }, status: 'Complete' };
    const seen = scan([Buffer.from(JSON.stringify(doc, null, 2))]);
    expect(seen.rows).toEqual(doc.results);
    expect(seen.statuses).toEqual(['Complete']);
  });

  it('hands over document-level objects that stream nothing, and skips "events" that are not arrays', () => {
    const seen = scan([Buffer.from('{"timestamp":1,"message":"a"}\n{"events":null}\n[{"x":1},[{"y":2}]]')]);
    expect(seen.documents).toEqual([{ timestamp: 1, message: 'a' }, { events: null }, { x: 1 }, { y: 2 }]);
    expect(seen.events).toEqual([]);
  });

  it('says where a truncated document ends', () => {
    const seen = scan([Buffer.from('{"events":[{"timestamp":1,"message":"a"},{"timestamp":2,"mess')]);
    expect(seen.events).toEqual([{ timestamp: 1, message: 'a' }]);
    expect(seen.cut).toMatch(/^inside a string, in "\{\\"timestamp\\":2/);
  });

  it('skips an element longer than the limit and keeps going', () => {
    const big = { timestamp: 2, message: 'z'.repeat(500) };
    const text = JSON.stringify({ events: [{ timestamp: 1, message: 'a' }, big, { timestamp: 3, message: 'c' }] });
    const seen = scan(splitEvery(Buffer.from(text), 100), 200);
    expect(seen.events).toEqual([{ timestamp: 1, message: 'a' }, { timestamp: 3, message: 'c' }]);
    expect(seen.issues).toEqual(['oversize']);
  });

  it('resumes on the next line after a line that ends inside a string', () => {
    const text = ['{"events": [', '  {"timestamp": 1, "message": "cut', '  {"timestamp": 2, "message": "b"},', '  {"timestamp": 3, "message": "c"}', ']}'].join('\n');
    const seen = scan([Buffer.from(text)]);
    expect(seen.documents).toEqual([{ timestamp: 2, message: 'b' }, { timestamp: 3, message: 'c' }]);
    expect(seen.issues).toContain('resync');
  });

  it('starts over when a document begins where a key belongs (a page cut short)', () => {
    const text = '{"events":[{"timestamp":1,"message":"a"}],"searchedLogStreams":[]' + '{"events":[{"timestamp":2,"message":"b"}]}';
    const seen = scan([Buffer.from(text)]);
    expect(seen.events).toEqual([{ timestamp: 1, message: 'a' }, { timestamp: 2, message: 'b' }]);
    expect(seen.issues).toEqual(['resync']);
    expect(seen.cut).toBeUndefined();
  });

  it('reports junk between documents and invalid elements', () => {
    const seen = scan([Buffer.from('Warning: something\n{"events":[{"timestamp":1,"message":"a"},{"timestamp":2 "message":"b"},7]}')]);
    expect(seen.events).toEqual([{ timestamp: 1, message: 'a' }]);
    expect(seen.issues.sort()).toEqual(['invalid-json', 'junk', 'not-an-element']);
  });

  it('does not overflow on deep nesting', () => {
    const deep = Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
    const seen = scan(splitEvery(deep, 4096));
    expect(seen.cut).toBeUndefined();
    const open = scan([Buffer.from('{"events":[' + '['.repeat(50_000))]);
    expect(open.cut).toMatch(/levels deep/);
  });
});

/** Every call the scanner makes, in order, with the fast path set as asked. */
function isPlainRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function trace(chunks: Buffer[], fastRunMinBytes: number, maxElementBytes?: number): unknown[] {
  const calls: unknown[] = [];
  const handler: JsonScanHandler = {
    event: (v) => calls.push(['event', v]),
    row: (v) => calls.push(['row', v]),
    document: (v) => calls.push(['document', v]),
    status: (s) => calls.push(['status', s]),
    issue: (kind, excerpt) => calls.push(['issue', kind, excerpt]),
  };
  const scanner = new JsonEventScanner(handler, maxElementBytes, fastRunMinBytes);
  for (const c of chunks) scanner.push(c);
  calls.push(['end', scanner.end()]);
  return calls;
}

describe('JsonEventScanner fast path (one JSON.parse for a run of events)', () => {
  // Messages that imitate a boundary between events inside a string, or break the JSON.
  const fooling = fc.constantFrom(
    '},{"timestamp":1}',
    '}, {\n "x": 1',
    '"},{"',
    '{"a":{"b":1},"c":[{"d":2},{"e":3}]}',
    'line\nbreak',
    '\\',
    'tab\there',
    ']}',
  );
  const message = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fooling);
  const event = fc.record({ logStreamName: fc.string({ maxLength: 8 }), timestamp: fc.integer({ min: 0, max: 2 ** 45 }), message });
  const damage = fc.array(fc.record({ at: fc.nat(), bytes: fc.constantFrom('', '\n', '"', '}', ',', '{', '7', '\u0001') }), { maxLength: 3 });

  it('makes the same calls as the byte scanner, on sound and on damaged input, in any chunks', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), damage, fc.integer({ min: 1, max: 400 }), fc.constantFrom(1, 40, 200), (events, pretty, cuts, chunk, fastMin) => {
        const doc = { events, searchedLogStreams: [] };
        let text = pretty ? JSON.stringify(doc, null, 4) : JSON.stringify(doc);
        // Raw control characters and line breaks inside messages as a broken export would have them.
        for (const { at, bytes } of cuts) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + bytes + text.slice(p + (bytes === '' ? 1 : 0));
        }
        const chunks = splitEvery(Buffer.from(text), chunk);
        for (const limit of [undefined, 300]) {
          const slow = trace(chunks, Number.POSITIVE_INFINITY, limit);
          const fast = trace(chunks, fastMin, limit);
          // Wherever the byte scanner finds the input sound, the fast path must agree call for call.
          // Damage that the byte scanner reports can be read another way by one JSON.parse of a run
          // (a stray quote that pairs with one inside a message): then both must still end cleanly
          // and yield only objects as events.
          if (cuts.length === 0 || !slow.some((c) => (c as unknown[])[0] === 'issue')) expect(fast).toEqual(slow);
          else expect(fast.filter((c) => (c as unknown[])[0] === 'event').every((c) => isPlainRecord((c as unknown[])[1]))).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('takes the fast path for a long run of events and still finds every one', () => {
    const events = Array.from({ length: 3000 }, (_, i) => ({ logStreamName: 'a'.repeat(32), timestamp: 1773150000000 + i, message: `(id-${i}) Method completed with status: 200 {"x":{"y":1},"z":[{"w":2}]}` }));
    for (const pretty of [true, false]) {
      const bytes = Buffer.from(pretty ? JSON.stringify({ events }, null, 4) : JSON.stringify({ events }));
      const fast = trace(splitEvery(bytes, 256 * 1024), 4096);
      expect(fast).toEqual(trace(splitEvery(bytes, 256 * 1024), Number.POSITIVE_INFINITY));
      expect(fast.filter((c) => (c as unknown[])[0] === 'event')).toHaveLength(3000);
    }
  });
});
