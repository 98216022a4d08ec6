import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readLogFile, routeFor } from './readLogFile.ts';
import { READER_FIXTURES, makeTempDir, readAll } from './testFiles.ts';

// Fixture sources: see test/fixtures/readers/README.md.
const fixture = (name: string): string => path.join(READER_FIXTURES, name);
const T = (iso: string): number => Date.parse(iso);
const RID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const STREAM = '2026/03/10/[$LATEST]4f3a9c2e8b7d4e1f9a0b1c2d3e4f5a6b';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

describe('filter-log-events / get-log-events output', () => {
  it('reads pretty-printed CLI output with stream, group hint and exact messages', async () => {
    const { events, problems } = await readAll(fixture('filter-log-events-lambda.json'), 'logs/aws/lambda/orders-fn.json', '/aws/lambda/orders-fn');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(6);
    expect(events[1]).toEqual({
      timestamp: T('2026-03-10T14:04:37.486Z'),
      message: `START RequestId: ${RID} Version: $LATEST\n`,
      logGroup: '/aws/lambda/orders-fn',
      logStream: STREAM,
      file: 'logs/aws/lambda/orders-fn.json',
    });
    expect(events[2]?.message).toContain('café ✓');
    expect(events[5]?.message).toMatch(/^REPORT RequestId: .*\tInit Duration: 187.42 ms\t\nXRAY TraceId: 1-65edbf15-1a2b3c4d5e6f708192a3b4c5\t/);
  });

  it('reads minified (one line) output the same way', async () => {
    const { events, problems } = await readAll(
      fixture('filter-log-events-execution-minified.json'),
      'logs/API-Gateway-Execution-Logs_k3x9p2q7r1/prod.json',
      'API-Gateway-Execution-Logs_k3x9p2q7r1/prod',
    );
    expect(problems).toEqual([]);
    expect(events.map((e) => e.message.replace(/^\([^)]+\) /, ''))).toEqual([
      'Extended Request Id: Ab1CdEFGoAMFZ2w=',
      'Verifying Usage Plan for request: a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d. API Key:  API Stage: k3x9p2q7r1/prod',
      "API Key  authorized because method 'GET /orders/{id}' does not require API Key. Request will not contribute to throttle or quota limits",
      'Starting execution for request: a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'HTTP Method: GET, Resource Path: /orders/o-1842',
      'Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn/invocations',
      'Endpoint request body after transformations: {"resource":"/orders/{id}","path":"/orders/o-1842","httpMethod":"GET"}',
      'Sending request to https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-fn/invocations',
      'Execution failed due to a timeout error',
      'Method completed with status: 504',
    ]);
    expect(new Set(events.map((e) => e.logGroup))).toEqual(new Set(['API-Gateway-Execution-Logs_k3x9p2q7r1/prod']));
    expect(events[9]?.logStream).toBe('c4ca4238a0b923820dcc509a6f75849b');
  });

  it('reads get-log-events output (no stream names, forward/backward tokens)', async () => {
    const { events, problems } = await readAll(fixture('get-log-events.json'), 'logs/aws/lambda/orders-fn.json', '/aws/lambda/orders-fn');
    expect(problems).toEqual([]);
    expect(events.map((e) => e.timestamp)).toEqual([T('2026-03-10T14:04:37.486Z'), T('2026-03-10T14:04:37.491Z'), T('2026-03-10T14:04:40.486Z')]);
    expect(events.every((e) => e.logStream === undefined && e.logGroup === '/aws/lambda/orders-fn')).toBe(true);
  });

  it('reads pages written one after the other', async () => {
    const { events, problems } = await readAll(fixture('filter-log-events-two-pages.json'));
    expect(problems).toEqual([]);
    expect(events).toHaveLength(6);
    expect(events.map((e) => e.timestamp)).toEqual([...events.map((e) => e.timestamp)].sort((a, b) => a - b));
  });

  it('reads minified pages concatenated without a separator, and events that are not first in the page', async () => {
    const page = (ts: number, key = 'events'): string =>
      JSON.stringify({ searchedLogStreams: [{ logStreamName: 's', searchedCompletely: true }], [key]: [{ timestamp: ts, message: `m${ts}` }], nextToken: 'x"y}{' });
    const file = tmp.write('pages-minified.json', page(1773151477001) + page(1773151477002) + '\n' + page(1773151477003));
    const { events, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(events.map((e) => e.message)).toEqual(['m1773151477001', 'm1773151477002', 'm1773151477003']);
  });

  it('reads a top-level array of events (Logs Insights console JSON export)', async () => {
    const { events, problems } = await readAll(fixture('insights-console-export.json'));
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.timestamp, e.message.slice(0, 5)])).toEqual([
      [T('2026-03-10T14:04:37.486Z'), 'START'],
      [T('2026-03-10T14:04:40.487Z'), 'REPOR'],
    ]);
  });

  it('reads event objects one after another (jq .events[] output, pretty)', async () => {
    const doc = JSON.parse(readFileSync(fixture('filter-log-events-lambda.json'), 'utf8')) as { events: unknown[] };
    const file = tmp.write('jq.json', doc.events.map((e) => JSON.stringify(e, null, 2)).join('\n'));
    const { events, problems } = await readAll(file);
    expect(problems).toEqual([]);
    expect(events).toHaveLength(6);
    expect(events[0]?.logStream).toBe(STREAM);
  });

  it('turns a message that is not a string into text, and uses ingestionTime when timestamp is missing', async () => {
    const file = tmp.write('odd.json', JSON.stringify({ events: [{ message: { level: 'ERROR' }, ingestionTime: 1773151477296 }, { timestamp: '1773151477297', message: 42 }] }));
    const { events } = await readAll(file);
    expect(events.map((e) => [e.timestamp, e.message])).toEqual([
      [1773151477296, '{"level":"ERROR"}'],
      [1773151477297, '42'],
    ]);
  });
});

