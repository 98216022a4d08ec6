/**
 * A large minified filter-log-events file (one line, 50 MB) is read in bounded memory: the reader
 * keeps one chunk and one event at a time, never the file. No timing assertions.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadProblem } from '../model/logEvent.ts';
import { readLogFileBatches } from './readLogFile.ts';
import { makeTempDir } from './testFiles.ts';

const tmp = makeTempDir('apigw-doctor-memory-');
afterAll(() => tmp.remove());

const TARGET_BYTES = 50 * 1024 * 1024;
const STREAM = '2026/03/10/[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b';

/** Writes the file piece by piece so that the test itself does not hold 50 MB. */
async function writeMinifiedFile(absPath: string): Promise<number> {
  const out = createWriteStream(absPath);
  let written = 0;
  let count = 0;
  const write = async (text: string): Promise<void> => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('{"events":[');
  while (written < TARGET_BYTES) {
    const parts: string[] = [];
    for (let k = 0; k < 500; k++, count++) {
      const rid = `${(count % 99991).toString(16).padStart(8, '0')}-7425-40de-944b-e07fc1f90ae7`;
      const message = count % 3 === 0
        ? `START RequestId: ${rid} Version: $LATEST\n`
        : `2026-03-10T14:04:37.491Z\t${rid}\tINFO\tfetching order {"orderId":"o-${count}","note":"quote \\" and brace }"}\n`;
      parts.push(JSON.stringify({ logStreamName: STREAM, timestamp: 1773151477296 + count, message, ingestionTime: 1773151478296 + count, eventId: `3849506123456789012345678901234567890123456789${String(count).padStart(10, '0')}` }));
    }
    await write((count > 500 ? ',' : '') + parts.join(','));
  }
  await write('],"searchedLogStreams":[]}');
  out.end();
  await once(out, 'finish');
  return count;
}

describe('readLogFile memory', () => {
  it('reads a 50 MB one-line filter-log-events file with bounded memory growth', async () => {
    const file = tmp.write('big.json', '');
    const expected = await writeMinifiedFile(file);
    const problems: ReadProblem[] = [];
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let events = 0;
    let last = 0;
    for await (const batch of readLogFileBatches(file, 'logs/aws/lambda/orders-fn.json', '/aws/lambda/orders-fn', problems)) {
      events += batch.length;
      const lastEvent = batch[batch.length - 1];
      if (lastEvent) last = lastEvent.timestamp;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(problems).toEqual([]);
    expect(events).toBe(expected);
    expect(last).toBe(1773151477296 + expected - 1);
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
  });
});
