import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadProblem } from '../model/logEvent.ts';
import { FileProblems } from './fileProblems.ts';
import type { EventFields } from './logEventShape.ts';
import { TextLogReader, detectTextMode } from './textLogReader.ts';
import { READER_FIXTURES } from './testFiles.ts';

function readText(text: string | Buffer, chunkSize = 1 << 20): { events: EventFields[]; problems: ReadProblem[] } {
  const events: EventFields[] = [];
  const problems: ReadProblem[] = [];
  const fileProblems = new FileProblems('logs/t.log', problems);
  const reader = new TextLogReader((f) => events.push(f), fileProblems);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkSize) reader.push(bytes.subarray(i, i + chunkSize));
  reader.end();
  fileProblems.flush();
  return { events, problems };
}

describe('detectTextMode', () => {
  it('tells tail output, JSON Lines and plain text apart', () => {
    expect(detectTextMode(['2026-03-10T14:04:37.296000+00:00 2026/03/10/[$LATEST]abc START RequestId: x Version: $LATEST'])).toBe('tail');
    expect(detectTextMode(['XRAY TraceId: 1-x', '2026-03-10T14:04:37 START RequestId: x Version: $LATEST'])).toBe('tail');
    expect(detectTextMode(['{"timestamp":1773151477296,"message":"START"}'])).toBe('jsonl');
    expect(detectTextMode(['{"@timestamp":"2026-03-10 14:04:37.296","@message":"START","@requestId":"x"}'])).toBe('jsonl');
    expect(detectTextMode(['{"timestamp":"2026-03-10T14:04:37.296Z","level":"INFO","message":"x"}'])).toBe('plain');
    expect(detectTextMode(['START RequestId: x', '2026-03-10T14:04:37.296Z\tx\tINFO\thello'])).toBe('plain');
    expect(detectTextMode([])).toBe('plain');
  });
});

describe('TextLogReader', () => {
  it('gives the same events whatever the chunk size (multi-byte characters split across chunks)', () => {
    for (const name of ['tail-detailed.log', 'plain-python.txt', 'plain-java.log', 'events.jsonl']) {
      const bytes = readFileSync(path.join(READER_FIXTURES, name));
      const whole = readText(bytes);
      expect(whole.events.length, name).toBeGreaterThan(1);
      for (const size of [1, 2, 3, 7, 64]) expect(readText(bytes, size), `${name} in chunks of ${size}`).toEqual(whole);
    }
  });

  it('keeps a chained Python traceback, blank lines included, in one message', () => {
    const lines = [
      '[ERROR]\t2026-03-10T14:05:03.010Z\tb1946ac9\tlookup failed',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 20, in get',
      '    return table.get_item(Key=key)',
      'botocore.errorfactory.ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/var/task/app.py", line 24, in get',
      '    raise OrderMissing(key)',
      'app.OrderMissing: o-1842',
      '',
      '[INFO]\t2026-03-10T14:05:03.020Z\tb1946ac9\tdone',
    ];
    const { events } = readText(lines.join('\n'));
    expect(events.map((e) => e.message)).toEqual([lines.slice(0, 12).join('\n'), lines[13]]);
  });

  it('continues Node stacks and closing brackets, not ordinary lines', () => {
    const text = [
      '2026-03-10T14:04:37.491Z\tid\tERROR\tInvoke Error \t{',
      '  "errorType": "Error",',
      '  "stack": [',
      '    "Error: boom",',
      '    "    at Runtime.handler (file:///var/task/index.mjs:5:9)"',
      '  ]',
      '}',
      'Error: boom',
      '    at Runtime.handler (file:///var/task/index.mjs:5:9)',
      'END RequestId: id',
    ].join('\n');
    const { events } = readText(text);
    expect(events.map((e) => e.message.split('\n').length)).toEqual([7, 2, 1]);
  });

  it('cuts a message that grows past 1 MiB of continuation lines, once reported', () => {
    const text = `first\n${'    at frame\n'.repeat(120_000)}second\n`;
    const { events, problems } = readText(text);
    expect(events).toHaveLength(2);
    expect(events[0]?.message.length).toBeLessThanOrEqual(1024 * 1024);
    expect(problems).toEqual([{ file: 'logs/t.log', message: 'logs/t.log: 1 message cut at 1 MiB (too many continuation lines)' }]);
  });

  it('says when a file is --output text of an aws logs command', () => {
    const { events, problems } = readText('EVENTS\t38495061234567890123456789012345678901234567890123451000\t1773151478673\ts\tSTART RequestId: x\t1773151477296\n');
    expect(events).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/looks like `--output text`/);
  });

  it('reads a last line without a line feed', () => {
    expect(readText('2026-03-10T14:04:37 START RequestId: x Version: $LATEST').events).toEqual([
      { timestamp: Date.UTC(2026, 2, 10, 14, 4, 37), message: 'START RequestId: x Version: $LATEST' },
    ]);
  });
});