describe('get-query-results output', () => {
  it('yields rows oldest first, @log without the account, @logStream as stream, times as UTC', async () => {
    const { events, problems } = await readAll(fixture('get-query-results-newest-first.json'), 'logs/insights.json', 'insights');
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.timestamp, e.logGroup, e.message.slice(0, 10)])).toEqual([
      // Two rows of the same millisecond keep the order the query gave them once reversed.
      [T('2026-03-10T14:04:37.486Z'), '/aws/lambda/orders-fn', 'START Requ'],
      [T('2026-03-10T14:04:37.486Z'), 'API-Gateway-Execution-Logs_k3x9p2q7r1/prod', '(a1b2c3d4-'],
      [T('2026-03-10T14:04:40.486Z'), '/aws/lambda/orders-fn', '2026-03-10'],
      [T('2026-03-10T14:04:40.487Z'), '/aws/lambda/orders-fn', 'REPORT Req'],
    ]);
    expect(events[1]?.logStream).toBe('c4ca4238a0b923820dcc509a6f75849b');
  });

  it('reports a query that was still running and skips aggregate rows', async () => {
    const file = tmp.write(
      'running.json',
      JSON.stringify({
        results: [
          [{ field: 'bin(5m)', value: '2026-03-10 14:00:00.000' }, { field: 'count(*)', value: '12' }],
          [{ field: '@timestamp', value: '2026-03-10 14:04:37.296' }, { field: '@requestId', value: RID }, { field: '@duration', value: '3000.0' }],
        ],
        statistics: { recordsMatched: 2, recordsScanned: 10, bytesScanned: 1000 },
        status: 'Running',
      }),
    );
    const { events, problems } = await readAll(file, 'logs/q.json');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.message ?? '{}')).toEqual({ '@requestId': RID, '@duration': '3000.0' });
    expect(problems.map((p) => p.message).join('\n')).toMatch(/status is "Running"[\s\S]*1 Logs Insights row without @timestamp or @message/);
  });
});

