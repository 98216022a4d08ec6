import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../model/diagnosis.ts';
import { ROOT_CAUSE_IDS } from '../model/rootCauses.ts';
import { renderText } from './renderText.ts';
import { sampleDiagnosis, THROTTLE_REQUEST_ID, TIMEOUT_REQUEST_ID } from './sampleDiagnosis.ts';

const ESC = '\u001b';
const stripAnsi = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('renderText', () => {
  const plain = renderText(sampleDiagnosis(), { color: false });

  it('opens with the root cause, the API, its stage and type, and what happened', () => {
    const [first, second] = plain.split('\n');
    expect(first).toBe('Lambda function timed out [lambda-timeout]');
    expect(second).toBe('API a1b2c3d4e5 (orders-api) · stage prod · REST API');
    expect(plain).toContain('orders-create ran into its 6 s timeout on 400 POST /orders requests');
    expect(plain).toMatch(/^Confidence +high \(0\.93\)$/m);
  });

  it('gives the failing requests: total, onset, last, status codes and top routes', () => {
    expect(plain).toMatch(/^Failing +412 requests, counted from the access log$/m);
    expect(plain).toMatch(/^Onset +2026-11-24T10:02:11\.000Z$/m);
    expect(plain).toMatch(/^Last +2026-11-24T10:14:40\.000Z \(12m 29s after onset\)$/m);
    expect(plain).toMatch(/^Status +502 ×400 {2}503 ×12$/m);
    expect(plain).toMatch(/^Top routes +POST \/orders ×400 {2}GET \/orders\/\{id\} ×12$/m);
    expect(plain).toContain(`${TIMEOUT_REQUEST_ID}, ${THROTTLE_REQUEST_ID}`);
    expect(plain).toContain('(+1 more)');
    expect(plain).toContain('orders-api-prod-5xx (ALARM at 2026-11-24T10:07:00.000Z on AWS/ApiGateway 5XXError)');
  });

  it('lists each finding with its count, routes, functions, alternatives and numbered remediation', () => {
    expect(plain).toContain('FINDINGS (2)');
    expect(plain).toContain('1. Lambda function timed out [lambda-timeout]');
    expect(plain).toContain('400 of 412 failing requests · confidence high (0.93)');
    expect(plain).toContain('2. A dependency of the function failed [downstream-dependency-failure]');
    expect(plain).toContain('12 of 412 failing requests · confidence medium (0.71)');
    expect(plain).toMatch(/^ {3}Routes +POST \/orders$/m);
    expect(plain).toMatch(/^ {3}Functions +orders-get$/m);
    expect(plain).toMatch(/^ {3}Alternatives integration-timeout \(API Gateway integration timeout\) low \(0\.12\)$/m);
    expect(plain).toMatch(/^ {5}1\. Raise orders-create's timeout back above its real duration/m);
    expect(plain).toMatch(/^ {5}2\. Find what made the function slow/m);
    expect(plain).toMatch(/^ {5}3\. Alarm on the function's Duration p99/m);
    expect(plain).toMatch(/^ {5}2\. Retry throttled writes with backoff in orders-get/m);
    expect(plain.indexOf('1. Lambda function timed out')).toBeLessThan(plain.indexOf('2. A dependency of the function failed'));
  });

  it('shows at most four evidence excerpts per finding, with source, time and request id', () => {
    expect(plain).toContain('Evidence (4 of 5; the JSON output has them all)');
    expect(plain).toContain(`[execution-log] · 2026-11-24T10:02:17.514Z · request ${TIMEOUT_REQUEST_ID}`);
    expect(plain).toMatch(/^ {7}\| .*Task timed out after 6\.01$/m);
    expect(plain).toContain('Status: timeout');
    // The fifth item (the access-log line) is left to the JSON output.
    expect(plain).not.toContain('"ip":"203.0.113.7"');
  });

  it('trims a long traceback to its head and its last line', () => {
    expect(plain).toContain('| [ERROR]  2026-11-24T10:06:02.118Z');
    expect(plain).toMatch(/\| … \d+ more lines …/);
    expect(plain).toContain('| botocore.errorfactory.ProvisionedThroughputExceededException: An error occurred');
    expect(plain).not.toContain('File "/var/runtime/boto3/resources/factory.py"');
  });

  it('gives suspect changes relative to the onset, then gaps, unmatched evidence and the stats', () => {
    expect(plain).toContain('2026-11-24T09:58:02.000Z (4m 9s before onset) · cloudtrail');
    expect(plain).toContain('UpdateFunctionConfiguration20150331v2 on orders-create: Timeout 30 → 6 — by');
    expect(plain).toContain('Deployment k3j2h1 to stage prod: "release 2026.11.24-1"');
    expect(plain).toMatch(/^ {2}! Execution logging on stage prod is at ERROR level/m);
    expect(plain).toMatch(/^ {2}! changes\/cloudtrail-2\.json: not JSON/m);
    expect(plain).toContain('lambda-log errors with no API request: 3');
    expect(plain).toContain('e.g. 2026-11-24 10:03:01.221 | WARN | HikariPool-1');
    expect(plain.trimEnd().split('\n').at(-1)).toBe('Read 14 files (1 skipped), 4,812 events, 1.2 MB · diagnosis schema v1');
    const order = ['FINDINGS', 'SUSPECT CHANGES', 'GAPS', 'UNMATCHED', 'Read 14 files'].map((heading) => plain.indexOf(heading));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('has no colour codes when color is false, and bold/red/yellow/dim when true', () => {
    expect(plain).not.toContain(ESC);
    const colored = renderText(sampleDiagnosis(), { color: true });
    expect(colored).toContain(`${ESC}[1mLambda function timed out [lambda-timeout]${ESC}[22m`);
    expect(colored).toContain(`${ESC}[31m502 ×400${ESC}[39m`);
    expect(colored).toContain(`${ESC}[33m  ! Execution logging on stage prod`);
    expect(colored).toContain(`${ESC}[2mRead 14 files`);
    // Colour changes nothing else.
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('does not colour 4xx status codes red', () => {
    const d = sampleDiagnosis();
    d.failingRequests.byStatus = { '429': 3, '504': 1 };
    const colored = renderText(d, { color: true });
    expect(colored).toContain(`${ESC}[31m504 ×1${ESC}[39m`);
    expect(colored).not.toContain(`${ESC}[31m429`);
  });

  it('shows low confidence honestly and says what an insufficient-evidence result lacks', () => {
    const low = sampleDiagnosis();
    low.rootCause.confidence = 0.35;
    expect(renderText(low, { color: false })).toMatch(/^Confidence +low \(0\.35\) — a lead, not an answer/m);

    const none: Diagnosis = {
      ...sampleDiagnosis(),
      rootCause: { id: 'insufficient-evidence', title: 'Not enough evidence to decide', confidence: 0.2, summary: 'Execution logging is off and no Lambda log was in the bundle.' },
      findings: [],
      suspectChanges: [],
      unmatched: [],
    };
    const text = renderText(none, { color: false });
    expect(text).toContain('Not enough evidence to decide [insufficient-evidence]');
    expect(text).toContain('the evidence that would decide it is missing; see the gaps');
    expect(text).toContain('No finding stood up');
    expect(text).toContain('none found before the failures');
    expect(text).not.toContain('UNMATCHED');
  });

  it('strips terminal escapes and control characters that came from log content', () => {
    const d = sampleDiagnosis();
    const [first] = d.findings;
    if (first === undefined) throw new Error('sample has findings');
    first.evidence = [{ source: 'lambda-log', excerpt: `ERROR \u001b[2J\u001b]0;pwned\u0007cleared\u0000 the screen\r\nnext line` }];
    d.gaps = ['bad \u001b[31mred\u001b[0m gap'];
    const text = renderText(d, { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain('\u0000');
    expect(text).not.toContain('\r');
    expect(text).toContain('| ERROR cleared the screen');
    expect(text).toContain('| next line');
    expect(text).toContain('bad red gap');
  });

  it('wraps to the given width', () => {
    for (const width of [40, 60, 80, 120]) {
      const lines = renderText(sampleDiagnosis(), { color: true, width }).split('\n').map(stripAnsi);
      expect(lines.filter((line) => line.length > width)).toEqual([]);
    }
  });

  it('never throws, never overflows and never lets a control character through, whatever the strings hold', () => {
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\n', '\t', '\r', ' ', '|', '`', '\u202e', 'é'), fc.integer({ min: 0, max: 0x2fff }).map((code) => String.fromCodePoint(code))), maxLength: 300 });
    fc.assert(
      fc.property(anyText, anyText, anyText, fc.integer({ min: 40, max: 200 }), fc.double({ noNaN: false }), (a, b, c, width, confidence) => {
        const d = sampleDiagnosis();
        d.rootCause = { id: 'lambda-timeout', title: a, confidence, summary: b };
        d.api.name = c;
        d.failingRequests.byRoute = { [a]: 3, [c]: 2 };
        d.gaps = [b];
        d.unmatched = [{ kind: a, count: 1, example: c }];
        d.suspectChanges = [{ time: a, what: b, who: c, source: 'cloudtrail' }];
        const [first] = d.findings;
        if (first !== undefined) first.evidence = [{ source: 'xray', excerpt: `${a}\n${b}\n${c}`, requestId: c }];
        const text = renderText(d, { color: false, width });
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
        expect(text.split('\n').filter((line) => line.length > width)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('renders every root-cause id', () => {
    for (const id of ROOT_CAUSE_IDS) {
      const d = sampleDiagnosis();
      d.rootCause.id = id;
      expect(renderText(d, { color: false })).toContain(`[${id}]`);
    }
  });
});