describe('JSON Lines', () => {
  it('reads {"timestamp","message","logStreamName"} lines', async () => {
    const { events, problems } = await readAll(fixture('events.jsonl'), 'logs/aws/lambda/orders-fn.jsonl', '/aws/lambda/orders-fn');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(6);
    expect(events[3]).toMatchObject({ timestamp: T('2026-03-10T14:04:40.486Z'), logStream: STREAM, logGroup: '/aws/lambda/orders-fn' });
  });

  it('reads {"@timestamp","@message","@log"} lines with Insights and ISO times', async () => {
    const { events, problems } = await readAll(fixture('insights.ndjson'), 'logs/all.ndjson', 'all');
    expect(problems).toEqual([]);
    expect(events.map((e) => [e.timestamp, e.logGroup])).toEqual([
      [T('2026-03-10T14:04:37.486Z'), '/aws/lambda/orders-fn'],
      [T('2026-03-10T14:04:40.486Z'), '/aws/lambda/orders-fn'],
    ]);
  });

  it('skips broken lines with one problem and keeps the rest', async () => {
    const lines = [
      '{"timestamp":1773151477296,"message":"START RequestId: a Version: $LATEST\\n"}',
      '{"timestamp":1773151477297,"message":"cut sh',
      '{"timestamp":1773151477298,"message":"END RequestId: a\\n"}',
      'garbage',
    ];
    const { events, problems } = await readAll(tmp.write('broken.jsonl', lines.join('\n')), 'logs/broken.jsonl');
    expect(events.map((e) => e.timestamp)).toEqual([1773151477296, 1773151477298]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^logs\/broken\.jsonl: 2 lines of this JSON Lines file are not a JSON object — skipped \(first: line 2/);
  });

  it('keeps a structured (Lambda JSON format) log line whole as the message', async () => {
    const line = '{"timestamp":"2026-03-10T14:04:37.296Z","level":"ERROR","requestId":"7c9e","message":"boom"}';
    const { events } = await readAll(tmp.write('structured.log', `${line}\n${line}\n`), 'logs/s.log');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ timestamp: T('2026-03-10T14:04:37.296Z'), message: line });
  });
});

describe('aws logs tail output', () => {
  it('reads the detailed format: ISO time, stream, message; lines without a time continue the event', async () => {
    const { events, problems } = await readAll(fixture('tail-detailed.log'), 'logs/aws/lambda/orders-fn.log', '/aws/lambda/orders-fn');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(8);
    expect(events[1]).toEqual({
      timestamp: T('2026-03-10T14:04:37.486Z'),
      message: `START RequestId: ${RID} Version: $LATEST`,
      logGroup: '/aws/lambda/orders-fn',
      logStream: STREAM,
      file: 'logs/aws/lambda/orders-fn.log',
    });
    expect(events[4]?.message).toMatch(/^REPORT RequestId: .*Init Duration: 187.42 ms\t\nXRAY TraceId: 1-65edbf15-1a2b3c4d5e6f708192a3b4c5\tSegmentId/);
    const python = events[6]?.message.split('\n') ?? [];
    expect(python[0]).toMatch(/^\[ERROR\] ClientError: An error occurred \(AccessDeniedException\)/);
    expect(python.slice(1)).toEqual([
      'Traceback (most recent call last):',
      '\u00a0\u00a0File "/var/task/app.py", line 14, in lambda_handler',
      '\u00a0\u00a0\u00a0\u00a0item = table.get_item(Key={"id": order_id})',
      '\u00a0\u00a0File "/var/lang/lib/python3.12/site-packages/botocore/client.py", line 1023, in _make_api_call',
      '\u00a0\u00a0\u00a0\u00a0raise error_class(parsed_response, operation_name)',
    ]);
    expect(events[7]?.logStream).toBe('2026/03/10/[$LATEST]9d8e7f6a5b4c4d3e8f2a1b0c9d8e7f6a');
  });

  it('reads the short format, with the message time when more precise and the file kept in order', async () => {
    const { events, problems } = await readAll(fixture('tail-short.log'), 'logs/x.log');
    expect(problems).toEqual([]);
    expect(events.map((e) => e.timestamp)).toEqual([
      T('2026-03-10T14:04:37.000Z'),
      T('2026-03-10T14:04:37.491Z'),
      T('2026-03-10T14:04:40.486Z'),
      T('2026-03-10T14:04:40.486Z'),
      T('2026-03-10T14:04:40.486Z'),
    ]);
    expect(events[4]?.message).toMatch(/\t\nXRAY TraceId: /);
    expect(events.every((e) => e.logStream === undefined)).toBe(true);
  });

  it('reads the json format, whose pretty message starts on the next line', async () => {
    const text = [
      `2026-03-10T14:04:37+00:00 ${STREAM}`,
      '{',
      '    "timestamp": "2026-03-10T14:04:37.000Z",',
      '    "level": "ERROR",',
      '    "message": "boom"',
      '}',
      `2026-03-10T14:04:38.250000+00:00 ${STREAM} END RequestId: ${RID}`,
    ].join('\n');
    const { events } = await readAll(tmp.write('tail-json.log', text), 'logs/x.log');
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]?.message ?? '')).toEqual({ timestamp: '2026-03-10T14:04:37.000Z', level: 'ERROR', message: 'boom' });
    expect(events[1]?.timestamp).toBe(T('2026-03-10T14:04:38.250Z'));
  });

  it('strips colour codes of a tail run with --color on', async () => {
    const line = `\x1b[32m2026-03-10T14:04:37.486000+00:00\x1b[0m \x1b[36m${STREAM}\x1b[0m START RequestId: ${RID} Version: $LATEST`;
    const { events } = await readAll(tmp.write('color.log', line), 'logs/x.log');
    expect(events[0]).toMatchObject({ logStream: STREAM, message: `START RequestId: ${RID} Version: $LATEST` });
  });
});

describe('plain text, one message per line', () => {
  it('takes the time from Python lines; tracebacks and the XRAY line continue their message', async () => {
    const { events, problems } = await readAll(fixture('plain-python.txt'), 'logs/x.txt');
    expect(problems).toEqual([]);
    const starts = ['START RequestId: ', '[INFO]\t2026-03-10T14:05:02.125Z', '[ERROR] ClientError: ', 'END RequestId: ', 'REPORT RequestId: ', '[ERROR]\t2026-03-10T14:05:03.010Z', '[INFO]\t2026-03-10T14:05:03.020Z'];
    expect(events).toHaveLength(starts.length);
    starts.forEach((start, i) => expect(events[i]?.message.startsWith(start)).toBe(true));
    // The START line before any time takes the first time of the file.
    expect(events[0]?.timestamp).toBe(T('2026-03-10T14:05:02.125Z'));
    expect(events[3]?.timestamp).toBe(T('2026-03-10T14:05:02.125Z'));
    expect(events[2]?.message.split('\n')).toHaveLength(4);
    expect(events[4]?.message).toMatch(/\t\nXRAY TraceId: 1-65edbf2e-/);
    expect(events[5]?.message.split('\n').at(-1)).toBe(
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://sns.us-east-1.amazonaws.com/"',
    );
    expect(events[5]?.timestamp).toBe(T('2026-03-10T14:05:03.010Z'));
  });

  it('joins a Java stack trace (CRLF file) to its log line', async () => {
    const { events, problems } = await readAll(fixture('plain-java.log'), 'logs/x.log');
    expect(problems).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]?.message.split('\n')).toHaveLength(6);
    expect(events[0]?.message).not.toContain('\r');
    expect(events[0]?.timestamp).toBe(T('2026-03-10T14:06:11Z'));
  });

  it('reads Node lines and execution log lines; an untimed line takes the previous time', async () => {
    const text = [
      `2026-03-10T14:04:37.491Z\t${RID}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')"}`,
      '(a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d) Method completed with status: 502',
    ].join('\n');
    const { events } = await readAll(tmp.write('node.txt', text), 'logs/x.txt');
    expect(events.map((e) => e.timestamp)).toEqual([T('2026-03-10T14:04:37.491Z'), T('2026-03-10T14:04:37.491Z')]);
  });

  it('gives time 0 when no line of the file has a time', async () => {
    const { events } = await readAll(tmp.write('untimed.txt', 'START RequestId: x Version: $LATEST\nEND RequestId: x\n'), 'logs/x.txt');
    expect(events.map((e) => e.timestamp)).toEqual([0, 0]);
  });

  it('does not take "[ERROR]" or "[INFO]" lines for JSON', () => {
    expect(routeFor(Buffer.from('[ERROR]\t2026-03-10T14:05:02.125Z\tid\tboom\n'), true)).toBe('text');
    expect(routeFor(Buffer.from('[\n  {"@timestamp": "x"}]'), true)).toBe('json');
    expect(routeFor(Buffer.from('{"events":[]}\n'), true)).toBe('json');
    expect(routeFor(Buffer.from('{"timestamp":1,"message":"a"}\n'), true)).toBe('text');
    expect(routeFor(Buffer.from('   \n\t'), true)).toBe('empty');
    expect(routeFor(Buffer.from('{"ev'), false)).toBeUndefined();
  });
});

describe('encodings and compression', () => {
  const json = readFileSync(fixture('filter-log-events-lambda.json'));
  const tail = readFileSync(fixture('tail-detailed.log'));
  const utf16le = (b: Buffer): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]);
  const utf16be = (b: Buffer): Buffer => {
    const le = Buffer.from(b.toString('utf8'), 'utf16le');
    return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
  };
  const cases: [string, Buffer, Buffer][] = [
    ['gzip', json, gzipSync(json)],
    ['a UTF-8 BOM', json, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json])],
    ['UTF-16 LE with BOM (PowerShell >)', json, utf16le(json)],
    ['UTF-16 BE with BOM', json, utf16be(json)],
    ['UTF-16 LE without BOM', json, Buffer.from(json.toString('utf8'), 'utf16le')],
    ['gzip of UTF-16 tail output', tail, gzipSync(utf16le(tail))],
    ['two gzip members', json, Buffer.concat([gzipSync(json.subarray(0, 1000)), gzipSync(json.subarray(1000))])],
  ];
  for (const [name, plain, encoded] of cases) {
    it(`reads ${name} like the plain file`, async () => {
      const expected = await readAll(tmp.write(`plain-${name}.json`, plain));
      const actual = await readAll(tmp.write(`encoded-${name}.json`, encoded));
      expect(actual.problems).toEqual([]);
      expect(actual.events).toEqual(expected.events);
      expect(actual.events.length).toBeGreaterThan(5);
    });
  }

  it('reads a truncated .gz up to where it ends and says so', async () => {
    const gz = gzipSync(json);
    const { events, problems } = await readAll(tmp.write('cut.json.gz', gz.subarray(0, Math.floor(gz.length * 0.8))), 'logs/cut.json.gz');
    expect(events.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/gzip data ends early[\s\S]*truncated after \d+ events/);
  });

  it('stops at a zero-filled end (crash while writing) and keeps what came before', async () => {
    const zeroed = Buffer.concat([json.subarray(0, 1500), Buffer.alloc(20_000)]);
    const { events, problems } = await readAll(tmp.write('zeroed.json', zeroed));
    expect(events.length).toBeGreaterThan(0);
    expect(problems[0]?.message).toMatch(/turns binary at byte 1500/);
  });

  it('reports binary content, archives and other compressions without reading them', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const [name, content, pattern] of [
      ['random.log', bytes, /not text: binary content/],
      ['bundle.json', Buffer.concat([Buffer.from('PK\x03\x04'), bytes]), /ZIP archive/],
      ['x.log', Buffer.concat([Buffer.from('BZh91AY&SY'), bytes]), /bzip2/],
      ['u32.json', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), /UTF-32/],
    ] as const) {
      const { events, problems } = await readAll(tmp.write(name, content), `logs/${name}`);
      expect(events).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.message).toMatch(pattern);
      expect(problems[0]?.message.startsWith(`logs/${name}: `)).toBe(true);
    }
  });
});

describe('bad input', () => {
  it('reports an empty file', async () => {
    for (const content of ['', '  \n\n', '\ufeff']) {
      const { events, problems } = await readAll(tmp.write('empty.json', content), 'logs/empty.json');
      expect(events).toEqual([]);
      expect(problems).toEqual([{ file: 'logs/empty.json', message: 'logs/empty.json: empty file — skipped' }]);
    }
  });

  it('reports a missing file instead of throwing', async () => {
    const { events, problems } = await readAll(path.join(tmp.dir, 'nope.json'), 'logs/nope.json');
    expect(events).toEqual([]);
    expect(problems[0]?.message).toMatch(/^logs\/nope\.json: could not be read \(ENOENT\)/);
  });

  it('yields the complete events of a truncated file, then says where it stopped', async () => {
    const text = readFileSync(fixture('filter-log-events-lambda.json'), 'utf8');
    const cut = text.slice(0, text.indexOf('"message": "END'));
    const { events, problems } = await readAll(tmp.write('cut.json', cut), 'logs/cut.json');
    expect(events).toHaveLength(4);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^logs\/cut\.json: truncated after 4 events \(the JSON ends 3 levels deep, in "\{/);
  });

  it('reads a bare JSON record as one message, so that content decides what it is (JSON Lines exports of access logs)', async () => {
    const record = { requestId: 'c1cfb544-c9ab-4168-9989-7ecd38096be1', requestTime: '17/Sep/2026:14:27:24 +0000', status: '502', httpMethod: 'GET' };
    const { events, problems } = await readAll(tmp.write('access.jsonl', `${JSON.stringify(record)}\n${JSON.stringify(record)}\n`), 'logs/access.jsonl');
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0]?.message ?? '{}')).toEqual(record);
    expect(events[0]?.timestamp).toBe(Date.parse('2026-09-17T14:27:24Z'));
    // "status" of a record is not a Logs Insights query status.
    expect(problems).toEqual([]);
  });

  it('reports a JSON value that is no record at all', async () => {
    const { events, problems } = await readAll(tmp.write('list.json', JSON.stringify([[1, 2], [3]])), 'logs/list.json');
    expect(events).toEqual([]);
    expect(problems.length).toBeGreaterThan(0);
  });

  it('skips elements that are not events and counts them once', async () => {
    const doc = { events: [1, 'x', { timestamp: 1773151477296, message: 'ok' }, { foo: 1 }, [], null] };
    const { events, problems } = await readAll(tmp.write('elements.json', JSON.stringify(doc)), 'logs/e.json');
    expect(events.map((e) => e.message)).toEqual(['ok']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/5 elements of "events"\/"results" are not a log event — skipped/);
  });

  it('skips an event over the size limit and keeps reading', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const doc = `{"events":[{"timestamp":1773151477296,"message":"a"},{"timestamp":1773151477297,"message":"${huge}"},{"timestamp":1773151477298,"message":"b"}]}`;
    const { events, problems } = await readAll(tmp.write('huge-event.json', doc), 'logs/h.json');
    expect(events.map((e) => e.message)).toEqual(['a', 'b']);
    expect(problems[0]?.message).toMatch(/1 event longer than 2 MiB skipped/);
  });

  it('skips a line over 1 MiB and keeps reading', async () => {
    const text = `2026-03-10T14:04:37.296Z\tid\tINFO\tbefore\n${'y'.repeat(3 * 1024 * 1024)}\n2026-03-10T14:04:38.296Z\tid\tINFO\tafter\n`;
    const { events, problems } = await readAll(tmp.write('huge-line.log', text), 'logs/h.log');
    expect(events.map((e) => e.message.slice(-6))).toEqual(['before', '\tafter']);
    expect(problems[0]?.message).toMatch(/1 line longer than 1 MiB skipped/);
  });

  it('resumes after a line that ends inside a string (a cut line in pretty output)', async () => {
    const text = readFileSync(fixture('filter-log-events-lambda.json'), 'utf8');
    const lines = text.split('\n');
    const broken = lines.map((l) => (l.includes('"message": "END') ? l.slice(0, 40) : l)).join('\n');
    const { events, problems } = await readAll(tmp.write('cutline.json', broken), 'logs/c.json');
    expect(events.map((e) => e.message.slice(0, 6))).toEqual(['INIT_S', 'START ', '2026-0', '2026-0', 'REPORT']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/broken JSON/);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const problems: { file: string; message: string }[] = [];
    for await (const event of readLogFile(fixture('filter-log-events-lambda.json'), 'logs/x.json', undefined, problems)) {
      expect(event.message).toMatch(/^INIT_START/);
      break;
    }
    expect(problems).toEqual([]);
  });
});
